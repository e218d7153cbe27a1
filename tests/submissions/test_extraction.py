"""Text extraction from attachments: what reviewers, search and suggestions read of each file type."""

import io
import time
import unicodedata

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from submissions import extraction
from submissions.extraction import ExtractionFailed, attachment_text
from tests.documents import CONTENT_TYPES_XML, zip_bytes

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
ODF = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
ARABIC = "المنتدى الدائم"
CHINESE = "常设论坛"
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">' for n in range(1, 10))
    + "]><document>&lol9;</document>"
)


def text_of(data: bytes, extension: str) -> str:
    return attachment_text(io.BytesIO(data), extension=extension)


def failure_of(data: bytes, extension: str) -> str:
    with pytest.raises(ExtractionFailed) as caught:
        text_of(data, extension)
    return str(caught.value)


def docx(body: str, footnotes: str | None = None) -> bytes:
    entries = {
        "[Content_Types].xml": CONTENT_TYPES_XML,
        "word/document.xml": f"<w:document {W}><w:body>{body}</w:body></w:document>".encode(),
    }
    if footnotes is not None:
        entries["word/footnotes.xml"] = f"<w:footnotes {W}>{footnotes}</w:footnotes>".encode()
    return zip_bytes(entries)


def odt(body: str) -> bytes:
    content = f"<office:document-content {ODF}><office:body><office:text>{body}</office:text></office:body>"
    return zip_bytes(
        {
            "mimetype": b"application/vnd.oasis.opendocument.text",
            "content.xml": (content + "</office:document-content>").encode(),
        }
    )


def pdf(*pages: str, **encryption) -> bytes:
    """Pages of real text in Helvetica, as a word processor's export has; no page text makes a scan."""
    writer = PdfWriter()
    for page_text in pages or [None]:
        page = writer.add_blank_page(width=612, height=792)
        if page_text is None:
            continue
        font = {"/Type": "/Font", "/Subtype": "/Type1", "/BaseFont": "/Helvetica"}
        font = DictionaryObject({NameObject(key): NameObject(value) for key, value in font.items()})
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        content = DecodedStreamObject()
        content.set_data(f"BT /F1 12 Tf 72 720 Td ({page_text}) Tj ET".encode())
        page.replace_contents(content)
    if encryption:
        writer.encrypt(**encryption)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_docx_gives_body_paragraphs_then_footnotes_with_tabs_and_line_breaks():
    body = (
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        f"<w:r><w:t>Ocean</w:t><w:tab/><w:t>{ARABIC}</w:t></w:r></w:p>"
        f"<w:p><w:r><w:t>{CHINESE}</w:t><w:br/><w:t xml:space='preserve'>second line</w:t></w:r>"
        '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
        "<w:p/><w:p/><w:p/>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>In a table</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><w:del><w:r><w:delText>deleted</w:delText></w:r></w:del><w:r><w:t>kept</w:t></w:r></w:p>"
    )
    footnotes = (
        '<w:footnote w:type="separator" w:id="0"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>A footnote.</w:t></w:r></w:p></w:footnote>'
    )

    text = text_of(docx(body, footnotes), "docx")

    assert text == f"Ocean\t{ARABIC}\n\n{CHINESE}\nsecond line\n\nIn a table\n\nkept\n\nA footnote."


def test_docx_text_box_is_read_once_although_word_stores_it_twice():
    body = (
        '<w:p xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:r><w:t>Before</w:t>'
        "<mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent>"
        "</mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>Boxed</w:t></w:r></w:p></w:txbxContent>"
        "</mc:Fallback></mc:AlternateContent><w:t>after</w:t></w:r></w:p>"
    )

    assert text_of(docx(body), "docx") == "Before\n\nBoxed\n\nafter"


def test_odt_gives_headings_and_paragraphs_with_spans_spaces_tabs_line_breaks_and_notes():
    body = (
        f"<text:h>{ARABIC}</text:h>"
        f"<text:p>Ocean<text:s text:c='3'/><text:span>{CHINESE}</text:span><text:tab/>tab"
        "<text:line-break/>next line<text:note><text:note-citation>1</text:note-citation>"
        "<text:note-body><text:p>A note.</text:p></text:note-body></text:note> ends.</text:p>"
        "<text:list><text:list-item><text:p>Listed\n   item</text:p></text:list-item></text:list>"
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>deleted</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        "<text:p>Annotated<office:annotation><text:p>a comment</text:p></office:annotation></text:p>"
    )

    text = text_of(odt(body), "odt")

    assert text == (f"{ARABIC}\n\nOcean   {CHINESE}\ttab\nnext line1 ends.\n\nA note.\n\nListed item\n\nAnnotated")


def test_pdf_gives_the_text_of_each_page():
    assert text_of(pdf("Hello Forum", "Second page"), "pdf") == "Hello Forum\n\nSecond page"


def test_pdf_locked_only_against_editing_is_read():
    assert text_of(pdf("Hello Forum", user_password="", owner_password="owner"), "pdf") == "Hello Forum"


def test_password_protected_pdf_fails_with_a_message_saying_so():
    assert failure_of(pdf("Hello Forum", user_password="secret"), "pdf") == "The PDF is password-protected."


def test_pdf_without_text_such_as_a_scan_gives_empty_text():
    assert text_of(pdf(), "pdf") == ""


