"""Anyone can see how many inputs a call has received per stakeholder group and per regional group (counts
only, small numbers hidden), to invite the groups that are missing."""

import re

import pytest
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization

from submissions.services import submission_withdraw
from tests.factories import stakeholder_group
from tests.intake import form_data
from tests.review.conftest import received_input

pytestmark = pytest.mark.django_db


def rows(html: str) -> dict[str, str]:
    """Each table row's heading and its count, as the reader sees them."""
    found = re.findall(r'<th scope="row">([^<]+)</th><td class="num">([^<]+)</td>', html)
    return {heading.strip(): count.strip() for heading, count in found}


@pytest.fixture
def received(client, call):
    """Three governments of Eastern Europe and one intergovernmental organisation confirmed; one input
    never confirmed and one withdrawn, which count nowhere."""
    for _ in range(3):
        received_input(client, call, organisation="Qmarkorganisation", general_comment="Qmarkwords")
    received_input(client, call, stakeholder_group=stakeholder_group("IGO").pk, country=None, is_official=None)
    client.post(f"{call.url}submit/", form_data(call, contact_email="never@example.org"))
    submission_withdraw(submission=received_input(client, call, contact_email="gone@example.org"))
    return call


def test_the_page_counts_confirmed_inputs_and_shows_nothing_else(client, received):
    page = client.get(f"{received.url}participation/")
    html = page.content.decode()

    assert page.status_code == 200
    assert "4 confirmed inputs received." in html
    counts = rows(html)
    assert counts["Government"] == "3" and counts["Eastern European States"] == "3"
    assert counts["Intergovernmental organisation"] == "fewer than 3"  # one IGO: not pointed at
    assert counts["No country (for example intergovernmental organisations)"] == "fewer than 3"
    assert counts["Civil society"] == "0" and counts["African States"] == "0"  # the groups to invite
    assert '<caption id="by-group-caption">' in html and '<th scope="col"' in html
    for private in ("Qmarkorganisation", "Qmarkwords", "Peter Major", "peter@example.org", "WGIGF-"):
        assert private not in html


def test_a_new_confirmation_shows_at_once_and_an_unchanged_page_is_revalidated(client, received):
    url = f"{received.url}participation/"
    first = client.get(url)
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    received_input(client, received)

    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and "5 confirmed inputs received." in again.content.decode()


def test_the_call_page_and_the_statistics_link_to_it_in_the_readers_language(client, received, call_index):
    from home.models import InputIndexPage

    call_index.get_parent().add_child(instance=InputIndexPage(title="Published inputs", slug="inputs"))
    default = Locale.get_default()
    french, _ = Locale.objects.get_or_create(language_code="fr")
    LocaleSynchronization.objects.get_or_create(locale=french, defaults={"sync_from": default})

    for page in ("/fr/calls/improvements/", "/fr/inputs/statistics/"):
        html = client.get(page).content.decode()
        assert 'href="/fr/calls/improvements/participation/"' in html, page
    french_page = client.get("/fr/calls/improvements/participation/")
    html = french_page.content.decode()
    assert french_page.status_code == 200 and 'lang="fr"' in html
    html = re.sub(r'<nav[^>]*class="language-switcher".*?</nav>', "", html, flags=re.S)  # names every language
    links = [link for link in re.findall(r'href="(/[^"]*)"', html) if not link.startswith("/static/")]
    assert "/fr/calls/improvements/" in links and all(link.startswith("/fr/") for link in links)
