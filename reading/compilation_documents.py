"""A compilation written as a document: PDF (WeasyPrint, from an HTML template) or DOCX (python-docx).

Both read the compilation in chunks (`compilation_chunks`) and report how many inputs they have laid out,
so that a long build shows its progress.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .compilations import Scope, compilation_chunks, compilation_summary, input_index_url
from .documents import document_author, docx_bytes, docx_new, pdf_from_html

RTL_LANGUAGES = {"ar"}
FONTS = {"zh-hans": "Noto Sans CJK SC", "ar": "Noto Naskh Arabic"}  # set explicitly, see FIELD-NOTES


def document_context(scope: Scope, progress) -> dict:
    """Everything the document shows, read chunk by chunk; `progress(done)` after each chunk."""
    groups = []
    for chunk, done in compilation_chunks(scope):
        for group in chunk:
            if groups and groups[-1].stakeholder_group.pk == group.stakeholder_group.pk:
                groups[-1].entries += group.entries
            else:
                groups.append(group)
        progress(done)
    summary = compilation_summary(scope)
    return {
        "scope": scope,
        "title": scope.title(),
        "process": scope.process,
        "author": document_author(scope.process),
        "as_of": timezone.now(),
        "summary": summary,
        "total_inputs": sum(row["count"] for row in summary),
        "groups": groups,
        "input_base": f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{input_index_url()}",
    }


def document_language(language: str) -> str:
    """The language the document's own words are in: `language` once the portal is translated into it,
    until then the default (an Arabic reader gets an English frame laid out left to right, not mirrored)."""
    probe = "Compilation of inputs: %(title)s"
    with translation.override(language):
        translated = translation.gettext(probe) != probe
    return language if translated or language == settings.LANGUAGE_CODE else settings.LANGUAGE_CODE


def compilation_pdf(scope: Scope, language: str, progress) -> bytes:
    with translation.override(document_language(language)):
        context = document_context(scope, progress)
        html = render_to_string("compilations/document.html", {**context, "is_rtl": translation.get_language_bidi()})
    return pdf_from_html(html)


def compilation_docx(scope: Scope, language: str, progress) -> bytes:
    with translation.override(document_language(language)):
        context = document_context(scope, progress)
        title = _("Compilation of inputs: %(title)s") % {"title": context["title"]}
        document = docx_new(title=title, author=context["author"], language=translation.get_language())
        DocxWriter(document, context).write()
    return docx_bytes(document)


class DocxWriter:
    """Writes the compilation's context into a python-docx document, with links to the inputs' pages."""

    def __init__(self, document, context):
        self.document, self.context = document, context

    def write(self):
        context, document = self.context, self.document
        document.add_heading(document.core_properties.title, 0)
        moment = timezone.localtime(context["as_of"], timezone=ZoneInfo(context["process"].time_zone))
        document.add_paragraph(
            _("%(process)s. Published inputs as of %(date)s: %(count)d.")
            % {
                "process": context["process"].name,
                "date": date_format(moment, "DATE_FORMAT"),
                "count": context["total_inputs"],
            }
        )
        for group in context["groups"]:
            document.add_heading(group.stakeholder_group.name, 1)
            current = None
            for entry in group.entries:
                if entry.submission.pk != current:
                    current = entry.submission.pk
                    self.input_heading(entry.submission)
                self.entry(entry)

    def input_heading(self, submission):
        heading = self.document.add_heading("", 2)
        hyperlink(heading, f"{self.context['input_base']}{submission.reference}/", submission.reference)
        details = [submission.stakeholder_group.name]
        if submission.country:
            details.append(submission.country.name)
        if submission.shows_names and submission.organisation:
            details.append(submission.organisation)
        if submission.official_verified:
            details.append(_("official submission"))
        if submission.is_entered:
            details.append(submission.get_channel_display().lower())
        heading.add_run(" — " + " · ".join(details))

    def entry(self, entry):
        label = self.document.add_paragraph()
        label.add_run(f"{entry.source} ").italic = True
        label.add_run(f"[{', '.join(entry.topics)}]").bold = True
        if entry.passage_id:
            label.add_run(" ")
            link = f"{self.context['input_base']}{entry.submission.reference}/#passage-{entry.passage_id}"
            hyperlink(label, link, _("passage %(number)d") % {"number": entry.passage_id})
        quote = self.document.add_paragraph(style="Quote")
        language = entry.submission.language
        for piece, redacted in entry.pieces:
            run = quote.add_run(str(redacted) if redacted else piece)
            run.bold = bool(redacted)
            font_for(run, language)
        if language in RTL_LANGUAGES:
            right_to_left(quote)


def hyperlink(paragraph, url: str, text: str):
    """python-docx has no hyperlink call: add the relationship and the run by hand."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.extend([style, underline])
    run.append(properties)
    content = OxmlElement("w:t")
    content.text = text
    run.append(content)
    link.append(run)
    paragraph._p.append(link)


def font_for(run, language: str) -> None:
    """Chinese and Arabic text in the Noto fonts the PDF uses too."""
    from docx.oxml.ns import qn

    font = FONTS.get(language)
    if not font:
        return
    fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia" if language == "zh-hans" else "w:cs"), font)
    if language in RTL_LANGUAGES:
        from docx.oxml import OxmlElement

        run._r.get_or_add_rPr().append(OxmlElement("w:rtl"))


def right_to_left(paragraph) -> None:
    from docx.oxml import OxmlElement

    paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))


BUILDERS = {"pdf": compilation_pdf, "docx": compilation_docx}
