"""An appendix's table (a SourceTable) -> the appendix's columns and rows,
read through the one table reader, docgen/sheets/table_reading.py: header rows to
column titles (a merged header cell's title given to each column under it),
``STT``, figures read by the one reader of figures with the table's
convention (a figure that reads two ways, ``1,240``, is kept as written for
the model to refuse), the total row and its label, computed columns found
within rounding (else the typed figures are kept), the order the rows are
ranked in."""

from __future__ import annotations

from ..plan.model import Column, parse_amount, parse_percent, read_cell
from ..sheets.table_reading import is_total_label, looks_numeric, plain, read_grid
from ..vietnamese.text import clean_line
from .source import SourceTable



def appendix_from_table(table: SourceTable, days: int | None, warn, path: str, hold=None) -> dict:
    """An appendix table: header rows -> columns (a second header row's
    titles joined to the first's), figures in the Vietnamese format, the
    total row recognised, columns computed when their figures say so. A
    figure that cannot be read (``1,240`` with nothing in the table to tell
    how) is left out of the rows with a warning at its cell, and handed to
    ``hold(path, text)`` so that the editor can show it as written."""
    grid = _grid(table)
    header_rows = _header_rows(grid)
    if header_rows > 1:
        titles = []
        for j in range(len(grid[0])):
            parts = []
            for row in grid[:header_rows]:
                cell = row[j] if j < len(row) else ""
                if cell and (not parts or parts[-1] != cell):
                    parts.append(cell)
            titles.append(" - ".join(parts))
        grid = [titles] + grid[header_rows:]
    numbered = bool(grid) and plain(grid[0][0]) in {"stt", "tt", "so tt", "so thu tu"}
    total_label = None
    if len(grid) > 1 and _total_row(grid[-1]):
        total_label = next(c for c in grid[-1] if c.strip())
    reading = read_grid(grid, [], fresh=True, days=days, figures="Các số trong bảng")
    columns = [dict(c) for c in reading.columns]
    computed = {s.column: s for s in reading.suggestions}
    for column in columns:
        suggestion = computed.get(column["key"])
        if suggestion:
            column["compute"] = suggestion.compute
            column["of"] = list(suggestion.of)
        decimals = reading.decimals.get(column["key"])
        if column.get("type") == "percent" and decimals and decimals != 2:
            column["decimals"] = decimals
        if column.get("type") == "text":
            column.pop("type")
    rows = [{key: value for key, value in row.items() if key not in computed and value not in ("", None)}
            for row in reading.rows]
    kinds = {c["key"]: Column(key="cell", title="cell", type=c["type"]) for c in columns
             if c.get("type") in ("number", "percent") and not c.get("compute")}
    for index, row in enumerate(rows):
        for key, value in list(row.items()):
            if key in kinds and isinstance(value, str):
                try:
                    read_cell(kinds[key], value, reading.convention)
                except ValueError as error:
                    del row[key]
                    warn(table.number, str(error), f"{path}.rows.{index}.{key}")
                    if hold:
                        hold(f"{path}.rows.{index}.{key}", value)
    appendix: dict = {"columns": columns, "rows": rows}
    if not numbered:
        appendix["numbered"] = False
    if total_label is None:
        appendix["total"] = False
    elif total_label.strip() != "TỔNG":
        appendix["total_label"] = total_label.strip()
    for message in reading.notices + reading.warnings:
        warn(table.number, message, f"{path}.rows")
    order = _sorted_by(columns, rows, reading, computed, days)
    if order:
        appendix["sort"] = order
    return appendix


def _grid(table: SourceTable) -> list[list[str]]:
    """The table's text on its columns: a cell spanning several grid columns
    (a merged header, or a layout that puts every cell on a finer grid) is
    placed at the column it starts; a header cell over several columns
    gives its text to each (for titles joined with the row below)."""
    starts_by_row = []
    for row in table.rows:
        at, starts = 0, []
        for cell in row:
            starts.append((at, cell))
            at += max(1, cell.span)
        starts_by_row.append(starts)
    widest = max(starts_by_row, key=len) if starts_by_row else []
    boundaries = [at for at, _ in widest]
    grid = []
    for starts in starts_by_row:
        line = [""] * len(boundaries)
        for at, cell in starts:
            text = "" if cell.merged_above else clean_line(cell.text)
            covered = [i for i, b in enumerate(boundaries) if at <= b < at + max(1, cell.span)] or \
                [max((i for i, b in enumerate(boundaries) if b <= at), default=0)]
            line[covered[0]] = text
            if not any(looks_numeric(c.text) for _, c in starts):
                for i in covered[1:]:
                    line[i] = text
        grid.append(line)
    return grid


def _header_rows(grid: list[list[str]]) -> int:
    """Rows before the first with a figure (at most 3)."""
    for index, row in enumerate(grid[:4]):
        if any(looks_numeric(c) for c in row[1:]) or (index and looks_numeric(row[0])):
            return max(1, index)
    return 1


def _total_row(row: list[str]) -> bool:
    first = next((c for c in row if c.strip()), "")
    return is_total_label(first)


def _sorted_by(columns, rows, reading, computed, days) -> dict | None:
    """The column the rows are ordered by, when they are (a ranking)."""
    if len(rows) < 3:
        return None
    for column in columns:
        if column.get("type") not in ("number", "percent"):
            continue
        reader = parse_percent if column.get("type") == "percent" else parse_amount
        try:
            values = [reader(row.get(column["key"]), "") for row in reading.rows]
        except ValueError:
            continue
        if any(v is None for v in values) or len(set(values)) < 3:
            continue
        if all(a >= b for a, b in zip(values, values[1:])):
            return {"by": column["key"], "descending": True}
        if all(a <= b for a, b in zip(values, values[1:])):
            return {"by": column["key"]}
    return None
