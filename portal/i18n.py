"""Languages: every record belongs to its original (the version in the site's default language); readers see
its translation in their language where there is one, and every address keeps their language.

A page in another language is a translation made with wagtail-localize or, until someone translates it,
an alias that shows the original's words (`content_language` says which, for `lang`).
"""

import contextvars
from collections.abc import Iterable
from datetime import date, datetime

import babel
import babel.core
import babel.dates
import babel.numbers
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import DraftStateMixin, Locale, Page, Site, TranslatableMixin

from django.conf import settings
from django.utils import timezone, translation

# What one reading request looked up once: the locales, and the versions of a page or record in every
# language. Set only around a GET or HEAD (portal.middleware), which changes nothing, so it is never stale.
REQUEST_MEMO: contextvars.ContextVar[dict | None] = contextvars.ContextVar("portal_i18n_memo", default=None)


def memoized(key, compute):
    memo = REQUEST_MEMO.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def locales() -> dict:
    """Every locale, by id and by language code (one query per reading request)."""

    def read():
        rows = list(Locale.objects.all())
        return {**{row.pk: row for row in rows}, **{row.language_code: row for row in rows}}

    return memoized("locales", read)


def locale_for(language: str) -> Locale:
    """As `Locale.objects.get_for_language`: LookupError or DoesNotExist when the language has none."""
    found = locales().get(get_supported_content_language_variant(language))
    if found is None:
        raise Locale.DoesNotExist(language)
    return found


def default_locale() -> Locale:
    return locale_for(settings.LANGUAGE_CODE)


def active_locale() -> Locale:
    try:
        return locale_for(translation.get_language())
    except (LookupError, Locale.DoesNotExist):
        return default_locale()


def locale_of(obj) -> Locale:
    """`obj.locale`, from the request's locales (and kept on `obj` for Wagtail's own use)."""
    field = type(obj)._meta.get_field("locale")
    if not field.is_cached(obj):
        found = locales().get(obj.locale_id)
        if found is None:
            return obj.locale
        field.set_cached_value(obj, found)
    return obj.locale


def versions(model, translation_key) -> dict:
    """The versions of a page or record in every language, by locale id (one query per request)."""
    return memoized(
        ("versions", model, translation_key),
        lambda: {item.locale_id: item for item in model.objects.filter(translation_key=translation_key)},
    )


def original(obj):
    """The version of a page or translatable record in the site's default language (itself if it is)."""
    if obj is None or not isinstance(obj, TranslatableMixin):
        return obj
    default = default_locale()
    if obj.locale_id == default.pk:
        return obj
    model = obj.specific_class if isinstance(obj, Page) else type(obj)
    found = versions(model, obj.translation_key).get(default.pk)
    if found is None:
        raise model.DoesNotExist
    return found


def localized(obj):
    """A page or translatable record in the reader's language where there is a live version, else itself
    (as Wagtail's `localized`)."""
    if obj is None or not isinstance(obj, TranslatableMixin):
        return obj
    locale = active_locale()
    if locale.pk == obj.locale_id:
        return obj
    found = versions(type(obj), obj.translation_key).get(locale.pk)
    if found is None or (isinstance(obj, DraftStateMixin) and not found.live):
        return obj
    return found


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
        shown = page if locale_of(page).language_code == language else localized(page)
        shown_language = locale_of(shown).language_code
        if REQUEST_MEMO.get() is not None:  # Wagtail keeps the sites' root paths on the page it is given
            shown._wagtail_cached_site_root_paths = memoized("site root paths", Site.get_site_root_paths)
        url = shown.url
        prefix = f"/{shown_language}/"
        if shown_language != language and url.startswith(prefix):
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
