"""The API's throttle, through its real URLs: a client over API_RATE_ANON is refused with a 429 that says what
happened and when to retry; other clients go on being answered; the OpenAPI document states the refusal."""

import pytest

from tests.factories import TopicAreaFactory

pytestmark = pytest.mark.django_db


def test_a_client_over_the_rate_gets_a_429_saying_when_to_retry_and_others_are_unaffected(client, settings):
    settings.API_RATE_ANON = "3/m"
    TopicAreaFactory(code="A")
    greedy = {"REMOTE_ADDR": "192.0.2.10"}

    answered = [client.get("/api/v1/topic-areas", **greedy).status_code for _ in range(3)]
    refused = client.get("/api/v1/topic-areas", **greedy)
    # A forwarded-for header the client writes itself changes nothing: the address counted is the connection's.
    disguised = client.get("/api/v1/topic-areas", HTTP_X_FORWARDED_FOR="198.51.100.7", **greedy)
    other = client.get("/api/v1/topic-areas", REMOTE_ADDR="192.0.2.20")

    assert answered == [200, 200, 200]
    assert refused.status_code == 429 and disguised.status_code == 429
    body = refused.json()
    assert 1 <= body["retry_after"] <= 60
    assert refused["Retry-After"] == str(body["retry_after"])
    assert body["detail"] == (
        "Too many requests: the API answers at most 3 requests in 60 seconds from one address. "
        f"Try again in {body['retry_after']} seconds."
    )
    assert other.status_code == 200 and other.json()[0]["code"] == "A"


def test_every_operation_documents_the_429(client):
    schema = client.get("/api/v1/openapi.json").json()

    operations = [operation for methods in schema["paths"].values() for operation in methods.values()]
    assert len(operations) > 10
    for operation in operations:
        throttled = operation["responses"]["429"]
        assert throttled["headers"]["Retry-After"]["schema"]["type"] == "integer"
        assert throttled["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Throttled"}
    assert schema["components"]["schemas"]["Throttled"]["required"] == ["detail", "retry_after"]
