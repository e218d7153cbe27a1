"""The public reading of published inputs: the listing's filters and its keyset pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from review.search import published_search

from .models import CallPage, Country, RegionalGroup, StakeholderGroup, TopicArea

PAGE_SIZE = 20


class PublishedInputFilters(forms.Form):
    """GET filters: every state of the listing is a shareable URL."""

    q = forms.CharField(label=_("Words"), max_length=200, required=False)
    call = forms.ModelChoiceField(label=_("Call"), queryset=CallPage.objects.live(), required=False)
    topic_area = forms.ModelChoiceField(label=_("Topic area"), queryset=TopicArea.objects.all(), required=False)
    stakeholder_group = forms.ModelChoiceField(
        label=_("Stakeholder group"), queryset=StakeholderGroup.objects.all(), required=False
    )
    regional_group = forms.ModelChoiceField(
        label=_("Regional group"), queryset=RegionalGroup.objects.all(), required=False
    )
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False)
    official = forms.BooleanField(label=_("Official submissions only"), required=False)
    before = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def apply(self, inputs):
        data = self.cleaned_data
        lookups = {
            "call": "call",
            "topic_area": "mappings__topic_area",
            "stakeholder_group": "stakeholder_group",
            "regional_group": "country__regional_group",
            "country": "country",
        }
        for name, lookup in lookups.items():
            if data.get(name):
                inputs = inputs.filter(**{lookup: data[name]})
        if data.get("official"):
            inputs = inputs.filter(is_official=True)
        if data.get("q"):
            inputs = published_search(inputs, data["q"])
        if data.get("topic_area"):
            inputs = inputs.distinct()
        return inputs


def published_page(inputs, *, before: int | None) -> tuple[list, int | None]:
    """One page, newest first, continuing below input id `before`: as fast on the last page as the first."""
    if before:
        inputs = inputs.filter(pk__lt=before)
    page = list(inputs.order_by("-pk")[: PAGE_SIZE + 1])
    next_before = page[PAGE_SIZE - 1].pk if len(page) > PAGE_SIZE else None
    return page[:PAGE_SIZE], next_before
