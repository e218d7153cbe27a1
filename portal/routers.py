"""Public reads from a PostgreSQL replica (the `replica` database, set by DATABASE_REPLICA_URL).

The middleware marks the requests whose reads may go there: anonymous GET and HEAD requests from a client that
has not written in the last DATABASE_REPLICA_STICKY_SECONDS (a form sent, a link confirmed), so that nobody
reads a replica that has not caught up with their own write. The router then sends those requests' reads of the
public apps (DATABASE_REPLICA_APPS, app labels) to the replica, outside any transaction; every write, every
read of a signed-in user (reviewers, the secretariat, the admin) and everything workers do stays on the primary.
"""

from asgiref.local import Local

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA = "replica"
WROTE_COOKIE = "wrote"  # "this client wrote a moment ago": its reads stay on the primary until it expires
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

_request = Local()


def replica_configured() -> bool:
    return REPLICA in connections.settings


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if (
            getattr(_request, "reads_replica", False)
            and model._meta.app_label in settings.DATABASE_REPLICA_APPS
            and not connections[DEFAULT_DB_ALIAS].in_atomic_block  # a transaction reads what it wrote
        ):
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS  # also for a row read from the replica: Django would write it back there

    def allow_relation(self, obj1, obj2, **hints):
        return {obj1._state.db, obj2._state.db} <= {DEFAULT_DB_ALIAS, REPLICA, None}

    def allow_migrate(self, db, app_label, **hints):
        return db != REPLICA  # a copy of the primary, never migrated itself


class ReplicaReadsMiddleware:
    """After AuthenticationMiddleware: it asks whether the request is anonymous."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            response.set_cookie(
                WROTE_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_STICKY_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
            return response
        if WROTE_COOKIE in request.COOKIES or request.user.is_authenticated:
            return self.get_response(request)
        _request.reads_replica = True
        try:
            return self.get_response(request)
        finally:
            _request.reads_replica = False
