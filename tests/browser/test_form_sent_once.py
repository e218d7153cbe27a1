"""One form, one input: Back after sending, then sending again, shows the receipt of the input already made."""

import pytest
from playwright.sync_api import expect

from submissions.models import Submission
from tests.intake import open_call

# Committed data the live server can see; the migrations' rows are restored after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fill(page):
    page.get_by_role("radio", name="Government", exact=True).check()
    page.get_by_label("Country", exact=True).select_option(label="Hungary")
    page.get_by_label("Your name").fill("Peter Major")
    page.get_by_label("Your email address").fill("peter@example.org")
    page.get_by_label("A. Outcomes?").fill("More tangible outputs, please.")
    page.get_by_role("radio", name="Publish with my organisation and name").check()
    page.get_by_label("I have read and accept the privacy notice").check()


def test_back_and_send_again_shows_the_first_receipt_and_stores_one_input(page, live_server, call_index):
    call = open_call(call_index)
    page.goto(f"{live_server.url}{call.url}submit/")
    notice = page.get_by_text("You already sent this form.")
    expect(notice).to_be_hidden()
    fill(page)
    page.get_by_role("button", name="Send my input").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your input was received")
    receipt = page.url

    page.go_back()  # the browser fetches the form again, with a fresh key from the server
    expect(notice).to_be_visible()
    expect(page.get_by_label("Your name")).to_have_value("Peter Major")
    page.get_by_role("button", name="Send my input").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your input was received")
    assert page.url == receipt
    assert Submission.objects.count() == 1

    page.go_back()
    page.get_by_role("link", name="Start a new, empty form for another input").click()
    expect(notice).to_be_hidden()
    fill(page)
    page.get_by_role("button", name="Send my input").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your input was received")
    assert page.url != receipt and Submission.objects.count() == 2  # another form is another input
