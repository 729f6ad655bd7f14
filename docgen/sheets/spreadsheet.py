"""Rows from a spreadsheet: .xlsx (openpyxl) or .csv (UTF-8, with or
without BOM; comma, semicolon or tab separated), for the batch units table
and the editor's appendix upload (``docgen.sheets.pasted``) alike.

The answer is the grid of cells as the file holds them; the caller decides
whether the first line is a header and which column goes where.

:func:`read_sheet_rows` names rows as Excel shows them: each row keeps its 1-based line
number, a formula cell whose value Excel never saved is marked
(:class:`UncomputedFormula`) instead of read as a blank, and CSV exported by
Excel in the Windows Vietnamese code page (Windows-1258) can be accepted.

The way out, for every sheet or CSV docgen writes (the register's .xlsx, the
batch's manifest.csv and loi.csv): a text a clerk or an upload wrote that
starts like a formula is never one (:func:`escape_formula` for CSV,
:func:`write_text_cell` for .xlsx).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from ..vietnamese import dates
from ..vietnamese.vn import format_number
from ..word.zip_limits import ZipLimits, check_zip_size

MAX_ROWS = 5000
MAX_COLUMNS = 60
TABLE_FILE_TYPES = (".xlsx", ".csv", ".tsv", ".txt")



class UncomputedFormula(str):
    """A formula cell with no saved value (the file was written by a program,
    not saved by Excel): its text is the formula, e.g. ``=B2*0.8``."""


Cell = str | int | float


@dataclass(frozen=True)
class SheetRow:
    """A non-blank row and its line number as the spreadsheet shows it (1 =
    the first line, header included)."""

    number: int
    cells: list[Cell]


class TableFileUnreadable(ValueError):
    """A spreadsheet that cannot be read; the message is for the clerk."""


class UnsupportedTableFile(TableFileUnreadable):
    pass


# A .xlsx is refused for what it would unpack to before openpyxl opens it;
# the rule is docgen.word.zip_limits, shared with the Word reader.
XLSX_LIMITS = ZipLimits(
    what="tệp Excel",
    max_unpacked=64 * 1024 * 1024,  # a 10,000-unit sheet is ~15 MB of XML
    advice="hãy chia bảng thành nhiều tệp hoặc lưu thành CSV",
)


class SpreadsheetTooLarge(TableFileUnreadable):
    """An .xlsx refused for its unpacked size; the message says why. A kind
    of unreadable table, so every caller already reports it (the API: 422)."""


def check_xlsx_size(content: bytes) -> None:
    """Raise :class:`SpreadsheetTooLarge` when ``content`` unpacks to too much."""
    check_zip_size(content, XLSX_LIMITS, SpreadsheetTooLarge)


def _cell(value) -> Cell:
    if isinstance(value, UncomputedFormula):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, dt.date):  # a datetime too
        return dates.short_date(dates.read_date(value))
    return str(value).strip()


def _numbered(rows, max_rows: int = MAX_ROWS, header_rows: int = 0) -> list[SheetRow]:
    """Cells typed, blank rows dropped (their numbers kept), trailing blank
    columns cut; at most ``max_rows`` rows of data after ``header_rows``
    title rows."""
    out: list[SheetRow] = []
    for number, row in enumerate(rows, start=1):
        cells = [_cell(value) for value in row]
        while cells and cells[-1] == "":
            cells.pop()
        if not cells:
            continue
        if len(out) >= max_rows + header_rows:
            kind = " số liệu, không kể dòng tiêu đề" if header_rows else ""
            raise TableFileUnreadable(f"bảng có quá nhiều dòng: tối đa {format_number(max_rows)} dòng{kind}")
        if len(cells) > MAX_COLUMNS:
            raise TableFileUnreadable(f"bảng có quá nhiều cột: tối đa {format_number(MAX_COLUMNS)} cột")
        out.append(SheetRow(number, cells))
    return out


def _with_formulas(values, formulas):
    """Cached values, with formula cells that have none marked."""
    for value_row, formula_row in zip(values, formulas):
        row = list(value_row)
        for index, formula in enumerate(formula_row):
            formula = getattr(formula, "text", formula)  # ArrayFormula
            if (index < len(row) and row[index] is None and isinstance(formula, str)
                    and formula.startswith("=")):
                row[index] = UncomputedFormula(formula)
        yield row


def _as_shown(cell):
    """A number formatted as a percentage (Excel keeps 71,43% as 0.7143) as
    Excel shows it, ``71,43%``; any other cell's value as it is."""
    value = cell.value
    number_format = getattr(cell, "number_format", None) or ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in number_format:
        decimals = len(number_format.split(".")[1].split("%")[0]) if "." in number_format else 0
        return f"{format_number(Decimal(repr(value)) * 100, min(decimals, 6))}%"
    return value


_FORMULA_TAGS = (b"<f>", b"<f ", b"<f/>", b":f>", b":f ", b":f/>")


