"""The production shape for the load benchmarks: a PostgreSQL database of their own, gunicorn and a Celery worker.

Everything runs in subprocesses with production settings, on loopback, so that `make bench`'s own Django setup
(dev settings, SQLite by default) does not matter. Migrating and loading the demo takes minutes on a small
machine: it is done once into a template database (rebuilt when the migrations change), and each run starts
from a fresh copy of it.
"""

import base64
import hashlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379")
CACHE_DB = int(os.environ.get("BENCH_CACHE_DB", "10"))
BROKER_DB = int(os.environ.get("BENCH_BROKER_DB", "11"))
SIGNING_KEY = base64.b64encode(hashlib.sha256(b"bench receipt key").digest()).decode()


def servers_stop_on_term() -> None:
    """A bench stopped with SIGTERM (a timeout) still stops the servers it started (their `finally`s run)."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(name: str) -> str:
    return f"{SERVER}/{name}"


def admin(sql: str, *params) -> list:
    with psycopg.connect(database_url("postgres"), autocommit=True) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def migrations_digest() -> str:
    """Names and sizes of every migration file: a template built before a change of them is rebuilt."""
    files = sorted(ROOT.glob("*/migrations/0*.py"))
    return hashlib.sha256("".join(f"{p.relative_to(ROOT)}:{p.stat().st_size};" for p in files).encode()).hexdigest()


def production_env(database: str, **extra) -> dict:
    """Production settings on the bench's own database and Redis databases; mail goes to files."""
    mailbox = tempfile.mkdtemp(prefix="bench-mail-")
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "bench-secret-key-not-for-production-" + "x" * 20,
        "RECEIPT_SIGNING_KEY": SIGNING_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url(database),
        "CACHE_URL": f"{REDIS}/{CACHE_DB}",
        "CELERY_BROKER_URL": f"{REDIS}/{BROKER_DB}",
        "SECURE_SSL_REDIRECT": "false",
        "MAIL_DELIVERY_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": mailbox,
        "PRIVATE_MEDIA_ROOT": tempfile.mkdtemp(prefix="bench-private-"),
        "MEDIA_ROOT": tempfile.mkdtemp(prefix="bench-media-"),
        "STATIC_ROOT": str(Path(tempfile.gettempdir()) / "bench-static"),
        "LOG_LEVEL": "ERROR",
        **extra,
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
    )


def static_collect(env: dict) -> None:
    """Production serves the hashed static files whitenoise's manifest names (into STATIC_ROOT; again only when
    the project's static files changed)."""
    manifest = Path(env["STATIC_ROOT"]) / "staticfiles.json"
    newest = max(path.stat().st_mtime for path in (ROOT / "static").rglob("*") if path.is_file())
    if not manifest.exists() or manifest.stat().st_mtime < newest:
        manage(env, "collectstatic", "--noinput", "-v0")


TEMPLATE = os.environ.get("BENCH_TEMPLATE_DATABASE", "bench_load_template")


def database_fresh(name: str) -> str:
    """A new database `name`, copied from a template migrated and with the demo loaded once (for every run)."""
    template = TEMPLATE
    digest = migrations_digest()
    found = admin("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s", template)
    if not found or found[0][0] != digest:
        print(f"  (building {template}: migrate and load the demo, once; takes minutes)", flush=True)
        admin(f'DROP DATABASE IF EXISTS "{template}"')
        admin(f'CREATE DATABASE "{template}"')
        env = production_env(template)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "seed_demo", "-v0")
        admin(f"COMMENT ON DATABASE \"{template}\" IS '{digest}'")
    admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return name


def redis_flush() -> None:
    for db in (CACHE_DB, BROKER_DB):
        redis.Redis.from_url(f"{REDIS}/{db}").flushdb()


def log_file(name: str):
    """Where a server's messages go (read it when a run fails)."""
    handle = tempfile.NamedTemporaryFile(prefix=f"bench-{name}-", suffix=".log", delete=False)  # noqa: SIM115
    print(f"  ({name} log: {handle.name})", flush=True)
    return handle


def wait_until(check, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not happen within {timeout:.0f} s")


@contextmanager
def gunicorn(env: dict, *, workers: int = 2):
    """gunicorn as production runs it (gunicorn.conf.py), on a free loopback port; yields (base URL, process)."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application", "-c", "gunicorn.conf.py"]
        + ["-b", f"127.0.0.1:{port}", "-w", str(workers), "--access-logfile", "/dev/null"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log_file("gunicorn"),
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        import requests

        def ready():
            try:
                return requests.get(f"{base}/healthz/ready", timeout=5).status_code == 200
            except requests.RequestException:
                return False

        wait_until(ready, 60, "gunicorn start")
        yield base, process
    finally:
        stop(process)


@contextmanager
def celery_worker(env: dict, *, concurrency: int = 1):
    """One Celery worker (prefork, `concurrency` processes) as production runs it; yields the process."""
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "portal", "worker", "-c", str(concurrency), "-l", "WARNING"]
        + ["-n", f"bench-{os.getpid()}@localhost", "--without-gossip", "--without-mingle"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log_file("celery"),
        start_new_session=True,
    )
    try:
        wait_until(lambda: len(children(process.pid)) >= concurrency, 60, "celery worker start")
        yield process
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def memory_mib(pid: int, field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of a process, in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used: a figure that other loads on the machine do not inflate."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / ticks


def family(pid: int) -> list[int]:
    return [pid, *children(pid)]


def proportional_mib(pid: int) -> float:
    """PSS: the process's own memory plus its share of pages it shares (with its gunicorn master, say), in MiB."""
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory_report(pid: int) -> dict:
    """Peak and current RSS of a server's master and each of its children (gunicorn workers, Celery processes),
    and their PSS now."""
    return {
        "master_peak": memory_mib(pid, "VmHWM"),
        "children_peak": [memory_mib(child, "VmHWM") for child in children(pid)],
        "children_now": [memory_mib(child, "VmRSS") for child in children(pid)],
        "children_pss": [proportional_mib(child) for child in children(pid)],
    }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else float("nan")
