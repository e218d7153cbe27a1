"""The secretariat updates the tracker from a spreadsheet through the admin: every row is checked first,
nothing is applied while one row has an error, the same file twice changes nothing, and only the keepers
of the process reach it."""

import io
from datetime import date

import pytest
from openpyxl import Workbook
from wagtail.models import ModelLogEntry

from django.core.files.uploadedfile import SimpleUploadedFile

from outcomes.models import Milestone, Progress, ResponsibleBody, Task
from tests.outcomes.conftest import recommendation_make

pytestmark = pytest.mark.django_db

URL = "/admin/outcomes/tracker-import/"
HEADER = ["Task code", "Recommendation", "Task", "Responsible", "Target", "Target date", "Cost", "Status"]
HEADER += ["Progress date", "Progress note", "Evidence"]


@pytest.fixture
def tracker(call):
    recommendation_make(call.process, number="I.1")
    recommendation_make(call.process, number="II.1")
    Milestone.objects.create(
        process=call.process, code="BEFORE_BALI", name="Before the Bali IGF", due_on=date(2013, 10, 21)
    )
    for code in ("SECRETARIAT", "MAG"):
        ResponsibleBody.objects.get_or_create(code=code, defaults={"name": code.title()})
    return call.process


ROWS = [
    [
        "I.1-A",
        "I.1",
        "Publish messages",
        "SECRETARIAT; MAG",
        "BEFORE_BALI",
        "",
        "yes",
        "Completed",
        "2013-05-01",
        "Done",
        "",
    ],
    [
        "II.1-A",
        "II.1",
        "Rotate MAG members",
        "MAG",
        "",
        "2014-01-31",
        "no",
        "Ongoing",
        "2013-06-01",
        "",
        "https://example.org/e",
    ],
]


def csv_file(rows, header=HEADER, name="tracker.csv"):
    lines = [",".join(f'"{cell}"' for cell in row) for row in [header, *rows]]
    return SimpleUploadedFile(name, ("\ufeff" + "\n".join(lines)).encode())


def xlsx_file(rows, header=HEADER):
    book = Workbook()
    for row in [header, *rows]:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("tracker.xlsx", buffer.getvalue())


def check(client, process, upload):
    return client.post(URL, {"process": process.pk, "file": upload})


def apply(client, response):
    return client.post(f"{URL}apply/", {"key": response.context["key"]})


def stored():
    return {
        "tasks": sorted(Task.objects.values_list("code", "status", "description", "has_cost", "target_on")),
        "bodies": sorted(Task.bodies.through.objects.values_list("task__code", "responsiblebody__code")),
        "progress": Progress.objects.count(),
        "imports": ModelLogEntry.objects.filter(action="outcomes.import").count(),
    }


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_the_secretariat_checks_then_applies_a_tracker_file(client, people, tracker, make):
    client.force_login(people["secretariat"])
    checked = check(client, tracker, make(ROWS))
    assert checked.status_code == 200
    page = checked.content.decode()
    assert page.count("New task") == 2 and "Apply these changes" in page
    assert Task.objects.count() == 0  # checking writes nothing

    applied = apply(client, checked)
    assert "2 new tasks, 0 changed, 0 unchanged, 2 progress entries recorded" in applied.content.decode()
    first, second = Task.objects.order_by("code")
    assert (first.code, first.status, first.milestone.code, first.has_cost) == (
        "I.1-A",
        "completed",
        "BEFORE_BALI",
        True,
    )
    assert sorted(first.bodies.values_list("code", flat=True)) == ["MAG", "SECRETARIAT"]
    assert (second.status, second.target_on) == ("ongoing", date(2014, 1, 31))
    assert second.progress.get().evidence_url == "https://example.org/e"
    entry = ModelLogEntry.objects.get(action="outcomes.import")
    assert entry.user == people["secretariat"] and entry.data["new"] == 2

    again = check(client, tracker, make(ROWS))
    assert again.content.decode().count("Unchanged") == 2
    before = stored()
    apply(client, again)
    assert {**stored(), "imports": before["imports"]} == before  # the same file changes no task, no progress


def test_a_changed_status_records_progress_and_a_changed_column_is_named(client, people, tracker):
    client.force_login(people["secretariat"])
    apply(client, check(client, tracker, csv_file(ROWS)))
    changed = [ROWS[0], [*ROWS[1][:6], "yes", "Completed", "2014-02-01", "Finished", ""]]
    checked = check(client, tracker, csv_file(changed))
    assert "Changes: Cost; progress recorded on 2014-02-01" in checked.content.decode()
    apply(client, checked)
    task = Task.objects.get(code="II.1-A")
    assert task.status == "completed" and task.has_cost
    assert list(task.progress.order_by("on").values_list("status", flat=True)) == ["ongoing", "completed"]


