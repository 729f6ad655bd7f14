"""The units table: one row per unit (commune, ward, district…) of a batch.

Read from a spreadsheet (.xlsx, or .csv in UTF-8 with or without BOM, or in
Excel's Windows-1258 export; comma, semicolon or tab separated) through
:mod:`docgen.sheets.spreadsheet`, or taken from a provincial plan's appendix
(:func:`units_from_appendix`). The first non-blank row is the header. A header
cell names a column by its key (``ten_don_vi``) or by one of its Vietnamese
titles (``Tên đơn vị``), compared without regard to case or tone placement.

Documented columns (only ``ten_don_vi`` is required):

==================  =======================================  ===============================
key                 titles accepted                          meaning
==================  =======================================  ===============================
ten_don_vi          Tên đơn vị, Đơn vị, Địa phương           unit name with its level word:
                                                             ``Xã Ia Kha``, ``Phường Tây Sơn``
cap                 Cấp                                      level (xã, phường, thị trấn,
                                                             huyện, thị xã, thành phố, tỉnh,
                                                             đặc khu); default: from the name
co_quan_ban_hanh    Cơ quan ban hành                         issuing body lines, separated by
                                                             ``/`` or a line break
co_quan_chu_quan    Cơ quan chủ quản, Cơ quan cấp trên       line above the issuing body
                                                             (blank: none; see parent_body.py)
ten_co_quan         Tên cơ quan                              issuer in running text
                                                             (``Ủy ban nhân dân xã Ia Kha``)
dia_danh            Địa danh                                 place in the date line; default:
                                                             the name without its level word
so                  Số, Số văn bản                           document number
ky_hieu             Ký hiệu                                  symbol, e.g. ``KH-UBND``
ngay                Ngày, Ngày ban hành                      issue date ``29/8/2023``
nguoi_ky            Người ký, Họ tên người ký                signer's name
chuc_vu_ky          Chức vụ ký, Thẩm quyền ký                signing authority lines
                                                             (``TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH``)
chi_tieu            Chỉ tiêu                                 the unit's target (a number)
da_thuc_hien        Đã thực hiện                             already done (a number)
ngay_bat_dau        Ngày bắt đầu                             campaign start date
ngay_ket_thuc       Ngày kết thúc                            campaign end date
==================  =======================================  ===============================

Any other column is kept: its key is the header's slug (``Số hộ dân`` ->
``so_ho_dan``) and the template may use it as a placeholder. Derived values
always available: ``ten_rieng`` (the name without its level word) and
``ten_don_vi_thuong`` (the name with its level word in lower case, for running
text: ``xã Ia Kha``).

Figures (``chi_tieu``, ``da_thuc_hien``, ``so``) are read by the one reader of
figures with the sheet's convention (:func:`docgen.vietnamese.vn.block_convention`): a
sheet written in English figures (``1,234,567``) is read so, with a notice in
``UnitsTable.notices``; a figure that reads two ways (``1,240``) in a sheet
that does not tell is a row error offering both readings.

Problems are values: a table that cannot be used at all raises
:class:`UnitsTableError`; a bad row gives :class:`RowError` entries (line as
Excel shows it, column title as written in the header) and the other rows go
on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .. import doctypes
from ..plan.model import Plan, parse_amount
from ..sheets.spreadsheet import SheetRow, TableFileUnreadable, UncomputedFormula, read_sheet_rows
from ..sheets.table_reading import convention_notes, is_total_row
from ..vietnamese import dates, vn
from ..vietnamese.names import split_level
from ..vietnamese.text import clean_line, clean_text

MAX_UNITS = 10_000
LEGACY_CSV_ENCODING = "cp1258"  # what Excel writes for "CSV" on Vietnamese Windows

Kind = Literal["text", "lines", "number", "integer", "date"]


@dataclass(frozen=True)
class UnitColumn:
    key: str
    titles: tuple[str, ...]
    kind: Kind
    meaning: str
    example: object = ""
    required: bool = False


COLUMNS: tuple[UnitColumn, ...] = (
    UnitColumn("ten_don_vi", ("Tên đơn vị", "Đơn vị", "Tên địa phương", "Địa phương"), "text",
               "Tên đơn vị, có chữ chỉ cấp (bắt buộc)", "Xã Ia Kha", required=True),
    UnitColumn("cap", ("Cấp",), "text",
               "Cấp: xã, phường, thị trấn, huyện, thị xã, thành phố, tỉnh, đặc khu; "
               "để trống thì lấy từ tên", "xã"),
    UnitColumn("co_quan_ban_hanh", ("Cơ quan ban hành",), "lines",
               "Cơ quan ban hành, các dòng cách nhau bằng '/'; để trống: ỦY BAN NHÂN DÂN / tên đơn vị",
               "ỦY BAN NHÂN DÂN / XÃ IA KHA"),
    UnitColumn("co_quan_chu_quan", ("Cơ quan chủ quản", "Cơ quan cấp trên"), "text",
               "Cơ quan chủ quản (dòng trên tên cơ quan ban hành); đơn vị cấp xã từ 01/7/2025: UBND tỉnh, "
               "thành phố (không còn cấp huyện); để trống: không có dòng này", "UBND TỈNH GIA LAI"),
    UnitColumn("ten_co_quan", ("Tên cơ quan",), "text",
               "Tên cơ quan viết thường trong câu; để trống: Ủy ban nhân dân + tên đơn vị",
               "Ủy ban nhân dân xã Ia Kha"),
    UnitColumn("dia_danh", ("Địa danh",), "text",
               "Địa danh ở dòng ngày tháng; để trống: tên đơn vị bỏ chữ chỉ cấp", "Ia Kha"),
    UnitColumn("so", ("Số", "Số văn bản"), "integer", "Số văn bản; để trống khi là dự thảo", ""),
    UnitColumn("ky_hieu", ("Ký hiệu",), "text", "Ký hiệu văn bản", doctypes.get(None).default_symbol),
    UnitColumn("ngay", ("Ngày", "Ngày ban hành"), "date", "Ngày ban hành (ngày/tháng/năm)", ""),
    UnitColumn("nguoi_ky", ("Người ký", "Họ tên người ký"), "text", "Họ tên người ký", "Nguyễn Văn An"),
    UnitColumn("chuc_vu_ky", ("Chức vụ ký", "Thẩm quyền ký"), "lines",
               "Thẩm quyền ký, các dòng cách nhau bằng '/'", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"),
    UnitColumn("chi_tieu", ("Chỉ tiêu",), "number", "Chỉ tiêu giao cho đơn vị (số)", 1200),
    UnitColumn("da_thuc_hien", ("Đã thực hiện",), "number", "Số đã thực hiện (số)", 300),
    UnitColumn("ngay_bat_dau", ("Ngày bắt đầu",), "date", "Ngày bắt đầu đợt (ngày/tháng/năm)", ""),
    UnitColumn("ngay_ket_thuc", ("Ngày kết thúc",), "date", "Ngày kết thúc đợt (ngày/tháng/năm)", ""),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
DERIVED_KEYS = ("ten_rieng", "ten_don_vi_thuong", "cap")

@dataclass(frozen=True)
class RowError:
    """One problem: ``row`` as Excel numbers it (header = its own line),
    ``column`` as written in the header; either may be missing."""

    row: int | None
    column: str | None
    message: str
    unit: str | None = None

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"Dòng {self.row}")
        if self.column:
            where.append(f"cột “{self.column}”")
        return (", ".join(where) + ": " if where else "") + self.message


class UnitsTableError(ValueError):
    """A units table that cannot be used at all (no rows, no name column…)."""


@dataclass(frozen=True)
class Unit:
    """A valid row: ``values`` maps column keys to typed cells (str, int or
    float, ``datetime.date``, list of lines; ``None`` when the cell is blank)."""

    row: int
    name: str
    values: dict[str, object]

    def get(self, key: str):
        return self.values.get(key)


@dataclass
class UnitsTable:
    columns: dict[str, str]  # key -> header title as written
    units: list[Unit] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # how the figures were read (an English-locale sheet)

    def title(self, key: str) -> str:
        return self.columns.get(key, key)

    @property
    def available(self) -> set[str]:
        """Placeholder names every unit has (blank cells aside)."""
        return set(self.columns) | set(DERIVED_KEYS)


# --- header ----------------------------------------------------------------------


def column_key(header: str) -> str:
    """The key a header cell stands for: a documented column's key if the
    cell is its key or one of its titles, else the header's own slug."""
    text = clean_line(str(header))
    for column in COLUMNS:
        if text == column.key or any(vn.same_text(text, title, casefold=True) for title in column.titles):
            return column.key
    key = vn.slug(text).lower().replace("-", "_")
    if key and not key[0].isalpha():
        key = "cot_" + key
    return key


