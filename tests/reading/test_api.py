"""The open-data API under /api/v1/: calls, topic areas, published inputs only, and their statistics."""

import base64
from datetime import timedelta

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from reference.models import Country
from review.attachments import attachment_is_public
from review.models import ReviewStatus
from review.redactions import passage_redact
from review.services import mapping_create, note_add, passage_create, review_status_set
from submissions.models import Attachment, Submission
from tests.factories import CallPageFactory, SubTopicFactory, focal_point, stakeholder_group
from tests.intake import PDF
from tests.review.conftest import received_input, staff_user

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)
PRIVATE = {"contact_name": "Zyxname Private", "contact_email": "zyx.private@example.org"}


@pytest.fixture
def call(call_index):
    from tests.intake import open_call

    return open_call(call_index)


@pytest.fixture
def published(client, call):
    """Send an input through the real form, map it to topic areas by code, and publish it."""
    admin = staff_user("boss", is_superuser=True)
    # Hungary's and the IGO's inputs come from their focal points: they are verified official submissions.
    focal_point(country="HUN", emails=PRIVATE["contact_email"])
    focal_point(organisation="Regional telecommunications organisation", emails=PRIVATE["contact_email"])
    areas = {question.topic_area.code: question.topic_area for question in call.questions.all()}

    def publish(publication="named", topics=("A",), **overrides):
        submission = received_input(client, call, publication=publication, **{**PRIVATE, **overrides})
        for code in topics:
            mapping_create(submission=submission, topic_area=areas[code], by=admin)
        review_status_set(submission=submission, status=ReviewStatus.PUBLISHED, by=admin)
        return submission

    publish.admin = admin
    return publish


@pytest.fixture
def three_inputs(published):
    """A government from Eastern Europe on A, civil society from Latin America on B, an IGO on A and B."""
    government = published(topics=("A",))
    civil_society = published(
        topics=("B",),
        stakeholder_group=stakeholder_group("CIVIL_SOCIETY").pk,
        country=Country.objects.get(iso3="BRA").pk,
        is_official=None,
        official_role=None,
        language="fr",
    )
    igo = published(
        topics=("A", "B"),
        stakeholder_group=stakeholder_group("IGO").pk,
        country="",
        organisation="Regional Telecommunications Organisation",
    )
    return {"government": government, "civil_society": civil_society, "igo": igo}


def references(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["reference"] for item in response.json()["items"]]


def test_calls_list_live_calls_with_window_status_topics_and_questions(client, call):
    call.topic_areas.set([question.topic_area for question in call.questions.all()])
    call.save()
    now = timezone.now()
    later = CallPageFactory(parent=call.get_parent(), process=call.process, slug="later", opens_at=now + DAY)
    CallPageFactory(parent=call.get_parent(), process=call.process, slug="draft", live=False)

    listed = client.get("/api/v1/calls").json()

    assert [(item["slug"], item["status"]) for item in listed] == [("later", "upcoming"), ("improvements", "open")]
    item = listed[1]
    assert item["id"] == call.pk and item["url"] == call.url and later.url != call.url
    assert item["process"] == "WGIGF" and item["topic_areas"] == ["A", "B"] and item["language"] == "en"
    assert item["opens_at"].endswith("Z") and item["closes_at"].endswith("Z")
    assert [(question["text"], question["topic_area"]) for question in item["questions"]] == [
        ("Outcomes?", "A"),
        ("Modalities?", "B"),
    ]


def test_topic_areas_list_their_process_and_sub_topics(client, call):
    SubTopicFactory(topic_area=call.questions.first().topic_area, code="A.1", title="Outputs")

    listed = client.get("/api/v1/topic-areas").json()

    assert [(item["process"], item["code"]) for item in listed] == [("WGIGF", "A"), ("WGIGF", "B")]
    assert listed[0]["sub_topics"] == [{"code": "A.1", "title": "Outputs"}]
    assert listed[1]["sub_topics"] == []


def test_a_published_input_is_listed_and_read_by_reference_with_nothing_private(client, published):
    submission = published(organisation="Mission of Hungary")
    note_add(submission=submission, text="Zyxnote reviewers only", by=published.admin)

    listing = client.get("/api/v1/inputs")
    detail = client.get(f"/api/v1/inputs/{submission.reference}")

    assert references(listing) == [submission.reference]
    assert detail.status_code == 200 and detail.json() == listing.json()["items"][0]
    item = detail.json()
    assert item["call"] == "improvements" and item["stakeholder_group"] == {"code": "GOVERNMENT", "name": "Government"}
    assert item["country"] == {"iso3": "HUN", "name": "Hungary", "regional_group": "EASTERN_EUROPEAN"}
    assert item["organisation"] == "Mission of Hungary" and item["name"] == "Zyxname Private"
    assert item["topic_areas"] == ["A"] and item["is_official"] is True and item["published_at"].endswith("Z")
    assert item["answers"][0]["text"] == "More tangible outputs, please."
    assert item["answers"][0]["question_text"] == "Outcomes?"
    for body in (listing.content.decode(), detail.content.decode()):
        assert "zyx.private@example.org" not in body and "Zyxnote" not in body and "boss" not in body


