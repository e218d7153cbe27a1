"""Periodic work of the intake, run by beat; each is safe to run twice."""

from celery import shared_task

from . import reminders, services


@shared_task(name="submissions.tasks.submissions_expire")
def submissions_expire():
    services.submissions_expire()


@shared_task(name="submissions.tasks.call_reminders_send")
def call_reminders_send():
    reminders.call_reminders_send()
