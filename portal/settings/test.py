"""The suite's settings: the machine's PostgreSQL and Redis; only speed and determinism differ from base."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .base import env

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
# The machine's Redis as the cache, so rate limits are tested as they run; a prefix of the run's own.
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": env("TEST_CACHE_URL", default="redis://127.0.0.1:6379/14"),
        "KEY_PREFIX": f"test-{os.getpid()}",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
    }
}
SUBMISSION_MIN_FILL_SECONDS = 0
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
DEMO_ACCOUNTS = True
# The suite loads the demo a dozen times: Arabic translated, the others aliases (one test translates all).
DEMO_TRANSLATIONS = ["ar"]
# A Redis database of the suite's own on the machine's Redis, for the tests that run a real worker.
CELERY_BROKER_URL = env("TEST_CELERY_BROKER_URL", default="redis://127.0.0.1:6379/15")
# Submitted attachments and built documents of this run go to a directory of its own, which the run's
# workers are handed (tests/workers.py) so that they write where the test reads.
PRIVATE_MEDIA_ROOT = Path(
    env("TEST_PRIVATE_MEDIA_ROOT", default=None) or tempfile.mkdtemp(prefix="portal-test-private-")
)
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))
