"""The mail outbox under load: 10,000 queued notifications delivered by one Celery worker (production settings).

The rows are written as intake writes them (post_office emails with a text and an HTML body), then one
`portal.tasks.mail_deliver` is sent and the time until every row is sent is measured. Delivery goes through
Django's file backend, which opens its file once per connection, as an SMTP backend opens one connection.

    python -m bench.mail_load        (BENCH_MAILS=10000)
"""

import os
import subprocess
import sys
import time

import psycopg

from bench import load_stack

MAILS = int(os.environ.get("BENCH_MAILS", "10000"))
DATABASE = os.environ.get("BENCH_MAIL_DATABASE", "bench_mail")
TIMEOUT = 120


def mails_queue(count: int) -> None:
    """Run inside Django (a subprocess with production settings): queue `count` receipts and ask for delivery."""
    import django

    django.setup()
    from post_office.models import STATUS, Email

    from django.template.loader import render_to_string

    from portal.tasks import mail_deliver

    body = "Your input WGIGF-2026-{:06d} was received.\n\n" + "A line of the receipt, as long as a real one.\n" * 30
    Email.objects.bulk_create(
        [
            Email(
                from_email="portal@example.org",
                to=[f"submitter{number}@example.org"],
                subject=f"Your input WGIGF-2026-{number:06d} was received",
                message=body.format(number),
                html_message=render_to_string("portal/email.html", {"subject": "Receipt", "body": body.format(number)}),
                status=STATUS.queued,
                priority=2,
            )
            for number in range(count)
        ],
        batch_size=1000,
    )
    mail_deliver.delay()


def sent_count(database: str) -> int:
    with psycopg.connect(load_stack.database_url(database)) as conn:
        return conn.execute("SELECT count(*) FROM post_office_email WHERE status = 0").fetchone()[0]


def run(mails: int = MAILS):
    load_stack.servers_stop_on_term()
    load_stack.database_fresh(DATABASE)
    with psycopg.connect(load_stack.database_url(DATABASE), autocommit=True) as conn:
        conn.execute("UPDATE post_office_email SET status = 0")  # the demo's own mail is not this bench's
        already = conn.execute("SELECT count(*) FROM post_office_email").fetchone()[0]
    load_stack.redis_flush()
    env = load_stack.production_env(DATABASE)
    with load_stack.celery_worker(env, concurrency=1) as worker:
        cpu_before = load_stack.cpu_seconds(load_stack.family(worker.pid))
        subprocess.run(  # noqa: S603 (our own interpreter and arguments)
            [sys.executable, "-c", f"from bench.mail_load import mails_queue; mails_queue({mails})"],
            cwd=load_stack.ROOT,
            env=env,
            check=True,
        )
        started = time.perf_counter()
        sent = 0
        while sent < mails and time.perf_counter() - started < TIMEOUT:
            time.sleep(0.2)
            sent = sent_count(DATABASE) - already
        elapsed = time.perf_counter() - started
        cpu = load_stack.cpu_seconds(load_stack.family(worker.pid)) - cpu_before
        memory = load_stack.memory_report(worker.pid)
    files = sum(1 for _ in os.scandir(env["EMAIL_FILE_PATH"]))
    print(f"\nmail outbox: {mails} queued mails, one Celery worker (1 process), file backend (2 shared cores)")
    state = "all sent" if sent >= mails else f"ONLY {sent} sent"
    print(f"  {state} in {elapsed:.1f} s = {sent / elapsed:.0f} mails/s; worker CPU {cpu:.1f} s; {files} connection(s)")
    print(f"  worker memory peak {max([memory['master_peak'], *memory['children_peak']]):.0f} MiB")
    return {"mails": mails, "sent": sent, "seconds": elapsed, "worker_cpu_seconds": cpu}


if __name__ == "__main__":
    run()
