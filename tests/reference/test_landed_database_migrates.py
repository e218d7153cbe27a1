"""A database filled at the landed schema (demo loaded, inputs reviewed and published) migrates to the
head with every row: the reference data and the public reading's models moved to their own apps, and
inputs' history to a log of its own."""

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
# pg_dump of a database migrated and seeded (`seed_demo`) by the code as it landed before the move.
DUMP = ROOT / "tests" / "data" / "landed-schema-2026-12.sql.gz"

COUNT = """
import json
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry
from home.models import CallPage
from reading.models import PublicVersion
from reference.models import Country, Process, RegionalGroup, StakeholderGroup, SubTopic, TopicArea
from review.models import Mapping, Passage, Review, SubmissionLogEntry
from submissions.models import Submission
MOVED = ["country", "process", "regionalgroup", "stakeholdergroup", "subtopic", "topicarea", "publicversion"]
print(json.dumps({
    "processes": Process.objects.count(),
    "topic_areas": TopicArea.objects.count(),
    "sub_topics": SubTopic.objects.count(),
    "stakeholder_groups": StakeholderGroup.objects.count(),
    "regional_groups": RegionalGroup.objects.count(),
    "countries": Country.objects.filter(regional_group__isnull=False).count(),
    "inputs": Submission.objects.filter(stakeholder_group__isnull=False).count(),
    "reviews": Review.objects.count(),
    "published": Review.objects.filter(status="published").count(),
    "mappings": Mapping.objects.filter(topic_area__process__code="WGIGF").count(),
    "passages": Passage.objects.count(),
    "input_log_entries": SubmissionLogEntry.objects.count(),
    "input_entries_left_in_the_generic_log": ModelLogEntry.objects.filter(content_type__model="submission").count(),
    "calls_with_their_topics": CallPage.objects.filter(topic_areas__isnull=False).distinct().count(),
    "home_content_types_left": ContentType.objects.filter(app_label="home", model__in=MOVED).count(),
    "public_version": PublicVersion.objects.get(pk=1).number,
}))
"""


def psql(database: str, *args, **kwargs):
    connection = settings.DATABASES["default"]
    command = ["psql", "-h", connection["HOST"], "-p", str(connection["PORT"] or 5432), "-U", connection["USER"]]
    environment = {**os.environ, "PGOPTIONS": "-c synchronous_commit=off"}  # as the suite's own database
    return subprocess.run(
        [*command, "-v", "ON_ERROR_STOP=1", "-q", "-d", database, *args], check=True, env=environment, **kwargs
    )


@pytest.fixture
def landed_database():
    name = f"landed_{os.getpid()}"
    psql("postgres", "-c", f"DROP DATABASE IF EXISTS {name}")
    psql("postgres", "-c", f"CREATE DATABASE {name}")
    psql(name, input=gzip.decompress(DUMP.read_bytes()), capture_output=True)
    yield name
    psql("postgres", "-c", f"DROP DATABASE {name}")


def test_a_database_of_the_landed_schema_migrates_to_the_head_with_every_row(landed_database):
    connection = settings.DATABASES["default"]
    url = f"postgres://{connection['USER']}@{connection['HOST']}:{connection['PORT'] or 5432}/{landed_database}"
    environment = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    manage("migrate", "--noinput")
    counts = json.loads(manage("shell", "-c", COUNT).strip().splitlines()[-1])

    assert counts == {
        "processes": 1,
        "topic_areas": 5,
        "sub_topics": 17,
        "stakeholder_groups": 5,
        "regional_groups": 5,
        "countries": 195,
        "inputs": 12,
        "reviews": 12,
        "published": 9,
        "mappings": 9,
        "passages": 4,
        "input_log_entries": 42,
        "input_entries_left_in_the_generic_log": 0,
        "calls_with_their_topics": 2,
        "home_content_types_left": 0,
        "public_version": 17,
    }
    assert "No changes detected" in manage("makemigrations", "--check", "--dry-run")
