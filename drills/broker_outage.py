"""Drill: the broker (Redis) stopped for 60 s while 1,000 inputs are sent: none is lost, no request hangs,
and every receipt mail is delivered once the broker is back (by the next send's task or beat's sweep)."""

import contextlib
import time

from .load import Load, mail_delivered_at, mail_recipients, percentile
from .stack import Stack, drill_stack, wait_for

INPUTS = 1000
CLIENTS = 6
BEFORE = 10  # seconds of load before the broker stops
OUTAGE = 60


def inputs_stored(stack: Stack) -> set[str]:
    rows = stack.query("SELECT contact_email FROM submissions_submission WHERE contact_email LIKE 'drill-%%'")
    return {email for (email,) in rows}


def run(stack: Stack | None = None, inputs: int = INPUTS, outage: float = OUTAGE) -> bool:
    print(f"\n== broker outage: Redis (the broker) stopped {outage:.0f} s while {inputs} inputs are sent")
    with drill_stack("broker_outage", stack) as stack:
        stack.web_start(workers=2)
        stack.worker_start()
        stack.beat_start()
        load = Load(stack.base, total=inputs, clients=CLIENTS).start()
        time.sleep(BEFORE)
        stack.broker.stop()
        down = time.monotonic()
        time.sleep(outage)
        stack.broker.start()
        up, up_at = time.monotonic(), time.time()
        load.join(timeout=max(10, 130 - (up - load.started)))
        stored = inputs_stored(stack)

        def all_mailed():
            return stored <= set(mail_recipients(stack.mailbox))

        with contextlib.suppress(RuntimeError):
            wait_for(all_mailed, timeout=70, interval=1, what="every receipt mailed")
        recipients = mail_recipients(stack.mailbox)
        delivered_at = mail_delivered_at(stack.mailbox)
        queued = stack.query("SELECT count(*) FROM post_office_email WHERE status <> 0")[0][0]
    sent = load.sent
    answered = [item for item in sent if item.status == 302]
    failed = [item for item in sent if item.status != 302]
    during = [item.seconds for item in sent if down <= item.started < up]
    outside = [item.seconds for item in sent if not down <= item.started < up]
    lost = {item.email for item in answered} - stored
    outage_mails = [delivered_at.get(item.email) for item in answered if item.started < up]
    caught_up = max((when for when in outage_mails if when), default=up_at) - up_at
    unmailed = stored - set(recipients)
    duplicates = len(recipients) - len(set(recipients))
    print(
        f"  sent {len(sent)} of {inputs} in {load.finished - load.started:.0f} s (the drill's bound: 130 s); "
        f"receipts {len(answered)}; "
        f"errors {len(failed)} {load.errors() or ''}"
    )
    print(
        f"  sent while the broker was down: {len(during)}, answered with a receipt: "
        f"{sum(1 for item in answered if down <= item.started < up)}"
    )
    print(
        f"  form GET + POST: broker up p50 {1000 * percentile(outside, 0.5):.0f} ms "
        f"p95 {1000 * percentile(outside, 0.95):.0f} ms; broker down p50 {1000 * percentile(during, 0.5):.0f} ms "
        f"p95 {1000 * percentile(during, 0.95):.0f} ms, max {1000 * max(during, default=0):.0f} ms"
    )
    print(f"  inputs stored {len(stored)}; receipts for inputs not stored (lost) {len(lost)}")
    print(
        f"  receipt mails delivered {len(set(recipients) & stored)} of {len(stored)} "
        f"({duplicates} delivered twice); still queued {queued}; "
        f"the mails of inputs sent before it was back all delivered {caught_up:.0f} s after it was back"
    )
    passed = not lost and not failed and not unmailed and bool(stored)
    print(f"  {'PASS' if passed else 'FAIL'}: 0 inputs lost, 0 errors, every receipt mailed after the broker returned")
    return passed
