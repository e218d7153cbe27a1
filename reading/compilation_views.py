"""The compilation's pages, wired as routes of the topic area and call pages: the reading page, the
document download and its progress page."""

from django.http import FileResponse, Http404
from django.shortcuts import redirect

from .compilations import Scope, compilation_groups, compilation_summary, input_index_url, submissions_after
from .models import CompilationFile, CompilationFormat, CompilationStatus

PAGE_SIZE = 50  # inputs per page of the reading page


def compilation_page(request, page, scope: Scope, urls: dict):
    """The compilation to read online, 50 inputs a page in the documents' order."""
    inputs = scope.inputs()
    after_id = request.GET.get("after", "")
    after = inputs.filter(pk=after_id).select_related("stakeholder_group").first() if after_id.isdigit() else None
    chunk = list(submissions_after(inputs, after)[: PAGE_SIZE + 1])
    summary = compilation_summary(scope)
    context = {
        "scope": scope,
        "summary": summary,
        "total_inputs": sum(row["count"] for row in summary),
        "groups": compilation_groups(scope, chunk[:PAGE_SIZE]),
        "next_after": chunk[PAGE_SIZE - 1].pk if len(chunk) > PAGE_SIZE else None,
        "is_continued": after is not None,
        "bad_link": bool(after_id) and after is None,
        "input_base": input_index_url(),
        "urls": urls,
    }
    return page.render(request, context_overrides=context, template="pages/compilation.html")


def compilation_download(request, scope: Scope, kind: str, urls: dict):
    """The current document when built; otherwise it is requested and the reader sees its progress."""
    from .services import compilation_file_request

    if kind not in CompilationFormat.values:
        raise Http404
    document = compilation_file_request(scope=scope, language=request.LANGUAGE_CODE, format=kind)
    if document.status != CompilationStatus.DONE:
        return redirect(urls[f"{kind}_progress"])
    response = FileResponse(
        document.file.open("rb"), as_attachment=True, filename=scope.file_name(document.language, kind)
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def compilation_progress(request, page, scope: Scope, kind: str, urls: dict):
    """How far the build of the current document is; the page reads itself again and announces the news in
    place until the document is ready (static/js/progress.js), never reloading under the reader."""
    from .services import compilation_file_key

    if kind not in CompilationFormat.values:
        raise Http404
    key = compilation_file_key(scope=scope, language=request.LANGUAGE_CODE, format=kind)
    document = CompilationFile.objects.filter(**key).first()
    if document is None:
        return redirect(urls[kind])  # nothing requested for the current content yet: request it
    context = {"scope": scope, "document": document, "download_url": urls[kind], "urls": urls}
    return page.render(request, context_overrides=context, template="compilations/progress.html")
