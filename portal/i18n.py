"""Languages: every record belongs to its original (the version in the site's default language); readers see
its translation in their language where there is one, and every address keeps their language.

A page in another language is a translation made with wagtail-localize or, until someone translates it,
an alias that shows the original's words (`content_language` says which, for `lang`).
"""

from collections.abc import Iterable
from datetime import date, datetime

import babel
import babel.core
import babel.dates
import babel.numbers
from wagtail.models import Locale, Page, TranslatableMixin

from django.conf import settings
from django.utils import timezone, translation


def active_locale() -> Locale:
    return Locale.get_active()


def original(obj):
    """The version of a page or translatable record in the site's default language (itself if it is)."""
    if obj is None or not isinstance(obj, TranslatableMixin):
        return obj
    default = Locale.get_default()
    if obj.locale_id == default.pk:
        return obj
    model = obj.specific_class if isinstance(obj, Page) else type(obj)
    return model.objects.get(translation_key=obj.translation_key, locale=default)


def localized(obj):
    """A page or translatable record in the reader's language where there is a live version, else itself."""
    if obj is None or not isinstance(obj, TranslatableMixin):
        return obj
    return obj.localized


def localized_all(objects: Iterable) -> list:
    """Each record in the reader's language where translated, else as given: one query for the lot."""
    objects = list(objects)
    if not objects or not isinstance(objects[0], TranslatableMixin):
        return objects
    locale = active_locale()
    keys = {obj.translation_key for obj in objects if obj.locale_id != locale.pk}
    if not keys:
        return objects
    model = type(objects[0])
    found = model.objects.filter(translation_key__in=keys, locale=locale)
    translations = {item.translation_key: item for item in found}
    return [translations.get(obj.translation_key, obj) for obj in objects]


def page_url(page: Page, language: str | None = None) -> str:
    """The page's address in `language` (the active one by default): its translation's or alias's, or the
    original's under the language's prefix, which Wagtail serves when the language has no tree."""
    with translation.override(language or translation.get_language()):
        language = translation.get_language()
        shown = page if page.locale.language_code == language else page.localized
        url = shown.url
        prefix = f"/{shown.locale.language_code}/"
        if shown.locale.language_code != language and url.startswith(prefix):
            url = f"/{language}/{url[len(prefix) :]}"
        return url


def content_language(obj) -> str | None:
    """The language a page's or record's words are in when it is an alias of (or falls back to) another."""
    if isinstance(obj, Page) and obj.alias_of_id:
        return obj.alias_of.locale.language_code
    locale = getattr(obj, "locale", None)
    return locale.language_code if locale is not None else None


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


# UN English writes dates the British way ("1 February 2027"); CLDR names Chinese (simplified) zh_Hans.
CLDR_LOCALES = {"en": "en_GB", "zh-hans": "zh_Hans"}


def babel_locale(language: str | None = None) -> babel.Locale:
    """CLDR's data for a site language."""
    code = language or translation.get_language() or settings.LANGUAGE_CODE
    return babel.Locale.parse(CLDR_LOCALES.get(code, code.replace("-", "_")))


def date_format(value, language: str | None = None) -> str:
    """A date as the language writes it in full: "1 February 2027", "1 февраля 2027 г.", "2027年2月1日"."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):  # as JSON keeps a date (a snapshot's rows)
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return babel.dates.format_date(value, format="long", locale=babel_locale(language))


def datetime_format(value, language: str | None = None) -> str:
    """A moment in the active time zone, date in full and time in hours and minutes."""
    if value is None or value == "":
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    locale = babel_locale(language)
    pattern = locale.datetime_formats["long"].format(
        babel.dates.format_time(local, format="short", locale=locale), date_format(local.date(), language)
    )
    return pattern


def number_format(value, language: str | None = None) -> str:
    return babel.numbers.format_decimal(value, locale=babel_locale(language))


def country_name(iso3: str, fallback: str, language: str | None = None) -> str:
    """A country's name in the language, from CLDR; `fallback` (the name as stored) in the default language."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE:
        return fallback
    alpha2 = (babel.core.get_global("territory_aliases").get(iso3) or [None])[0]
    return babel_locale(language).territories.get(alpha2, fallback) if alpha2 else fallback
