from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from post_office.signals import email_queued

        from . import outbox

        email_queued.connect(outbox.delivery_request_after_commit, dispatch_uid="portal.outbox")
