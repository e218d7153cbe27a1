"""Template tags for the site's frame: navigation and the language switcher."""

from wagtail.models import Site

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from outcomes.models import number_slug as outcomes_number_slug

register = template.Library()


@register.simple_tag(takes_context=True)
def site_nav(context):
    """Live pages marked "show in menus" directly under the site's home page."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    home = site.root_page.localized
    return [home, *home.get_children().live().in_menu().specific()]


@register.simple_tag(takes_context=True)
def language_links(context):
    """The current page in each of the site's languages: (code, name, url, is_current)."""
    request = context["request"]
    current = get_language()
    path = request.get_full_path()
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
