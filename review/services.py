"""Writes of the review: status, assignment, passages and mappings, notes, redactions, publication.

Every service checks the reviewer's right through `review.permissions`, owns its transaction and writes
its row of Wagtail's audit log.
"""

from wagtail.log_actions import log

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from submissions.models import Submission

from . import permissions, signals
from .decisions import status_refusals
from .models import (
    Mapping,
    MappingOrigin,
    Note,
    NotPublishedReason,
    Passage,
    PassageSource,
    Review,
    ReviewStatus,
    Suggestion,
    SuggestionDecision,
)

NOT_IN_TEXT = _lazy("This passage is not in the chosen text. Select or paste words exactly as they stand.")
# Publishing and refusing need the right to publish; the other changes the right to set a status.
STATUS_ACTION = {ReviewStatus.PUBLISHED: "publish", ReviewStatus.NOT_PUBLISHED: "publish"}


def require(user, action: str, submission: Submission) -> None:
    if not permissions.can(user, action, submission):
        raise PermissionDenied(_("You may not do this with input %(reference)s.") % {"reference": submission})


def review_open(*, submission: Submission) -> Review:
    """A confirmed input enters the review (and its duplicate cluster, if it has twins)."""
    from .duplicates_service import review_cluster_assign
    from .search import review_search_index

    review, created = Review.objects.get_or_create(submission=submission)
    if created:
        review_cluster_assign(review=review)
        review_search_index(review)
    return review


def review_locked(submission: Submission, revision: int | None) -> Review:
    """The review row, locked; refuse a change made from a screen older than the last save."""
    review = Review.objects.select_for_update().get(submission=submission)
    if revision is not None and revision != review.revision:
        raise ValidationError(
            _("Someone else changed input %(reference)s while you were looking at it. Reload and try again."),
            params={"reference": submission.reference},
        )
    return review


def review_touch(review: Review) -> None:
    review.revision += 1
    review.updated_at = timezone.now()
    review.save()


def review_status_set(
    *, submission: Submission, status: str, by, reason: str = "", revision: int | None = None
) -> Review:
    require(by, STATUS_ACTION.get(status, "status"), submission)
    with transaction.atomic():
        review = review_locked(submission, revision)
        refusals = status_refusals(submission, review, status)
        if refusals:
            raise ValidationError(" ".join(refusals))
        if status == ReviewStatus.NOT_PUBLISHED and reason not in NotPublishedReason.values:
            raise ValidationError(_("Say why the input is not published."))
        review.status = status
        review.reason = reason if status == ReviewStatus.NOT_PUBLISHED else ""
        review.published_at = timezone.now() if status == ReviewStatus.PUBLISHED else None
        if status in (ReviewStatus.PUBLISHED, ReviewStatus.NOT_PUBLISHED):
            review.edited_after_review_at = None  # decided again after the submitter's edit: the news is old
        if status == ReviewStatus.PUBLISHED:  # published without them: the suggestions left were not taken
            Suggestion.objects.filter(submission=submission, decision=SuggestionDecision.PENDING).update(
                decision=SuggestionDecision.REJECTED, decided_by=by, decided_at=timezone.now()
            )
        review_touch(review)
        log(instance=submission, action="review.status", user=by, data={"status": status, "reason": reason})
        publication_announce(review)
        if status in (ReviewStatus.PUBLISHED, ReviewStatus.NOT_PUBLISHED):
            from .notifications import submitter_decision_mail_queue

            submitter_decision_mail_queue(submission, review)
    return review


def review_assign(*, submissions: list[Submission], reviewer, by, due_on=None) -> int:
    """Assign inputs to a reviewer (None to unassign), due by `due_on` if given; the reviewer is told as they
    chose. A new due date for the same reviewer changes the date without a new assignment."""
    from .notifications import reviewer_assignment_mail_queue

    for submission in submissions:
        require(by, "assign", submission)
    if reviewer is None:
        due_on = None
    elif due_on is not None and due_on < timezone.localdate():
        raise ValidationError(_("The due date is in the past: choose today or a later day."))
    with transaction.atomic():
        reviews = Review.objects.filter(submission__in=submissions)
        changed = reviews.exclude(assigned_to=reviewer)
        assigned = list(changed.values_list("submission_id", flat=True))
        now = timezone.now()
        changed.update(assigned_to=reviewer, assigned_at=now if reviewer else None, updated_at=now)
        reviews.exclude(due_on=due_on).update(due_on=due_on, updated_at=now)
        for submission in submissions:
            if submission.pk in assigned:
                log(instance=submission, action="review.assign", user=by, data={"reviewer": str(reviewer or "")})
        if reviewer is not None and assigned:
            reviewer_assignment_mail_queue(reviewer, [s for s in submissions if s.pk in assigned])
    return len(assigned)


