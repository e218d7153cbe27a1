"""The plain text of an attachment, for reviewers, search and suggestions.

Pure functions on the bytes of a file that `submissions.files` already accepted; no database, no storage.
"""

import codecs
import logging
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeElementTree
from pypdf import PdfReader
from pypdf.errors import DependencyError

from django.conf import settings

from .files import LIMIT_DEFAULTS

logger = logging.getLogger(__name__)

DEFAULTS = {"EXTRACTION_MAX_PAGES": 500, "EXTRACTION_MAX_CHARS": 2_000_000}
# A real paragraph has at most a few thousand elements; a paragraph far larger is built to exhaust memory.
PARAGRAPH_MAX_ELEMENTS = 100_000
KINDS = {"pdf": "PDF", "docx": "DOCX", "odt": "ODT", "txt": "text"}

LOCKED_PDF = "The PDF is password-protected."
ENCRYPTION_UNSUPPORTED = "The PDF is encrypted in a way that cannot be read here."
UNSAFE_XML = "The document contains XML declarations that are not allowed (a DTD or entities)."
TOO_LARGE = "The document expands to too much data to be read."
TOO_COMPLEX = "The document has a paragraph too complex to be read."
NOT_UNICODE = "The text file is neither UTF-8 nor UTF-16 text."
UNKNOWN_TYPE = "Text is not read from files of this type."


class ExtractionFailed(Exception):
    """The file's text cannot be read; the message is safe to show a reviewer."""


def attachment_text(file, *, extension: str) -> str:
    """Plain text of the document (paragraphs separated by blank lines, whitespace normalised within lines),
    from a binary file object opened at position 0. Raises ExtractionFailed."""
    extension = extension.lower()
    if extension not in READERS:
        raise ExtractionFailed(UNKNOWN_TYPE)
    limit = _limit("EXTRACTION_MAX_CHARS")
    text = _Text(limit)
    try:
        READERS[extension](file, text)
        return _normalised(text.value())[:limit].rstrip()
    except ExtractionFailed:
        raise
    except DefusedXmlException as error:
        raise ExtractionFailed(UNSAFE_XML) from error
    except DependencyError as error:
        raise ExtractionFailed(ENCRYPTION_UNSUPPORTED) from error
    except Exception as error:
        # Damaged files make parsers raise almost anything; none of it may reach the worker as a crash.
        logger.info("Text of a %s attachment could not be read", extension, exc_info=True)
        raise ExtractionFailed(f"The {KINDS[extension]} file is damaged: its text cannot be read.") from error


def _limit(name: str) -> int:
    """Read at call time, so that settings (and tests overriding them) take effect at once."""
    return getattr(settings, name, DEFAULTS[name])


class _Text:
    """Collects text up to a number of characters, so a huge document costs no more than the cap."""

    def __init__(self, limit: int):
        self.left = limit
        self._parts: list[str] = []

    @property
    def is_full(self) -> bool:
        return self.left <= 0

    def add(self, text: str | None) -> None:
        if text and self.left > 0:
            text = text[: self.left]
            self._parts.append(text)
            self.left -= len(text)

    def end_paragraph(self) -> None:
        """Not counted against the cap, and never repeated, so empty paragraphs cost nothing."""
        if self._parts and self._parts[-1] != "\n\n":
            self._parts.append("\n\n")

    def value(self) -> str:
        return "".join(self._parts)


# Normalisation: line separators become newlines and other spaces a plain space; controls (a NUL, which
# PostgreSQL refuses) and lone surrogates (which UTF-8 cannot encode) are dropped.
LINE_SEPARATORS = re.compile(r"\r\n?|[\v\f\x1c-\x1e\x85\u2028\u2029]")
SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
BLANK_LINES = re.compile(r"\n{3,}")


def _normalised(text: str) -> str:
    # NFKC, not NFC: PDFs made by browsers store Arabic as presentation forms (U+FB50–U+FEFF) and Latin
    # ligatures as one character (ﬁ); their compatibility forms are the letters people type and search for.
    text = LINE_SEPARATORS.sub("\n", unicodedata.normalize("NFKC", text))
    text = UNWANTED.sub("", SPACES.sub(" ", text))
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return BLANK_LINES.sub("\n\n", text).strip("\n")


def _pdf_text(file, text: _Text) -> None:
    """A PDF that opens without a password is read as a viewer would; pages of images give no text."""
    reader = PdfReader(file)
    if reader.is_encrypted and not reader.decrypt(""):
        raise ExtractionFailed(LOCKED_PDF)
    for number in range(min(len(reader.pages), _limit("EXTRACTION_MAX_PAGES"))):
        if text.is_full:
            return
        text.add(reader.pages[number].extract_text())
        text.end_paragraph()


def _txt_text(file, text: _Text) -> None:
    """The encodings `submissions.files` accepts; at most the bytes the character cap can use are read."""
    byte_limit = 4 * text.left + 4
    data = file.read(byte_limit + 1)
    is_cut = len(data) > byte_limit
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    try:
        text.add(codecs.getincrementaldecoder(encoding)().decode(data[:byte_limit], final=not is_cut))
    except UnicodeDecodeError as error:
        raise ExtractionFailed(NOT_UNICODE) from error


