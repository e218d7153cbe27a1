"""The outcomes at a size beyond the WGIGF's: 400 published recommendations with 5 tasks of 4 progress
entries each (2,000 tasks, 8,000 progress). Each public page, API answer and the report built uncached
(milliseconds and queries), and a tracker import of 2,000 rows checked."""

import csv
import io
import time
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from outcomes.imports import import_plan
from outcomes.models import Progress, Recommendation, ResponsibleBody, Task
from reference.models import Process

RECOMMENDATIONS, TASKS, PROGRESS = 400, 5, 4
STATUSES = ["to_be_started", "ongoing", "completed", "uncertain"]
URLS = [
    "/en/recommendations/",
    "/en/recommendations/I-1/",
    "/en/recommendations/tracker/",
    "/en/recommendations/tracker/?on=2013-06-01&status=ongoing",
    "/en/recommendations/tracker/download/csv/",
    "/en/recommendations/document/pdf/?topic_area=A",
    "/api/v1/processes/WGIGF/recommendations",
    "/api/v1/processes/WGIGF/tracker",
]


def tracker_fill(process: Process) -> None:
    areas = list(process.topic_areas.order_by("sort_order"))
    bodies = list(ResponsibleBody.objects.all())
    start = date(2012, 6, 1)
    made = Recommendation.objects.filter(process=process).count()
    for number in range(made, RECOMMENDATIONS):
        area = areas[number % len(areas)]
        recommendation = Recommendation(
            process=process,
            topic_area=area,
            number=f"X.{number}",
            sort_order=100 + number,
            title=f"Recommendation {number} on {area.title}",
            text="The working group recommends that the forum publishes its messages. " * 4,
            live=False,
        )
        recommendation.save()
        recommendation.save_revision().publish()
        for index in range(TASKS):
            task = Task.objects.create(recommendation=recommendation, code=f"X.{number}-{index}", description="A task")
            task.bodies.set(bodies[index % len(bodies) : index % len(bodies) + 2])
            Progress.objects.bulk_create(
                Progress(task=task, on=start + timedelta(days=90 * step), status=STATUSES[(index + step) % 4])
                for step in range(PROGRESS)
            )
            Task.objects.filter(pk=task.pk).update(status=STATUSES[(index + PROGRESS - 1) % 4])


def timed(client, url) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        elapsed = time.perf_counter() - started
    assert response.status_code == 200 and content, url
    return 1000 * elapsed, len(queries)


def run():
    process = Process.objects.get(code="WGIGF")
    started = time.perf_counter()
    tracker_fill(process)
    tasks = Task.objects.filter(recommendation__process=process).count()
    print(
        f"outcomes: {Recommendation.objects.filter(live=True).count()} recommendations, {tasks} tasks, "
        f"{Progress.objects.count()} progress entries (made in {time.perf_counter() - started:.0f} s)"
    )
    client = Client(SERVER_NAME="localhost")
    client.force_login(get_user_model().objects.filter(is_superuser=True).first())  # signed in: never cached
    print(f"{'uncached page or answer':60} {'ms':>8} {'queries':>8}")
    for url in URLS:
        timed(client, url)  # warm the templates
        ms, queries = timed(client, url)
        print(f"{url:60} {ms:8.0f} {queries:8d}")
    rows = [["Task code", "Recommendation", "Task", "Responsible", "Target", "Target date", "Cost", "Status"]]
    for task in Task.objects.filter(recommendation__process=process).select_related("recommendation")[:2000]:
        rows.append([task.code, task.recommendation.number, task.description, "SECRETARIAT", "", "", "no", "Ongoing"])
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    started = time.perf_counter()
    plan = import_plan(process, buffer.getvalue().encode(), "tracker.csv")
    elapsed = time.perf_counter() - started
    print(f"tracker import of {len(plan.rows)} rows checked in {1000 * elapsed:.0f} ms; valid: {plan.is_valid}")
