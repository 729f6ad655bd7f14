"""The parent body (cơ quan chủ quản) of each unit's plan comes from the
units list: a blank cell is no line, never the template's; a unit of the
official list (after 07/2025) gets its province, no district; the
template's line is used only when the list has no column for it, with a
warning."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from docgen.batch.derive import derive_plan
from docgen.batch.example import province_sheet
from docgen.batch.inputs import load_inputs
from docgen.batch.official_units import units_of
from docgen.batch.parent_body import official_code, province_body
from docgen.word import document_text

from .helpers import PROVINCIAL, TEMPLATE_HUYEN, TEMPLATE_XA, csv_bytes, open_zip

TEMPLATE_BODY = "UBND HUYỆN LỘC NINH"  # template_xa's own line (a district, of another province)
SIGNER = ["Nguyễn Văn An", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", 1200, 300]


def _inputs(rows, template=TEMPLATE_XA):
    return load_inputs((template.name, template.read_bytes()), ("don-vi.csv", csv_bytes(rows)))


def _parent_bodies(inputs) -> dict[str, str | None]:
    return {unit.name: derive_plan(inputs.template, unit, inputs.parent).plan.header.parent_body
            for unit in inputs.units.units}


HEADER = ["Tên đơn vị", "Cơ quan chủ quản", "Người ký", "Chức vụ ký", "Chỉ tiêu", "Đã thực hiện"]


def test_the_sample_template_has_a_district_line_of_its_own():
    assert f"parent_body: {TEMPLATE_BODY}" in TEMPLATE_XA.read_text(encoding="utf-8")


def test_a_blank_cell_is_no_line_and_the_clerk_is_told():
    inputs = _inputs([HEADER, ["Xã Lộc Hòa", "UBND TỈNH ĐỒNG NAI", *SIGNER], ["Xã Lộc Tấn", "", *SIGNER]])
    assert _parent_bodies(inputs) == {"Xã Lộc Hòa": "UBND TỈNH ĐỒNG NAI", "Xã Lộc Tấn": None}
    assert len(inputs.warnings) == 1
    warning = inputs.warnings[0]
    assert warning.startswith("don-vi.csv: Cột “Cơ quan chủ quản” để trống ở 1 đơn vị (“Xã Lộc Tấn”)")
    assert f"dòng “{TEMPLATE_BODY}” của văn bản mẫu không được dùng" in warning


def test_no_column_keeps_the_template_line_with_a_warning():
    inputs = _inputs([[h for h in HEADER if h != "Cơ quan chủ quản"], ["Xã Lộc Tấn", *SIGNER]])
    assert _parent_bodies(inputs) == {"Xã Lộc Tấn": TEMPLATE_BODY}
    assert inputs.warnings == (
        "don-vi.csv: Bảng đơn vị không có cột “Cơ quan chủ quản”: mọi văn bản lấy dòng cơ quan chủ quản của "
        f"văn bản mẫu, “{TEMPLATE_BODY}”. Nếu các đơn vị có cơ quan chủ quản khác, hãy thêm cột “Cơ quan "
        "chủ quản” vào bảng (đơn vị cấp xã từ 01/7/2025: UBND tỉnh, thành phố; không còn cấp huyện).",)


def test_a_filled_column_gives_no_warning():
    inputs = _inputs([HEADER, ["Xã Lộc Tấn", "UBND HUYỆN LỘC NINH", *SIGNER]])
    assert _parent_bodies(inputs) == {"Xã Lộc Tấn": "UBND HUYỆN LỘC NINH"} and inputs.warnings == ()


def test_a_unit_of_the_official_list_gets_its_province_not_a_district():
    dao_thanh = next(u for u in units_of("Đồng Tháp") if u.name == "Phường Đạo Thạnh")
    code = "Mã đơn vị hành chính"
    # blank parent cell, code as text; no parent column at all, code as Excel's number
    with_column = _inputs([HEADER + [code], ["Phường Đạo Thạnh", "", *SIGNER, dao_thanh.code]])
    without = _inputs([[h for h in HEADER if h != "Cơ quan chủ quản"] + [code],
                       ["Phường Đạo Thạnh", *SIGNER, int(dao_thanh.code)]])
    for inputs in (with_column, without):
        assert _parent_bodies(inputs) == {"Phường Đạo Thạnh": "UBND TỈNH ĐỒNG THÁP"}
        assert inputs.warnings == ()


def test_the_official_list_names_the_province_as_parent_body_and_the_plans_print_it():
    province, count, sheet = province_sheet("dong thap")
    assert (province, count) == ("Tỉnh Đồng Tháp", 102)
    rows = list(load_workbook(io.BytesIO(sheet)).active.iter_rows(values_only=True))
    parent = rows[0].index("Cơ quan chủ quản")
    assert {row[parent] for row in rows[1:]} == {"UBND TỈNH ĐỒNG THÁP"}

    # the province fills in the signers and targets of two units, then runs the batch
    book = load_workbook(io.BytesIO(sheet))
    titles = [cell.value for cell in book.active[1]]
    book.active.delete_rows(4, book.active.max_row)
    for row in book.active.iter_rows(min_row=2):
        row[titles.index("Người ký")].value = "Nguyễn Văn An"
        row[titles.index("Chỉ tiêu")].value = 1000
        row[titles.index("Đã thực hiện")].value = 100
    filled = io.BytesIO()
    book.save(filled)
    inputs = load_inputs((TEMPLATE_XA.name, TEMPLATE_XA.read_bytes()), ("dong-thap.xlsx", filled.getvalue()))
    assert inputs.warnings == ()
    from docgen.batch import run_batch

    out = io.BytesIO()
    run_batch(inputs.template, inputs.units, out, workers=1)
    archive = open_zip(out.getvalue())
    documents = [n for n in archive.namelist() if n.endswith(".docx")]
    assert len(documents) == 2
    for name in documents:
        text = document_text(archive.read(name))
        assert text.startswith("UBND TỈNH ĐỒNG THÁP") and "HUYỆN" not in text


def test_units_from_the_appendix_of_a_provincial_plan_take_its_ubnd():
    inputs = load_inputs((TEMPLATE_HUYEN.name, TEMPLATE_HUYEN.read_bytes()),
                         (PROVINCIAL.name, PROVINCIAL.read_bytes()))
    assert set(_parent_bodies(inputs).values()) == {"UBND TỈNH GIA LAI"} and inputs.warnings == ()
    # the template's own line is not what decides
    other = TEMPLATE_HUYEN.read_bytes().replace("parent_body: UBND TỈNH GIA LAI".encode(),
                                                "parent_body: UBND TỈNH KON TUM".encode())
    inputs = load_inputs(("huyen.yaml", other), (PROVINCIAL.name, PROVINCIAL.read_bytes()))
    assert set(_parent_bodies(inputs).values()) == {"UBND TỈNH GIA LAI"}


def test_names_and_codes():
    assert province_body("Tỉnh Đồng Tháp") == "UBND TỈNH ĐỒNG THÁP"
    assert province_body("Thành phố Huế") == "UBND THÀNH PHỐ HUẾ"
    assert [official_code(v) for v in (4, 4.0, "00004", " 23200 ", "4", "x1", 1.5, None, True, "123456")] == [
        "00004", "00004", "00004", "23200", "00004", None, None, None, None, None]
