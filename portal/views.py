"""Site-wide error views."""

from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A form sent without a valid security token: say what to do, in plain words."""
    return render(request, "403_csrf.html", status=403)
