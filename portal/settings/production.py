"""Production: everything from the environment, no insecure default; refuses to start without a secret."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import READINESS_CHECKS, REDIS_URL, env, replica_databases

SECRET_KEY = env("SECRET_KEY", default=None)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
if not SECRET_KEY:
    raise ImproperlyConfigured("Set SECRET_KEY: production refuses to start without a secret key.")
RECEIPT_SIGNING_KEY = env("RECEIPT_SIGNING_KEY", default="")
if not RECEIPT_SIGNING_KEY:
    raise ImproperlyConfigured(
        "Set RECEIPT_SIGNING_KEY: production refuses to start without the key that signs receipts "
        "(base64 of a raw 32-byte Ed25519 private key, or a PEM; see README)."
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS: production refuses to start without allowed hosts.")
DEBUG = False
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES.update(replica_databases())
# A Redis outage turns cache reads into misses (IGNORE_EXCEPTIONS) instead of failing requests.
CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": env("CACHE_URL", default=REDIS_URL),
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1, "IGNORE_EXCEPTIONS": True},
    }
}

SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Behind a load balancer or proxy that terminates TLS and sets X-Forwarded-Proto (README, Scale-out).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# On only where the proxy sets X-Forwarded-Host itself (else a client could name any host in it).
USE_X_FORWARDED_HOST = env.bool("USE_X_FORWARDED_HOST", default=False)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Readiness also reports the broker, through which requests ask the workers for mail and documents.
READINESS_CHECKS = [*READINESS_CHECKS, "portal.health.Broker"]
DEMO_ACCOUNTS = False
