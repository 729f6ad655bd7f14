"""Agency codes: a unit's mã định danh set by the administrator, the
directory of agencies imported from the province's CSV (every wrong row and
column named in Vietnamese, nothing imported then), the recipients a unit
names with a code remembered when it issues, and the search the editor
offers names from. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from docgen.sheets.agencies import AgencyFileError, AgencyRow, read_agencies
from docgen.storage import agencies, drafts, register
from docgen.storage.errors import Forbidden, UserError
from docgen.storage.models import Agency, AuditEvent, Unit
from docgen.storage.users import create_user

from .conftest import PASSWORD

GOOD = ("Mã định danh,Tên cơ quan,Cơ quan chủ quản\n"
        "000.00.31.H41,Sở Nội vụ tỉnh Gia Lai,UBND tỉnh Gia Lai\n"
        "000.00.32.H41,Sở Tài chính tỉnh Gia Lai,UBND tỉnh Gia Lai\n"
        "000.01.31.H41, Văn phòng  UBND tỉnh Gia Lai ,\n").encode()


def test_reader_takes_the_columns_by_their_titles():
    rows = read_agencies("danh-ba.csv", GOOD)
    assert rows == [AgencyRow("000.00.31.H41", "Sở Nội vụ tỉnh Gia Lai", "UBND tỉnh Gia Lai"),
                    AgencyRow("000.00.32.H41", "Sở Tài chính tỉnh Gia Lai", "UBND tỉnh Gia Lai"),
                    AgencyRow("000.01.31.H41", "Văn phòng UBND tỉnh Gia Lai", None)]
    # another order, titles without diacritics, semicolons, a BOM
    other = "\ufeffTen co quan;Ma dinh danh\nSở Nội vụ;000.00.31.H41\n".encode()
    assert read_agencies("x.csv", other) == [AgencyRow("000.00.31.H41", "Sở Nội vụ")]


def test_reader_names_every_wrong_row_and_column():
    bad = ("Mã định danh,Tên cơ quan\n"
           "000.00.31.H41,Sở Nội vụ\n"
           "000.00.31.H41.XYZ,Sở Tư pháp\n"
           ",Sở Y tế\n"
           "000.00.31.H41,Sở Xây dựng\n"
           "000 00 31,Sở Công Thương\n"
           "000.00.35.H41,\n").encode()
    with pytest.raises(AgencyFileError) as caught:
        read_agencies("danh-ba.csv", bad)
    assert caught.value.problems == [
        "dòng 3, cột “Mã định danh”: mã định danh “000.00.31.H41.XYZ” dài 17 ký tự, tối đa 13",
        "dòng 4, cột “Mã định danh”: còn trống",
        "dòng 5, cột “Mã định danh”: mã “000.00.31.H41” đã có ở dòng 2",
        "dòng 6, cột “Mã định danh”: mã định danh “000 00 31” chỉ gồm chữ, số, dấu chấm, vd. 000.00.31.H41",
        "dòng 7, cột “Tên cơ quan”: còn trống",
    ]


def test_reader_says_which_column_is_missing():
    with pytest.raises(AgencyFileError) as caught:
        read_agencies("x.csv", "Mã,Địa chỉ\n000.00.31.H41,Pleiku\n".encode())
    assert caught.value.problems == ["dòng 1: không thấy cột “Tên cơ quan” (các cột có: “Mã”, “Địa chỉ”)"]
    with pytest.raises(AgencyFileError, match="CSV UTF-8"):
        read_agencies("x.csv", "Mã định danh,Tên\n000.00.31.H41,Sở Nội vụ\n".encode("utf-16"))


def test_import_adds_and_updates_by_code(session, people):
    first = agencies.import_directory(session, read_agencies("a.csv", GOOD), user=people["dung"], source="a.csv")
    assert (first.added, first.updated) == (3, 0)
    again = agencies.import_directory(session, [AgencyRow("000.00.31.H41", "Sở Nội vụ Gia Lai"),
                                                AgencyRow("000.00.40.H41", "Sở Y tế tỉnh Gia Lai")])
    assert (again.added, again.updated) == (1, 1)
    assert agencies.by_code(session, "000.00.31.H41").name == "Sở Nội vụ Gia Lai"
    assert agencies.count(session) == 4
    assert [a.code for a in agencies.search(session, people["an"], "tài chính")] == ["000.00.32.H41"]
    assert [a.code for a in agencies.search(session, people["an"], "00.40")] == ["000.00.40.H41"]
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "agencies_import")).all()
    assert [e.detail for e in events] == ["a.csv: 3 cơ quan mới, 0 cơ quan cập nhật"]


def test_only_the_administrator_changes_codes(session, people):
    with pytest.raises(Forbidden):
        agencies.import_directory(session, [AgencyRow("000.00.31.H41", "Sở Nội vụ")], user=people["an"])
    with pytest.raises(Forbidden):
        agencies.set_unit_code(session, people["an"].unit.name, "000.00.31.H41", user=people["an"])


def test_unit_code_is_checked_and_unique(session, people):
    unit = agencies.set_unit_code(session, "UBND xã Lộc Tấn", " 000.00.31.H41 ", user=people["dung"])
    assert unit.code == "000.00.31.H41"
    with pytest.raises(UserError, match="đã là của đơn vị “UBND xã Lộc Tấn”"):
        agencies.set_unit_code(session, "UBND xã Lộc Hòa", "000.00.31.H41")
    with pytest.raises(UserError, match="tối đa 13"):
        agencies.set_unit_code(session, "UBND xã Lộc Hòa", "000.00.31.H41.1")
    assert agencies.set_unit_code(session, "UBND xã Lộc Tấn", "").code is None
    assert session.scalar(select(Unit.code).where(Unit.name == "UBND xã Lộc Tấn")) is None


def test_issue_remembers_the_recipients_with_a_code(session, people, edited):
    agencies.import_directory(session, [AgencyRow("000.00.31.H41", "Sở Nội vụ tỉnh Gia Lai")])
    vy = create_user(session, "vy", "Trần Thị Vy", "registrar", "UBND xã Lộc Tấn", PASSWORD)
    data = edited("Kế hoạch gửi điện tử")
    data["recipients"] = [{"name": "Sở Nội vụ tỉnh Gia Lai", "code": "000.00.31.H41"},
                          {"name": "UBND xã Ia Ka", "code": "000.20.41.H41", "purpose": "để thực hiện"},
                          {"name": "Lưu trữ"}]
    draft = drafts.create_draft(session, people["an"], data)
    drafts.submit(session, people["an"], draft.id)
    drafts.approve(session, people["chau"], draft.id, confirmed=True)
    register.issue(session, vy, draft.id, confirmed=True)
    remembered = session.scalars(select(Agency).where(Agency.unit_id.is_not(None))).all()
    assert [(a.code, a.name, a.unit.name if hasattr(a, "unit") else a.unit_id) for a in remembered] == [
        ("000.20.41.H41", "UBND xã Ia Ka", people["an"].unit_id)]
    # the unit that remembered it finds it; another unit does not
    assert [a.code for a in agencies.search(session, people["an"], "Ia Ka")] == ["000.20.41.H41"]
    assert agencies.search(session, people["em"], "Ia Ka") == []


def test_the_recipients_of_a_secret_document_are_not_remembered(session, people, edited):
    """Độ mật: whom a secret document went to is not offered to every user
    of the unit in the directory's search."""
    vy = create_user(session, "vy", "Trần Thị Vy", "registrar", "UBND xã Lộc Tấn", PASSWORD)
    data = {**edited("Kế hoạch mật"), "secrecy": "mat",
            "recipients": [{"name": "Bộ Chỉ huy quân sự tỉnh", "code": "000.00.99.H41"}, {"name": "Lưu trữ"}]}
    draft = drafts.create_draft(session, people["an"], data)
    drafts.submit(session, people["an"], draft.id)
    drafts.approve(session, people["chau"], draft.id, confirmed=True)
    register.issue(session, vy, draft.id, confirmed=True)
    assert agencies.search(session, people["binh"], "000.00.99") == []


def test_reader_names_a_formula_without_a_saved_value():
    """An .xlsx written by a program keeps a formula with no value: its text
    (``=B2``) is not an agency's name nor code; the row and column are named."""
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Mã định danh", "Tên cơ quan"])
    sheet.append(["000.00.31.H41", "Sở Nội vụ"])
    sheet.append(["000.00.32.H41", '=CONCATENATE("Sở ", "Tài chính")'])
    sheet.append(['=LEFT("000.00.33.H41", 13)', "Sở Y tế"])
    data = io.BytesIO()
    book.save(data)
    with pytest.raises(AgencyFileError) as caught:
        read_agencies("danh-ba.xlsx", data.getvalue())
    assert [problem.split(":")[0] for problem in caught.value.problems] == [
        "dòng 3, cột “Tên cơ quan”", "dòng 4, cột “Mã định danh”"]
    assert all("công thức" in problem and "lưu lại" in problem for problem in caught.value.problems)
