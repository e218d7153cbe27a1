"""The tracker import's two admin screens: send a file and see every row checked; apply it when no row
has an error. The file waits between the two steps in the cache, under a key the server chose, for the
user who sent it; the browser carries only that key."""

import secrets

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .imports import column_labels, import_apply, import_plan
from .permissions import processes_kept_by

KEPT_SECONDS = 3600


class TrackerImportForm(forms.Form):
    process = forms.ModelChoiceField(label=gettext_lazy("Process"), queryset=None)
    file = forms.FileField(
        label=gettext_lazy("Tracker file (CSV or XLSX)"),
        help_text=gettext_lazy(
            "The columns of the public tracker's download (Task code, Recommendation, Task, Responsible, Target, "
            "Target date, Cost, Status) and, if progress is to be recorded, Progress date, Progress note, Evidence."
        ),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["process"].queryset = processes_kept_by(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.TRACKER_IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large: at most 5 MB."))
        return upload


def processes_required(request):
    processes = processes_kept_by(request.user)
    if not processes.exists():
        raise PermissionDenied
    return processes


def tracker_import(request):
    """Step one: the file is read and every row checked; the plan is shown, with Apply when it is clean."""
    processes_required(request)
    form = TrackerImportForm(request.POST or None, request.FILES or None, user=request.user)
    context = {"form": form, "labels": column_labels()}
    if request.method == "POST" and form.is_valid():
        content, name = form.cleaned_data["file"].read(), form.cleaned_data["file"].name
        plan = import_plan(form.cleaned_data["process"], content, name)
        context["plan"] = plan
        if plan.is_valid:
            key = secrets.token_urlsafe(24)
            cache.set(cache_key(request, key), (plan.process.pk, content, name), KEPT_SECONDS)
            context["key"] = key
    status = 400 if request.method == "POST" and ("plan" not in context or not context["plan"].is_valid) else 200
    return TemplateResponse(request, "outcomes/admin/tracker_import.html", context, status=status)


def tracker_import_apply(request):
    """Step two: the same file is checked again (the tracker may have moved since) and applied, or nothing."""
    processes = processes_required(request)
    if request.method != "POST":
        return redirect("outcomes_tracker_import")
    kept = cache.get(cache_key(request, request.POST.get("key", "")))
    if kept is None:
        context = {"form": TrackerImportForm(user=request.user), "expired": True, "labels": column_labels()}
        return TemplateResponse(request, "outcomes/admin/tracker_import.html", context, status=400)
    process_pk, content, name = kept
    plan = import_plan(processes.get(pk=process_pk), content, name)
    if not plan.is_valid:
        context = {"form": TrackerImportForm(user=request.user), "plan": plan, "labels": column_labels()}
        return TemplateResponse(request, "outcomes/admin/tracker_import.html", context, status=400)
    counts = import_apply(plan, by=request.user)
    cache.delete(cache_key(request, request.POST["key"]))
    context = {
        "form": TrackerImportForm(user=request.user),
        "done": counts,
        "process": plan.process,
        "labels": column_labels(),
    }
    return TemplateResponse(request, "outcomes/admin/tracker_import.html", context)


def cache_key(request, key: str) -> str:
    return f"tracker-import:{request.user.pk}:{key}"
