"""Bulk actions on the list of inputs: assign, change status, map to a topic area, publish.

Confirming one stores a bulk job (`review.jobs`) that a worker runs, input by input through the service a single
action calls, so a bulk action can do nothing a reviewer could not do one input at a time; the reviewer follows
it on the job's page. Each action is offered only to those who may take it (`permissions.actions_in_bulk_for`, read by
`templatetags/review_bulk.py`), and Wagtail's bulk "Delete" is taken away from inputs, which nobody deletes.
"""

from wagtail import hooks
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from submissions.models import Submission

from . import admin_views, jobs, permissions
from .bulk_forms import AssignForm, BulkForm, MapForm, StatusForm


class SubmissionBulkAction(SnippetBulkAction):
    models = [Submission]
    template_name = "review/bulk_action_confirm.html"
    action_name = "status"
    form_class = BulkForm
    named_at_most = 50  # inputs named on the confirmation page; the rest are counted

    def dispatch(self, request, *args, **kwargs):
        """An action the list does not offer the user is not there for them: 404."""
        if not permissions.can_act_in_bulk(request.user, self.action_name):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    @cached_property
    def selection(self) -> QuerySet[Submission]:
        """The selected inputs the user may see: the ids given or, for "all" ("Select all in listing", which
        passes the list's query string), every input of the list as filtered, searched and sorted."""
        requested = self.request.GET.getlist("id")
        if "all" in requested:
            return admin_views.listing_queryset(self.request)
        ids = [pk for pk in requested if permissions.is_id(pk)]
        return permissions.submissions_visible_to(self.request.user).filter(pk__in=ids).order_by("-submitted_at")

    @cached_property
    def actionable(self) -> QuerySet[Submission]:
        may = permissions.submissions_actionable_by(self.request.user, self.action_name)
        return self.selection.filter(pk__in=may.values("pk"))

    def get_actionable_objects(self):
        """The first inputs acted on and the first left as they are, by a few queries whatever the selection's
        size (the job checks each input again); none selected at all is a 404."""
        if not self.selection.exists():
            raise Http404
        refused = self.selection.exclude(pk__in=self.actionable.values("pk"))
        named = self.named_at_most
        return list(self.actionable[:named]), {"items_with_no_access": list(refused[:named])}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actionable = self.actionable.count()
        context.update(
            items_count=actionable,
            items_with_no_access_count=self.selection.count() - actionable,
            named_at_most=self.named_at_most,
        )
        return context

    def form_valid(self, form):
        """No work here: the job is stored (for the inputs the user may act on) and queued; on to its page."""
        try:
            job = jobs.bulk_job_create(
                user=self.request.user,
                action=self.action_name,
                parameters=form.parameters(),
                submission_ids=self.selection.values("pk"),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return redirect("bulk_job", job.pk)


class AssignBulkAction(SubmissionBulkAction):
    display_name = _("Assign")
    action_type = "assign"
    aria_label = _("Assign the selected inputs to a reviewer")
    action_name = "assign"
    form_class = AssignForm


class StatusBulkAction(SubmissionBulkAction):
    display_name = _("Change status")
    action_type = "review_status"
    aria_label = _("Change the review status of the selected inputs")
    action_name = "status"
    form_class = StatusForm


class MapBulkAction(SubmissionBulkAction):
    display_name = _("Map to a topic area")
    action_type = "map"
    aria_label = _("Map the selected inputs to a topic area")
    action_name = "map"
    form_class = MapForm


class PublishBulkAction(SubmissionBulkAction):
    display_name = _("Publish")
    action_type = "publish"
    aria_label = _("Publish the selected inputs")
    action_name = "publish"


class NoDeleteBulkAction(SubmissionBulkAction):
    """Takes the place of Wagtail's bulk "Delete" for inputs (registered after it, under its action type): no role
    may delete an input, so it is offered to nobody and its address is a 404."""

    display_name = _("Delete")
    action_type = "delete"
    aria_label = _("Delete the selected inputs")
    action_name = "delete"


for action in (AssignBulkAction, StatusBulkAction, MapBulkAction, PublishBulkAction):
    hooks.register("register_bulk_action", action)
hooks.register("register_bulk_action", NoDeleteBulkAction, order=1)  # after wagtail.snippets' own (order 0)
