"""A process's recommendations as a report: PDF (WeasyPrint, from an HTML template) or DOCX (python-docx),
each recommendation with its standing, alternatives and the tasks of its implementation."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reference.models import Process

from .compilation_documents import document_language, hyperlink
from .compilations import input_index_url
from .documents import document_author, docx_bytes, docx_new, pdf_from_html
from .outcomes import recommendations_for_document


def report_context(process: Process, topic_area: str) -> dict:
    return {
        "process": process,
        "author": document_author(process),
        "as_of": timezone.localdate(),
        "areas": recommendations_for_document(process, topic_area),
        "input_base": f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{input_index_url()}",
    }


def recommendations_pdf(process: Process, language: str, topic_area: str = "") -> bytes:
    with translation.override(document_language(language)):
        context = {**report_context(process, topic_area), "is_rtl": translation.get_language_bidi()}
        html = render_to_string("outcomes/document.html", context)
    return pdf_from_html(html)


def recommendations_docx(process: Process, language: str, topic_area: str = "") -> bytes:
    with translation.override(document_language(language)):
        context = report_context(process, topic_area)
        title = _("Recommendations: %(process)s") % {"process": process.name}
        document = docx_new(title=title, author=context["author"], language=translation.get_language())
        document.add_heading(title, 0)
        document.add_paragraph(_("As of %(date)s.") % {"date": date_format(context["as_of"], "DATE_FORMAT")})
        for area, recommendations in context["areas"]:
            document.add_heading(f"{area.code}. {area.title}", 1)
            for read in recommendations:
                recommendation_write(document, read, context["input_base"])
    return docx_bytes(document)


def recommendation_write(document, read, input_base: str) -> None:
    recommendation = read.recommendation
    document.add_heading(f"{recommendation.number} {recommendation.title}", 2)
    document.add_paragraph(recommendation.text)
    standing = document.add_paragraph()
    standing.add_run(_("Standing") + ": ").bold = True
    standing.add_run(str(recommendation.get_standing_display()))
    for number, alternative in enumerate(read.alternatives, start=1):
        paragraph = document.add_paragraph(style="Quote")
        paragraph.add_run(_("Alternative %(number)s") % {"number": number} + ": ").bold = True
        paragraph.add_run(alternative.text)
    if read.citations:
        cites = document.add_paragraph()
        cites.add_run(_("Inputs it draws on") + ": ").bold = True
        for number, cited in enumerate(read.citations):
            reference = cited.citation.submission.reference
            anchor = f"#passage-{cited.citation.passage_id}" if cited.citation.passage_id else ""
            if number:
                cites.add_run(", ")
            hyperlink(cites, f"{input_base}{reference}/{anchor}", reference)
    tasks = read.tasks
    if not tasks:
        return
    table = document.add_table(rows=1, cols=4)
    labels = (_("Task"), _("Responsible"), _("Target date"), _("Status"))
    for cell, label in zip(table.rows[0].cells, labels, strict=True):
        cell.text = label
    for task in tasks:
        cells = table.add_row().cells
        cells[0].text = f"{task.code} {task.description}"
        cells[1].text = ", ".join(body.name for body in task.bodies.all())
        cells[2].text = date_format(task.due_on, "DATE_FORMAT") if task.due_on else ""
        cells[3].text = str(task.get_status_display())


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
REPORTS = {"pdf": (recommendations_pdf, "application/pdf"), "docx": (recommendations_docx, DOCX)}
