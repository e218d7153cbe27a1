"""Workers scale out per queue (CELERY_TASK_ROUTES): each task waits in its own queue for a worker on it."""

import pytest
import redis
from post_office import mail
from post_office.models import STATUS, Email

from django.conf import settings

from portal.celery import app as celery_app
from portal.queue import enqueue
from reading.tasks import compilation_build
from submissions.tasks import attachment_text_extract, submissions_expire
from tests.workers import Worker, wait_for

QUEUES = ("celery", "mail", "extraction", "documents")


def waiting() -> dict[str, int]:
    """Messages waiting in each queue: a list of the queue's name in the broker's Redis database."""
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    return {queue: broker.llen(queue) for queue in QUEUES}


@pytest.fixture
def mail_worker(django_db_serialized_rollback, transactional_db):
    """A real worker on the mail queue only, as the compose file's worker-mail."""
    celery_app.control.purge()
    worker = Worker(queues=["mail"])
    yield worker
    worker.stop()
    celery_app.control.purge()


def test_each_kind_of_work_waits_in_its_queue_for_a_worker_on_that_queue(mail_worker):
    assert [queue.name for queue in settings.CELERY_TASK_QUEUES] == list(QUEUES)
    mail.send(["someone@example.org"], subject="Hello", message="Through the outbox.")  # delivery asked on commit
    enqueue(attachment_text_extract, 0)
    enqueue(compilation_build, 0)
    enqueue(submissions_expire)
    assert waiting() == {"celery": 1, "mail": 1, "extraction": 1, "documents": 1}

    mail_worker.start()
    wait_for(lambda: Email.objects.filter(status=STATUS.sent).exists())
    assert waiting() == {"celery": 1, "mail": 0, "extraction": 1, "documents": 1}  # the others' work is left
    [queues] = celery_app.control.inspect(destination=[mail_worker.name], timeout=2).active_queues().values()
    assert [queue["name"] for queue in queues] == ["mail"]
