"""The reviewers' list of inputs with many rows: page 1, a deep page, a filter and a search, as a superuser."""

import os
import random
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from home.models import CallPage
from reference.models import Country, StakeholderGroup
from review.models import Review, ReviewStatus
from submissions.models import Answer, Submission, SubmissionStatus

ROWS = int(os.environ.get("BENCH_REVIEW_ROWS", "100000"))
WORDS = [
    "forum",
    "funding",
    "secretariat",
    "participation",
    "outcomes",
    "hubs",
    "donors",
    "mandate",
    "capacity",
    "linkages",
]


def inputs_create(rows: int) -> None:
    call = CallPage.objects.get(slug="improvements-to-the-igf")
    question = call.questions.first()
    groups = list(StakeholderGroup.objects.all())
    countries = list(Country.objects.all())
    rng = random.Random(1)
    now = timezone.now()
    for start in range(0, rows, 5000):
        batch = [
            Submission(
                call=call,
                reference=f"BENCH-{n:07d}",
                status=SubmissionStatus.RECEIVED,
                confirmed_at=now,
                stakeholder_group=rng.choice(groups),
                country=rng.choice(countries),
                contact_name="Bench",
                contact_email="bench@example.org",
                language="en",
                publication="named",
                privacy_notice_version="bench",
                fingerprint="0" * 64,
                submitted_at=now,
            )
            for n in range(start, min(start + 5000, rows))
        ]
        Submission.objects.bulk_create(batch)
        Answer.objects.bulk_create(
            Answer(submission=item, question=question, text=" ".join(rng.choices(WORDS, k=30))) for item in batch
        )
        Review.objects.bulk_create(Review(submission=item, status=rng.choice(ReviewStatus.values)) for item in batch)


def timed(client: Client, url: str, params: dict) -> tuple[float, int]:
    client.get(url, params)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url, params)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return elapsed, len(queries)


def run():
    started = time.perf_counter()
    inputs_create(ROWS)
    print(f"\nreview list: {ROWS} inputs created in {time.perf_counter() - started:.1f} s ({connection.vendor})")
    admin = get_user_model().objects.filter(is_superuser=True).first()
    client = Client(SERVER_NAME="localhost")
    client.force_login(admin)
    cases = {
        "page 1": {},
        "page 100": {"p": 100},
        "filter: review status": {"review_status": "mapped"},
        "filter: regional group": {"regional_group": 1},
        "search: two words": {"q": "donors hubs"},
    }
    for name, params in cases.items():
        elapsed, queries = timed(client, "/admin/inputs/", params)
        print(f"  {name:28} {1000 * elapsed:8.0f} ms {queries:4d} queries")
