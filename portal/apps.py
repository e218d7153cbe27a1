from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portal"

    def ready(self):
        from axes.signals import user_locked_out
        from post_office.signals import email_queued

        from . import csp, outbox, signin

        email_queued.connect(outbox.delivery_request_after_commit, dispatch_uid="portal.outbox")
        user_locked_out.connect(signin.lockout_log, dispatch_uid="portal.signin")
        csp.admin_choosers_nonced()
