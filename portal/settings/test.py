"""The suite's settings: the machine's PostgreSQL and Redis; only speed and determinism differ from base."""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, file_storages

SECRET_KEY = "test-only-key"  # noqa: S105
# A fixed Ed25519 key (base64 of 32 bytes), so that receipts signed in one run verify in the next.
RECEIPT_SIGNING_KEY = "dGVzdC1vbmx5LXJlY2VpcHQta2V5LW5ldmVyLXVzZWQ="  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/test")}
# A commit returns before PostgreSQL has flushed it to disk (visible to other sessions all the same): a
# crash may lose the last commits of a test database, and the transactional tests commit thousands of times.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"
# Delivery goes to Django's test outbox in-process; a worker under test may be given a file backend.
MAIL_DELIVERY_BACKEND = env("MAIL_DELIVERY_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
POST_OFFICE = {**POST_OFFICE, "BACKENDS": {"default": MAIL_DELIVERY_BACKEND}}  # noqa: F405

# Under pytest-xdist (`-n 2`) each worker process (gw0, gw1, ...) has Redis databases of its own, as every test
# clears the whole cache database and the tests with a real Celery worker purge the broker's: worker gwN takes
# the databases 2·N below the given ones (gw0 keeps them: 14 and 15 by default, gw1 12 and 13). Without xdist
# the given ones are used as they are.
XDIST_WORKER = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw"))


def redis_database(url: str) -> int:
    return int(urlsplit(url).path.strip("/") or 0)


def redis_of_worker(url: str) -> str:
    """`url` on this xdist worker's Redis database."""
    number = redis_database(url) - 2 * XDIST_WORKER
    if number < 0:
        raise ImproperlyConfigured(f"{url} leaves xdist worker gw{XDIST_WORKER} no Redis database (2 below it)")
    return urlsplit(url)._replace(path=f"/{number}").geturl()


TEST_CACHE_URL = env("TEST_CACHE_URL", default="redis://127.0.0.1:6379/14")
TEST_CELERY_BROKER_URL = env("TEST_CELERY_BROKER_URL", default="redis://127.0.0.1:6379/15")
if XDIST_WORKER and (redis_database(TEST_CACHE_URL) - redis_database(TEST_CELERY_BROKER_URL)) % 2 == 0:
    # Counting down by 2, one worker's cache would be another's broker.
    raise ImproperlyConfigured(
        "Under xdist, TEST_CACHE_URL and TEST_CELERY_BROKER_URL need an odd and an even database"
    )

# The machine's Redis as the cache, so rate limits are tested as they run; a prefix of the run's own.
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": redis_of_worker(TEST_CACHE_URL),
        "KEY_PREFIX": f"test-{os.getpid()}",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
    }
}
SUBMISSION_MIN_FILL_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
WAGTAILADMIN_BASE_URL = "http://testserver"
DEMO_ACCOUNTS = True
# The suite loads the demo a dozen times: Arabic translated, the others aliases (one test translates all).
DEMO_TRANSLATIONS = ["ar"]
# A Redis database of the suite's own on the machine's Redis, for the tests that run a real worker.
CELERY_BROKER_URL = redis_of_worker(TEST_CELERY_BROKER_URL)
# Submitted attachments and built documents of this run go to a directory of its own, which the run's
# workers are handed (tests/workers.py) so that they write where the test reads.
PRIVATE_MEDIA_ROOT = Path(
    env("TEST_PRIVATE_MEDIA_ROOT", default=None) or tempfile.mkdtemp(prefix="portal-test-private-")
)
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    **file_storages(PRIVATE_MEDIA_ROOT),
}
