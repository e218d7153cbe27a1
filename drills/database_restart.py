"""Drill: PostgreSQL restarted under load (stopped at once, as a crash would, then started): no receipt, page
or mail, is given for an input that is not stored, and the portal recovers by itself; the recovery time."""

import contextlib
import time
from urllib.parse import urlsplit

from .broker_outage import inputs_stored
from .load import Load, Visitor, mail_recipients
from .stack import Stack, drill_stack, wait_for

CLIENTS = 6
BEFORE = 10  # seconds of load before the restart
AFTER = 30  # seconds of load after it


def run(stack: Stack | None = None, mode: str = "immediate") -> bool:
    print(f"\n== database restart: PostgreSQL stopped ({mode}) and started again under {CLIENTS} sending clients")
    with drill_stack("database_restart", stack) as stack:
        stack.web_start(workers=2)
        stack.worker_start()
        load = Load(stack.base, total=100_000, clients=CLIENTS).start()
        time.sleep(BEFORE)
        restart = time.monotonic()
        stack.postgres.stop(mode)
        stopped = time.monotonic()
        stack.postgres.start()
        accepting = time.monotonic()
        time.sleep(AFTER)
        load.stop.set()
        load.join(timeout=60)
        stored = inputs_stored(stack)
        receipts = load.receipts()
        with contextlib.suppress(RuntimeError):
            wait_for(lambda: stored <= set(mail_recipients(stack.mailbox)), timeout=60, interval=1, what="mail")
        recipients = set(mail_recipients(stack.mailbox))
        reader = Visitor(stack.base)
        pages = [
            reader.get(urlsplit(sent.location).path).status_code for sent in receipts if sent.started >= restart - 5
        ]
    answered = {sent.email for sent in receipts}
    errors = [sent for sent in load.sent if sent.status != 302]
    after = [sent for sent in load.sent if sent.started >= restart and sent.status == 302]
    first = min((sent.started + sent.seconds for sent in after), default=float("nan"))
    print(
        f"  PostgreSQL stopped in {stopped - restart:.1f} s; started and accepting again (crash recovery done) "
        f"{accepting - restart:.1f} s after the stop"
    )
    print(
        f"  first input stored after the restart: {first - restart:.1f} s after the stop "
        f"({first - accepting:.1f} s after PostgreSQL accepted connections again)"
    )
    print(f"  sent {len(load.sent)}; receipts {len(receipts)}; errors {len(errors)} {load.errors() or ''}")
    print(
        f"  receipts (redirects) for inputs not stored: {len(answered - stored)}; "
        f"receipt pages from 5 s before the restart on: {len(pages)}, not found {pages.count(404)}"
    )
    print(
        f"  mails for inputs not stored: {len(recipients - stored)}; inputs stored without mail: "
        f"{len(stored - recipients)}; stored though the sender saw an error: {len({s.email for s in errors} & stored)}"
    )
    passed = not answered - stored and not recipients - stored and set(pages) <= {200} and first == first
    print(f"  {'PASS' if passed else 'FAIL'}: no receipt for an input not stored, and the portal recovered")
    return passed
