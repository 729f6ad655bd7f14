"""The results sheet (.xlsx) a unit fills in: one row per target line of a
report's appendix, the name and target(s) given, a results column to fill
beside each target. Written by ``docgen report-sheet``, read back by the
province's summary (``docgen report-summary``) with the project's
spreadsheet reader (.xlsx, or .csv saved from it).

The first line holds the column titles, as the report's appendix names
them; a column is found by its title, so the clerk may add columns or move
them. Every problem names the file, the line and the column as Excel shows
them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from ..vietnamese import vn
from ..plan.model import Appendix, Column, parse_amount
from ..sheets.spreadsheet import TableFileUnreadable, UncomputedFormula, read_sheet_rows
from ..vietnamese.names import same_unit

SHEET_TITLE = "Kết quả"


class ResultsSheetError(ValueError):
    """Problems in one or more results sheets, each a Vietnamese line with
    file, line and column."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class SheetLayout:
    """The columns of a results sheet: the line's name, the targets (shown,
    not read back) and the results to fill."""

    name: Column
    targets: list[Column]
    results: list[Column]

    @classmethod
    def of(cls, appendix: Appendix) -> SheetLayout:
        name = next((c for c in appendix.columns if c.type == "text"), None)
        results = [c for c in appendix.columns if c.target]
        if name is None or not results:
            raise ResultsSheetError(["phụ lục không có cột tên đơn vị và cột kết quả để lập bảng kết quả"])
        by_key = {c.key: c for c in appendix.columns}
        return cls(name, [by_key[c.target] for c in results], results)

    @property
    def columns(self) -> list[Column]:
        ordered = [self.name]
        for target, result in zip(self.targets, self.results):
            ordered += [target, result]
        return ordered


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def results_sheet(appendix: Appendix) -> bytes:
    """The .xlsx a unit fills in for ``appendix`` (a report's appendix with
    results columns): its lines, their targets, the results blank."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    layout = SheetLayout.of(appendix)
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET_TITLE
    sheet.append([column.title for column in layout.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")  # the cells to fill in
    for row in appendix.rows:
        sheet.append([row.get(column.key) for column in layout.columns])
        for index, column in enumerate(layout.columns):
            cell = sheet.cell(row=sheet.max_row, column=index + 1)
            if column.type == "number":
                cell.number_format = "#,##0"
            if column.target:
                cell.fill = fill
    for index, column in enumerate(layout.columns):
        sheet.column_dimensions[_letter(index)].width = max(14, min(40, len(column.title) + 4))
    sheet.column_dimensions["A"].width = 30
    sheet.freeze_panes = "B2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class SheetResult:
    """One line of a sheet: the appendix row it reports (0-based) and the
    results by column key (a blank cell is not there)."""

    row: int
    results: dict[str, int | float]


def read_results_sheet(filename: str, content: bytes, appendix: Appendix) -> list[SheetResult]:
    """The results of one sheet, matched to ``appendix``'s rows by name.
    Raises :class:`ResultsSheetError` listing every problem found."""
    layout = SheetLayout.of(appendix)
    try:
        rows = read_sheet_rows(filename, content)
    except TableFileUnreadable as error:
        raise ResultsSheetError([f"{filename}: {error}"]) from None
    if not rows:
        raise ResultsSheetError([f"{filename}: bảng trống, không có dòng tiêu đề"])
    header = rows[0]
    titles = [str(cell) for cell in header.cells]

    def find(column: Column) -> int | None:
        return next((i for i, title in enumerate(titles)
                     if vn.same_text(" ".join(title.split()), column.title, casefold=True)), None)

    problems: list[str] = []
    at = {}
    for column in [layout.name] + layout.results:
        index = find(column)
        if index is None:
            problems.append(f"{filename}, dòng {header.number}: thiếu cột “{column.title}” "
                            f"(các cột có: {', '.join(t for t in titles if t) or 'không có'})")
        at[column.key] = index
    if problems:
        raise ResultsSheetError(problems)

    names = [str(row.get(layout.name.key) or "") for row in appendix.rows]
    seen: dict[int, int] = {}
    out: list[SheetResult] = []
    for row in rows[1:]:
        def cell(key: str):
            index = at[key]
            return row.cells[index] if index < len(row.cells) else ""

        def place(key: str, title: str) -> str:
            return f"{filename}, dòng {row.number}, cột {_letter(at[key])} (“{title}”)"

        name = str(cell(layout.name.key)).strip()
        if not name:
            problems.append(f"{place(layout.name.key, layout.name.title)}: thiếu tên đơn vị")
            continue
        matches = [i for i, known in enumerate(names) if same_unit(known, name)]
        if not matches:
            problems.append(f"{place(layout.name.key, layout.name.title)}: “{name}” không có trong phụ lục "
                            "chỉ tiêu")
            continue
        index = matches[0]
        if index in seen:
            problems.append(f"{place(layout.name.key, layout.name.title)}: “{name}” đã có ở dòng {seen[index]}")
            continue
        seen[index] = row.number
        results = {}
        for column in layout.results:
            value = cell(column.key)
            where = place(column.key, column.title)
            if isinstance(value, UncomputedFormula):
                problems.append(f"{where}: công thức {value} chưa có giá trị (mở tệp bằng Excel rồi lưu lại)")
                continue
            try:
                number = parse_amount(value, where)
            except ValueError as error:
                problems.append(str(error))
                continue
            if number is not None:
                results[column.key] = number
        out.append(SheetResult(index, results))
    if problems:
        raise ResultsSheetError(problems)
    return out
