"""Drill: one form (one CSRF token, one form key) sent by many clients at the same moment makes one input,
and every send is answered with that input's receipt."""

import collections
import threading
import time

import requests

from .load import RECEIPT, Visitor, percentile
from .stack import Stack, drill_stack

REPLAYS = 200


def replays_send(stack: Stack, replays: int) -> dict:
    first = Visitor(stack.base, stack.call)
    fields = first.form()
    barrier = threading.Barrier(replays)
    answers: list[tuple[int, int | None, float]] = []
    lock = threading.Lock()

    def replay():
        visitor = Visitor(stack.base, stack.call, timeout=60)
        visitor.cookies = dict(first.cookies)  # the same browser: its CSRF cookie and session
        barrier.wait()
        started = time.monotonic()
        try:
            response = visitor.send(fields)
            status, found = response.status_code, RECEIPT.search(response.headers.get("Location", ""))
        except requests.RequestException:
            status, found = 0, None
        with lock:
            answers.append((status, int(found[1]) if found else None, time.monotonic() - started))

    threads = [threading.Thread(target=replay) for _ in range(replays)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    email = fields["contact_email"]
    return {
        "answers": answers,
        "inputs": stack.query("SELECT count(*) FROM submissions_submission WHERE contact_email = %s", email)[0][0],
        "mails": stack.query('SELECT count(*) FROM post_office_email WHERE "to" LIKE %s', f"%{email}%")[0][0],
    }


def run(stack: Stack | None = None, replays: int = REPLAYS) -> bool:
    print(f"\n== replays: {replays} concurrent sends of one form (same CSRF token and form key)")
    with drill_stack("replays", stack) as stack:
        stack.web_start(workers=4)
        result = replays_send(stack, replays)
    answers = result["answers"]
    statuses = collections.Counter(status for status, _pk, _seconds in answers)
    receipts = {pk for _status, pk, _seconds in answers if pk}
    seconds = [seconds for *_rest, seconds in answers]
    print(f"  answers by status: {dict(sorted(statuses.items()))}; receipts named: {len(receipts)} input(s)")
    print(f"  inputs stored: {result['inputs']}; receipt mails queued: {result['mails']}")
    print(f"  latency p50 {1000 * percentile(seconds, 0.5):.0f} ms, max {1000 * max(seconds):.0f} ms")
    passed = result["inputs"] == 1 and result["mails"] == 1 and statuses == {302: replays} and len(receipts) == 1
    print(f"  {'PASS' if passed else 'FAIL'}: exactly one input, and every send answered with its receipt")
    return passed
