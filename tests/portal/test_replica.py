"""Public reads from a replica (portal/routers.py): anonymous reads go there, writes and signed-in users do not.

The replica here is a second connection, under the alias `replica`, to the suite's test database (a mirror, as
`DATABASE_REPLICA_URL` gives in the suite): what each request asks of which connection shows the routing. The
alias is added for these tests only, so that no other test sees a second database. The tests commit
(transactional): a second connection sees only committed rows.
"""

import json
import subprocess
import sys

import pytest

from django.core.cache import cache
from django.db import connections
from django.test.utils import CaptureQueriesContext

from portal.routers import REPLICA, WROTE_COOKIE
from tests.intake import form_data, open_call
from tests.portal.test_settings import PRODUCTION_ENV, ROOT
from tests.review.conftest import staff_user


@pytest.fixture(scope="module")
def replica(django_db_setup, django_db_blocker):
    """The alias, added before a test's database access is set up (so that the test may name it)."""
    default = connections["default"].settings_dict
    connections.settings[REPLICA] = {**default, "TEST": {**default["TEST"], "MIRROR": "default"}}
    yield connections[REPLICA]
    with django_db_blocker.unblock():
        connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


def tables_read(client, connection, url: str, method: str = "get", **kwargs) -> tuple:
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(connection) as copy:
        response = getattr(client, method)(url, **kwargs)
    assert response.status_code in (200, 302), (url, response.status_code)
    return response, [query["sql"] for query in primary], [query["sql"] for query in copy]


@pytest.mark.django_db(transaction=True, databases=["default", REPLICA], serialized_rollback=True)
def test_anonymous_reads_go_to_the_replica_and_writes_and_reviewers_stay_on_the_primary(client, call_index, replica):
    call = open_call(call_index)

    response, primary, copy = tables_read(client, replica, call.url)
    assert any("wagtailcore_page" in sql for sql in copy)  # the public page was read from the replica
    assert not any("wagtailcore_page" in sql for sql in primary)

    # The submitter's write, and what they read right after it, are on the primary (the replica may lag).
    response, primary, copy = tables_read(client, replica, f"{call.url}submit/", "post", data=form_data(call))
    assert copy == [] and any(sql.startswith("INSERT") for sql in primary)
    assert response.cookies[WROTE_COOKIE]["max-age"] == 15
    response, primary, copy = tables_read(client, replica, response["Location"])
    assert copy == [] and primary
    assert WROTE_COOKIE in client.cookies
    del client.cookies[WROTE_COOKIE]  # expired: this client reads the replica again
    cache.clear()  # the page is not served from the public cache this time
    response, primary, copy = tables_read(client, replica, call.url)
    assert copy

    # A signed-in reviewer reads the primary, in the admin and on the public site alike.
    client.force_login(staff_user("boss", is_superuser=True))
    for url in ("/admin/", call.url):
        response, primary, copy = tables_read(client, replica, url)
        assert copy == [] and primary, url


def test_the_environment_turns_on_the_replica_and_the_object_storage(settings):
    """What docker-compose.scale.yml sets, read by production settings; unset (as in the suite), neither is there."""
    assert settings.DATABASE_REPLICA_URL == "" and settings.OBJECT_STORAGE_BUCKET == ""
    assert settings.STORAGES["private"]["BACKEND"] == "portal.storage.PrivateFileSystemStorage"
    script = (
        "import django, json; django.setup(); from django.conf import settings as s; print(json.dumps("
        "[sorted(s.DATABASES), {k: v['BACKEND'].rsplit('.', 1)[1] for k, v in s.STORAGES.items()}]))"
    )
    scale = {
        "DATABASE_REPLICA_URL": "postgres://portal@replica.example.org:5432/portal",
        "OBJECT_STORAGE_BUCKET": "portal-files",
        "OBJECT_STORAGE_URL": "https://s3.example.org",
    }
    env = {**PRODUCTION_ENV, **scale, "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr

    assert json.loads(result.stdout) == [
        ["default", "replica"],
        {
            "default": "S3Storage",
            "staticfiles": "CompressedManifestStaticFilesStorage",
            "private": "PrivateS3Storage",
            "compilations": "PrivateS3Storage",
        },
    ]
