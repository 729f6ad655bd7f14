"""The outgoing register of one year as Decree 30's book (Appendix IV),
printed and bound by the văn thư (Art. 16): the unit's entries of the year
in the order of the register, each as the book's 10 cells
(``sheets.register_sheet.book_row``), laid out by
``docgen.document.register_book`` and converted to PDF by LibreOffice.
Anyone of the unit may print it (as they may read the register); it is
audited (``register_book``)."""

from __future__ import annotations

import datetime as dt
from typing import Callable

from sqlalchemy.orm import Session

from ..document.register_book import PAPERS, Book, book_docx
from ..sheets.register_sheet import book_row
from ..vietnamese.dates import vietnam_today
from .audit import audit
from .errors import StateError
from .models import User
from .register import entries


def year_book(session: Session, user: User, year: int, *, volume: str = "01", paper: str = "A3",
              today: dt.date | None = None) -> Book:
    """The book of ``year`` for the user's unit."""
    if not 2000 <= year <= 2999:
        raise StateError(f"Năm {year} không hợp lệ; gõ năm như 2026.")
    if paper not in PAPERS:
        raise StateError(f"Khổ giấy “{paper}” không có; chọn {' hoặc '.join(PAPERS)}.")
    rows = entries(session, user, date_from=dt.date(year, 1, 1), date_to=dt.date(year, 12, 31))
    parent = next((entry.plan.get("header", {}).get("parent_body") or "" for entry in reversed(rows)), "")
    return Book(
        parent_body=parent, unit_name=user.unit.name, year=year, rows=tuple(book_row(entry) for entry in rows),
        first_date=rows[0].issued_on if rows else None, last_date=rows[-1].issued_on if rows else None,
        first_number=rows[0].number_text if rows else "", last_number=rows[-1].number_text if rows else "",
        volume=" ".join((volume or "01").split())[:20], made_on=today or vietnam_today(), paper=paper)


def book_file(session: Session, user: User, year: int, *, pdf: bool = True, volume: str = "01",
              paper: str = "A3", ip: str | None = None,
              convert: Callable[..., bytes] | None = None) -> tuple[Book, bytes]:
    """The book and its file: the PDF (``convert``, default
    ``docgen.pdf.docx_to_pdf``), or the .docx when ``pdf`` is False; audited."""
    book = year_book(session, user, year, volume=volume, paper=paper)
    data = book_docx(book)
    if pdf:
        if convert is None:
            from ..pdf import docx_to_pdf as convert
        data = convert(data, archive=False)
    audit(session, user, "register_book", ip=ip,
          detail=f"năm {year}, {len(book.rows)} văn bản, {'PDF' if pdf else '.docx'}")
    session.commit()
    return book, data
