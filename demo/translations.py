"""The demo in six languages, translated the way a secretariat does it: wagtail-localize takes the words of
each page and record (topic areas with their sub-topics, pages with their questions), and the translations
come from `demo/locale/<language>.po`, keyed by the English words. Pages nobody translated stay as aliases,
which show the English words under the reader's language (marked `lang="en"`).

`manage.py demo_messages` refreshes the catalogues after the English demo changes.
"""

from pathlib import Path

import polib
from wagtail.models import Locale, Page
from wagtail_localize.models import LocaleSynchronization, Translation, TranslationSource

from django.conf import settings
from django.db import transaction

from reference.models import TopicArea

CATALOGUES = Path(__file__).resolve().parent / "locale"


def translated_records(home: Page) -> list:
    """What the demo translates: the topic areas (which pages point to) first, then each page after its
    parent. The process keeps its one record: its name is the body's own, and inputs belong to it."""
    areas = TopicArea.objects.originals().filter(locale=home.locale).order_by("process", "sort_order")
    pages = home.get_descendants(inclusive=True).filter(locale=home.locale, alias_of=None).live().specific()
    return [*areas, *pages.order_by("path")]


def catalogue_path(language: str) -> Path:
    return CATALOGUES / f"{language}.po"


def catalogue(language: str) -> dict[str, str]:
    path = catalogue_path(language)
    if not path.exists():
        return {}
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path)) if entry.msgstr and not entry.obsolete}


def other_languages() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE]


def translated_languages() -> list[str]:
    """The languages the demo is translated into (DEMO_TRANSLATIONS, all by default)."""
    chosen = settings.DEMO_TRANSLATIONS
    return [code for code in other_languages() if chosen is None or code in chosen]


def demo_translations_load(home: Page) -> None:
    """Translate the demo into every language that has a catalogue, then alias whatever is left.

    Each translation is committed on its own, as when a secretariat translates page after page: Wagtail
    finishes a page's change of address when the transaction commits, from the page as it was then, which
    would undo the count of children added under it in the same transaction.
    """
    default = Locale.get_default()
    with transaction.atomic():
        sources = [TranslationSource.update_or_create_from_instance(record)[0] for record in translated_records(home)]
    for language in other_languages():
        locale = Locale.objects.get(language_code=language)
        words = catalogue(language) if language in translated_languages() else {}
        for source in sources if words else []:
            with transaction.atomic():
                translation_apply(source, locale, words)
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": default})


def translation_apply(source: TranslationSource, locale: Locale, words: dict[str, str]) -> None:
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    existing = source.get_translated_instance(locale) if source.object.has_translation(locale) else None
    po = translation.export_po()
    for entry in po:
        # A page keeps the address it has (the English one, or a home's own), whatever the language.
        if entry.msgctxt == "slug":
            entry.msgstr = existing.slug if existing is not None else entry.msgid
        else:
            entry.msgstr = words.get(entry.msgid, "")
    translation.import_po(po, tool_name="demo catalogue")
    translation.save_target(publish=True)


def demo_messages_write(home: Page) -> dict[str, int]:
    """Write each language's catalogue with every English string of the demo, keeping the translations made;
    returns how many strings each still lacks."""
    msgids: list[str] = []
    for record in translated_records(home):
        source, _created = TranslationSource.update_or_create_from_instance(record)
        for segment in source.stringsegment_set.select_related("string", "context").order_by("order"):
            if segment.context.path != "slug" and segment.string.data not in msgids:
                msgids.append(segment.string.data)
    CATALOGUES.mkdir(exist_ok=True)
    missing = {}
    for language in other_languages():
        known = catalogue(language)
        po = polib.POFile()
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": language}
        for msgid in msgids:
            po.append(polib.POEntry(msgid=msgid, msgstr=known.get(msgid, "")))
        po.save(str(catalogue_path(language)))
        missing[language] = sum(1 for msgid in msgids if not known.get(msgid))
    return missing
