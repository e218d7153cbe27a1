"""Demo inputs: a few confirmed inputs from each stakeholder group, so that the reviewers' screens are not empty."""

import uuid

from django.conf import settings
from django.contrib.auth import get_user_model

from reference.models import Country, FocalPoint, StakeholderGroup
from review.services import mapping_create, passage_create, review_status_set
from submissions.models import Submission
from submissions.services import submission_confirm, submission_create

# (stakeholder group, country, organisation, topic code, language, answer, passage mapped to a sub-topic)
DEMO_INPUTS = [
    (
        "GOVERNMENT",
        "HUN",
        "Permanent Mission of Hungary",
        "A",
        "en",
        "The IGF should produce tangible outputs: messages from each main session, sent to the bodies that decide.",
        ("A.1", "messages from each main session"),
    ),
    (
        "CIVIL_SOCIETY",
        "BRA",
        "Coalition for an Open Internet",
        "D",
        "en",
        "Remote participation hubs in developing countries need small grants and reliable captioning.",
        None,
    ),
    (
        "PRIVATE_SECTOR",
        "KEN",
        "Nairobi Internet Exchange",
        "C",
        "en",
        "Voluntary financial contributions should be published each year, with the list of donors.",
        None,
    ),
    (
        "GOVERNMENT",
        "FRA",
        "Représentation permanente de la France",
        "A",
        "fr",
        "Les messages de l'IGF doivent être courts, publiés dans les six langues et transmis aux organisations "
        "qui décident. Un rapport annuel de suivi montrerait ce qu'il en est advenu.",
        ("A.2", "Un rapport annuel de suivi montrerait ce qu'il en est advenu."),
    ),
    (
        "CIVIL_SOCIETY",
        "ARG",
        "Red de Derechos Digitales",
        "D",
        "es",
        "La participación remota debe ser igual a la presencial: mismas colas de palabra y subtítulos en vivo.",
        ("D.1", "mismas colas de palabra y subtítulos en vivo"),
    ),
    (
        "GOVERNMENT",
        "EGY",
        "البعثة الدائمة لجمهورية مصر العربية",
        "C",
        "ar",
        "ينبغي أن يكون تمويل المنتدى مستداما وشفافا، مع نشر قائمة المانحين كل عام.",
        None,
    ),
    (
        "TECHNICAL_ACADEMIC",
        "CHN",
        "互联网治理研究中心",
        "B",
        "zh-hans",
        "多利益相关方咨询小组应当每年轮换三分之一成员，并公开会议记录。",
        None,
    ),
    (
        "IGO",
        None,
        "Regional telecommunications organisation",
        "E",
        "en",
        "Link the IGF to other processes by sending its messages to their secretariats in writing.",
        ("E.1", "sending its messages to their secretariats in writing"),
    ),
    (
        "PRIVATE_SECTOR",
        "RUS",
        "Ассоциация участников рынка интернета",
        "B",
        "ru",
        "Межсессионная работа должна иметь понятный график и отчитываться перед пленарным заседанием.",
        None,
    ),
    (
        "TECHNICAL_ACADEMIC",
        "JPN",
        "University network on Internet governance",
        "B",
        "en",
        "The MAG should rotate a third of its members every year and publish its meeting records.",
        None,
    ),
    (
        "CIVIL_SOCIETY",
        "IND",
        "Digital Inclusion Forum",
        "D",
        "en",
        "Youth and newcomers need travel support and a mentoring programme before each annual meeting.",
        None,
    ),
    (
        "GOVERNMENT",
        "CAN",
        "Permanent Mission of Canada",
        "E",
        "en",
        "National and regional IGF initiatives should report to the global IGF in a common format.",
        None,
    ),
]
PUBLISHED = 9  # the first inputs are published; the rest wait in the reviewers' queue
UNVERIFIED = {"CAN"}  # no focal point: its input waits as "official, unverified" for the secretariat


def demo_focal_points_load() -> None:
    """Focal points for the demo's governments and IGO, at the addresses their inputs come from, so that those
    inputs are verified when confirmed (all but Canada's)."""
    for number, (group, iso3, organisation, *_rest) in enumerate(DEMO_INPUTS, start=1):
        if group not in ("GOVERNMENT", "IGO") or iso3 in UNVERIFIED:
            continue
        country = Country.objects.filter(iso3=iso3).first() if group == "GOVERNMENT" else None
        FocalPoint.objects.get_or_create(
            country=country,
            organisation=organisation,
            defaults={"emails": f"demo{number}@example.org"},
        )


def demo_inputs_load(*, call) -> None:
    """A few confirmed inputs so that the reviewers' list and screens are not empty in the demo."""
    if Submission.objects.filter(call=call).exists():
        return
    demo_focal_points_load()
    questions = {question.topic_area.code: question for question in call.questions.select_related("topic_area")}
    groups = {group.code: group for group in StakeholderGroup.objects.filter(locale=call.locale)}
    for number, (group, iso3, organisation, code, language, answer, passage) in enumerate(DEMO_INPUTS, start=1):
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
                "language": language,
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
        if number <= PUBLISHED:
            demo_input_publish(submission=submission, topic_area=questions[code].topic_area, passage=passage)


def demo_input_publish(*, submission, topic_area, passage=None) -> None:
    """Map (a passage to its sub-topic, or the whole input) and publish, as the demo administrator, so
    that the public listing and the compilations have something to show."""
    administrator = get_user_model().objects.filter(is_superuser=True).first()
    if administrator is None:
        return
    if passage is None:
        mapping_create(submission=submission, topic_area=topic_area, by=administrator)
    else:
        sub_topic_code, excerpt = passage
        selected = passage_create(submission=submission, source="answer", excerpt=excerpt, by=administrator)
        sub_topic = topic_area.sub_topics.get(code=sub_topic_code)
        mapping_create(
            submission=submission, topic_area=topic_area, sub_topic=sub_topic, passage=selected, by=administrator
        )
    review_status_set(submission=submission, status="published", by=administrator)
