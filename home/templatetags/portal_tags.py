"""Template tags for the site's frame: navigation and the language switcher."""

from wagtail.models import Page, Site

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from outcomes.models import number_slug as outcomes_number_slug
from portal.i18n import localized, original, page_url

register = template.Library()


@register.simple_tag(takes_context=True)
def site_nav(context):
    """Live pages marked "show in menus" directly under the site's home page."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    home = localized(site.root_page)
    return [home, *home.get_children().live().in_menu()]  # titles and addresses: no specific pages needed


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each of the site's languages: (code, name, url, is_current).

    On a page, its version in each language (a translation may have its own address) followed by the
    route inside it; elsewhere, the same path under each language's prefix."""
    request = context["request"]
    current = get_language()
    page = context.get("page")
    path = request.get_full_path()
    if isinstance(page, Page) and page.pk and request.path.startswith(page.url or "\0"):
        rest = path[len(page.url) :]
        source = original(page)
        return [(code, name, page_url(source, code) + rest, code == current) for code, name in settings.LANGUAGES]
    return [(code, name, translate_url(path, code), code == current) for code, name in settings.LANGUAGES]


@register.simple_tag
def field_widget(field):
    """The field's widget tied to its hint and errors for screen readers."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_hint")
    if field.errors:
        described_by.append(f"{field.auto_id}_errors")
    attrs = {"aria-describedby": " ".join(described_by)} if described_by else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def number_slug(number: str) -> str:
    """A recommendation's number as its address writes it (I.1 → I-1)."""
    return outcomes_number_slug(number)
