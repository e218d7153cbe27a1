"""The Inputs area's Wagtail views, each reading inputs only through `review.permissions`.

An input the user may not see is a 404 on every URL that names it (ids cannot be probed). Inputs are
never added, edited, copied or deleted in the admin: those URLs answer 404 to everyone.
"""

from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    HistoryView,
    IndexView,
    InspectView,
    UsageView,
)

from django.http import Http404
from django.shortcuts import get_object_or_404

from . import permissions
from .search import submissions_search


class SubmissionIndexView(IndexView):
    def get_base_queryset(self):
        return permissions.submissions_visible_to(self.request.user).select_related(
            "call", "stakeholder_group", "country", "review", "review__assigned_to", "review__cluster"
        )

    def search_queryset(self, queryset):
        return submissions_search(queryset, self.search_query) if self.is_searching else queryset


class SubmissionInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(permissions.submissions_visible_to(self.request.user), pk=self.pk)


class SubmissionHistoryView(HistoryView):
    """The input's history, for whoever may see the input (it changes only through services)."""

    any_permission_required = ["view"]

    def get_base_object_queryset(self):
        return permissions.submissions_visible_to(self.request.user)


class NotInTheAdmin:
    def setup(self, request, *args, **kwargs):
        raise Http404


class SubmissionCreateView(NotInTheAdmin, CreateView):
    pass


class SubmissionEditView(NotInTheAdmin, EditView):
    pass


class SubmissionDeleteView(NotInTheAdmin, DeleteView):
    pass


class SubmissionUsageView(NotInTheAdmin, UsageView):
    pass
