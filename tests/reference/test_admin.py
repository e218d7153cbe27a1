"""Editors manage pages and reference data in the Wagtail admin."""

import pytest

from django.contrib.auth import get_user_model

from home.models import CallPage
from reference.models import Process
from tests.factories import CallPageFactory, MandatePageFactory, TopicAreaFactory, TopicAreaIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return user


def test_every_page_type_opens_in_the_page_editor(client, editor, call_index):
    home = call_index.get_parent()
    pages = [home, call_index, MandatePageFactory(parent=home), TopicAreaIndexPageFactory(parent=home)]
    pages.append(CallPageFactory(parent=call_index))
    for page in pages:
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page


@pytest.mark.parametrize(
    "model", ["process", "topicarea", "stakeholdergroup", "regionalgroup", "country", "focalpoint"]
)
def test_reference_data_is_listed_in_the_admin(client, editor, model):
    TopicAreaFactory(title="Funding of the forum")
    response = client.get(f"/admin/snippets/reference/{model}/")
    assert response.status_code == 200


def test_country_list_is_searchable(client, editor):
    response = client.get("/admin/snippets/reference/country/", {"q": "Hungary"})
    html = response.content.decode()
    assert "Hungary" in html and "Honduras" not in html


def call_form(process, **overrides):
    form = {
        "title": "A new call",
        "slug": "a-new-call",
        "process": process.pk,
        "summary": "Views, please.",
        "opens_at": "2030-01-10 09:00",
        "closes_at": "2030-02-10 18:00",
        "questions-TOTAL_FORMS": "1",
        "questions-INITIAL_FORMS": "0",
        "questions-MIN_NUM_FORMS": "0",
        "questions-MAX_NUM_FORMS": "1000",
        "questions-0-text": "What should change?",
        "questions-0-help_text": "",
        "questions-0-max_length": "5000",
        "questions-0-ORDER": "1",
        "background-count": "0",
        "documents-count": "0",
        "action-publish": "publish",
    }
    form.update(overrides)
    return form


def test_editor_publishes_a_call_with_a_guiding_question(client, editor, call_index):
    process = Process.objects.create(code="WG2", name="Second group", time_zone="America/New_York")

    response = client.post(f"/admin/pages/add/home/callpage/{call_index.pk}/", call_form(process))

    assert response.status_code == 302
    call = CallPage.objects.get(slug="a-new-call")
    assert call.live and [q.text for q in call.questions.all()] == ["What should change?"]
    assert call.opens_at.isoformat() == "2030-01-10T09:00:00+00:00"  # the editor's time zone is UTC here


def test_a_call_that_closes_before_it_opens_is_refused_and_nothing_is_stored(client, editor, call_index):
    process = Process.objects.create(code="WG3", name="Third group")
    before = CallPage.objects.count()

    response = client.post(
        f"/admin/pages/add/home/callpage/{call_index.pk}/", call_form(process, closes_at="2030-01-01 09:00")
    )

    assert response.status_code == 200
    assert "A call must close after it opens." in response.content.decode()
    assert CallPage.objects.count() == before


def test_a_process_with_an_unknown_time_zone_is_refused(client, editor):
    response = client.post(
        "/admin/snippets/reference/process/add/",
        {"name": "Group", "code": "WG9", "body": "", "time_zone": "Mars/Olympus"},
    )
    assert response.status_code == 200
    assert "is not a known time zone" in response.content.decode()
    assert not Process.objects.filter(code="WG9").exists()
