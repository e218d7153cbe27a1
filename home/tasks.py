"""Periodic work of the public site."""

from celery import shared_task

from django.core.management import call_command


@shared_task
def pages_publish_scheduled():
    """Publish and unpublish pages whose scheduled time has come (safe to run twice)."""
    call_command("publish_scheduled")
