"""Reminders before a call closes: subscribe, confirm, and the periodic send (once per call and address)."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CallSubscription
from .notifications import reminder_mail_queue, subscription_confirm_mail_queue


def call_subscription_create(*, call, email: str, language: str) -> CallSubscription:
    """Ask for a reminder; the address must confirm it. Asking again sends no second confirmation."""
    if call.status == "closed":
        raise ValidationError(_("This call is closed: there is nothing to remind you of."))
    email = email.strip().lower()
    with transaction.atomic():
        subscription, created = CallSubscription.objects.get_or_create(
            call=call, email=email, defaults={"language": language}
        )
        if created:
            subscription_confirm_mail_queue(subscription)
    return subscription


def call_subscription_confirm(*, subscription: CallSubscription) -> None:
    if subscription.confirmed_at is None:
        CallSubscription.objects.filter(pk=subscription.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )


def call_reminders_send(*, now=None) -> int:
    """Remind confirmed subscribers of calls closing within CALL_REMINDER_HOURS.

    The reminder mail and `reminded_at` are written in one transaction on a locked row, so a beat that
    restarts, or two runs at once, never remind the same address twice.
    """
    now = now or timezone.now()
    horizon = now + timedelta(hours=settings.CALL_REMINDER_HOURS)
    due = CallSubscription.objects.filter(
        confirmed_at__isnull=False, reminded_at__isnull=True, call__closes_at__gt=now, call__closes_at__lte=horizon
    )
    sent = 0
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            subscription = (
                CallSubscription.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("call")
                .filter(pk=pk, reminded_at__isnull=True)
                .first()
            )
            if subscription is None:
                continue
            subscription.reminded_at = now
            subscription.save(update_fields=["reminded_at"])
            reminder_mail_queue(subscription)
            sent += 1
    return sent
