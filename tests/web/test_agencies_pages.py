"""The directory of agencies on the web: every logged-in user reads and
searches it; the administrator sets the unit's mã định danh and imports the
province's CSV, and a wrong file is refused with each wrong row and column
named in Vietnamese; the editor's recipients look names up in it."""

from __future__ import annotations

import io

from docgen.storage.models import Agency, Unit
from docgen.web.database import database

from ..people import add_people
from .batch_accounts import Clerk

CSV = ("Mã định danh,Tên cơ quan,Cơ quan chủ quản\n"
       "000.00.31.H41,Sở Nội vụ tỉnh Gia Lai,UBND tỉnh Gia Lai\n"
       "000.00.32.H41,Sở Tài chính tỉnh Gia Lai,UBND tỉnh Gia Lai\n").encode()


def people(app):
    with app.app_context():
        add_people(database())
    return Clerk(app, "dung"), Clerk(app, "an")


def upload(clerk, content: bytes, name: str = "danh-ba.csv"):
    return clerk.client.post("/agencies/import", data={"csrf_token": clerk.token,
                                                       "file": (io.BytesIO(content), name)},
                             content_type="multipart/form-data")


def test_admin_imports_the_directory_and_everyone_finds_it(app):
    admin, drafter = people(app)
    response = upload(admin, CSV)
    assert response.status_code == 302
    page = admin.get("/agencies").get_data(as_text=True)
    assert "Đã nhập danh bạ từ danh-ba.csv: 2 cơ quan mới, 0 cơ quan cập nhật." in page
    assert "2 cơ quan trong danh bạ" in page and 'data-code="000.00.31.H41"' in page
    found = drafter.get("/agencies?q=Tài chính").get_data(as_text=True)
    assert 'data-code="000.00.32.H41"' in found and 'data-code="000.00.31.H41"' not in found
    assert "agency-import-form" not in found  # a drafter sees no form
    answer = drafter.get("/api/agencies?q=Nội vụ")
    assert answer.get_json() == [{"code": "000.00.31.H41", "name": "Sở Nội vụ tỉnh Gia Lai",
                                  "in_charge": "UBND tỉnh Gia Lai"}]


def test_a_wrong_file_names_its_rows_and_columns_and_imports_nothing(app):
    admin, _ = people(app)
    bad = CSV + "000.00.31.H41.XYZ,Sở Tư pháp,\n,Sở Y tế,\n".encode()
    response = upload(admin, bad)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "danh-ba.csv: dòng 4, cột “Mã định danh”: mã định danh “000.00.31.H41.XYZ” dài 17 ký tự, tối đa 13" in page
    assert "danh-ba.csv: dòng 5, cột “Mã định danh”: còn trống" in page
    with app.app_context():
        assert database().query(Agency).count() == 0


def test_only_the_admin_changes_the_directory_and_the_unit_code(app):
    _, drafter = people(app)
    assert upload(drafter, CSV).status_code == 403
    # refused before the file is read: a wrong file gets the same 403, not its problems
    refused = upload(drafter, b"Ma,Dia chi\n1,2\n")
    assert refused.status_code == 403 and "không thấy cột" not in refused.get_data(as_text=True)
    response = drafter.client.post("/agencies/unit-code", data={"csrf_token": drafter.token, "code": "000.00.31.H41"})
    assert response.status_code == 403
    assert "Chỉ quản trị hệ thống" in response.get_data(as_text=True)


def test_admin_sets_the_unit_code(app):
    admin, drafter = people(app)
    response = admin.client.post("/agencies/unit-code", data={"csrf_token": admin.token, "code": "000.00.31.H41"})
    assert response.status_code == 302
    assert "<code>000.00.31.H41</code>" in drafter.get("/agencies").get_data(as_text=True)
    wrong = admin.client.post("/agencies/unit-code", data={"csrf_token": admin.token, "code": "000/31"})
    assert wrong.status_code == 400 and "chỉ gồm chữ, số, dấu chấm" in wrong.get_data(as_text=True)
    with app.app_context():
        assert database().query(Unit).filter_by(name="UBND xã Lộc Tấn").one().code == "000.00.31.H41"


def test_the_directory_needs_a_login(client):
    assert client.get("/agencies").status_code == 302
    assert client.get("/api/agencies?q=x").status_code == 401
