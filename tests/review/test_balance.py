"""The secretariat sees a call's participation balance against its targets, and hears once of each cell
under target a set number of days before the deadline."""

import csv
import io
from datetime import timedelta

import pytest
from openpyxl import load_workbook
from post_office.models import Email

from django.utils import timezone

from reference.models import Country, RegionalGroup, TopicArea
from review.models import BalanceAlert, BalanceSettings, BalanceTarget
from submissions.services import submission_withdraw
from tests.factories import stakeholder_group
from tests.intake import form_data
from tests.review.conftest import received_input

pytestmark = pytest.mark.django_db


def report_url(call) -> str:
    return f"/admin/reports/balance/{call.pk}/"


def igo_input(client, call):
    """An input without a country, answering only the question of topic area B."""
    first, second = call.questions.all()
    return received_input(
        client,
        call,
        stakeholder_group=stakeholder_group("IGO").pk,
        country=None,
        is_official=None,
        **{f"answer_{first.pk}": "", f"answer_{second.pk}": "Modalities matter."},
    )


def target(call, minimum, topic=None, group=None, region=None) -> BalanceTarget:
    return BalanceTarget.objects.create(
        call=call,
        minimum=minimum,
        topic_area=TopicArea.objects.get(process=call.process, code=topic) if topic else None,
        stakeholder_group=stakeholder_group(group) if group else None,
        regional_group=RegionalGroup.objects.get(code=region) if region else None,
    )


def download(client, call, kind) -> dict[tuple, list]:
    response = client.get(f"{report_url(call)}{kind}/")
    assert response.status_code == 200
    if kind == "csv":
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    else:
        rows = [
            ["" if cell is None else cell for cell in row]
            for row in load_workbook(io.BytesIO(response.content)).active.values
        ]
    assert rows[0] == ["topic_area", "stakeholder_group", "regional_group", "count", "target"]
    return {tuple(row[:3]): [str(value) for value in row[3:]] for row in rows[1:]}


def test_the_table_counts_confirmed_inputs_published_or_not_and_no_others(client, call, people):
    received_input(client, call)  # Hungary's government, on topic area A, not published
    igo_input(client, call)
    client.post(f"{call.url}submit/", form_data(call, contact_email="never@example.org"))  # never confirmed
    submission_withdraw(submission=received_input(client, call, contact_email="gone@example.org"))
    target(call, 3, "A", "GOVERNMENT", "EASTERN_EUROPEAN")
    target(call, 1, group="IGO")

    client.force_login(people["secretariat"])
    page = client.get(report_url(call)).content.decode()

    assert "2 confirmed inputs to this call." in page
    assert "under target" in page and "target 3" in page  # said in words, not colour only
    assert "1 of 3" in page  # the list of cells under target
    assert "Intergovernmental organisation" in page and "No region" in page
    for kind in ("csv", "xlsx"):
        cells = download(client, call, kind)
        assert cells["any", "any", "any"] == ["2", ""]
        assert cells["A", "GOVERNMENT", "EASTERN_EUROPEAN"] == ["1", "3"]
        assert cells["A", "any", "any"] == ["1", ""]
        assert cells["B", "IGO", "none"] == ["1", ""]
        assert cells["any", "IGO", "any"] == ["1", "1"]
        assert cells["none", "any", "any"] == ["0", ""]


def test_a_mapping_adds_its_topic_area(client, call, people):
    from review.services import mapping_create

    submission = received_input(client, call)
    mapping_create(submission=submission, topic_area=TopicArea.objects.get(code="B"), by=people["secretariat"])

    client.force_login(people["secretariat"])
    cells = download(client, call, "csv")
    assert cells["A", "GOVERNMENT", "any"] == ["1", ""] and cells["B", "GOVERNMENT", "any"] == ["1", ""]
    assert cells["any", "GOVERNMENT", "any"] == ["1", ""]  # once over all topic areas


@pytest.mark.parametrize("role", ["call_reviewer", "other_reviewer", "other_secretariat", "staff"])
def test_only_the_secretariat_of_the_process_sees_the_balance(client, call, people, role):
    received_input(client, call)
    kept = target(call, 2, group="GOVERNMENT")
    client.force_login(people[role])

    for url in (report_url(call), f"{report_url(call)}csv/", f"/admin/balance_targets/edit/{kept.pk}/"):
        assert client.get(url).status_code == 404, url
    listing = client.get("/admin/balance_targets/")
    assert listing.status_code in (200, 302, 403) and "Government" not in listing.content.decode()
    client.post(f"/admin/balance_targets/delete/{kept.pk}/")
    assert BalanceTarget.objects.filter(pk=kept.pk).exists()


