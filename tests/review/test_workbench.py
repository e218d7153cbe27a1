"""The review screen as a workbench, through its real URL: one-step publication with its reasons, banners that
clear, the queue's neighbours, numbered topics, highlighted passages and suggestions taken by mapping."""

import re
from urllib.parse import urlencode

import pytest

from django.test import Client

from reference.models import TopicArea
from review.models import Mapping, MappingOrigin, Review, ReviewStatus, Suggestion, SuggestionDecision
from submissions.models import Submission
from tests.factories import SubTopicFactory, TopicAreaFactory
from tests.review.conftest import received_input
from tests.review.test_submitter_edits import edit

pytestmark = pytest.mark.django_db

ANSWER = "We ask for a stronger Secretariat. The MAG should rotate its members yearly."


@pytest.fixture
def reviewer(client, people):
    client.force_login(people["call_reviewer"])
    return people["call_reviewer"]


def screen(submission, **query):
    return f"/admin/inputs/{submission.pk}/review/" + (f"?{urlencode(query)}" if query else "")


def answered(client, call, text=ANSWER, **overrides):
    return received_input(client, call, **{f"answer_{call.questions.first().pk}": text, **overrides})


def topic(call, code):
    """A topic area of the call's process (the call asks about A and B; C has no question)."""
    return TopicArea.objects.filter(process=call.process, code=code).first() or TopicAreaFactory(
        process=call.process, code=code
    )


def revision(submission):
    return Review.objects.get(submission=submission).revision


def publish_post(client, submission):
    return client.post(
        screen(submission), {"action": "status", "status": "published", "revision": revision(submission)}
    )


def test_an_unmapped_input_offers_no_publication_but_says_why_and_refuses_it(client, call, reviewer):
    submission = answered(client, call)

    page = client.get(screen(submission)).content.decode()
    assert 'id="publish-form"' not in page
    assert "Not publishable yet:" in page and "Map a passage, or the whole input, to a topic area first." in page
    status_select = re.search(r'<select name="status" id="id_status">(.*?)</select>', page, re.S).group(1)
    assert "Published" not in status_select and "Received" not in status_select and "Mapped" not in status_select

    refused = publish_post(client, submission)
    assert refused.status_code == 400
    assert "Map a passage, or the whole input, to a topic area first." in refused.content.decode()
    assert Review.objects.get(submission=submission).status == ReviewStatus.NEW


def test_the_submitters_choice_not_to_publish_is_the_reason_shown(client, call, reviewer):
    submission = answered(client, call, publication="private")
    client.post(screen(submission), {"action": "map", "topic_area": topic(call, "B").pk})

    page = client.get(screen(submission)).content.decode()
    assert 'id="publish-form"' not in page and "The submitter chose not to publish this input." in page
    assert publish_post(client, submission).status_code == 400
    assert Review.objects.get(submission=submission).status == ReviewStatus.MAPPED


def test_an_input_back_in_review_after_an_edit_is_published_in_one_step_and_its_banner_clears(
    client, call, people, reviewer
):
    submission = answered(client, call)
    client.post(screen(submission), {"action": "map", "topic_area": topic(call, "B").pk})
    assert publish_post(client, submission).status_code == 302

    edit(Client(), call, submission, **{f"answer_{call.questions.first().pk}": f"In short: {ANSWER}"})
    review = Review.objects.get(submission=submission)
    assert review.status == ReviewStatus.IN_REVIEW
    page = client.get(screen(submission)).content.decode()
    assert "Changed by the submitter after review" in page and 'id="publish-form"' in page

    published = publish_post(client, submission)

    assert published.status_code == 302
    review.refresh_from_db()
    assert (review.status, review.edited_after_review_at) == (ReviewStatus.PUBLISHED, None)
    assert "Changed by the submitter after review" not in client.get(screen(submission)).content.decode()


