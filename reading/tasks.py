"""Work of the public reading done by workers: compilation documents built, and swept when out of date."""

from celery import shared_task

from .services import compilation_build as build
from .services import compilations_sweep as sweep


@shared_task(name="reading.tasks.compilation_build")
def compilation_build(document_id: int):
    """Build one compilation document (PDF or DOCX); safe to run twice."""
    build(document_id=document_id)


@shared_task(name="reading.tasks.compilations_sweep")
def compilations_sweep():
    """Delete out-of-date documents, and run builds that were never enqueued or whose worker died."""
    sweep()
