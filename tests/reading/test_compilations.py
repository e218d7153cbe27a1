"""Compilations: the passages mapped to a topic area or a call, by stakeholder group, to read and download."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from reading.models import CompilationFile
from reference.models import Country
from review.redactions import passage_redact
from review.services import mapping_create, passage_create
from tests.factories import TopicAreaIndexPageFactory, stakeholder_group
from tests.review.conftest import received_input

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics(call):
    return TopicAreaIndexPageFactory(parent=call.get_parent().get_parent(), process=call.process, slug="topics")


@pytest.fixture
def compiled(client, call, published, topics):
    """A government quoted by a passage on A, civil society mapped whole to A, an IGO only on B."""
    area_a, area_b = (question.topic_area for question in call.questions.all())
    government = published(general_comment="We ask for funding of the secretariat, and Qcut words here.")
    passage = passage_create(
        submission=government,
        source="general_comment",
        excerpt="funding of the secretariat, and Qcut words",
        by=published.admin,
    )
    mapping_create(submission=government, topic_area=area_a, passage=passage, by=published.admin)
    hidden = passage_create(submission=government, source="general_comment", excerpt="Qcut", by=published.admin)
    passage_redact(passage=hidden, reason="Personal data", by=published.admin)
    civil_society = published(
        stakeholder_group=stakeholder_group("CIVIL_SOCIETY").pk,
        country=Country.objects.get(iso3="BRA").pk,
        is_official=None,
        official_role="",
        **{f"answer_{call.questions.first().pk}": "Intersessional work deserves support."},
    )
    igo = published(stakeholder_group=stakeholder_group("IGO").pk, country="", is_official=None, official_role="")
    igo.mappings.all().delete()
    mapping_create(submission=igo, topic_area=area_b, by=published.admin)
    received_input(client, call, general_comment="Qunpublished words on funding")
    return {"government": government, "civil_society": civil_society, "igo": igo, "passage": passage}


def test_a_topic_compilation_quotes_its_passages_by_stakeholder_group_with_their_references(client, compiled):
    html = client.get("/en/topics/a/compilation/").content.decode()

    government, civil_society = compiled["government"], compiled["civil_society"]
    assert html.index("<h2>Government") < html.index(government.reference) < html.index("<h2>Civil society")
    assert html.index("<h2>Civil society") < html.index(civil_society.reference)
    assert f'href="/en/inputs/{government.reference}/#passage-{compiled["passage"].pk}"' in html
    assert 'funding of the secretariat, and <span class="redacted">[redacted]</span> words' in html
    assert "Intersessional work deserves support." in html  # the whole input: its answer on topic A
    assert compiled["igo"].reference not in html and "Qunpublished" not in html and "Qcut" not in html


def test_a_call_compilation_holds_every_topic_of_its_inputs(client, call, compiled):
    html = client.get(f"{call.url}compilation/").content.decode()
    assert all(compiled[name].reference in html for name in ("government", "civil_society", "igo"))
    assert "Qcut" not in html and "Qunpublished" not in html


def test_the_input_page_gives_each_mapped_passage_a_permanent_anchor(client, compiled):
    passage = compiled["passage"]
    html = client.get(f"/en/inputs/{compiled['government'].reference}/").content.decode()
    assert f'id="passage-{passage.pk}"' in html and "Qcut" not in html


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_small_compilation_downloads_at_once_as_pdf_and_docx_with_redactions_applied(client, compiled):
    government = compiled["government"]

    pdf = client.get("/en/topics/a/compilation/pdf/")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"] == 'attachment; filename="WGIGF-compilation-A-en.pdf"'
    text = pdf_text(b"".join(pdf.streaming_content))
    assert government.reference in text and compiled["civil_society"].reference in text
    assert "[redacted]" in text and "Qcut" not in text and compiled["igo"].reference not in text

    docx = client.get("/en/topics/a/compilation/docx/")
    assert docx["Content-Disposition"] == 'attachment; filename="WGIGF-compilation-A-en.docx"'
    document = Document(io.BytesIO(b"".join(docx.streaming_content)))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "Government" and headings[2] == "Civil society"
    assert headings[1].startswith(government.reference) and headings[1].endswith("official submission")
    body = "\n".join(p.text for p in document.paragraphs)
    assert "funding of the secretariat, and [redacted] words" in body and "Qcut" not in body


def test_the_compilation_pdf_is_tagged_pdf_ua_titled_in_its_language_and_from_the_convening_body(
    client, call, compiled
):
    from tests.document_checks import pdf_ua_checked

    call.process.body = "Commission on Science and Technology for Development"
    call.process.save()
    area = call.process.topic_areas.get(code="A")
    content = b"".join(client.get("/en/topics/a/compilation/pdf/").streaming_content)
    title = f"Compilation of inputs: A. {area.title}"
    tags = pdf_ua_checked(content, language="en", title=title, author=call.process.body)
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/BlockQuote", "/Link"} <= tags, tags


def test_the_compilation_docx_names_its_title_author_and_language_on_a4_pages(client, call, compiled):
    from django.conf import settings

    from tests.document_checks import docx_checked

    area = call.process.topic_areas.get(code="A")
    for language in ("en", "ar"):  # each reader's document is in their language
        content = b"".join(client.get(f"/{language}/topics/a/compilation/docx/").streaming_content)
        with translation.override(language):
            title = gettext("Compilation of inputs: %(title)s") % {"title": f"A. {area.title}"}
        document = docx_checked(content, title=title, author=settings.WAGTAIL_SITE_NAME, language=language)
        assert document.paragraphs[0].text == title


def test_a_second_download_of_unchanged_content_is_the_same_file(client, compiled):
    first = b"".join(client.get("/en/topics/a/compilation/docx/").streaming_content)
    second = b"".join(client.get("/en/topics/a/compilation/docx/").streaming_content)
    assert first == second and CompilationFile.objects.filter(format="docx").count() == 1


def test_unpublishing_an_input_makes_the_earlier_documents_unreachable(client, compiled, published):
    from review.services import review_status_set

    client.get("/en/topics/a/compilation/pdf/")
    review_status_set(
        submission=compiled["civil_society"], status="not_published", reason="out_of_scope", by=published.admin
    )
    text = pdf_text(b"".join(client.get("/en/topics/a/compilation/pdf/").streaming_content))
    assert compiled["civil_society"].reference not in text and compiled["government"].reference in text
    html = client.get("/en/topics/a/compilation/").content.decode()
    assert compiled["civil_society"].reference not in html


def test_arabic_and_chinese_inputs_are_set_in_their_noto_fonts(client, call, published, topics):
    published(general_comment="", language="ar", **{f"answer_{call.questions.first().pk}": "نحتاج إلى تمويل مستدام"})
    published(general_comment="", language="zh-hans", **{f"answer_{call.questions.first().pk}": "需要可持续的资金"})
    content = b"".join(client.get("/en/topics/a/compilation/pdf/").streaming_content)
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(io.BytesIO(content)).pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any(name.endswith("+Noto-Naskh-Arabic") for name in fonts), fonts
    assert any(name.endswith("+Noto-Sans-CJK-SC") for name in fonts), fonts  # not the Japanese variant


def test_an_unknown_topic_or_format_is_not_found(client, compiled):
    assert client.get("/en/topics/z/compilation/").status_code == 404
    assert client.get("/en/topics/a/compilation/exe/").status_code == 404
    assert client.get("/en/topics/a/compilation/exe/progress/").status_code == 404
    assert CompilationFile.objects.count() == 0


def test_a_page_link_that_is_not_understood_shows_the_beginning(client, compiled):
    html = client.get("/en/topics/a/compilation/", {"after": "x1"}).content.decode()
    assert "That page of the compilation was not found" in html and compiled["government"].reference in html


def test_the_reading_page_costs_the_same_queries_whatever_the_number_of_inputs(client, call, compiled, published):
    from django.core.cache import cache

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/en/topics/a/compilation/").status_code == 200
        return len(captured)

    few = queries()
    for _ in range(3):
        published()
    assert queries() == few


def test_a_build_that_fails_says_so_keeps_no_file_and_is_tried_again_a_minute_later(client, compiled, monkeypatch):
    from datetime import timedelta

    from django.utils import timezone

    from reading import compilation_documents

    def broken(scope, language, progress):
        raise RuntimeError("no font for this script")

    monkeypatch.setitem(compilation_documents.BUILDERS, "pdf", broken)
    failed = client.get("/en/topics/a/compilation/pdf/", follow=True)
    assert failed.redirect_chain == [("/en/topics/a/compilation/pdf/progress/", 302)]
    assert "The document could not be prepared" in failed.content.decode()
    assert "js/progress.js" not in failed.content.decode()  # nothing more to follow
    document = CompilationFile.objects.get()
    assert document.status == "failed" and not document.file and "no font" in document.error

    monkeypatch.undo()
    assert client.get("/en/topics/a/compilation/pdf/").status_code == 302  # at once: not tried again
    CompilationFile.objects.update(finished_at=timezone.now() - timedelta(minutes=2))
    retried = client.get("/en/topics/a/compilation/pdf/")
    assert retried.status_code == 200 and b"".join(retried.streaming_content).startswith(b"%PDF")


def test_an_arabic_reader_gets_the_frame_in_arabic_right_to_left(client, compiled):
    from django.conf import settings

    from tests.document_checks import pdf_ua_checked

    content = b"".join(client.get("/ar/topics/a/compilation/pdf/").streaming_content)
    area = compiled["government"].call.process.topic_areas.get(code="A")
    with translation.override("ar"):
        title = gettext("Compilation of inputs: %(title)s") % {"title": f"A. {area.title}"}
    assert title.startswith("تجميع") or "Compilation" not in title
    pdf_ua_checked(content, language="ar", title=title, author=settings.WAGTAIL_SITE_NAME)
    assert compiled["government"].reference in pdf_text(content)


def test_an_input_whose_answer_on_the_topic_was_emptied_is_quoted_by_what_it_still_says(
    client, call, published, topics
):
    from submissions.models import Answer

    first, second = call.questions.all()
    submission = published(**{f"answer_{second.pk}": "Modalities matter most."})
    Answer.objects.filter(submission=submission, question=first).update(text="")  # kept empty, as after an edit
    html = client.get("/en/topics/a/compilation/").content.decode()
    assert submission.reference in html and "Modalities matter most." in html


def test_readers_in_each_language_get_their_own_document_and_share_it(client, compiled):
    for language in ("en", "fr", "ar", "fr"):
        response = client.get(f"/{language}/topics/a/compilation/docx/")
        assert response["Content-Disposition"] == f'attachment; filename="WGIGF-compilation-A-{language}.docx"'
    assert CompilationFile.objects.count() == 3
