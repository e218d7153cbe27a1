"""The forms of the list's bulk actions: each offers only what its user may choose, and gives the job's parameters."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from reference.models import TopicArea

from . import permissions
from .models import NotPublishedReason, ReviewStatus


class BulkForm(forms.Form):
    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def parameters(self) -> dict:
        """What the job keeps of the form, as JSON."""
        return {}


class AssignForm(BulkForm):
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"),
        queryset=get_user_model().objects.none(),
        error_messages={"required": _("Choose the reviewer to assign the inputs to.")},
    )
    due_on = forms.DateField(
        label=_("Due date (optional)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The day the review is due; the reviewer sees it in their queue."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["reviewer"].queryset = permissions.reviewers_assignable_by(user).order_by("username")

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on is not None and due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date is in the past: choose today or a later day."))
        return due_on

    def parameters(self) -> dict:
        due_on = self.cleaned_data["due_on"]
        return {"reviewer": self.cleaned_data["reviewer"].pk, "due_on": due_on.isoformat() if due_on else None}


class StatusForm(BulkForm):
    status = forms.ChoiceField(label=_("New status"), choices=ReviewStatus.choices)
    reason = forms.ChoiceField(
        label=_("Reason, if not published"), choices=[("", "—")] + NotPublishedReason.choices, required=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == ReviewStatus.NOT_PUBLISHED and not cleaned.get("reason"):
            self.add_error("reason", _("Say why the inputs are not published."))
        return cleaned

    def parameters(self) -> dict:
        return {"status": self.cleaned_data["status"], "reason": self.cleaned_data["reason"]}


class MapForm(BulkForm):
    topic_area = forms.ModelChoiceField(label=_("Topic area"), queryset=TopicArea.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        areas = TopicArea.objects.originals().filter(process__in=permissions.processes_visible_to(user))
        self.fields["topic_area"].label_from_instance = lambda area: f"{area} ({area.process.code})"
        areas = areas.select_related("process").order_by("process__name", "sort_order", "code")
        self.fields["topic_area"].queryset = areas

    def parameters(self) -> dict:
        return {"topic_area": self.cleaned_data["topic_area"].pk}
