"""Helpers for intake tests: an open call with questions, a valid form, what is stored, and mail delivered."""

import os

from post_office.mail import send_queued
from post_office.models import Email

from django.conf import settings
from django.core import mail

from reference.models import Country
from submissions.forms import form_token_make
from submissions.models import Answer, Attachment, Submission, SubmissionVersion
from tests.factories import CallPageFactory, ProcessFactory, QuestionFactory, TopicAreaFactory, stakeholder_group

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def open_call(parent, **kwargs):
    """An open call of process WGIGF with two guiding questions (topics A and B)."""
    process = ProcessFactory(code="WGIGF", name="Working Group")
    call = CallPageFactory(parent=parent, process=process, title="Improvements", slug="improvements", **kwargs)
    QuestionFactory(call=call, topic_area=TopicAreaFactory(process=process, code="A"), text="Outcomes?", max_length=500)
    QuestionFactory(call=call, topic_area=TopicAreaFactory(process=process, code="B"), text="Modalities?")
    return call


def form_data(call, **overrides) -> dict:
    """A valid input as a browser would post it."""
    questions = list(call.questions.all())
    data = {
        "stakeholder_group": stakeholder_group("GOVERNMENT").pk,
        "organisation": "Permanent Mission of Hungary",
        "country": Country.objects.get(iso3="HUN").pk,
        "is_official": "on",
        "official_role": "Special Advisor",
        "contact_name": "Peter Major",
        "contact_email": "peter@example.org",
        "language": "en",
        f"answer_{questions[0].pk}": "More tangible outputs, please.",
        f"answer_{questions[1].pk}": "",
        "general_comment": "",
        "publication": "named",
        "wants_updates": "on",
        "accept_privacy": "on",
        "website": "",
        "form_token": form_token_make(),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def stored_state() -> dict:
    """Everything an input leaves behind: rows, queued mail, and files in private storage."""
    files = sorted(
        os.path.join(root, name) for root, _dirs, names in os.walk(settings.PRIVATE_MEDIA_ROOT) for name in names
    )
    return {
        "inputs": Submission.objects.count(),
        "answers": Answer.objects.count(),
        "attachments": Attachment.objects.count(),
        "versions": SubmissionVersion.objects.count(),
        "mails": Email.objects.count(),
        "files": files,
    }


def outbox_deliver() -> list:
    """Deliver queued mail in-process, as the worker does, and return what this delivery sent."""
    already = len(mail.outbox)
    send_queued()
    return mail.outbox[already:]


def mails(mailbox) -> list[str]:
    """The messages Django's file backend wrote into `mailbox` (one file per delivery run, each message
    ended by a dashed line)."""
    return [
        message
        for path in sorted(mailbox.glob("*.log"))
        for message in path.read_text().split("-" * 79)
        if message.strip()
    ]


def mails_with(mailbox, text: str) -> list[str]:
    return [message for message in mails(mailbox) if text in message]
