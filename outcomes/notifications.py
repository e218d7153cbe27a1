"""One email to each submitter whose input a newly published recommendation cites, in the submitter's
language, with the recommendations' addresses and a lasting link to stop such emails.

Sent by a sweep (after each publication, and by beat), so that recommendations published together are
told in one email, and a submitter who chose not to hear, withdrew or was erased hears nothing."""

import logging

from django.db import transaction
from django.db.models import Exists, OuterRef

from submissions.models import Submission, SubmissionStatus
from submissions.notifications import absolute, outbox_queue, submission_updates_url

from .citations import citations_read
from .models import Citation, CitationNotice
from .pages import recommendation_url

logger = logging.getLogger(__name__)


def citations_untold():
    """Citations in live recommendations of inputs whose submitters want to hear and were not told yet."""
    told = CitationNotice.objects.filter(submission=OuterRef("submission"), recommendation=OuterRef("recommendation"))
    return Citation.objects.filter(
        ~Exists(told),
        recommendation__live=True,
        submission__wants_updates=True,
        submission__status=SubmissionStatus.RECEIVED,
        submission__erased_at__isnull=True,
    ).order_by("submission_id")


def citation_notices_send() -> int:
    """Tell each submitter not told yet about the live recommendations that show a citation of their input."""
    sent = 0
    for submission_id in citations_untold().values_list("submission_id", flat=True).distinct():
        with transaction.atomic():
            submission = (
                Submission.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("call")
                .filter(pk=submission_id)
                .first()
            )
            if submission is None:
                continue  # another sweep is telling this submitter now
            reads = citations_read(citations_untold().filter(submission=submission).select_related("recommendation"))
            recommendations = list({read.citation.recommendation for read in reads if read.is_shown})
            if not recommendations:
                continue
            recommendations.sort(key=lambda item: item.number)
            CitationNotice.objects.bulk_create(
                [CitationNotice(submission=submission, recommendation=item) for item in recommendations],
                ignore_conflicts=True,
            )
            outbox_queue(
                to=submission.contact_email,
                language=submission.correspondence_language,
                template="outcomes/email/cited.txt",
                context={
                    "submission": submission,
                    "recommendations": [
                        (item, link and absolute(link))
                        for item in recommendations
                        for link in [recommendation_url(item, submission.correspondence_language)]
                    ],
                    "updates_url": submission_updates_url(submission),
                },
            )
            sent += 1
    if sent:
        logger.info("Told %d submitter(s) that recommendations cite their input", sent)
    return sent
