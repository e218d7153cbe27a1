"""Recommendations are drafted in the admin by the secretariat of their process, with revisions, locking
and the two-step workflow; nobody else reaches them, through any admin URL."""

import pytest
from wagtail.models import WorkflowState

from django.urls import reverse

from outcomes.models import Citation, Recommendation, Task
from tests.factories import stakeholder_group
from tests.outcomes.conftest import recommendation_make

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/outcomes/recommendation/"


def edit_url(recommendation):
    return f"{LIST}edit/{recommendation.pk}/"


def object_urls(recommendation) -> list[str]:
    pk = recommendation.pk
    revision = recommendation.latest_revision
    return [
        f"{LIST}edit/{pk}/",
        f"{LIST}delete/{pk}/",
        f"{LIST}history/{pk}/",
        f"{LIST}usage/{pk}/",
        f"{LIST}lock/{pk}/",
        f"{LIST}unlock/{pk}/",
        f"{LIST}history/{pk}/revisions/{revision.pk}/revert/",
        f"{LIST}history/{pk}/revisions/compare/earliest...{revision.pk}/",
        f"{LIST}workflow_history/{pk}/",
        f"{LIST}copy/{pk}/",
        f"{LIST}unpublish/{pk}/",
        f"/admin/snippets/choose/outcomes/recommendation/chosen/{pk}/",
    ]


