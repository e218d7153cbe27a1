"""The public reading under load (`make bench`): generated published inputs, the portal served by gunicorn under
production settings beside a bare reference view served the same way, and wrk driving each page from
another process for a fixed time. Prints a table and writes it as JSON under `bench/results/`.

Environment: BENCH_SIZE (published inputs, 100,000), BENCH_SECONDS (per page, 10), BENCH_DATABASE_URL (a
PostgreSQL database that is dropped and created again; postgres://postgres@127.0.0.1:5432/bench),
BENCH_CACHE_URL (a Redis database that is emptied; redis://127.0.0.1:6379/11), WEB_CONCURRENCY (workers of
each server, as gunicorn.conf.py reads it), BENCH_RESULTS (the directory of the JSON, bench/results),
BENCH_REUSE=1 (measure again on the database a previous run left, if it holds BENCH_SIZE generated inputs),
BENCH_STATIC_ROOT (a directory kept between runs for the collected static files, collected once).
"""

import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from bench.load_pages import Page, pages_planned, session_cookie
from bench.server import ROOT, Server, workers_configured

CONNECTIONS = 8
THREADS = 2
LUA = Path(__file__).with_name("load.lua")


@dataclass
class Figure:
    name: str
    path: str
    requests_per_second: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int
    requests: int
    ratio: float | None = None
    peak_worker_mib: float | None = None
    target: str = ""
    met: bool | None = None
    served: str = ""  # what the first answer said: status, and whether it came with the public cache's ETag


def target_met(figure: Figure, target: str) -> bool | None:
    if not target:
        return None
    measure, limit = target.split(">=") if ">=" in target else target.split("<=")
    value = {"ratio": figure.ratio, "p95": figure.p95_ms}[measure]
    if value is None:
        return None
    return value >= float(limit) if ">=" in target else value <= float(limit)


def wrk_run(url: str, seconds: float, *, paths: list[str] = (), cookie: str = "") -> dict:
    """wrk with 8 connections for `seconds` on `url`; its figures as load.lua prints them."""
    env = {**os.environ, "BENCH_THREADS": str(THREADS), "BENCH_COOKIE": cookie, "BENCH_PATHS": ""}
    with tempfile.NamedTemporaryFile("w", suffix=".paths", delete=False) as listing:
        listing.write("\n".join(paths))
    if paths:
        env["BENCH_PATHS"] = listing.name
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", "--timeout", "10s"]
    command += ["-s", str(LUA), url]
    try:
        output = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 60, check=True)  # noqa: S603
    finally:
        os.unlink(listing.name)
    for line in output.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line.removeprefix("BENCH "))
    raise RuntimeError(f"wrk printed no figures:\n{output.stdout}\n{output.stderr}")


def figure_of(page: Page, measured: dict) -> Figure:
    errors = measured["not_ok"] + sum(measured[kind] for kind in ("connect", "read", "write", "timeout"))
    return Figure(
        name=page.name,
        path=page.path,
        requests_per_second=round(measured["requests"] / measured["seconds"], 1),
        p50_ms=round(measured["p50"], 1),
        p95_ms=round(measured["p95"], 1),
        p99_ms=round(measured["p99"], 1),
        errors=errors,
        requests=measured["requests"],
        target=page.target,
    )


def first_answer(url: str, cookie: str = "") -> str:
    """Status of one request, and whether the public cache answered it (its ETag): how the page is served."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
            status, etag = response.status, response.headers.get("ETag")
    except urllib.error.HTTPError as error:
        status, etag = error.code, error.headers.get("ETag")
    return f"{status}, {'public cache (ETag)' if etag else 'no public cache'}"


# What the pages are made of -------------------------------------------------------------------------------


# Serving and measuring ------------------------------------------------------------------------------------


def server_environment(*, database_url: str, cache_url: str, directory: Path) -> dict:
    """Production settings for the servers, with this process's SECRET_KEY and receipt key."""
    from django.conf import settings

    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": settings.SECRET_KEY,
        "RECEIPT_SIGNING_KEY": settings.RECEIPT_SIGNING_KEY,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "CACHE_URL": cache_url,
        "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", cache_url),
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": os.environ.get("BENCH_STATIC_ROOT") or str(directory / "static"),
        "MEDIA_ROOT": str(directory / "media"),
        "PRIVATE_MEDIA_ROOT": str(directory / "private"),
        "TMPDIR": str(directory),
        "LOG_LEVEL": "ERROR",
        # wrk's eight connections come from one address: the API's throttle (120 a minute by default) would
        # answer most of them 429, and the benchmark measures the API's answers, not its refusals.
        "API_RATE_ANON": "100000000/m",
    }


