"""A real Celery worker in a subprocess, on the suite's Redis database and its test PostgreSQL database."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from django.db import connection

from portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[1]


class Worker:
    def __init__(self, broker_url: str | None = None):
        self.name = f"test-{uuid.uuid4().hex[:8]}@localhost"
        self.broker_url = broker_url
        self.process = None

    def environment(self) -> dict:
        database = connection.settings_dict
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        }
        if self.broker_url:
            env["TEST_CELERY_BROKER_URL"] = self.broker_url
        return env

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
            ],
            cwd=ROOT,
            env=self.environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
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
                self.process.kill()
                self.process.wait()


def wait_for(condition, timeout: float = 20, interval: float = 0.2):
    """Poll `condition` until it returns something truthy; fail the test if time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout}s")
