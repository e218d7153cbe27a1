"""Where the public reading is mounted: the site's page that hosts the published inputs is a page type of
`home`, which registers how to find it (`HomeConfig.ready`); the reading never imports a page."""

from collections.abc import Callable

_inputs_page_finders: list[Callable] = []


def inputs_page_finder_register(finder: Callable) -> None:
    """`finder()` returns the live page that hosts the published inputs, or None."""
    _inputs_page_finders[:] = [finder]


def inputs_page():
    """The live page that hosts the published inputs (its routes give each input's address), or None."""
    return _inputs_page_finders[0]() if _inputs_page_finders else None
