"""Drill: the Celery worker SIGKILLed ten times while 500 inputs are sent and their receipt mails delivered:
no mail is lost (late acks, requeue on a lost pool process, and beat's sweep of the outbox).

Odd kills hit the pool's processes only (the worker's main process starts new ones and the task is requeued);
even kills hit the whole worker, main process included, which is started again as a supervisor would.
"""

import contextlib
import os
import signal
import time
from pathlib import Path

from .broker_outage import inputs_stored
from .load import Load, mail_recipients
from .stack import Stack, drill_stack, wait_for

INPUTS = 500
KILLS = 10
CLIENTS = 4


def pool_processes(pid: int) -> list[int]:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in children.read_text().split()] if children.exists() else []


def outbox_queued(stack: Stack) -> int:
    return stack.query("SELECT count(*) FROM post_office_email WHERE status <> 0")[0][0]


def kills_during(stack: Stack, load: Load, kills: int, interval: float) -> list[dict]:
    """Kill the worker `kills` times, `interval` seconds apart while the load runs; what was queued each time."""
    done = []
    for number in range(1, kills + 1):
        time.sleep(interval)
        queued = outbox_queued(stack)
        if number % 2:
            for pid in pool_processes(stack.worker.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            done.append({"what": "pool", "queued": queued})
        else:
            stack.worker_kill()
            done.append({"what": "worker", "queued": queued})
            stack.worker_start()
    return done


def run(stack: Stack | None = None, inputs: int = INPUTS, kills: int = KILLS) -> bool:
    print(f"\n== worker kills: the Celery worker SIGKILLed {kills} times while {inputs} inputs are sent and mailed")
    with drill_stack("worker_kills", stack) as stack:
        stack.web_start(workers=2)
        stack.worker_start()
        stack.beat_start()
        load = Load(stack.base, total=inputs, clients=CLIENTS).start()
        killed = kills_during(stack, load, kills, interval=5)
        load.join(timeout=max(10, 150 - (time.monotonic() - load.started)))
        finished = time.monotonic()
        stored = inputs_stored(stack)
        with contextlib.suppress(RuntimeError):
            wait_for(lambda: stored <= set(mail_recipients(stack.mailbox)), timeout=90, interval=1, what="mail")
        delivered_after = time.monotonic() - finished
        recipients = mail_recipients(stack.mailbox)
        queued = outbox_queued(stack)
    answered = {sent.email for sent in load.sent if sent.status == 302}
    errors = sum(1 for sent in load.sent if sent.status != 302)
    unmailed = stored - set(recipients)
    duplicates = len(recipients) - len(set(recipients))
    busy = sum(1 for kill in killed if kill["queued"])
    print(
        f"  kills: {sum(1 for kill in killed if kill['what'] == 'pool')} of the pool's processes, "
        f"{sum(1 for kill in killed if kill['what'] == 'worker')} of the whole worker; "
        f"{busy} while mail was waiting in the outbox"
    )
    print(
        f"  sent {len(load.sent)} of {inputs} in {load.finished - load.started:.0f} s (the drill's bound: 150 s); "
        f"receipts {len(answered)}; errors {errors} {load.errors() or ''}; "
        f"inputs stored {len(stored)}"
    )
    print(
        f"  receipt mails delivered {len(set(recipients) & stored)} of {len(stored)}, lost {len(unmailed)}, "
        f"delivered twice {duplicates}; still queued {queued}; last one {delivered_after:.0f} s after the load"
    )
    passed = not unmailed and not errors and answered <= stored and stored and len(killed) == kills
    print(f"  {'PASS' if passed else 'FAIL'}: 0 mails lost across {len(killed)} kills")
    return passed
