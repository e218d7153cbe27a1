"""The probes beside liveness (portal/limits.py): readiness at /healthz/ready and the workers at /healthz/workers,
and the checks behind them that the library does not ship (the Celery broker and its workers)."""

import dataclasses
import datetime

from health_check.base import HealthCheck
from health_check.contrib.celery import Ping
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView

from django.conf import settings

from .celery import app as celery_app


@dataclasses.dataclass
class Broker(HealthCheck):
    """The broker accepts a connection within two seconds."""

    def run(self):
        try:
            with celery_app.connection_for_write() as connection:
                connection.ensure_connection(max_retries=1, timeout=2)
        except Exception as error:  # kombu raises many transport-specific errors
            raise ServiceUnavailable("Broker unreachable") from error

    def __repr__(self):
        return "Broker"


@dataclasses.dataclass
class Workers(Ping):
    """At least one Celery worker answers a ping and consumes the default queue."""

    timeout: datetime.timedelta = dataclasses.field(default=datetime.timedelta(seconds=1), repr=False)

    def __repr__(self):
        return "Workers"


class HealthzView(HealthCheckView):
    """Always answers JSON (status 200 when every check passes, 500 otherwise) on the checks listed in the
    setting named by `checks_setting`, read at each request."""

    checks_setting = "READINESS_CHECKS"

    def get_checks(self):
        self.checks = getattr(settings, self.checks_setting)
        return super().get_checks()

    def render_to_response(self, context, **response_kwargs):
        return self.render_to_response_json(response_kwargs.get("status", 200))
