"""Where the public reading is mounted: the site's page that hosts the published inputs is a page type of
`home`, which registers how to find it (`HomeConfig.ready`); the reading never imports a page."""

from collections.abc import Callable

from portal.i18n import page_url
from review.publication import published_submissions

_input_index_finders: list[Callable] = []


def input_index_finder_register(finder: Callable) -> None:
    """`finder()` returns the live page that hosts the published inputs, or None."""
    _input_index_finders[:] = [finder]


def input_index_page():
    """The live page that hosts the published inputs (its routes give each input's address), or None."""
    return _input_index_finders[0]() if _input_index_finders else None


def published_input_url(submission, language: str) -> str:
    """The path of a published input's public page in `language`, or "" when the public may not read it (or
    the site has no published inputs page). Filled into the intake's hook for the submitter's page and mail
    (`submissions.submitter_status`, registered in ReadingConfig.ready)."""
    index = input_index_page()
    if index is None or not published_submissions().filter(pk=submission.pk).exists():
        return ""
    return f"{page_url(index, language)}{submission.reference}/"