def static_collect(env: dict) -> None:
    """collectstatic into STATIC_ROOT, unless BENCH_STATIC_ROOT names it and it holds a collection already."""
    if os.environ.get("BENCH_STATIC_ROOT") and (Path(env["STATIC_ROOT"]) / "staticfiles.json").exists():
        return
    command = [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"]
    subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603


def cache_flush(cache_url: str) -> None:
    import redis

    redis.Redis.from_url(cache_url).flushdb()


def measure(
    pages: list[Page], *, env: dict, cache_url: str, seconds: float, workers: int, directory: Path, report=print
) -> dict:
    """Serve the portal and the reference with `workers` workers each; wrk on each page; the figures."""
    static_collect(env)
    cache_flush(cache_url)
    cookie = session_cookie() if any(page.signed_in for page in pages) else ""
    reference_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.reference.settings"}
    portal = Server("portal.wsgi:application", env, workers, directory / "portal.log")
    reference = Server("bench.reference.wsgi:application", reference_env, workers, directory / "reference.log")
    with portal.start(ready_path="/healthz/live"), reference.start():
        at_start = portal.peak_memory_mib()
        references = [wrk_run(reference.url + "/", seconds)]
        report(f"  reference view: {references[0]['requests'] / references[0]['seconds']:.0f} requests/s")
        figures = []
        for page in pages:
            url = portal.url + (page.paths[-1] if page.paths else page.path)
            served = first_answer(url, cookie if page.signed_in else "")
            for _ in range(2 * workers):  # each worker past its first request of the page (and the cache filled)
                first_answer(url, cookie if page.signed_in else "")
            measured = wrk_run(
                portal.url + page.path if not page.paths else portal.url + "/",
                seconds,
                paths=page.paths,
                cookie=cookie if page.signed_in else "",
            )
            figure = figure_of(page, measured)
            figure.served = served
            figure.peak_worker_mib = round(max(portal.peak_memory_mib(), default=0), 1)
            figures.append(figure)
            report(f"  {page.name}: {figure.requests_per_second:.1f} requests/s, p95 {figure.p95_ms:.0f} ms")
        references.append(wrk_run(reference.url + "/", seconds))
        peaks = portal.peak_memory_mib()
    reference_rate = sum(item["requests"] / item["seconds"] for item in references) / len(references)
    for figure in figures:
        figure.ratio = round(figure.requests_per_second / reference_rate, 3) if reference_rate else None
        figure.met = target_met(figure, figure.target)
    return {
        "reference_requests_per_second": [round(item["requests"] / item["seconds"], 1) for item in references],
        "pages": [asdict(figure) for figure in figures],
        "peak_worker_mib": [round(peak, 1) for peak in peaks],
        "worker_mib_at_start": [round(peak, 1) for peak in at_start],
        "memory_target": "peak_worker_mib<=150",
        "memory_met": bool(peaks) and max(peaks) <= 150,
    }


def table(result: dict) -> str:
    """The figures as a text table, each target beside its figure."""
    reference = result["reference_requests_per_second"]
    lines = [
        f"{result['size']:,} published inputs, {result['workers']} gunicorn workers, {CONNECTIONS} connections, "
        f"{result['seconds']:g} s per page; data generated in {result['generation_seconds']:.0f} s",
        f"reference view (bare Django, small template): {' / '.join(f'{rate:.0f}' for rate in reference)} "
        "requests/s (before / after)",
        f"{'page':38} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7} {'ratio':>7} "
        f"{'peak MiB':>9}  target (at 1,000,000)",
    ]
    for page in result["pages"]:
        verdict = {True: "met", False: "MISSED", None: ""}[page["met"]]
        lines.append(
            f"{page['name']:38} {page['requests_per_second']:8.1f} {page['p50_ms']:8.1f} {page['p95_ms']:8.1f} "
            f"{page['p99_ms']:8.1f} {page['errors']:7d} {page['ratio'] or 0:7.3f} {page['peak_worker_mib']:9.1f}  "
            f"{page['target']} {verdict}"
        )
    peaks = ", ".join(f"{peak:.0f}" for peak in result["peak_worker_mib"])
    verdict = "met" if result["memory_met"] else "MISSED"
    at_start = ", ".join(f"{peak:.0f}" for peak in result.get("worker_mib_at_start", []))
    lines.append(
        f"peak memory per worker (VmHWM): {peaks} MiB ({at_start} MiB when started); target ≤ 150 MiB {verdict}"
    )
    return "\n".join(lines)


# `make bench` -----------------------------------------------------------------------------------------------


def result_write(result: dict, directory: Path) -> Path:
    """Print the table and write it as JSON: `<directory>/reading-<size>-<date>.json`."""
    print(table(result))
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"reading-{result['size']}-{result['date'][:10]}.json"
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n")
    print(f"written to {path}")
    return path


def database_recreate(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.strip("/")
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def generated_count(url: str) -> int | None:
    """How many generated inputs the database holds (None when it does not exist or has no inputs table)."""
    import psycopg

    try:
        with psycopg.connect(url) as connection:
            row = connection.execute("SELECT count(*) FROM submissions_submission WHERE reference LIKE 'PUB-%'")
            return row.fetchone()[0]
    except psycopg.Error:
        return None


def published_data_create(size: int, report=print) -> float:
    """The demo, then `size` published inputs (and the published facts where the project has them); seconds
    taken by the generation."""
    from django.core.management import call_command, get_commands

    from .data import published_inputs_generate

    started, steps = time.perf_counter(), {}
    published_inputs_generate(size, "PUB", steps=steps)
    if "published_facts_rebuild" in get_commands():
        facts = time.perf_counter()
        call_command("published_facts_rebuild")
        steps["published_facts_rebuild"] = round(time.perf_counter() - facts, 1)
    generation = time.perf_counter() - started
    each = ", ".join(f"{name} {seconds:g} s" for name, seconds in steps.items())
    report(f"{size:,} published inputs generated in {generation:.1f} s ({each})")
    return generation


def main() -> None:
    size = int(os.environ.get("BENCH_SIZE", "100000"))
    seconds = float(os.environ.get("BENCH_SECONDS", "10"))
    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench")
    cache_url = os.environ.get("BENCH_CACHE_URL", "redis://127.0.0.1:6379/11")
    results = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "results"))
    if shutil.which("wrk") is None:
        sys.exit("make bench needs wrk (Debian package wrk: `make wrk` installs it)")
    directory = Path(tempfile.mkdtemp(prefix="bench-load-"))
    os.environ["TMPDIR"] = str(directory)  # post_office's lock file, apart from other runs' /tmp
    tempfile.tempdir = None
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": base64.b64encode(os.urandom(48)).decode(),
            "RECEIPT_SIGNING_KEY": base64.b64encode(os.urandom(32)).decode(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url,
            "CACHE_URL": cache_url,
            "PRIVATE_MEDIA_ROOT": str(directory / "private"),
            "MEDIA_ROOT": str(directory / "media"),
            # Loading the demo here runs its tasks in this process and delivers its mail nowhere.
            "CELERY_TASK_ALWAYS_EAGER": "true",
            "MAIL_DELIVERY_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            "LOG_LEVEL": "ERROR",
        }
    )
    started = time.perf_counter()
    reused = os.environ.get("BENCH_REUSE") == "1" and generated_count(database_url) == size
    if not reused:
        database_recreate(database_url)
    import django

    django.setup()
    if reused:
        generation = 0.0
        print(f"the {size:,} published inputs of a previous run are measured again")
    else:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
        print(f"database migrated and the demo loaded in {time.perf_counter() - started:.0f} s")
        generation = published_data_create(size)
    workers = workers_configured()
    env = server_environment(database_url=database_url, cache_url=cache_url, directory=directory)
    for name in ("CELERY_TASK_ALWAYS_EAGER", "MAIL_DELIVERY_BACKEND"):
        env.pop(name)
    result = {
        "size": size,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": seconds,
        "connections": CONNECTIONS,
        "workers": workers,
        "cores": os.cpu_count(),
        "load_average_before": [round(value, 2) for value in os.getloadavg()],
        "generation_seconds": round(generation, 1),
    }
    result |= measure(
        pages_planned(), env=env, cache_url=cache_url, seconds=seconds, workers=workers, directory=directory
    )
    result["load_average_after"] = [round(value, 2) for value in os.getloadavg()]
    result_write(result, results)
    shutil.rmtree(directory, ignore_errors=True)
