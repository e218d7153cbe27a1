"""The public reads published inputs, and nothing private: listing, input page and attachments."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from review.redactions import passage_redact
from review.services import passage_create
from tests.intake import PDF
from tests.review.conftest import received_input

pytestmark = pytest.mark.django_db


def test_a_published_input_has_a_permanent_page_with_its_topics(client, published):
    submission = published(organisation="Mission of Hungary")
    page = client.get(f"/en/inputs/{submission.reference}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "More tangible outputs, please." in html and "Mission of Hungary" in html
    assert "Zyxname Private" in html  # the submitter chose to publish with names
    assert "zyx.private@example.org" not in html  # an email address is never published
    listing = client.get("/en/inputs/").content.decode()
    assert submission.reference in listing


def test_without_personal_names_neither_name_nor_organisation_is_shown(client, published):
    submission = published(publication="anonymous", organisation="Secret Organisation Zyx")
    for url in (f"/en/inputs/{submission.reference}/", "/en/inputs/"):
        html = client.get(url).content.decode()
        assert "Zyxname Private" not in html and "Secret Organisation Zyx" not in html


def test_unpublished_withdrawn_and_private_inputs_are_not_found(client, call, published):
    from submissions.services import submission_withdraw

    unpublished = received_input(client, call)
    withdrawn = published()
    submission_withdraw(submission=withdrawn)
    for submission in (unpublished, withdrawn):
        assert client.get(f"/en/inputs/{submission.reference}/").status_code == 404
        assert submission.reference not in client.get("/en/inputs/").content.decode()


def test_a_redacted_passage_is_shown_as_redacted_and_its_words_never(client, call, published):
    submission = published()
    passage = passage_create(submission=submission, source="answer", excerpt="tangible outputs", by=published.admin)
    passage_redact(passage=passage, reason="Personal data", by=published.admin)
    html = client.get(f"/en/inputs/{submission.reference}/").content.decode()
    assert "[redacted]" in html and "tangible outputs" not in html and "More " in html


def test_attachments_of_published_inputs_download_and_others_do_not(client, call, published):
    submission = published(attachments=[SimpleUploadedFile("paper.pdf", PDF)])
    hidden = received_input(client, call, attachments=[SimpleUploadedFile("draft.pdf", PDF)])
    public = client.get(f"/attachments/{submission.attachments.get().pk}/")
    assert public.status_code == 200 and public["Content-Disposition"].startswith("attachment")
    assert client.get(f"/attachments/{hidden.attachments.get().pk}/", follow=True).status_code == 404


def test_the_listing_filters_and_pages_without_offsets(client, call, published, settings):
    from reading import listing as inputs

    inputs.PAGE_SIZE = 2
    try:
        made = [published() for _ in range(3)]
        first = client.get("/en/inputs/").content.decode()
        assert made[2].reference in first and made[1].reference in first and made[0].reference not in first
        older = client.get(f"/en/inputs/?before={made[1].pk}").content.decode()
        assert made[0].reference in older and made[1].reference not in older
        other_group = client.get("/en/inputs/", {"stakeholder_group": 999999}).content.decode()
        assert "These filters could not be understood and were left out: Stakeholder group." in other_group
    finally:
        inputs.PAGE_SIZE = 20


def test_the_sitemap_lists_every_published_input_and_no_other(client, call, published):
    shown = published()
    hidden = received_input(client, call)
    index = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/sitemap-pages.xml" in index and "http://testserver/sitemap-inputs.xml" in index
    inputs = client.get("/sitemap-inputs.xml").content.decode()
    assert f"<loc>http://testserver/en/inputs/{shown.reference}/</loc>" in inputs
    assert hidden.reference not in inputs and "<lastmod>" in inputs
    assert "/en/inputs/</loc>" in client.get("/sitemap-pages.xml").content.decode()


def test_the_feed_follows_the_listing_filters(client, published):
    from tests.factories import stakeholder_group

    government = published()
    civil_society = published(stakeholder_group=stakeholder_group("CIVIL_SOCIETY").pk, is_official=None)
    feed = client.get("/en/inputs/feed/", {"stakeholder_group": "CIVIL_SOCIETY"})
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert civil_society.reference in body and government.reference not in body
    assert f"http://testserver/en/inputs/{civil_society.reference}/" in body
    refused = client.get("/en/inputs/feed/", {"stakeholder_group": "NOBODY"})
    assert refused.status_code == 400 and "Stakeholder group" in refused.content.decode()


def test_the_feed_is_valid_atom_naming_each_inputs_sender_with_its_words_as_plain_text(client, published, settings):
    import feedparser

    from reference.models import Country
    from tests.atom import NS, atom_checked, atom_complete
    from tests.factories import stakeholder_group

    named = published(organisation="Mission of Hungary", general_comment="Fund it <b>now</b> & <script>x</script>")
    anonymous = published(
        publication="anonymous",
        organisation="Hidden Org Zyx",
        stakeholder_group=stakeholder_group("CIVIL_SOCIETY").pk,
        country=Country.objects.get(iso3="BRA").pk,
        is_official=None,
        official_role="",
        language="ar",
        general_comment="نحتاج إلى تمويل مستدام",
    )
    everything = client.get("/en/inputs/feed/")
    root = atom_checked(everything.content)
    atom_complete(root)
    assert root.xpath("string(atom:author/atom:name)", namespaces=NS) == settings.WAGTAIL_SITE_NAME
    assert root.xpath("string(atom:id)", namespaces=NS) == "http://testserver/en/inputs/feed/"
    entries = {entry.link: entry for entry in feedparser.parse(everything.content).entries}
    first, second = (entries[f"http://testserver/en/inputs/{item.reference}/"] for item in (named, anonymous))
    assert first.author == "Mission of Hungary" and second.author == "Civil society · Brazil"
    assert "Hidden Org Zyx" not in everything.content.decode()
    assert first.summary_detail.type == "text/plain" and "<b>now</b> & <script>x</script>" in first.summary
    assert second.summary_detail.language == "ar" and "نحتاج" in second.summary
    assert all(entry.updated.endswith("Z") and "." not in entry.updated for entry in entries.values())

    filtered = atom_checked(client.get("/en/inputs/feed/", {"stakeholder_group": "CIVIL_SOCIETY"}).content)
    atom_complete(filtered)
    expected = "/en/inputs/feed/?stakeholder_group=CIVIL_SOCIETY"
    assert filtered.xpath("string(atom:id)", namespaces=NS) == f"http://testserver{expected}"
    assert filtered.xpath("string(atom:link[@rel='self']/@href)", namespaces=NS) == f"http://testserver{expected}"
    empty = atom_checked(client.get("/en/inputs/feed/", {"language": "ru"}).content)
    atom_complete(empty)
    assert not empty.xpath("atom:entry", namespaces=NS)


def test_an_input_page_costs_the_same_queries_whatever_it_holds(client, call, published):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from review.services import mapping_create

    def queries(submission) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/en/inputs/{submission.reference}/").status_code == 200
        return len(captured)

    plain = published()
    rich = published(
        general_comment="First point here. Second point there. Third point too.",
        attachments=[SimpleUploadedFile("one.pdf", PDF), SimpleUploadedFile("two.pdf", PDF)],
        **{f"answer_{call.questions.last().pk}": "Another answer, on modalities."},
    )
    area = call.questions.first().topic_area
    for words in ("First point", "Second point", "Third point"):
        passage = passage_create(submission=rich, source="general_comment", excerpt=words, by=published.admin)
        mapping_create(submission=rich, topic_area=area, passage=passage, by=published.admin)
    passage_redact(
        passage=passage_create(submission=rich, source="general_comment", excerpt="too", by=published.admin),
        reason="Personal data",
        by=published.admin,
    )
    assert queries(rich) == queries(plain)