def _header(cells: list, row: int) -> dict[int, tuple[str, str]]:
    """Column index -> (key, title as written)."""
    out: dict[int, tuple[str, str]] = {}
    seen: dict[str, str] = {}
    problems = []
    for index, cell in enumerate(cells):
        title = clean_line(str(cell))
        if not title:
            continue
        key = column_key(title)
        if not key:
            problems.append(f"cột {index + 1} (“{title}”): tên cột cần có chữ hoặc số")
        elif key in seen:
            problems.append(f"cột “{title}” trùng với cột “{seen[key]}”")
        else:
            seen[key] = title
            out[index] = (key, title)
    missing = [c for c in COLUMNS if c.required and c.key not in seen]
    for column in missing:
        problems.append(
            f"thiếu cột bắt buộc “{column.titles[0]}” ({column.key}); các cột đang có: "
            + (", ".join(f"“{t}”" for t in seen.values()) or "không có")
        )
    if problems:
        raise UnitsTableError(f"Dòng tiêu đề {row}: " + "; ".join(problems))
    return out


# --- cells -----------------------------------------------------------------------


def _parse_number(value, convention: str | None = None):
    try:
        return parse_amount(value, "", convention)
    except ValueError as error:
        message = str(error)
        if "không phải là số" in message:
            message = f"“{value}” không phải là số (vd. 1200 hoặc 1.200)"
        raise ValueError(message) from None


