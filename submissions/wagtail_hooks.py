"""Admin hooks of the intake: its audit-log actions (the list of inputs is the review app's)."""

from wagtail import hooks

from django.utils.translation import gettext_lazy as _


@hooks.register("register_log_actions")
def register_submission_log_actions(actions):
    actions.register_action("submissions.submit", _("Input received"), _("Input received"))
    actions.register_action("submissions.confirm", _("Email confirmed"), _("Submitter confirmed the email address"))
    actions.register_action("submissions.edit", _("Input edited"), _("Submitter edited the input"))
    actions.register_action("submissions.withdraw", _("Input withdrawn"), _("Submitter withdrew the input"))
    actions.register_action("submissions.restore", _("Input restored"), _("Submitter undid the withdrawal"))
    actions.register_action(
        "submissions.updates",
        _("Emails about use"),
        _("Emails about how the input is used, started or stopped"),
    )
    actions.register_action(
        "submissions.expire", _("Input expired"), _("Expired: the email address was never confirmed")
    )
    actions.register_action(
        "submissions.erase", _("Personal data erased"), _("Personal data and content erased after the retention period")
    )
    actions.register_action(
        "submissions.link_renew", _("Private link renewed"), _("A fresh private link was sent; older ones stopped")
    )
    actions.register_action(
        "submissions.enter", _("Input entered"), _("Received by letter or email, entered by the secretariat")
    )
    actions.register_action("submissions.official_verify", _("Official status verified"), _("Official status verified"))
    actions.register_action(
        "submissions.official_revoke", _("Official verification revoked"), _("Official verification revoked")
    )
