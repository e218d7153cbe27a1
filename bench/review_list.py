"""The reviewers' list of inputs with many rows, as a reviewer of the call sees it: the first page, a deep
page, each filter, two filters and a search, each timed through the test client (median and p95 of
`BENCH_REVIEW_REPEAT` requests, and this process's CPU time) with its query count; with
`BENCH_REVIEW_EXPLAIN=1`, the database's own time for the list's query and its bounded count (PostgreSQL).

`BENCH_REVIEW_ROWS` inputs (100,000 by default) are added once to the database: on PostgreSQL by SQL in
a few statements (a million in a few minutes), elsewhere through the ORM.
"""

import os
import random
import statistics
import time

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import CallPage
from portal.keyset import cursor_encode
from reference.models import Country, StakeholderGroup, TopicArea
from review.models import CallReviewer, Review, ReviewStatus
from submissions.models import Answer, Submission, SubmissionStatus

ROWS = int(os.environ.get("BENCH_REVIEW_ROWS", "100000"))
REPEAT = int(os.environ.get("BENCH_REVIEW_REPEAT", "7"))
EXPLAIN = os.environ.get("BENCH_REVIEW_EXPLAIN") == "1"
PREFIX = "RL"
WORDS = ["forum", "funding", "secretariat", "participation", "outcomes", "hubs", "donors", "mandate", "capacity"]

# Every column the ORM would fill, for inputs spread over a year, in every review state, one in ten assigned,
# one in five official, one in two mapped; a rare word ("captioning") in one input in two hundred.
SUBMISSIONS_SQL = """
INSERT INTO submissions_submission (call_id, reference, status, stakeholder_group_id, organisation, country_id,
  is_official, official_role, official_verified, official_verification, channel, contact_name, contact_email,
  language, correspondence_language, general_comment, publication, wants_updates, privacy_notice_version,
  fingerprint, submitted_at, confirmed_at, updated_at, link_version, form_key)
SELECT %(call)s, %(prefix)s || '-' || lpad(g::text, 7, '0'), 'received',
  (%(groups)s::bigint[])[1 + g %% cardinality(%(groups)s::bigint[])],
  CASE WHEN g %% 3 = 0 THEN '' ELSE 'Organisation ' || (g %% 5000) END,
  CASE WHEN g %% 5 = 0 THEN NULL ELSE (%(countries)s::bigint[])[1 + g %% cardinality(%(countries)s::bigint[])] END,
  g %% 5 = 0, '', g %% 10 = 0, '', 'form', 'Bench', 'bench@example.org',
  (ARRAY['en','en','en','fr','es','ru','ar','zh-hans'])[1 + g %% 8], 'en', '', 'named', true, 'bench', repeat('0', 64),
  %(now)s - make_interval(secs => (%(rows)s - g) * 30), %(now)s, %(now)s, 0, gen_random_uuid()
FROM generate_series(%(start)s, %(stop)s) AS g
"""
REVIEWS_SQL = """
INSERT INTO review_review (submission_id, status, reason, text_hash, revision, updated_at, assigned_to_id,
  public_text, search_vector)
SELECT s.id, (ARRAY['new','new','in_review','mapped','published','not_published'])[1 + s.id %% 6], '', '', 0, %(now)s,
  CASE WHEN s.id %% 10 = 0 THEN %(reviewer)s END, '',
  to_tsvector('simple', s.reference || ' ' || (%(words)s::text[])[1 + s.id %% 9] || ' '
    || (%(words)s::text[])[1 + (s.id / 9) %% 9] || CASE WHEN s.id %% 200 = 0 THEN ' captioning' ELSE '' END)
FROM submissions_submission s WHERE s.reference LIKE %(like)s AND s.id BETWEEN %(first)s AND %(last)s
"""
MAPPINGS_SQL = """
INSERT INTO review_mapping (submission_id, topic_area_id, created_by_id, stance, note, origin, created_at)
SELECT s.id, (%(areas)s::bigint[])[1 + s.id %% cardinality(%(areas)s::bigint[])], %(reviewer)s, '', '', 'reviewer',
  %(now)s
FROM submissions_submission s WHERE s.reference LIKE %(like)s AND s.id %% 2 = 0 AND s.id BETWEEN %(first)s AND %(last)s
"""


def inputs_create(rows: int, call, reviewer) -> None:
    groups = list(StakeholderGroup.objects.filter(locale=call.locale).values_list("pk", flat=True))
    countries = list(Country.objects.values_list("pk", flat=True))
    if connection.vendor != "postgresql":
        return inputs_create_orm(rows, call, groups, countries)
    areas = list(TopicArea.objects.filter(process=call.process, locale=call.locale).values_list("pk", flat=True))
    now = timezone.now()
    done = Submission.objects.filter(reference__startswith=f"{PREFIX}-").count()
    with connection.cursor() as cursor:
        for start in range(done, rows, 100_000):
            stop = min(start + 100_000, rows) - 1
            cursor.execute(
                SUBMISSIONS_SQL,
                {"call": call.pk, "prefix": PREFIX, "groups": groups, "countries": countries, "now": now}
                | {"rows": rows, "start": start, "stop": stop},
            )
            cursor.execute(
                "SELECT min(id), max(id) FROM submissions_submission WHERE reference BETWEEN %s AND %s",
                [f"{PREFIX}-{start:07d}", f"{PREFIX}-{stop:07d}"],
            )
            first, last = cursor.fetchone()
            ids = {"like": f"{PREFIX}-%", "first": first, "last": last, "now": now, "reviewer": reviewer.pk}
            cursor.execute(REVIEWS_SQL, ids | {"words": WORDS})
            cursor.execute(MAPPINGS_SQL, ids | {"areas": areas})
        cursor.execute("ANALYZE")


