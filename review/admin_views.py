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

from django.conf import settings
from django.db import connection
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property

from portal.keyset import BadCursor, bounded_count, keyset_page
from submissions.models import Submission

from . import permissions
from .search import search_match_ids, submissions_search


class ListCount:
    """What Wagtail's listing asks of its paginator, answered by counting no further than `limit` rows."""

    def __init__(self, queryset, limit: int, *, is_known_more: bool = False):
        self.queryset, self.limit, self.is_known_more = queryset, limit, is_known_more

    @cached_property
    def count(self) -> int:
        return self.limit + 1 if self.is_known_more else bounded_count(self.queryset, self.limit)

    @property
    def is_more(self) -> bool:
        return self.count > self.limit

    def get_elided_page_range(self, number):
        return []


class SubmissionIndexView(IndexView):
    """The reviewers' list: pages by keyset (sort key, id) through a cursor, never OFFSET, and a count
    that stops at `REVIEW_LIST_COUNT_LIMIT`, so that a page costs the same at any depth and size."""

    page_kwarg = "cursor"  # Wagtail drops it from the links that change the filters
    cursor_refused = False
    search_is_large = False
    search_few = 5_000  # up to this many matches, a search lists them by id; beyond, it walks the order

    def get_base_queryset(self):
        return permissions.submissions_visible_to(self.request.user).select_related(
            "call", "stakeholder_group", "country", "review", "review__assigned_to", "review__cluster"
        )

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        ids = search_match_ids(self.search_query, self.search_few)
        if ids is not None:
            return queryset.filter(pk__in=ids)
        self.search_is_large = connection.vendor == "postgresql"  # more matches than the count's bound
        return submissions_search(queryset, self.search_query)

    @cached_property
    def sort_key(self) -> str:
        ordering = self.ordering
        return ordering[0] if isinstance(ordering, (list, tuple)) else ordering

    def order_queryset(self, queryset):
        """By the sort, then by id in the same direction (the order the pages and the export follow)."""
        return queryset.order_by(self.sort_key, "-pk" if self.sort_key.startswith("-") else "pk")

    def get_table_kwargs(self):
        return {**super().get_table_kwargs(), "ordering": self.sort_key}

    def get_paginate_by(self, queryset):
        return None if self.is_export else settings.REVIEW_LIST_PAGE_SIZE

    def paginate_queryset(self, queryset, page_size):
        cursor = self.request.GET.get(self.page_kwarg) or None
        try:
            page = keyset_page(queryset, key=self.sort_key, cursor=cursor, size=page_size)
        except BadCursor:
            page = None
        if page is None or (cursor and not page.object_list):  # a bad cursor, or one past every row left
            self.cursor_refused = page is None
            page = keyset_page(queryset, key=self.sort_key, cursor=None, size=page_size)
        count = ListCount(queryset, settings.REVIEW_LIST_COUNT_LIMIT, is_known_more=self.search_is_large)
        return count, page, page.object_list, page.has_other_pages()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["cursor_refused"] = self.cursor_refused
        return context


def listing_queryset(request):
    """Every input the list shows for this request's query string (its filters, search and sort), on every page:
    what "Select all in listing" selects, read by the list's own view so that the two cannot differ."""
    viewset = Submission.snippet_viewset
    arguments = {**viewset.get_common_view_kwargs(), **viewset.get_index_view_kwargs()}  # as the viewset's as_view
    view = SubmissionIndexView(
        **{
            key: value
            for key, value in arguments.items()
            if hasattr(SubmissionIndexView, key) and value is not viewset.UNDEFINED
        }
    )
    view.setup(request)
    return view.get_queryset()


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
