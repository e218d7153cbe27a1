"""Periodic work of the public site."""

from celery import shared_task

from django.core.management import call_command


@shared_task
def pages_publish_scheduled():
    """Publish and unpublish pages whose scheduled time has come (safe to run twice)."""
    call_command("publish_scheduled")


@shared_task(name="home.tasks.compilation_build")
def compilation_build(document_id: int):
    """Build one compilation document (PDF or DOCX); safe to run twice."""
    from .services import compilation_build as build

    build(document_id=document_id)


@shared_task(name="home.tasks.compilations_sweep")
def compilations_sweep():
    """Delete out-of-date documents, and run builds that were never enqueued or whose worker died."""
    from .services import compilations_sweep as sweep

    sweep()
