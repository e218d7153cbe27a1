"""The admin's view of inputs as they arrived (read-only: inputs change only through their senders)."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from django.utils.translation import gettext_lazy as _

from .models import Submission


@hooks.register("register_log_actions")
def register_submission_log_actions(actions):
    actions.register_action("submissions.submit", _("Input received"), _("Input received"))
    actions.register_action("submissions.confirm", _("Email confirmed"), _("Submitter confirmed the email address"))
    actions.register_action("submissions.edit", _("Input edited"), _("Submitter edited the input"))
    actions.register_action("submissions.withdraw", _("Input withdrawn"), _("Submitter withdrew the input"))


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Staff may view; nobody adds, changes or deletes an input from the admin."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")


register_permission_policy(Submission, ReadOnlyPolicy(Submission))


class SubmissionViewSet(ModelViewSet):
    model = Submission
    icon = "mail"
    menu_label = _("Inputs")
    menu_order = 150
    add_to_admin_menu = True
    name = "inputs"
    copy_view_enabled = False
    inspect_view_enabled = True
    exclude_form_fields = []  # no add or edit view is reachable (ReadOnlyPolicy)
    list_display = ["reference", "status", "stakeholder_group", "country", "organisation", "call", "submitted_at"]
    list_filter = ["status", "call", "stakeholder_group", "language", "is_official"]
    search_fields = ["reference", "organisation", "contact_name", "contact_email"]
    ordering = ["-submitted_at"]
    list_per_page = 50
    inspect_view_fields = [
        "reference",
        "status",
        "call",
        "stakeholder_group",
        "organisation",
        "country",
        "is_official",
        "official_role",
        "contact_name",
        "contact_email",
        "language",
        "publication",
        "privacy_notice_version",
        "general_comment",
        "fingerprint",
        "submitted_at",
        "confirmed_at",
        "updated_at",
        "withdrawn_at",
    ]
    inspect_template_name = "submissions/admin/inspect.html"

    def get_queryset(self, request):
        return Submission.objects.select_related("call", "stakeholder_group", "country")


submission_viewset = SubmissionViewSet()


@hooks.register("register_admin_viewset")
def register_submission_viewset():
    return submission_viewset
