"""A real Celery worker in a subprocess, on the suite's Redis database and its test PostgreSQL database.

Fault tests add a redis-server of their own (to stop and start as a broker outage) and point this
process's Celery app at it with `celery_broker`.
"""

import functools
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import kombu.pools

from django.conf import settings
from django.db import connection

from portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]


class Worker:
    def __init__(self, broker_url: str | None = None, env: dict | None = None, queues: list[str] | None = None):
        self.name = f"test-{uuid.uuid4().hex[:8]}@localhost"
        self.broker_url = broker_url
        self.env = env or {}
        self.queues = queues  # None: every queue of CELERY_TASK_QUEUES, as a worker started without -Q
        self.process = None

    def environment(self) -> dict:
        """This test process's database, Redis databases and private files, as they are (the worker is no xdist
        worker: it takes the URLs as given), and a temporary directory of this process's own."""
        database = connection.settings_dict
        env = {
            **{key: value for key, value in os.environ.items() if key != "PYTEST_XDIST_WORKER"},
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
            "TEST_CACHE_URL": settings.CACHES["default"]["LOCATION"],
            "TEST_CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
            "TEST_PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
            "TMPDIR": str(temporary_directory()),
        }
        if self.broker_url:
            env["TEST_CELERY_BROKER_URL"] = self.broker_url
        return {**env, **self.env}

    def start(self, timeout: float = 30) -> "Worker":
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "--pool",
                "solo",
                "-n",
                self.name,
                "--without-gossip",
                "--without-mingle",
                "--loglevel",
                "WARNING",
                *(["--queues", ",".join(self.queues)] if self.queues else []),
            ],
            cwd=ROOT,
            env=self.environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,  # its own process group, so `kill` reaches anything it started
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited: {self.process.stderr.read().decode()}")
            if celery_app.control.ping(destination=[self.name], timeout=0.5):
                return self
        self.stop()
        raise RuntimeError("worker did not answer within the timeout")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()

    def kill(self):
        """SIGKILL the worker and its children, as the OOM killer or a lost machine would, and reap them."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@functools.cache
def temporary_directory() -> Path:
    """The workers' TMPDIR, where post_office keeps the lock file a delivery holds: apart from the /tmp that other
    test processes share (an xdist worker next to this one, another run), whose delivery would make ours skip."""
    return Path(tempfile.mkdtemp(prefix="portal-test-workers-"))


def wait_for(condition, timeout: float = 20, interval: float = 0.2):
    """Poll `condition` until it returns something truthy; fail the test if time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own on a free port, without persistence, to stop and start again."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10) -> "RedisServer":
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--daemonize", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.answers, timeout=timeout, interval=0.05)
        return self

    def answers(self) -> bool:
        if self.process.poll() is not None:
            raise RuntimeError(f"redis-server on port {self.port} exited with {self.process.returncode}")
        ping = subprocess.run(["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True, timeout=5)
        return ping.stdout.strip() == "PONG"

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def broker_connections_reset():
    """Close this process's pooled broker connections; the next send or ping connects to `broker_url` afresh.

    kombu keeps its pools in process-wide registries keyed by URL, and a closed pool left there would be
    handed out again, empty: clear the registries as Celery does after a fork.
    """
    kombu.pools.reset()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextmanager
def celery_broker(url: str):
    """Point this process's Celery app (task sending, control and ping) at `url` for the duration."""
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = url
    broker_connections_reset()
    try:
        yield
    finally:
        celery_app.conf.broker_url = previous
        broker_connections_reset()
