"""Requests answered before the site's own middleware: the liveness probe, and bodies too large to read."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

LIVENESS_PATH = "/healthz/live"


class LivenessMiddleware:
    """`/healthz/live` answers that the process serves, before the host check and the HTTPS redirect, so
    that the container's own probe (plain HTTP to 127.0.0.1) passes under production settings. It reads
    nothing and says nothing else; readiness (database, cache, broker) is `/healthz/ready` (portal/health.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == LIVENESS_PATH:
            return JsonResponse({"status": "alive"})
        return self.get_response(request)


class RequestSizeMiddleware:
    """A body larger than REQUEST_MAX_BYTES is refused before a byte of it is read or parsed, with a page
    that says so in the reader's language (placed after the language middleware, before CSRF reads it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if declared_length(request) > settings.REQUEST_MAX_BYTES:
            context = {
                "max_megabytes": settings.REQUEST_MAX_BYTES // 1_000_000,
                "max_files": settings.SUBMISSION_MAX_FILES,
                "max_file_megabytes": settings.SUBMISSION_MAX_FILE_BYTES // 1_000_000,
            }
            return render(request, "413.html", context, status=413)
        return self.get_response(request)


def declared_length(request) -> int:
    value = request.META.get("CONTENT_LENGTH") or "0"
    return int(value) if value.isascii() and value.isdigit() else 0
