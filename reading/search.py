"""The public search: an index of what the public may read of each published input, in its own language,
kept to exactly the published inputs by the review's `publication_changed` signal."""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet, Value

from review.models import Review, ReviewStatus
from review.publication import published_submissions

from .public_view import public_view

# PostgreSQL text-search configurations per language: stemming where PostgreSQL has it. No built-in
# configuration splits Chinese into words, so Chinese (in any input) is also indexed as overlapping pairs of
# characters, and a Chinese query matches them: a two-character word is found through the index too.
LANGUAGE_CONFIGS = {
    "ar": "arabic",
    "en": "english",
    "fr": "french",
    "ru": "russian",
    "es": "spanish",
    "zh-hans": "simple",
}
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CJK_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")


def cjk_bigrams(text: str) -> list[str]:
    """Each run of Chinese characters as its overlapping pairs (a lone character as itself)."""
    grams = []
    for run in CJK_RUN.findall(text):
        grams += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
    return grams


def public_index(review: Review, text: str) -> None:
    """Index what the public may read of a published input (redactions applied), in its own language."""
    if connection.vendor != "postgresql":
        Review.objects.filter(pk=review.pk).update(public_text=text)
        return
    config = LANGUAGE_CONFIGS.get(review.submission.language, "simple")
    vector = SearchVector(Value(text), config=config)
    if grams := cjk_bigrams(text):
        vector = vector + SearchVector(Value(" ".join(grams)), config="simple")
    Review.objects.filter(pk=review.pk).update(public_text=text, public_vector=vector)


def public_unindex(review: Review) -> None:
    Review.objects.filter(pk=review.pk).update(public_text="", public_vector=None)


def published_search(queryset: QuerySet, query: str) -> QuerySet:
    """Published inputs matching `query`: stemmed in each UN language; Chinese by its pairs of characters."""
    matches = search_condition(query, "review__")
    return queryset if matches is None else queryset.filter(matches)


def public_matches(query: str) -> QuerySet:
    """The reviews whose public words match `query` (only published inputs have any), for the listing's facts."""
    matches = search_condition(query, "")
    return Review.objects.all() if matches is None else Review.objects.filter(matches)


def search_condition(query: str, prefix: str) -> Q | None:
    """The condition on a review (reached through `prefix`) that its public words match `query`; None for no
    words."""
    query = query.strip()
    if not query:
        return None
    if connection.vendor != "postgresql":
        return Q(**{f"{prefix}public_text__icontains": query})
    if CJK.search(query):
        if len(query) == 1:  # one character has no pair to look up: read the texts
            return Q(**{f"{prefix}public_text__contains": query})
        words = [*cjk_bigrams(query), *CJK_RUN.sub(" ", query).split()]
        return Q(**{f"{prefix}public_vector": SearchQuery(" ".join(words), config="simple")})
    matches = Q()
    for config in sorted(set(LANGUAGE_CONFIGS.values())):
        matches |= Q(**{f"{prefix}public_vector": SearchQuery(query, config=config, search_type="plain")})
    return matches


def public_index_refresh(review: Review) -> bool:
    """Index the input of `review` if it is published, with its public view's words, or take it out of the
    index; True when what the public reads changed (it was or is published)."""
    was_public = bool(review.public_text)
    submission = published_submissions().filter(pk=review.submission_id).first()
    if submission is not None and review.status == ReviewStatus.PUBLISHED:
        public_index(review, public_view(submission).words())
        return True
    public_unindex(review)
    return was_public
