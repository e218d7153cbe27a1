"""Settings shared by every environment; each environment variable is read here, through one `env`."""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from kombu import Queue

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default=None)
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal",
    "reference",
    "home",
    "submissions",
    "review",
    "outcomes",
    "reading",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_celery_beat",
    "post_office",
    "ninja",  # serves its docs page's assets from our static files, not a CDN
    "health_check",
    "csp",
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "portal.limits.LivenessMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.csp.PortalCSPMiddleware",  # before any middleware that answers from a cache: every response has a policy
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    "portal.limits.RequestSizeMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.routers.ReplicaReadsMiddleware",  # after the user is known: anonymous reads may go to the replica
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Anonymous readers get a current cached public page here, before Wagtail routes it (reading/middleware.py).
    "reading.middleware.PublicCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: it turns a lockout into our 429 page
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            "builtins": ["portal.templatetags.languages"],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
# A kept connection is checked before reuse: the first request after a database restart does not fail.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Public reads from a PostgreSQL replica (portal/routers.py): with DATABASE_REPLICA_URL set, anonymous GET
# requests read the public apps' tables from it; writes, signed-in users and workers stay on the primary.
DATABASE_REPLICA_URL = env("DATABASE_REPLICA_URL", default="")


def replica_databases() -> dict:
    """`{"replica": …}` when DATABASE_REPLICA_URL is set; the suite takes it as a mirror of its test database."""
    if not DATABASE_REPLICA_URL:
        return {}
    replica = env.db("DATABASE_REPLICA_URL")
    replica.update(CONN_MAX_AGE=DATABASES["default"]["CONN_MAX_AGE"], CONN_HEALTH_CHECKS=True)
    return {"replica": {**replica, "TEST": {"MIRROR": "default"}}}


DATABASES.update(replica_databases())
DATABASE_ROUTERS = ["portal.routers.ReplicaRouter"]
DATABASE_REPLICA_APPS = [
    *("reference", "submissions", "review", "outcomes", "reading", "home", "contenttypes", "taggit"),
    *("wagtailcore", "wagtailimages", "wagtaildocs", "wagtailembeds", "wagtailsearch", "wagtailredirects"),
    *("wagtailsettings", "wagtail_localize"),
]
# How long a client that wrote (sent a form, confirmed its address) reads the primary only: longer than the lag.
DATABASE_REPLICA_STICKY_SECONDS = env.int("DATABASE_REPLICA_STICKY_SECONDS", default=15)

# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The six official languages of the United Nations.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Submitted attachments live outside public media and are served only through a checked view.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media")

# Uploaded and built files. Private ones (attachments, originals of entered inputs, built documents) in the
# storages "private" and "compilations" (portal/storage.py: no URL, served by checked views), under
# PRIVATE_MEDIA_ROOT; public media (the editors' images and documents) under MEDIA_ROOT. With
# OBJECT_STORAGE_BUCKET set, all of them in that bucket of S3-compatible object storage instead, so that any web
# server or worker reads what another wrote: private files at the bucket's root and under `compilations/`,
# public media under `media/` (the one prefix the bucket's policy may let the public read).
OBJECT_STORAGE_BUCKET = env("OBJECT_STORAGE_BUCKET", default="")
OBJECT_STORAGE_OPTIONS = {
    "endpoint_url": env("OBJECT_STORAGE_URL", default=None),  # unset: Amazon S3
    "access_key": env("OBJECT_STORAGE_ACCESS_KEY", default=None),
    "secret_key": env("OBJECT_STORAGE_SECRET_KEY", default=None),
    "region_name": env("OBJECT_STORAGE_REGION", default=None),
    "addressing_style": env("OBJECT_STORAGE_ADDRESSING_STYLE", default="path"),
    "signature_version": "s3v4",
    "file_overwrite": False,  # a new document of a name in use gets a name of its own, as on disk
    "max_memory_size": 2 * 1024 * 1024,  # a larger object read spools to a temporary file, not to memory
}


def file_storages(root: Path) -> dict:
    """The private storages, and with a bucket the public media's; stored names are the same on disk and in it."""
    if OBJECT_STORAGE_BUCKET:
        options = {**OBJECT_STORAGE_OPTIONS, "bucket_name": OBJECT_STORAGE_BUCKET}
        private = "portal.object_storage.PrivateS3Storage"
        return {
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {**options, "location": "media", "querystring_auth": False},
            },
            "private": {"BACKEND": private, "OPTIONS": options},
            "compilations": {"BACKEND": private, "OPTIONS": {**options, "location": "compilations"}},
        }
    private = "portal.storage.PrivateFileSystemStorage"
    return {
        "private": {"BACKEND": private, "OPTIONS": {"location": str(root)}},
        "compilations": {"BACKEND": private, "OPTIONS": {"location": str(Path(root) / "compilations")}},
    }


