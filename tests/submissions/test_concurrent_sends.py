"""The same form sent twice at the same moment (a replay, two tabs, a double click through a slow proxy): both
sends pass the "already sent?" check before either has stored anything; one input is stored, and both are
answered with its receipt."""

import threading

import pytest

from django.db import connection, connections, transaction
from django.test import Client
from django.utils import timezone

from submissions.models import ReferenceCounter, Submission
from tests.intake import form_data, open_call
from tests.workers import wait_for


def sessions_waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # a transaction otherwise sees one frozen snapshot
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_form_sent_twice_at_once_stores_one_input_and_answers_both_with_its_receipt(call_index):
    call = open_call(call_index)
    fields = form_data(call)
    counter, _ = ReferenceCounter.objects.get_or_create(process=call.process, year=timezone.now().year)
    answers = []

    def send():
        try:
            answers.append(Client().post(f"{call.url}submit/", fields))
        finally:
            connections.close_all()

    sends = [threading.Thread(target=send) for _ in range(2)]
    # Holding the reference counter keeps both sends inside the input's transaction, past the "already sent?"
    # check, until both wait for it: the moment two replays of one form meet.
    with transaction.atomic():
        ReferenceCounter.objects.select_for_update().get(pk=counter.pk)
        for thread in sends:
            thread.start()
        wait_for(lambda: sessions_waiting_for_a_lock() == 2, timeout=30, interval=0.05)
    for thread in sends:
        thread.join(30)

    submission = Submission.objects.get()
    assert [answer.status_code for answer in answers] == [302, 302], [answer.content[-500:] for answer in answers]
    assert {answer["Location"] for answer in answers} == {answers[0]["Location"]}
    assert f"/receipt/{submission.pk}-" in answers[0]["Location"]
    assert submission.versions.count() == 1