def test_unpublished_withdrawn_and_private_inputs_are_absent_and_not_found(client, call, published):
    from submissions.services import submission_withdraw

    visible = published()
    unpublished = received_input(client, call)
    withdrawn = published()
    submission_withdraw(submission=withdrawn)
    made_private = published()
    Submission.objects.filter(pk=made_private.pk).update(publication="private")

    assert references(client.get("/api/v1/inputs")) == [visible.reference]
    for hidden in (unpublished, withdrawn, made_private):
        response = client.get(f"/api/v1/inputs/{hidden.reference}")
        assert response.status_code == 404 and response.json() == {"detail": "Not Found"}
    assert client.get("/api/v1/inputs/NO-SUCH-INPUT").status_code == 404


def test_an_anonymous_input_shows_neither_organisation_nor_name(client, published):
    submission = published(publication="anonymous", organisation="Secret Organisation Zyx")

    response = client.get(f"/api/v1/inputs/{submission.reference}")

    assert response.json()["organisation"] is None and response.json()["name"] is None
    assert "Secret Organisation Zyx" not in response.content.decode()
    assert "Zyxname" not in client.get("/api/v1/inputs").content.decode()


def test_redacted_passages_read_redacted_and_their_words_never_appear(client, published):
    submission = published(general_comment="Call me on 555-0199 please.")
    for source, excerpt in (("answer", "tangible outputs"), ("general_comment", "555-0199")):
        passage = passage_create(submission=submission, source=source, excerpt=excerpt, by=published.admin)
        passage_redact(passage=passage, reason="Personal data", by=published.admin)

    response = client.get(f"/api/v1/inputs/{submission.reference}")

    assert response.json()["answers"][0]["text"] == "More [redacted], please."
    assert response.json()["general_comment"] == "Call me on [redacted] please."
    for body in (response.content.decode(), client.get("/api/v1/inputs").content.decode()):
        assert "tangible outputs" not in body and "555-0199" not in body


def test_only_attachments_the_public_may_download_are_listed(client, published):
    files = [SimpleUploadedFile(name, PDF) for name in ("paper.pdf", "annex.pdf", "old.pdf")]
    submission = published(attachments=files)
    paper, annex, old = (submission.attachments.get(name=name) for name in ("paper.pdf", "annex.pdf", "old.pdf"))
    Attachment.objects.filter(pk=annex.pk).update(text="The annex names Zyx Person.")
    passage = passage_create(submission=submission, source="attachment", excerpt="Zyx Person", by=published.admin)
    passage_redact(passage=passage, reason="Personal data", by=published.admin)
    Attachment.objects.filter(pk=old.pk).update(removed_at=paper.uploaded_at)

    listed = client.get(f"/api/v1/inputs/{submission.reference}").json()["attachments"]

    assert listed == [
        {"name": "paper.pdf", "size": len(PDF), "sha256": paper.sha256, "url": f"/attachments/{paper.pk}/"}
    ]
    for attachment in Attachment.objects.filter(submission=submission):
        assert attachment_is_public(attachment) == (attachment.pk == paper.pk)
    assert client.get(listed[0]["url"]).status_code == 200


def test_each_filter_keeps_only_the_inputs_that_match(client, three_inputs):
    government, civil_society, igo = (three_inputs[name].reference for name in ("government", "civil_society", "igo"))
    expected = {
        "call=improvements": [igo, civil_society, government],
        "call=other": [],
        "topic_area=A": [igo, government],
        "topic_area=B": [igo, civil_society],
        "stakeholder_group=CIVIL_SOCIETY": [civil_society],
        "regional_group=EASTERN_EUROPEAN": [government],
        "country=BRA": [civil_society],
        "language=fr": [civil_society],
        "official=true": [igo, government],
        "official=false": [civil_society],
        "topic_area=A&stakeholder_group=IGO": [igo],
    }
    for query, found in expected.items():
        assert references(client.get(f"/api/v1/inputs?{query}")) == found, query