BAD_ROWS = [
    ("unknown recommendation", {1: "IX.9"}, "No recommendation numbered “IX.9” in this process."),
    ("unknown body", {3: "NOBODY"}, "No responsible body is called “NOBODY”."),
    ("unknown target", {4: "NEVER"}, "No target “NEVER” in this process."),
    ("bad date", {5: "31/01/2014"}, "Write the date as YYYY-MM-DD, e.g. 2013-10-21."),
    ("bad cost", {6: "maybe"}, "Write yes or no."),
    ("unknown status", {7: "Finished"}, "Unknown status “Finished”"),
    ("future progress", {8: "2999-01-01"}, "Progress cannot be dated in the future."),
    ("bad evidence", {10: "javascript:alert(1)"}, "Give the evidence as a web address"),
    ("no task code", {0: ""}, "code, e.g. I.1-A."),
    ("formula as a task code", {0: "=HYPERLINK(1)"}, "A task code holds letters, digits"),
]


@pytest.mark.parametrize("case, changes, message", BAD_ROWS, ids=[case for case, *_ in BAD_ROWS])
def test_one_bad_row_is_named_and_nothing_is_applied(client, people, tracker, case, changes, message):
    client.force_login(people["secretariat"])
    bad = list(ROWS[1])
    for index, value in changes.items():
        bad[index] = value
    before = stored()
    response = check(client, tracker, csv_file([ROWS[0], bad]))
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and '<th scope="row">3</th>' in page  # the row, numbered as the spreadsheet does
    assert "Apply these changes" not in page and "key" not in response.context
    assert stored() == before


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("tracker.pdf", b"%PDF-1.4"), "Send the tracker as a CSV or XLSX file."),
        (SimpleUploadedFile("tracker.csv", b""), "The submitted file is empty."),
        (SimpleUploadedFile("tracker.csv", b"\n\n"), "The file is empty."),
        (SimpleUploadedFile("tracker.csv", b"Task code,Status\n"), "Columns missing: Recommendation, Task."),
        (SimpleUploadedFile("tracker.csv", b"\xff\xfe\x00bad"), "not UTF-8 text"),
        (SimpleUploadedFile("tracker.xlsx", b"PK\x03\x04broken"), "This XLSX file could not be read."),
        (csv_file([]), "The file has a header but no rows."),
        (csv_file([ROWS[0], ROWS[0]]), "This task is also on row 2."),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_its_reason(client, people, tracker, upload, message):
    client.force_login(people["secretariat"])
    before = stored()
    response = check(client, tracker, upload)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert stored() == before


def test_too_many_rows_are_refused(client, people, tracker, settings):
    settings.TRACKER_IMPORT_MAX_ROWS = 1
    client.force_login(people["secretariat"])
    response = check(client, tracker, csv_file(ROWS))
    assert response.status_code == 400 and "At most 1 rows per import." in response.content.decode()


def test_only_the_keepers_of_a_process_import_into_it(client, people, tracker):
    anonymous = client.get(URL)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]

    client.force_login(people["staff"])  # Wagtail answers a refusal in its admin by sending to the dashboard
    for response in (client.get(URL), client.post(URL, {"process": tracker.pk, "file": csv_file(ROWS)})):
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "Import the tracker" not in client.get("/admin/").content.decode()

    client.force_login(people["other_secretariat"])
    page = client.get(URL).content.decode()
    assert "Another body" in page and "Working Group" not in page
    refused = check(client, tracker, csv_file(ROWS))
    assert refused.status_code == 400 and "Select a valid choice" in refused.content.decode()
    assert not Task.objects.exists()


def test_a_check_cannot_be_applied_by_someone_else_or_twice(client, people, tracker):
    client.force_login(people["secretariat"])
    checked = check(client, tracker, csv_file(ROWS))
    client.force_login(people["chair"])
    assert apply(client, checked).status_code == 400  # the key is the sender's
    assert not Task.objects.exists()
    client.force_login(people["secretariat"])
    assert apply(client, checked).status_code == 200
    assert apply(client, checked).status_code == 400  # used once
    assert Task.objects.count() == 2


@pytest.mark.parametrize(("kind", "language"), [("csv", "en"), ("xlsx", "en"), ("csv", "es"), ("csv", "ar")])
def test_the_public_trackers_download_comes_back_unchanged(client, people, tracker, home_page, kind, language):
    """In any language: its headers, statuses and yes or no are the download's language's."""
    from home.models import RecommendationIndexPage

    home_page.add_child(instance=RecommendationIndexPage(title="Recommendations", slug="recs", process=tracker))
    client.force_login(people["secretariat"])
    apply(client, check(client, tracker, csv_file(ROWS)))
    client.logout()
    download = b"".join(client.get(f"/{language}/recs/tracker/download/{kind}/").streaming_content)
    client.force_login(people["secretariat"])
    checked = check(client, tracker, SimpleUploadedFile(f"tracker.{kind}", download))
    assert checked.status_code == 200
    assert checked.content.decode().count("Unchanged") == 2