# Where `manage.py backup` (make backup) writes its timestamped folders: portal/backups.py.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    **file_storages(PRIVATE_MEDIA_ROOT),
}

REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

# Every mail, ours and Wagtail's, becomes a row of the outbox (post_office) in the sender's transaction;
# a worker delivers it through MAIL_DELIVERY_BACKEND, and a periodic sweep retries what is still queued.
EMAIL_BACKEND = "post_office.EmailBackend"
MAIL_DELIVERY_BACKEND = env("MAIL_DELIVERY_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=None)  # the directory Django's file backend writes mail into
POST_OFFICE = {
    "BACKENDS": {"default": MAIL_DELIVERY_BACKEND},
    "DEFAULT_PRIORITY": "medium",
    "CELERY_ENABLED": False,  # portal.outbox enqueues delivery itself, and never fails a request doing so
    "MAX_RETRIES": 5,
    "RETRY_INTERVAL": timedelta(minutes=5),
    "MESSAGE_ID_ENABLED": True,
    # Mails read and marked sent per round trip; 100 (the default) made a run of 10,000 one of 100 batches, each
    # with its queries, threads and connections (bench/mail_load.py).
    "BATCH_SIZE": env.int("MAIL_BATCH_SIZE", default=500),
}
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="portal@localhost")

# Celery runs the portal's tasks. Short broker timeouts: a request must never hang on a stuck broker.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
    "visibility_timeout": 600,
    "max_retries": 1,
    "interval_start": 0,  # no 2 s pause before the one retry: a request waits as little as possible
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Queues, so that workers scale out per kind of work (docker-compose.yml): mail delivery, text extraction,
# built documents, and Celery's default queue ("celery") for the rest. A worker started without -Q consumes
# them all (`make run`'s, the suite's); one started with `-Q mail` consumes that queue only.
CELERY_TASK_QUEUES = [Queue(name) for name in ("celery", "mail", "extraction", "documents")]
CELERY_TASK_ROUTES = {
    "portal.tasks.mail_deliver": {"queue": "mail"},
    "submissions.tasks.attachment_text_extract": {"queue": "extraction"},
    "submissions.tasks.attachments_text_extract": {"queue": "extraction"},
    "submissions.tasks.attachments_extract_pending": {"queue": "extraction"},
    "reading.tasks.compilation_build": {"queue": "documents"},
    "reading.tasks.compilations_sweep": {"queue": "documents"},
    "review.tasks.bulk_job_run": {"queue": "documents"},  # minutes of work a person follows, one at a time
}
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {"task": "home.tasks.pages_publish_scheduled", "schedule": 60.0},
    "deliver-queued-mail": {"task": "portal.tasks.mail_deliver", "schedule": 60.0},
    "expire-unconfirmed-inputs": {"task": "submissions.tasks.submissions_expire", "schedule": 3600.0},
    "erase-expired-inputs": {"task": "submissions.tasks.submissions_erase_expired", "schedule": 3600.0},
    "remind-call-subscribers": {"task": "submissions.tasks.call_reminders_send", "schedule": 900.0},
    "send-reviewer-digests": {"task": "review.tasks.reviewer_digests_send", "schedule": 3600.0},
    "alert-balance-targets": {"task": "review.tasks.balance_alerts_send", "schedule": 3600.0},
    "extract-pending-attachments": {"task": "submissions.tasks.attachments_extract_pending", "schedule": 300.0},
    "refresh-suggestions": {"task": "review.tasks.suggestions_refresh_all", "schedule": 1800.0},
    "sweep-compilations": {"task": "reading.tasks.compilations_sweep", "schedule": 300.0},
    "tell-cited-submitters": {"task": "outcomes.tasks.citation_notices_send", "schedule": 600.0},
    "sweep-bulk-jobs": {"task": "review.tasks.bulk_jobs_sweep", "schedule": 600.0},
    # Shortly after midnight UTC: the signed head of each day's receipt chain, so no receipt is back-dated.
    "publish-receipt-chain": {
        "task": "submissions.tasks.receipt_chain_publish",
        "schedule": crontab(hour=0, minute=5),
    },
}
CELERY_TIMEZONE = "UTC"

# /healthz/ready (and /healthz): the services a web server uses; production adds the broker. The workers
# are checked apart, at /healthz/workers, so that a stopped worker takes no web server out of service.
READINESS_CHECKS = ["health_check.checks.Database", "health_check.checks.Cache"]
WORKER_CHECKS = ["portal.health.Broker", "portal.health.Workers"]

