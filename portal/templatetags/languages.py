"""Links that keep the reader's language: `{% localurl page %}` and `{% localroutableurl page 'name' args %}`
stand in for Wagtail's `pageurl` and `routablepageurl`, which give the address in the page's own language."""

from django import template
from django.utils import translation
from django.utils.html import format_html

from portal.i18n import content_language, date_format, datetime_format, localized, number_format, page_url

register = template.Library()


@register.simple_tag
def localurl(page) -> str:
    return page_url(page)


@register.simple_tag
def localroutableurl(page, url_name: str, *args, **kwargs) -> str:
    return page_url(page) + page.reverse_subpage(url_name, args=args, kwargs=kwargs)


@register.filter
def in_language(obj):
    """A page or translatable record as the reader's language has it (a translation where there is one)."""
    return localized(obj)


@register.simple_tag
def foreign_words(obj):
    """The language of a shown page's or record's words when they are not the reader's (an alias shows its
    original's words), as Django's language info for `lang` and `dir`; None when they are the reader's."""
    words = content_language(obj)
    if not words or words == translation.get_language():
        return None
    return translation.get_language_info(words)


@register.filter
def local_date(value) -> str:
    """A date as the reader's language writes it (CLDR, through babel)."""
    return date_format(value)


@register.filter
def local_datetime(value) -> str:
    """A moment in the active time zone as the reader's language writes it."""
    return datetime_format(value)


@register.filter
def local_number(value) -> str:
    return number_format(value) if value not in (None, "") else ""


@register.filter
def lang_attr(language_info) -> str:
    """` lang="…" dir="…"` for words in another language than the page's (from `foreign_words`), else nothing."""
    if not language_info:
        return ""
    direction = "rtl" if language_info["bidi"] else "ltr"
    return format_html(' lang="{}" dir="{}"', language_info["code"], direction)
