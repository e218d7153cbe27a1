"""The window of a found input's text shown under it in the listing, with the words searched for marked."""

from .search import CJK


def search_snippet(text: str, query: str, width: int = 240) -> list[tuple[str, bool]]:
    """A window of `text` around the first word of `query` found, cut into (piece, is_match).

    Words are matched by their first letters and marked whole, so that a stemmed match ("participants"
    for "participant") is marked too; Chinese is matched as written.
    """
    words = [word for word in query.split() if len(word) >= 3 or CJK.search(word)]
    stems = [word[: max(4, len(word) - 2)].lower() if not CJK.search(word) else word for word in words]
    lowered = text.lower()
    first = min((found for stem in stems if (found := lowered.find(stem)) >= 0), default=0)
    start = max(0, first - width // 3)
    if start:
        start = text.find(" ", start, first) + 1 or start  # begin at a word
    window = text[start : start + width]
    lowered_window = window.lower()
    marks = sorted(
        (index, index + len(stem) if CJK.search(stem) else word_end(window, index + len(stem)))
        for stem in stems
        for index in find_all(lowered_window, stem)
        if CJK.search(stem) or index == 0 or not window[index - 1].isalnum()
    )
    pieces, position = [], 0
    for begin, end in marks:
        if begin < position:
            continue
        pieces += [(window[position:begin], False), (window[begin:end], True)]
        position = end
    pieces.append((window[position:], False))
    prefix = [("… ", False)] if start else []
    suffix = [(" …", False)] if start + width < len(text) else []
    return prefix + [piece for piece in pieces if piece[0]] + suffix


def word_end(text: str, index: int) -> int:
    while index < len(text) and text[index].isalnum():
        index += 1
    return index


def find_all(text: str, word: str):
    index = text.find(word)
    while index >= 0:
        yield index
        index = text.find(word, index + len(word))
