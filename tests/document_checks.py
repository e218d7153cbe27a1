"""Documents the portal writes, checked as assistive and office tools read them: a PDF's PDF/UA-1 tagging
and metadata (pypdf), a DOCX's properties and page size (python-docx)."""

import io
from datetime import UTC, datetime, timedelta

from lxml import etree

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
PDFUAID = "{http://www.aiim.org/pdfua/ns/id/}"
DC = "{http://purl.org/dc/elements/1.1/}"


def structure_types(node, found: set) -> set:
    """The structure types (/H1, /P, /Table, …) in a PDF's structure tree below `node`."""
    node = node.get_object()
    if isinstance(node, list):
        for child in node:
            structure_types(child, found)
    elif hasattr(node, "get"):
        if "/S" in node:
            found.add(str(node["/S"]))
        if "/K" in node:
            structure_types(node["/K"], found)
    return found


def pdf_ua_checked(content: bytes, *, language: str, title: str, author: str) -> set:
    """The PDF is tagged PDF/UA-1 in `language`, titled and signed; returns its structure types."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == language
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True  # the title, not the file name
    assert reader.metadata.title == title and reader.metadata.author == author
    xmp = etree.fromstring(catalog["/Metadata"].get_object().get_data().strip())
    descriptions = list(xmp.iter(f"{RDF}Description"))
    parts = [item.get(f"{PDFUAID}part") or item.findtext(f"{PDFUAID}part") for item in descriptions]
    assert "1" in parts, etree.tostring(xmp)
    assert [line.text for element in xmp.iter(f"{DC}title") for line in element.iter(f"{RDF}li")] == [title]
    return structure_types(catalog["/StructTreeRoot"], set())


def docx_checked(content: bytes, *, title: str, author: str, language: str):
    """The DOCX names its title, author and language, was made just now, and every section is A4."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document(io.BytesIO(content))
    properties = document.core_properties
    assert (properties.title, properties.author, properties.language) == (title, author, language)
    assert properties.last_modified_by == author and "python-docx" not in properties.comments
    for moment in (properties.created, properties.modified):
        assert abs(datetime.now(UTC) - moment) < timedelta(minutes=5), moment
    assert document.sections
    for section in document.sections:
        assert abs(section.page_width.mm - 210) < 0.1 and abs(section.page_height.mm - 297) < 0.1
    proofing = document.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    assert proofing.get(qn("w:val")) == language
    return document
