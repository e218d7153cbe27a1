"""Any token that is not one we signed is "not found" on every route that takes one: never a server error."""

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from submissions.models import Submission
from submissions.tokens import PK_MAX, token_read
from tests.intake import PDF, form_data, open_call

pytestmark = pytest.mark.django_db

# Strings shaped like tokens and not: unicode digits ("²", "٣"), ids past a bigint, `/`, `%`, NUL.
digits = st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=30) | st.from_regex(
    r"\A[0-9]{18,40}\Z"
)
tokens = st.text() | st.builds(lambda pk, rest: f"{pk}-{rest}", digits, st.text())
MALFORMED = ["²-abc", "9" * 5000 + "-abc", "-", "1-", "", "1-a\x00b", "1-%", "a/b", f"{2**63}-abc"]


@pytest.fixture
def submission(call_index):
    call = open_call(call_index)
    attachment = SimpleUploadedFile("paper.pdf", PDF, content_type="application/pdf")
    Client().post(f"{call.url}submit/", form_data(call, attachments=[attachment]))
    return Submission.objects.get()


def answers(submission, token: str) -> dict:
    """Every route that reads a token, asked with `token` (quoted into the path as a browser sends it)."""
    client = Client(raise_request_exception=False)
    call_url, quoted = submission.call.url, quote(token, safe="")
    attachment = submission.attachments.get()
    return {
        "receipt": client.get(f"{call_url}receipt/{quoted}/").status_code,
        "confirm": client.get(f"{call_url}confirm/{quoted}/").status_code,
        "confirm (POST)": client.post(f"{call_url}confirm/{quoted}/").status_code,
        "input": client.get(f"{call_url}input/{quoted}/").status_code,
        "edit": client.get(f"{call_url}input/{quoted}/edit/").status_code,
        "withdraw (POST)": client.post(f"{call_url}input/{quoted}/withdraw/").status_code,
        "renew (POST)": client.post(f"{call_url}input/{quoted}/renew/").status_code,
        "remind/confirm": client.get(f"{call_url}remind/confirm/{quoted}/").status_code,
        "attachment": client.get(f"/attachments/{attachment.pk}/", {"t": token}).status_code,
    }


@given(token=tokens)
@example(token="²-abc")  # a superscript digit passes str.isdigit(), then int() refuses it
@example(token="9" * 5000 + "-abc")  # past PostgreSQL's bigint
@example(token="0-x")  # well shaped, signed by no one
@example(token="-")
@example(token="1-")  # an empty signature
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_malformed_token_is_not_found_on_every_route(submission, token):
    statuses = answers(submission, token)
    assert statuses == dict.fromkeys(statuses, 404)


@given(token=tokens)
@settings(max_examples=500)
def test_a_token_is_read_only_when_it_has_the_shape_we_sign(token):
    parsed = token_read(token)
    assert parsed is None or (0 <= parsed[0] <= PK_MAX and token.isascii() and token.endswith(f"-{parsed[1]}"))


@pytest.mark.parametrize("token", MALFORMED)
def test_malformed_tokens_are_not_read(token):
    assert token_read(token) is None
