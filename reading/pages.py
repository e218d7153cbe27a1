"""Where the public reading is mounted: the site's page that hosts the published inputs is a page type of
`home`, which registers how to find it (`HomeConfig.ready`); the reading never imports a page."""

from collections.abc import Callable

_input_index_finders: list[Callable] = []


def input_index_finder_register(finder: Callable) -> None:
    """`finder()` returns the live page that hosts the published inputs, or None."""
    _input_index_finders[:] = [finder]


def input_index_page():
    """The live page that hosts the published inputs (its routes give each input's address), or None."""
    return _input_index_finders[0]() if _input_index_finders else None