WAGTAIL_SITE_NAME = env("SITE_NAME", default="Multi-stakeholder input portal")
WAGTAILADMIN_BASE_URL = env("BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# Wagtail's own background tasks stay on its immediate backend (see docs/decisions/0002).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Intake: limits stated on the form, and the spam guards.
SUBMISSION_MAX_FILES = 5
SUBMISSION_MAX_FILE_BYTES = 10 * 1024 * 1024
SUBMISSION_MIN_FILL_SECONDS = env.int("SUBMISSION_MIN_FILL_SECONDS", default=5)
SUBMISSION_RATE = env("SUBMISSION_RATE", default="10/h")  # inputs per client address
SUBMISSION_CONFIRMATION_DAYS = env.int("SUBMISSION_CONFIRMATION_DAYS", default=7)
# Days after its expiry an input never confirmed keeps its personal data and content (submissions/retention.py).
SUBMISSION_RETENTION_DAYS = env.int("SUBMISSION_RETENTION_DAYS", default=30)
# The Ed25519 key that signs receipts and the receipt chain's daily heads: base64 of the raw 32-byte private
# key, or a PEM (PKCS#8). Production refuses to start without one; dev and test set their own.
RECEIPT_SIGNING_KEY = env("RECEIPT_SIGNING_KEY", default="")
PRIVATE_LINK_DAYS = env.int("PRIVATE_LINK_DAYS", default=30)  # a private link works this long after the call closes
CALL_REMINDER_HOURS = env.int("CALL_REMINDER_HOURS", default=72)
PRIVACY_NOTICE_VERSION = env("PRIVACY_NOTICE_VERSION", default="2026-11")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# A larger body is refused before it is read (portal/limits.py): the most files an input holds, plus its text.
REQUEST_MAX_BYTES = SUBMISSION_MAX_FILES * SUBMISSION_MAX_FILE_BYTES + DATA_UPLOAD_MAX_MEMORY_SIZE
# Rate limits count per REMOTE_ADDR; behind a proxy set RATELIMIT_IP_META_KEY to the header it sets.
RATELIMIT_IP_META_KEY = env("RATELIMIT_IP_META_KEY", default=None)
# With the cache unreachable the limit is skipped (and logged), never every input refused: submissions/spam.py.
RATELIMIT_FAIL_OPEN = True
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# Admin sign-in throttle (django-axes, portal/signin.py): an account is paused after LOGIN_FAILURE_LIMIT failed
# sign-ins from anywhere, and so is an address after as many failures on any accounts, for LOGIN_LOCKOUT_MINUTES.
# Failures are counted in the database, so the throttle holds when Redis is down.
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)
AXES_HANDLER = "portal.signin.SignInAttemptHandler"  # axes' database handler; a success clears only its account
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit pauses sign-in
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.signin.client_address"  # the address the rate limits count (RATELIMIT_IP_META_KEY)
AXES_LOCKOUT_CALLABLE = "portal.signin.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are not kept: the throttle needs only the failures
AXES_ENABLE_ADMIN = False  # the Wagtail admin lists lockouts (Settings → Sign-in lockouts)

# The public reading: anonymous pages are cached until what the public reads changes (reading/public_cache.py).
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=600)
# Compilations of up to this many inputs are built in the request; larger ones by a worker, with progress.
COMPILATION_INLINE_INPUTS = env.int("COMPILATION_INLINE_INPUTS", default=100)

# The reviewers' list of inputs (review/admin_views.py): rows per page, and how far it counts before it
# says "more than": its pages are reached by keyset, so neither costs more on a larger list.
REVIEW_LIST_PAGE_SIZE = 50
REVIEW_LIST_COUNT_LIMIT = 1_000

# The open-data API's terms, in its OpenAPI document: the licence of the published data and who answers.
API_LICENCE_NAME = env("API_LICENCE_NAME", default="CC BY 4.0")
API_LICENCE_URL = env("API_LICENCE_URL", default="https://creativecommons.org/licenses/by/4.0/")
API_CONTACT_EMAIL = env("API_CONTACT_EMAIL", default=DEFAULT_FROM_EMAIL)
# Requests the API answers per client address (RATELIMIT_IP_META_KEY behind a proxy), counted in the cache;
# more get a 429 saying when to retry (reading/throttling.py). "N/s", "N/m", "N/h" or "N/d".
API_RATE_ANON = env("API_RATE_ANON", default="120/m")

# The secretariat's tracker import: rows and bytes a file may hold (outcomes/imports.py).
TRACKER_IMPORT_MAX_ROWS = env.int("TRACKER_IMPORT_MAX_ROWS", default=2000)
TRACKER_IMPORT_MAX_BYTES = 5 * 1024 * 1024

# Demo accounts (administrator and reviewer) are created by `seed_demo` only where this is on.
DEMO_ACCOUNTS = False
# The languages the demo is translated into (the others show aliases of the English pages); None: all.
DEMO_TRANSLATIONS = None

# Content-Security-Policy, the admin's directives, and the headers and cookies of every response.
from .security import *  # noqa: E402, F403

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
    "loggers": {app: {"level": "INFO"} for app in ("portal", "reference", "submissions", "review", "reading", "home")},
}
