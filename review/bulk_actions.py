"""Bulk actions on the list of inputs: assign, change status, map to a topic area, publish.

Each action checks every input against `review.permissions` and runs one service per input, so a bulk
action can do nothing a reviewer could not do one input at a time.
"""

from wagtail import hooks
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from reference.models import TopicArea
from submissions.models import Submission

from . import permissions, services
from .models import NotPublishedReason, ReviewStatus


class SubmissionBulkAction(SnippetBulkAction):
    models = [Submission]
    template_name = "review/bulk_action_confirm.html"
    action_name = "status"

    def check_perm(self, obj):
        return permissions.can(self.request.user, self.action_name, obj)

    def get_actionable_objects(self):
        """Only inputs the user may see are named, listed or acted on; none of them at all is a 404."""
        requested = self.request.GET.getlist("id")
        submissions = permissions.submissions_visible_to(self.request.user).order_by("-submitted_at")
        if "all" not in requested:
            submissions = submissions.filter(pk__in=[pk for pk in requested if permissions.is_id(pk)])
        objects, refused = [], []
        for submission in submissions.select_related("call", "call__process"):
            (objects if self.check_perm(submission) else refused).append(submission)
        if not objects and not refused:
            raise Http404
        return objects, {"items_with_no_access": refused}

    def get_execution_context(self):
        return {"user": self.request.user, **(self.cleaned_form.cleaned_data if self.cleaned_form else {})}

    @classmethod
    def each(cls, objects, work) -> tuple[int, int]:
        """Run `work` on each input; what a rule refuses is counted, not fatal to the rest."""
        done = 0
        for submission in objects:
            try:
                work(submission)
            except (ValidationError, PermissionDenied):
                continue
            done += 1
        return done, 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext("%(count)d input updated.", "%(count)d inputs updated.", num_parent_objects) % {
            "count": num_parent_objects
        }


class AssignForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"), queryset=get_user_model().objects.filter(reviewed_calls__isnull=False).distinct()
    )


class AssignBulkAction(SubmissionBulkAction):
    display_name = _("Assign")
    action_type = "assign"
    aria_label = _("Assign the selected inputs to a reviewer")
    action_name = "assign"
    form_class = AssignForm

    @classmethod
    def execute_action(cls, objects, user=None, reviewer=None, **kwargs):
        return cls.each(objects, lambda s: services.review_assign(submissions=[s], reviewer=reviewer, by=user))


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ReviewStatus.choices)
    reason = forms.ChoiceField(
        label=_("Reason, if not published"), choices=[("", "—")] + NotPublishedReason.choices, required=False
    )


class StatusBulkAction(SubmissionBulkAction):
    display_name = _("Change status")
    action_type = "review_status"
    aria_label = _("Change the review status of the selected inputs")
    form_class = StatusForm

    @classmethod
    def execute_action(cls, objects, user=None, status=None, reason="", **kwargs):
        return cls.each(
            objects, lambda s: services.review_status_set(submission=s, status=status, reason=reason, by=user)
        )


class MapForm(forms.Form):
    topic_area = forms.ModelChoiceField(label=_("Topic area"), queryset=TopicArea.objects.originals())


class MapBulkAction(SubmissionBulkAction):
    display_name = _("Map to a topic area")
    action_type = "map"
    aria_label = _("Map the selected inputs to a topic area")
    action_name = "map"
    form_class = MapForm

    @classmethod
    def execute_action(cls, objects, user=None, topic_area=None, **kwargs):
        return cls.each(objects, lambda s: services.mapping_create(submission=s, topic_area=topic_area, by=user))


class PublishBulkAction(SubmissionBulkAction):
    display_name = _("Publish")
    action_type = "publish"
    aria_label = _("Publish the selected inputs")
    action_name = "publish"

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        return cls.each(
            objects, lambda s: services.review_status_set(submission=s, status=ReviewStatus.PUBLISHED, by=user)
        )


for action in (AssignBulkAction, StatusBulkAction, MapBulkAction, PublishBulkAction):
    hooks.register("register_bulk_action", action)
