"""The published facts (reading.facts) follow every change of publication inside the publishing transaction,
and the listing and the API read from them exactly what the direct query over inputs, reviews and mappings
gives: the same pages, the same counts."""

import pytest

from django.core.cache import cache
from django.core.management import call_command

from reading import listing
from reading.models import PublishedCount, PublishedFact, PublishedFactGroup
from reference.models import Country
from review.models import ReviewStatus
from review.official import official_revoke, official_verify
from review.publication import published_submissions
from review.redactions import passage_redact
from review.services import (
    mapping_create,
    mapping_delete,
    passage_create,
    review_status_set,
)
from submissions.services import submission_withdraw
from tests.factories import SubTopicFactory, stakeholder_group
from tests.review.test_submitter_edits import edit

pytestmark = pytest.mark.django_db


def facts_stored() -> dict:
    return {
        fact.pk: (
            fact.call_id,
            fact.stakeholder_group_id,
            fact.country_id,
            fact.regional_group_id,
            fact.language,
            fact.official,
            sorted(fact.topic_areas),
            sorted(fact.sub_topics),
        )
        for fact in PublishedFact.objects.all()
    }


def facts_expected() -> dict:
    """What the facts must say, straight from the inputs, reviews and mappings."""
    return {
        item.pk: (
            item.call_id,
            item.stakeholder_group_id,
            item.country_id,
            item.country.regional_group_id if item.country else None,
            item.language,
            item.official_verified,
            sorted({mapping.topic_area_id for mapping in item.mappings.all()}),
            sorted({mapping.sub_topic_id for mapping in item.mappings.all() if mapping.sub_topic_id}),
        )
        for item in published_submissions().prefetch_related("mappings")
    }


def counts_kept() -> set:
    return set(
        PublishedCount.objects.exclude(count=0).values_list("given_facet", "given_value", "facet", "value", "count")
    )


def groups_kept() -> set:
    fields = ["call_id", "stakeholder_group_id", "country_id", "regional_group_id", "language", "official"]
    return {
        (*(getattr(group, field) for field in fields), tuple(group.topic_areas), tuple(group.sub_topics), group.count)
        for group in PublishedFactGroup.objects.exclude(count=0)
    }


