"""The embedded mode of `make run`: SQLite, tasks run in-process, mail printed to the console."""

import base64
import hashlib

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
# Unset, `make run` derives its receipt key from its secret key: stable across restarts, never a secret.
RECEIPT_SIGNING_KEY = env(
    "RECEIPT_SIGNING_KEY", default=base64.b64encode(hashlib.sha256(f"receipts:{SECRET_KEY}".encode()).digest()).decode()
)
# Links in mails point at the port `make run` serves on (PORT), unless BASE_URL says otherwise.
WAGTAILADMIN_BASE_URL = env("BASE_URL", default=f"http://127.0.0.1:{env.int('PORT', default=8000)}")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=True)
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_BEAT_SCHEDULER = "celery.beat:PersistentScheduler"
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
MAIL_DELIVERY_BACKEND = env("MAIL_DELIVERY_BACKEND", default="django.core.mail.backends.console.EmailBackend")
POST_OFFICE = {**POST_OFFICE, "BACKENDS": {"default": MAIL_DELIVERY_BACKEND}}  # noqa: F405
DEMO_ACCOUNTS = True
# SQLite cannot enforce "NULLs not distinct" unique constraints; PostgreSQL (tests, production) does.
SILENCED_SYSTEM_CHECKS = ["models.W047"]
