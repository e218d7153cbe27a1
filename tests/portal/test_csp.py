"""Every response carries the Content-Security-Policy: a fresh nonce each time, no 'unsafe-inline' for scripts
and no 'unsafe-eval' anywhere; public pages hold no inline script, style or handler (so that a cached copy
stays valid under the next nonce); the admin's inline scripts carry the response's nonce; attachments keep
their own stricter policy (docs/decisions/0023). The browser check is tests/browser/test_csp.py."""

import re

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from review.models import ReviewStatus
from review.services import mapping_create, review_status_set
from tests.intake import PDF, open_call
from tests.review.conftest import received_input, staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def call(call_index):
    return open_call(call_index)


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:json|ld\+json)\")([^>]*)>", re.I)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=|\son[a-z]+=", re.I)


def policy_of(response) -> dict:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def nonce_of(response) -> str:
    return next(value for value in policy_of(response)["script-src"] if value.startswith("'nonce-"))[7:-1]


def test_public_pages_have_a_fresh_nonce_and_no_inline_code(client, call):
    submission = received_input(client, call, attachments=[SimpleUploadedFile("paper.pdf", PDF)])
    admin = staff_user("boss", is_superuser=True)
    mapping_create(submission=submission, topic_area=call.questions.first().topic_area, by=admin)
    review_status_set(submission=submission, status=ReviewStatus.PUBLISHED, by=admin)
    sent = client.post(f"{call.url}submit/", {}, follow=True)  # the form with its errors
    pages = {
        "home": client.get("/en/"),
        "call": client.get(call.url),
        "form": client.get(f"{call.url}submit/"),
        "form with errors": sent,
        "participation": client.get(f"{call.url}participation/"),
        "listing": client.get("/en/inputs/"),
        "an input": client.get(f"/en/inputs/{submission.reference}/"),
        "an input, from the cache": client.get(f"/en/inputs/{submission.reference}/"),
        "statistics": client.get("/en/inputs/statistics/"),
        "receipt chain": client.get("/receipts/chain/"),
        "not found": client.get("/en/no-such-page/"),
        "API docs": client.get("/api/v1/docs"),
        "API": client.get("/api/v1/topic-areas"),
    }
    nonces = []
    for name, response in pages.items():
        assert response.status_code in (200, 400, 404), name  # 400: the form showing its errors
        policy = policy_of(response)
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], name
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], name
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        nonces.append(nonce_of(response))
        if response["Content-Type"].startswith("text/html"):
            html = response.content.decode()
            assert INLINE_SCRIPT.findall(html) == [], name
            assert INLINE_STYLE.findall(html) == [], name
    assert len(set(nonces)) == len(nonces)

    attachment = submission.attachments.get()
    client.force_login(admin)
    download = client.get(f"/attachments/{attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_the_admins_inline_scripts_carry_the_responses_nonce(client, call):
    submission = received_input(client, call)
    client.force_login(staff_user("boss", is_superuser=True))
    pages = {
        "dashboard": "/admin/",
        "inputs": "/admin/inputs/",
        "review screen": f"/admin/inputs/{submission.pk}/review/",
        "call edit (dates, choosers, inline panels)": f"/admin/pages/{call.pk}/edit/",
        "site (page chooser)": "/admin/sites/new/",
        "entry (date)": f"/admin/entries/{call.pk}/",
    }
    scripts = 0
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == 200, name
        policy = policy_of(response)
        nonce = nonce_of(response)
        assert "'unsafe-inline'" not in policy["script-src"], name
        assert "'unsafe-eval'" not in response["Content-Security-Policy"], name
        assert policy["style-src-elem"] == ["'self'", "'unsafe-inline'"] and policy["frame-ancestors"] == ["'self'"]
        for attributes in INLINE_SCRIPT.findall(response.content.decode()):
            assert f'nonce="{nonce}"' in attributes, (name, attributes)
            scripts += 1
    assert scripts > 3  # the choosers', the date fields' and the inline panels' scripts were checked
