"""Settings as each environment reads them: production secure given the documented variables and refusing to
start without them; `make run` linking its mails to its own port."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "portal.settings.production",
    "SECRET_KEY": "a-production-secret-" + "x" * 50,
    "ALLOWED_HOSTS": "portal.example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "RECEIPT_SIGNING_KEY": "cHJvZHVjdGlvbi1yZWNlaXB0LWtleS1mb3ItY2hrMTI=",
}


def manage(*args, env):
    inherited = set(PRODUCTION_ENV) | {"DJANGO_ALLOW_ASYNC_UNSAFE"}  # the suite's own, never production's
    clean = {key: value for key, value in os.environ.items() if key not in inherited}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_passes_the_deployment_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "Set SECRET_KEY"),
        ("ALLOWED_HOSTS", "Set ALLOWED_HOSTS"),
        ("RECEIPT_SIGNING_KEY", "Set RECEIPT_SIGNING_KEY"),
    ],
)
def test_production_refuses_to_start_without(missing, message):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert message in result.stderr


def test_a_receipt_key_that_cannot_be_read_fails_the_checks():
    result = manage("check", env={**PRODUCTION_ENV, "RECEIPT_SIGNING_KEY": "dG9vLXNob3J0"})
    assert result.returncode != 0
    assert "submissions.E001" in result.stderr and "an Ed25519 private key is 32" in result.stderr


def test_production_refuses_to_start_without_a_database_url():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "DATABASE_URL"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def dev_setting(name: str, env: dict) -> str:
    """A setting as `make run` reads it (portal.settings.dev), given these variables and none of the suite's."""
    clean = {key: value for key, value in os.environ.items() if key not in {"BASE_URL", "PORT"}}
    result = subprocess.run(
        [sys.executable, "-c", f"from django.conf import settings; print(settings.{name})"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("env", "base_url"),
    [
        ({}, "http://127.0.0.1:8000"),
        ({"PORT": "8080"}, "http://127.0.0.1:8080"),
        ({"PORT": "8080", "BASE_URL": "https://portal.example.org"}, "https://portal.example.org"),
    ],
    ids=["default", "port", "base-url-wins"],
)
def test_make_run_links_mails_to_its_port_unless_base_url_is_set(env, base_url):
    assert dev_setting("WAGTAILADMIN_BASE_URL", env) == base_url
