"""The interface and the demo in six languages: every string translated, placeholders kept, plural forms
as each language counts, and the compiled catalogues (committed, so that `make run` needs no gettext) the
same as their sources."""

import re
from pathlib import Path

import polib
import pytest

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
LANGUAGES = {"ar": "ar", "zh-hans": "zh_Hans", "fr": "fr", "ru": "ru", "es": "es"}
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]")
PLURALS = {"ar": 6, "zh-hans": 1, "fr": 2, "ru": 4, "es": 3}


def interface(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / LANGUAGES[language] / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_is_translated_with_its_placeholders(language):
    catalogue = interface(language)
    assert catalogue.untranslated_entries() == [] and catalogue.fuzzy_entries() == []
    for entry in catalogue:
        if entry.msgid_plural:
            assert len(entry.msgstr_plural) == PLURALS[language], entry.msgid
            allowed = set(PLACEHOLDER.findall(entry.msgid + entry.msgid_plural))
            for form in entry.msgstr_plural.values():
                assert form and set(PLACEHOLDER.findall(form)) <= allowed, (entry.msgid, form)
        else:
            assert set(PLACEHOLDER.findall(entry.msgstr)) == set(PLACEHOLDER.findall(entry.msgid)), entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_compiled_catalogue_is_the_source_compiled(language):
    source = interface(language)
    compiled = polib.mofile(str(ROOT / "locale" / LANGUAGES[language] / "LC_MESSAGES" / "django.mo"))
    found = {(entry.msgctxt, entry.msgid): entry for entry in compiled}
    for entry in source.translated_entries():
        assert (entry.msgctxt, entry.msgid) in found, f"compile the {language} catalogue again (make messages)"
        twin = found[(entry.msgctxt, entry.msgid)]
        assert (twin.msgstr_plural or twin.msgstr) == (
            {int(key): value for key, value in entry.msgstr_plural.items()} or entry.msgstr
        ), entry.msgid


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_is_translated_into_every_language(language):
    catalogue = polib.pofile(str(ROOT / "demo" / "locale" / f"{language}.po"))
    assert len(catalogue) > 0 and catalogue.untranslated_entries() == []
    for entry in catalogue:
        assert re.findall(r"</?\w+", entry.msgstr) == re.findall(r"</?\w+", entry.msgid), entry.msgid
