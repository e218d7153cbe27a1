"""Full-text search of every input, for reviewers (the public search is `reading.search`)."""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet, Value

from submissions.models import Submission

from .duplicates_service import submission_text
from .models import Review


def review_search_index(review: Review) -> None:
    """Store the words of the input (answers, comment, organisation, attachments' text)."""
    if connection.vendor != "postgresql":
        return  # the embedded SQLite mode searches with LIKE instead
    submission = review.submission
    attachments = " ".join(submission.current_attachments().values_list("text", flat=True))
    document = " ".join([submission.reference, submission.organisation, submission_text(submission), attachments])
    Review.objects.filter(pk=review.pk).update(search_vector=SearchVector(Value(document), config="simple"))


def submissions_search(queryset: QuerySet, query: str) -> QuerySet:
    """Inputs whose words match `query` (all words, any order), or whose reference contains it."""
    query = query.strip()
    if not query:
        return queryset
    if connection.vendor != "postgresql":
        return queryset.filter(
            Q(reference__icontains=query) | Q(general_comment__icontains=query) | Q(answers__text__icontains=query)
        ).distinct()
    words = SearchQuery(query, config="simple", search_type="plain")
    return queryset.filter(Q(reference__icontains=query) | Q(review__search_vector=words))


def search_match_ids(query: str, limit: int) -> list[int] | None:
    """The ids of the inputs `submissions_search` would find, if there are at most `limit` of them (None if
    more, or off PostgreSQL). Each half is read from its index (words: GIN; reference: trigrams), so that a
    rare word or a reference is listed from its few matches instead of walking the list's order."""
    query = query.strip()
    if not query or connection.vendor != "postgresql":
        return None
    words = SearchQuery(query, config="simple", search_type="plain")
    matches = (
        Review.objects.filter(search_vector=words)
        .values_list("submission_id", flat=True)
        .union(Submission.objects.filter(reference__icontains=query).values_list("pk", flat=True), all=True)
    )
    ids = list(matches[: limit + 1])
    return ids if len(ids) <= limit else None
