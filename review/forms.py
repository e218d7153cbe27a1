"""Forms of the review screen; each hands its cleaned data to one service."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from reference.models import SubTopic, TopicArea

from .models import (
    AdjudicationOutcome,
    NotPublishedReason,
    PassageSource,
    RedactionCategory,
    ReviewerPreference,
    ReviewStatus,
    Stance,
)
from .publication import RedactionMark


class ReviewerPreferenceForm(forms.ModelForm):
    class Meta:
        model = ReviewerPreference
        fields = ["alert"]
        widgets = {"alert": forms.RadioSelect}


class SubTopicSelect(forms.Select):
    """Sub-topics grouped under their topic area, each option naming its area (the screen's script shows only
    those of the chosen area)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-area"] = instance.topic_area_id
        return option


class MappingForm(forms.Form):
    """Map the whole input, or a passage: its words are selected (or pasted) from one source text.

    The topic comes from the two lists, or from `pick` ("area id:sub-topic id"), one of the screen's numbered
    topics, which maps in one action.
    """

    pick = forms.CharField(required=False, widget=forms.HiddenInput)
    topic_area = forms.ModelChoiceField(label=_("Topic area"), queryset=TopicArea.objects.none(), required=False)
    sub_topic = forms.ModelChoiceField(
        label=_("Sub-topic"), queryset=SubTopic.objects.none(), required=False, widget=SubTopicSelect
    )
    source = forms.ChoiceField(
        label=_("Passage from"), choices=[("", _("The whole input"))] + PassageSource.choices, required=False
    )
    source_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    excerpt = forms.CharField(
        label=_("Passage"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Select words in the text, or paste them; leave empty to map the whole input."),
    )
    stance = forms.ChoiceField(
        label=_("Stance"), choices=[("", "—")] + Stance.choices, required=False, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note on this mapping"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas."))

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic_area"].queryset = TopicArea.objects.originals().filter(process=process)
        sub_topics = SubTopic.objects.filter(topic_area__process=process).select_related("topic_area")
        self.fields["sub_topic"].queryset = sub_topics
        self.fields["sub_topic"].choices = sub_topic_choices(sub_topics)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("pick"):
            self.pick_clean(cleaned)
        elif not cleaned.get("topic_area") and "topic_area" not in self.errors:
            self.add_error("topic_area", _("Choose a topic area."))
        if cleaned.get("excerpt") and not cleaned.get("source"):
            self.add_error("source", _("Say which text the passage comes from."))
        return cleaned

    def pick_clean(self, cleaned):
        """One of the numbered topics: "area id:" or "area id:sub-topic id", each of this process."""
        area_id, _sep, sub_id = cleaned["pick"].partition(":")
        area = self.fields["topic_area"].queryset.filter(pk=area_id).first() if area_id.isdigit() else None
        sub = self.fields["sub_topic"].queryset.filter(pk=sub_id, topic_area=area).first() if sub_id.isdigit() else None
        if area is None or (sub_id and sub is None):
            self.add_error(None, _("This topic is not one of this process's topics."))
        cleaned["topic_area"], cleaned["sub_topic"] = area, sub

    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]


def sub_topic_choices(sub_topics) -> list:
    """The sub-topics as option groups, one per topic area, in the areas' order."""
    groups: dict = {}
    for sub in sorted(sub_topics, key=lambda sub: (sub.topic_area.sort_order, sub.topic_area.code, sub.sort_order)):
        groups.setdefault(sub.topic_area, []).append((forms.models.ModelChoiceIteratorValue(sub.pk, sub), str(sub)))
    return [("", "—")] + [(str(area), options) for area, options in groups.items()]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ReviewStatus.choices)
    reason = forms.ChoiceField(
        label=_("Reason, if not published"), choices=[("", "—")] + NotPublishedReason.choices, required=False
    )
    revision = forms.IntegerField(widget=forms.HiddenInput)


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"), queryset=get_user_model().objects.none(), required=False, empty_label=_("Nobody")
    )
    due_on = forms.DateField(
        label=_("Due by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Optional: the day the reviewer should have decided by."),
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewer"].queryset = get_user_model().objects.filter(reviewed_calls__call=call)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Private note"), widget=forms.Textarea(attrs={"rows": 3}))