def source_text(submission: Submission, source: str, *, answer=None, attachment=None) -> str:
    if source == PassageSource.ANSWER and answer is not None and answer.submission_id == submission.pk:
        return answer.text
    if source == PassageSource.GENERAL_COMMENT:
        return submission.general_comment
    if source == PassageSource.ATTACHMENT and attachment is not None and attachment.submission_id == submission.pk:
        return attachment.text
    raise ValidationError(_("Choose the answer, comment or attachment the passage comes from."))


def passage_create(
    *, submission: Submission, source: str, excerpt: str, by, answer=None, attachment=None, start=None
) -> Passage:
    """A passage found by its words in the source text (what a reviewer selects or pastes).

    Without the answer or attachment named (no script in the browser), the first one holding the words is taken;
    without `start` (where the selection begins), the first place holding them.
    """
    require(by, "map", submission)
    return passage_find(
        submission=submission,
        source=source,
        excerpt=excerpt,
        by=by,
        answer=answer,
        attachment=attachment,
        start=start,
    )


def passage_find(
    *, submission: Submission, source: str, excerpt: str, by, answer=None, attachment=None, start=None
) -> Passage:
    """The passage of these words where they stand in the source (at `start` if they stand there), made if no
    reviewer took them before."""
    selected_at = start
    excerpt = excerpt.strip()
    if source == PassageSource.ANSWER and answer is None:
        answer = next((item for item in submission.answers.all() if excerpt and excerpt in item.text), None)
    if source == PassageSource.ATTACHMENT and attachment is None:
        attachment = next((item for item in submission.current_attachments() if excerpt and excerpt in item.text), None)
    if source in (PassageSource.ANSWER, PassageSource.ATTACHMENT) and answer is None and attachment is None:
        raise ValidationError(NOT_IN_TEXT)
    text = source_text(submission, source, answer=answer, attachment=attachment)
    if selected_at is not None and excerpt and text[selected_at : selected_at + len(excerpt)] == excerpt:
        start = selected_at
    else:
        start = text.find(excerpt) if excerpt else -1
    if start < 0:
        raise ValidationError(NOT_IN_TEXT)
    with transaction.atomic():
        passage, _created = Passage.objects.get_or_create(
            submission=submission,
            source=source,
            answer=answer if source == PassageSource.ANSWER else None,
            attachment=attachment if source == PassageSource.ATTACHMENT else None,
            start=start,
            end=start + len(excerpt),
            is_outdated=False,
            defaults={"text": excerpt, "created_by": by},
        )
    return passage


def review_edited(*, submission: Submission, before: dict) -> Review | None:
    """The submitter edited the input through the private link (inside the edit's transaction).

    Its passages follow their words into the new text. If reviewers had begun on it, the input is marked as
    changed after review, and a mapped or published one goes back to "in review": it leaves every public
    surface until a reviewer publishes it again. A screen opened before the edit can no longer save a status.
    """
    from .passages import passages_relocate
    from .search import review_search_index

    review = Review.objects.select_for_update().filter(submission=submission).first()
    if review is None:
        return None  # not confirmed yet: no reviewer has seen it
    moved, outdated = passages_relocate(submission=submission, before=before)
    previous = review.status
    if previous != ReviewStatus.NEW or submission.passages.exists():
        if previous in (ReviewStatus.MAPPED, ReviewStatus.PUBLISHED):
            review.status, review.published_at = ReviewStatus.IN_REVIEW, None
        review.edited_after_review_at = timezone.now()
    review_touch(review)
    if review.status != previous:
        log(
            instance=submission,
            action="review.status",
            data={
                "status": review.status,
                "previous_status": previous,
                "reason": "edited by the submitter",
                "passages_moved": moved,
                "passages_out_of_date": outdated,
            },
        )
    publication_announce(review)
    review_search_index(review)
    return review


def mapping_create(
    *,
    submission: Submission,
    topic_area,
    by,
    sub_topic=None,
    passage: Passage | None = None,
    stance: str = "",
    note: str = "",
    tags: list[str] = (),
    origin: str = MappingOrigin.REVIEWER,
) -> Mapping:
    """Map the input (or one passage) to a topic area of its call's process; the input becomes "mapped"."""
    require(by, "map", submission)
    if topic_area.process_id != submission.call.process_id:
        raise ValidationError(_("This topic area belongs to another process."))
    if sub_topic is not None and sub_topic.topic_area_id != topic_area.pk:
        raise ValidationError(_("This sub-topic belongs to another topic area."))
    if passage is not None and passage.submission_id != submission.pk:
        raise ValidationError(_("This passage belongs to another input."))
    with transaction.atomic():
        review = review_locked(submission, None)
        mapping, created = Mapping.objects.get_or_create(
            submission=submission,
            passage=passage,
            topic_area=topic_area,
            sub_topic=sub_topic,
            defaults={"stance": stance, "note": note, "origin": origin, "created_by": by},
        )
        if tags:
            mapping.tags.add(*tags)
        if created and suggestions_accept(submission=submission, topic_area=topic_area, sub_topic=sub_topic, by=by):
            mapping.origin = MappingOrigin.SUGGESTION
            mapping.save(update_fields=["origin"])
        if review.status in (ReviewStatus.NEW, ReviewStatus.IN_REVIEW):
            review.status = ReviewStatus.MAPPED
        review_touch(review)
        if created:
            log(
                instance=submission,
                action="review.map",
                user=by,
                data={"topic": str(sub_topic or topic_area.code), "passage": passage.pk if passage else None},
            )
            if review.status == ReviewStatus.PUBLISHED:
                publication_announce(review)
    return mapping


