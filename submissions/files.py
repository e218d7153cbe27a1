"""The checks every attachment of an input must pass before anything is stored.

Pure Python on the uploaded bytes: name, type, size, content and archive safety; no database, no storage.
"""

import codecs
import hashlib
import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.formats import number_format
from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
    "txt": "text/plain",
}
LIMIT_DEFAULTS = {
    "SUBMISSION_MAX_FILES": 5,
    "SUBMISSION_MAX_FILE_BYTES": 10 * MB,
    "SUBMISSION_ARCHIVE_MAX_BYTES": 100 * MB,
    "SUBMISSION_ARCHIVE_MAX_ENTRIES": 1000,
    "SUBMISSION_ARCHIVE_MAX_RATIO": 100,
    "SUBMISSION_FILE_NAME_MAX_LENGTH": 150,
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
DOCX_REQUIRED_ENTRIES = {"[Content_Types].xml", "word/document.xml"}
ZIP_SIGNATURE = b"PK\x03\x04"
BINARY_SIGNATURES = (b"%PDF", ZIP_SIGNATURE, b"MZ", b"\x7fELF")
HTML_OPENINGS = ("<!doctype html", "<html", "<script")
FORBIDDEN_TEXT_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")  # every C0 control but tab, LF, FF, CR
CONTROL_CATEGORIES = {"Cc", "Cf"}
DRIVE_LETTER = re.compile(r"^[A-Za-z]:")
ZIP_ERRORS = (zipfile.BadZipFile, EOFError, ValueError, OSError, NotImplementedError, zlib.error)

TOO_MANY_FILES = ngettext_lazy(
    "An input can have at most %(limit)d file, and this one would have %(count)d. "
    "Remove some files, or combine them into one PDF.",
    "An input can have at most %(limit)d files, and this one would have %(count)d. "
    "Remove some files, or combine them into one PDF.",
    "limit",
)
MESSAGES = {
    "bad_name": _(
        "“%(name)s” has a file name we cannot accept. Rename the file with a plain name of at most "
        "%(limit)s characters, not starting with a dot, and send it again."
    ),
    "bad_type": _("“%(name)s” is not an accepted type. Send PDF, DOCX, ODT or plain text (TXT) files."),
    "empty": _("“%(name)s” is empty. Check that you chose the right file and send it again."),
    "too_large": _(
        "“%(name)s” is larger than %(limit)s MB. Send a smaller file, for example by reducing its images "
        "or splitting it into parts."
    ),
    "mismatch": _(
        "“%(name)s” is not a valid %(kind)s file: it may be damaged, password-protected, or another type of "
        "file renamed. Open it, save it again as PDF, DOCX, ODT or TXT, and send that file."
    ),
    "bad_text": _("“%(name)s” is not readable plain text. Save it as UTF-8 text, or as PDF, and send it again."),
    "archive_too_large": _(
        "“%(name)s” expands to far too much data when opened. Open it, save it again (for example as PDF) "
        "and send that file."
    ),
    "archive_unsafe": _(
        "“%(name)s” has an internal structure we cannot accept (encrypted parts, too many parts or unusual "
        "paths). Open it, save it again (for example as PDF) and send that file."
    ),
    "macros": _(
        "“%(name)s” contains macros, and documents with macros are not accepted. Save it without macros "
        "(for example as PDF) and send it again."
    ),
}


@dataclass(frozen=True)
class CheckedAttachment:
    """A file that passed every check. `safe_name` is for people to read, never a path in the storage."""

    upload: UploadedFile
    safe_name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def attachment_check(upload) -> CheckedAttachment:
    """Raise ValidationError (one message naming the file) or return the checked file, rewound for saving."""
    try:
        name = _checked_name(upload.name)
        extension = _checked_extension(name)
        size, sha256 = _measured(upload, name)
        CONTENT_CHECKS[extension](upload, name, size)
    finally:
        upload.seek(0)
    return CheckedAttachment(
        upload=upload,
        safe_name=name,
        extension=extension,
        content_type=CONTENT_TYPES[extension],
        size=size,
        sha256=sha256,
    )


def attachments_check(uploads: list, *, already_attached: int = 0) -> list[CheckedAttachment]:
    """Check every file and report every bad one at once, so people fix them in one go.

    Too many files is refused before any file is read: the person must choose again anyway.
    """
    limit = _limit("SUBMISSION_MAX_FILES")
    count = already_attached + len(uploads)
    if count > limit:
        raise ValidationError(TOO_MANY_FILES, code="too_many_files", params={"limit": limit, "count": count})
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append(attachment_check(upload))
        except ValidationError as error:
            errors.extend(error.error_list)
    if errors:
        raise ValidationError(errors)
    return checked


def _limit(name: str) -> int:
    """Read at call time, so that settings (and tests overriding them) take effect at once."""
    return getattr(settings, name, LIMIT_DEFAULTS[name])


def _refusal(code: str, name: str | None, **params) -> ValidationError:
    return ValidationError(MESSAGES[code], code=code, params={"name": _shown(name), **params})


def _shown(name: str | None) -> str:
    """The name as it may appear in a message: hidden controls (a right-to-left override) made visible, capped."""
    shown = "".join("\ufffd" if unicodedata.category(char) in CONTROL_CATEGORIES else char for char in name or "")
    shown = shown.strip()
    if not shown:
        return gettext("unnamed file")
    return shown if len(shown) <= 80 else shown[:79] + "…"


def _megabytes(size: int) -> str:
    value = round(size / MB, 1)
    return number_format(int(value) if value == int(value) else value)


# Zero-width non-joiner and joiner are part of ordinary Persian, Arabic and Indic names.
JOINERS = "\u200c\u200d"


def _checked_name(raw: str | None) -> str:
    """Browsers send a bare, printable name; a path, a hidden control character or a dot file is hostile.

    With slashes and a leading dot refused, no `..` path part can remain.
    """
    raw = raw or ""
    limit = _limit("SUBMISSION_FILE_NAME_MAX_LENGTH")
    name = unicodedata.normalize("NFC", raw).strip()
    if (
        not name
        or len(name) > limit
        or name.startswith(".")
        or "/" in name
        or "\\" in name
        or any(unicodedata.category(char) in CONTROL_CATEGORIES and char not in JOINERS for char in raw)
    ):
        raise _refusal("bad_name", raw, limit=limit)
    return name


def _checked_extension(name: str) -> str:
    """Only the last suffix counts, so `x.pdf.exe` is an .exe; `x.exe.pdf` is then judged by its content."""
    _, dot, suffix = name.rpartition(".")
    extension = suffix.lower()
    if not dot or extension not in CONTENT_TYPES:
        raise _refusal("bad_type", name)
    return extension


def _measured(upload, name: str) -> tuple[int, str]:
    """Count the bytes while hashing them: `upload.size` is only what the client claimed."""
    limit = _limit("SUBMISSION_MAX_FILE_BYTES")
    if (upload.size or 0) > limit:
        raise _refusal("too_large", name, limit=_megabytes(limit))
    digest, size = hashlib.sha256(), 0
    for chunk in upload.chunks():
        size += len(chunk)
        if size > limit:
            raise _refusal("too_large", name, limit=_megabytes(limit))
        digest.update(chunk)
    if size == 0:
        raise _refusal("empty", name)
    return size, digest.hexdigest()


def _mismatch(name: str, extension: str) -> ValidationError:
    return _refusal("mismatch", name, kind=extension.upper())


def _check_pdf(upload, name: str, size: int) -> None:
    upload.seek(0)
    head = upload.read(5)
    upload.seek(max(size - 1024, 0))
    if head != b"%PDF-" or b"%%EOF" not in upload.read(1024):
        raise _mismatch(name, "pdf")


def _check_txt(upload, name: str, size: int) -> None:
    """Plain text must not be another format in disguise, which a browser or an editor might run or render."""
    upload.seek(0)
    data = upload.read()
    if data.startswith(BINARY_SIGNATURES):
        raise _mismatch(name, "txt")
    text = _decoded_text(data)
    if text is None or FORBIDDEN_TEXT_CONTROLS.search(text):
        raise _refusal("bad_text", name)
    opening = text.lstrip().lower()
    if opening.startswith("%pdf") or opening.startswith(HTML_OPENINGS):
        raise _mismatch(name, "txt")


def _decoded_text(data: bytes) -> str | None:
    """UTF-8 (with or without a byte-order mark) or UTF-16 with one: what editors save today."""
    encoding = "utf-16" if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _archive_check(extension: str, check_structure):
    """Inspect the central directory before anything unpacks the file: antivirus passed a 200 MB zip bomb."""

    def check(upload, name: str, size: int) -> None:
        upload.seek(0)
        if upload.read(4) != ZIP_SIGNATURE:
            raise _mismatch(name, extension)
        try:
            with zipfile.ZipFile(upload) as archive:
                _check_archive_entries(archive.infolist(), name)
                check_structure(archive, name)
        except ZIP_ERRORS as error:
            raise _mismatch(name, extension) from error

    return check


def _check_archive_entries(entries: list[zipfile.ZipInfo], name: str) -> None:
    if len(entries) > _limit("SUBMISSION_ARCHIVE_MAX_ENTRIES") or any(map(_is_unsafe_entry, entries)):
        raise _refusal("archive_unsafe", name)
    ratio = _limit("SUBMISSION_ARCHIVE_MAX_RATIO")
    if sum(entry.file_size for entry in entries) > _limit("SUBMISSION_ARCHIVE_MAX_BYTES") or any(
        entry.file_size > MB and entry.file_size > ratio * max(entry.compress_size, 1) for entry in entries
    ):
        raise _refusal("archive_too_large", name)


def _is_unsafe_entry(entry: zipfile.ZipInfo) -> bool:
    """Encrypted parts cannot be inspected; paths that leave the archive are how extraction overwrites files."""
    path = entry.orig_filename
    return bool(
        entry.flag_bits & 0x1
        or path.startswith("/")
        or DRIVE_LETTER.match(path)
        or "\\" in path
        or "\x00" in path
        or ".." in path.split("/")
    )


def _check_docx_structure(archive: zipfile.ZipFile, name: str) -> None:
    names = set(archive.namelist())
    if not names.issuperset(DOCX_REQUIRED_ENTRIES):
        raise _mismatch(name, "docx")
    if any(entry.lower().endswith("vbaproject.bin") for entry in names) or _entry_mentions(
        archive, "[Content_Types].xml", (b"macroenabled", b"vbaproject")
    ):
        raise _refusal("macros", name)


def _check_odt_structure(archive: zipfile.ZipFile, name: str) -> None:
    try:
        mimetype = archive.getinfo("mimetype")
    except KeyError:
        raise _mismatch(name, "odt") from None
    if mimetype.file_size != len(ODT_MIMETYPE) or archive.read(mimetype) != ODT_MIMETYPE:
        raise _mismatch(name, "odt")
    if any(entry.startswith(("Basic/", "Scripts/")) for entry in archive.namelist()):
        raise _refusal("macros", name)


def _entry_mentions(archive: zipfile.ZipFile, entry: str, words: tuple[bytes, ...]) -> bool:
    """Read in chunks, case-insensitively, so a padded entry can neither hide a word nor fill the memory."""
    overlap = max(map(len, words))
    tail = b""
    with archive.open(entry) as stream:
        while chunk := stream.read(64 * 1024):
            window = tail + chunk.lower()
            if any(word in window for word in words):
                return True
            tail = window[-overlap:]
    return False


CONTENT_CHECKS = {
    "pdf": _check_pdf,
    "txt": _check_txt,
    "docx": _archive_check("docx", _check_docx_structure),
    "odt": _archive_check("odt", _check_odt_structure),
}
