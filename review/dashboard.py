"""The reviewer's panels on the admin's home page (Wagtail's dashboard): their queue, assignments due, inputs back
after an edit and the week's suggestions; users who edit no page are spared Wagtail's page panels."""

from urllib.parse import urlencode

from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.ui.components import Component

from django.conf import settings
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import dashboard_queries, permissions
from .models import ReviewStatus
from .models.reviews import AWAITING_DECISION

LISTED = 10  # inputs listed in a panel; the rest are a link to the list away
# Wagtail's own panels about pages (and their workflows): of no use to one who edits no page.
PAGE_PANELS = {
    "whats_new_in_wagtail_version",
    "user_objects_in_workflow_moderation",
    "workflow_objects_to_moderate",
    "recent_edits",
    "locked_pages",
}


def inputs_url(**filters) -> str:
    """The inputs list, filtered (each filter a parameter of `review.filters.SubmissionFilterSet`)."""
    return f"{reverse('inputs:list')}?{urlencode(filters, doseq=True)}"


def counted(count: int, **filters) -> dict:
    """A count as the panels show it: beyond the list's bound, "more than" the bound; a link to the inputs it
    counts unless there are none."""
    limit = settings.REVIEW_LIST_COUNT_LIMIT
    return {
        "count": count,
        "text": number_format(count, force_grouping=True)
        if count <= limit
        else _("more than %(limit)s") % {"limit": number_format(limit, force_grouping=True)},
        "url": inputs_url(**filters) if count else "",
    }


def status_cells(counts: dict[str, int], **filters) -> list[dict]:
    """One count per status awaiting a decision, then their total, each a link to those inputs."""
    cells = [counted(counts.get(status, 0), review_status=status, **filters) for status in AWAITING_DECISION]
    cells.append(counted(sum(counts.values()), review_status=list(AWAITING_DECISION), **filters))
    return cells


class ReviewPanel(Component):
    def __init__(self, user):
        self.user = user


class QueuePanel(ReviewPanel):
    name = "review_queue"
    order = 10
    template_name = "review/dashboard/queue.html"

    def get_context_data(self, parent_context=None):
        queue = dashboard_queries.queue_counts(self.user, limit=settings.REVIEW_LIST_COUNT_LIMIT)
        totals: dict[str, int] = {}
        for _call, counts in queue["calls"]:
            for status, count in counts.items():
                totals[status] = totals.get(status, 0) + count
        return {
            "statuses": [ReviewStatus(status).label for status in AWAITING_DECISION],
            "calls": [(call, status_cells(counts, call=call.pk)) for call, counts in queue["calls"]],
            "totals": status_cells(totals),
            "mine": status_cells(queue["mine"], mine="true"),
        }


class AssignmentsDuePanel(ReviewPanel):
    name = "review_assignments_due"
    order = 20
    template_name = "review/dashboard/assignments_due.html"

    def get_context_data(self, parent_context=None):
        due = dashboard_queries.assignments_due(self.user, listed=LISTED, limit=settings.REVIEW_LIST_COUNT_LIMIT)
        mine_due = {"mine": "true", "due": "true", "review_status": list(AWAITING_DECISION)}
        return {
            **due,
            "total": counted(due["total"], **mine_due),
            "overdue": counted(due["overdue"], mine="true", overdue="true"),
        }


class BackAfterEditPanel(ReviewPanel):
    name = "review_back_after_edit"
    order = 30
    template_name = "review/dashboard/back_after_edit.html"

    def get_context_data(self, parent_context=None):
        edited = dashboard_queries.back_after_edit(self.user, listed=LISTED, limit=settings.REVIEW_LIST_COUNT_LIMIT)
        filters = {"review_status": ReviewStatus.IN_REVIEW, "edited_after_review": "true"}
        return {**edited, "total": counted(edited["total"], **filters)}


class SuggestionsPanel(ReviewPanel):
    name = "review_suggestions"
    order = 40
    template_name = "review/dashboard/suggestions.html"

    def get_context_data(self, parent_context=None):
        return {**dashboard_queries.suggestions_this_week(self.user), "report_url": reverse("suggestion_report")}


def homepage_panels_construct(request, panels: list) -> None:
    """Wagtail's `construct_homepage_panels` hook: the review's panels for those who may use the review admin,
    in place of Wagtail's page panels for those who edit no page."""
    user = request.user
    if not permissions.can_use_review_admin(user):
        return
    if not user_has_any_page_permission(user):
        panels[:] = [panel for panel in panels if getattr(panel, "name", "") not in PAGE_PANELS]
    panels += [QueuePanel(user), AssignmentsDuePanel(user), BackAfterEditPanel(user), SuggestionsPanel(user)]
