"""The reviewers' admin: the list of inputs with its filters and bulk actions, the review screen, settings."""

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from django.urls import path
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from submissions.models import Submission

from . import (  # noqa: F401 (bulk_actions and balance_admin register their hooks)
    admin_views,
    balance_admin,
    bulk_actions,
    coding_views,
    dashboard,
    entries,
    job_views,
    permissions,
    views,
)
from .filters import SubmissionFilterSet
from .forms import ReviewerPreferenceForm
from .models import CallReviewer, ProcessSecretariat, ReviewerPreference, SubmissionLogEntry
from .queue import QueueTitleColumn


class SubmissionPolicy(ModelPermissionPolicy):
    """Inputs are listed and read by the roles of `review.permissions`; nobody adds, edits or deletes one."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and permissions.can_use_review_admin(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return action in ("view", "inspect") and permissions.can(user, "view", instance)

    def instances_user_has_permission_for(self, user, action):
        return permissions.submissions_visible_to(user) if action == "view" else Submission.objects.none()


register_permission_policy(Submission, SubmissionPolicy(Submission))


def field_label(name):
    return capfirst(Submission._meta.get_field(name).verbose_name)


class SubmissionViewSet(SnippetViewSet):
    model = Submission
    icon = "mail"
    menu_label = _("Inputs")
    menu_order = 150
    add_to_admin_menu = True
    url_prefix = "inputs"
    admin_url_namespace = "inputs"
    index_view_class = admin_views.SubmissionIndexView
    inspect_view_class = admin_views.SubmissionInspectView
    history_view_class = admin_views.SubmissionHistoryView
    add_view_class = admin_views.SubmissionCreateView
    edit_view_class = admin_views.SubmissionEditView
    delete_view_class = admin_views.SubmissionDeleteView
    usage_view_class = admin_views.SubmissionUsageView
    filterset_class = SubmissionFilterSet
    inspect_view_enabled = True
    copy_view_enabled = False
    exclude_form_fields = []  # no add or edit view is reachable (SubmissionPolicy)
    index_template_name = "review/admin/inputs_index.html"  # the bulk actions the user may take, no others
    index_results_template_name = "review/admin/inputs_results.html"
    ordering = "-submitted_at"  # the sorts are those of the columns with a sort key, each with an index
    search_fields = ["reference"]  # shows the search box; SubmissionIndexView searches the full text
    list_display = [
        QueueTitleColumn("reference", label=_("Reference")),
        Column("review_status", label=_("Review"), accessor=lambda obj: review_value(obj, "get_status_display")),
        Column("status", label=_("Intake"), accessor="get_status_display"),
        Column("stakeholder_group", label=field_label("stakeholder_group")),
        Column("country", label=field_label("country")),
        Column("organisation", label=field_label("organisation"), sort_key="organisation"),
        Column("official", label=_("Official"), accessor=lambda obj: official_label(obj)),
        Column("assigned", label=_("Assigned to"), accessor=lambda obj: review_value(obj, "assigned_to")),
        Column("cluster", label=_("Duplicates"), accessor=lambda obj: cluster_size(obj)),
        Column("submitted_at", label=_("Received"), sort_key="submitted_at"),
    ]
    inspect_view_fields = [
        "reference",
        "status",
        "call",
        "stakeholder_group",
        "organisation",
        "country",
        "is_official",
        "official_role",
        "official_verified",
        "official_verification",
        "official_verified_at",
        "channel",
        "language",
        "publication",
        "privacy_notice_version",
        "general_comment",
        "fingerprint",
        "submitted_at",
        "confirmed_at",
        "updated_at",
        "withdrawn_at",
        "erased_at",
    ]
    inspect_template_name = "submissions/admin/inspect.html"

    def register_chooser_viewset(self):
        """Nothing chooses an input: no chooser, so no listing of inputs outside `review.permissions`."""


def review_value(submission, attribute):
    review = getattr(submission, "review", None)
    if review is None:
        return "—"
    value = getattr(review, attribute)
    return (value() if callable(value) else value) or "—"


def official_label(submission):
    return {"verified": _("verified"), "unverified": _("unverified")}.get(submission.official_status, "")


def cluster_size(submission):
    review = getattr(submission, "review", None)
    return review.cluster.size if review is not None and review.cluster_id else ""


register_snippet(SubmissionViewSet)


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        path("inputs/<int:pk>/review/", views.review_screen, name="review_screen"),
        path("inputs/jobs/<int:pk>/", job_views.bulk_job_page, name="bulk_job"),
        path("inputs/jobs/<int:pk>/progress/", job_views.bulk_job_progress, name="bulk_job_progress"),
        path("reports/suggestions/", views.suggestion_report, name="suggestion_report"),
        path("entries/", entries.entry_call_choose, name="entry_calls"),
        path("entries/<int:call_pk>/", entries.entry_create, name="entry_create"),
        path("inputs/<int:pk>/original/", entries.entry_document, name="entry_document"),
        path("reports/coding/", coding_views.coding_report_index, name="coding_report_index"),
        path("reports/coding/<int:pk>/", coding_views.coding_report, name="coding_report"),
        path("reports/coding/<int:pk>/sample/", coding_views.coding_sample, name="coding_sample"),
        path("reports/coding/<int:pk>/adjudicate/", coding_views.coding_adjudicate, name="coding_adjudicate"),
        path("coding/", coding_views.second_codings_mine, name="second_codings_mine"),
        path("coding/<int:pk>/", coding_views.second_coding_screen, name="second_coding_screen"),
    ]


class EntryMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.secretariat_processes(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_entry_menu_item():
    return EntryMenuItem(_("Enter a letter or email"), "/admin/entries/", icon_name="doc-full", order=152)


class CodingReportMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.calls_coding_managed_by(request.user).exists()


class SecondCodingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.second_codings.exists()


@hooks.register("register_reports_menu_item")
def register_coding_report_menu_item():
    return CodingReportMenuItem(_("Coding agreement"), "/admin/reports/coding/", icon_name="clipboard-list", order=710)


@hooks.register("register_admin_menu_item")
def register_second_coding_menu_item():
    return SecondCodingMenuItem(_("Second coding"), "/admin/coding/", icon_name="doc-full", order=153)


@hooks.register("register_reports_menu_item")
def register_suggestion_report_menu_item():
    return MenuItem(_("Suggested topics"), "/admin/reports/suggestions/", icon_name="tag", order=700)


@hooks.register("register_admin_menu_item")
def register_my_queue_menu_item():
    return MenuItem(_("My queue"), "/admin/inputs/?mine=true", icon_name="tasks", order=151)


@hooks.register("construct_homepage_panels")
def register_dashboard_panels(request, panels):
    dashboard.homepage_panels_construct(request, panels)


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    actions.register_model(Submission, SubmissionLogEntry)
    actions.register_action("review.status", _("Review status"), _("Review status changed"))
    actions.register_action("review.assign", _("Assign"), _("Assigned to a reviewer"))
    actions.register_action("review.map", _("Map"), _("Mapped to a topic area"))
    actions.register_action("review.unmap", _("Unmap"), _("Mapping removed"))
    actions.register_action("review.note", _("Note"), _("Reviewer note added"))
    actions.register_action("review.redact", _("Redact"), _("Words redacted"))
    actions.register_action("review.unredact", _("Lift redaction"), _("Redaction lifted"))
    actions.register_action("review.suggestion", _("Suggestion"), _("Suggestion decided"))
    actions.register_action("review.second_coding_assign", _("Second coding"), _("Sent to a second coder"))
    actions.register_action("review.second_coding", _("Second coding"), _("Coded again by a second coder"))
    actions.register_action("review.adjudicate", _("Adjudication"), _("Disagreement between codings resolved"))


class CallReviewerViewSet(ModelViewSet):
    model = CallReviewer
    icon = "user"
    menu_label = _("Call reviewers")
    add_to_settings_menu = True
    name = "call_reviewers"
    form_fields = ["call", "user"]
    list_display = ["user", "call"]
    list_filter = ["call"]
    copy_view_enabled = False


class SecretariatViewSet(ModelViewSet):
    model = ProcessSecretariat
    icon = "group"
    menu_label = _("Secretariat members")
    add_to_settings_menu = True
    name = "secretariat"
    form_fields = ["process", "user"]
    list_display = ["user", "process"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_call_reviewer_viewset():
    return CallReviewerViewSet()


@hooks.register("register_admin_viewset")
def register_secretariat_viewset():
    return SecretariatViewSet()


class NewInputAlertsPanel(BaseSettingsPanel):
    """In the reviewer's own account settings: alerts at once, in a daily digest, or none."""

    name = "new_input_alerts"
    title = _("New inputs")
    tab = notifications_tab
    order = 200
    form_class = ReviewerPreferenceForm

    def is_active(self):
        return CallReviewer.objects.filter(user=self.user).exists() or self.user.is_superuser

    def get_form(self):
        preference, _created = ReviewerPreference.objects.get_or_create(user=self.user)
        data = (self.request.POST, self.request.FILES) if self.request.method == "POST" else ()
        return self.form_class(*data, instance=preference, prefix=self.name)


@hooks.register("register_account_settings_panel")
def register_new_input_alerts_panel(request, user, profile):
    return NewInputAlertsPanel(request, user, profile)