def _may_hold_formulas(content: bytes) -> bool:
    """Whether a worksheet of the .xlsx has a formula element (``<f>``):
    when none has, the second pass that looks for formulas without a saved
    value is skipped (it doubled the time of reading a 3,321-unit sheet). A
    false yes only costs that pass."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            for info in archive.infolist():
                if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                    data = archive.read(info)
                    if any(tag in data for tag in _FORMULA_TAGS):
                        return True
    except Exception:  # noqa: BLE001 - openpyxl reports what is wrong with the file
        return True
    return False


def _xlsx_rows(content: bytes, max_rows: int = MAX_ROWS, percent_as_shown: bool = False,
               header_rows: int = 0) -> list[SheetRow]:
    from openpyxl import load_workbook


    check_xlsx_size(content)  # a zip bomb is refused before openpyxl inflates it

    # A damaged or foreign file can fail anywhere inside openpyxl, zipfile or
    # the XML parser, with their own exception types; all mean "unreadable".
    try:
        values = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        formulas = (load_workbook(io.BytesIO(content), read_only=True, data_only=False)
                    if _may_hold_formulas(content) else None)
        try:
            if percent_as_shown:
                cached = ([_as_shown(cell) for cell in row] for row in values.active.iter_rows(min_row=1))
            else:
                cached = values.active.iter_rows(min_row=1, values_only=True)
            if formulas is None:
                return _numbered(cached, max_rows, header_rows)
            return _numbered(_with_formulas(
                cached,
                formulas.active.iter_rows(min_row=1, values_only=True),
            ), max_rows, header_rows)
        finally:
            values.close()
            if formulas is not None:
                formulas.close()
    except TableFileUnreadable:
        raise
    except Exception as error:  # noqa: BLE001 - see above
        # The libraries' own words (English, class names) are no use to a clerk.
        detail = ("không phải tệp .xlsx" if isinstance(error, zipfile.BadZipFile)
                  else "tệp bị hỏng hoặc không do Excel lưu; hãy mở trong Excel rồi lưu lại dạng .xlsx")
        raise TableFileUnreadable(f"không đọc được tệp Excel (.xlsx): {detail}") from None


def _decoded(content: bytes, legacy_encoding: str | None) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if legacy_encoding:
        try:
            # Windows-1258 writes tones as combining marks: recompose them.
            return unicodedata.normalize("NFC", content.decode(legacy_encoding))
        except UnicodeDecodeError:
            pass
    raise TableFileUnreadable(
        "tệp CSV phải là văn bản UTF-8 (trong Excel: Lưu thành > CSV UTF-8)"
    ) from None


def _csv_rows(content: bytes, max_rows: int = MAX_ROWS,
              legacy_encoding: str | None = None, header_rows: int = 0) -> list[SheetRow]:
    text = _decoded(content, legacy_encoding)
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel_tab if "\t" in sample else csv.excel
    try:
        return _numbered(csv.reader(io.StringIO(text), dialect), max_rows, header_rows)
    except csv.Error:
        raise TableFileUnreadable("không đọc được tệp CSV: có ô quá dài hoặc dấu nháy kép không được đóng; "
                                  "hãy mở trong Excel rồi lưu lại dạng CSV UTF-8") from None


def read_sheet_rows(filename: str, content: bytes, *, max_rows: int = MAX_ROWS, header_rows: int = 0,
                    legacy_encoding: str | None = None, percent_as_shown: bool = False) -> list[SheetRow]:
    """The non-blank rows of the first sheet (or of the CSV file) with their
    line numbers: at most ``max_rows`` of data after ``header_rows`` title
    rows. ``legacy_encoding`` (e.g. ``cp1258``) is tried for a CSV that is
    not UTF-8; ``percent_as_shown`` reads a percent-formatted number as its
    text (``71,43%``)."""
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _xlsx_rows(content, max_rows, percent_as_shown, header_rows)
    if name.endswith((".csv", ".tsv", ".txt")):
        return _csv_rows(content, max_rows, legacy_encoding, header_rows)
    if name.endswith(".xls"):
        raise UnsupportedTableFile("tệp .xls (Excel 97-2003) chưa đọc được: hãy lưu thành .xlsx hoặc CSV UTF-8")
    raise UnsupportedTableFile("chỉ đọc được tệp .xlsx hoặc .csv")


# --- writing: text that starts like a formula ------------------------------------------

# A cell starting with one of these is read as a formula when a spreadsheet
# opens the file (a tab or CR first hides the sign from the eye): a subject
# or unit name like =HYPERLINK("http://…") or @SUM(…) would run ("CSV
# injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def starts_like_formula(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def escape_formula(value):
    """A CSV cell's value: text that starts like a formula gets a leading
    ``'`` (what a clerk types in Excel to keep it text); anything else is
    unchanged."""
    return "'" + value if starts_like_formula(value) else value


def write_text_cell(cell, text: str) -> None:
    """An openpyxl cell holding ``text`` as text, never a formula: stored as
    a string, and when it starts like a formula with Excel's quote prefix
    (the cell's ``'``, not part of its value), so that editing the cell in
    Excel keeps it text."""
    cell.value = text
    cell.data_type = "s"
    if starts_like_formula(text):
        cell.quotePrefix = True
