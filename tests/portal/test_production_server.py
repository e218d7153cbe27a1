"""gunicorn under production settings, as the web container runs it: its health checks and its limits, and
an input sent through it whose receipt a worker, under the same settings, mails."""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from typing import NamedTuple

import pytest
import yaml
from wagtail.models import Site

from django.conf import settings

from portal.celery import app as celery_app
from submissions.models import Submission
from tests.intake import form_data, mails_with, open_call
from tests.workers import Worker, free_port, wait_for

ROOT = Path(__file__).resolve().parents[2]
HOST = "portal.example.org"
# The server reads the suite's database from outside: the marker makes pytest-django create it. Under
# pytest-xdist one worker runs them all, so the static files are collected and the server started once.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("production_server")]


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


# Session-scoped, not module-scoped: pytest-django runs transactional tests (the input sent below) after all
# the others, so a module's fixtures would collect the static files and start the server a second time.
@pytest.fixture(scope="session")
def production_environment(tmp_path_factory, django_db_setup):
    """Production settings on the suite's database, cache and broker, with their static files collected as the
    image's build does; mail is delivered into a directory (EMAIL_FILE_PATH) instead of through SMTP."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "liveness-test-secret-key-of-some-length-0123456789",
        "RECEIPT_SIGNING_KEY": settings.RECEIPT_SIGNING_KEY,
        "ALLOWED_HOSTS": HOST,
        "BASE_URL": f"https://{HOST}",
        "DATABASE_URL": database_url(),
        "CACHE_URL": settings.CACHES["default"]["LOCATION"],
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "SUBMISSION_MIN_FILL_SECONDS": "0",
        "MAIL_DELIVERY_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path_factory.mktemp("mail")),
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
        "MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
        "PRIVATE_MEDIA_ROOT": str(tmp_path_factory.mktemp("private_media")),
        "TMPDIR": str(tmp_path_factory.mktemp("tmp")),  # post_office's lock file, apart from other runs' /tmp
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


@pytest.fixture(scope="session")
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


def test_the_accessibility_checker_the_browser_tests_inject_is_never_served(production_environment):
    collected = Path(production_environment["STATIC_ROOT"])
    assert (ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js").exists()
    assert (collected / "vendor" / "chartjs" / "chart.umd.min.js").exists()  # what readers load, collected
    assert [path for path in collected.rglob("*") if "axe" in path.name] == []


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


class Page(NamedTuple):
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


class Browser:
    """A browser at https://portal.example.org behind a proxy that ends TLS: plain HTTP to the server's port with
    the header the proxy adds. It keeps its cookies itself (they are Secure: urllib would not send them here)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies = SimpleCookie()

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> Page:
        sent = {"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={morsel.value}" for name, morsel in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            page = Page(response.status, response.headers, response.read())
        finally:
            connection.close()
        for cookie in page.headers.get_all("Set-Cookie") or []:
            self.cookies.load(cookie)
        return page

    def get(self, path: str) -> Page:
        return self.request("GET", path)

    def post(self, path: str, fields: dict) -> Page:
        """Send a form as the browser sends the input form: multipart, with the page it came from as Referer."""
        boundary = uuid.uuid4().hex
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
            for name, value in fields.items()
        ]
        body = ("".join(parts) + f"--{boundary}--\r\n").encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": f"https://{HOST}{path}"}
        return self.request("POST", path, body=body, headers=headers)


class PageParts(HTMLParser):
    """The values of a page's form fields and the addresses of its stylesheets."""

    def __init__(self, html: str):
        super().__init__()
        self.fields, self.stylesheets = {}, []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("name"):
            self.fields.setdefault(attributes["name"], attributes.get("value"))
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(attributes["href"])


DATABASE_CACHE_AND_BROKER = {"Database(alias='default')": "OK", "Cache(alias='default')": "OK", "Broker": "OK"}


@pytest.mark.parametrize("path", ["/healthz/ready", "/healthz"])
def test_readiness_checks_the_database_the_cache_and_the_broker_not_the_workers(production_server, path):
    page = Browser(production_server.port).get(path)

    assert page.status == 200, page.text
    assert json.loads(page.body) == DATABASE_CACHE_AND_BROKER


@pytest.fixture
def production_worker(production_environment):
    """A real worker with the server's settings and environment (production, the suite's database and broker)."""
    celery_app.control.purge()  # tasks other tests left on the suite's broker are not this test's
    worker = Worker(env=production_environment).start()
    yield worker
    worker.stop()


@pytest.fixture
def call_on_the_public_host(call_index):
    Site.objects.filter(is_default_site=True).update(hostname=HOST, port=443)
    return open_call(call_index)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the server and the worker read what is committed
def test_an_input_sent_to_the_production_server_is_stored_and_a_worker_mails_its_receipt(
    production_server, production_environment, production_worker, call_on_the_public_host
):
    call = call_on_the_public_host
    browser = Browser(production_server.port)

    form = browser.get(f"{call.url}submit/")
    assert form.status == 200, production_server.log.read_text()[-3000:]
    parts = PageParts(form.text)
    [stylesheet] = parts.stylesheets
    assert re.fullmatch(r"/static/css/portal\.[0-9a-f]{12}\.css", stylesheet)  # the manifest's name
    css = browser.get(stylesheet)
    assert css.status == 200
    assert css.headers["Content-Type"].startswith("text/css")
    assert "immutable" in css.headers["Cache-Control"]  # whitenoise serves hashed names as never changing
    served = parts.fields
    fields = form_data(call, form_token=served["form_token"], csrfmiddlewaretoken=served["csrfmiddlewaretoken"])
    sent = browser.post(f"{call.url}submit/", fields)

    assert sent.status == 302, sent.text[-2000:]
    assert sent.headers["Location"].startswith(f"{call.url}receipt/")
    submission = Submission.objects.get()
    receipt = browser.get(sent.headers["Location"])
    assert receipt.status == 200
    assert submission.reference in receipt.text
    [mail] = wait_for(lambda: mails_with(Path(production_environment["EMAIL_FILE_PATH"]), submission.reference))
    assert "To: peter@example.org" in mail
    assert f"https://{HOST}{call.url}confirm/" in mail
    workers = browser.get("/healthz/workers")
    assert workers.status == 200, workers.text
    assert json.loads(workers.body) == {"Broker": "OK", "Workers": "OK"}