def test_pdf_is_read_up_to_the_page_cap(settings):
    settings.EXTRACTION_MAX_PAGES = 2

    assert text_of(pdf("One", "Two", "Three"), "pdf") == "One\n\nTwo"


@pytest.mark.parametrize(
    ("data", "extension"),
    [
        (pdf("0123456789 and far more"), "pdf"),
        (docx("<w:p><w:r><w:t>0123456789 and far more</w:t></w:r></w:p>"), "docx"),
        (docx("<w:p><w:r><w:t>01234</w:t></w:r></w:p>" * 5), "docx"),
        (odt("<text:p>0123456789<text:s text:c='1000000000'/>and far more</text:p>"), "odt"),
        ("0123456789 and far more".encode("utf-16"), "txt"),
    ],
)
def test_text_stops_at_the_character_cap(settings, data, extension):
    settings.EXTRACTION_MAX_CHARS = 10

    text = text_of(data, extension)

    assert len(text) <= 10
    assert text.startswith("01234")


@pytest.mark.parametrize(
    "data",
    [
        "Position: 海洋, océan, المحيط.\r\nEnd.".encode("utf-16"),
        "Position: 海洋, océan, المحيط.\r\nEnd.".encode("utf-8-sig"),
        "Position: 海洋, océan, المحيط.\nEnd.".encode(),
    ],
    ids=["utf-16", "utf-8 with bom", "utf-8"],
)
def test_txt_is_read_in_the_encodings_intake_accepts(data):
    assert text_of(data, "txt") == "Position: 海洋, océan, المحيط.\nEnd."


def test_text_is_normalised_to_composed_characters_trimmed_lines_and_single_blank_lines():
    data = "Oce\u0301an  \t\n\n\n\n\nnon\u00a0breaking\x00\u2028next\n\n".encode()

    assert text_of(data, "txt") == "Océan\n\nnon breaking\nnext"


def test_arabic_presentation_forms_and_ligatures_become_the_letters_people_search_for():
    """Browser-made PDFs store Arabic as presentation forms (U+FE70–U+FEFF) and "fi" as one ligature."""
    forms = {}
    for code in range(0xFE70, 0xFEFF):
        letter = unicodedata.normalize("NFKC", chr(code))
        if len(letter) == 1:
            forms.setdefault(letter, chr(code))
    stored = "".join(forms.get(letter, letter) for letter in ARABIC) + " \ufb01nance"
    assert stored != ARABIC + " finance"

    assert text_of(stored.encode(), "txt") == ARABIC + " finance"


def test_txt_in_another_encoding_fails_with_a_message():
    assert failure_of("Océan".encode("latin-1"), "txt") == "The text file is neither UTF-8 nor UTF-16 text."


@pytest.mark.parametrize(
    ("data", "extension"),
    [
        (b"PK\x03\x04 not really a zip", "docx"),
        (docx("<w:p><w:r><w:t>Ocean</w:t></w:r></w:p>")[:-30], "docx"),
        (zip_bytes({"[Content_Types].xml": CONTENT_TYPES_XML}), "docx"),
        (docx("<w:p><w:r><w:t>unclosed</w:r></w:p>"), "docx"),
        (zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<a><b></a>"}), "odt"),
        (b"%PDF-1.7\n1 0 obj<</Type/Catalog>>endobj\n%%EOF\n", "pdf"),
        (b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n", "pdf"),
    ],
    ids=[
        "docx-not-a-zip",
        "docx-truncated",
        "docx-without-body",
        "docx-bad-xml",
        "odt-bad-xml",
        "pdf-no-pages",
        "pdf-garbage",
    ],
)
def test_damaged_file_fails_with_a_plain_message_naming_its_type(data, extension):
    message = failure_of(data, extension)

    assert message == f"The {extension.upper()} file is damaged: its text cannot be read."


@pytest.mark.parametrize("extension", ["docx", "odt"])
def test_xml_bomb_fails_at_once_without_expanding(extension):
    entry = "word/document.xml" if extension == "docx" else "content.xml"
    data = zip_bytes({"[Content_Types].xml": CONTENT_TYPES_XML, entry: BILLION_LAUGHS.encode()})
    started = time.monotonic()

    message = failure_of(data, extension)

    assert time.monotonic() - started < 1
    assert "not allowed" in message


def test_paragraph_built_to_exhaust_memory_fails_with_a_message(monkeypatch):
    monkeypatch.setattr(extraction, "PARAGRAPH_MAX_ELEMENTS", 50)
    data = docx("<w:p>" + "<w:r><w:t>a</w:t></w:r>" * 30 + "</w:p>")

    assert failure_of(data, "docx") == "The document has a paragraph too complex to be read."


def test_long_document_of_ordinary_paragraphs_is_not_taken_for_a_complex_one(monkeypatch):
    monkeypatch.setattr(extraction, "PARAGRAPH_MAX_ELEMENTS", 50)
    data = docx("<w:p><w:r><w:t>a</w:t></w:r></w:p>" * 30)

    assert text_of(data, "docx") == "\n\n".join(["a"] * 30)


def test_type_without_a_reader_fails_with_a_message():
    assert failure_of(b"MZ", "exe") == "Text is not read from files of this type."
