"""Where the public reads the outcomes: the pages are `home`'s, which registers how to find a process's
recommendations page (`HomeConfig.ready`); the outcomes never import a page."""

from collections.abc import Callable

_recommendation_index_finders: list[Callable] = []


def recommendation_index_finder_register(finder: Callable) -> None:
    """`finder(process_id, language)` returns the path of the process's recommendations page, or None."""
    _recommendation_index_finders[:] = [finder]


def recommendation_index_url(process_id: int, language: str) -> str | None:
    return _recommendation_index_finders[0](process_id, language) if _recommendation_index_finders else None


def recommendation_url(recommendation, language: str, index_url: str | None = None) -> str | None:
    """A recommendation's public address (under `index_url` when the caller found it already)."""
    base = index_url or recommendation_index_url(recommendation.process_id, language)
    return f"{base}{recommendation.slug}/" if base else None
