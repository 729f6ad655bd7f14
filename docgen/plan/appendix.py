"""Appendix arithmetic: computed columns, the total row, sorting.

Pure functions over an :class:`~docgen.plan.model.Appendix`. The formulas:

- ratio      = a / b                      (tỷ lệ: done / target)
- difference = a - b                      (chỉ tiêu còn lại: target - done)
- per_day    = a / campaign days, rounded half up (chỉ tiêu trong ngày)

The total row sums the entered columns and computes the derived columns from
those totals, as seed 002 does: its total rate is 245.576 / 684.037 = 35,90 %
and its total daily quota round(438.461 / 50) = 8.769, not the sum of the
rounded rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .model import Appendix, Column
from ..vietnamese.vn import format_number, format_percent, round_half_up, sort_key

Value = int | float | Fraction | str | None


def _exact(value) -> Fraction | None:
    if value is None or value == "":
        return None
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        return Fraction(Decimal(repr(value)))
    return Fraction(value)


def apply_formula(column: Column, row: dict[str, Value], days: int | None) -> Value:
    """Value of a computed column for one row (or for the totals)."""
    args = [_exact(row.get(key)) for key in column.of]
    if any(arg is None for arg in args):
        return None
    if column.compute == "ratio":
        numerator, denominator = args
        return numerator / denominator if denominator else None
    if column.compute == "difference":
        minuend, subtrahend = args
        return minuend - subtrahend
    if column.compute == "per_day":
        if not days:
            return None
        return round_half_up(args[0] / days)
    raise ValueError(f"unknown formula {column.compute!r}")


def computed_rows(appendix: Appendix, days: int | None) -> list[dict[str, Value]]:
    """Rows with every computed column filled in, in column order so that a
    formula may use an earlier computed column (per_day of remaining)."""
    rows = []
    for entered in appendix.rows:
        row = dict(entered)
        for column in appendix.columns:
            if column.compute:
                row[column.key] = apply_formula(column, row, days)
        rows.append(row)
    return rows


def sorted_rows(appendix: Appendix, rows: list[dict[str, Value]]) -> list[dict[str, Value]]:
    """Rows in the appendix's sort order; blanks last; ties keep their order."""
    if not appendix.sort:
        return rows
    key = appendix.sort.by
    column = next(c for c in appendix.columns if c.key == key)
    present = [r for r in rows if r.get(key) not in (None, "")]
    blank = [r for r in rows if r.get(key) in (None, "")]
    if column.type == "text":
        order = lambda r: sort_key(str(r[key]))  # noqa: E731
    else:
        order = lambda r: _exact(r[key])  # noqa: E731
    return sorted(present, key=order, reverse=appendix.sort.descending) + blank


def total_row(appendix: Appendix, rows: list[dict[str, Value]], days: int | None) -> dict[str, Value]:
    """Sums of the entered figures; derived columns from those sums. A
    percent column is never summed: computed, it comes from the totals;
    entered, its total stays blank."""
    total: dict[str, Value] = {}
    for column in appendix.columns:
        if column.type == "number" and not column.compute:
            figures = [_exact(r.get(column.key)) for r in rows]
            figures = [f for f in figures if f is not None]
            total[column.key] = sum(figures, Fraction(0)) if figures else None
    for column in appendix.columns:
        if column.compute:
            total[column.key] = apply_formula(column, total, days)
    return total


def format_value(column: Column, value: Value) -> str:
    """A cell as printed: ``1.248.912``, ``35,90%``; blank stays blank."""
    if value is None or value == "":
        return ""
    if column.type == "text":
        return str(value)
    exact = _exact(value)
    if column.type == "percent":
        return format_percent(exact, column.decimals)
    if exact.denominator == 1:
        return format_number(int(exact))
    return format_number(float(exact), 2)


@dataclass(frozen=True)
class TableCell:
    text: str
    numeric: bool
    centred: bool = False  # STT, as the seeds print it


@dataclass(frozen=True)
class AppendixTable:
    """What the Word template needs to draw an appendix table."""

    headers: list[str]
    rows: list[list[TableCell]]
    total: list[TableCell] | None
    numeric_columns: list[bool]


def build_table(appendix: Appendix, days: int | None) -> AppendixTable:
    rows = sorted_rows(appendix, computed_rows(appendix, days))
    numeric = [c.type != "text" for c in appendix.columns]
    headers = [c.title for c in appendix.columns]
    if appendix.numbered:
        headers = ["STT"] + headers
        numeric = [False] + numeric

    def cells(row: dict[str, Value], position: str) -> list[TableCell]:
        line = [TableCell(format_value(c, row.get(c.key)), c.type != "text") for c in appendix.columns]
        if appendix.numbered:
            line = [TableCell(position, False, centred=True)] + line
        return line

    body = [cells(row, str(index)) for index, row in enumerate(rows, start=1)]
    total = None
    if appendix.total:
        values = total_row(appendix, rows, days)
        total = cells(values, "")
        label_at = next(
            (i for i, c in enumerate(appendix.columns) if c.type == "text"), None
        )
        if label_at is not None:
            position = label_at + (1 if appendix.numbered else 0)
            total[position] = TableCell(appendix.total_label, False)
        elif appendix.numbered:
            total[0] = TableCell(appendix.total_label, False, centred=True)
    return AppendixTable(headers, body, total, numeric)
