"""Duplicate clusters in the database: each confirmed input joins the cluster of its first twin."""

from django.db import transaction
from django.db.models import F, Q

from .duplicates import is_near_duplicate, simhash, simhash_bands, text_hash
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
    twin = twin_find(review)
    with transaction.atomic():
        if twin is not None:
            cluster = twin.cluster or DuplicateCluster.objects.create(representative=twin.submission, size=1)
            if twin.cluster_id is None:
                Review.objects.filter(pk=twin.pk).update(cluster=cluster)
            DuplicateCluster.objects.filter(pk=cluster.pk).update(size=F("size") + 1)
            review.cluster = cluster
        review.save()
    return review.cluster


def twin_find(review: Review) -> Review | None:
    """Candidates share the exact text or one SimHash band (indexed lookups); the first close one wins."""
    candidates = (
        Review.objects.filter(
            Q(text_hash=review.text_hash)
            | Q(band0=review.band0)
            | Q(band1=review.band1)
            | Q(band2=review.band2)
            | Q(band3=review.band3),
            submission__call=review.submission.call,
        )
        .exclude(pk=review.pk)
        .exclude(simhash=None)
        .select_related("submission", "cluster")
        .order_by("submission_id")[:200]
    )
    for candidate in candidates:
        if candidate.text_hash == review.text_hash or is_near_duplicate(candidate.simhash, review.simhash):
            return candidate
    return None
