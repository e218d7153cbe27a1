"""Inputs sent at the same moment never fork the receipt chain: each link is added under the chain's lock."""

import threading

import pytest

from django.db import connection, transaction
from django.utils import timezone

from submissions.chain import day_lines
from submissions.models import ReceiptLink, Submission
from submissions.receipt_checks import chain_check
from submissions.services import version_record
from submissions.signing import portal_public_key
from tests.intake import form_data, open_call

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_concurrent_receipts_make_one_unbroken_chain(client, call_index):
    call = open_call(call_index)
    for number in range(2):
        client.post(f"{call.url}submit/", form_data(call, contact_email=f"sender{number}@example.org"))
    inputs = list(Submission.objects.order_by("pk"))
    start, failures = threading.Barrier(len(inputs)), []

    def edit_three_times(pk: int):
        try:
            start.wait(timeout=30)
            for _ in range(3):
                with transaction.atomic():
                    submission = Submission.objects.select_for_update().get(pk=pk)
                    submission.updated_at = timezone.now()
                    version_record(submission)
        except Exception as error:  # reported below: a thread's exception would otherwise vanish
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=edit_three_times, args=(item.pk,)) for item in inputs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    links = list(ReceiptLink.objects.order_by("sequence"))
    assert [link.sequence for link in links] == list(range(1, 9))
    assert all(later.previous == earlier.link for earlier, later in zip(links, links[1:], strict=False))
    for item in inputs:
        assert sorted(item.receipt_links.values_list("version", flat=True)) == [1, 2, 3, 4]
    report = chain_check(day_lines(timezone.now().date()), portal_public_key())
    assert "8 link(s), #1 to #8" in report[-1]