def test_a_numbered_topic_maps_the_selected_words_where_the_selection_began(client, call, reviewer):
    words = "Fund the hubs."
    submission = answered(client, call, text=f"{words} Then, again: {words}")
    answer = submission.answers.first()
    sub_topic = SubTopicFactory(topic_area=topic(call, "C"), code="C.9", title="Hubs")
    second = answer.text.rindex(words)

    response = client.post(
        screen(submission),
        {
            "action": "map",
            "pick": f"{sub_topic.topic_area_id}:{sub_topic.pk}",
            "source": "answer",
            "source_id": answer.pk,
            "start": second,
            "excerpt": words,
            "stance": "supports",
            "tags": "hubs, funding",
        },
    )

    assert response.status_code == 302
    mapping = Mapping.objects.get(submission=submission)
    assert (mapping.passage.start, mapping.passage.text, mapping.sub_topic, mapping.stance) == (
        second,
        words,
        sub_topic,
        "supports",
    )
    assert sorted(mapping.tags.names()) == ["funding", "hubs"]
    page = client.get(screen(submission)).content.decode()
    assert f'<mark class="passage" data-topics="C.9">{words}</mark>' in page
    assert page.count("<mark") == 1  # the first occurrence stays plain


@pytest.mark.parametrize("pick", ["other-process", "other-area", "nonsense"])
def test_a_topic_not_of_this_process_is_refused_and_nothing_is_stored(client, call, reviewer, pick):
    submission = answered(client, call)
    foreign = TopicAreaFactory(code="Z")
    sub_of_a = SubTopicFactory(topic_area=topic(call, "A"), code="A.9")
    value = {
        "other-process": f"{foreign.pk}:",
        "other-area": f"{topic(call, 'B').pk}:{sub_of_a.pk}",
        "nonsense": "B:rotation",
    }[pick]

    response = client.post(screen(submission), {"action": "map", "pick": value})

    assert response.status_code == 400
    assert "This topic is not one of this process&#x27;s topics." in response.content.decode()
    assert not Mapping.objects.exists()


def test_sub_topics_are_grouped_by_their_area_for_the_narrowing(client, call, reviewer):
    submission = answered(client, call)
    b_one = SubTopicFactory(topic_area=topic(call, "B"), code="B.1", title="Rotation")
    page = client.get(screen(submission)).content.decode()
    group = re.search(r'<optgroup label="[^"]*B[^"]*">(.*?)</optgroup>', page, re.S).group(1)
    assert f'data-area="{b_one.topic_area_id}"' in group and "Rotation" in group


def test_mapping_to_a_suggested_topic_accepts_it_and_publishing_rejects_the_rest(client, call, reviewer):
    submission = answered(client, call)
    Suggestion.objects.all().delete()
    taken = Suggestion.objects.create(
        submission=submission, topic_area=topic(call, "B"), confidence=0.6, model_version="test"
    )
    left = Suggestion.objects.create(
        submission=submission, topic_area=topic(call, "C"), confidence=0.3, model_version="test"
    )
    page = client.get(screen(submission)).content.decode()
    picks = re.search(r'<ol class="topic-picks".*?</ol>', page, re.S).group(0)
    assert picks.index(f'value="{taken.topic_area_id}:"') < picks.index(f'value="{topic(call, "A").pk}:"')

    client.post(screen(submission), {"action": "map", "pick": f"{taken.topic_area_id}:"})
    assert Mapping.objects.get(submission=submission).origin == MappingOrigin.SUGGESTION
    assert publish_post(client, submission).status_code == 302

    taken.refresh_from_db()
    left.refresh_from_db()
    assert (taken.decision, left.decision) == (SuggestionDecision.ACCEPTED, SuggestionDecision.REJECTED)
    assert (taken.decided_by, left.decided_by) == (reviewer, reviewer)


