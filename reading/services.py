"""Writes of the public site: compilation documents requested, built, and swept away when out of date."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from portal.queue import enqueue, enqueue_after_commit

from .compilations import Scope
from .models import CompilationFile, CompilationStatus
from .public_cache import public_version

logger = logging.getLogger(__name__)

RETRY_FAILED_AFTER = timedelta(minutes=1)
BUILDING_STALE_AFTER = timedelta(minutes=15)


def compilation_file_key(*, scope: Scope, language: str, format: str) -> dict:
    """Which document a reader in `language` gets: the current public version, in the language the
    document's own words are in (one English document serves every language not translated yet)."""
    from .compilation_documents import document_language

    return {
        "topic_area": scope.topic_area,
        "call": scope.call,
        "language": document_language(language),
        "format": format,
        "version": public_version(),
    }


def compilation_file_request(*, scope: Scope, language: str, format: str) -> CompilationFile:
    """The document of the current public version: already built, being built, or requested now.

    A small compilation is built in the request; a large one by a worker after the commit, while the
    reader watches its progress. A failed build is tried again when asked for a minute later.
    """
    now = timezone.now()
    with transaction.atomic():
        document, created = CompilationFile.objects.get_or_create(
            **compilation_file_key(scope=scope, language=language, format=format),
            defaults={"total": scope.inputs().count(), "requested_at": now},
        )
        retried = (
            document.status == CompilationStatus.FAILED
            and document.finished_at is not None
            and document.finished_at < now - RETRY_FAILED_AFTER
            and CompilationFile.objects.filter(pk=document.pk, status=CompilationStatus.FAILED).update(
                status=CompilationStatus.PENDING, error="", requested_at=now
            )
        )
        is_small = document.total <= settings.COMPILATION_INLINE_INPUTS
        if (created or retried) and not is_small:
            from .tasks import compilation_build as build_task

            enqueue_after_commit(build_task, document.pk)
    if (created or retried) and is_small:
        compilation_build(document_id=document.pk)
    document.refresh_from_db()
    return document


def compilation_build(*, document_id: int) -> None:
    """Build one document; safe to run twice (a document built, or being built elsewhere, is left alone)."""
    from .compilation_documents import BUILDERS

    now = timezone.now()
    with transaction.atomic():
        document = CompilationFile.objects.select_for_update().filter(pk=document_id).first()
        if document is None or document.status in (CompilationStatus.DONE, CompilationStatus.FAILED):
            return
        if document.status == CompilationStatus.BUILDING and document.started_at > now - BUILDING_STALE_AFTER:
            return
        document.status, document.started_at, document.done = CompilationStatus.BUILDING, now, 0
        document.save(update_fields=["status", "started_at", "done"])
    scope = Scope(topic_area=document.topic_area, call=document.call)

    def progress(done: int) -> None:
        CompilationFile.objects.filter(pk=document.pk).update(done=min(done, document.total))

    try:
        content = BUILDERS[document.format](scope, document.language, progress)
    except Exception as error:  # WeasyPrint, fonts, python-docx: whatever fails, the reader is told
        logger.exception("Compilation document %s could not be built", document.pk)
        CompilationFile.objects.filter(pk=document.pk).update(
            status=CompilationStatus.FAILED, error=str(error)[:500], finished_at=timezone.now()
        )
        return
    document.file.save(scope.file_name(document.language, document.format), ContentFile(content), save=False)
    CompilationFile.objects.filter(pk=document.pk).update(
        file=document.file.name,
        size=len(content),
        done=document.total,
        status=CompilationStatus.DONE,
        finished_at=timezone.now(),
    )
    logger.info("Compilation document %s built: %d bytes", document.pk, len(content))


def compilations_sweep() -> None:
    """Delete documents of earlier public versions (they may hold what is no longer published), free
    builds whose worker died, and enqueue builds whose enqueue was lost."""
    now, version = timezone.now(), public_version()
    for document in CompilationFile.objects.filter(version__lt=version):
        if document.file:
            document.file.delete(save=False)
        document.delete()
    CompilationFile.objects.filter(status=CompilationStatus.BUILDING, started_at__lt=now - BUILDING_STALE_AFTER).update(
        status=CompilationStatus.PENDING
    )
    from .tasks import compilation_build as build_task

    waiting = CompilationFile.objects.filter(
        status=CompilationStatus.PENDING, requested_at__lt=now - timedelta(minutes=1)
    )
    for document_id in waiting.values_list("pk", flat=True):
        enqueue(build_task, document_id)