def inputs_create_orm(rows: int, call, groups, countries) -> None:
    question = call.questions.first()
    rng, now = random.Random(1), timezone.now()
    for start in range(0, rows, 5000):
        batch = Submission.objects.bulk_create(
            Submission(
                call=call,
                reference=f"{PREFIX}-{n:07d}",
                status=SubmissionStatus.RECEIVED,
                confirmed_at=now,
                stakeholder_group_id=rng.choice(groups),
                country_id=rng.choice(countries),
                contact_name="Bench",
                language="en",
                publication="named",
                privacy_notice_version="bench",
                fingerprint="0" * 64,
                submitted_at=now - timezone.timedelta(seconds=30 * (rows - n)),
            )
            for n in range(start, min(start + 5000, rows))
        )
        Answer.objects.bulk_create(
            Answer(submission=item, question=question, text=" ".join(rng.choices(WORDS, k=30))) for item in batch
        )
        Review.objects.bulk_create(Review(submission=item, status=rng.choice(ReviewStatus.values)) for item in batch)


def timed(client: Client, url: str, params: dict) -> tuple[list[float], list[float], int, list[str]]:
    """Wall and CPU seconds of each request (CPU is this process's: on a shared machine it varies less)."""
    client.get(url, params)
    walls, cpus = [], []
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url, params)
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        assert response.status_code == 200, response.status_code
    return walls, cpus, len(queries), [q["sql"] for q in queries]


def executed_ms(statements: list[str]) -> str:
    """The database's own time (EXPLAIN ANALYZE) of the list's query and of its bounded count."""
    times = []
    for sql in [s for s in statements if "submissions_submission" in s and "DECLARE" not in s][:2]:
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
            times.append(cursor.fetchone()[0][0]["Execution Time"])
    return " + ".join(f"{t:.1f}" for t in times) + " ms"


def bench_reviewer(call):
    """A reviewer of the call, and nothing more (no secretariat, no administrator)."""
    reviewer, _ = get_user_model().objects.get_or_create(username="bench-reviewer")
    reviewer.user_permissions.add(Permission.objects.get(codename="access_admin"))
    CallReviewer.objects.get_or_create(call=call, user=reviewer)
    return reviewer


def run():
    call = CallPage.objects.filter(slug="improvements-to-the-igf").order_by("pk").first()
    reviewer = bench_reviewer(call)
    started = time.perf_counter()
    inputs_create(ROWS, call, reviewer)
    total = Submission.objects.count()
    elapsed = time.perf_counter() - started
    print(f"\nreview list: {ROWS} inputs ready in {elapsed:.1f} s, {total} in all ({connection.vendor})")
    middle = (
        Submission.objects.filter(call=call).order_by("-submitted_at", "-pk").values("submitted_at", "pk")[total // 2]
    )
    area = TopicArea.objects.filter(process=call.process, locale=call.locale).first()
    client = Client(SERVER_NAME="localhost")
    client.force_login(reviewer)
    cases = {
        "first page": {},
        "deep page (middle)": {"cursor": cursor_encode("-submitted_at", middle["submitted_at"], middle["pk"], "next")},
        "sort: organisation": {"ordering": "organisation"},
        "filter: review status": {"review_status": "in_review"},
        "filter: my queue": {"mine": "true"},
        "filter: assigned reviewer": {"assigned_to": reviewer.pk},
        "filter: topic area": {"topic_area": area.pk},
        "filter: stakeholder group": {
            "stakeholder_group": StakeholderGroup.objects.filter(locale=call.locale).first().pk
        },
        "filter: regional group": {
            "regional_group": Country.objects.exclude(regional_group=None).first().regional_group_id
        },
        "filter: country": {"country": Country.objects.order_by("pk").first().pk},
        "filter: language": {"language": "fr"},
        "filter: official, verified": {"official_status": "verified"},
        "filter: in a duplicate cluster": {"in_cluster": "true"},
        "filter: call": {"call": call.pk},
        "two filters: status + language": {"review_status": "new", "language": "es"},
        "search: common word": {"q": "donors"},
        "search: rare word": {"q": "captioning"},
        "search: reference": {"q": f"{PREFIX}-0012345"},
    }
    explain = EXPLAIN and connection.vendor == "postgresql"
    print(
        f"  {'case':34} {'median':>9} {'p95':>9} {'cpu':>9} {'queries':>8}"
        + ("   list + count (SQL)" if explain else "")
    )
    for name, params in cases.items():
        walls, cpus, queries, statements = timed(client, "/admin/inputs/", params)
        p95 = statistics.quantiles(walls, n=20)[-1] if len(walls) > 1 else walls[0]
        figures = [statistics.median(walls), p95, statistics.median(cpus)]
        line = f"  {name:34}" + "".join(f" {1000 * t:6.0f} ms" for t in figures) + f" {queries:8d}"
        print(line + (f"   {executed_ms(statements)}" if explain else ""))
