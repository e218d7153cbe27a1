"""Every bad input gets a clear message and leaves nothing behind: no row, no file, no mail."""

from datetime import timedelta

import pytest
import time_machine

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from reference.models import Country
from submissions.models import Submission
from tests.documents import DOCX, MACRO_CONTENT_TYPES_XML, pdf_bytes, with_central_record, zip_bytes
from tests.factories import stakeholder_group
from tests.intake import form_data, open_call, stored_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(call_index):
    return open_call(call_index)


def pdf(name="paper.pdf", data=None):
    return SimpleUploadedFile(name, data if data is not None else pdf_bytes())


def question_field(call, index=0):
    return f"answer_{list(call.questions.all())[index].pk}"


def no_answers(call):
    return {question_field(call, 0): "", question_field(call, 1): "", "general_comment": ""}


ZIP_BOMB = with_central_record(zip_bytes(DOCX), "word/document.xml", file_size=200 * 1024 * 1024)
MACRO_DOCX = zip_bytes({**DOCX, "[Content_Types].xml": MACRO_CONTENT_TYPES_XML, "word/vbaProject.bin": b"\0" * 64})

# (case, changes to the valid form: a dict or a function of the call, status, words the person reads)
CASES = [
    ("no stakeholder group", {"stakeholder_group": ""}, 400, "This field is required."),
    ("unknown stakeholder group", {"stakeholder_group": "999999"}, 400, "Select a valid choice."),
    ("government without a country", {"country": ""}, 400, "Choose the country: it is required for Government."),
    ("unknown country", {"country": "999999"}, 400, "Select a valid choice."),
    (
        "civil society submitting officially",
        lambda call: {"stakeholder_group": stakeholder_group("CIVIL_SOCIETY").pk},
        400,
        "Only governments and intergovernmental organisations submit officially.",
    ),
    ("official without a role", {"official_role": ""}, 400, "Give your role or title for an official submission."),
    ("nothing answered", no_answers, 400, "Answer at least one question, or write a general comment."),
    (
        "answer over its limit",
        lambda call: {question_field(call): "x" * 501},
        400,
        "Ensure this value has at most 500 characters (it has 501).",
    ),
    ("general comment over its limit", {"general_comment": "x" * 10_001}, 400, "at most 10000 characters"),
    ("NUL byte in an answer", lambda call: {question_field(call): "a\x00b"}, 400, "Null characters are not allowed."),
    ("control character in a comment", {"general_comment": "a\x1bb"}, 400, "invisible control characters"),
    ("organisation too long", {"organisation": "x" * 256}, 400, "at most 255 characters"),
    ("line break in the organisation", {"organisation": "Mission\r\nBcc: x@y.org"}, 400, "Use a single line"),
    ("header injection in the name", {"contact_name": "Eve\r\nBcc: all@example.org"}, 400, "Use a single line"),
    ("header injection in the email", {"contact_email": "a@example.org\nBcc: b@example.org"}, 400, "valid email"),
    ("not an email address", {"contact_email": "peter at example"}, 400, "Enter a valid email address."),
    ("no contact name", {"contact_name": ""}, 400, "This field is required."),
    ("privacy notice not accepted", {"accept_privacy": None}, 400, "This field is required."),
    ("unknown publication choice", {"publication": "everywhere"}, 400, "Select a valid choice."),
    ("unknown language", {"language": "xx"}, 400, "Select a valid choice."),
    ("honeypot filled", {"website": "http://spam.example"}, 400, "Leave the field “Website” empty"),
    ("form token missing", {"form_token": None}, 400, "This field is required."),
    ("form token altered", {"form_token": "abc:def"}, 400, "The form could not be checked."),
    ("six files", {"attachments": [pdf(f"p{n}.pdf") for n in range(6)]}, 400, "at most 5 files"),
    ("an empty file", {"attachments": [pdf(data=b"")]}, 400, "is empty"),
    ("a type not accepted", {"attachments": [pdf("tool.exe", b"MZ\x90\x00")]}, 400, "is not an accepted type"),
    (
        "content not matching its name",
        {"attachments": [pdf("paper.pdf", b"MZ\x90\x00" * 10)]},
        400,
        "“paper.pdf” is not a valid PDF file",
    ),
    ("HTML named as text", {"attachments": [pdf("note.txt", b"<html><script>x</script>")]}, 400, "“note.txt” is not"),
    ("a DOCX that expands too far", {"attachments": [pdf("bomb.docx", ZIP_BOMB)]}, 400, "expands to far too much data"),
    ("a DOCX with macros", {"attachments": [pdf("macro.docx", MACRO_DOCX)]}, 400, "macros"),
    ("a file name far too long", {"attachments": [pdf("x" * 200 + ".pdf")]}, 400, "has a file name we cannot accept"),
    ("a file over the size limit", {"attachments": [pdf(data=pdf_bytes() + b" " * 2048)]}, 400, "larger than"),
]


@pytest.mark.parametrize(("case", "changes", "status", "message"), CASES, ids=[case[0] for case in CASES])
def test_bad_input_is_refused_with_a_message_and_nothing_is_stored(
    client, call, settings, django_capture_on_commit_callbacks, case, changes, status, message
):
    settings.SUBMISSION_MAX_FILE_BYTES = 2048
    before = stored_state()
    data = form_data(call, **(changes(call) if callable(changes) else changes))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{call.url}submit/", data)

    html = response.content.decode()
    assert response.status_code == status
    assert message in html
    assert "Your input was not sent yet" in html
    assert stored_state() == before


