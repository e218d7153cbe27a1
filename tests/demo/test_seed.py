"""The demo content and the reference data every deployment ships with."""

from collections import Counter

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from home.models import CallPage, HomePage
from reference.models import Country, StakeholderGroup, SubTopic, TopicArea
from submissions.models import Submission

pytestmark = pytest.mark.django_db


def demo_counts():
    english = {"locale__language_code": "en"}
    return {
        "topic areas": TopicArea.objects.filter(**english).count(),
        "sub-topics": SubTopic.objects.filter(**english).count(),
        "states": Country.objects.count(),
        "calls": CallPage.objects.filter(**english).count(),
        "home pages": HomePage.objects.filter(**english).count(),
        "users": get_user_model().objects.count(),
        "confirmed inputs": Submission.objects.filter(status="received", review__isnull=False).count(),
        "published inputs": Submission.objects.filter(review__status="published").count(),
    }


def test_seed_demo_loads_the_wgigf_case_and_running_it_again_changes_nothing(capsys, settings):
    settings.DEMO_TRANSLATIONS = None  # as `make run` loads it: every language translated
    call_command("seed_demo")
    first = demo_counts()
    call_command("seed_demo")

    assert demo_counts() == first
    # The chair's slides list 4 + 3 + 3 + 4 + 3 sub-items under the five topics.
    assert first == {
        "topic areas": 5,
        "sub-topics": 17,
        "states": 195,
        "calls": 2,
        "home pages": 1,
        "users": 2,
        "confirmed inputs": 12,
        "published inputs": 9,
    }
    assert list(TopicArea.objects.originals().values_list("code", flat=True)) == ["A", "B", "C", "D", "E"]
    english_calls = CallPage.objects.filter(locale__language_code="en").order_by("closes_at")
    assert [call.status for call in english_calls] == ["closed", "open"]
    # Each of the other five languages has the same, translated by wagtail-localize (not aliases).
    for language in ["ar", "zh-hans", "fr", "ru", "es"]:
        pages = CallPage.objects.filter(locale__language_code=language)
        assert pages.count() == 2 and not pages.filter(alias_of__isnull=False).exists(), language
        assert TopicArea.objects.filter(locale__language_code=language).count() == 5
        assert SubTopic.objects.filter(locale__language_code=language).count() == 17
        assert HomePage.objects.filter(locale__language_code=language, alias_of=None).count() == 1
    french = CallPage.objects.get(locale__language_code="fr", slug="improvements-to-the-igf")
    assert french.title != "Improvements to the IGF" and french.questions.count() == 5
    assert not french.questions.filter(text__startswith="How").exists()
    assert "demo login: admin / admin-demo" in capsys.readouterr().out


def test_demo_accounts_are_not_created_where_settings_forbid_them(settings, capsys):
    settings.DEMO_ACCOUNTS = False
    call_command("seed_demo")
    assert get_user_model().objects.count() == 0
    assert "No demo accounts" in capsys.readouterr().out


def test_the_195_states_each_belong_to_one_un_regional_group():
    by_group = Counter(Country.objects.values_list("regional_group__code", flat=True))
    assert Country.objects.filter(is_member_state=True).count() == 193
    assert set(Country.objects.filter(is_member_state=False).values_list("name", flat=True)) == {
        "Holy See",
        "State of Palestine",
    }
    assert by_group == {"AFRICAN": 54, "ASIA_PACIFIC": 55, "EASTERN_EUROPEAN": 23, "GRULAC": 33, "WEOG": 30}


def test_the_five_stakeholder_groups_are_loaded_and_government_requires_a_country():
    groups = dict(StakeholderGroup.objects.values_list("code", "requires_country"))
    assert groups == {
        "GOVERNMENT": True,
        "IGO": False,
        "PRIVATE_SECTOR": False,
        "CIVIL_SOCIETY": False,
        "TECHNICAL_ACADEMIC": False,
    }


def test_the_demo_inputs_waiting_for_review_get_suggested_topics(capsys):
    """What `make run` shows a reviewer: each unpublished demo input with its suggested topics, as the task queued
    at its confirmation makes them (run in-process there)."""
    from review.models import Suggestion
    from review.suggestions_service import submission_suggestions_make

    call_command("seed_demo")
    waiting = Submission.objects.filter(review__status="new")
    assert waiting.count() == 3
    for submission in waiting:
        submission_suggestions_make(submission_id=submission.pk)
        assert Suggestion.objects.filter(submission=submission, decision="pending").exists(), submission
