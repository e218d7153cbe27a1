"""Drill: the cache's Redis down (stopped, then frozen): public pages are still served, rendered from the
database, and an input is still taken; the latency of each page with the cache up, down and frozen."""

import os
import re
import signal
import time

import requests

from .load import CALL, Visitor, percentile
from .stack import Stack, drill_stack

ROUNDS = 8
FROZEN = ("API inputs", "an input")


def public_pages(visitor: Visitor) -> dict[str, str]:
    """Home, the open call, the input index, one published input's page and the API's inputs."""
    index = visitor.get("/en/inputs/")
    index.raise_for_status()
    published = re.search(r'href="(/en/inputs/[^"?#]+/)"', index.text)
    pages = {"home": "/en/", "call": CALL, "input index": "/en/inputs/", "API inputs": "/api/v1/inputs"}
    if published:
        pages["an input"] = published[1]
    return pages


def timings(visitor: Visitor, pages: dict[str, str], rounds: int) -> dict[str, tuple[list[float], set[int]]]:
    """Each page fetched `rounds` times: the seconds each took and the statuses answered."""
    measured = {}
    for name, path in pages.items():
        seconds, statuses = [], set()
        for _ in range(rounds):
            started = time.monotonic()
            try:
                statuses.add(visitor.get(path).status_code)
            except requests.RequestException:
                statuses.add(0)
            seconds.append(time.monotonic() - started)
        measured[name] = (seconds, statuses)
    return measured


def input_sent(stack: Stack) -> bool:
    visitor = Visitor(stack.base)
    fields = visitor.form()
    response = visitor.send(fields)
    stored = stack.query(
        "SELECT count(*) FROM submissions_submission WHERE contact_email = %s", fields["contact_email"]
    )[0][0]
    return response.status_code == 302 and "/receipt/" in response.headers.get("Location", "") and stored == 1


def run(stack: Stack | None = None, rounds: int = ROUNDS) -> bool:
    print("\n== cache outage: the cache's Redis stopped, then frozen, under production settings")
    with drill_stack("cache_outage", stack) as stack:
        stack.web_start(workers=2)
        visitor = Visitor(stack.base)
        pages = public_pages(visitor)
        timings(visitor, pages, 1)  # fills the cache
        states = {"cache up": timings(visitor, pages, rounds)}
        up_input = input_sent(stack)
        stack.cache.stop()
        states["cache stopped"] = timings(visitor, pages, rounds)
        down_input = input_sent(stack)
        ready = visitor.get("/healthz/ready").status_code
        stack.cache.start()
        os.kill(stack.cache.process.pid, signal.SIGSTOP)  # accepts connections, answers nothing: timeouts
        try:
            # Each cache call now waits for its socket timeout (and redis-py's retries): one read of the lighter pages.
            frozen = {name: pages[name] for name in FROZEN if name in pages}
            states["cache frozen"] = {**timings(visitor, frozen, 1)}
            frozen_input = input_sent(stack)
        finally:
            os.kill(stack.cache.process.pid, signal.SIGCONT)
    print(f"  {'page':<14}" + "".join(f"{state:>27}" for state in states))
    passed = True
    for name in pages:
        row = f"  {name:<14}"
        for state in states.values():
            if name not in state:
                row += f"{'-':>27}"
                continue
            seconds, statuses = state[name]
            passed = passed and statuses == {200}
            shown = f"p50 {1000 * percentile(seconds, 0.5):.0f} ms p95 {1000 * percentile(seconds, 0.95):.0f} ms"
            row += f"{shown + (' ' + str(sorted(statuses)) if statuses != {200} else ''):>27}"
        print(row)
    print(f"  an input sent: cache up {up_input}, stopped {down_input}, frozen {frozen_input}")
    print(f"  readiness with the cache stopped: HTTP {ready} (takes the server out of a load balancer)")
    passed = passed and up_input and down_input and frozen_input and ready == 500
    print(f"  {'PASS' if passed else 'FAIL'}: every page 200 and an input stored with the cache stopped or frozen")
    return passed