def test_next_and_previous_follow_the_lists_filters_and_only_inputs_the_reviewer_may_see(
    client, call, people, reviewer
):
    from tests.factories import CallPageFactory, QuestionFactory

    first, second, third = (answered(client, call) for _ in range(3))
    other_call = CallPageFactory(parent=call.get_parent(), process=call.process, title="Third call")
    for question in call.questions.all():
        QuestionFactory(call=other_call, topic_area=question.topic_area, text=question.text)
    unseen = received_input(client, other_call)
    client.post(screen(second), {"action": "map", "topic_area": topic(call, "A").pk})
    publish_post(client, second)

    # The default queue: inputs awaiting work, newest first; the published one is skipped.
    page = client.get(screen(third)).content.decode()
    assert f'href="/admin/inputs/{first.pk}/review/" rel="next"' in page and 'rel="prev"' not in page
    assert str(unseen.reference) not in page

    # From the list filtered by "published" the queue holds that input alone.
    queue = "review_status=published"
    page = client.get(screen(second, queue=queue)).content.decode()
    assert 'rel="next"' not in page and 'rel="prev"' not in page
    # From the unfiltered list: every input the reviewer sees, in the list's order, the query carried on.
    page = client.get(screen(third, queue="")).content.decode()
    assert f'href="/admin/inputs/{second.pk}/review/?queue=" rel="next"' in page
    assert 'rel="prev"' not in page  # the newer input of the other call is not this reviewer's
    page = client.get(screen(first, queue="")).content.decode()
    assert f'href="/admin/inputs/{second.pk}/review/?queue=" rel="prev"' in page and 'rel="next"' not in page
    assert Submission.objects.get(pk=unseen.pk).submitted_at > third.submitted_at


def test_another_calls_reviewer_and_an_anonymous_reader_reach_no_screen_and_no_neighbour(client, call, people):
    submission = answered(client, call)
    other = Client()
    other.force_login(people["other_reviewer"])
    assert other.get(screen(submission, queue="")).status_code == 404
    assert other.post(screen(submission), {"action": "map", "pick": f"{topic(call, 'A').pk}:"}).status_code == 404
    assert Client().get(screen(submission)).status_code == 302  # to the login page
    assert not Mapping.objects.exists()


def test_a_reviewer_is_offered_no_action_of_the_secretariat(client, call, reviewer):
    submission = answered(client, call)
    page = client.get(screen(submission)).content.decode()
    assert 'value="assign"' not in page and 'value="official"' not in page and 'value="lift"' not in page
    assert "Contact (private)" not in page


def test_the_lists_links_carry_its_filters_to_the_screen_whose_next_follows_them(client, call, reviewer):
    older, newer = answered(client, call), answered(client, call)
    client.post(screen(older), {"action": "map", "topic_area": topic(call, "A").pk})

    query = "review_status=new&review_status=mapped&ordering=submitted_at"
    listing = client.get(f"/admin/inputs/?{query}")
    assert f'href="/admin/inputs/{older.pk}/review/?{urlencode({"queue": query})}"' in listing.content.decode()

    page = client.get(screen(older, queue=query))
    assert f'href="/admin/inputs/{newer.pk}/review/?queue=' in page.content.decode()  # oldest first: newer is next
    assert 'rel="prev"' not in page.content.decode()


def test_an_input_coded_blind_by_a_second_reviewer_is_published_only_once_that_coding_is_recorded(
    client, call, people, reviewer
):
    from django.utils import timezone

    from review.models import SecondCoding

    submission = answered(client, call)
    client.post(screen(submission), {"action": "map", "topic_area": topic(call, "A").pk})
    coding = SecondCoding.objects.create(
        submission=submission, coder=people["secretariat"], assigned_by=people["secretariat"]
    )

    refused = publish_post(client, submission)
    assert refused.status_code == 400 and "is coding this input blind" in refused.content.decode()
    assert Review.objects.get(submission=submission).status == ReviewStatus.MAPPED

    coding.done_at = timezone.now()
    coding.save()
    assert publish_post(client, submission).status_code == 302
