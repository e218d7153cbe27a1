"""docker-compose.yml describes the production shape."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_compose_file_parses_and_names_the_production_services():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]

    assert set(services) == {"postgres", "redis", "cache", "migrate", "web", "worker", "beat"}
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "portal", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "portal", "beat"]
    for name in ("postgres", "redis", "cache", "web", "worker"):
        assert "healthcheck" in services[name], name
    # The workers are not part of the web server's readiness: the worker container pings itself.
    assert "celery -A portal inspect ping" in services["worker"]["healthcheck"]["test"][-1]
    for name in ("web", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
        assert services[name]["image"] == services["migrate"]["image"]  # one Django service, reused


def test_every_variable_of_the_example_env_file_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    names = [
        line.split("=")[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    ]
    assert names
    for name in names:
        assert f"`{name}`" in readme, name


def test_the_cache_and_the_broker_are_separate_redis_servers():
    """An outage of the cache must not take the broker (and the outbox's delivery) with it, nor the reverse."""
    environment = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["x-django"]["environment"]

    cache_host = environment["CACHE_URL"].split("//")[1].split(":")[0]
    broker_host = environment["REDIS_URL"].split("//")[1].split(":")[0]
    assert (cache_host, broker_host) == ("cache", "redis")
