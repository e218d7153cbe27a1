"""What the reading's documents share: who they are from, and PDF written as tagged PDF/UA-1."""

from django.conf import settings


def document_author(process) -> str:
    """Who a document is from: the body that convened the process, else the site."""
    return process.body or settings.WAGTAIL_SITE_NAME


def pdf_from_html(html: str) -> bytes:
    """Tagged PDF/UA-1, readable by screen readers: its language is the HTML's `lang`, its title the
    `<title>` (shown instead of the file name), its author the `<meta name="author">`."""
    from weasyprint import HTML

    return HTML(string=html, base_url=settings.WAGTAILADMIN_BASE_URL).write_pdf(pdf_variant="pdf/ua-1")