def test_typed_text_is_kept_and_dropped_files_are_named_when_the_form_comes_back(client, call):
    data = form_data(call, contact_name="", general_comment="My considered view.", attachments=[pdf()])
    html = client.post(f"{call.url}submit/", data).content.decode()
    assert "My considered view." in html
    assert "Files you chose were not kept: choose them again before sending." in html
    assert 'id="id_contact_name_errors"' in html and 'aria-describedby="id_contact_name_errors"' in html


def test_a_form_sent_faster_than_a_person_could_is_refused(client, call, settings):
    settings.SUBMISSION_MIN_FILL_SECONDS = 60
    before = stored_state()
    response = client.post(f"{call.url}submit/", form_data(call))
    assert response.status_code == 400
    assert "faster than a person can fill it in" in response.content.decode()
    assert stored_state() == before


def test_a_form_opened_days_ago_must_be_reloaded(client, call):
    data = form_data(call)
    before = stored_state()
    with time_machine.travel(timezone.now() + timedelta(days=4)):
        call.closes_at = timezone.now() + timedelta(days=30)
        call.save()
        response = client.post(f"{call.url}submit/", data)
    assert "This form was opened too long ago." in response.content.decode()
    assert stored_state() == before


@pytest.mark.parametrize("csrf_token", [None, "wrong-token-wrong-token-wrong-token-wrong-token-wrong-toke"])
def test_a_form_without_a_valid_csrf_token_is_refused(call, csrf_token):
    client = Client(enforce_csrf_checks=True)
    if csrf_token:
        client.cookies["csrftoken"] = "x" * 32
    data = form_data(call) | ({"csrfmiddlewaretoken": csrf_token} if csrf_token else {})
    before = stored_state()
    response = client.post(f"{call.url}submit/", data)
    assert response.status_code == 403
    assert "Your form was sent without a valid security token" in response.content.decode()
    assert stored_state() == before


def test_too_many_forms_from_one_address_are_refused_whatever_x_forwarded_for_says(client, call, settings):
    settings.SUBMISSION_RATE = "2/h"
    for n in range(2):
        assert client.post(f"{call.url}submit/", form_data(call), HTTP_X_FORWARDED_FOR=f"10.0.0.{n}").status_code == 302
    before = stored_state()

    response = client.post(f"{call.url}submit/", form_data(call), HTTP_X_FORWARDED_FOR="10.9.9.9")

    assert response.status_code == 429
    assert "Too many forms from your connection" in response.content.decode()
    assert stored_state() == before
    other = client.post(f"{call.url}submit/", form_data(call), REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302  # another address is not held back


@pytest.mark.parametrize(
    ("at", "accepted"),
    [(timedelta(microseconds=-1), True), (timedelta(0), False), (timedelta(seconds=1), False)],
    ids=["a microsecond before closing", "the closing instant", "after closing"],
)
def test_the_server_clock_decides_at_the_closing_instant(client, call, at, accepted):
    before = stored_state()
    with time_machine.travel(call.closes_at + at, tick=False):
        response = client.post(f"{call.url}submit/", form_data(call))
    if accepted:
        assert response.status_code == 302
        assert Submission.objects.count() == 1
    else:
        assert response.status_code == 403
        assert "Inputs are no longer accepted. Nothing was stored." in response.content.decode()
        assert stored_state() == before


def test_a_call_not_yet_open_refuses_inputs(client, call):
    call.opens_at = timezone.now() + timedelta(days=1)
    call.closes_at = timezone.now() + timedelta(days=9)
    call.save()
    before = stored_state()
    response = client.post(f"{call.url}submit/", form_data(call))
    assert response.status_code == 403
    assert "This call is not open yet" in response.content.decode()
    assert stored_state() == before


def test_a_path_in_a_file_name_never_reaches_the_disk(client, call):
    upload = SimpleUploadedFile("../../etc/paper.pdf", pdf_bytes())
    response = client.post(f"{call.url}submit/", form_data(call, attachments=[upload]))
    assert response.status_code == 302
    attachment = Submission.objects.get().attachments.get()
    assert attachment.name == "paper.pdf"  # Django keeps the base name only
    assert ".." not in attachment.file.name and attachment.file.name.startswith("attachments/")


def test_a_government_submission_accepts_every_un_state(client, call):
    holy_see = Country.objects.get(name="Holy See")
    response = client.post(f"{call.url}submit/", form_data(call, country=holy_see.pk))
    assert response.status_code == 302


def test_a_person_correcting_errors_is_not_held_back_by_the_limit(client, call, settings):
    """Only inputs stored count against the address: forms sent back with errors do not."""
    settings.SUBMISSION_RATE = "2/h"
    for _ in range(4):
        assert client.post(f"{call.url}submit/", form_data(call, contact_email="not an address")).status_code == 400

    assert client.post(f"{call.url}submit/", form_data(call)).status_code == 302
    assert client.post(f"{call.url}submit/", form_data(call)).status_code == 302
    assert client.post(f"{call.url}submit/", form_data(call)).status_code == 429
    assert Submission.objects.count() == 2


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


def test_a_form_larger_than_any_input_may_be_is_refused_unread_with_a_message(client, call, settings):
    before = stored_state()

    response = client.generic(
        "POST",
        f"{call.url}submit/",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(settings.REQUEST_MAX_BYTES + 1),
        **{"wsgi.input": UnreadableBody()},
    )

    assert response.status_code == 413
    page = response.content.decode()
    assert "The form is too large to send" in page
    assert "up to 5 files of at most 10 MB each" in page
    assert stored_state() == before


def test_a_form_within_the_limit_is_read_as_before(client, call, settings):
    settings.REQUEST_MAX_BYTES = 10_000_000
    assert client.post(f"{call.url}submit/", form_data(call, attachments=[pdf()])).status_code == 302
