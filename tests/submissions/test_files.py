"""Attachment checks: what an input accepts, and what it refuses with a message naming the file."""

import codecs
import hashlib
import random

import pytest

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from submissions.files import attachment_check, attachments_check
from tests.documents import (
    CONTENT_TYPES_XML,
    DOCX,
    MACRO_CONTENT_TYPES_XML,
    MB,
    ODT,
    pdf_bytes,
    with_central_record,
    zip_bytes,
)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def raw_upload(name: str, data: bytes) -> ContentFile:
    """An upload whose name Django has not already reduced to a base name, as a hand-made request may send."""
    return ContentFile(data, name=name)


def refusal(upload_file) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        attachment_check(upload_file)
    return caught.value


GOOD_DOCX = zip_bytes(DOCX)
GOOD_ODT = zip_bytes(ODT)


@pytest.mark.parametrize(
    ("name", "data", "extension", "content_type"),
    [
        ("report.pdf", pdf_bytes(), "pdf", "application/pdf"),
        ("report.docx", GOOD_DOCX, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("report.odt", GOOD_ODT, "odt", "application/vnd.oasis.opendocument.text"),
        ("notes.txt", "Position of the delegation: 海洋, océan.\r\n\tEnd.\f".encode(), "txt", "text/plain"),
    ],
)
def test_accepted_type_is_returned_checked_and_rewound(name, data, extension, content_type):
    checked = attachment_check(upload(name, data))

    assert checked.safe_name == name
    assert checked.extension == extension
    assert checked.content_type == content_type
    assert checked.size == len(data)
    assert checked.sha256 == hashlib.sha256(data).hexdigest()
    assert checked.upload.tell() == 0
    assert checked.upload.read() == data


@pytest.mark.parametrize(
    ("name", "data", "safe_name", "extension"),
    [
        pytest.param("REPORT.PDF", pdf_bytes(), "REPORT.PDF", "pdf", id="upper-case-extension"),
        pytest.param("scan.exe.pdf", pdf_bytes(), "scan.exe.pdf", "pdf", id="inner-suffix-judged-by-content"),
        pytest.param("  Rapport final.pdf  ", pdf_bytes(), "Rapport final.pdf", "pdf", id="spaces-stripped"),
        pytest.param("Re\u0301sume\u0301.pdf", pdf_bytes(), "Résumé.pdf", "pdf", id="name-nfc-normalised"),
        pytest.param("تقرير.txt", codecs.BOM_UTF8 + "نص".encode(), "تقرير.txt", "txt", id="utf8-with-bom"),
        pytest.param("notes.txt", "Текст".encode("utf-16"), "notes.txt", "txt", id="utf16-with-bom"),
        pytest.param("notes.txt", b"Our <html> remarks", "notes.txt", "txt", id="html-mentioned-later"),
    ],
)
def test_ordinary_variants_are_accepted(name, data, safe_name, extension):
    checked = attachment_check(upload(name, data))

    assert (checked.safe_name, checked.extension) == (safe_name, extension)


def case(name, data, code, *, shown=None, raw=False, id=None):
    return pytest.param(name, data, code, shown or name, raw, id=id or code)


REFUSALS = [
    case("../secret.pdf", pdf_bytes(), "bad_name", raw=True, id="parent-path"),
    case("folder/report.pdf", pdf_bytes(), "bad_name", raw=True, id="slash"),
    case("folder\\report.pdf", pdf_bytes(), "bad_name", id="backslash"),
    case("..", pdf_bytes(), "bad_name", raw=True, id="dot-dot"),
    case(".hidden.pdf", pdf_bytes(), "bad_name", id="leading-dot"),
    case("report\x00.pdf", pdf_bytes(), "bad_name", shown="report", raw=True, id="nul"),
    case("report\r\n.pdf", pdf_bytes(), "bad_name", shown="report", raw=True, id="cr-lf"),
    case("report.pdf\n", pdf_bytes(), "bad_name", shown="report.pdf", raw=True, id="trailing-lf"),
    case("invoice\u202efdp.exe", pdf_bytes(), "bad_name", shown="invoice", id="rtl-override"),
    case("   ", pdf_bytes(), "bad_name", shown="unnamed file", raw=True, id="blank"),
    case("a" * 147 + ".pdf", pdf_bytes(), "bad_name", shown="a" * 40, id="too-long"),
    case("report.exe", b"MZ\x90\x00", "bad_type", id="exe"),
    case("report.pdf.exe", pdf_bytes(), "bad_type", id="double-extension"),
    case("report", pdf_bytes(), "bad_type", id="no-extension"),
    case("report.doc", b"\xd0\xcf\x11\xe0", "bad_type", id="legacy-doc"),
    case("report.docm", GOOD_DOCX, "bad_type", id="docm"),
    case("empty.pdf", b"", "empty", id="empty"),
    case("huge.txt", b"a" * (10 * MB + 1), "too_large", id="too-large"),
    case("report.pdf", b"Just some words", "mismatch", id="pdf-without-header"),
    case("report.pdf", b"%PDF-1.4\n<html><script>alert(1)</script>", "mismatch", id="pdf-without-eof"),
    case("scan.exe.pdf", b"MZ\x90\x00" + pdf_bytes(), "mismatch", id="exe-named-pdf"),
    case("report.docx", pdf_bytes(), "mismatch", id="pdf-named-docx"),
    case("report.docx", zip_bytes({"[Content_Types].xml": CONTENT_TYPES_XML}), "mismatch", id="docx-no-document"),
    case("report.docx", GOOD_DOCX[: len(GOOD_DOCX) // 2], "mismatch", id="docx-truncated"),
    case("report.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "mismatch", id="docx-password-protected"),
    case("report.odt", GOOD_DOCX, "mismatch", id="odt-without-mimetype"),
    case(
        "report.odt",
        zip_bytes({**ODT, "mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
        "mismatch",
        id="ods-named-odt",
    ),
    case("notes.txt", pdf_bytes(), "mismatch", id="pdf-named-txt"),
    case("notes.txt", GOOD_DOCX, "mismatch", id="zip-named-txt"),
    case("notes.txt", b"MZ\x90\x00\x03", "mismatch", id="exe-named-txt"),
    case("notes.txt", b"\x7fELF\x02\x01", "mismatch", id="elf-named-txt"),
    case("notes.txt", b"  \n<!DOCTYPE html><p>hi", "mismatch", id="html-doctype"),
    case("notes.txt", codecs.BOM_UTF8 + b"<html><body>", "mismatch", id="html-after-bom"),
    case("notes.txt", b"<SCRIPT>alert(1)</SCRIPT>", "mismatch", id="script"),
    case("notes.txt", codecs.BOM_UTF8 + b"%PDF-1.4", "mismatch", id="pdf-after-bom"),
    case("notes.txt", b"hello\x00world", "bad_text", id="nul-in-text"),
    case("notes.txt", b"hello \x1b[31mred", "bad_text", id="escape-in-text"),
    case("notes.txt", b"caf\xe9 au lait", "bad_text", id="latin-1"),
    case("notes.txt", "hello".encode("utf-16-le"), "bad_text", id="utf16-without-bom"),
    case(
        "bomb.docx",
        with_central_record(
            zip_bytes({**DOCX, "word/media/a.bin": bytes(1000)}), "word/media/a.bin", file_size=200 * MB
        ),
        "archive_too_large",
        id="zip-bomb-declared-200mb",
    ),
    case("ratio.docx", zip_bytes({**DOCX, "word/media/a.bin": bytes(2 * MB)}), "archive_too_large", id="ratio"),
    case("parts.odt", zip_bytes({**ODT, **{f"p/{i}.xml": b"" for i in range(1000)}}), "archive_unsafe", id="entries"),
    case("evil.docx", zip_bytes({**DOCX, "../evil.xml": b"x"}), "archive_unsafe", id="entry-parent"),
    case("evil.docx", zip_bytes({**DOCX, "word/../../evil.xml": b"x"}), "archive_unsafe", id="entry-inner-parent"),
    case("evil.docx", zip_bytes({**DOCX, "/etc/evil.xml": b"x"}), "archive_unsafe", id="entry-absolute"),
    case("evil.docx", zip_bytes({**DOCX, "C:/Windows/evil.dll": b"x"}), "archive_unsafe", id="entry-drive"),
    case("evil.docx", zip_bytes({**DOCX, "word\\evil.xml": b"x"}), "archive_unsafe", id="entry-backslash"),
    case(
        "locked.odt",
        with_central_record(GOOD_ODT, "content.xml", flag_bits=0x1),
        "archive_unsafe",
        id="entry-encrypted",
    ),
    case("macro.docx", zip_bytes({**DOCX, "word/vbaProject.bin": b"\xd0\xcf"}), "macros", id="docx-vba"),
    case("macro.docx", zip_bytes({**DOCX, "custom/VBAPROJECT.BIN": b"\xd0\xcf"}), "macros", id="docx-vba-elsewhere"),
    case("macro.docx", zip_bytes({**DOCX, "[Content_Types].xml": MACRO_CONTENT_TYPES_XML}), "macros", id="docx-type"),
    case("macro.odt", zip_bytes({**ODT, "Basic/Standard/Module1.xml": b"<x/>"}), "macros", id="odt-basic"),
    case("macro.odt", zip_bytes({**ODT, "Scripts/python/run.py": b"print()"}), "macros", id="odt-scripts"),
]


@pytest.mark.parametrize(("name", "data", "code", "shown", "raw"), REFUSALS)
def test_bad_attachment_is_refused_with_its_name_and_a_code(name, data, code, shown, raw):
    upload_file = raw_upload(name, data) if raw else upload(name, data)

    error = refusal(upload_file)

    assert [item.code for item in error.error_list] == [code]
    assert shown in error.messages[0]
    assert upload_file.tell() == 0


def test_name_with_hidden_controls_is_shown_without_them():
    error = refusal(upload("invoice\u202efdp.exe", pdf_bytes()))

    assert "\u202e" not in error.messages[0]
    assert "invoice\ufffdfdp.exe" in error.messages[0]


def test_too_large_message_states_the_limit_in_megabytes():
    assert "10 MB" in refusal(upload("huge.txt", b"a" * (10 * MB + 1))).messages[0]


def test_size_is_counted_not_taken_from_the_client(settings):
    settings.SUBMISSION_MAX_FILE_BYTES = 10
    lying = upload("notes.txt", b"a" * 11)
    lying.size = 5

    assert refusal(lying).error_list[0].code == "too_large"


@pytest.mark.parametrize(
    ("setting", "value", "name", "data", "code"),
    [
        ("SUBMISSION_MAX_FILE_BYTES", 10, "notes.txt", b"a" * 11, "too_large"),
        ("SUBMISSION_FILE_NAME_MAX_LENGTH", 10, "long-name.txt", b"a", "bad_name"),
        ("SUBMISSION_ARCHIVE_MAX_ENTRIES", 1, "report.odt", GOOD_ODT, "archive_unsafe"),
        ("SUBMISSION_ARCHIVE_MAX_RATIO", 10**6, "ratio.docx", zip_bytes({**DOCX, "a.bin": bytes(2 * MB)}), None),
    ],
)
def test_limits_follow_the_settings(settings, setting, value, name, data, code):
    setattr(settings, setting, value)

    if code is None:
        assert attachment_check(upload(name, data)).size == len(data)
    else:
        assert refusal(upload(name, data)).error_list[0].code == code


def test_archive_over_the_total_size_is_refused(settings):
    settings.SUBMISSION_ARCHIVE_MAX_BYTES = 32 * 1024
    noise = random.Random(0).randbytes(64 * 1024)  # incompressible, so only the total can refuse it

    error = refusal(upload("annex.docx", zip_bytes({**DOCX, "word/media/noise.bin": noise})))

    assert error.error_list[0].code == "archive_too_large"


def test_all_bad_files_are_reported_at_once():
    uploads = [upload("good.pdf", pdf_bytes()), upload("tool.exe", b"MZ"), upload("blank.txt", b"")]

    with pytest.raises(ValidationError) as caught:
        attachments_check(uploads)

    assert [item.code for item in caught.value.error_list] == ["bad_type", "empty"]
    assert "tool.exe" in caught.value.messages[0]
    assert "blank.txt" in caught.value.messages[1]


def test_good_files_are_returned_in_order():
    checked = attachments_check([upload("a.pdf", pdf_bytes()), upload("b.odt", GOOD_ODT)], already_attached=3)

    assert [item.safe_name for item in checked] == ["a.pdf", "b.odt"]


def test_files_beyond_the_limit_are_refused_counting_those_already_attached():
    with pytest.raises(ValidationError) as caught:
        attachments_check([upload("a.pdf", pdf_bytes()), upload("b.pdf", pdf_bytes())], already_attached=4)

    assert [item.code for item in caught.value.error_list] == ["too_many_files"]
    assert "at most 5 files" in caught.value.messages[0]


def test_file_limit_follows_the_settings(settings):
    settings.SUBMISSION_MAX_FILES = 1

    with pytest.raises(ValidationError) as caught:
        attachments_check([upload("a.pdf", pdf_bytes()), upload("b.pdf", pdf_bytes())])

    assert "at most 1 file," in caught.value.messages[0]
