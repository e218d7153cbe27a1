"""Inputs per second that one gunicorn worker sustains, each with a 200 KB PDF, through the real form."""

import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.4\n" + b"0" * (200 * 1024) + b"\n%%EOF\n"
CLIENTS = 4
SECONDS = 15


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_start(port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
        "DEBUG": "false",
        "SUBMISSION_MIN_FILL_SECONDS": "0",
        "SUBMISSION_RATE": "1000000/h",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/7"),
    }
    server = subprocess.Popen(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "-w", "1", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            requests.get(f"http://127.0.0.1:{port}/healthz", timeout=10)
            return server
        except requests.RequestException:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


def one_input(session: requests.Session, form_url: str, base: str) -> float:
    page = session.get(form_url).text
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', page))
    question = re.search(r'name="(answer_\d+)"', page).group(1)
    group = re.search(r'name="stakeholder_group" value="(\d+)"', page).group(1)
    data = {
        **fields,
        "stakeholder_group": group,
        "contact_name": "Bench",
        "contact_email": "bench@example.org",
        "language": "en",
        question: "A benchmark answer.",
        "publication": "named",
        "accept_privacy": "on",
        "country": re.search(r'<option value="(\d+)">Hungary', page).group(1),
    }
    started = time.perf_counter()
    response = session.post(
        form_url, data=data, files={"attachments": ("paper.pdf", PDF)}, headers={"Referer": base}, allow_redirects=False
    )
    assert response.status_code == 302, response.status_code
    return time.perf_counter() - started


def run():
    port = free_port()
    server = server_start(port)
    base = f"http://127.0.0.1:{port}"
    form_url = f"{base}/en/calls/improvements-to-the-igf/submit/"
    durations: list[float] = []
    deadline = time.perf_counter() + SECONDS

    def client():
        session = requests.Session()
        while time.perf_counter() < deadline:
            durations.append(one_input(session, form_url, base))

    try:
        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait()
    durations.sort()
    print(f"\nintake: 1 gunicorn sync worker, {CLIENTS} clients, 200 KB PDF each, form GET + POST per input")
    print(f"  inputs stored: {len(durations)} in {elapsed:.1f} s = {len(durations) / elapsed:.1f} inputs/s")
    median, p95 = durations[len(durations) // 2], durations[int(len(durations) * 0.95)]
    print(f"  POST latency median {1000 * median:.0f} ms, p95 {1000 * p95:.0f} ms")
