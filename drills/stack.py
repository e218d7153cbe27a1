"""The real stack of a drill, on loopback ports of its own: a PostgreSQL cluster, two redis-servers (broker
and cache), gunicorn and a Celery worker under production settings, and beat where a drill needs the sweep.

Nothing here touches the machine's shared PostgreSQL or Redis: every server is started here, on a free port,
and stopped here. Mail is delivered by Django's file backend into a directory, where the drills count it.
"""

import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "portal.example.org"
TEMPLATE = "drills_template"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(condition, timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    raise RuntimeError(f"{what} not met within {timeout:.0f} s")


def as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, run its tools as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def postgres_bin(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if found:
        return str(found[-1])
    return shutil.which(name) or name


class Postgres:
    """A PostgreSQL cluster of the drills' own, in a temporary directory, stopped and started at will."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.data = directory / "data"
        self.socket = directory / "socket"
        self.port = free_port()

    def init(self) -> "Postgres":
        self.socket.mkdir(parents=True)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres")
            shutil.chown(self.socket, "postgres")
        subprocess.run(
            as_postgres([postgres_bin("initdb"), "-D", str(self.data), "-U", "postgres", "-A", "trust", "--no-sync"]),
            check=True,
            capture_output=True,
        )
        return self.start()

    def start(self) -> "Postgres":
        options = f"-p {self.port} -k {self.socket} -c listen_addresses=127.0.0.1 -c max_connections=200"
        subprocess.run(
            as_postgres([postgres_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.data / "log")])
            + ["-w", "start"],
            check=True,
            capture_output=True,
        )
        return self

    def stop(self, mode: str = "fast"):
        subprocess.run(
            as_postgres([postgres_bin("pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop"]),
            capture_output=True,
        )

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def connect(self, name: str = "postgres"):
        return psycopg.connect(self.url(name), autocommit=True)

    def database_copy(self, name: str) -> str:
        """A fresh database copied from the migrated and seeded template; its URL."""
        with self.connect() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}"')
        return self.url(name)


class Redis:
    """A redis-server of the drill's own, without persistence, on a port it keeps across restarts."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "Redis":
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
            + ["--dir", str(self.directory)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.answers, timeout=10, what=f"redis-server on {self.port}")
        return self

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


class Stack:
    """One drill's servers. `environment()` is what gunicorn, the worker and beat run with: production
    settings, only with the spam guards relaxed for a load generator and mail written to files."""

    def __init__(self, postgres: Postgres, name: str, directory: Path, database_url: str | None = None):
        self.postgres = postgres
        self.name = name
        self.directory = directory
        self.directory.mkdir(parents=True, exist_ok=True)
        self.database_url = database_url or postgres.database_copy(f"drill_{name}")
        self.broker = Redis(directory).start()
        self.cache = Redis(directory).start()
        self.mailbox = directory / "mail"
        self.mailbox.mkdir(exist_ok=True)
        self.port = free_port()
        self.processes: list[subprocess.Popen] = []
        self.web = self.worker = self.beat = None
        self.call = "/en/calls/improvements-to-the-igf/"  # the demo's open call; the smoke test names its own

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict:
        return production_environment(
            database_url=self.database_url,
            cache_url=self.cache.url,
            broker_url=self.broker.url,
            directory=self.directory,
        )

    def log(self, name: str):
        return (self.directory / f"{name}.log").open("a")

    def spawn(self, name: str, command: list[str], **environment) -> subprocess.Popen:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**self.environment(), **environment},
            stdout=self.log(name),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: a kill reaches its children
        )
        self.processes.append(process)
        return process

    def web_start(self, workers: int = 2) -> subprocess.Popen:
        self.web = self.spawn(
            "gunicorn",
            [str(BIN / "gunicorn"), "--config", "gunicorn.conf.py", "-b", f"127.0.0.1:{self.port}"]
            + ["portal.wsgi:application"],
            WEB_CONCURRENCY=str(workers),
        )
        wait_for(self.web_answers, timeout=120, interval=0.5, what="gunicorn")
        return self.web

    def web_answers(self) -> bool:
        """A worker has loaded the portal and answers (the port alone opens before any worker has booted)."""
        if self.web.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {self.tail('gunicorn')}")
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=5) as connection:
                connection.sendall(f"GET /healthz/live HTTP/1.0\r\nHost: {HOST}\r\n\r\n".encode())
                return connection.recv(64).split(b"\r\n")[0].endswith(b" 200 OK")
        except OSError:
            return False

    def worker_start(self, concurrency: int = 2) -> subprocess.Popen:
        """A worker as compose runs it (prefork), ready once it says so in its log."""
        name = f"drills-{uuid.uuid4().hex[:6]}@localhost"
        log = self.directory / "worker.log"
        seen = log.read_text().count(" ready.") if log.exists() else 0
        self.worker = self.spawn(
            "worker",
            [str(BIN / "celery"), "-A", "portal", "worker", "--loglevel", "INFO", "--concurrency", str(concurrency)]
            + ["-n", name, "--without-gossip", "--without-mingle"],
        )
        wait_for(lambda: log.read_text().count(" ready.") > seen, timeout=60, interval=0.2, what="worker ready")
        return self.worker

    def worker_kill(self):
        """SIGKILL the worker and its pool, as the OOM killer or a lost machine would."""
        os.killpg(self.worker.pid, signal.SIGKILL)
        self.worker.wait()

    def beat_start(self) -> subprocess.Popen:
        self.beat = self.spawn("beat", [str(BIN / "celery"), "-A", "portal", "beat", "--loglevel", "INFO"])
        return self.beat

    def tail(self, name: str) -> str:
        path = self.directory / f"{name}.log"
        return path.read_text()[-3000:] if path.exists() else ""

    def query(self, sql: str, *params):
        with psycopg.connect(self.database_url, autocommit=True, connect_timeout=5) as connection:
            return connection.execute(sql, params).fetchall()

    def stop(self):
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.broker.stop()
        self.cache.stop()

    def __enter__(self) -> "Stack":
        return self

    def __exit__(self, *exc):
        self.stop()


