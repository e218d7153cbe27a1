"""gunicorn under production settings, as the web container runs it: its health check and its limits."""

import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml

from tests.workers import free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
# The server reads the suite's database from outside: the marker makes pytest-django create it.
pytestmark = pytest.mark.django_db


def listening(port: int) -> bool:
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/live", timeout=1)  # noqa: S310
    except OSError:  # refused, reset or timed out while gunicorn starts
        return False
    return True


def database_url() -> str:
    """The suite's database (migrated by pytest-django), for a server that runs outside the test process."""
    from django.db import connection

    database = connection.settings_dict
    credentials = database["USER"] + (f":{database['PASSWORD']}" if database["PASSWORD"] else "")
    return f"postgres://{credentials}@{database['HOST']}:{database['PORT'] or 5432}/{database['NAME']}"


@pytest.fixture(scope="module")
def production_environment(tmp_path_factory, django_db_setup):
    """Production settings on the suite's database, with their static files collected as the image's build does."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "liveness-test-secret-key-of-some-length-0123456789",
        "ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": database_url(),
        "CACHE_URL": "redis://127.0.0.1:6379/14",
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "WEB_CONCURRENCY": "1",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
        timeout=300,
    )
    return environment


class Server(NamedTuple):
    port: int
    log: Path


@pytest.fixture(scope="module")
def production_server(production_environment, tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("gunicorn") / "stderr.log"
    environment = {**production_environment, "PORT": str(port)}
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py", "portal.wsgi:application"],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    try:
        wait_for(lambda: server.poll() is not None or listening(port), timeout=30)
        assert server.poll() is None, log.read_text()[-2000:]
        yield Server(port, log)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_compose_health_check_passes_against_production_settings(production_server):
    web = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["web"]
    probe = web["healthcheck"]["test"][-1]
    assert re.search(r"http://127\.0\.0\.1:8000/healthz/live", probe)

    result = subprocess.run(  # the very command compose runs inside the container, on this server's port
        [sys.executable, "-c", probe.replace(":8000/", f":{production_server.port}/")], capture_output=True, timeout=20
    )

    assert result.returncode == 0, result.stderr.decode()[-1000:]


def test_other_addresses_keep_the_host_check_and_the_https_redirect(production_server):
    base = f"http://127.0.0.1:{production_server.port}"
    with pytest.raises(urllib.error.HTTPError) as unknown_host:
        urllib.request.urlopen(f"{base}/healthz", timeout=5)  # noqa: S310
    assert unknown_host.value.code == 400

    request = urllib.request.Request(f"{base}/en/", headers={"Host": "portal.example.org"})  # noqa: S310
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=5)
    assert redirect.value.code == 301
    assert redirect.value.headers["Location"] == "https://portal.example.org/en/"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_a_body_larger_than_the_limit_is_refused_before_it_is_sent(production_server):
    """The headers of a 150 MB form are answered with 413 at once: the server does not wait for the body."""
    with socket.create_connection(("127.0.0.1", production_server.port), timeout=10) as connection:
        connection.sendall(
            b"POST /en/calls/any/submit/ HTTP/1.1\r\nHost: portal.example.org\r\nX-Forwarded-Proto: https\r\n"
            b"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 150000000\r\n\r\n--x\r\n"
        )
        answer = b"".join(iter(lambda: connection.recv(65536), b"")).decode(errors="replace")  # until it closes

    assert answer.startswith("HTTP/1.1 413"), production_server.log.read_text()[-3000:]
    assert "The form is too large to send" in answer
