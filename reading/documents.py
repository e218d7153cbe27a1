"""What the reading's documents share: who they are from, PDF written as tagged PDF/UA-1, and DOCX started
with properties of its own (title, author, language, dates) and laid out on A4 pages with the PDF's margins."""

import io

from django.conf import settings
from django.utils import timezone

PAGE_MM = {"width": 210, "height": 297}  # A4, as the PDF's @page
MARGINS_MM = {"top": 20, "bottom": 22, "left": 18, "right": 18}


def document_author(process) -> str:
    """Who a document is from: the body that convened the process, else the site."""
    return process.body or settings.WAGTAIL_SITE_NAME


def pdf_from_html(html: str) -> bytes:
    """Tagged PDF/UA-1, readable by screen readers: its language is the HTML's `lang`, its title the
    `<title>` (shown instead of the file name), its author the `<meta name="author">`."""
    from weasyprint import HTML

    return HTML(string=html, base_url=settings.WAGTAILADMIN_BASE_URL).write_pdf(pdf_variant="pdf/ua-1")


def docx_new(*, title: str, author: str, language: str):
    """A DOCX whose properties name it and its language, rather than the template's (author "python-docx",
    created in 2013); its text is proofed and read aloud in `language` unless a run says otherwise."""
    from docx import Document
    from docx.oxml.ns import qn

    document = Document()
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, author, author
    properties.language, properties.comments, properties.revision = language, "", 1
    properties.created = properties.modified = timezone.now()
    defaults = document.styles.element.find(qn("w:docDefaults"))
    defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}").set(qn("w:val"), language)
    return document


def docx_bytes(document) -> bytes:
    """The file, every section of it on A4 pages."""
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(PAGE_MM["width"]), Mm(PAGE_MM["height"])
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
