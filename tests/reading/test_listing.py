"""The published inputs listing: filters by code with counts, both orders, pages both ways, constant cost."""

import re

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reading import listing
from reference.models import Country
from review.services import mapping_create, passage_create
from tests.factories import SubTopicFactory, stakeholder_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(call, published):
    """A government (Hungary, on A), civil society (Brazil, in French, on B.1), an IGO (on A and B)."""
    area_a, area_b = (question.topic_area for question in call.questions.order_by("pk"))
    sub_topic = SubTopicFactory(topic_area=area_b, code="B.1", title="Working methods")
    government = published()
    civil_society = published(
        stakeholder_group=stakeholder_group("CIVIL_SOCIETY").pk,
        country=Country.objects.get(iso3="BRA").pk,
        is_official=None,
        official_role="",
        language="fr",
    )
    passage = passage_create(submission=civil_society, source="answer", excerpt="tangible outputs", by=published.admin)
    civil_society.mappings.all().delete()
    mapping_create(
        submission=civil_society, topic_area=area_b, sub_topic=sub_topic, passage=passage, by=published.admin
    )
    igo = published(stakeholder_group=stakeholder_group("IGO").pk, country="", is_official=None, official_role="")
    mapping_create(submission=igo, topic_area=area_b, by=published.admin)
    return {"government": government, "civil_society": civil_society, "igo": igo}


def listed(client, **params) -> tuple[list[str], str]:
    response = client.get("/en/inputs/", params)
    assert response.status_code == 200
    html = response.content.decode()
    return re.findall(r'class="card__title"><a href="/en/inputs/([^/]+)/"', html), html


def option(html: str, name: str, value: str) -> str | None:
    """The label of the choice `value` of the select `name`, or None when it is not offered."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    found = re.search(rf'<option value="{re.escape(value)}"[^>]*>([^<]*)</option>', select)
    return found.group(1) if found else None


def test_each_filter_is_a_code_in_the_url_and_keeps_only_what_matches(client, three):
    government, civil_society, igo = three["government"], three["civil_society"], three["igo"]
    cases = {
        "stakeholder_group=GOVERNMENT": {government},
        "country=BRA": {civil_society},
        "regional_group=EASTERN_EUROPEAN": {government},
        "topic_area=B": {civil_society, igo},
        "sub_topic=B.1": {civil_society},
        "language=fr": {civil_society},
        "official=on": {government},
        "call=improvements": {government, civil_society, igo},
        "topic_area=A&stakeholder_group=IGO": {igo},
    }
    for query, expected in cases.items():
        references, html = listed(client, **dict(pair.split("=") for pair in query.split("&")))
        assert set(references) == {item.reference for item in expected}, query
        assert f"{len(expected)} published input" in html, query


def test_each_choice_says_how_many_inputs_it_would_give_with_the_other_filters_applied(client, three):
    _references, everything = listed(client)
    assert option(everything, "stakeholder_group", "GOVERNMENT") == "Government (1)"
    assert option(everything, "topic_area", "B").endswith("(2)")
    assert option(everything, "sub_topic", "B.1").endswith("(1)")
    assert option(everything, "country", "BRA") == "Brazil (1)"
    assert option(everything, "country", "FRA") is None  # a choice that would give nothing is not offered
    assert "Official submissions only (1)" in everything

    _references, on_a = listed(client, topic_area="A")
    assert option(on_a, "stakeholder_group", "CIVIL_SOCIETY") is None  # civil society said nothing on A
    assert option(on_a, "stakeholder_group", "IGO") == "Intergovernmental organisation (1)"
    assert option(on_a, "topic_area", "B").endswith("(2)")  # its own filter left out: the other areas stay


def test_a_filter_that_is_not_a_known_code_is_named_and_left_out(client, three):
    references, html = listed(client, country="XXX", language="fr")
    assert references == [three["civil_society"].reference]
    assert "These filters could not be understood and were left out: Country." in html
    refused = client.get("/en/inputs/download/csv/", {"country": "XXX"})
    assert refused.status_code == 400 and "Country" in refused.content.decode()


def test_pages_go_forward_and_back_in_either_order_without_offsets(client, published, monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    made = [published().reference for _ in range(5)]  # oldest first

    def pages(sort: str) -> list[list[str]]:
        seen, href = [], "?sort=" + sort
        while href:
            references, html = listed(client, **dict(pair.split("=") for pair in href[1:].split("&")))
            seen.append(references)
            found = re.search(r'href="(\?[^"]+)" rel="next"', html)
            href = found.group(1).replace("&amp;", "&") if found else ""
        back = re.search(r'href="(\?[^"]+)" rel="prev"', html).group(1).replace("&amp;", "&")
        previous, _html = listed(client, **dict(pair.split("=") for pair in back[1:].split("&")))
        assert previous == seen[-2]
        return seen

    assert pages("newest") == [made[4:2:-1], made[2:0:-1], made[0:1]]
    assert pages("oldest") == [made[0:2], made[2:4], made[4:5]]


def test_search_results_show_their_words_in_context(client, published):
    published(general_comment="Remote participants need captioning in every main session.")
    _references, html = listed(client, q="participant")
    assert "<mark>participants</mark> need captioning" in html


def test_the_listing_costs_the_same_queries_for_one_input_or_a_full_page(client, published, monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 5)
    published()

    def queries(**params) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/inputs/", params).status_code == 200
        return len(captured)

    one, one_searched = queries(), queries(q="tangible", topic_area="A")
    for _ in range(listing.PAGE_SIZE):
        published()
    assert queries() == one and queries(q="tangible", topic_area="A") == one_searched
