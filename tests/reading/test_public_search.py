"""The public finds published inputs by their words, in each UN language, and never by hidden words."""

import pytest

from review.redactions import passage_redact
from review.services import passage_create
from tests.review.conftest import received_input

pytestmark = pytest.mark.django_db


def found(client, words: str) -> str:
    return client.get("/en/inputs/", {"q": words}).content.decode()


def test_words_are_found_in_their_own_language_with_their_other_forms(client, published):
    english = published(general_comment="Remote participants need captioning.", language="en")
    russian = published(general_comment="Финансирование форума должно быть прозрачным.", language="ru")
    spanish = published(general_comment="Las contribuciones voluntarias deben publicarse.", language="es")
    chinese = published(general_comment="海洋与互联网治理论坛的资金问题", language="zh-hans")

    assert english.reference in found(client, "participant caption")  # stemmed: participants, captioning
    assert russian.reference in found(client, "финансирования")
    assert spanish.reference in found(client, "contribución voluntaria")  # singular finds the plural
    chinese_page = found(client, "海洋")
    assert chinese.reference in chinese_page and english.reference not in chinese_page


def test_hidden_words_and_unpublished_inputs_are_never_found(client, call, published):
    submission = published(general_comment="Open words, and a Qsecretword here.")
    passage = passage_create(submission=submission, source="general_comment", excerpt="Qsecretword", by=published.admin)
    passage_redact(passage=passage, reason="Personal data", by=published.admin)
    received_input(client, call, general_comment="Qunpublishedword")
    anonymous = published(publication="anonymous", organisation="Qhiddenorganisation")

    assert submission.reference in found(client, "open words")
    assert submission.reference not in found(client, "Qsecretword")
    assert "No published input matches these filters." in found(client, "Qunpublishedword")
    assert anonymous.reference not in found(client, "Qhiddenorganisation")


def test_search_is_part_of_the_shareable_url_and_of_the_downloads(client, published):
    import json

    wanted = published(general_comment="Hubs in small island states.")
    published(general_comment="Something else entirely.")
    listing = client.get("/en/inputs/?q=island")
    assert wanted.reference in listing.content.decode() and 'value="island"' in listing.content.decode()
    records = json.loads(b"".join(client.get("/en/inputs/download/json/", {"q": "island"}).streaming_content))
    assert [record["reference"] for record in records] == [wanted.reference]


def test_chinese_is_found_by_any_of_its_words_through_pairs_of_characters(client, published):
    funding = published(general_comment="论坛需要可持续的资金。", language="zh-hans")
    quoted = published(general_comment="A delegate wrote: 互联网治理 matters.", language="en")

    assert funding.reference in found(client, "资金") and funding.reference in found(client, "可持续")
    assert funding.reference not in found(client, "资可")  # both characters are there, but not side by side
    assert quoted.reference in found(client, "治理") and funding.reference not in found(client, "治理")
    assert funding.reference in found(client, "需")  # one character: read as a substring
