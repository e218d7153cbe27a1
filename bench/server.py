"""gunicorn started as production starts it (`gunicorn.conf.py`), on a free loopback port, and its workers'
peak memory read from /proc."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn serving `application` with `workers` workers and the environment `env`."""

    def __init__(self, application: str, env: dict, workers: int, log: Path):
        self.application, self.env, self.workers, self.log = application, env, workers, log
        self.port = None
        self.process = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, ready_path: str = "/", timeout: float = 120) -> "Server":
        self.port = free_port()  # chosen here, so that a second server cannot be given the same one
        env = {**self.env, "PORT": str(self.port), "WEB_CONCURRENCY": str(self.workers)}
        command = [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"]
        command += ["--bind", f"127.0.0.1:{self.port}", self.application]  # loopback only, whatever the file binds
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)  # noqa: S603
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn {self.application} stopped; see {self.log}")
            if len(self.worker_pids()) == self.workers and self.answers(ready_path):
                return self
            time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"gunicorn {self.application} did not answer in {timeout} s; see {self.log}")

    def answers(self, path: str) -> bool:
        try:
            urllib.request.urlopen(self.url + path, timeout=5)  # noqa: S310 (loopback)
        except urllib.error.HTTPError:
            return True  # it answered
        except OSError:
            return False
        return True

    def worker_pids(self) -> list[int]:
        """The master's children (gunicorn's workers)."""
        if self.process is None:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def peak_memory_mib(self) -> list[float]:
        """Each worker's peak resident memory so far (VmHWM), in MiB."""
        peaks = []
        for pid in self.worker_pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except OSError:
                continue
            for line in status.splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        return peaks

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self):  # `with server.start():` stops it at the end
        return self

    def __exit__(self, *exc):
        self.stop()


def workers_configured() -> int:
    """The number of workers `gunicorn.conf.py` gives (WEB_CONCURRENCY, else its default)."""
    namespace = {"__file__": str(ROOT / "gunicorn.conf.py")}
    exec(compile((ROOT / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)  # noqa: S102
    return int(namespace["workers"])
