"""The register of issued documents (sổ đăng ký văn bản đi) as an .xlsx
workbook: one row per document, in the order of the book, for the web's
export and ``docgen register list --xlsx``. Its first sheet has docgen's
columns (number and symbol apart, SHA-256, who issued it); its second is the
book of Decree 30, Appendix IV: the 10 columns (``BOOK_COLUMNS``, numbered
(1)–(10) under their titles), each row from ``book_row``, the same rows the
printed book (``docgen.document.register_book``) has."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from ..vietnamese.dates import excel_date_format, short_date, vietnam_time
from .spreadsheet import write_text_cell

COLUMNS = (  # (title, width)
    ("Số", 7), ("Ký hiệu", 14), ("Số, ký hiệu", 16), ("Ngày ban hành", 14), ("Tên loại", 14),
    ("Trích yếu nội dung", 60), ("Người ký", 24), ("Số nơi nhận", 11), ("Văn thư", 22),
    ("Ban hành lúc", 20), ("SHA-256 tệp .docx", 20), ("Ghi chú", 40),
)
HEADER_ROW = 3

# Appendix IV: (title, the sample's width in twips).
BOOK_COLUMNS = (
    ("Số, ký hiệu văn bản", 1021), ("Ngày tháng văn bản", 1077),
    ("Tên loại và trích yếu nội dung văn bản", 1768), ("Người ký", 993), ("Nơi nhận văn bản", 850),
    ("Đơn vị, người nhận bản lưu", 1276), ("Số lượng bản", 992), ("Ngày chuyển", 1134), ("Ký nhận", 851),
    ("Ghi chú", 708),
)


def _marks_words(plan: dict) -> str:
    from ..plan import marks

    words = [mark.name for mark in (marks.secrecy(plan.get("secrecy")), marks.urgency(plan.get("urgency"))) if mark]
    return ", ".join(words)


def book_row(entry) -> tuple[str, ...]:
    """The 10 cells of Appendix IV for a register row, as text."""
    plan = getattr(entry, "plan", None) or {}
    recipients = "; ".join(recipient.get("name", "") for recipient in plan.get("recipients", []))
    copies = getattr(entry, "copies", None) or min(999, len(plan.get("recipients", [])) + 1)
    dispatch = getattr(entry, "dispatch", None)
    remarks = [part for part in (_marks_words(plan), note(entry)) if part]
    return (entry.number_text, short_date(entry.issued_on), f"{entry.type_name}: {entry.subject}", entry.signer,
            recipients, getattr(entry, "keeper", None) or plan.get("archive", ""), str(copies),
            short_date(dispatch.sent_on) if dispatch else "", dispatch.receiver if dispatch else "",
            ". ".join(remarks))


def note(entry) -> str:
    """Recall and replacement, in words: ``Đã thu hồi ngày …: lý do``; a
    secret replacement of an ordinary document is left out."""
    parts = []
    if entry.recall is not None:
        parts.append(f"Đã thu hồi lúc {vietnam_time(entry.recall.recalled_at)} "
                     f"({entry.recall.recalled_by.full_name}): {entry.recall.reason}")
    if entry.replaces is not None:
        parts.append(f"Thay thế văn bản số {entry.replaces.number_text}")
    # (a secret replacement of an ordinary document is not named in its row,
    # which everyone sees; the replacement's own row names what it replaces)
    if entry.replaced_by is not None and (entry.secret or not entry.replaced_by.secret):
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
    _book_sheet(book, unit_name, entries, searched)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _book_sheet(book: Workbook, unit_name: str, entries, searched: str) -> None:
    """The second sheet: Appendix IV's 10 columns, numbered (1)–(10)."""
    sheet = book.create_sheet("Sổ theo Phụ lục IV")
    write_text_cell(sheet["A1"], f"SỔ ĐĂNG KÝ VĂN BẢN ĐI – {unit_name}")
    sheet["A1"].font = Font(bold=True, size=13)
    write_text_cell(sheet["A2"], searched or "Toàn bộ sổ")
    for column, (title, width) in enumerate(BOOK_COLUMNS, start=1):
        cell = sheet.cell(HEADER_ROW, column, title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[cell.column_letter].width = round(width / 1021 * 14)
        numbered = sheet.cell(HEADER_ROW + 1, column, f"({column})")
        numbered.alignment = Alignment(horizontal="center")
    for row, entry in enumerate(entries, start=HEADER_ROW + 2):
        for column, value in enumerate(book_row(entry), start=1):
            cell = sheet.cell(row, column)
            write_text_cell(cell, value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 2, 1)
