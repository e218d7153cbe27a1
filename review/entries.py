"""Admin views for inputs received by letter or email: the secretariat enters them on their authors' behalf
(submissions.entries stores them), and reviewers of the input download the original document (private)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from submissions.entries import submission_enter
from submissions.files import attachment_check
from submissions.forms import SubmissionForm
from submissions.models import Channel, Entry, call_page_model

from . import permissions


class EntryForm(SubmissionForm):
    """The form's fields as the author would have filled them in, plus the letter itself and how it came."""

    channel = forms.ChoiceField(
        label=_("Received"), choices=[(Channel.LETTER, Channel.LETTER.label), (Channel.EMAIL, Channel.EMAIL.label)]
    )
    received_on = forms.DateField(
        label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"}), help_text=_("As stamped on receipt.")
    )
    document = forms.FileField(
        label=_("Original document"),
        help_text=_("The scanned letter or the email (PDF, DOCX, ODT or TXT); kept private, for reviewers only."),
    )
    official_reason = forms.CharField(
        label=_("Verified as official because"),
        max_length=500,
        required=False,
        help_text=_("E.g. “letter on letterhead of the Permanent Mission”. Leave empty to leave it unverified."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["accept_privacy"], self.fields["form_token"], self.fields["website"]
        self.fields["contact_email"].required = False
        self.fields["contact_email"].help_text = _("The author's address, if given: the receipt is sent there.")
        self.fields["contact_email"].label = _("Author's email address")
        self.fields["contact_name"].label = _("Author's name")
        self.fields["wants_updates"].initial = False
        self.fields["wants_updates"].label = _("Email the author when recommendations cite the input")

    def clean_document(self):
        return attachment_check(self.cleaned_data["document"])


def entry_calls(user):
    """The calls whose inputs `user` may enter: those of the processes they are the secretariat of."""
    return call_page_model().objects.filter(process__in=permissions.secretariat_processes(user)).order_by("-opens_at")


def entry_call_choose(request):
    calls = entry_calls(request.user)
    if not permissions.can_use_review_admin(request.user) or not calls.exists():
        raise PermissionDenied
    calls = [call for call in calls if call.original_call.pk == call.pk]
    return TemplateResponse(request, "review/entry_calls.html", {"calls": calls})


def entry_create(request, call_pk: int):
    call = get_object_or_404(call_page_model(), pk=call_pk)
    if not permissions.can_enter(request.user, call):
        raise PermissionDenied
    if request.method == "POST":
        form = EntryForm(request.POST, request.FILES, call=call)
        if form.is_valid():
            data = form.cleaned_data
            try:
                submission = submission_enter(
                    call=call,
                    data=form.submitted_data(),
                    answers=form.answers(),
                    files=data["attachments"],
                    document=data["document"],
                    channel=data["channel"],
                    received_on=data["received_on"],
                    by=request.user,
                    official_reason=data["official_reason"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Input %(reference)s entered.") % {"reference": submission.reference})
                return redirect("review_screen", pk=submission.pk)
        return TemplateResponse(request, "review/entry_form.html", {"form": form, "call": call}, status=400)
    form = EntryForm(call=call, initial={"received_on": timezone.localdate(), "channel": Channel.LETTER})
    return TemplateResponse(request, "review/entry_form.html", {"form": form, "call": call})


def entry_document(request, pk: int):
    """The original letter or email, to those who may see the input (never to the public)."""
    submission = permissions.submission_get_for(request.user, pk)
    entry = Entry.objects.filter(submission=submission).first()
    if entry is None:
        raise Http404
    response = FileResponse(
        entry.document.open("rb"), as_attachment=True, filename=entry.name, content_type="application/octet-stream"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