def test_pages_follow_the_cursor_newest_first_until_none_is_left(client, published):
    made = [published() for _ in range(3)]

    seen, cursor = [], None
    while True:
        page = client.get("/api/v1/inputs", {"limit": 1, **({"cursor": cursor} if cursor else {})}).json()
        seen += [item["reference"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert seen == [submission.reference for submission in reversed(made)]
    assert client.get("/api/v1/inputs", {"limit": 3}).json()["next_cursor"] is None


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor!",
        "e30",  # {}
        base64.urlsafe_b64encode(b'{"pk": "1"}').decode(),
        base64.urlsafe_b64encode(b'{"pk": -3}').decode(),
        base64.urlsafe_b64encode(b"[1]").decode(),
        "é",
    ],
)
def test_a_cursor_the_api_did_not_give_is_refused_with_a_clear_message(client, cursor):
    response = client.get("/api/v1/inputs", {"cursor": cursor})

    assert response.status_code == 400
    assert response.json() == {"detail": "Invalid cursor: pass the next_cursor of a previous page unchanged."}


@pytest.mark.parametrize("limit", [0, 101])
def test_a_page_size_outside_1_to_100_is_refused(client, limit):
    assert client.get("/api/v1/inputs", {"limit": limit}).status_code == 422


def test_a_refused_parameter_is_answered_with_the_documented_422(client):
    schema = client.get("/api/v1/openapi.json").json()
    responses = schema["paths"]["/api/v1/inputs"]["get"]["responses"]

    response = client.get("/api/v1/inputs", {"official": "perhaps"})

    assert response.status_code == 422 and set(responses) == {"200", "400", "422", "429"}  # 429: the throttle
    assert conforms(schema, responses["422"]["content"]["application/json"]["schema"], response.json())
    assert response.json()["detail"][0]["loc"] == ["query", "official"]


def test_a_filter_or_reference_holding_a_nul_byte_matches_nothing(client, published):
    submission = published()

    for name in ("call", "topic_area", "stakeholder_group", "regional_group", "country", "language"):
        assert references(client.get("/api/v1/inputs", {name: "A\x00"})) == [], name
    response = client.get(f"/api/v1/inputs/{submission.reference}%00")

    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}
    assert references(client.get("/api/v1/inputs")) == [submission.reference]


def test_the_number_of_queries_does_not_grow_with_the_page_size(client, published, django_assert_max_num_queries):
    for _ in range(4):
        submission = published(topics=("A", "B"), attachments=[SimpleUploadedFile("paper.pdf", PDF)])
        passage = passage_create(submission=submission, source="answer", excerpt="tangible", by=published.admin)
        passage_redact(passage=passage, reason="Personal data", by=published.admin)

    # Five queries and the public content version, which keys the cached copy (reading/public_cache.py).
    with django_assert_max_num_queries(6) as one:
        assert len(client.get("/api/v1/inputs", {"limit": 1}).json()["items"]) == 1
    with django_assert_max_num_queries(6) as twenty:
        assert len(client.get("/api/v1/inputs", {"limit": 20, "topic_area": "A"}).json()["items"]) == 4
    assert len(one.captured_queries) == len(twenty.captured_queries)


def test_statistics_count_published_inputs_by_group_region_and_topic(client, call, three_inputs):
    received_input(client, call)  # not published: not counted

    stats = client.get("/api/v1/statistics").json()

    assert stats["total"] == 3
    assert stats["by_stakeholder_group"] == [
        {"code": "CIVIL_SOCIETY", "count": 1},
        {"code": "GOVERNMENT", "count": 1},
        {"code": "IGO", "count": 1},
    ]
    assert stats["by_regional_group"] == [
        {"code": "EASTERN_EUROPEAN", "count": 1},
        {"code": "GRULAC", "count": 1},
        {"code": None, "count": 1},
    ]
    assert stats["by_topic_area"] == [{"code": "A", "count": 2}, {"code": "B", "count": 2}]
    assert stats["table"] == [
        {"stakeholder_group": "CIVIL_SOCIETY", "topic_area": "B", "regional_group": "GRULAC", "count": 1},
        {"stakeholder_group": "GOVERNMENT", "topic_area": "A", "regional_group": "EASTERN_EUROPEAN", "count": 1},
        {"stakeholder_group": "IGO", "topic_area": "A", "regional_group": None, "count": 1},
        {"stakeholder_group": "IGO", "topic_area": "B", "regional_group": None, "count": 1},
    ]


