"""A reader stays in their language: pages in every language (translations or aliases of the English ones),
links that keep the language, the intake from form to receipt to mail, dates and country names as each
language writes them, and the words of translated calls and questions."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization, Translation, TranslationSource

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

from submissions.models import Answer, Submission
from tests.intake import form_data, open_call, outbox_deliver

pytestmark = pytest.mark.django_db

OTHER_LANGUAGES = ["ar", "zh-hans", "fr", "ru", "es"]


def translated(language: str, text: str) -> str:
    with translation.override(language):
        words = gettext(text)
    assert words != text, f"no {language} translation of {text!r}"
    return words


@pytest.fixture
def call(call_index):
    return open_call(call_index, closes_at=datetime(2027, 2, 1, 18, 0, tzinfo=ZoneInfo("Europe/Zurich")))


@pytest.fixture
def synchronised(call):
    """Every language synchronised from English, as the demo and a deployment have it: each page has an
    alias in each language until someone translates it."""
    default = Locale.get_default()
    for code in OTHER_LANGUAGES:
        locale, _ = Locale.objects.get_or_create(language_code=code)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": default})
    return call


def translate(record, language: str, words: dict[str, str]):
    """Translate a page or record with wagtail-localize, as the secretariat does in the admin."""
    source, _ = TranslationSource.update_or_create_from_instance(record)
    job, _ = Translation.objects.get_or_create(source=source, target_locale=Locale.objects.get(language_code=language))
    po = job.export_po()
    for entry in po:
        entry.msgstr = entry.msgid if entry.msgctxt == "slug" else words.get(entry.msgid, "")
    job.import_po(po)
    job.save_target(publish=True)
    return source.get_translated_instance(Locale.objects.get(language_code=language))


def hrefs(html: str) -> list[str]:
    """The page's own links and form targets, without the language switcher (which names every language)."""
    html = re.sub(r'<nav[^>]*class="language-switcher".*?</nav>', "", html, flags=re.S)
    return [link for link in re.findall(r'(?:href|action)="(/[^"]*)"', html) if not link.startswith("/static/")]


def test_every_language_has_the_pages_and_every_link_keeps_the_language(client, synchronised):
    for language in OTHER_LANGUAGES:
        for path in ["", "calls/", "calls/improvements/", "calls/improvements/submit/"]:
            response = client.get(f"/{language}/{path}")
            assert response.status_code == 200, (language, path)
            leaving = [link for link in hrefs(response.content.decode()) if not link.startswith(f"/{language}/")]
            assert leaving == [], (language, path)


def test_an_untranslated_page_shows_the_english_words_marked_as_english(client, synchronised):
    html = client.get("/fr/calls/improvements/").content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert '<h1 lang="en" dir="ltr">Improvements</h1>' in html  # the page's own words, marked
    assert '<main id="main" class="wrap" tabindex="-1">' in html  # the interface around them is the reader's


def test_the_language_switcher_leads_to_the_same_page_in_each_language(client, synchronised):
    html = client.get("/ar/calls/improvements/submit/").content.decode()
    switcher = re.search(r'class="language-switcher">(.*?)</nav>', html, flags=re.S).group(1)
    for code, _name in settings.LANGUAGES:
        assert f'href="/{code}/calls/improvements/submit/"' in switcher


def test_a_submitter_stays_in_their_language_from_form_to_receipt_to_mail(client, synchronised):
    form = client.get("/fr/calls/improvements/submit/").content.decode()
    assert translated("fr", "Your email address") in form
    assert re.search(r'<option value="fr" selected>', form), "the input's language starts as the reader's"

    response = client.post("/fr/calls/improvements/submit/", form_data(synchronised, language="en"))
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/calls/improvements/receipt/")
    submission = Submission.objects.get()
    assert submission.call_id == synchronised.pk, "the input belongs to the original call"
    assert (submission.language, submission.correspondence_language) == ("en", "fr")

    receipt = client.get(response["Location"]).content.decode()
    assert '<html lang="fr"' in receipt and submission.reference in receipt

    (message,) = outbox_deliver()
    links = re.findall(r"https?://\S+", message.body)
    assert links and all("/fr/calls/improvements/" in link for link in links)
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and '<html lang="fr" dir="ltr">' in html
    assert all(link in html for link in links)
    with translation.override("fr"):
        assert gettext("Reference") in message.body


