"""The secretariat keeps the focal points of States and IGOs, with their confirmed addresses and mail domains."""

import pytest

from django.contrib.auth import get_user_model

from reference.models import Country, FocalPoint

pytestmark = pytest.mark.django_db
ADD = "/admin/snippets/reference/focalpoint/add/"


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.create_superuser("editor", "editor@example.org", "pw"))


def focal_point_form(**overrides) -> dict:
    form = {"country": "", "organisation": "", "acronym": "", "emails": "", "domains": "", "is_active": "on"}
    form.update(overrides)
    return form


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"emails": "mission@hungary.example"}, "Name the intergovernmental organisation, or choose the State."),
        ({"organisation": "ITU"}, "Give at least one confirmed address or official mail domain."),
        ({"organisation": "ITU", "emails": "not an address"}, "“not an address” is not an email address."),
        ({"organisation": "ITU", "domains": "@itu"}, "“@itu” is not a mail domain such as mfa.gov.example."),
    ],
)
def test_a_focal_point_without_whom_or_where_is_refused_with_a_message(client, editor, overrides, message):
    response = client.post(ADD, focal_point_form(**overrides))
    assert response.status_code == 200 and message in response.content.decode()
    assert not FocalPoint.objects.exists()


def test_a_states_focal_point_is_stored_with_its_addresses_in_lower_case(client, editor):
    hungary = Country.objects.get(iso3="HUN")
    response = client.post(
        ADD,
        focal_point_form(country=hungary.pk, emails=" Mission@Hungary.example \n\n", domains="MFA.gov.example"),
    )
    assert response.status_code == 302
    point = FocalPoint.objects.get()
    assert (point.country, point.emails, point.domains) == (hungary, "mission@hungary.example", "mfa.gov.example")
    assert point.covers("envoy@geneva.mfa.gov.example") and not point.covers("x@fakemfa.gov.example")
    assert "Hungary" in client.get("/admin/snippets/reference/focalpoint/").content.decode()