def test_anonymous_readers_are_sent_to_sign_in(client, call):
    for url in (report_url(call), f"{report_url(call)}xlsx/", "/admin/reports/balance/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_secretariat_sets_targets_and_bad_ones_are_refused_with_nothing_stored(client, call, call_index, people):
    from tests.factories import CallPageFactory, ProcessFactory

    foreign_call = CallPageFactory(parent=call_index, process=ProcessFactory(code="OTHER"))
    client.force_login(people["secretariat"])
    area = TopicArea.objects.get(process=call.process, code="A")
    fields = {"call": call.pk, "topic_area": area.pk, "stakeholder_group": "", "regional_group": "", "minimum": 4}

    response = client.post("/admin/balance_targets/new/", fields)
    assert response.status_code == 302
    assert BalanceTarget.objects.get().minimum == 4

    refusals = [
        ({"minimum": 0}, "Ensure this value is greater than or equal to 1."),
        ({"minimum": ""}, "This field is required."),
        ({}, "This call already has a target for this topic area, stakeholder group and regional group."),
        ({"call": foreign_call.pk}, "Select a valid choice."),  # another process's call
    ]
    for changes, message in refusals:
        response = client.post("/admin/balance_targets/new/", {**fields, **changes})
        assert response.status_code == 200 and message in response.content.decode(), message
    assert BalanceTarget.objects.count() == 1

    response = client.post("/admin/balance_settings/new/", {"call": call.pk, "alert_days": 0})
    assert "Ensure this value is greater than or equal to 1." in response.content.decode()
    assert not BalanceSettings.objects.exists()
    assert client.post("/admin/balance_settings/new/", {"call": call.pk, "alert_days": 10}).status_code == 302
    assert BalanceSettings.objects.get(call=call).alert_days == 10


def test_a_topic_area_of_another_process_is_refused(client, call, people):
    from tests.factories import ProcessFactory, TopicAreaFactory

    foreign = TopicAreaFactory(process=ProcessFactory(code="ELSE"), code="Z")
    client.force_login(people["administrator"])
    response = client.post(
        "/admin/balance_targets/new/",
        {"call": call.pk, "topic_area": foreign.pk, "stakeholder_group": "", "regional_group": "", "minimum": 1},
    )
    assert "This topic area belongs to another process than the call&#x27;s." in response.content.decode()
    assert not BalanceTarget.objects.exists()


def test_no_alert_before_the_set_days_before_the_deadline(client, call, people):
    from review.balance_service import balance_alerts_send

    target(call, 1, group="IGO")  # the call closes in 30 days; the default is 7
    assert balance_alerts_send() == 0
    BalanceSettings.objects.create(call=call, alert_days=31)
    assert balance_alerts_send() == 1
    assert balance_alerts_send() == 0
    assert balance_alerts_send(now=call.closes_at + timedelta(minutes=1)) == 0


@pytest.fixture
def closing_call(call):
    call.closes_at = timezone.now() + timedelta(days=3)
    call.save()
    return call


def test_alerts_go_once_per_cell_under_target_through_a_real_worker(client, closing_call, people, celery_worker):
    from portal.celery import app as celery_app
    from review.tasks import balance_alerts_send_task
    from tests.workers import wait_for

    call = closing_call
    received_input(client, call, country=Country.objects.get(iso3="KEN").pk)
    under_igo = target(call, 1, group="IGO")
    under_africa = target(call, 2, "A", region="AFRICAN")
    target(call, 1, region="AFRICAN")  # reached

    def runs() -> int:
        stats = celery_app.control.inspect([celery_worker.name], timeout=1).stats() or {}
        return stats.get(celery_worker.name, {}).get("total", {}).get("review.tasks.balance_alerts_send", 0)

    balance_alerts_send_task.delay()
    balance_alerts_send_task.delay()  # a second beat, or the next hour: nobody hears twice
    wait_for(lambda: runs() == 2)  # a solo worker answers between tasks: both runs are over

    alerts = Email.objects.filter(to="secretariat@example.org", subject__startswith="Under target")
    assert alerts.count() == 2
    assert {alert.target_id: alert.count for alert in BalanceAlert.objects.all()} == {
        under_igo.pk: 0,
        under_africa.pk: 1,
    }
    bodies = " ".join(alert.message for alert in alerts)
    assert "Confirmed inputs: 0; target: 1." in bodies and "Confirmed inputs: 1; target: 2." in bodies
    assert f"/admin/reports/balance/{call.pk}/" in bodies
    assert not Email.objects.filter(to="other_secretariat@example.org").exists()