def assert_facts_exact():
    """The facts are the published inputs', and the kept counts are those a rebuild from scratch gives."""
    assert facts_stored() == facts_expected()
    kept, groups = counts_kept(), groups_kept()
    call_command("published_facts_rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert counts_kept() == kept
    assert groups_kept() == groups
    assert facts_stored() == facts_expected()


def test_the_facts_follow_every_change_of_publication(client, call, published):
    admin = published.admin
    area_a, area_b = (question.topic_area for question in call.questions.order_by("pk"))
    official = published(general_comment="Call me on 555-0199 please.")  # Hungary's focal point: verified
    igo = published(stakeholder_group=stakeholder_group("IGO").pk, country="", is_official=None, official_role="")
    assert set(facts_stored()) == {official.pk, igo.pk}
    assert PublishedFact.objects.get(pk=official.pk).official
    assert_facts_exact()

    # re-mapped: a second topic area with a sub-topic, then the first taken away
    sub_topic = SubTopicFactory(topic_area=area_b, code="B.1", title="Working methods")
    mapping_create(submission=igo, topic_area=area_b, sub_topic=sub_topic, by=admin)
    mapping_create(submission=igo, topic_area=area_b, by=admin)  # mapped twice to B: counted once
    assert PublishedFact.objects.get(pk=igo.pk).topic_areas == sorted([area_a.pk, area_b.pk])
    assert_facts_exact()
    mapping_delete(mapping=igo.mappings.get(topic_area=area_a), by=admin)
    assert PublishedFact.objects.get(pk=igo.pk).topic_areas == [area_b.pk]
    assert PublishedFact.objects.get(pk=igo.pk).sub_topics == [sub_topic.pk]
    assert_facts_exact()

    # a redaction changes no fact; the input stays listed
    passage = passage_create(submission=official, source="general_comment", excerpt="555-0199", by=admin)
    passage_redact(passage=passage, reason="Personal data", by=admin)
    assert official.pk in facts_stored()
    assert_facts_exact()

    # the official mark follows the secretariat's verification
    official_revoke(submission=official, reason="Not the focal point after all", by=admin)
    assert not PublishedFact.objects.get(pk=official.pk).official
    official_verify(submission=official, reason="Confirmed by the mission", by=admin)
    assert PublishedFact.objects.get(pk=official.pk).official
    assert_facts_exact()

    # unpublished, published again
    review_status_set(submission=igo, status=ReviewStatus.NOT_PUBLISHED, reason="spam", by=admin)
    assert igo.pk not in facts_stored()
    assert_facts_exact()

    # withdrawn by the submitter
    withdrawn = published(contact_email="withdrawn@example.org", language="fr")
    assert withdrawn.pk in facts_stored()
    submission_withdraw(submission=withdrawn)
    assert withdrawn.pk not in facts_stored()
    assert_facts_exact()

    # edited through the private link: back into review, off the facts
    edited = published(contact_email="edited@example.org")
    response = edit(client, call, edited, general_comment="A new comment.")
    assert response.status_code == 302
    assert edited.pk not in facts_stored()
    assert_facts_exact()

    assert set(facts_stored()) == {official.pk}
    # an input kept private is never a fact, whatever its review says
    type(official).objects.filter(pk=official.pk).update(publication="private")
    call_command("published_facts_rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert facts_stored() == facts_expected() == {}
    assert counts_kept() == groups_kept() == set()


CASES = [
    {},
    {"stakeholder_group": "GOVERNMENT"},
    {"topic_area": "B"},
    {"sub_topic": "B.1"},
    {"official": True},
    {"regional_group": "EASTERN_EUROPEAN"},
    {"topic_area": "B", "language": "fr"},
    {"topic_area": "A", "stakeholder_group": "IGO", "official": True},
    {"country": "BRA", "regional_group": "GRULAC", "sub_topic": "B.1"},
    {"q": "tangible"},
    {"q": "tangible", "topic_area": "B"},
    {"q": "outputs", "stakeholder_group": "CIVIL_SOCIETY", "language": "fr"},
    {"call": "improvements", "topic_area": "Z"},
]


def test_the_listing_counts_and_pages_equal_the_direct_query(client, call, published, monkeypatch):
    area_a, area_b = (question.topic_area for question in call.questions.order_by("pk"))
    sub_topic = SubTopicFactory(topic_area=area_b, code="B.1", title="Working methods")
    published()  # Hungary, official, on A
    french = published(
        stakeholder_group=stakeholder_group("CIVIL_SOCIETY").pk,
        country=Country.objects.get(iso3="BRA").pk,
        is_official=None,
        official_role="",
        language="fr",
        contact_email="fr@example.org",
    )
    mapping_create(submission=french, topic_area=area_b, sub_topic=sub_topic, by=published.admin)
    mapping_create(submission=french, topic_area=area_b, by=published.admin)
    igo = published(stakeholder_group=stakeholder_group("IGO").pk, country="", is_official=None, official_role="")
    mapping_create(submission=igo, topic_area=area_b, by=published.admin)
    unverified = published(
        contact_email="claims@example.org", country=Country.objects.get(iso3="FRA").pk, language="fr"
    )  # claims to be official, not verified
    assert not unverified.official_verified

    codes = listing.codes_by_id()
    for values in CASES:
        direct = listing.facet_counts_joined(published_submissions(), values)
        assert listing.facet_counts(values, codes) == direct, values
        expected = list(listing.submissions_filtered(published_submissions(), values).order_by("-pk"))
        found = list(listing.facts_filtered(listing.fact_values(values, codes), q=values.get("q", "")).order_by("-pk"))
        assert [fact.pk for fact in found] == [item.pk for item in expected], values
        cache.clear()
        api = client.get("/api/v1/inputs", {key: value for key, value in values.items() if key != "official"}).json()
        direct_api = listing.submissions_filtered(
            published_submissions(), {key: value for key, value in values.items() if key != "official"}
        )
        assert [item["reference"] for item in api["items"]] == [
            item.reference for item in direct_api.order_by("-pk")
        ], values

    # pages through the facts, two at a time: the same inputs as the direct query, none twice, no OFFSET
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    more = [published(contact_email=f"more{n}@example.org") for n in range(3)]
    everything = [item.pk for item in published_submissions().order_by("-pk")]
    seen, cursor = [], {}
    while True:
        page = listing.published_page(listing.facts_filtered({}).only("pk"), **cursor)
        seen += [row.pk for row in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == everything and more[-1].pk == seen[0]
    back = listing.published_page(listing.facts_filtered({}).only("pk"), after=seen[-1])
    assert [row.pk for row in back.items] == seen[-3:-1]
