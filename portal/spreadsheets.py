"""Tables for spreadsheets, shared by the public downloads and the admin's exports: CSV cells and XLSX sheets
that Excel and LibreOffice open as they are meant (typed cells, a frozen header row with a filter), and no
text either would run as a formula (see FIELD-NOTES, pitfall 4)."""

import io
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
TEXT_MAX = 32767  # the most characters an Excel cell holds; a longer text makes Excel "repair" the file


def cell_safe(value) -> str:
    """Text a spreadsheet will not run: a leading = + - @ tab or CR gets an apostrophe in front."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def cell_text(value) -> str:
    """A value as a CSV cell: dates and times in ISO 8601, anything else as text that cannot run."""
    if isinstance(value, date):
        return value.isoformat()
    return cell_safe(value)


def xlsx_value(value) -> tuple[object, str | None]:
    """A value as an XLSX cell stores it, with its number format: times in UTC without a zone (Excel has
    none), dates, booleans and numbers as themselves, anything else as text that cannot run."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if value is None or isinstance(value, bool | int | float | Decimal):
        return value, None
    if isinstance(value, datetime):
        return (value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value), DATETIME_FORMAT
    if isinstance(value, date):
        return value, DATE_FORMAT
    text = ILLEGAL_CHARACTERS_RE.sub("", cell_safe(value))  # control characters XML cannot hold
    return (text if len(text) <= TEXT_MAX else text[: TEXT_MAX - 1] + "…"), None


def xlsx_bytes(header: list[str], rows: Iterable[Iterable], title: str) -> bytes:
    """One sheet: the header row frozen in view with a filter over the whole table, then typed cells."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.freeze_panes = "A2"

    def cell(value, **style):
        stored, number_format = xlsx_value(value)
        written = WriteOnlyCell(sheet, value=stored)
        if isinstance(stored, str):
            written.data_type = "s"  # text, even when it reads like "#N/A"
        if number_format:
            written.number_format = number_format
        for name, setting in style.items():
            setattr(written, name, setting)
        return written

    sheet.append([cell(str(name), font=Font(bold=True)) for name in header])
    count = 0
    for row in rows:
        sheet.append([cell(value) for value in row])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}{count + 1}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
