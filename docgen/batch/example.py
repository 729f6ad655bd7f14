"""The downloadable example units sheet (.xlsx): the documented columns with
two example rows on the first sheet, and a "Hướng dẫn" sheet explaining each
column. The web page serves :func:`example_sheet_bytes`; ``docgen
batch-example`` writes the same bytes. Given a province's official units
(:mod:`docgen.batch.official_units`), the sheet lists every one of them
instead of the two examples, with its official code."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

from ..sheets.spreadsheet import write_text_cell
from .official_units import OfficialUnit, find_province, units_of
from .parent_body import CODE_TITLE, province_body
from .units import COLUMNS

# Units as they are since 01/7/2025: under the province, no district. No "Ký hiệu": each
# example template (a plan, an invitation…) has its own symbol.
EXAMPLE_ROWS = (
    {"ten_don_vi": "Xã Ia Ly", "cap": "xã", "co_quan_chu_quan": "UBND TỈNH GIA LAI",
     "dia_danh": "Ia Ly", "nguoi_ky": "Nguyễn Văn An",
     "chuc_vu_ky": "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "chi_tieu": 1200, "da_thuc_hien": 300,
     "ngay_bat_dau": "15/3/2025", "ngay_ket_thuc": "31/5/2025"},
    {"ten_don_vi": "Phường Pleiku", "co_quan_chu_quan": "UBND TỈNH GIA LAI",
     "nguoi_ky": "Trần Thị Bình", "chuc_vu_ky": "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
     "chi_tieu": 2500, "da_thuc_hien": 1800, "so": 15, "ngay": "20/3/2025",
     "ngay_bat_dau": "15/3/2025", "ngay_ket_thuc": "31/5/2025"},
)
_FIXED_TIME = dt.datetime(2025, 1, 1)


def official_rows(units: list[OfficialUnit]) -> list[dict]:
    """One row per unit: its name, level, parent body (its province: since
    01/7/2025 there are no districts) and code; the rest is the province's
    to fill."""
    return [{"ten_don_vi": unit.name, "cap": unit.level, "co_quan_chu_quan": province_body(unit.province),
             CODE_TITLE: unit.code} for unit in units]


def province_sheet(query: str) -> tuple[str, int, bytes]:
    """The official name of the province ``query`` names, its number of
    units and its units sheet (``docgen batch-example --province`` and the
    web batch page). Raises :class:`~docgen.batch.official_units.UnknownProvince`."""
    province = find_province(query)
    units = units_of(province)
    return province, len(units), example_sheet_bytes(units)


def example_sheet_bytes(units: list[OfficialUnit] | None = None) -> bytes:
    """The example units sheet, or a province's sheet of ``units``; the same
    bytes on every call."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Đơn vị"
    rows = EXAMPLE_ROWS if units is None else official_rows(units)
    extra = [] if units is None else [CODE_TITLE]
    sheet.append([column.titles[0] for column in COLUMNS] + extra)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for number, row in enumerate(rows, start=2):
        values = [row.get(column.key, "") for column in COLUMNS] + [row.get(key, "") for key in extra]
        for column, value in enumerate(values, start=1):
            if isinstance(value, str):
                write_text_cell(sheet.cell(number, column), value)  # a name like "=…" stays text
            else:
                sheet.cell(number, column).value = value
    titles = [column.titles[0] for column in COLUMNS] + extra
    for letter, title in zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", titles):
        sheet.column_dimensions[letter].width = max(12, len(title) + 4)
    if units is not None:
        sheet.column_dimensions["A"].width = 28

    guide = book.create_sheet("Hướng dẫn")
    guide.append(["Tiêu đề cột", "Mã cột", "Ý nghĩa", "Bắt buộc"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        guide.append([column.titles[0], column.key, column.meaning, "có" if column.required else ""])
    guide.append([])
    guide.append(["Cột khác", "", "Mọi cột khác được giữ lại; văn bản mẫu dùng bằng mã cột "
                  "(tiêu đề viết không dấu, nối bằng '_'), vd. cột “Số hộ dân” -> {{ so_ho_dan }}", ""])
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 18
    guide.column_dimensions["C"].width = 90

    book.properties.created = book.properties.modified = _FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip_times(buffer.getvalue())


def _fixed_zip_times(content: bytes) -> bytes:
    """openpyxl stamps each part, and the workbook's "modified" property,
    with the time of saving; fix both so the example is byte-for-byte
    reproducible (two saves a second apart differed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>2025-01-01T00:00:00Z\g<2>", data)
            target.writestr(fixed, data)
    return out.getvalue()
