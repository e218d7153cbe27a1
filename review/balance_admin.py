"""The secretariat's participation balance in the admin: a table per call (Reports → Participation
balance), its download, and the targets and alert settings (Settings → Balance targets), each seen and
changed only by the secretariat of the call's process and administrators; any URL naming another
process's row answers 404."""

from urllib.parse import unquote

from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from django import forms
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.forms import modelform_factory
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from portal.spreadsheets import cell_text, xlsx_bytes
from reference.models import TopicArea

from .balance_service import balance_rows, call_balance
from .models import BalanceSettings, BalanceTarget
from .permissions import call_get_for_secretariat, secretariat_processes

DOWNLOAD_HEADER = ["topic_area", "stakeholder_group", "regional_group", "count", "target"]


def secretariat_calls(user):
    """The calls (original-language pages) of the processes whose secretariat work `user` does."""
    calls = apps.get_model("home", "CallPage").objects.filter(locale=Locale.get_default())
    return calls.filter(process__in=secretariat_processes(user)).select_related("process").order_by("-closes_at")


def balance_index(request):
    if not secretariat_processes(request.user).exists():
        raise PermissionDenied
    return TemplateResponse(request, "review/balance_index.html", {"calls": secretariat_calls(request.user)})


def balance_report(request, pk):
    call = call_get_for_secretariat(request.user, pk)
    return TemplateResponse(request, "review/balance_report.html", {"call": call, **call_balance(call)})


def balance_download(request, pk, kind):
    call = call_get_for_secretariat(request.user, pk)
    rows = balance_rows(call_balance(call))
    if kind == "xlsx":
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        response = HttpResponse(xlsx_bytes(DOWNLOAD_HEADER, rows, "balance"), content_type=content_type)
    elif kind == "csv":
        lines = [DOWNLOAD_HEADER, *([cell_text(value) for value in row] for row in rows)]
        text = "\ufeff" + "".join(",".join(line) + "\r\n" for line in lines)  # codes and numbers: no quoting
        response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="balance-{call.pk}.{kind}"'
    return response


class SecretariatPolicy(ModelPermissionPolicy):
    """A call's targets and settings are kept by its process's secretariat and administrators."""

    def user_has_permission(self, user, action):
        return action in ("add", "change", "delete", "view") and secretariat_processes(user).exists()

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and self.instances(user).filter(pk=instance.pk).exists()

    def instances_user_has_permission_for(self, user, action):
        return self.instances(user) if self.user_has_permission(user, action) else self.model.objects.none()

    def instances(self, user):
        return self.model.objects.filter(call__process__in=secretariat_processes(user))


register_permission_policy(BalanceTarget, SecretariatPolicy(BalanceTarget))
register_permission_policy(BalanceSettings, SecretariatPolicy(BalanceSettings))


class SecretariatCallForm(WagtailAdminModelForm):
    """The call is chosen among those of the user's processes (a list, not the page explorer)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        self.fields["call"] = forms.ModelChoiceField(
            queryset=secretariat_calls(user), label=_("call"), initial=self.initial.get("call")
        )
        if "topic_area" in self.fields:
            areas = TopicArea.objects.originals().filter(process__in=secretariat_processes(user))
            self.fields["topic_area"].queryset = areas
            self.fields["topic_area"].empty_label = _("Any topic area")
            self.fields["stakeholder_group"].queryset = self.fields["stakeholder_group"].queryset.filter(
                locale=Locale.get_default()
            )
            self.fields["stakeholder_group"].empty_label = _("Any stakeholder group")
            self.fields["regional_group"].empty_label = _("Any regional group")


def urls_scoped(patterns, model):
    """The URLs among `patterns` that name a row answer 404 when its call is of another process."""

    def scoped(view):
        def wrapper(request, *args, **kwargs):
            pk = kwargs.get("pk")
            rows = model.objects.filter(call__process__in=secretariat_processes(request.user))
            if pk is not None and not rows.filter(pk=unquote(str(pk))).exists():
                raise Http404
            return view(request, *args, **kwargs)

        return wrapper

    for pattern in patterns:
        if "pk" in str(pattern.pattern):
            pattern.callback = scoped(pattern.callback)
    return patterns


class SecretariatIndexView(IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(call__process__in=secretariat_processes(self.request.user))


class SecretariatViewSet(ModelViewSet):
    index_view_class = SecretariatIndexView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_filter = ["call"]

    def get_form_class(self, for_update=False):
        return modelform_factory(self.model, form=SecretariatCallForm, fields=self.form_fields)

    def get_urlpatterns(self):
        return urls_scoped(super().get_urlpatterns(), self.model)


class BalanceTargetViewSet(SecretariatViewSet):
    model = BalanceTarget
    icon = "success"
    menu_label = _("Balance targets")
    name = "balance_targets"
    form_fields = ["call", "topic_area", "stakeholder_group", "regional_group", "minimum"]
    list_display = ["call", "topic_area", "stakeholder_group", "regional_group", "minimum"]


class BalanceSettingsViewSet(SecretariatViewSet):
    model = BalanceSettings
    icon = "mail"
    menu_label = _("Balance alerts")
    name = "balance_settings"
    form_fields = ["call", "alert_days"]
    list_display = ["call", "alert_days"]


class BalanceGroup(ModelViewSetGroup):
    menu_label = _("Participation balance")
    menu_icon = "success"
    menu_order = 160
    items = (BalanceTargetViewSet, BalanceSettingsViewSet)


@hooks.register("register_admin_viewset")
def register_balance_viewsets():
    return BalanceGroup()


@hooks.register("register_admin_urls")
def register_balance_urls():
    return [
        path("reports/balance/", balance_index, name="balance_index"),
        path("reports/balance/<int:pk>/", balance_report, name="balance_report"),
        path("reports/balance/<int:pk>/<str:kind>/", balance_download, name="balance_download"),
    ]


class SecretariatMenuItem(MenuItem):
    def is_shown(self, request):
        return secretariat_processes(request.user).exists()


@hooks.register("register_reports_menu_item")
def register_balance_menu_item():
    return SecretariatMenuItem(_("Participation balance"), "/admin/reports/balance/", icon_name="success", order=710)
