"""What the submitter is told of their input's status: the intake's own states, the review's decision and,
once published, the public address.

The review and the public reading are layers above the intake, which may not import them. So they fill
two hooks here at start-up (in their AppConfig.ready), as the reading registers where it is mounted:
`review_state_provider_register` (review: where the input stands in review) and
`public_url_provider_register` (reading: the public page of a published input). Without them (an intake
alone) an input confirmed is "received, awaiting review".
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from .models import PublicationChoice, Submission, SubmissionStatus


class Stage:
    """Where the input stands, as the submitter reads it (one word per state, in pages and mails)."""

    UNCONFIRMED = "unconfirmed"
    AWAITING_REVIEW = "awaiting_review"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    NOT_PUBLISHED = "not_published"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


@dataclass(frozen=True)
class ReviewState:
    """What the review tells of a confirmed input: its stage, the reason it is not published when that is
    the submitter's business (plain words, or ""), and whether an edit sends it back to review (it was
    mapped or published)."""

    stage: str
    reason: str = ""
    edit_reopens: bool = False


@dataclass(frozen=True)
class SubmitterStatus:
    stage: str
    label: str
    explanation: str
    reason: str = ""
    public_url: str = ""  # the address of the public page (path), once published
    edit_reopens: bool = False


_review_state_providers: list[Callable[[Submission], ReviewState | None]] = []
_public_url_providers: list[Callable[[Submission, str], str]] = []


def review_state_provider_register(provider: Callable[[Submission], ReviewState | None]) -> None:
    """`provider(submission)` tells where a confirmed input stands in review (None: not in review yet)."""
    _review_state_providers[:] = [provider]


def public_url_provider_register(provider: Callable[[Submission, str], str]) -> None:
    """`provider(submission, language)` gives the path of the input's public page in `language`, or ""."""
    _public_url_providers[:] = [provider]


def review_state(submission: Submission) -> ReviewState | None:
    return _review_state_providers[0](submission) if _review_state_providers else None


def public_url(submission: Submission, language: str) -> str:
    return _public_url_providers[0](submission, language) if _public_url_providers else ""


def submitter_status(submission: Submission, language: str | None = None) -> SubmitterStatus:
    """The input's status in plain words, in `language` (the active one by default)."""
    language = language or translation.get_language()
    with translation.override(language):
        if submission.status == SubmissionStatus.UNCONFIRMED:
            return status(Stage.UNCONFIRMED)
        if submission.status == SubmissionStatus.EXPIRED:
            return status(Stage.EXPIRED)
        if submission.status == SubmissionStatus.WITHDRAWN:
            return status(Stage.WITHDRAWN)
        state = review_state(submission) or ReviewState(Stage.AWAITING_REVIEW)
        reason = state.reason
        if state.stage == Stage.NOT_PUBLISHED and submission.publication == PublicationChoice.PRIVATE and not reason:
            reason = _("You chose not to publish it.")
        url = public_url(submission, language) if state.stage == Stage.PUBLISHED else ""
        return status(state.stage, reason=reason, public_url=url, edit_reopens=state.edit_reopens)


def status(stage: str, **kwargs) -> SubmitterStatus:
    label, explanation = WORDS[stage]()
    return SubmitterStatus(stage=stage, label=label, explanation=explanation, **kwargs)


WORDS = {
    Stage.UNCONFIRMED: lambda: (
        _("Email not confirmed"),
        _("Open the link in the email we sent you: the reviewers see your input only once your address is confirmed."),
    ),
    Stage.AWAITING_REVIEW: lambda: (
        _("Received, awaiting review"),
        _("Your address is confirmed and the input is with the reviewers; they have not begun on it yet."),
    ),
    Stage.IN_REVIEW: lambda: (
        _("In review"),
        _("The reviewers are reading your input and mapping it to the topic areas."),
    ),
    Stage.PUBLISHED: lambda: (
        _("Published"),
        _("Your input is on the public site."),
    ),
    Stage.NOT_PUBLISHED: lambda: (
        _("Not published"),
        _("The reviewers read your input; it is not on the public site."),
    ),
    Stage.WITHDRAWN: lambda: (
        _("Withdrawn"),
        _("You withdrew this input: it is not reviewed or published."),
    ),
    Stage.EXPIRED: lambda: (
        _("Expired"),
        _("The email address was never confirmed, so the input was never handed to the reviewers."),
    ),
}
