"""Text written into a spreadsheet cell that Excel never runs as a formula.

A unit name, a subject or a message is the user's text; written into a CSV
or an .xlsx as it is, ``=HYPERLINK("http://…","Bấm vào")`` or ``@SUM(A1:A9)``
becomes a live formula when the file is opened (CSV/formula injection).
Text that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is therefore written with a quote prefix: in a CSV a leading apostrophe
(Excel shows the text, the apostrophe marks it as text), in an .xlsx the
cell's ``quotePrefix`` style (Excel shows the text unchanged and keeps it
text when it is edited). Every CSV and .xlsx docgen writes goes through here.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value: object) -> bool:
    """Whether a spreadsheet would read ``value`` (text) as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: object) -> object:
    """``value`` as a CSV cell: text that starts like a formula gets a
    leading apostrophe; numbers and other text are unchanged."""
    return "'" + value if starts_like_formula(value) else value


def csv_row(values) -> list:
    return [csv_cell(value) for value in values]


def set_text(cell, value: object) -> None:
    """Put ``value`` into an openpyxl cell; text is always stored as text,
    with the quote prefix when it starts like a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if starts_like_formula(value):
            cell.quotePrefix = True