class RedactionForm(forms.Form):
    """Redact words selected (or pasted) from one source text, or a passage already taken (`passage`)."""

    passage = forms.IntegerField(required=False, widget=forms.HiddenInput)
    source = forms.ChoiceField(label=_("Words from"), choices=[("", "—")] + PassageSource.choices, required=False)
    source_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    excerpt = forms.CharField(
        label=_("Words to redact"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Select words in the text above, or paste them exactly as they stand."),
    )
    category = forms.ChoiceField(label=_("Shown to the public as"), required=False)
    reason = forms.CharField(
        label=_("Reason for the redaction"),
        max_length=500,
        help_text=_("Kept for reviewers and the secretariat; never published."),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "id_redact_%s")  # its fields share names with the mapping form's, not ids
        super().__init__(*args, **kwargs)
        marks = [RedactionMark(category) for category in ["", *RedactionCategory.values]]
        self.fields["category"].choices = [(mark.category, str(mark)) for mark in marks]  # as the public reads them

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("passage") is None:
            if not (cleaned.get("excerpt") or "").strip():
                self.add_error("excerpt", _("Select or paste the words to redact."))
            elif not cleaned.get("source"):
                self.add_error("source", _("Say which text the words come from."))
        return cleaned


class RedactionLiftForm(forms.Form):
    redaction = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason for lifting the redaction"), max_length=500)


class OfficialForm(forms.Form):
    """Verify an input's official status, or revoke the verification; either way with a reason."""

    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.TextInput)


class SuggestionDecisionForm(forms.Form):
    suggestion = forms.IntegerField(widget=forms.HiddenInput)
    accept = forms.BooleanField(required=False)


class CodingSampleForm(forms.Form):
    """A random share of the call's inputs for second coding, spread over the chosen reviewers."""

    share = forms.DecimalField(
        label=_("Share of the inputs (%)"),
        max_digits=5,
        decimal_places=2,
        initial=10,
        help_text=_("Inputs under review and not yet published; each goes to a reviewer who did not review it first."),
    )
    coders = forms.ModelMultipleChoiceField(
        label=_("Second reviewers"),
        queryset=get_user_model().objects.filter(reviewed_calls__isnull=False).distinct().order_by("username"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one second reviewer.")},
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=0,
        max_value=2**31 - 1,
        help_text=_("Leave empty for a new random draw; give an earlier sample's seed to repeat its draw."),
    )

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        reviewers = get_user_model().objects.filter(reviewed_calls__call=call).order_by("username")
        self.fields["coders"].widget.choices = [(user.pk, str(user)) for user in reviewers]

    def clean_share(self):
        share = self.cleaned_data["share"]
        if not 0 < share <= 100:
            raise forms.ValidationError(_("The share must be more than 0 and at most 100 percent."))
        return share


class SecondCodingForm(forms.Form):
    topic_areas = forms.ModelMultipleChoiceField(
        label=_("Topic areas of this input"),
        queryset=TopicArea.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sub_topics = forms.ModelMultipleChoiceField(
        label=_("Sub-topics (optional)"),
        queryset=SubTopic.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("A sub-topic counts for its topic area."),
    )

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic_areas"].queryset = TopicArea.objects.originals().filter(process=process)
        self.fields["sub_topics"].queryset = SubTopic.objects.filter(topic_area__process=process).select_related(
            "topic_area"
        )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("topic_areas") and not cleaned.get("sub_topics"):
            raise forms.ValidationError(_("Choose at least one topic area."))
        return cleaned


class AdjudicationForm(forms.Form):
    submission = forms.IntegerField(widget=forms.HiddenInput)
    topic_area = forms.IntegerField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(choices=AdjudicationOutcome.choices)
