"""Inputs coded twice, as the second-coding tests need them: a first review by one reviewer of the call, a blind
second coding by another."""

from review.models import CallReviewer, SecondCoding
from review.services import mapping_create
from tests.review.conftest import received_input, staff_user


def second_coder(call, username="coder"):
    user = staff_user(username)
    CallReviewer.objects.create(call=call, user=user)
    return user


def coded_twice(client, call, first_by, coder, codes: list[tuple[str, str]], assigned_by) -> list:
    """One input per (first review's areas, second coder's areas), e.g. ("A", "AB"): the first review maps the whole
    input through the service; the second coder records theirs through the blind screen (an empty string leaves
    the input to code)."""
    areas = {question.topic_area.code: question.topic_area for question in call.questions.all()}
    submissions = []
    for first, second in codes:
        submission = received_input(client, call, general_comment=f"Input coded {first} then {second}.")
        for code in first:
            mapping_create(submission=submission, topic_area=areas[code], by=first_by)
        coding = SecondCoding.objects.create(submission=submission, coder=coder, assigned_by=assigned_by)
        if second:
            client.force_login(coder)
            response = client.post(f"/admin/coding/{coding.pk}/", {"topic_areas": [areas[code].pk for code in second]})
            assert response.status_code == 302, response.content.decode()[:2000]
        submissions.append(submission)
    client.logout()
    return submissions