def production_environment(*, database_url: str, cache_url: str, broker_url: str, directory: Path) -> dict:
    """Production settings, only with the spam guards relaxed for a load generator and mail written to files."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "drills-secret-key-" + "0" * 40,
        "RECEIPT_SIGNING_KEY": signing_key(),
        "ALLOWED_HOSTS": HOST,
        "BASE_URL": f"https://{HOST}",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "CELERY_BROKER_URL": broker_url,
        "SECURE_SSL_REDIRECT": "false",
        "SUBMISSION_RATE": "1000000/h",
        "SUBMISSION_MIN_FILL_SECONDS": "0",
        "MAIL_DELIVERY_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(directory / "mail"),
        "STATIC_ROOT": str(static_root()),
        "PRIVATE_MEDIA_ROOT": str(directory / "private"),
        "MEDIA_ROOT": str(directory / "media"),
        "TMPDIR": str(directory),  # post_office's delivery lock, apart from any other run's
        "LOG_LEVEL": "WARNING",
    }


def signing_key() -> str:
    """A receipt signing key for the drills' run (production refuses to start without one)."""
    key = os.environ.get("DRILLS_RECEIPT_SIGNING_KEY")
    if not key:
        key = base64.b64encode(os.urandom(32)).decode()
        os.environ["DRILLS_RECEIPT_SIGNING_KEY"] = key
    return key


def static_root() -> Path:
    """The production static files (whitenoise's manifest), collected once per run."""
    path = os.environ.get("DRILLS_STATIC_ROOT")
    if not path:
        path = tempfile.mkdtemp(prefix="portal-drills-static-")
        os.environ["DRILLS_STATIC_ROOT"] = path
    return Path(path)


def manage(environment: dict, *arguments: str, timeout: float = 600):
    subprocess.run([sys.executable, "manage.py", *arguments], cwd=ROOT, env=environment, check=True, timeout=timeout)


def template_prepare(postgres: Postgres, directory: Path) -> None:
    """Migrate and seed the template database every drill's database is copied from; collect static files."""
    with postgres.connect() as connection:
        connection.execute(f'CREATE DATABASE "{TEMPLATE}"')
    cache = Redis(directory).start()
    try:
        environment = production_environment(
            database_url=postgres.url(TEMPLATE), cache_url=cache.url, broker_url=cache.url, directory=directory
        )
        manage(environment, "collectstatic", "--noinput", "--verbosity", "0")
        manage(environment, "migrate", "--noinput", "--verbosity", "0")
        manage(environment, "seed_demo", "--verbosity", "0")
    finally:
        cache.stop()


RUN: dict = {}  # the run's PostgreSQL cluster and directory, set by `run_prepare`


def run_prepare(directory: Path) -> None:
    """Start the run's PostgreSQL cluster and prepare its template database."""
    RUN["directory"] = directory
    os.environ["DRILLS_STATIC_ROOT"] = str(directory / "static")
    RUN["postgres"] = Postgres(directory / "postgres").init()
    template_prepare(RUN["postgres"], directory)


@contextmanager
def drill_stack(name: str, given: Stack | None = None):
    """The stack a drill runs on: the one given (the smoke test's), or a fresh one on the run's cluster."""
    if given is not None:
        yield given
        return
    stack = Stack(RUN["postgres"], name, RUN["directory"] / name)
    try:
        yield stack
    finally:
        stack.stop()


def run_finish() -> None:
    """Stop the run's PostgreSQL cluster and remove what the run wrote (kept with DRILLS_KEEP=1)."""
    postgres = RUN.get("postgres")
    if postgres:
        postgres.stop()
    if RUN.get("directory") and not os.environ.get("DRILLS_KEEP"):
        shutil.rmtree(RUN["directory"], ignore_errors=True)
