"""Admin screens for the outcomes, grouped under one menu; each object is seen and changed only by the
secretariat of its process (and administrators)."""

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from portal.spreadsheets import cell_text, xlsx_bytes

from . import (
    forms,  # noqa: F401  (the citation fields of the admin's forms)
    views,
)
from .models import Meeting, Member, Milestone, Recommendation, ResponsibleBody, Snapshot, Task
from .permissions import object_view_scoped, processes_kept_by, scoped
from .services import snapshot_fill, task_status_settle


def urls_scoped(patterns, model, process_path: str):
    """The admin URLs among `patterns` that name an object answer 404 for an object of another process."""
    for pattern in patterns:
        if "pk" in str(pattern.pattern):
            pattern.callback = object_view_scoped(pattern.callback, model, process_path)
    return patterns


class ScopedChoosing:
    """A chooser's list holds only the objects of the processes the user keeps."""

    process_path = "process"

    def get_object_list(self):
        return scoped(super().get_object_list(), self.request.user, self.process_path)


class ProcessScopedViewSet(SnippetViewSet):
    """Lists only the objects of the processes the user keeps, in the listing and in the chooser; any
    URL naming another is a 404."""

    process_path = "process"

    @property
    def chooser_viewset(self):
        path, model = self.process_path, self.model

        class ScopedChooserViewSet(SnippetChooserViewSet):
            choose_view_class = type("ChooseView", (ScopedChoosing, ChooseView), {"process_path": path})
            choose_results_view_class = type(
                "ChooseResultsView", (ScopedChoosing, ChooseResultsView), {"process_path": path}
            )

            def get_urlpatterns(self):
                return urls_scoped(super().get_urlpatterns(), model, path)

        return ScopedChooserViewSet(
            self.get_chooser_admin_url_namespace(),
            model=self.model,
            url_prefix=self.get_chooser_admin_base_path(),
            icon=self.icon,
            per_page=self.chooser_per_page,
        )

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if queryset is None:
            queryset = self.model._default_manager.all()
        return scoped(queryset, request.user, self.process_path)

    def get_urlpatterns(self):
        return urls_scoped(super().get_urlpatterns(), self.model, self.process_path)


class MemberViewSet(ProcessScopedViewSet):
    model = Member
    icon = "group"
    list_display = ["name", "role", "stakeholder_group", "country", "process"]
    list_filter = ["process", "role", "stakeholder_group"]
    search_fields = ["name", "organisation"]


class MeetingViewSet(ProcessScopedViewSet):
    model = Meeting
    icon = "date"
    list_display = ["number", "title", "starts_on", "place", "process"]
    list_filter = ["process"]


class RecommendationViewSet(ProcessScopedViewSet):
    model = Recommendation
    icon = "doc-full"
    list_display = ["number", "title", "topic_area", "standing", "live"]
    list_filter = ["process", "topic_area", "standing", "live"]
    search_fields = ["number", "title", "text"]
    list_per_page = 50


class SpreadsheetIndexView(IndexView):
    """The listing's downloads written as the public ones are: the XLSX with typed cells and its header row
    frozen with a filter, the CSV with a byte-order mark; in neither does a text run as a formula."""

    def write_xlsx(self, queryset, output):
        header = [self.get_heading(queryset, field) for field in self.list_export]
        rows = (
            [self.preprocess_field_value(field, value, self.FORMAT_XLSX) for field, value in row.items()]
            for row in map(self.to_row_dict, queryset)
        )
        output.write(xlsx_bytes(header, rows, self.get_filename()))

    def stream_csv(self, queryset):
        yield "\ufeff"  # Excel then reads Arabic and Chinese as UTF-8
        yield from super().stream_csv(queryset)

    def write_csv_row(self, writer, row_dict):
        return writer.writerow(
            {
                field: cell_text(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )


class TaskViewSet(ProcessScopedViewSet):
    model = Task
    index_view_class = SpreadsheetIndexView
    process_path = "recommendation__process"
    icon = "tasks"
    list_display = ["code", "recommendation", "milestone", "has_cost", "status", "updated_at"]
    list_filter = ["recommendation__process", "status", "bodies", "milestone", "has_cost"]
    list_export = ["code", "recommendation", "description", "milestone", "target_on", "has_cost", "status"]
    search_fields = ["code", "description"]
    list_per_page = 50


class MilestoneViewSet(ProcessScopedViewSet):
    model = Milestone
    icon = "flag"
    list_display = ["name", "code", "due_on", "process"]


class SnapshotViewSet(ProcessScopedViewSet):
    model = Snapshot
    icon = "history"
    list_display = ["title", "taken_on", "process"]


class ResponsibleBodyViewSet(SnippetViewSet):
    model = ResponsibleBody
    icon = "group"
    list_display = ["name", "code"]


class OutcomesGroup(SnippetViewSetGroup):
    menu_label = _("Outcomes")
    menu_icon = "doc-full-inverse"
    menu_order = 250
    items = (
        RecommendationViewSet,
        TaskViewSet,
        MeetingViewSet,
        MemberViewSet,
        MilestoneViewSet,
        SnapshotViewSet,
        ResponsibleBodyViewSet,
    )


register_snippet(OutcomesGroup)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def outcomes_settle(request, instance):
    """A task saved in the admin takes the status of its newest progress; a new snapshot is frozen."""
    if isinstance(instance, Task):
        task_status_settle(instance)
    elif isinstance(instance, Snapshot):
        snapshot_fill(instance)


@hooks.register("register_log_actions")
def outcomes_log_actions(actions):
    actions.register_action("outcomes.progress", _("Progress"), _("Progress recorded"))
    actions.register_action("outcomes.import", _("Import"), _("Updated by a tracker import"))


@hooks.register("register_admin_urls")
def tracker_import_urls():
    return [
        path("outcomes/tracker-import/", views.tracker_import, name="outcomes_tracker_import"),
        path("outcomes/tracker-import/apply/", views.tracker_import_apply, name="outcomes_tracker_import_apply"),
    ]


@hooks.register("register_admin_menu_item")
def tracker_import_menu_item():
    return TrackerImportMenuItem(
        _("Import the tracker"), reverse("outcomes_tracker_import"), icon_name="upload", order=251
    )


class TrackerImportMenuItem(MenuItem):
    def is_shown(self, request):
        return processes_kept_by(request.user).exists()
