"""Files on S3-compatible object storage (OBJECT_STORAGE_BUCKET): a real server, SeaweedFS, on loopback."""

import os
import uuid
from datetime import timedelta

import pytest

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from portal.settings import base
from reading.services import compilations_sweep
from submissions.models import Attachment, Submission
from submissions.retention import submissions_erase_expired
from submissions.services import submissions_expire
from tests.intake import PDF, form_data, open_call
from tests.object_storage import ACCESS_KEY, REGION, SECRET_KEY, SeaweedServer
from tests.reading.conftest import index, published  # noqa: F401  (fixtures)
from tests.review.conftest import received_input, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def object_storage(tmp_path_factory):
    server = SeaweedServer(tmp_path_factory.mktemp("seaweedfs")).start()
    yield server
    server.stop()


@pytest.fixture
def bucket(object_storage, monkeypatch):
    """A fresh bucket, and the settings a deployment gets from OBJECT_STORAGE_* in the environment."""
    name = f"portal-{uuid.uuid4().hex[:12]}"
    object_storage.client().create_bucket(Bucket=name)
    monkeypatch.setattr(base, "OBJECT_STORAGE_BUCKET", name)
    options = {
        **base.OBJECT_STORAGE_OPTIONS,
        "endpoint_url": object_storage.url,
        "access_key": ACCESS_KEY,
        "secret_key": SECRET_KEY,
        "region_name": REGION,
    }
    monkeypatch.setattr(base, "OBJECT_STORAGE_OPTIONS", options)
    from django.conf import settings

    with override_settings(STORAGES={**settings.STORAGES, **base.file_storages(settings.PRIVATE_MEDIA_ROOT)}):
        yield name


@pytest.fixture
def call(call_index):
    return open_call(call_index)


def local_files(root) -> list[str]:
    return [name for _root, _dirs, names in os.walk(root) for name in names]


def test_an_attachment_sent_through_the_form_lives_in_the_bucket_and_leaves_it_when_erased(
    client, call, bucket, object_storage, settings, django_capture_on_commit_callbacks
):
    before = local_files(settings.PRIVATE_MEDIA_ROOT)
    upload = SimpleUploadedFile("position paper.pdf", PDF, content_type="application/pdf")
    submission = received_input(client, call, attachments=[upload])
    attachment = submission.attachments.get()

    assert object_storage.keys(bucket) == [attachment.file.name]
    assert attachment.file.name.startswith("attachments/") and attachment.file.name.endswith(".pdf")
    assert local_files(settings.PRIVATE_MEDIA_ROOT) == before  # nothing written to the web server's disk
    with pytest.raises(NotImplementedError):
        attachment.file.url  # noqa: B018  (private: no address of its own, signed or not)

    assert client.get(f"/attachments/{attachment.pk}/").status_code == 404  # not published: not for the public
    client.force_login(staff_user("boss", is_superuser=True))
    response = client.get(f"/attachments/{attachment.pk}/")
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF
    client.logout()

    # An input never confirmed is erased after the retention period: its file leaves the bucket too.
    client.post(f"{call.url}submit/", form_data(call, attachments=[SimpleUploadedFile("b.pdf", PDF)]))
    expired = Submission.objects.order_by("-pk").first()
    key = Attachment.objects.get(submission=expired).file.name
    assert key in object_storage.keys(bucket)
    later = timezone.now() + timedelta(days=400)
    assert submissions_expire(now=later) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert submissions_erase_expired(now=later) == 1
    assert object_storage.keys(bucket) == [attachment.file.name]

    # Public media (the editors' images) go under media/, with a plain address the bucket's policy may open.
    name = default_storage.save("images/logo.txt", ContentFile(b"logo"))
    assert f"media/{name}" in object_storage.keys(bucket)
    assert default_storage.url(name) == f"{object_storage.url}/{bucket}/media/{name}"


def test_a_compilation_is_built_into_the_bucket_and_swept_from_it(client, call, published, bucket, object_storage):  # noqa: F811
    upload = SimpleUploadedFile("position paper.pdf", PDF, content_type="application/pdf")
    submission = published(attachments=[upload])
    attachment = submission.attachments.get()

    # The public reads the published input's attachment through the checked view; no page names the bucket.
    page = client.get(f"/en/inputs/{submission.reference}/").content.decode()
    assert f"/attachments/{attachment.pk}/" in page and object_storage.url not in page and bucket not in page
    assert b"".join(client.get(f"/attachments/{attachment.pk}/").streaming_content) == PDF

    response = client.get(f"{call.url}compilation/docx/")
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.docx"')
    content = b"".join(response.streaming_content)
    assert content.startswith(b"PK")  # a DOCX is a zip archive
    [document] = [key for key in object_storage.keys(bucket) if key.startswith("compilations/")]
    assert document.endswith(".docx")
    body = object_storage.client().get_object(Bucket=bucket, Key=document)["Body"].read()
    assert body == content

    # A new publication makes the document out of date: the sweep deletes its object.
    published(general_comment="Another published input.")
    compilations_sweep()
    assert object_storage.keys(bucket) == sorted(
        Attachment.objects.values_list("file", flat=True)
    )  # the attachments remain, the document is gone
