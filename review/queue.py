"""The reviewer's queue on the review screen: the input before and after this one, without the list.

The list's filters and sort travel to the review screen in `queue` (the list's query string): "next" is then the
row below in that very list. A screen opened from elsewhere walks the inputs awaiting work, newest first.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from wagtail.admin.ui.tables import TitleColumn

from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse

from submissions.models import Submission

from . import permissions
from .filters import SubmissionFilterSet
from .models.reviews import AWAITING_DECISION
from .search import submissions_search

SORTS = {"-submitted_at", "submitted_at", "organisation", "-organisation"}  # the list's sortable columns


@dataclass(frozen=True)
class Neighbours:
    previous: Submission | None
    next: Submission | None
    query: str | None  # the list's query string the screen came from; None for the default queue

    @property
    def suffix(self) -> str:
        """The query string that keeps a link of the screen in this queue."""
        return "" if self.query is None else "?" + urlencode({"queue": self.query})

    @property
    def list_query(self) -> str:
        """The list this queue walks, as its query string."""
        if self.query is None:
            return urlencode([("review_status", status) for status in AWAITING_DECISION])
        return self.query


def queue_inputs(request, query: str | None):
    """The queue's inputs as the user may see them, and its sort key."""
    inputs = permissions.submissions_visible_to(request.user)
    if query is None:
        return inputs.filter(review__status__in=AWAITING_DECISION), "-submitted_at"
    params = QueryDict(query)
    filterset = SubmissionFilterSet(params, queryset=inputs, request=request)
    inputs = filterset.qs if filterset.is_valid() else inputs
    if params.get("q"):
        inputs = submissions_search(inputs, params["q"])
    sort = params.get("ordering") if params.get("ordering") in SORTS else "-submitted_at"
    return inputs, sort


def queue_neighbours(request, submission: Submission) -> Neighbours:
    """The inputs either side of `submission` in its queue's order (sort key, then id in the same direction)."""
    query = request.GET.get("queue")
    inputs, sort = queue_inputs(request, query)
    field = sort.lstrip("-")
    value, descending = getattr(submission, field), sort.startswith("-")

    def beyond(forward: bool):
        later = forward == descending  # walking a descending order forward means smaller keys
        lookup = "lt" if later else "gt"
        after = Q(**{f"{field}__{lookup}": value}) | Q(**{field: value, f"pk__{lookup}": submission.pk})
        order = (f"-{field}", "-pk") if later else (field, "pk")
        return inputs.filter(after).order_by(*order).only("pk", "reference").first()

    return Neighbours(previous=beyond(False), next=beyond(True), query=query)


class QueueTitleColumn(TitleColumn):
    """The list's link to an input's review screen, carrying the list's filters and sort as the screen's queue
    (without the page's cursor: the queue walks the whole list)."""

    def get_link_url(self, instance, parent_context):
        url = reverse("review_screen", args=[instance.pk])
        request = parent_context.get("request")
        if request is None:
            return url
        params = request.GET.copy()
        params.pop("cursor", None)
        return f"{url}?{urlencode({'queue': params.urlencode()})}"