def test_form_errors_are_wholly_in_the_readers_language(client, synchronised):
    response = client.post("/ar/calls/improvements/submit/", form_data(synchronised, contact_name=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert translated("ar", "This field is required.") in html
    assert translated("ar", "Your name") in html
    assert "Your name" not in html


def test_a_translated_call_shows_its_questions_in_the_language_and_answers_belong_to_the_original(client, synchronised):
    call = synchronised
    question = call.questions.first()
    french = translate(call, "fr", {"Improvements": "Améliorations", "Outcomes?": "Résultats ?"})
    assert french.title == "Améliorations" and french.alias_of_id is None

    html = client.get("/fr/calls/improvements/submit/").content.decode()
    assert "Améliorations" in html and "A. Résultats ?" in html
    call_page = client.get("/fr/calls/improvements/").content.decode()
    assert "<h1>Améliorations</h1>" in call_page, "a translation is in the reader's language, unmarked"

    data = form_data(call, **{f"answer_{question.pk}": "Des résultats plus tangibles."})
    response = client.post("/fr/calls/improvements/submit/", data)
    assert response.status_code == 302 and response["Location"].startswith("/fr/calls/improvements/receipt/")
    answer = Answer.objects.get(text="Des résultats plus tangibles.")
    assert answer.question_id == question.pk and answer.submission.call_id == call.pk


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "1 February 2027"),
        ("ru", "1 февраля 2027\u202fг."),  # CLDR: a narrow no-break space before г.
        ("zh-hans", "2027年2月1日"),
        ("fr", "1 février 2027"),
        ("es", "1 de febrero de 2027"),
        ("ar", "1 فبراير 2027"),
    ],
)
def test_dates_read_as_the_language_writes_them(client, synchronised, language, written):
    html = client.get(f"/{language}/calls/improvements/").content.decode()
    assert written in html


def test_country_names_come_from_cldr_in_the_readers_language(client, synchronised):
    english = client.get("/en/calls/improvements/submit/").content.decode()
    arabic = client.get("/ar/calls/improvements/submit/").content.decode()
    chinese = client.get("/zh-hans/calls/improvements/submit/").content.decode()
    assert "Hungary" in english and "هنغاريا" in arabic and "匈牙利" in chinese
    assert "Hungary" not in arabic


def test_a_page_outside_any_tree_keeps_the_language(client, call):
    """Without synchronised languages (no aliases), the English pages answer under every prefix."""
    for language in OTHER_LANGUAGES:
        html = client.get(f"/{language}/calls/").content.decode()
        assert f'href="/{language}/calls/improvements/"' in html


def test_not_found_pages_are_in_the_readers_language_and_offer_a_fresh_link(client, synchronised):
    Page.objects.filter(slug="calls").update(show_in_menus=True)  # in every language
    response = client.get("/ru/calls/improvements/input/not-a-link/")
    assert response.status_code == 404
    html = response.content.decode()
    assert translated("ru", "This private link does not work") in html
    assert 'href="/ru/calls/improvements/link/"' in html
    response = client.get("/es/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert translated("es", "Page not found") in html and '<html lang="es"' in html
    assert 'href="/es/calls/"' in html, "the way back to the calls, where a fresh link is asked for"


def test_sitemaps_list_every_language_version_with_alternates_on_one_host(client, synchronised):
    from lxml import etree

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    index = etree.fromstring(client.get("/sitemap.xml").content)
    sections = index.xpath("//s:sitemap/s:loc/text()", namespaces=ns)
    assert sections and all(loc.startswith("http://testserver/") for loc in sections)

    pages = etree.fromstring(client.get("/sitemap-pages.xml").content)
    locations = pages.xpath("//s:url/s:loc/text()", namespaces=ns)
    for language in ["en", *OTHER_LANGUAGES]:
        assert f"http://testserver/{language}/calls/improvements/" in locations
    assert all(loc.startswith("http://testserver/") for loc in locations)
    for url in pages.xpath("//s:url", namespaces=ns):
        alternates = {
            link.get("hreflang"): link.get("href") for link in url.xpath("x:link[@rel='alternate']", namespaces=ns)
        }
        assert set(alternates) == {"en", "x-default", *OTHER_LANGUAGES}
        assert url.findtext("s:loc", namespaces=ns) in alternates.values()
        assert alternates["x-default"] == alternates["en"]
