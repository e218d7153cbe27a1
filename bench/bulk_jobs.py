"""A bulk publish of 10,000 inputs as a worker runs it (`review.jobs.bulk_job_run`): inputs/s and total seconds.

The inputs are generated inside PostgreSQL (`bench.data`), each mapped to a topic area and left "mapped"; a
reviewer of their call confirms "Publish" on all of them (`bulk_job_create`, as the bulk action does), and the
job is run in a process with production settings, as the worker runs it: every input through
`review.services.review_status_set`, with its checks, audit row, public index and submitter's mail. The
permission checks alone are timed too, with and without the roles remembered per chunk.

    python -m bench.bulk_jobs        (BENCH_BULK_INPUTS=10000)
"""

import json
import os
import subprocess
import sys

from bench import load_stack

INPUTS = int(os.environ.get("BENCH_BULK_INPUTS", "10000"))
DATABASE = os.environ.get("BENCH_BULK_DATABASE", "bench_bulk")
TIMEOUT = 3600


def inputs_prepare(count: int) -> None:
    """Run inside Django: `count` mapped inputs of the demo's open call, and a reviewer of that call."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from bench.data import CALL_SLUG, published_inputs_generate
    from review.models import CallReviewer, Review, ReviewStatus
    from submissions.models import call_page_model

    seconds = published_inputs_generate(count, prefix="BULK")
    Review.objects.filter(submission__reference__startswith="BULK-").update(
        status=ReviewStatus.MAPPED, published_at=None
    )
    call = call_page_model().objects.get(slug=CALL_SLUG, locale__language_code="en")
    reviewer = get_user_model().objects.create_user("bench-reviewer", "bench-reviewer@example.org", None)
    CallReviewer.objects.create(call=call, user=reviewer)
    print(json.dumps({"generated": seconds}))


class QueryCounter:
    """A connection.execute_wrapper that counts the queries run through it."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def checks_timed(user, ids: list[int]) -> dict:
    """Seconds and queries for `can(user, "publish", …)` on every input, chunk by chunk, without and with the roles
    remembered."""
    import time

    from django.db import connection

    from review import permissions
    from review.jobs import CHUNK
    from submissions.models import Submission

    figures = {}
    for remembered in (False, True):
        queries, seconds = QueryCounter(), 0.0
        for start in range(0, len(ids), CHUNK):
            chunk = list(Submission.objects.filter(pk__in=ids[start : start + CHUNK]).select_related("call__process"))
            started = time.perf_counter()
            with connection.execute_wrapper(queries):
                if remembered:
                    with permissions.roles_remembered():
                        allowed = all(permissions.can(user, "publish", item) for item in chunk)
                else:
                    allowed = all(permissions.can(user, "publish", item) for item in chunk)
            seconds += time.perf_counter() - started
            assert allowed
        figures["remembered" if remembered else "each"] = {"seconds": seconds, "queries": queries.count}
    return figures


def publish_all() -> None:
    """Run inside Django: the reviewer publishes every generated input by one bulk job; what it took, as JSON."""
    import time

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection

    from review.jobs import bulk_job_create, bulk_job_run
    from submissions.models import Submission

    reviewer = get_user_model().objects.get(username="bench-reviewer")
    ids = list(Submission.objects.filter(reference__startswith="BULK-").order_by("pk").values_list("pk", flat=True))
    checks = checks_timed(reviewer, ids)
    job = bulk_job_create(user=reviewer, action="publish", parameters={}, submission_ids=ids)
    queries = QueryCounter()
    started = time.perf_counter()
    with connection.execute_wrapper(queries):
        job = bulk_job_run(job.pk)
    seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "status": job.status,
                "total": job.total,
                "done": job.done,
                "refused": job.refused,
                "refusals": job.refusals,
                "seconds": seconds,
                "queries": queries.count,
                "checks": checks,
            }
        )
    )


def in_django(env: dict, call: str) -> dict:
    """Run `call` (on this module, as `b`) in a fresh process with `env`; what it printed last, read as JSON."""
    result = subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-c", f"import bench.bulk_jobs as b; {call}"],
        cwd=load_stack.ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE,
        text=True,
        timeout=TIMEOUT,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(inputs: int = INPUTS):
    load_stack.servers_stop_on_term()
    load_stack.database_fresh(DATABASE)
    load_stack.redis_flush()
    env = load_stack.production_env(DATABASE)
    generated = in_django(env, f"b.inputs_prepare({inputs})")
    figures = in_django(env, "b.publish_all()")
    seconds, total = figures["seconds"], figures["total"]
    each, remembered = figures["checks"]["each"], figures["checks"]["remembered"]
    print(f"\nbulk job: a reviewer publishes {total} mapped inputs in one job, run as the worker runs it (one process)")
    print(f"  ({total} inputs generated in {generated['generated']:.0f} s)")
    print(
        f"  {figures['status']}: {figures['done']} published, {figures['refused']} refused in {seconds:.1f} s ="
        f" {total / seconds:.0f} inputs/s; {figures['queries'] / total:.1f} queries per input"
    )
    print(
        f"  permission checks alone: {each['seconds']:.2f} s in {each['queries']} queries input by input;"
        f" {remembered['seconds']:.2f} s in {remembered['queries']} queries with the roles remembered per chunk"
    )
    if figures["refusals"]:
        print(f"  refusals: {figures['refusals']}")
    return {"inputs": total, **figures}


if __name__ == "__main__":
    run()
