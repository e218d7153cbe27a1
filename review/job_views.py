"""A bulk job's page in the admin, with its progress as JSON for the page's script; only for the user who
started the job (and administrators): 404 for anyone else."""

import datetime

from django.contrib.auth import get_user_model
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache

from reference.models import TopicArea

from . import jobs, permissions
from .models import BulkJob, BulkJobStatus, NotPublishedReason, ReviewStatus


def job_news(job: BulkJob) -> str:
    """The sentence the page's live region reads out."""
    counts = {"processed": job.processed, "total": job.total, "done": job.done, "refused": job.refused}
    if job.status == BulkJobStatus.QUEUED:
        return _("Waiting for a worker…")
    if job.status == BulkJobStatus.RUNNING:
        return _("%(processed)d of %(total)d inputs processed.") % counts
    if job.status == BulkJobStatus.FAILED:
        return _("Stopped by an error after %(processed)d of %(total)d inputs; the rest were not changed.") % counts
    return (
        ngettext(
            "Finished: %(done)d input done, %(refused)d refused.",
            "Finished: %(done)d inputs done, %(refused)d refused.",
            job.done,
        )
        % counts
    )


def job_details(job: BulkJob) -> str:
    """What the job does, in words: to whom, to which status or topic area."""
    parameters = job.parameters
    if job.action == "assign":
        reviewer = get_user_model().objects.filter(pk=parameters.get("reviewer") or 0).first()
        words = _("To %(reviewer)s.") % {"reviewer": reviewer or "—"}
        if parameters.get("due_on"):
            due_on = date_format(datetime.date.fromisoformat(parameters["due_on"]))
            words += " " + _("Due on %(date)s.") % {"date": due_on}
        return words
    if job.action == "status":
        words = _("To “%(status)s”.") % {"status": ReviewStatus(parameters["status"]).label}
        if parameters.get("reason"):
            words += " " + str(NotPublishedReason(parameters["reason"]).label)
        return words
    if job.action == "map":
        return _("To %(topic_area)s.") % {"topic_area": TopicArea.objects.filter(pk=parameters["topic_area"]).first()}
    return ""


def job_progress(job: BulkJob) -> dict:
    return {
        "status": job.status,
        "is_over": job.is_over,
        "total": job.total,
        "processed": job.processed,
        "done": job.done,
        "refused": job.refused,
        "percent": job.percent,
        "news": job_news(job),
        "refusals": jobs.bulk_job_refusals(job),
    }


@never_cache
def bulk_job_page(request, pk):
    job = permissions.bulk_job_get_for(request.user, pk)
    context = {
        "job": job,
        "title": ngettext("%(action)s: %(total)d input", "%(action)s: %(total)d inputs", job.total)
        % {"action": jobs.ACTION_LABELS[job.action], "total": job.total},
        "details": job_details(job),
        "news": job_news(job),
        "refusals": jobs.bulk_job_refusals(job),
    }
    return TemplateResponse(request, "review/bulk_job.html", context)


@never_cache
def bulk_job_progress(request, pk):
    """Polled by static/js/bulk-job.js every second or two."""
    return JsonResponse(job_progress(permissions.bulk_job_get_for(request.user, pk)))