def _xml_paragraphs(archive: zipfile.ZipFile, entry: str, *, paragraphs: set, unread: set) -> Iterator:
    """Each outermost paragraph element of an archive's XML part, complete, in document order.

    Streamed with defusedxml (a DTD, hence any entity bomb, is refused at once); every element already
    read is dropped from the tree, so memory stays flat however long the document is.
    """
    if archive.getinfo(entry).file_size > getattr(
        settings, "SUBMISSION_ARCHIVE_MAX_BYTES", LIMIT_DEFAULTS["SUBMISSION_ARCHIVE_MAX_BYTES"]
    ):
        raise ExtractionFailed(TOO_LARGE)
    open_elements, depth, skipping, size = [], 0, 0, 0
    with archive.open(entry) as stream:
        for event, element in SafeElementTree.iterparse(stream, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                open_elements.append(element)
                skipping += element.tag in unread
                depth += element.tag in paragraphs
                size += bool(depth)
                if size > PARAGRAPH_MAX_ELEMENTS:
                    raise ExtractionFailed(TOO_COMPLEX)
                continue
            open_elements.pop()
            skipping -= element.tag in unread
            if element.tag in paragraphs:
                depth -= 1
                if not depth and not skipping:
                    yield element
            if not depth:
                size = 0
                if open_elements:
                    open_elements[-1].remove(element)


def _tags(namespaces: tuple[str, ...], *names: str) -> set[str]:
    return {f"{{{namespace}}}{name}" for namespace in namespaces for name in names}


# Word writes Transitional OOXML; Strict OOXML names the same elements in another namespace.
W = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main")
W_P, W_T, W_TAB, W_BREAK = _tags(W, "p"), _tags(W, "t"), _tags(W, "tab"), _tags(W, "br", "cr")
# Paragraph and run properties hold tab stops (also `w:tab`); a Fallback repeats its AlternateContent's text.
W_UNREAD = _tags(W, "pPr", "rPr") | _tags(("http://schemas.openxmlformats.org/markup-compatibility/2006",), "Fallback")


def _docx_text(file, text: _Text) -> None:
    """The body, then the footnotes. Deleted revisions are `w:delText` and field codes `w:instrText`: not read."""
    with zipfile.ZipFile(file) as archive:
        _add_paragraphs(archive, "word/document.xml", text, paragraphs=W_P, unread=W_UNREAD, render=_docx_render)
        if "word/footnotes.xml" in archive.namelist():
            _add_paragraphs(archive, "word/footnotes.xml", text, paragraphs=W_P, unread=W_UNREAD, render=_docx_render)


def _docx_render(element, text: _Text, notes: list) -> None:
    for child in element:
        tag = child.tag
        if tag in W_UNREAD:
            continue
        if tag in W_T:
            text.add(child.text)
        elif tag in W_TAB:
            text.add("\t")
        elif tag in W_BREAK:
            text.add("\n")
        elif tag in W_P:  # a text box's paragraph inside this one
            text.end_paragraph()
            _docx_render(child, text, notes)
            text.end_paragraph()
        else:
            _docx_render(child, text, notes)


TEXT = ("urn:oasis:names:tc:opendocument:xmlns:text:1.0",)
TEXT_P, TEXT_S, TEXT_TAB = _tags(TEXT, "p", "h"), _tags(TEXT, "s"), _tags(TEXT, "tab")
TEXT_LINE_BREAK, TEXT_NOTE_BODY, TEXT_S_COUNT = _tags(TEXT, "line-break"), _tags(TEXT, "note-body"), f"{{{TEXT[0]}}}c"
# Deleted text kept for change tracking, comments, and images' titles and descriptions are not the document's text.
TEXT_UNREAD = (
    _tags(TEXT, "tracked-changes")
    | _tags(("urn:oasis:names:tc:opendocument:xmlns:office:1.0",), "annotation")
    | _tags(("urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",), "title", "desc")
)
# In ODF, a run of spaces, tabs and newlines in the XML is one space; `text:s`, `text:tab` and
# `text:line-break` are how a document says more.
ODF_WHITESPACE = re.compile(r"[ \t\r\n]+")


def _odt_text(file, text: _Text) -> None:
    with zipfile.ZipFile(file) as archive:
        _add_paragraphs(archive, "content.xml", text, paragraphs=TEXT_P, unread=TEXT_UNREAD, render=_odt_render)


def _odt_render(element, text: _Text, notes: list) -> None:
    """A footnote's body is kept aside and read as paragraphs after the one that cites it."""
    text.add(ODF_WHITESPACE.sub(" ", element.text or ""))
    for child in element:
        tag = child.tag
        if tag in TEXT_S:
            text.add(" " * min(_space_count(child), max(text.left, 0)))
        elif tag in TEXT_TAB:
            text.add("\t")
        elif tag in TEXT_LINE_BREAK:
            text.add("\n")
        elif tag in TEXT_NOTE_BODY:
            notes.append(child)
        elif tag in TEXT_P:
            text.end_paragraph()
            _odt_render(child, text, notes)
            text.end_paragraph()
        elif tag not in TEXT_UNREAD:
            _odt_render(child, text, notes)
        text.add(ODF_WHITESPACE.sub(" ", child.tail or ""))


def _space_count(element) -> int:
    try:
        return int(element.get(TEXT_S_COUNT, "1"))
    except ValueError:
        return 1


def _add_paragraphs(archive, entry: str, text: _Text, *, paragraphs: set, unread: set, render: Callable) -> None:
    for paragraph in _xml_paragraphs(archive, entry, paragraphs=paragraphs, unread=unread):
        notes: list = []
        render(paragraph, text, notes)
        text.end_paragraph()
        for note in notes:
            render(note, text, [])
            text.end_paragraph()
        if text.is_full:
            return


READERS = {"pdf": _pdf_text, "docx": _docx_text, "odt": _odt_text, "txt": _txt_text}
