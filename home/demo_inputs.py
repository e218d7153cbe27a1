"""Demo inputs: a few confirmed inputs from each stakeholder group, so that the reviewers' screens are not empty."""

import uuid

from django.conf import settings

from .models import Country, StakeholderGroup

# (stakeholder group, country, organisation, topic code, answer)
DEMO_INPUTS = [
    (
        "GOVERNMENT",
        "HUN",
        "Permanent Mission of Hungary",
        "A",
        "The IGF should produce tangible outputs: messages from each main session, sent to the bodies that decide.",
    ),
    (
        "CIVIL_SOCIETY",
        "BRA",
        "Coalition for an Open Internet",
        "D",
        "Remote participation hubs in developing countries need small grants and reliable captioning.",
    ),
    (
        "PRIVATE_SECTOR",
        "KEN",
        "Nairobi Internet Exchange",
        "C",
        "Voluntary financial contributions should be published each year, with the list of donors.",
    ),
    (
        "TECHNICAL_ACADEMIC",
        "JPN",
        "University network on Internet governance",
        "B",
        "The MAG should rotate a third of its members every year and publish its meeting records.",
    ),
    (
        "IGO",
        None,
        "Regional telecommunications organisation",
        "E",
        "Link the IGF to other processes by sending its messages to their secretariats in writing.",
    ),
]


def demo_inputs_load(*, call) -> None:
    """A few confirmed inputs so that the reviewers' list and screens are not empty in the demo."""
    from submissions.models import Submission
    from submissions.services import submission_confirm, submission_create

    if Submission.objects.filter(call=call).exists():
        return
    questions = {question.topic_area.code: question for question in call.questions.select_related("topic_area")}
    groups = {group.code: group for group in StakeholderGroup.objects.filter(locale=call.locale)}
    for number, (group, iso3, organisation, code, answer) in enumerate(DEMO_INPUTS, start=1):
        submission, _ = submission_create(
            call=call,
            data={
                "stakeholder_group": groups[group],
                "organisation": organisation,
                "country": Country.objects.filter(iso3=iso3).first(),
                "is_official": group in ("GOVERNMENT", "IGO"),
                "official_role": "Delegate" if group in ("GOVERNMENT", "IGO") else "",
                "contact_name": f"Demo person {number}",
                "contact_email": f"demo{number}@example.org",
                "language": "en",
                "general_comment": "",
                "publication": "named",
            },
            answers={questions[code]: answer},
            files=[],
            form_key=uuid.uuid5(uuid.NAMESPACE_URL, f"demo-input-{number}"),
            privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
        )
        submission_confirm(submission=submission)
        submission.refresh_from_db()
        if number <= 3:
            demo_input_publish(submission=submission, topic_area=questions[code].topic_area)


def demo_input_publish(*, submission, topic_area) -> None:
    """Map and publish, as the demo administrator, so that the public listing has something to show."""
    from django.contrib.auth import get_user_model

    from review.services import mapping_create, review_status_set

    administrator = get_user_model().objects.filter(is_superuser=True).first()
    if administrator is None:
        return
    mapping_create(submission=submission, topic_area=topic_area, by=administrator)
    review_status_set(submission=submission, status="published", by=administrator)
