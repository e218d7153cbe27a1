"""Keyset pagination: pages of a sorted queryset reached from a row's sort key and id, never by OFFSET.

A cursor names the row a page starts after (or, going back, ends before); the next page is the rows past
it in the order (`(key, id) > (value, id)`), which an index on `(key, id)` reads directly however deep the
page. Counting stops at a bound: nothing here counts every row.
"""

import base64
import binascii
import json
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import F, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan


class BadCursor(ValueError):
    """The cursor is not one this list made (edited, cut, or from another sort)."""


@dataclass
class KeysetPage:
    object_list: list
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous


def cursor_encode(key: str, value, pk, direction: str) -> str:
    payload = json.dumps([key, direction, value, pk], default=str, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def cursor_decode(cursor: str, key: str, field) -> tuple[str, object, int] | None:
    """(direction, value, pk) of a cursor made for `key`; None for a cursor made under another sort (a
    sort link keeps the cursor of the page it was clicked on); `BadCursor` for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_key, direction, value, pk = json.loads(raw)
        if cursor_key != key:
            return None
        value = field.to_python(value)
    except (binascii.Error, ValueError, TypeError, ValidationError) as error:
        raise BadCursor(cursor) from error
    if direction not in ("next", "previous") or type(pk) is not int or value is None:
        raise BadCursor(cursor)
    return direction, value, pk


def keyset_page(queryset: QuerySet, *, key: str, cursor: str | None, size: int) -> KeysetPage:
    """The page of `size` rows of `queryset` sorted by `key` ("field" or "-field", a non-null field of the
    model) then by id in the same direction, starting after `cursor` (the first page without one)."""
    name = key.removeprefix("-")
    descending = key.startswith("-")
    try:
        field = queryset.model._meta.get_field(name)
    except FieldDoesNotExist as error:
        raise ValueError(f"{key} is not a field of {queryset.model.__name__}") from error
    position = cursor_decode(cursor, key, field) if cursor else None
    if position is None:
        cursor = None
    direction, value, pk = position or ("next", None, None)
    backwards = direction == "previous"
    # Going back reads the rows before the cursor in the reverse order, then turns them round.
    reverse = descending != backwards
    ordering = [f"-{name}", "-pk"] if reverse else [name, "pk"]
    rows = queryset.order_by(*ordering)
    if cursor:
        after = TupleLessThan if reverse else TupleGreaterThan
        rows = rows.filter(after(Tuple(F(name), F("pk")), (value, pk)))
    rows = list(rows[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if backwards:
        rows.reverse()
    if not rows:
        return KeysetPage([], None, None)
    first, last = rows[0], rows[-1]
    has_next = more if not backwards else True
    has_previous = more if backwards else bool(cursor)
    return KeysetPage(
        rows,
        cursor_encode(key, getattr(last, field.attname), last.pk, "next") if has_next else None,
        cursor_encode(key, getattr(first, field.attname), first.pk, "previous") if has_previous else None,
    )


def bounded_count(queryset: QuerySet, limit: int) -> int:
    """How many rows, counted up to `limit + 1` at most: more than `limit` means "more than `limit`"."""
    return queryset.order_by()[: limit + 1].count()