def suggestions_accept(*, submission: Submission, topic_area, sub_topic, by) -> int:
    """Mapping to a topic the input was suggested is accepting that suggestion (its area's, for a sub-topic of it)."""
    pending = Suggestion.objects.filter(
        submission=submission, topic_area=topic_area, decision=SuggestionDecision.PENDING
    ).filter(Q(sub_topic=sub_topic) | Q(sub_topic__isnull=True) if sub_topic else Q(sub_topic__isnull=True))
    return pending.update(decision=SuggestionDecision.ACCEPTED, decided_by=by, decided_at=timezone.now())


def passage_map(
    *,
    submission: Submission,
    topic_area,
    by,
    source: str = "",
    excerpt: str = "",
    answer=None,
    attachment=None,
    start=None,
    **mapping,
) -> Mapping:
    """Map the input, or the passage `excerpt` of it, in one transaction: a refused mapping leaves no passage."""
    with transaction.atomic():
        passage = None
        if excerpt:
            passage = passage_create(
                submission=submission,
                source=source,
                excerpt=excerpt,
                by=by,
                answer=answer,
                attachment=attachment,
                start=start,
            )
        return mapping_create(submission=submission, topic_area=topic_area, by=by, passage=passage, **mapping)


def mapping_delete(*, mapping: Mapping, by) -> None:
    require(by, "map", mapping.submission)
    with transaction.atomic():
        log(instance=mapping.submission, action="review.unmap", user=by, data={"topic": mapping.topic_area.code})
        mapping.delete()
        review = Review.objects.get(submission=mapping.submission)
        if review.status == ReviewStatus.PUBLISHED:
            publication_announce(review)


def note_add(*, submission: Submission, text: str, by) -> Note:
    require(by, "note", submission)
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the note first."))
    with transaction.atomic():
        note = Note(submission=submission, text=text, author=by)
        note.full_clean()
        note.save()
        log(instance=submission, action="review.note", user=by)
    return note


def review_withdrawn(*, submission: Submission) -> None:
    """The submitter withdrew the input: it leaves publication, whatever its review said."""
    for review in Review.objects.select_for_update().filter(submission=submission):
        previous = review.status
        if previous != ReviewStatus.NOT_PUBLISHED:
            review.status, review.reason, review.published_at = (
                ReviewStatus.NOT_PUBLISHED,
                NotPublishedReason.WITHDRAWN,
                None,
            )
            review_touch(review)
            log(
                instance=submission,
                action="review.status",
                data={"status": review.status, "previous_status": previous, "reason": NotPublishedReason.WITHDRAWN},
            )
        publication_announce(review)


def review_restored(*, submission: Submission) -> Review | None:
    """The submitter undid the withdrawal (inside the restore's transaction): the input comes back to review,
    never straight to publication. "In review" if reviewers had begun on it (passages, mappings or notes),
    else "received" as when it was first confirmed. An input refused for another reason before it was
    withdrawn (spam, out of scope …) keeps that decision.
    """
    review = Review.objects.select_for_update().filter(submission=submission).first()
    if review is None or review.reason != NotPublishedReason.WITHDRAWN:
        return review
    begun = (
        Mapping.objects.filter(submission=submission).exists()
        or Passage.objects.filter(submission=submission).exists()
        or Note.objects.filter(submission=submission).exists()
    )
    review.status = ReviewStatus.IN_REVIEW if begun else ReviewStatus.NEW
    review.reason = ""
    review_touch(review)
    log(
        instance=submission,
        action="review.status",
        data={"status": review.status, "previous_status": ReviewStatus.NOT_PUBLISHED, "reason": "restored"},
    )
    publication_announce(review)
    return review


def publication_announce(review: Review) -> None:
    """Tell the public reading that what the public may read of this input may have changed: it re-indexes
    the input and, if it was or is public, retires the cached pages older than this change."""
    signals.publication_changed.send(sender=Review, review=review)
