"""Intake in the production shape: inputs per second, each with a 200 KB PDF, through gunicorn and a real worker.

gunicorn serves the portal with production settings on a PostgreSQL database of its own; one Celery worker
extracts the attachments' text and delivers the receipts (to files). Eight client processes each GET the form
and POST it with its CSRF token and a generated PDF. Printed: inputs/s, GET and POST p50/p95, the time until
every extraction and receipt mail is done, and the memory of the web and worker processes.

    python -m bench.intake_load        (BENCH_INTAKE_INPUTS=1000, BENCH_WEB_WORKERS=2, BENCH_WORKER_CONCURRENCY=2)
"""

import multiprocessing
import os
import random
import re
import time

import psycopg
import requests

from bench import load_stack

INPUTS = int(os.environ.get("BENCH_INTAKE_INPUTS", "1000"))
CLIENTS = 8
WEB_WORKERS = int(os.environ.get("BENCH_WEB_WORKERS", "2"))
WORKER_CONCURRENCY = int(os.environ.get("BENCH_WORKER_CONCURRENCY", "2"))
DATABASE = os.environ.get("BENCH_INTAKE_DATABASE", "bench_intake")
FORM_PATH = "/en/calls/improvements-to-the-igf/submit/"
DRAIN_SECONDS = 90  # extraction and mail must be done this long after the last input, or the bench says so


def pdf_make(number: int, size: int = 200 * 1024) -> bytes:
    """A valid PDF of `size` bytes: two pages of text (what the worker extracts) and an image-like stream, as
    most of a real 200 KB paper is fonts and pictures."""
    lines = " ".join(f"({text}) Tj T*" for text in [f"Benchmark input {number}."] + ["A line of the paper."] * 40)
    page_text = f"BT /F1 11 Tf 14 TL 72 760 Td {lines} ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources 6 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(page_text) + page_text + b"\nendstream",
        b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> /XObject << /Im1 7 0 R >> >>",
    ]
    head = b"%PDF-1.4\n"
    overhead = len(head) + sum(len(o) + 20 for o in objects) + 400
    padding = random.Random(number).randbytes(max(size - overhead, 0))
    image = b"<< /Type /XObject /Subtype /Image /Width 1 /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 " % (
        len(padding)
    )
    objects.append(image + b"/Length %d >>\nstream\n" % len(padding) + padding + b"\nendstream")
    body, offsets = bytearray(head), []
    for index, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % index + content + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(body)


def one_input(base: str, number: int, http: requests.Session) -> tuple[float, float]:
    """GET the form, POST it back with a PDF: (GET seconds, POST seconds)."""
    started = time.perf_counter()
    page = http.get(base + FORM_PATH, headers={"X-Forwarded-Proto": "https"})
    got = time.perf_counter()
    assert page.status_code == 200, page.status_code
    html = page.text
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', html))
    data = {
        **fields,
        "stakeholder_group": re.search(r'name="stakeholder_group" value="(\d+)"', html).group(1),
        "contact_name": f"Bench {number}",
        "contact_email": f"bench{number}@example.org",
        "language": "en",
        re.search(r'name="(answer_\d+)"', html).group(1): f"A benchmark answer, number {number}.",
        "publication": "named",
        "accept_privacy": "on",
        "country": re.search(r'<option value="(\d+)">Hungary', html).group(1),
    }
    posting = time.perf_counter()
    response = http.post(
        base + FORM_PATH,
        data=data,
        files={"attachments": (f"paper-{number}.pdf", pdf_make(number), "application/pdf")},
        # Production cookies are Secure and the bench speaks plain HTTP: say what a TLS proxy would say.
        headers={
            "X-Forwarded-Proto": "https",
            "Referer": base.replace("http:", "https:") + FORM_PATH,
            "Cookie": f"csrftoken={page.cookies['csrftoken']}",
        },
        allow_redirects=False,
    )
    done = time.perf_counter()
    assert response.status_code == 302, (response.status_code, response.text[:2000])
    return got - started, done - posting


def client(base: str, numbers: range) -> list[tuple[float, float]]:
    http = requests.Session()
    return [one_input(base, number, http) for number in numbers]


def pending(database: str, expected: int) -> tuple[int, int]:
    """(attachments whose text is not extracted yet, receipt mails not yet sent)."""
    with psycopg.connect(load_stack.database_url(database)) as conn:
        unextracted = conn.execute("SELECT count(*) FROM submissions_attachment WHERE text_status = 'pending'")
        unextracted = unextracted.fetchone()[0]
        sent = conn.execute("SELECT count(*) FROM post_office_email WHERE status = 0").fetchone()[0]
        stored = conn.execute("SELECT count(*) FROM submissions_submission").fetchone()[0]
    return unextracted + max(expected - stored, 0), max(expected - sent, 0)


