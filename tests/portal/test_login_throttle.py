"""The admin sign-in pauses an account, and an address, after repeated failures; administrators lift it."""

import logging
import re
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt

from django.conf import settings
from django.test import Client
from django.utils import timezone

from tests.review.conftest import staff_user

pytestmark = pytest.mark.django_db

LIMIT = settings.LOGIN_FAILURE_LIMIT
MINUTES = settings.LOGIN_LOCKOUT_MINUTES
HOME = "203.0.113.7"
ELSEWHERE = "198.51.100.23"
PAUSED = f"sign-in is paused for {MINUTES} minutes"


def sign_in(client, username, password, address, **headers):
    """The admin's sign-in form sent from `address` (REMOTE_ADDR), with any other request headers."""
    return client.post("/admin/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **headers)


def fail(client, username, address, times=LIMIT):
    """`times` wrong passwords; returns the responses."""
    return [sign_in(client, username, "wrong-password", address) for _ in range(times)]


def is_signed_in(client) -> bool:
    return client.get("/admin/").status_code == 200


@pytest.fixture
def ana():
    return staff_user("ana.rivera")


def test_after_the_limit_the_right_password_is_refused_with_the_lockout_page(client, ana):
    failures = fail(client, "ana.rivera", HOME)

    refused = sign_in(client, "ana.rivera", "pw", HOME)

    assert [response.status_code for response in failures] == [200] * (LIMIT - 1) + [429]
    assert refused.status_code == 429
    html = refused.content.decode()
    assert PAUSED in html and "this account or from this address" in html
    assert "ana.rivera" not in html and HOME not in html  # neither the account nor the address is named
    assert "_auth_user_id" not in client.session
    following = client.get("/admin/")
    assert following.status_code == 302 and following["Location"].startswith("/admin/login/")


def test_a_paused_account_is_paused_from_every_address(ana):
    fail(Client(), "ana.rivera", HOME)
    other = Client()

    refused = sign_in(other, "ana.rivera", "pw", ELSEWHERE)

    assert refused.status_code == 429 and PAUSED in refused.content.decode()
    assert not is_signed_in(other)


def test_an_address_trying_many_accounts_is_paused_while_others_still_sign_in():
    staff_user("bea")
    attacker = Client()
    for number in range(LIMIT):
        sign_in(attacker, f"guess-{number}", "wrong-password", HOME)

    from_the_address = sign_in(attacker, "bea", "pw", HOME)
    elsewhere = Client()
    from_elsewhere = sign_in(elsewhere, "bea", "pw", ELSEWHERE)

    assert from_the_address.status_code == 429 and not is_signed_in(attacker)
    assert from_elsewhere.status_code == 302 and is_signed_in(elsewhere)


def test_fewer_failures_than_the_limit_then_the_right_password_signs_in_and_starts_the_count_again(client, ana):
    fail(client, "ana.rivera", HOME, times=LIMIT - 1)

    signed_in = sign_in(client, "ana.rivera", "pw", HOME)

    assert signed_in.status_code == 302 and is_signed_in(client)
    assert not AccessAttempt.objects.filter(username="ana.rivera").exists()
    again = Client()
    fail(again, "ana.rivera", HOME, times=LIMIT - 1)
    assert sign_in(again, "ana.rivera", "pw", HOME).status_code == 302


def test_signing_in_to_ones_own_account_does_not_clear_failures_on_another(ana):
    staff_user("mallory")
    insider = Client()
    fail(insider, "ana.rivera", HOME, times=LIMIT - 1)
    assert sign_in(insider, "mallory", "pw", HOME).status_code == 302

    last_guess = sign_in(Client(), "ana.rivera", "wrong-password", HOME)

    assert last_guess.status_code == 429
    assert sign_in(Client(), "ana.rivera", "pw", ELSEWHERE).status_code == 429


def test_after_the_pause_the_right_password_signs_in_again(client, ana):
    fail(client, "ana.rivera", HOME)

    with time_machine.travel(timezone.now() + timedelta(minutes=MINUTES, seconds=1)):
        response = sign_in(client, "ana.rivera", "pw", HOME)
        assert response.status_code == 302 and is_signed_in(client)


def test_an_attempt_during_the_pause_starts_it_again(client, ana):
    fail(client, "ana.rivera", HOME)
    during = timezone.now() + timedelta(minutes=MINUTES - 1)
    after_the_first_pause = timezone.now() + timedelta(minutes=MINUTES, seconds=1)

    with time_machine.travel(during):
        assert sign_in(client, "ana.rivera", "pw", HOME).status_code == 429
    with time_machine.travel(after_the_first_pause):
        assert sign_in(client, "ana.rivera", "pw", HOME).status_code == 429
    with time_machine.travel(after_the_first_pause + timedelta(minutes=MINUTES, seconds=1)):
        assert sign_in(client, "ana.rivera", "pw", HOME).status_code == 302


def test_a_pause_is_logged_as_a_warning_naming_the_account_and_the_address(client, ana, caplog):
    with caplog.at_level(logging.WARNING, logger="portal.signin"):
        fail(client, "ana.rivera", HOME)

    records = [record for record in caplog.records if record.name == "portal.signin"]
    assert len(records) == 1
    assert records[0].levelno == logging.WARNING
    assert "ana.rivera" in records[0].getMessage() and HOME in records[0].getMessage()


def test_an_administrator_sees_the_lockouts_and_deleting_the_row_unlocks(ana):
    fail(Client(), "ana.rivera", HOME)
    attempt = AccessAttempt.objects.get(username="ana.rivera")
    administrator = Client()
    administrator.force_login(staff_user("admin", is_superuser=True))

    menu = administrator.get("/admin/")
    listing = administrator.get("/admin/signin_lockouts/")
    confirmation = administrator.get(f"/admin/signin_lockouts/delete/{attempt.pk}/")
    deleted = administrator.post(f"/admin/signin_lockouts/delete/{attempt.pk}/")

    assert "Sign-in lockouts" in menu.content.decode()
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "ana.rivera" in html and HOME in html and re.search(rf"<td[^>]*>\s*{LIMIT}\s*</td>", html)
    assert f"ana.rivera · {HOME}" in confirmation.content.decode()
    assert deleted.status_code == 302
    assert not AccessAttempt.objects.exists()
    assert sign_in(Client(), "ana.rivera", "pw", HOME).status_code == 302


def test_staff_who_are_not_administrators_neither_see_nor_delete_lockouts(ana):
    fail(Client(), "ana.rivera", HOME)
    attempt = AccessAttempt.objects.get(username="ana.rivera")
    staff = Client()
    staff.force_login(staff_user("staff"))

    listing = staff.get("/admin/signin_lockouts/")
    deleted = staff.post(f"/admin/signin_lockouts/delete/{attempt.pk}/")
    home = staff.get("/admin/")

    assert listing.status_code in (302, 403) and "ana.rivera" not in listing.content.decode()
    assert deleted.status_code in (302, 403)
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
    assert "Sign-in lockouts" not in home.content.decode()


def test_a_forwarded_for_header_the_client_writes_does_not_change_its_address():
    staff_user("bea")
    attacker = Client()
    for number in range(LIMIT):
        sign_in(attacker, f"guess-{number}", "wrong-password", HOME, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")

    assert sign_in(attacker, "bea", "pw", HOME, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_behind_a_proxy_the_address_is_the_one_the_proxy_sets(settings):
    settings.RATELIMIT_IP_META_KEY = "HTTP_X_REAL_IP"
    staff_user("bea")
    proxy = "10.0.0.1"
    for number in range(LIMIT):
        sign_in(Client(), f"guess-{number}", "wrong-password", proxy, HTTP_X_REAL_IP=HOME)

    from_home = sign_in(Client(), "bea", "pw", proxy, HTTP_X_REAL_IP=HOME)
    from_elsewhere = sign_in(Client(), "bea", "pw", proxy, HTTP_X_REAL_IP=ELSEWHERE)

    assert from_home.status_code == 429
    assert from_elsewhere.status_code == 302
