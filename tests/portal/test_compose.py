"""docker-compose.yml describes the production shape."""

from pathlib import Path

import yaml

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def test_compose_file_parses_and_names_the_production_services():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]

    workers = {"worker", "worker-mail", "worker-extraction", "worker-documents"}
    assert set(services) == {"postgres", "redis", "cache", "migrate", "web", "beat"} | workers
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "portal", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "portal", "beat"]
    for name in ("postgres", "redis", "cache", "web", "worker"):
        assert "healthcheck" in services[name], name
    # The workers are not part of the web server's readiness: the worker container pings itself.
    assert "celery -A portal inspect ping" in services["worker"]["healthcheck"]["test"][-1]
    for name in ("web", "beat", *workers):
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


def test_each_queue_has_a_worker_service_and_each_worker_service_consumes_named_queues():
    """Workers scale out per queue (CELERY_TASK_ROUTES): a queue no service consumes would never be worked."""
    services = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    queues = {
        name: service["command"][service["command"].index("-Q") + 1].split(",")
        for name, service in services.items()
        if service.get("command", [])[:4] == ["celery", "-A", "portal", "worker"]
    }

    assert queues == {
        "worker": ["celery"],
        "worker-mail": ["mail"],
        "worker-extraction": ["extraction"],
        "worker-documents": ["documents"],
    }
    declared = {queue.name for queue in settings.CELERY_TASK_QUEUES}
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert {queue for names in queues.values() for queue in names} == declared >= routed | {"celery"}
    for name in queues:
        assert "celery -A portal inspect ping" in services[name]["healthcheck"]["test"][-1], name


def test_the_scale_out_override_gives_every_django_service_the_object_storage_and_the_replica():
    base = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    scale = yaml.safe_load((ROOT / "docker-compose.scale.yml").read_text())["services"]
    django = {name for name, service in base.items() if service.get("image") == "input-portal"}

    assert set(scale) == django
    for name in django:
        environment = scale[name]["environment"]
        assert {"OBJECT_STORAGE_BUCKET", "OBJECT_STORAGE_URL", "DATABASE_REPLICA_URL"} <= set(environment), name
