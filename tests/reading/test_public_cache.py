"""Anonymous public pages come from the cache, and no cached copy outlives a change to what they show."""

from datetime import timedelta

import pytest
import time_machine

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import CallPage, HomePage, InputIndexPage
from reading.models import PublicVersion
from reading.public_cache import INPUTS, OUTCOMES, SITE, input_scope, public_content_changed
from review.redactions import passage_redact
from review.services import passage_create, review_status_set

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


def test_a_current_copy_is_answered_before_the_page_is_routed_with_the_same_headers(client, published):
    submission = published()
    for url in ("/en/", f"/en/inputs/{submission.reference}/", "/en/inputs/"):
        rendered, rendering_cost = fetched(client, url)
        cached, cached_cost = fetched(client, url)
        assert cached.status_code == 200 and cached.content == rendered.content, url
        assert cached_cost <= 2 < rendering_cost, (url, cached_cost, rendering_cost)
        for header in ("ETag", "Content-Type", "Content-Language", "Cache-Control", "X-Frame-Options"):
            assert cached.get(header) == rendered.get(header), (url, header)
        assert "Set-Cookie" not in cached and not cached.cookies

        with CaptureQueriesContext(connection) as queries:
            head = client.head(url)
        assert head.status_code == 200 and head["ETag"] == rendered["ETag"] and len(queries) <= 2
        unchanged, cost = fetched(client, url, **{"If-None-Match": rendered["ETag"]})
        assert unchanged.status_code == 304 and unchanged.content == b"" and cost <= 2


def test_publishing_an_input_retires_only_the_copies_that_show_it(client, published):
    first = published()
    shown_before = {url: client.get(url).content for url in ("/en/", f"/en/inputs/{first.reference}/")}
    client.get("/en/inputs/")

    second = published()
    for url, content in shown_before.items():  # still current: from the cache, before routing
        response, cost = fetched(client, url)
        assert response.content == content and cost <= 2, url
    listing, cost = fetched(client, "/en/inputs/")
    assert second.reference in listing.content.decode() and cost > 2
    assert second.reference in client.get(f"/en/inputs/{second.reference}/").content.decode()

    review_status_set(submission=first, status="not_published", reason="out_of_scope", by=published.admin)
    assert client.get(f"/en/inputs/{first.reference}/").status_code == 404
    assert first.reference not in client.get("/en/inputs/").content.decode()
    assert fetched(client, f"/en/inputs/{second.reference}/")[1] <= 2  # another input's page stays cached
    home, cost = fetched(client, "/en/")
    cache.clear()
    assert cost <= 2 and home.content == client.get("/en/").content  # the copy kept is still what renders


def test_a_page_that_shows_calls_changes_when_a_call_closes(client, published):
    published()
    assert "Open calls for input" in client.get("/en/").content.decode()
    call = CallPage.objects.get()
    with time_machine.travel(call.closes_at + timedelta(seconds=1)):
        assert "No call for input is open at the moment." in client.get("/en/").content.decode()


def test_readers_with_a_session_previews_pages_with_a_form_or_a_variant_are_not_answered_before_routing(
    client, published
):
    submission = published()
    url = f"/en/inputs/{submission.reference}/"
    client.get(url)

    client.cookies["sessionid"] = "not-a-session"  # anonymous with a session: routed, then the copy
    response, cost = fetched(client, url)
    assert response.status_code == 200 and "ETag" in response and cost > 2
    del client.cookies["sessionid"]

    call = CallPage.objects.get()
    participation = f"{call.url}participation/"  # keyed also by the call's inputs: its route decides
    first = client.get(participation)
    again, cost = fetched(client, participation)
    assert again.content == first.content and again["ETag"] == first["ETag"] and cost > 2

    # The call's page holds the reminders' form: a CSRF cookie, never cached.
    for _ in range(2):
        response = client.get(call.url)
        assert response.status_code == 200 and "ETag" not in response and "csrftoken" in response.cookies

    home = HomePage.objects.get()
    home.title = "Draft title only"
    home.save_revision()
    client.force_login(published.admin)
    preview = client.get(f"/admin/pages/{home.pk}/view_draft/")
    assert "Draft title only" in preview.content.decode() and "ETag" not in preview
    client.logout()
    assert "Draft title only" not in client.get("/en/").content.decode()


def test_each_change_retires_the_copies_of_its_scope(client, published):
    submission = published()
    input_url = f"/en/inputs/{submission.reference}/"
    for url in ("/en/", input_url, "/en/inputs/data-dictionary/"):
        client.get(url)
    numbers = dict(PublicVersion.objects.values_list("scope", "number"))

    public_content_changed(OUTCOMES)  # a recommendation published: the input's page may cite it
    assert fetched(client, input_url)[1] > 2 and fetched(client, "/en/")[1] <= 2
    assert fetched(client, "/en/inputs/data-dictionary/")[1] <= 2

    index = InputIndexPage.objects.get()
    index.title = "Every input published"
    index.save_revision().publish()
    assert "Every input published" in client.get(input_url).content.decode()
    assert fetched(client, "/en/")[1] > 2
    after = dict(PublicVersion.objects.values_list("scope", "number"))
    assert after[SITE] > numbers[SITE] and after[OUTCOMES] > numbers.get(OUTCOMES, 0)
    assert after[INPUTS] == numbers[INPUTS] and after[input_scope(submission.reference)] > 0
