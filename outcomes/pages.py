"""Where the public reads the outcomes: the pages are `home`'s, which registers how to find a
recommendation's address (`HomeConfig.ready`); the outcomes never import a page."""

from collections.abc import Callable

_recommendation_url_finders: list[Callable] = []


def recommendation_url_finder_register(finder: Callable) -> None:
    """`finder(recommendation, language)` returns the recommendation's public address, or None."""
    _recommendation_url_finders[:] = [finder]


def recommendation_url(recommendation, language: str) -> str | None:
    return _recommendation_url_finders[0](recommendation, language) if _recommendation_url_finders else None
