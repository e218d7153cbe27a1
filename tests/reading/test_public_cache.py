"""Anonymous public pages come from the cache, and no cached copy outlives a change to what they show."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import InputIndexPage
from review.services import passage_create, passage_redact, review_status_set

pytestmark = pytest.mark.django_db


def fetched(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def test_a_second_reader_gets_the_cached_page_and_a_new_input_shows_at_once(client, published):
    first = published()
    rendered, rendering_cost = fetched(client, "/en/inputs/")
    cached, cached_cost = fetched(client, "/en/inputs/")
    assert cached.content == rendered.content and cached_cost < rendering_cost

    second = published()
    html = client.get("/en/inputs/").content.decode()
    assert first.reference in html and second.reference in html


def test_an_input_taken_down_is_gone_at_once_from_every_cached_page(client, published):
    submission = published(general_comment="Visible words and Qtakedown words.")
    for url in (f"/en/inputs/{submission.reference}/", "/en/inputs/", "/en/inputs/feed/"):
        assert submission.reference in client.get(url).content.decode()

    passage = passage_create(submission=submission, source="general_comment", excerpt="Qtakedown", by=published.admin)
    passage_redact(passage=passage, reason="Personal data", by=published.admin)
    assert "Qtakedown" not in client.get(f"/en/inputs/{submission.reference}/").content.decode()

    review_status_set(submission=submission, status="not_published", reason="out_of_scope", by=published.admin)
    assert client.get(f"/en/inputs/{submission.reference}/").status_code == 404
    for url in ("/en/inputs/", "/en/inputs/feed/", "/en/inputs/statistics/"):
        assert submission.reference not in client.get(url).content.decode(), url


def test_a_browser_holding_the_page_is_told_it_has_not_changed(client, published):
    published()
    response = client.get("/en/inputs/statistics/")
    etag = response["ETag"]
    assert "no-cache" in response["Cache-Control"]

    unchanged = client.get("/en/inputs/statistics/", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.content == b""

    published()
    changed = client.get("/en/inputs/statistics/", headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_a_page_edited_and_published_in_the_admin_shows_at_once(client, published):
    published()
    client.get("/en/inputs/")
    index = InputIndexPage.objects.get()
    index.intro = "<p>Read what the world said.</p>"
    index.save_revision().publish()
    assert "Read what the world said." in client.get("/en/inputs/").content.decode()


def test_a_signed_in_reviewer_is_never_served_a_cached_copy(client, published):
    published()
    client.get("/en/inputs/")
    client.force_login(published.admin)
    response, cost = fetched(client, "/en/inputs/")
    assert "ETag" not in response and cost > 5


def test_reference_data_edited_in_the_admin_shows_at_once_on_cached_pages(client, published):
    from reference.models import Country

    published()  # from Hungary
    assert "Hungary" in client.get("/en/inputs/").content.decode()
    hungary = Country.objects.get(iso3="HUN")
    client.force_login(published.admin)
    edited = client.post(
        f"/admin/snippets/reference/country/edit/{hungary.pk}/",
        {
            "name": "Hungary (edited)",
            "iso3": "HUN",
            "regional_group": hungary.regional_group_id,
            "is_member_state": "on",
        },
    )
    assert edited.status_code == 302
    client.logout()
    assert "Hungary (edited)" in client.get("/en/inputs/").content.decode()
