"""Duplicate clusters in the database: each confirmed input joins the cluster of its first twin."""

from django.db import transaction
from django.db.models import F, Q

from .duplicates import (
    CLUSTER_DISTANCE,
    MIN_SIMILARITY,
    band_probes,
    is_near_duplicate,
    simhash,
    simhash_bands,
    text_hash,
    text_similarity,
)
from .models import DuplicateCluster, Review


def submission_text(submission) -> str:
    """What two inputs must share to be twins: their answers and general comment."""
    parts = [answer.text for answer in submission.answers.order_by("question__sort_order")]
    return "\n\n".join([*parts, submission.general_comment]).strip()


def review_cluster_assign(*, review: Review) -> DuplicateCluster | None:
    """Store the review's signatures and put it in the cluster of an identical or near-identical input."""
    text = submission_text(review.submission)
    if not text:
        return None
    review.text_hash = text_hash(text)
    review.simhash = simhash(text)
    review.band0, review.band1, review.band2, review.band3 = simhash_bands(review.simhash)
    twin = twin_find(review, text)
    with transaction.atomic():
        if twin is not None:
            cluster = twin.cluster or DuplicateCluster.objects.create(representative=twin.submission, size=1)
            if twin.cluster_id is None:
                Review.objects.filter(pk=twin.pk).update(cluster=cluster)
            DuplicateCluster.objects.filter(pk=cluster.pk).update(size=F("size") + 1)
            review.cluster = cluster
        review.save()
    return review.cluster


def twin_find(review: Review, text: str) -> Review | None:
    """The first earlier input with the same text, or a close signature and a text sharing most shingles.

    Candidates come from indexed lookups: the exact text hash, or a SimHash band equal to one of its
    one-bit neighbours (which finds every pair up to 7 bits apart and most up to 10).
    """
    probes = band_probes(review.simhash)
    candidates = (
        Review.objects.filter(
            Q(text_hash=review.text_hash)
            | Q(band0__in=probes[0])
            | Q(band1__in=probes[1])
            | Q(band2__in=probes[2])
            | Q(band3__in=probes[3]),
            submission__call=review.submission.call,
        )
        .exclude(pk=review.pk)
        .exclude(simhash=None)
        .select_related("submission", "cluster")
        .order_by("submission_id")[:200]
    )
    for candidate in candidates:
        if candidate.text_hash == review.text_hash:
            return candidate
        if is_near_duplicate(candidate.simhash, review.simhash, max_distance=CLUSTER_DISTANCE) and (
            text_similarity(submission_text(candidate.submission), text) >= MIN_SIMILARITY
        ):
            return candidate
    return None
