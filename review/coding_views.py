"""Second coding in the admin: the secretariat's report per call (sample, agreement, disagreements, calibration) and
the second coder's blind screen."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from reference.models import TopicArea

from . import coding_service, permissions
from .forms import AdjudicationForm, CodingSampleForm, SecondCodingForm
from .models import CodingSample, SecondCoding


def coding_call_get(user, pk):
    call = permissions.calls_coding_managed_by(user).filter(pk=pk).select_related("process").first()
    if call is None:
        raise PermissionDenied(_("Only the secretariat of the call's process reads its coding agreement."))
    return call


def coding_report_index(request):
    """The calls whose second coding the user manages."""
    calls = permissions.calls_coding_managed_by(request.user).order_by("title")
    if not calls.exists():
        raise PermissionDenied
    return TemplateResponse(request, "review/coding_index.html", {"calls": calls})


def coding_report(request, pk, form=None, status=200):
    call = coding_call_get(request.user, pk)
    calibration = coding_service.suggestion_calibration(call=call)
    context = {
        "call": call,
        "form": form or CodingSampleForm(call=call),
        "samples": CodingSample.objects.filter(call=call).select_related("created_by").order_by("-created_at"),
        "agreement": coding_service.coding_agreement(call=call),
        "disagreements": coding_service.coding_disagreements(call=call, viewer=request.user),
        "calibration": calibration,
        "chart": calibration_chart(calibration),
    }
    return TemplateResponse(request, "review/coding_report.html", context, status=status)


def calibration_chart(bins) -> dict:
    """Mean confidence and share confirmed per bin, side by side, as static/js/chart.js reads them (the page shows
    the same numbers in its table); bins with too few suggestions are left empty."""
    percent = lambda value, enough: round(value * 100, 1) if enough and value is not None else None  # noqa: E731
    return {
        "stacked": False,
        "labels": [f"{round(item.low * 100)}–{round(item.high * 100)} %" for item in bins],
        "series": [
            {"label": _("Mean confidence (%)"), "data": [percent(item.mean_confidence, item.enough) for item in bins]},
            {"label": _("Confirmed by reviewers (%)"), "data": [percent(item.share, item.enough) for item in bins]},
        ],
    }


def coding_sample(request, pk):
    call = coding_call_get(request.user, pk)
    if request.method != "POST":
        return redirect("coding_report", pk=call.pk)
    form = CodingSampleForm(request.POST, call=call)
    if form.is_valid():
        try:
            sample = coding_service.coding_sample_create(
                call=call,
                share=form.cleaned_data["share"],
                coders=list(form.cleaned_data["coders"]),
                seed=form.cleaned_data["seed"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(count)d inputs sent to second coding (seed %(seed)d).")
                % {"count": sample.codings.count(), "seed": sample.seed},
            )
            return redirect("coding_report", pk=call.pk)
    return coding_report(request, call.pk, form=form, status=400)


def coding_adjudicate(request, pk):
    call = coding_call_get(request.user, pk)
    if request.method != "POST":
        return redirect("coding_report", pk=call.pk)
    form = AdjudicationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say whether the first review stands or is changed."))
        return redirect("coding_report", pk=call.pk)
    submission = get_object_or_404(call.submissions, pk=form.cleaned_data["submission"])
    topic_area = get_object_or_404(TopicArea.objects.filter(process=call.process), pk=form.cleaned_data["topic_area"])
    try:
        coding_service.adjudication_record(
            submission=submission, topic_area=topic_area, outcome=form.cleaned_data["outcome"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as error:  # the input's state no longer allows mapping (withdrawn)
        messages.error(request, str(error) or _("You may not do this."))
    else:
        messages.success(request, _("Disagreement on %(area)s resolved.") % {"area": topic_area})
    return redirect("coding_report", pk=call.pk)


def second_codings_mine(request):
    codings = (
        SecondCoding.objects.filter(coder=request.user)
        .select_related("submission", "submission__call")
        .order_by("done_at", "assigned_at")
    )
    return TemplateResponse(request, "review/second_codings.html", {"codings": codings})


def second_coding_screen(request, pk):
    """The input's words, and nothing of its first review: its mappings, suggestions, notes and history stay
    hidden until this coding is recorded."""
    coding = SecondCoding.objects.filter(pk=pk, coder=request.user).select_related("submission__call__process").first()
    if coding is None or not permissions.can_code_blind(request.user, coding.submission):
        raise Http404
    submission = coding.submission
    form = SecondCodingForm(request.POST if request.method == "POST" else None, process=submission.call.process)
    if request.method == "POST" and coding.done_at is None and form.is_valid():
        try:
            coding_service.second_coding_record(
                coding=coding,
                topic_areas=form.cleaned_data["topic_areas"],
                sub_topics=form.cleaned_data["sub_topics"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your coding of %(reference)s is recorded.") % {"reference": submission})
            return redirect("second_codings_mine")
    context = {
        "coding": coding,
        "submission": submission,
        "form": form,
        "answers": submission.answers.select_related("question"),
        "attachments": submission.current_attachments(),
        "topics": coding.topics.select_related("topic_area", "sub_topic"),
    }
    return TemplateResponse(
        request, "review/second_coding.html", context, status=400 if request.method == "POST" else 200
    )
