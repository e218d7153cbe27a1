"""Where reviewers' passages stand after the submitter edits an input: each follows its words, or is marked
out of date when they are gone (decision record 0008)."""

import difflib
import os
import re

from submissions.models import Submission

from .models import PassageSource

TOKEN = re.compile(r"\w+|\s+|[^\w\s]")  # texts before and after an edit are compared in these pieces


def passages_relocate(*, submission: Submission, before: dict) -> tuple[int, int]:
    """Move each passage of the edited input to where its words now stand, or mark it out of date when they
    are gone (its answer emptied, its attachment removed). Returns (moved, out of date)."""
    current = set(submission.current_attachments().values_list("pk", flat=True))
    moved = outdated = 0
    for passage in submission.passages.select_related("answer").select_for_update(of=("self",)):
        if passage.source == PassageSource.ATTACHMENT:
            start = passage.start if passage.attachment_id in current else None
        else:
            text = passage.answer.text if passage.source == PassageSource.ANSWER else submission.general_comment
            earlier = before.get((passage.source, passage.answer_id))
            start = excerpt_locate(text, passage.text, earlier=earlier, start=passage.start)
        if start is None:
            outdated += 1
            if passage.is_outdated:
                continue
            passage.is_outdated = True
        elif (start, False) == (passage.start, passage.is_outdated):
            continue
        else:
            moved += 1
            passage.start, passage.end, passage.is_outdated = start, start + len(passage.text), False
        passage.save(update_fields=["start", "end", "is_outdated"])
    return moved, outdated


def excerpt_locate(text: str, excerpt: str, *, earlier: str | None, start: int) -> int | None:
    """Where `excerpt`, which stood at `start` of `earlier`, stands in `text`; None when it is gone.

    Of several places holding the same words, the one the edit carried the passage to (found by comparing
    the two texts), so that a redaction keeps hiding the words the reviewer chose.
    """
    places, found = [], text.find(excerpt)
    while found >= 0:
        places.append(found)
        found = text.find(excerpt, found + 1)
    if len(places) < 2:
        return places[0] if places else None
    target = start if earlier is None else offset_carried(earlier, text, start)
    return min(places, key=lambda place: abs(place - target))


def offset_carried(earlier: str, text: str, position: int) -> int:
    """Where the character at `position` of `earlier` went in `text`.

    The texts are compared word by word (with difflib's heuristic for frequent words, which keeps long texts
    fast); where that finds no match around the position, their common beginning and end decide.
    """
    before, after = list(TOKEN.finditer(earlier)), list(TOKEN.finditer(text))
    matcher = difflib.SequenceMatcher(None, [token.group() for token in before], [token.group() for token in after])
    for tag, i1, i2, j1, _j2 in matcher.get_opcodes():
        if tag == "equal" and before[i1].start() <= position < before[i2 - 1].end():
            k = next(k for k in range(i1, i2) if position < before[k].end())
            return after[j1 + k - i1].start() + position - before[k].start()
    if position < len(os.path.commonprefix([earlier, text])):
        return position
    if len(earlier) - position <= len(os.path.commonprefix([earlier[::-1], text[::-1]])):
        return position + len(text) - len(earlier)
    return position
