"""Full-text search: of every input for reviewers, and of what is published for the public."""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q, QuerySet, Value

from .clustering import submission_text
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


def review_public_index(review: Review, text: str) -> None:
    """Index what the public may read of a published input (redactions applied), in its own language."""
    if connection.vendor != "postgresql":
        Review.objects.filter(pk=review.pk).update(public_text=text)
        return
    config = LANGUAGE_CONFIGS.get(review.submission.language, "simple")
    vector = SearchVector(Value(text), config=config)
    if grams := cjk_bigrams(text):
        vector = vector + SearchVector(Value(" ".join(grams)), config="simple")
    Review.objects.filter(pk=review.pk).update(public_text=text, public_vector=vector)


def review_public_unindex(review: Review) -> None:
    Review.objects.filter(pk=review.pk).update(public_text="", public_vector=None)


def published_search(queryset: QuerySet, query: str) -> QuerySet:
    """Published inputs matching `query`: stemmed in each UN language; Chinese by its pairs of characters."""
    query = query.strip()
    if not query:
        return queryset
    if connection.vendor != "postgresql":
        return queryset.filter(review__public_text__icontains=query)
    if CJK.search(query):
        if len(query) == 1:  # one character has no pair to look up: read the texts
            return queryset.filter(review__public_text__contains=query)
        words = [*cjk_bigrams(query), *CJK_RUN.sub(" ", query).split()]
        return queryset.filter(review__public_vector=SearchQuery(" ".join(words), config="simple"))
    matches = Q()
    for config in sorted(set(LANGUAGE_CONFIGS.values())):
        matches |= Q(review__public_vector=SearchQuery(query, config=config, search_type="plain"))
    return queryset.filter(matches)
