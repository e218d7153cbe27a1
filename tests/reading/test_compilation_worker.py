"""A large compilation is built by a real worker while the reader watches its progress."""

import io
import os
import re
from datetime import timedelta

from pypdf import PdfReader

from django.utils import timezone

from reading.models import CompilationFile, CompilationStatus
from reading.public_cache import public_version
from reading.services import compilations_sweep
from tests.factories import TopicAreaIndexPageFactory
from tests.workers import wait_for

PROGRESS = "/en/topics/a/compilation/pdf/progress/"


def pdf_text(content) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(content).pages)


def test_a_large_compilation_is_built_by_a_worker_while_the_reader_sees_its_progress(
    client, call, published, celery_worker, settings
):
    settings.COMPILATION_INLINE_INPUTS = 1
    TopicAreaIndexPageFactory(parent=call.get_parent().get_parent(), process=call.process, slug="topics")
    inputs = [published() for _ in range(3)]

    asked = client.get("/en/topics/a/compilation/pdf/")
    assert asked.status_code == 302 and asked["Location"] == PROGRESS
    first_look = client.get(PROGRESS).content.decode()
    assert (
        "<progress" in first_look and "js/progress.js" in first_look  # it follows the build in place
    ) or "The document is ready." in first_look

    def ready_page():
        page = client.get(PROGRESS).content.decode()
        return page if "The document is ready." in page else None

    ready = wait_for(ready_page, timeout=90)
    assert "js/progress.js" not in ready
    link = re.search(r'href="(/en/topics/a/compilation/pdf/)"', ready).group(1)
    text = pdf_text(io.BytesIO(b"".join(client.get(link).streaming_content)))
    assert all(submission.reference in text for submission in inputs)
    assert CompilationFile.objects.get().done == 3


def test_the_sweep_rebuilds_what_was_never_enqueued_and_drops_documents_of_earlier_content(
    client, call, published, celery_worker, settings
):
    settings.COMPILATION_INLINE_INPUTS = 1
    TopicAreaIndexPageFactory(parent=call.get_parent().get_parent(), process=call.process, slug="topics")
    published(), published()
    client.get("/en/topics/a/compilation/docx/")
    built = wait_for(lambda: CompilationFile.objects.filter(status=CompilationStatus.DONE).first(), timeout=60)
    newer = published()  # the public content changes: the built document is out of date
    lost = CompilationFile.objects.create(  # as if its enqueue had failed (broker down) five minutes ago
        topic_area=built.topic_area,
        language="en",
        format="pdf",
        version=public_version(),
        total=3,
        requested_at=timezone.now() - timedelta(minutes=5),
    )

    compilations_sweep()

    assert not CompilationFile.objects.filter(pk=built.pk).exists() and not os.path.exists(built.file.path)
    rebuilt = wait_for(lambda: CompilationFile.objects.filter(pk=lost.pk, status="done").first(), timeout=90)
    assert newer.reference in pdf_text(rebuilt.file.open("rb"))