def parse_cell(kind: Kind, value, convention: str | None = None):
    """A typed cell, or ``None`` when blank; ``ValueError`` with a Vietnamese
    message when the cell does not fit its column. A figure is read with the
    sheet's ``convention`` (``"vi"``/``"en"``, see docgen.vietnamese.vn.block_convention)."""
    if isinstance(value, UncomputedFormula):
        raise ValueError(
            f"ô có công thức {value} nhưng tệp chưa lưu kết quả tính; mở tệp bằng Excel, "
            "lưu lại rồi tải lên (hoặc nhập số thay cho công thức)"
        )
    if isinstance(value, str) and re.fullmatch(r"#(DIV/0!|N/A|NAME\?|NULL!|NUM!|REF!|VALUE!)", value.strip()):
        raise ValueError(f"công thức trong ô bị lỗi ({value.strip()})")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if kind == "text":
        return clean_line(str(value))
    if kind == "lines":
        lines = [clean_line(part) for part in re.split(r"\s*/\s*|\n", clean_text(str(value)))]
        return [line for line in lines if line] or None
    if kind == "date":
        return dates.read_date(clean_line(value) if isinstance(value, str) else value)
    number = _parse_number(value, convention)
    if kind == "integer":
        if isinstance(number, float) and not number.is_integer() or number < 1:
            raise ValueError(f"“{value}” phải là số nguyên dương")
        return int(number)
    return number


def _extra_cell(value):
    """A column outside the documented set keeps its type; text is cleaned."""
    if isinstance(value, (UncomputedFormula,)) or isinstance(value, str) and value.startswith("#"):
        return parse_cell("text", value)
    if isinstance(value, str):
        return clean_line(value) or None
    return value


def _derived(values: dict) -> None:
    name = values["ten_don_vi"]
    level, own_name = split_level(name)
    values["ten_rieng"] = own_name
    values["cap"] = values.get("cap") or level
    values["ten_don_vi_thuong"] = f"{level} {own_name}" if level and own_name != name else name


# --- the table -------------------------------------------------------------------


