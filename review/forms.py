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


class MappingForm(forms.Form):
    """Map the whole input, or a passage: its words are selected (or pasted) from one source text."""

    topic_area = forms.ModelChoiceField(label=_("Topic area"), queryset=TopicArea.objects.none())
    sub_topic = forms.ModelChoiceField(label=_("Sub-topic"), queryset=SubTopic.objects.none(), required=False)
    source = forms.ChoiceField(
        label=_("Passage from"), choices=[("", _("The whole input"))] + PassageSource.choices, required=False
    )
    source_id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    excerpt = forms.CharField(
        label=_("Passage"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Select words in the text above, or paste them; leave empty to map the whole input."),
    )
    stance = forms.ChoiceField(label=_("Stance"), choices=[("", "—")] + Stance.choices, required=False)
    note = forms.CharField(label=_("Note on this mapping"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    tags = forms.CharField(label=_("Tags"), required=False, help_text=_("Separated by commas."))

    def __init__(self, *args, process, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topic_area"].queryset = TopicArea.objects.originals().filter(process=process)
        self.fields["sub_topic"].queryset = SubTopic.objects.filter(topic_area__process=process).select_related(
            "topic_area"
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("excerpt") and not cleaned.get("source"):
            self.add_error("source", _("Say which text the passage comes from."))
        return cleaned

    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]


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
