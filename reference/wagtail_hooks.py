"""Admin screens for the reference data, grouped under one menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from django.utils.translation import gettext_lazy as _

from .models import Country, FocalPoint, Process, RegionalGroup, StakeholderGroup, TopicArea


class ProcessViewSet(SnippetViewSet):
    model = Process
    icon = "site"
    list_display = ["name", "code", "time_zone"]


class TopicAreaViewSet(SnippetViewSet):
    model = TopicArea
    icon = "tag"
    list_display = ["code", "title", "process"]
    list_filter = ["process"]
    search_fields = ["title", "description"]


class StakeholderGroupViewSet(SnippetViewSet):
    model = StakeholderGroup
    icon = "group"
    list_display = ["name", "code", "requires_country"]


class RegionalGroupViewSet(SnippetViewSet):
    model = RegionalGroup
    icon = "globe"
    list_display = ["name", "code"]


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "globe"
    list_display = ["name", "iso3", "regional_group", "is_member_state"]
    list_filter = ["regional_group", "is_member_state"]
    search_fields = ["name", "iso3"]
    list_per_page = 50


class FocalPointViewSet(SnippetViewSet):
    """Kept by the secretariat: an official input from a focal point's confirmed address is verified."""

    model = FocalPoint
    icon = "user"
    list_display = ["__str__", "acronym", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["organisation", "acronym", "emails", "domains"]


class ReferenceDataGroup(SnippetViewSetGroup):
    menu_label = _("Reference data")
    menu_icon = "list-ul"
    menu_order = 300
    items = (
        ProcessViewSet,
        TopicAreaViewSet,
        StakeholderGroupViewSet,
        RegionalGroupViewSet,
        CountryViewSet,
        FocalPointViewSet,
    )


register_snippet(ReferenceDataGroup)
