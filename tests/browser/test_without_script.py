"""A stakeholder whose browser runs no script sends an input with an attachment: the form, its errors and
the receipt all work without JavaScript."""

import hashlib

import pytest
from playwright.sync_api import expect

from submissions.models import Submission
from tests.intake import PDF, open_call

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_input_with_an_attachment_is_sent_and_receipted_without_javascript(page, live_server, call_index, tmp_path):
    call = open_call(call_index)
    paper = tmp_path / "position-paper.pdf"
    paper.write_bytes(PDF)
    reader = page.context.browser.new_context(java_script_enabled=False, locale="en-GB").new_page()
    reader.goto(f"{live_server.url}{call.url}submit/")

    reader.get_by_role("radio", name="Civil society").check()
    reader.get_by_label("Your name").fill("Peter Major")
    reader.get_by_label("Your email address").fill("peter@example.org")
    reader.get_by_label("A. Outcomes?").fill("More tangible outputs, please.")
    reader.get_by_label("Attachments").set_input_files(paper)
    reader.get_by_role("radio", name="Publish with my organisation and name").check()
    reader.get_by_role("button", name="Send my input").click()  # the privacy notice not yet accepted

    summary = reader.get_by_role("alert")
    expect(summary).to_contain_text("I have read and accept the privacy notice")
    expect(summary).to_contain_text("Files you chose were not kept: choose them again before sending.")
    expect(reader.get_by_label("Your name")).to_have_value("Peter Major")  # what was typed is kept
    expect(reader.get_by_label("A. Outcomes?")).to_have_value("More tangible outputs, please.")
    assert Submission.objects.count() == 0

    reader.get_by_label("Attachments").set_input_files(paper)
    reader.get_by_label("I have read and accept the privacy notice").check()
    reader.get_by_role("button", name="Send my input").click()

    expect(reader.get_by_role("heading", level=1)).to_have_text("Your input was received")
    expect(reader.get_by_role("term").filter(has_text="Attachment")).to_have_text("Attachment: position-paper.pdf")
    expect(reader.get_by_role("main")).to_contain_text(hashlib.sha256(PDF).hexdigest())
    submission = Submission.objects.get()
    expect(reader.get_by_role("main")).to_contain_text(submission.reference)
    assert [attachment.name for attachment in submission.current_attachments()] == ["position-paper.pdf"]
    reader.context.close()
