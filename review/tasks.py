"""Background and periodic work of the review side."""

from celery import shared_task

from .notifications import reviewer_digests_send


@shared_task(name="review.tasks.reviewer_digests_send")
def reviewer_digests_send_task():
    """Run hourly by beat; each reviewer still gets at most one digest a day."""
    reviewer_digests_send()


@shared_task(name="review.tasks.balance_alerts_send")
def balance_alerts_send_task():
    """Run hourly by beat; each cell under target is told to the secretariat once."""
    from .balance_service import balance_alerts_send

    balance_alerts_send()


@shared_task(name="review.tasks.suggestions_refresh_all")
def suggestions_refresh_all():
    """Half-hourly, catching up on inputs whose task was lost: retrain per process on the latest mappings and
    suggest topics for inputs not yet mapped."""
    from reference.models import Process

    from .suggestions_service import suggestions_refresh

    for process in Process.objects.all():
        suggestions_refresh(process=process)


@shared_task(name="review.tasks.submission_suggestions_make")
def submission_suggestions_make_task(submission_id: int):
    """Queued when an input is confirmed, so that its suggestions are there when a reviewer opens it."""
    from .suggestions_service import submission_suggestions_make

    submission_suggestions_make(submission_id=submission_id)


@shared_task(name="review.tasks.bulk_job_run")
def bulk_job_run_task(job_id: int):
    """Queued when a reviewer confirms a bulk action; runs the job's chunks, and is safe to run twice."""
    from .jobs import bulk_job_run

    bulk_job_run(job_id)


@shared_task(name="review.tasks.bulk_jobs_sweep")
def bulk_jobs_sweep_task():
    """Every ten minutes by beat: queue again the bulk jobs whose task was lost."""
    from .jobs import bulk_jobs_sweep

    bulk_jobs_sweep()
