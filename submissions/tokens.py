"""Signed tokens in the links we send: the receipt, the email confirmation and the private edit link.

A token is `<id>-<signature>`: only letters, digits, `-` and `_`, as Wagtail's page URLs require. The
signature covers the purpose and the row's identity, so a token works for one input and one purpose; the
private link's identity also holds its version, so a fresh link revokes the older ones (`links.py`).
"""

import re

from django.core.signing import Signer
from django.utils.crypto import constant_time_compare

from .models import CallSubscription, Submission


def signature(purpose: str, value: str) -> str:
    return Signer(salt=f"submissions.{purpose}").signature(value)


def token_make(purpose: str, pk: int, identity: str) -> str:
    return f"{pk}-{signature(purpose, f'{pk}:{identity}')}"


# ASCII digits only (str.isdigit() also takes "²" and "٣", which int() refuses or reads), and a signature in
# the alphabet Signer writes.
TOKEN_SHAPE = re.compile(r"([0-9]{1,19})-([A-Za-z0-9_-]{1,100})")
PK_MAX = 2**63 - 1  # PostgreSQL's bigint, the type of our primary keys


def token_read(token: str) -> tuple[int, str] | None:
    """(id, signature) from a token's shape, or None for anything else: a malformed link is "not found"."""
    shape = TOKEN_SHAPE.fullmatch(token)
    if shape is None or int(shape[1]) > PK_MAX:
        return None
    return int(shape[1]), shape[2]


def token_matches(purpose: str, pk: int, identity: str, signed: str) -> bool:
    return constant_time_compare(signature(purpose, f"{pk}:{identity}"), signed)


def submission_identity(submission: Submission, purpose: str) -> str:
    """What a token signs: the reference, and for the private link its version once a fresh one was sent.

    Version 0 signs the reference alone, as links sent before versions existed did: they keep working.
    """
    if purpose == "manage" and submission.link_version:
        return f"{submission.reference}:{submission.link_version}"
    return submission.reference


def submission_token(submission: Submission, purpose: str) -> str:
    return token_make(purpose, submission.pk, submission_identity(submission, purpose))


def submission_from_token(token: str, purpose: str) -> Submission | None:
    """The input the token names, or None when the token is forged, altered or for another purpose."""
    parsed = token_read(token)
    if parsed is None:
        return None
    submission = (
        Submission.objects.select_related("call", "call__process", "stakeholder_group", "country")
        .filter(pk=parsed[0], erased_at__isnull=True)  # an erased input has no private pages left
        .first()
    )
    if submission is None or not token_matches(
        purpose, submission.pk, submission_identity(submission, purpose), parsed[1]
    ):
        return None
    return submission


def subscription_token(subscription: CallSubscription) -> str:
    return token_make("subscription", subscription.pk, subscription.email)


def subscription_from_token(token: str) -> CallSubscription | None:
    parsed = token_read(token)
    if parsed is None:
        return None
    subscription = CallSubscription.objects.select_related("call").filter(pk=parsed[0]).first()
    if subscription is None or not token_matches("subscription", subscription.pk, subscription.email, parsed[1]):
        return None
    return subscription
