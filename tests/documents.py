"""Documents made in tests: minimal valid PDF, DOCX and ODT files, and hostile variants of them."""

import io
import struct
import zipfile

MB = 1024 * 1024
CONTENT_TYPES_XML = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'wordprocessingml.document.main+xml"/></Types>'
)
MACRO_CONTENT_TYPES_XML = CONTENT_TYPES_XML.replace(b"document.main", b"document.macroEnabled.main")
DOCX = {"[Content_Types].xml": CONTENT_TYPES_XML, "word/document.xml": b"<w:document><w:body/></w:document>"}
ODT = {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office:document-content/>"}


def pdf_bytes() -> bytes:
    return b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    """The first entry is stored uncompressed, as ODT requires of `mimetype`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, content) in enumerate(entries.items()):
            archive.writestr(name, content, compress_type=zipfile.ZIP_STORED if index == 0 else None)
    return buffer.getvalue()


def with_central_record(data: bytes, entry: str, *, flag_bits=None, file_size=None) -> bytes:
    """Rewrite one entry's central directory record, as a hostile tool would: it is all the check reads."""
    data = bytearray(data)
    at = data.find(b"PK\x01\x02")
    while at != -1:
        name_length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + name_length] == entry.encode():
            if flag_bits is not None:
                struct.pack_into("<H", data, at + 8, flag_bits)
            if file_size is not None:
                struct.pack_into("<I", data, at + 24, file_size)
        at = data.find(b"PK\x01\x02", at + 46)
    return bytes(data)
