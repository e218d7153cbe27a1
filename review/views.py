"""The review screen of one input: read everything, map passages, decide its status, note, assign."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from submissions.models import Answer, Attachment

from . import official, permissions, redactions, services, suggestions_service
from .forms import (
    AssignForm,
    MappingForm,
    NoteForm,
    OfficialForm,
    RedactionForm,
    RedactionLiftForm,
    StatusForm,
    SuggestionDecisionForm,
)
from .models import Mapping, Passage, Redaction
from .queue import queue_neighbours
from .selectors import review_screen_data


def review_screen(request, pk):
    submission = permissions.submission_get_for(request.user, pk)
    forms = blank_forms(submission)
    if request.method == "POST":
        handler = HANDLERS.get(request.POST.get("action"))
        if handler is None:
            raise PermissionDenied
        try:
            done, form = handler(request, submission)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            messages.error(request, str(error) or _("You may not do this."))
        else:
            if done:
                messages.success(request, done)
                return redirect(request.get_full_path())  # the same input, in the same queue
            forms[request.POST["action"]] = form
    context = {
        "submission": submission,
        "forms": forms,
        "can": dict.fromkeys(permissions.allowed_actions(request.user, submission), True),
        "queue": queue_neighbours(request, submission),
        **review_screen_data(submission),
    }
    return TemplateResponse(
        request, "review/review_screen.html", context, status=400 if request.method == "POST" else 200
    )


def blank_forms(submission):
    review = getattr(submission, "review", None)
    return {
        "map": MappingForm(process=submission.call.process),
        "status": StatusForm(initial={"revision": review.revision if review else 0}),
        "assign": AssignForm(
            call=submission.call,
            initial={"reviewer": review.assigned_to_id, "due_on": review.due_on} if review else {},
        ),
        "note": NoteForm(),
        "redact": RedactionForm(),
        "lift": RedactionLiftForm(),
        "official": OfficialForm(),
    }


def handle_map(request, submission):
    form = MappingForm(request.POST, process=submission.call.process)
    if not form.is_valid():
        return None, form
    data = form.cleaned_data
    services.passage_map(
        submission=submission,
        topic_area=data["topic_area"],
        by=request.user,
        source=data["source"],
        excerpt=data["excerpt"],
        answer=Answer.objects.filter(pk=data["source_id"], submission=submission).first(),
        attachment=Attachment.objects.filter(pk=data["source_id"], submission=submission).first(),
        start=data["start"],
        sub_topic=data["sub_topic"],
        stance=data["stance"],
        note=data["note"],
        tags=form.tag_list(),
    )
    return _("Mapped to %(topic)s.") % {"topic": data["sub_topic"] or data["topic_area"]}, form


def handle_unmap(request, submission):
    mapping = get_object_or_404(Mapping, pk=request.POST.get("mapping"), submission=submission)
    services.mapping_delete(mapping=mapping, by=request.user)
    return _("Mapping removed."), None


def handle_status(request, submission):
    form = StatusForm(request.POST)
    if not form.is_valid():
        return None, form
    data = form.cleaned_data
    review = services.review_status_set(
        submission=submission, status=data["status"], reason=data["reason"], revision=data["revision"], by=request.user
    )
    return _("The input is now “%(status)s”.") % {"status": review.get_status_display()}, form


def handle_assign(request, submission):
    form = AssignForm(request.POST, call=submission.call)
    if not form.is_valid():
        return None, form
    data = form.cleaned_data
    services.review_assign(submissions=[submission], reviewer=data["reviewer"], due_on=data["due_on"], by=request.user)
    return _("Assignment saved."), form


def handle_note(request, submission):
    form = NoteForm(request.POST)
    if not form.is_valid():
        return None, form
    services.note_add(submission=submission, text=form.cleaned_data["text"], by=request.user)
    return _("Note added."), form


def handle_redact(request, submission):
    form = RedactionForm(request.POST)
    if not form.is_valid():
        return None, form
    data = form.cleaned_data
    if data["passage"] is not None:
        passage = get_object_or_404(Passage, pk=data["passage"], submission=submission)
        redactions.passage_redact(passage=passage, reason=data["reason"], category=data["category"], by=request.user)
        return _("Passage redacted."), form
    redactions.redaction_create(
        submission=submission,
        source=data["source"],
        excerpt=data["excerpt"],
        reason=data["reason"],
        category=data["category"],
        by=request.user,
        answer=Answer.objects.filter(pk=data["source_id"], submission=submission).first(),
        attachment=Attachment.objects.filter(pk=data["source_id"], submission=submission).first(),
    )
    return _("Words redacted."), form


def handle_lift(request, submission):
    form = RedactionLiftForm(request.POST)
    if not form.is_valid():
        return None, form
    redaction = get_object_or_404(Redaction, pk=form.cleaned_data["redaction"], passage__submission=submission)
    redactions.redaction_lift(redaction=redaction, reason=form.cleaned_data["reason"], by=request.user)
    return _("Redaction lifted."), form


def handle_official(request, submission):
    """Verify (or, with `revoke`, take back) the official status; a missing reason is said, nothing stored."""
    form = OfficialForm(request.POST)
    if not form.is_valid():
        return None, form
    if request.POST.get("revoke"):
        official.official_revoke(submission=submission, reason=form.cleaned_data["reason"], by=request.user)
        return _("The verification is revoked: the input is official, unverified."), form
    official.official_verify(submission=submission, reason=form.cleaned_data["reason"], by=request.user)
    return _("The input is verified as an official submission."), form


def handle_suggestion(request, submission):
    form = SuggestionDecisionForm(request.POST)
    if not form.is_valid():
        return None, form
    suggestion = get_object_or_404(submission.suggestions, pk=form.cleaned_data["suggestion"])
    accepted = form.cleaned_data["accept"]
    suggestions_service.suggestion_decide(suggestion=suggestion, accept=accepted, by=request.user)
    return (_("Suggestion accepted.") if accepted else _("Suggestion rejected.")), form


HANDLERS = {
    "map": handle_map,
    "unmap": handle_unmap,
    "status": handle_status,
    "assign": handle_assign,
    "note": handle_note,
    "redact": handle_redact,
    "lift": handle_lift,
    "suggestion": handle_suggestion,
    "official": handle_official,
}


def suggestion_report(request):
    """How often reviewers accept the suggested topics, per topic area of the processes the user works in."""
    from .suggestions_service import suggestion_acceptance_rates

    if not permissions.can_use_review_admin(request.user):
        raise PermissionDenied
    processes = [
        (process, suggestion_acceptance_rates(process=process))
        for process in permissions.processes_visible_to(request.user)
    ]
    return TemplateResponse(request, "review/suggestion_report.html", {"processes": processes})