def units_from_rows(rows: list[SheetRow]) -> UnitsTable:
    """Validate a grid whose first row is the header."""
    if not rows:
        raise UnitsTableError("Bảng đơn vị trống: cần một dòng tiêu đề và ít nhất một dòng đơn vị")
    header = _header(rows[0].cells, rows[0].number)
    table = UnitsTable(columns={key: title for key, title in header.values()})
    if len(rows) == 1:
        raise UnitsTableError(f"Bảng đơn vị chỉ có dòng tiêu đề (dòng {rows[0].number}), chưa có đơn vị nào")
    first_seen: dict[str, list[tuple[str, int]]] = {}
    body = rows[1:]
    if len(body) > 1 and is_total_row(body[-1].cells):
        body = body[:-1]  # Excel's own total line, not a unit
    figures = [index for index, (key, _) in header.items()
               if key in COLUMN_BY_KEY and COLUMN_BY_KEY[key].kind in ("number", "integer")]
    block = vn.block_convention(row.cells[index] for row in body for index in figures if index < len(row.cells))
    table.notices = convention_notes(block, "Các số trong bảng")[0]
    for row in body:
        values: dict[str, object] = {}
        problems: list[RowError] = []
        for index, (key, title) in header.items():
            raw = row.cells[index] if index < len(row.cells) else ""
            column = COLUMN_BY_KEY.get(key)
            try:
                values[key] = parse_cell(column.kind, raw, block.convention) if column else _extra_cell(raw)
            except ValueError as error:
                problems.append(RowError(row.number, title, str(error)))
        extra = [c for c in row.cells[len(rows[0].cells):] if c != ""]
        if extra:
            problems.append(RowError(row.number, None, f"có {len(extra)} ô nằm ngoài các cột có tiêu đề"))
        name = values.get("ten_don_vi")
        if not name and not any(p.column == table.title("ten_don_vi") for p in problems):
            problems.append(RowError(row.number, table.title("ten_don_vi"), "thiếu tên đơn vị"))
        if name:
            # Bucket by slug (no diacritics), then compare exactly up to case
            # and tone placement: "Xã Hòa An" and "xã Hoà An" are one unit.
            bucket = first_seen.setdefault(vn.slug(name).lower(), [])
            duplicate = next((r for n, r in bucket if vn.same_text(n, name, casefold=True)), None)
            if duplicate is not None:
                problems.append(RowError(row.number, table.title("ten_don_vi"),
                                         f"tên đơn vị “{name}” trùng với dòng {duplicate}"))
            elif not problems:
                bucket.append((name, row.number))
        if problems:
            table.errors.extend(RowError(p.row, p.column, p.message, name) for p in problems)
            continue
        _derived(values)
        table.units.append(Unit(row.number, name, values))
    return table


def read_units(filename: str, content: bytes) -> UnitsTable:
    """The units table of a spreadsheet file (.xlsx or .csv)."""
    try:
        rows = read_sheet_rows(filename, content, max_rows=MAX_UNITS, header_rows=1,
                               legacy_encoding=LEGACY_CSV_ENCODING)
    except TableFileUnreadable as error:
        raise UnitsTableError(f"Không đọc được bảng đơn vị: {error}") from None
    return units_from_rows(rows)


def units_from_appendix(plan: Plan, index: int = 0) -> UnitsTable:
    """The rows of a plan's appendix (a provincial plan's targets per unit)
    as a units table: the first text column is ``ten_don_vi``; every other
    column keeps its key, computed columns (rate, remaining, daily quota)
    included, computed with the plan's campaign days."""
    from ..plan.appendix import computed_rows, format_value

    if not plan.appendices:
        raise UnitsTableError(f"{doctypes.for_plan(plan).name} không có phụ lục để lấy danh sách đơn vị")
    if not 0 <= index < len(plan.appendices):
        raise UnitsTableError(f"{doctypes.for_plan(plan).name} chỉ có {len(plan.appendices)} phụ lục")
    appendix = plan.appendices[index]
    name_column = next((c for c in appendix.columns if c.type == "text"), None)
    if name_column is None:
        raise UnitsTableError("Phụ lục không có cột chữ để làm tên đơn vị")
    days = plan.campaign.quota_days if plan.campaign else None
    others = [c for c in appendix.columns if c is not name_column]
    header = ["ten_don_vi"] + [c.key for c in others]
    grid = [SheetRow(1, header)]
    for number, row in enumerate(computed_rows(appendix, days), start=2):
        cells = [row.get(name_column.key) or ""]
        for column in others:
            value = row.get(column.key)
            if column.compute and column.type == "percent":
                value = format_value(column, value)
            elif column.compute and value is not None:
                value = int(value) if value == int(value) else float(value)
            cells.append("" if value is None else value)
        grid.append(SheetRow(number, cells))
    return units_from_rows(grid)
