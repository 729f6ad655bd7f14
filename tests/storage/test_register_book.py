"""The register as Decree 30's book (Appendix IV): the văn thư records when
a document was handed over and who signed for it (an edXML package she
exports records it as sent electronically); the year's book has the cover,
the 10 columns with their titles and numbers on every page, one row per
document with those columns filled, at most 20 documents a page, and the
closing note; its PDF has one page per 20 documents after the cover; the
.xlsx has the same 10 columns. Storage tests run on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from click.testing import CliRunner
from docx import Document
from lxml import etree
from openpyxl import load_workbook

from docgen import pdf
from docgen.cli import main
from docgen.document.register_book import Book, book_docx
from docgen.metadata.xmp import page_count
from docgen.sheets.register_sheet import BOOK_COLUMNS, register_xlsx
from docgen.storage import book, outgoing, register
from docgen.storage.errors import Forbidden, StateError
from docgen.word.oxml_order import out_of_order

from .test_edxml_export import NOON, issue, office  # noqa: F401  (fixtures)

TITLES = ["Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản", "Người ký",
          "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ngày chuyển", "Ký nhận", "Ghi chú"]


def texts(row) -> list[str]:
    return [cell.text for cell in row.cells]


def test_the_ten_columns_are_appendix_fours():
    assert [title for title, _ in BOOK_COLUMNS] == TITLES


def test_sent_by_hand_or_electronically_fills_columns_eight_and_nine(session, office, issue):
    first, second, third = issue(), issue(subject="Kế hoạch thứ hai"), issue(subject="Kế hoạch thứ ba")
    with pytest.raises(Forbidden):
        register.mark_sent(session, office["an"], first.id, "Nguyễn Văn Nhận")
    with pytest.raises(register.SearchError, match="Ký nhận"):
        register.mark_sent(session, office["vy"], first.id, "  ")
    with pytest.raises(register.SearchError, match="từ ngày ban hành"):
        register.mark_sent(session, office["vy"], first.id, "Ông Nhận", sent_on=first.issued_on - dt.timedelta(1))
    dispatch = register.mark_sent(session, office["vy"], first.id, "Nguyễn Văn Nhận (Sở Nội vụ)")
    assert (dispatch.sent_on, dispatch.electronic) == (first.issued_on, False)
    with pytest.raises(StateError, match="đã ghi chuyển"):
        register.mark_sent(session, office["vy"], first.id, "Lần nữa")
    outgoing.export(session, office["an"], second.id, now=NOON)  # a drafter's download sends nothing
    assert register.get_entry(session, office["vy"], second.id).dispatch is None
    outgoing.export(session, office["vy"], second.id)
    sent = register.get_entry(session, office["vy"], second.id).dispatch
    assert sent.electronic and sent.receiver == register.ELECTRONIC_RECEIVER

    year = first.year
    made = book.year_book(session, office["an"], year)
    assert [row[0] for row in made.rows] == [first.number_text, second.number_text, third.number_text]
    assert made.rows[0][7:9] == (first.issued_on.strftime("%d/%m/%Y"), "Nguyễn Văn Nhận (Sở Nội vụ)")
    assert made.rows[1][8] == register.ELECTRONIC_RECEIVER and made.rows[2][7:9] == ("", "")
    assert made.rows[0][2] == f"Kế hoạch: {first.subject}" and made.rows[0][9] == "Khẩn"
    assert made.rows[0][4] == "Sở Nội vụ tỉnh Gia Lai; Sở Tài chính tỉnh Gia Lai; Lưu trữ xã"
    assert (made.first_number, made.last_number) == (first.number_text, third.number_text)

    _, data = book.book_file(session, office["an"], year, pdf=False)
    document = Document(io.BytesIO(data))
    [table] = document.tables
    assert texts(table.rows[0]) == TITLES and texts(table.rows[1]) == [f"({n})" for n in range(1, 11)]
    assert [texts(row)[0] for row in table.rows[2:]] == [row[0] for row in made.rows]
    paragraphs = [paragraph.text for paragraph in document.paragraphs]
    assert "SỔ ĐĂNG KÝ VĂN BẢN ĐI" in paragraphs and f"Năm: {year}" in paragraphs
    assert any(text.startswith("Sổ này có") and "đăng ký 3 văn bản" in text for text in paragraphs)

    sheet = load_workbook(io.BytesIO(register_xlsx("UBND xã Lộc Tấn", register.entries(session, office["vy"]))))
    appendix = sheet["Sổ theo Phụ lục IV"]
    assert [cell.value for cell in appendix[3]] == TITLES
    assert [cell.value for cell in appendix[4]] == [f"({n})" for n in range(1, 11)]
    assert appendix["I5"].value == "Nguyễn Văn Nhận (Sở Nội vụ)"


def test_the_book_and_sent_from_the_command_line(migrated_url, session, office, issue, tmp_path):
    entry = issue()
    runner = CliRunner()
    env = {"DATABASE_URL": migrated_url}
    result = runner.invoke(main, ["register", "sent", str(entry.id), "--user", "vy", "--receiver", "Chị Hoa",
                                  "--date", "31/02/2026"], env=env)
    assert result.exit_code == 2 and "--date" in result.output
    result = runner.invoke(main, ["register", "sent", str(entry.id), "--user", "vy", "--receiver", "Chị Hoa"],
                           env=env)
    assert result.exit_code == 0 and result.output.endswith("\tChị Hoa\n")
    out = tmp_path / "so.docx"
    result = runner.invoke(main, ["register", "book", "--user", "an", "--year", str(entry.year), "--docx",
                                  "-o", str(out)], env=env)
    assert result.exit_code == 0 and result.output.endswith(": 1 văn bản\n")
    assert texts(Document(str(out)).tables[0].rows[2])[8] == "Chị Hoa"


def rows(count: int) -> tuple[tuple[str, ...], ...]:
    return tuple((f"{n:02d}/KH-UBND", "03/12/2026", "Kế hoạch: Tổ chức các hoạt động hưởng ứng Tháng hành động "
                  f"vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới số {n} năm 2026",
                  "Nguyễn Văn Bình", "Sở Nội vụ tỉnh Gia Lai; Sở Tài chính tỉnh Gia Lai; Ủy ban nhân dân các xã",
                  "VT, VP", "4", "04/12/2026", "Gửi điện tử (Trục liên thông)", "Khẩn") for n in range(1, count + 1))


FORTY_FIVE = Book("UBND huyện Cát Hải", "UBND xã Lộc Tấn", 2026, rows(45), dt.date(2026, 1, 5),
                  dt.date(2026, 12, 3), "01/KH-UBND", "45/KH-UBND", made_on=dt.date(2026, 12, 6))


def test_forty_five_documents_make_three_pages_of_twenty_and_a_valid_package():
    data = book_docx(FORTY_FIVE)
    document = Document(io.BytesIO(data))
    assert [len(table.rows) - 2 for table in document.tables] == [20, 20, 5]
    assert all(texts(table.rows[0]) == TITLES for table in document.tables)
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not [name for name in archive.namelist() if "stylesWithEffects" in name]
        for name in archive.namelist():
            if name.endswith(".xml"):
                assert out_of_order(etree.fromstring(archive.read(name))) == [], name


@pytest.mark.slow
@pytest.mark.skipif(not pdf.available(), reason="LibreOffice (soffice) is not installed")
def test_the_printed_book_of_forty_five_documents_has_a_cover_and_three_pages():
    assert page_count(pdf.docx_to_pdf(book_docx(FORTY_FIVE))) == 4