def test_the_openapi_schema_documents_every_path_and_no_private_field(client):
    schema = client.get("/api/v1/openapi.json").json()

    assert schema["info"]["title"] == "Multi-stakeholder input portal" and schema["info"]["version"] == "1"
    assert schema["info"]["license"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert "@" in schema["info"]["contact"]["email"]
    assert set(schema["paths"]) == {
        "/api/v1/",
        "/api/v1/calls",
        "/api/v1/topic-areas",
        "/api/v1/inputs",
        "/api/v1/inputs/{reference}",
        "/api/v1/statistics",
        "/api/v1/processes/{code}/recommendations",
        "/api/v1/processes/{code}/recommendations/{slug}",
        "/api/v1/processes/{code}/tracker",
        "/api/v1/processes/{code}/snapshots",
        "/api/v1/processes/{code}/snapshots/compare",
        "/api/v1/processes/{code}/snapshots/{snapshot_id}",
        "/api/v1/processes/{code}/meetings",
    }
    assert all(set(operations) == {"get"} for operations in schema["paths"].values())
    fields = {
        name for component in schema["components"]["schemas"].values() for name in component.get("properties", {})
    }
    assert not fields & {"contact_email", "email", "notes", "note", "assigned_to", "reviewer", "passages", "redactions"}
    errors = schema["paths"]["/api/v1/inputs/{reference}"]["get"]["responses"]["404"]["content"]
    assert errors["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorOut"}


def test_the_api_root_says_where_to_start(client):
    index = client.get("/api/v1/").json()
    assert index["documentation"] == "/api/v1/docs" and index["openapi"] == "/api/v1/openapi.json"
    assert "/api/v1/inputs/{reference}" in index["paths"] and "/api/v1/processes/{code}/tracker" in index["paths"]
    assert client.get(index["documentation"]).status_code == 200


def test_every_listed_input_matches_the_schema_component_for_an_item(client, three_inputs, published):
    published(publication="anonymous", attachments=[SimpleUploadedFile("paper.pdf", PDF)])
    schema = client.get("/api/v1/openapi.json").json()
    page = client.get("/api/v1/inputs").json()

    item_schema = resolved(schema, schema["components"]["schemas"]["InputPage"])["properties"]["items"]["items"]
    assert len(page["items"]) == 4
    for item in page["items"]:
        assert conforms(schema, item_schema, item), item


def resolved(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def conforms(schema: dict, node: dict, value) -> bool:
    """A small JSON Schema check (jsonschema is not installed): types, required and only documented keys."""
    node = resolved(schema, node)
    if "anyOf" in node:
        return any(conforms(schema, option, value) for option in node["anyOf"])
    kinds = {"object": dict, "array": list, "string": str, "integer": int, "boolean": bool, "null": type(None)}
    kind = node.get("type")
    if kind and not isinstance(value, kinds[kind]) or (kind == "integer" and isinstance(value, bool)):
        return False
    if kind == "object":
        properties = node.get("properties", {})
        return (
            set(node.get("required", [])) <= set(value)
            and set(value) <= set(properties)
            and all(conforms(schema, properties[key], item) for key, item in value.items())
        )
    if kind == "array":
        return all(conforms(schema, node["items"], item) for item in value)
    return "enum" not in node or value in node["enum"]


def test_the_api_docs_page_loads_nothing_from_a_cdn(client):
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/" in page
    assert "cdn" not in page.lower() and "unpkg" not in page.lower()


def test_the_api_docs_page_lists_every_path_in_itself_and_loads_its_explorer_only_when_asked(client):
    page = client.get("/api/v1/docs").content.decode()
    for path in client.get("/api/v1/").json()["paths"]:
        assert f"GET {path}</code>" in page
    assert "Parameters of GET /api/v1/inputs" in page
    assert '<script src="/static/ninja/' not in page  # the 1.7 MB explorer is not part of the page's load


def test_the_api_filters_by_the_listing_codes_and_words(client, three_inputs, published):
    sub_topic = SubTopicFactory(topic_area=three_inputs["igo"].mappings.first().topic_area, code="A.9", title="X")
    on_sub_topic = published(general_comment="Captioning for remote hubs.")
    mapping_create(submission=on_sub_topic, topic_area=sub_topic.topic_area, sub_topic=sub_topic, by=published.admin)

    assert references(client.get("/api/v1/inputs", {"sub_topic": "A.9"})) == [on_sub_topic.reference]
    assert references(client.get("/api/v1/inputs", {"q": "captioning remote"})) == [on_sub_topic.reference]
    everything = references(client.get("/api/v1/inputs"))
    assert references(client.get("/api/v1/inputs", {"call": "", "country": ""})) == everything  # empty: no filter


def test_an_answer_emptied_in_an_edit_is_not_published_by_the_api(client, published):
    from submissions.models import Answer

    submission = published()
    question = submission.call.questions.exclude(answers__submission=submission).first()
    Answer.objects.create(submission=submission, question=question, text="")  # kept for a passage, as after an edit
    item = client.get(f"/api/v1/inputs/{submission.reference}").json()
    assert [answer["question"] for answer in item["answers"]] == [submission.answers.exclude(text="").get().question_id]