def run(inputs: int = INPUTS):
    load_stack.servers_stop_on_term()
    load_stack.database_fresh(DATABASE)
    load_stack.redis_flush()
    with psycopg.connect(load_stack.database_url(DATABASE), autocommit=True) as conn:
        before = conn.execute("SELECT count(*) FROM submissions_submission").fetchone()[0]
        conn.execute("UPDATE post_office_email SET status = 0")  # the demo's own mail is not this bench's
    env = load_stack.production_env(DATABASE, SUBMISSION_MIN_FILL_SECONDS="0", SUBMISSION_RATE="1000000/h")
    load_stack.static_collect(env)
    share = [range(i, inputs, CLIENTS) for i in range(CLIENTS)]
    with (
        load_stack.gunicorn(env, workers=WEB_WORKERS) as (base, web),
        load_stack.celery_worker(env, concurrency=WORKER_CONCURRENCY) as worker,
    ):
        one_input(base, -1, requests.Session())  # warm each path once
        cpu_before = load_stack.cpu_seconds(load_stack.family(web.pid))
        started = time.perf_counter()
        with multiprocessing.get_context("fork").Pool(CLIENTS) as pool:
            results = [item for part in pool.starmap(client, [(base, numbers) for numbers in share]) for item in part]
        posted = time.perf_counter() - started
        web_cpu = load_stack.cpu_seconds(load_stack.family(web.pid)) - cpu_before
        expected = before + inputs + 1
        left = pending(DATABASE, expected)
        deadline = time.perf_counter() + DRAIN_SECONDS
        while any(left) and time.perf_counter() < deadline:
            time.sleep(0.2)
            left = pending(DATABASE, expected)
        drained = time.perf_counter() - started
        web_memory, worker_memory = load_stack.memory_report(web.pid), load_stack.memory_report(worker.pid)
    gets, posts = [get for get, _post in results], [post for _get, post in results]
    print(
        f"\nintake (production shape): gunicorn {WEB_WORKERS} sync workers, 1 Celery worker x{WORKER_CONCURRENCY},"
        f" {CLIENTS} client processes, GET form + POST with a 200 KB PDF per input (2 shared cores: contended)"
    )
    print(f"  inputs stored: {len(results)} in {posted:.1f} s = {len(results) / posted:.1f} inputs/s")
    get_p50, get_p95 = (1000 * load_stack.percentile(gets, share) for share in (0.5, 0.95))
    post_p50, post_p95 = (1000 * load_stack.percentile(posts, share) for share in (0.5, 0.95))
    print(f"  GET form p50 {get_p50:.0f} ms, p95 {get_p95:.0f} ms; POST p50 {post_p50:.0f} ms, p95 {post_p95:.0f} ms")
    print(
        f"  web CPU per input (GET + POST, gunicorn processes only): {1000 * web_cpu / len(results):.1f} ms,"
        f" i.e. at most {2 * len(results) / web_cpu:.0f} inputs/s on 2 cores without the database"
    )
    if any(left):
        print(f"  NOT DONE after {drained:.1f} s: {left[0]} extraction(s) and {left[1]} receipt mail(s) left")
    else:
        print(f"  every extraction and receipt mail done {drained:.1f} s after the first input")
    print(
        "  memory: web workers peak "
        + ", ".join(f"{mib:.0f}" for mib in web_memory["children_peak"])
        + " MiB (now "
        + ", ".join(f"{mib:.0f}" for mib in web_memory["children_now"])
        + " MiB, PSS "
        + ", ".join(f"{mib:.0f}" for mib in web_memory["children_pss"])
        + f" MiB); Celery worker main {worker_memory['master_peak']:.0f} MiB, pool peak "
        + ", ".join(f"{mib:.0f}" for mib in worker_memory["children_peak"])
        + " MiB"
    )
    return {
        "inputs": len(results),
        "inputs_per_second": len(results) / posted,
        "post_p50_ms": post_p50,
        "post_p95_ms": post_p95,
        "web_cpu_ms_per_input": 1000 * web_cpu / len(results),
        "get_p50_ms": get_p50,
        "drained_seconds": drained if not any(left) else None,
        "web_worker_peak_mib": max(web_memory["children_peak"], default=0),
        "worker_peak_mib": max([worker_memory["master_peak"], *worker_memory["children_peak"]]),
    }


if __name__ == "__main__":
    run()
