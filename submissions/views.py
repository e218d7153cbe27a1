"""Pages of the intake, served as routes of the call page (submit/, receipt/, confirm/, input/, link/, remind/)."""

import functools

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from portal.i18n import localized, page_url

from . import links, receipt_views, reminders, services
from .forms import (
    CallSubscriptionForm,
    PrivateLinkRequestForm,
    SubmissionForm,
    form_token_make,
    submission_for_form,
    submission_initial,
)
from .spam import client_rate_count, client_rate_limited, client_rate_reached
from .submitter_status import submitter_status
from .tokens import submission_from_token, submission_token, subscription_from_token


def render(request, call, template: str, context: dict, status: int = 200):
    """The intake's page in the reader's language: `call` is the original, which inputs belong to."""
    context = {"page": localized(call), "call_url": page_url(call), **context}
    return TemplateResponse(request, f"submissions/{template}", context, status=status)


def submission_form(request, call):
    if not call.is_open:
        return render(request, call, "call_not_open.html", {}, status=403 if request.method == "POST" else 200)
    if request.method == "POST":
        # The same form sent again (Back and send, a double click, days later) shows the input it made, before
        # any guard that could refuse the second send (rate limit, fill time, the form's age).
        sent = submission_for_form(request.POST.get("form_token", ""))
        if sent is not None:
            return redirect(f"{page_url(sent.call)}receipt/{submission_token(sent, 'receipt')}/")
        if client_rate_reached(request, group="submission", rate=settings.SUBMISSION_RATE):
            return render(request, call, "rate_limited.html", {}, status=429)
        form = SubmissionForm(request.POST, request.FILES, call=call)
        if form.is_valid():
            try:
                submission, created = services.submission_create(
                    call=call,
                    data=form.submitted_data(),
                    answers=form.answers(),
                    files=form.cleaned_data["attachments"],
                    form_key=form.cleaned_data["form_token"]["key"],
                    privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if created:  # only inputs stored count against the address, not a double click or an error
                    client_rate_count(request, group="submission", rate=settings.SUBMISSION_RATE)
                return redirect(f"{page_url(call)}receipt/{submission_token(submission, 'receipt')}/")
        return render(request, call, "form.html", {"form": form, "files_dropped": bool(request.FILES)}, status=400)
    form = SubmissionForm(call=call, initial={"form_token": form_token_make(), "language": get_language()})
    return render(request, call, "form.html", {"form": form})


def submission_for(token: str, purpose: str, call):
    submission = submission_from_token(token, purpose)
    if submission is None or submission.call_id != call.pk:
        raise Http404
    return submission


def submission_receipt(request, call, token: str):
    submission = submission_for(token, "receipt", call)
    context = {
        "submission": submission,
        "status": submitter_status(submission),
        **receipts_context(submission, f"{page_url(call)}receipt/{token}/"),
    }
    return render(request, call, "receipt.html", context)


def receipts_context(submission, files_url: str) -> dict:
    return {"receipts": submission.receipt_links.order_by("version"), "files_url": files_url}


def submission_receipt_file(request, call, token: str, version: int, kind: str):
    """A version's receipt document or chain link, for the holder of the receipt page's link."""
    return receipt_views.receipt_file(submission_for(token, "receipt", call), version, kind)


def submission_confirm(request, call, token: str):
    """GET shows a button and POST confirms: mail scanners that open links must not confirm for people."""
    submission = submission_for(token, "confirm", call)
    if request.method == "POST":
        services.submission_confirm(submission=submission)
        submission.refresh_from_db()
        context = {"submission": submission, "status": submitter_status(submission)}
        return render(request, call, "confirmed.html", context)
    return render(request, call, "confirm.html", {"submission": submission})


def private_link(view):
    """The input a private link opens, handed to `view`; a page saying why when the link does not open it.

    A forged, mistyped or replaced link is a 404 and an expired one a 410 (neither shows the input).
    """

    @functools.wraps(view)
    def opened(request, call, token: str, **kwargs):
        try:
            submission = links.private_link_submission(token)
        except links.PrivateLinkExpired as expired:
            if expired.submission.call_id == call.pk:
                context = {"days": settings.PRIVATE_LINK_DAYS, "ends_at": links.private_link_ends_at(call)}
                return render(request, call, "link_expired.html", context, status=410)
            submission = None
        if submission is None or submission.call_id != call.pk:
            return render(request, call, "link_invalid.html", {}, status=404)
        return view(request, call, token, submission, **kwargs)

    return opened


def manage_render(request, call, submission, token: str, status: int = 200, **extra):
    context = {
        "submission": submission,
        "token": token,
        "link_ends_at": links.private_link_ends_at(call),
        **receipts_context(submission, f"{page_url(call)}input/{token}/"),
        "status": submitter_status(submission),
        **extra,
    }
    return render(request, call, "manage.html", context, status=status)


@private_link
def submission_manage(request, call, token: str, submission):
    return manage_render(request, call, submission, token)


@private_link
def submission_manage_receipt_file(request, call, token: str, submission, *, version: int, kind: str):
    """The same files from the private page, for the holder of the private link (while it works)."""
    return receipt_views.receipt_file(submission, version, kind)


@private_link
def submission_edit(request, call, token: str, submission):
    if not submission.is_editable:
        return manage_render(request, call, submission, token, status=403)
    if request.method == "POST":
        form = SubmissionForm(request.POST, request.FILES, call=call, editing=submission)
        if form.is_valid():
            try:
                services.submission_update(
                    submission=submission,
                    data=form.submitted_data(),
                    answers=form.answers(),
                    files=form.cleaned_data["attachments"],
                    removed_ids=[attachment.pk for attachment in form.cleaned_data["remove_attachments"]],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                return redirect(f"{page_url(call)}input/{token}/?changed=1")
        context = {"form": form, "submission": submission, "files_dropped": bool(request.FILES)}
        return render(request, call, "form.html", {**context, "status": submitter_status(submission)}, status=400)
    form = SubmissionForm(call=call, editing=submission, initial=submission_initial(submission))
    context = {"form": form, "submission": submission, "status": submitter_status(submission)}
    return render(request, call, "form.html", context)


@private_link
def submission_withdraw(request, call, token: str, submission):
    """GET asks "Withdraw input X?" and says what follows; POST withdraws (a mail scanner withdraws nothing)."""
    if not submission.is_editable:
        message = _("This input can no longer be withdrawn.")
        return manage_render(request, call, submission, token, status=403, error=message)
    if request.method != "POST":
        context = {"submission": submission, "token": token, "status": submitter_status(submission)}
        return render(request, call, "withdraw_confirm.html", context)
    try:
        submission = services.submission_withdraw(submission=submission)
    except ValidationError as error:
        return manage_render(request, call, submission, token, status=403, error=" ".join(error.messages))
    return manage_render(request, call, submission, token, done=_("Your input is withdrawn."))


@private_link
def submission_restore(request, call, token: str, submission):
    """Undo a withdrawal until the call closes (a POST from the private page)."""
    if request.method != "POST":
        return redirect(f"{page_url(call)}input/{token}/")
    try:
        submission = services.submission_restore(submission=submission)
    except ValidationError as error:
        return manage_render(request, call, submission, token, status=403, error=" ".join(error.messages))
    return manage_render(request, call, submission, token, done=_("Your input is restored."))


@private_link
def submission_link_renew(request, call, token: str, submission):
    """A fresh link to the input's address, for someone who fears this one was forwarded."""
    if request.method != "POST":
        return redirect(f"{page_url(call)}input/{token}/")
    if client_rate_limited(request, group="link", rate=settings.SUBMISSION_RATE):
        return render(request, call, "rate_limited.html", {}, status=429)
    links.private_link_renew(submission=submission)
    return render(request, call, "link_requested.html", {"renewed": True})


def call_link_request(request, call):
    """A fresh link for a lost one; the answer is the same whether the reference and address match or not."""
    if request.method != "POST":
        return link_form_render(request, call, PrivateLinkRequestForm(call=call))
    if client_rate_limited(request, group="link", rate=settings.SUBMISSION_RATE):
        return render(request, call, "rate_limited.html", {}, status=429)
    form = PrivateLinkRequestForm(request.POST, call=call)
    if not form.is_valid():
        return link_form_render(request, call, form, status=400)
    links.private_link_request(call=call, reference=form.cleaned_data["reference"], email=form.cleaned_data["email"])
    return render(request, call, "link_requested.html", {})


def link_form_render(request, call, form, status: int = 200):
    over = links.private_link_is_over(call)
    context = {"form": form, "ends_at": links.private_link_ends_at(call), "links_over": over}
    return render(request, call, "link_form.html", context, status=status)


def call_subscribe(request, call):
    if request.method != "POST":
        return redirect(page_url(call))
    if client_rate_reached(request, group="subscription", rate=settings.SUBMISSION_RATE):
        return render(request, call, "rate_limited.html", {}, status=429)
    form = CallSubscriptionForm(request.POST)
    if form.is_valid():
        try:
            reminders.call_subscription_create(call=call, email=form.cleaned_data["email"], language=get_language())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            client_rate_count(request, group="subscription", rate=settings.SUBMISSION_RATE)
            return render(request, call, "subscription_requested.html", {})
    return render(request, call, "subscription_form.html", {"form": form}, status=400)


def call_subscription_confirm(request, call, token: str):
    subscription = subscription_from_token(token)
    if subscription is None or subscription.call_id != call.pk:
        raise Http404
    if request.method == "POST":
        reminders.call_subscription_confirm(subscription=subscription)
        return render(request, call, "subscription_confirmed.html", {})
    return render(request, call, "subscription_confirm.html", {})


def submission_updates(request, call, token: str):
    """Start or stop the emails about how the input is used. The link in those emails lasts as long as
    the input: a change is a POST, so that a mail scanner opening the link changes nothing."""
    submission = submission_for(token, "updates", call)
    changed = False
    if request.method == "POST":
        submission = services.submission_updates_set(submission=submission, wants=request.POST.get("wants") == "yes")
        changed = True
    return render(request, call, "updates.html", {"submission": submission, "token": token, "changed": changed})