def form(recommendation_or_process, area, **overrides):
    data = {
        "process": recommendation_or_process.pk,
        "topic_area": area.pk,
        "number": "I.2",
        "sort_order": "2",
        "meeting": "",
        "title": "Formulate a set of policy questions",
        "text": "The forum should formulate a set of policy questions for each annual meeting.",
        "rationale": "",
        "standing": "majority",
        "alternatives-TOTAL_FORMS": "1",
        "alternatives-INITIAL_FORMS": "0",
        "alternatives-MIN_NUM_FORMS": "0",
        "alternatives-MAX_NUM_FORMS": "1000",
        "alternatives-0-text": "The forum may formulate policy questions where its participants agree.",
        "alternatives-0-ORDER": "1",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data


def test_the_secretariat_drafts_a_recommendation_with_an_alternative_and_it_stays_a_draft(client, call, people):
    client.force_login(people["secretariat"])
    area = call.questions.first().topic_area

    civil_society = stakeholder_group("CIVIL_SOCIETY")

    response = client.post(
        f"{LIST}add/", form(call.process, area, **{"alternatives-0-supporting_groups": [civil_society.pk]})
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    recommendation = Recommendation.objects.get(number="I.2")
    assert not recommendation.live and recommendation.latest_revision is not None
    assert [item.text for item in recommendation.alternatives.all()] == [
        "The forum may formulate policy questions where its participants agree."
    ]
    # Who supports the alternative is kept in the revision and survives its publication.
    drafted = recommendation.latest_revision.as_object().alternatives.all()[0]
    assert list(drafted.supporting_groups.all()) == [civil_society]
    recommendation.latest_revision.publish()
    assert list(recommendation.alternatives.get().supporting_groups.all()) == [civil_society]


def test_a_topic_area_of_another_process_is_refused_and_nothing_is_stored(client, call, people):
    from tests.factories import TopicAreaFactory

    client.force_login(people["secretariat"])
    foreign = TopicAreaFactory(process=people["other_process"], code="Z")

    response = client.post(f"{LIST}add/", form(call.process, foreign))

    assert response.status_code == 200
    assert "This topic area belongs to another process." in response.content.decode()
    assert not Recommendation.objects.exists()


def test_a_citation_names_a_published_input_by_its_reference(client, call, people, published):
    client.force_login(people["secretariat"])
    submission = published()
    area = call.questions.first().topic_area
    citation = {
        "citations-TOTAL_FORMS": "1",
        "citations-0-submission": submission.reference,
        "citations-0-passage": "",
        "citations-0-ORDER": "1",
    }

    response = client.post(f"{LIST}add/", form(call.process, area, **citation))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Citation.objects.get().submission == submission
    edit = client.get(edit_url(Recommendation.objects.get()))
    assert f'value="{submission.reference}"' in edit.content.decode()


def test_citing_an_input_that_is_not_published_is_refused_with_a_message(client, call, people, published):
    from review.services import review_status_set

    client.force_login(people["secretariat"])
    submission = published()
    review_status_set(submission=submission, status="not_published", reason="out_of_scope", by=published.admin)
    area = call.questions.first().topic_area
    citation = {
        "citations-TOTAL_FORMS": "1",
        "citations-0-submission": submission.reference,
        "citations-0-passage": "",
        "citations-0-ORDER": "1",
    }

    response = client.post(f"{LIST}add/", form(call.process, area, **citation))

    assert response.status_code == 200
    assert "No published input has this reference." in response.content.decode()
    assert not Recommendation.objects.exists() and not Citation.objects.exists()


def test_the_workflow_takes_a_draft_through_agreement_to_publication(client, call, people):
    area = call.questions.first().topic_area
    client.force_login(people["secretariat"])
    client.post(f"{LIST}add/", form(call.process, area))
    recommendation = Recommendation.objects.get()
    data = form(call.process, area, **{"action-submit": "submit", "alternatives-TOTAL_FORMS": "0"})

    response = client.post(edit_url(recommendation), data)

    assert response.status_code == 302
    state = WorkflowState.objects.get(object_id=str(recommendation.pk))
    assert state.current_task_state.task.name == "Agreed by the working group"

    def approve(user):
        client.force_login(user)
        task_state = WorkflowState.objects.get(pk=state.pk).current_task_state
        url = reverse(
            "wagtailsnippets_outcomes_recommendation:workflow_action",
            args=[recommendation.pk, "approve", task_state.pk],
        )
        return client.post(url, {"comment": ""})

    assert approve(people["other_secretariat"]).status_code == 404  # another process's secretariat
    approve(people["chair"])
    recommendation.refresh_from_db()
    assert not recommendation.live
    assert WorkflowState.objects.get(pk=state.pk).current_task_state.task.name == "Published by the secretariat"
    approve(people["secretariat"])
    recommendation.refresh_from_db()
    assert recommendation.live and recommendation.title == "Formulate a set of policy questions"


def test_revisions_compare_and_a_lock_holds_off_another_editor(client, call, people):
    recommendation = recommendation_make(call.process, text="Develop more tangible outputs.")
    recommendation.text = "Develop more tangible and visible outputs."
    later = recommendation.save_revision(user=people["secretariat"])
    client.force_login(people["secretariat"])

    compare = client.get(f"{LIST}history/{recommendation.pk}/revisions/compare/earliest...{later.pk}/")

    assert compare.status_code == 200
    assert "visible" in compare.content.decode()
    assert client.post(f"{LIST}lock/{recommendation.pk}/").status_code == 302
    client.force_login(people["chair"])
    area = call.questions.first().topic_area
    response = client.post(edit_url(recommendation), form(call.process, area, number="I.1", title="Changed"))
    recommendation.refresh_from_db()
    assert recommendation.title != "Changed"
    assert "locked" in response.content.decode().lower() or response.status_code in (302, 403)


@pytest.mark.parametrize("who", ["other_secretariat", "staff", "anonymous"])
def test_nobody_outside_the_process_reaches_its_recommendations_through_any_admin_url(client, call, people, who):
    recommendation = recommendation_make(call.process, text="Words only the process's secretariat may read.")
    if who != "anonymous":
        client.force_login(people[who])

    listing = client.get(LIST)
    for url in object_urls(recommendation):
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code == 302 and "/admin/login/" in response["Location"], url
        else:
            assert response.status_code in (403, 404), (url, response.status_code)
    chooser = client.get("/admin/snippets/choose/outcomes/recommendation/")
    if who != "anonymous":
        assert "I.1" not in listing.content.decode()
        assert "I.1" not in chooser.content.decode()


def test_the_secretariat_reaches_each_admin_url_of_its_own_recommendation(client, call, people):
    recommendation = recommendation_make(call.process, text="Develop more tangible outputs.")
    client.force_login(people["secretariat"])

    assert "I.1" in client.get(LIST).content.decode()
    assert "I.1" in client.get("/admin/snippets/choose/outcomes/recommendation/").content.decode()
    for url in object_urls(recommendation):
        if "/lock/" in url or "/unlock/" in url:
            continue  # actions by POST
        assert client.get(url).status_code == 200, url


def test_tasks_of_another_process_are_neither_listed_nor_opened(client, call, people):
    recommendation = recommendation_make(call.process)
    task = Task.objects.create(recommendation=recommendation, code="I.1-A", description="Publish outputs online.")
    client.force_login(people["other_secretariat"])

    assert "Publish outputs online" not in client.get("/admin/snippets/outcomes/task/").content.decode()
    assert client.get(f"/admin/snippets/outcomes/task/edit/{task.pk}/").status_code == 404
    client.force_login(people["secretariat"])
    assert client.get(f"/admin/snippets/outcomes/task/edit/{task.pk}/").status_code == 200


def test_the_task_listings_downloads_are_typed_and_run_no_formula_and_hold_only_the_process_tasks(client, call, people):
    import csv
    import io
    from datetime import date

    from openpyxl import load_workbook

    recommendation = recommendation_make(call.process)
    Task.objects.create(
        recommendation=recommendation, code="I.1-A", description="=HYPERLINK(1)", target_on=date(2026, 3, 1)
    )
    other = recommendation_make(people["other_process"], number="II.9")
    Task.objects.create(recommendation=other, code="II.9-A", description="Another body's task.")
    client.force_login(people["secretariat"])

    xlsx = client.get("/admin/snippets/outcomes/task/", {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:G2"
    header = [cell.value for cell in sheet[1]]
    row = dict(zip(header, sheet[2], strict=True))
    assert row["Code"].value == "I.1-A" and sheet.max_row == 2  # not the other process's task
    assert row["Task"].data_type == "s" and row["Task"].value == "'=HYPERLINK(1)"
    assert row["Target date"].is_date and row["Target date"].value.date() == date(2026, 3, 1)
    assert row["Target date"].number_format == "yyyy-mm-dd"
    assert row["Cost"].data_type == "b" and row["Cost"].value is False

    body = b"".join(client.get("/admin/snippets/outcomes/task/", {"export": "csv"}).streaming_content)
    assert body.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert [(item["Code"], item["Task"]) for item in rows] == [("I.1-A", "'=HYPERLINK(1)")]


def test_the_form_warns_of_a_cited_passage_redacted_since(client, call, people, published):
    from review.redactions import passage_redact
    from review.services import passage_create

    submission = published()
    passage = passage_create(
        submission=submission,
        source="answer",
        excerpt="More tangible outputs",
        by=published.admin,
        answer=submission.answers.first(),
    )
    recommendation = recommendation_make(call.process)
    Citation.objects.create(recommendation=recommendation, submission=submission, passage=passage)
    client.force_login(people["secretariat"])
    assert "can no longer be shown" not in client.get(edit_url(recommendation)).content.decode()

    passage_redact(passage=passage, reason="a personal detail", by=published.admin)

    html = client.get(edit_url(recommendation)).content.decode()
    assert "One citation can no longer be shown to the public" in html
    assert f"{submission.reference}, passage {passage.pk}: The passage is redacted" in html
