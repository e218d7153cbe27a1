"""The intake's rules live in the service: a caller other than the form (an import, the demo loader, a
future API) meets them too, and a refused input leaves nothing behind."""

import uuid

import pytest

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from reference.models import Country
from submissions import services
from tests.factories import stakeholder_group
from tests.intake import open_call, stored_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(call_index):
    return open_call(call_index)


def valid_data(**changes) -> dict:
    data = {
        "stakeholder_group": stakeholder_group("GOVERNMENT"),
        "organisation": "Permanent Mission of Hungary",
        "country": Country.objects.get(iso3="HUN"),
        "is_official": True,
        "official_role": "Special Advisor",
        "contact_name": "Peter Major",
        "contact_email": "peter@example.org",
        "language": "en",
        "general_comment": "",
        "publication": "named",
    }
    data.update(changes)
    return data


def create(call, data, answers):
    return services.submission_create(
        call=call, data=data, answers=answers, files=[], form_key=uuid.uuid4(), privacy_notice_version="1"
    )


def first_answer(call, text="More tangible outputs."):
    return {question: (text if index == 0 else "") for index, question in enumerate(call.questions.all())}


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"country": None}, "country", "Choose the country: it is required for Government."),
        (
            {"stakeholder_group": "CIVIL_SOCIETY"},
            "is_official",
            "Only governments and intergovernmental organisations submit officially.",
        ),
        ({"official_role": ""}, "official_role", "Give your role or title for an official submission."),
    ],
)
def test_a_direct_caller_meets_the_rules_and_stores_nothing(call, changes, field, message):
    if changes.get("stakeholder_group"):
        changes = {**changes, "stakeholder_group": stakeholder_group(changes["stakeholder_group"])}
    before = stored_state()
    with pytest.raises(ValidationError) as refused:
        create(call, valid_data(**changes), first_answer(call))
    assert refused.value.message_dict[field] == [message]
    assert stored_state() == before


def test_an_input_with_nothing_said_is_refused_by_the_service(call):
    before = stored_state()
    with pytest.raises(ValidationError) as refused:
        create(call, valid_data(), first_answer(call, text=""))
    assert refused.value.message_dict[NON_FIELD_ERRORS] == ["Answer at least one question, or write a general comment."]
    assert stored_state() == before


def test_an_edit_meets_the_same_rules_and_changes_nothing(call):
    submission, created = create(call, valid_data(), first_answer(call))
    assert created
    before = stored_state()
    with pytest.raises(ValidationError) as refused:
        services.submission_update(
            submission=submission,
            data=valid_data(official_role=""),
            answers=first_answer(call),
            files=[],
            removed_ids=[],
        )
    assert "official_role" in refused.value.message_dict
    submission.refresh_from_db()
    assert submission.official_role == "Special Advisor"
    assert stored_state() == before


def test_a_valid_input_from_a_direct_caller_is_stored(call):
    submission, created = create(call, valid_data(general_comment="A general comment."), first_answer(call, ""))
    assert created
    assert submission.general_comment == "A general comment."
