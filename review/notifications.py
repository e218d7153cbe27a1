"""Mail to reviewers about new inputs: at once, or gathered in a daily digest."""

from datetime import timedelta

from wagtail.users.models import UserProfile

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from submissions.models import Submission, SubmissionStatus
from submissions.notifications import absolute, outbox_queue, submission_links
from submissions.submitter_status import submitter_status

from .models import AlertFrequency, ReviewerPreference


def reviewer_alert(user) -> str:
    """The user's choice, read from `user.review_preference` (select it with the user to avoid a query)."""
    try:
        return user.review_preference.alert
    except ReviewerPreference.DoesNotExist:
        return AlertFrequency.IMMEDIATE


def submission_admin_url(submission: Submission) -> str:
    return absolute(reverse("review_screen", args=[submission.pk]))


def reviewers_alert_new_submission(submission: Submission) -> None:
    """Queue one email per reviewer of the call who wants to hear at once (inside the caller's transaction)."""
    reviewers = get_user_model().objects.filter(reviewed_calls__call=submission.call, is_active=True)
    for user in reviewers.select_related("review_preference"):
        if reviewer_alert(user) != AlertFrequency.IMMEDIATE or not user.email:
            continue
        outbox_queue(
            to=user.email,
            language=reviewer_language(user),
            template="review/email/new_input.txt",
            context={"submission": submission, "url": submission_admin_url(submission)},
        )


def reviewer_digests_send(*, now=None) -> int:
    """Send each daily-digest reviewer the inputs confirmed since their last digest; at most one a day."""
    now = now or timezone.now()
    sent = 0
    for preference in ReviewerPreference.objects.filter(alert=AlertFrequency.DAILY).select_related("user"):
        with transaction.atomic():
            preference = ReviewerPreference.objects.select_for_update(skip_locked=True).filter(pk=preference.pk).first()
            if preference is None or not preference.user.email:
                continue
            since = preference.digest_sent_until
            if now - since < timedelta(days=1):
                continue
            inputs = (
                Submission.objects.handed_over()
                .filter(
                    call__reviewers__user=preference.user,
                    status=SubmissionStatus.RECEIVED,
                    confirmed_at__gt=since,
                    confirmed_at__lte=now,
                )
                .select_related("call", "stakeholder_group", "country")
            )
            inputs = list(inputs.order_by("confirmed_at"))
            assigned = list(
                Submission.objects.handed_over()
                .filter(
                    review__assigned_to=preference.user, review__assigned_at__gt=since, review__assigned_at__lte=now
                )
                .select_related("call")
            )
            preference.digest_sent_until = now
            preference.save(update_fields=["digest_sent_until"])
            if not inputs and not assigned:
                continue
            outbox_queue(
                to=preference.user.email,
                language=reviewer_language(preference.user),
                template="review/email/digest.txt",
                context={
                    "inputs": [(item, submission_admin_url(item)) for item in inputs],
                    "assigned": [(item, submission_admin_url(item)) for item in assigned],
                },
            )
            sent += 1
    return sent


def submitter_decision_mail_queue(submission: Submission, review) -> None:
    """Tell the submitter their input was published (with the address of its public page, in their
    language), or not published and why, where the reason is theirs to know."""
    status = submitter_status(submission, submission.correspondence_language)
    outbox_queue(
        to=submission.contact_email,
        language=submission.correspondence_language,
        template="review/email/decision.txt",
        context={
            "submission": submission,
            "review": review,
            "status": status,
            "public_url": absolute(status.public_url) if status.public_url else "",
            "manage_url": submission_links(submission)["manage_url"],
        },
    )


def reviewer_assignment_mail_queue(reviewer, submissions: list[Submission]) -> None:
    """At once for reviewers who want it; daily-digest reviewers see assignments in their digest."""
    if reviewer_alert(reviewer) != AlertFrequency.IMMEDIATE or not reviewer.email:
        return
    outbox_queue(
        to=reviewer.email,
        language=reviewer_language(reviewer),
        template="review/email/assigned.txt",
        context={"inputs": [(item, submission_admin_url(item)) for item in submissions]},
    )


def reviewer_language(user) -> str:
    """The language the reviewer chose for the admin (their account's preferences), if the site has it."""
    language = UserProfile.get_for_user(user).get_preferred_language()
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
