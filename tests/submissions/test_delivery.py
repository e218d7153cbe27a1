"""The receipt mail reaches the submitter through a real worker, across a broker outage and a killed worker.

Each test runs a redis-server of its own as the broker (stopped and started at will) and real Celery
workers that deliver with Django's file backend into the test's directory.
"""

import logging
import time

import pytest
from post_office.models import STATUS, Email

from portal.tasks import mail_deliver
from submissions.models import Submission
from tests.intake import form_data, mails, mails_with, open_call
from tests.workers import RedisServer, Worker, celery_broker, wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
SLOW_FILE_BACKEND = "tests.mail_backends.SlowFileBackend"


@pytest.fixture
def call(call_index):
    return open_call(call_index)


@pytest.fixture
def broker(tmp_path):
    """A redis-server of the test's own, and this process's Celery app sending to it."""
    directory = tmp_path / "redis"
    directory.mkdir()
    server = RedisServer(directory)
    try:
        server.start()
        with celery_broker(server.url):
            yield server
    finally:
        server.stop()


@pytest.fixture
def mailbox(tmp_path):
    path = tmp_path / "mail"
    path.mkdir()
    return path


@pytest.fixture
def lock_directory(tmp_path):
    """The workers' TMPDIR, where post_office keeps its lock file (not the /tmp other test runs share)."""
    path = tmp_path / "tmp"
    path.mkdir()
    return path


@pytest.fixture
def worker_start(broker, mailbox, lock_directory):
    """Start a worker on the test's broker delivering through `backend`; every one is stopped at teardown."""
    started = []

    def start(backend: str = FILE_BACKEND) -> Worker:
        env = {"MAIL_DELIVERY_BACKEND": backend, "EMAIL_FILE_PATH": str(mailbox), "TMPDIR": str(lock_directory)}
        worker = Worker(broker_url=broker.url, env=env)
        started.append(worker)
        return worker.start()

    yield start
    for worker in started:
        worker.stop()


def submit(client, call):
    """Send a valid input through the real URL; return the response and the seconds it took."""
    started = time.monotonic()
    response = client.post(f"{call.url}submit/", form_data(call))
    return response, time.monotonic() - started


def receipt_delivered(mailbox, submission, call) -> str:
    """Wait until one receipt for the input is in the mailbox, and the outbox row says sent."""
    [mail] = wait_for(lambda: mails_with(mailbox, submission.reference))
    assert "To: peter@example.org" in mail
    assert "confirm" in mail and f"http://testserver{call.url}confirm/" in mail
    wait_for(lambda: Email.objects.get().status == STATUS.sent, timeout=5)
    return mail


def test_a_real_worker_delivers_the_receipt(client, call, worker_start, mailbox):
    worker_start()

    response, _seconds = submit(client, call)

    assert response.status_code == 302
    submission = Submission.objects.get()
    assert response["Location"].startswith(f"{call.url}receipt/")
    receipt_delivered(mailbox, submission, call)
    assert len(mails(mailbox)) == 1


def test_with_the_broker_down_the_input_is_stored_and_its_mail_delivered_once_it_is_back(
    client, call, broker, worker_start, mailbox, caplog
):
    broker.stop()

    with caplog.at_level(logging.WARNING):
        response, seconds = submit(client, call)

    assert response.status_code == 302
    assert seconds < 10, f"the submit waited {seconds:.1f}s on the stopped broker"
    submission = Submission.objects.get()
    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert submission.reference in receipt.content.decode()
    assert Email.objects.get().status == STATUS.queued
    assert "not enqueued (broker unavailable)" in caplog.text  # the app did try, and the broker was down
    assert mails(mailbox) == []

    broker.start()  # same port; this process's Celery app reconnects by itself
    worker_start()
    mail_deliver.delay()  # the sweep, as beat sends it every minute

    receipt_delivered(mailbox, submission, call)
    assert len(mails(mailbox)) == 1


def test_a_worker_killed_in_the_middle_of_delivery_loses_no_mail(client, call, worker_start, mailbox, lock_directory):
    slow = worker_start(SLOW_FILE_BACKEND)

    response, _seconds = submit(client, call)

    assert response.status_code == 302
    submission = Submission.objects.get()
    wait_for(lambda: (mailbox / f"started-{slow.process.pid}").exists())
    slow.kill()
    assert mails(mailbox) == []
    assert Email.objects.get().status == STATUS.queued
    # The dead worker's post_office lock is left behind; the next run must treat it as stale.
    assert int((lock_directory / "post_office.lock").read_text()) == slow.process.pid

    worker_start()
    mail_deliver.delay()  # the sweep, as beat sends it every minute

    receipt_delivered(mailbox, submission, call)
    assert len(mails(mailbox)) == 1
