"""The register of issued documents (sổ đăng ký văn bản đi) as an .xlsx
sheet: one row per document, in the order of the book, for the web's
export and ``docgen register list --xlsx``."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ..vietnamese.dates import excel_date_format, vietnam_time
from .spreadsheet import write_text_cell

COLUMNS = (  # (title, width)
    ("Số", 7), ("Ký hiệu", 14), ("Số, ký hiệu", 16), ("Ngày ban hành", 14), ("Tên loại", 14),
    ("Trích yếu nội dung", 60), ("Người ký", 24), ("Số nơi nhận", 11), ("Văn thư", 22),
    ("Ban hành lúc", 20), ("SHA-256 tệp .docx", 20), ("Ghi chú", 40),
)
HEADER_ROW = 3


def note(entry) -> str:
    """Recall and replacement, in words: ``Đã thu hồi ngày …: lý do``."""
    parts = []
    if entry.recall is not None:
        parts.append(f"Đã thu hồi lúc {vietnam_time(entry.recall.recalled_at)} "
                     f"({entry.recall.recalled_by.full_name}): {entry.recall.reason}")
    if entry.replaces is not None:
        parts.append(f"Thay thế văn bản số {entry.replaces.number_text}")
    if entry.replaced_by is not None:
        parts.append(f"Được thay thế bằng văn bản số {entry.replaced_by.number_text}")
    return ". ".join(parts)


def register_xlsx(unit_name: str, entries, *, searched: str = "") -> bytes:
    """The entries as a workbook: a title line, what was searched, then the
    table. Text cells are always text, with Excel's quote prefix when they
    start like a formula (``spreadsheet.write_text_cell``): a subject such
    as ``=HYPERLINK(…)`` is never one, not even after the cell is edited."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ văn bản đi"
    write_text_cell(sheet["A1"], f"SỔ ĐĂNG KÝ VĂN BẢN ĐI – {unit_name}")
    sheet["A1"].font = Font(bold=True, size=13)
    write_text_cell(sheet["A2"], searched or "Toàn bộ sổ")
    for column, (title, width) in enumerate(COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, column, title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[cell.column_letter].width = width
    for row, entry in enumerate(entries, start=HEADER_ROW + 1):
        values = (entry.number, entry.symbol, entry.number_text, entry.issued_on, entry.type_name, entry.subject,
                  entry.signer, entry.recipients, entry.issued_by.full_name,
                  vietnam_time(entry.issued_at), entry.sha256, note(entry))
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column)
            if isinstance(value, str):
                write_text_cell(cell, value)
            else:
                cell.value = value
            if isinstance(value, dt.date):
                cell.number_format = excel_date_format(value)  # shown as the page shows it
            cell.alignment = Alignment(wrap_text=isinstance(value, str), vertical="top")
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
