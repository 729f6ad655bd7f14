"""The batch run and its commands: ZIP contents, manifest, error report,
the pool path, and sameness with rendering one unit alone."""

from __future__ import annotations

import hashlib
import io

from click.testing import CliRunner

from docgen.batch import example_sheet_bytes, load_template, read_units, run_batch
from docgen.cli import main
from docgen.word import document_text, malformed_parts

from .helpers import (HEADER, PROVINCIAL, TEMPLATE_HUYEN, TEMPLATE_XA, UNITS_CSV, open_zip,
                      read_csv_member, unit_row, xlsx)

ROWS = [
    HEADER,
    unit_row("Xã Ia Kha", 1200, 300),
    unit_row("Phường Tây Sơn", "12a", 1),       # bad number
    unit_row("Thị trấn Ia Ly", 2500, 1800, signer="Trần Thị Bình"),
    unit_row("Xã Ia Kha", 10, 1),                # duplicate
    unit_row("Xã Ân Phú", 900, 100),
    unit_row("Xã Ia Bă", 800, None),             # blank cell the template uses
]


def batch_zip(rows, workers=1):
    out = io.BytesIO()
    result = run_batch(load_template(TEMPLATE_XA), read_units("u.xlsx", xlsx(rows)), out, workers=workers)
    return result, out.getvalue()


def test_zip_holds_sorted_unique_documents_a_manifest_and_an_error_report():
    calls = []
    out = io.BytesIO()
    result = run_batch(load_template(TEMPLATE_XA), read_units("u.xlsx", xlsx(ROWS)), out,
                       workers=1, progress=lambda done, total: calls.append((done, total)))
    archive = open_zip(out.getvalue())
    docs = [n for n in archive.namelist() if n.endswith(".docx")]
    # Vietnamese order: Thị trấn < Xã Ân < Xã Ia (Â after A? no: "Ân" sorts by â after a, before i).
    assert docs == ["Thi-tran-Ia-Ly.docx", "Xa-An-Phu.docx", "Xa-Ia-Kha.docx"]
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert result.counts == {"total": 6, "rendered": 3, "failed": 3, "with_errors": 0, "with_warnings": 0}

    manifest = read_csv_member(archive, "manifest.csv")
    assert manifest[0] == ["Dòng", "Đơn vị", "Tệp", "SHA-256", "Trạng thái", "Số lỗi", "Số cảnh báo",
                           "Lỗi hoặc cảnh báo đầu tiên"]
    for row, unit, name, digest, status, errors, warnings, first in manifest[1:]:
        if status == "đã tạo":
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest
            assert (errors, warnings, first) == ("0", "0", "")  # the sample template passes its checks
    assert [r[1] for r in manifest[1:]] == ["Phường Tây Sơn", "Thị trấn Ia Ly", "Xã Ân Phú",
                                            "Xã Ia Bă", "Xã Ia Kha", "Xã Ia Kha"]
    refused = {r[0]: r[4:] for r in manifest[1:] if r[4] == "lỗi"}
    assert refused == {
        "3": ["lỗi", "1", "0", "Lỗi – cột “Chỉ tiêu”: “12a” không phải là số (vd. 1200 hoặc 1.200)"],
        "5": ["lỗi", "1", "0", "Lỗi – cột “Tên đơn vị”: tên đơn vị “Xã Ia Kha” trùng với dòng 2"],
        "7": ["lỗi", "1", "0", "Lỗi – cột “Đã thực hiện”: ô trống nhưng văn bản mẫu dùng “{{ da_thuc_hien }}”"],
    }

    errors = read_csv_member(archive, "loi.csv")
    assert errors[0] == ["Dòng", "Cột", "Đơn vị", "Lỗi"]
    assert ["3", "Chỉ tiêu", "Phường Tây Sơn", "“12a” không phải là số (vd. 1200 hoặc 1.200)"] in errors
    assert ["5", "Tên đơn vị", "Xã Ia Kha", "tên đơn vị “Xã Ia Kha” trùng với dòng 2"] in errors
    assert ["7", "Đã thực hiện", "Xã Ia Bă", "ô trống nhưng văn bản mẫu dùng “{{ da_thuc_hien }}”"] in errors

    text = document_text(archive.read("Thi-tran-Ia-Ly.docx"))
    assert "THỊ TRẤN IA LY" in text and "Trần Thị Bình" in text
    assert "Chỉ tiêu giao cho thị trấn Ia Ly: kích hoạt 2.500 tài khoản" in text
    for name in docs:
        assert malformed_parts(archive.read(name)) == {}


def test_no_error_report_when_every_row_is_valid():
    _, data = batch_zip([HEADER, unit_row("Xã A"), unit_row("Xã B")])
    assert sorted(open_zip(data).namelist()) == ["Xa-A.docx", "Xa-B.docx", "manifest.csv"]


def test_file_names_stay_unique_when_slugs_collide():
    _, data = batch_zip([HEADER, unit_row("Xã Hòa"), unit_row("Xã Hoa"), unit_row("Xa Hoa")])
    assert sorted(n for n in open_zip(data).namelist() if n.endswith(".docx")) == [
        "Xa-Hoa-2.docx", "Xa-Hoa-3.docx", "Xa-Hoa.docx"]


def test_pool_gives_the_same_zip_as_one_process():
    rows = [HEADER] + [unit_row(f"Xã Số {n}", 1000 + n, n) for n in range(12)] + [unit_row("Xã X", "?", 1)]
    single = batch_zip(rows, workers=1)[1]
    pooled = batch_zip(rows, workers=2)[1]
    assert single == pooled


def test_each_document_reads_as_the_unit_rendered_alone_through_the_cli(tmp_path):
    data = batch_zip(ROWS)[1]
    archive = open_zip(data)
    units = tmp_path / "u.xlsx"
    units.write_bytes(xlsx(ROWS))
    runner = CliRunner()
    for unit, name in [("Thị trấn Ia Ly", "Thi-tran-Ia-Ly.docx"), ("xã ân phú", "Xa-An-Phu.docx")]:
        plan_file = tmp_path / f"{name}.yaml"
        result = runner.invoke(main, ["batch-plan", str(TEMPLATE_XA), str(units), "--unit", unit, "-o", str(plan_file)])
        assert result.exit_code == 0, result.output
        alone = tmp_path / name
        assert runner.invoke(main, ["render", str(plan_file), "-o", str(alone)]).exit_code == 0
        assert document_text(alone.read_bytes()) == document_text(archive.read(name))


def test_cli_batch_writes_the_zip_and_exits_1_when_rows_failed(tmp_path):
    units = tmp_path / "u.xlsx"
    units.write_bytes(xlsx(ROWS))
    output = tmp_path / "plans.zip"
    result = CliRunner().invoke(main, ["batch", str(TEMPLATE_XA), str(units), "-o", str(output), "--workers", "1"])
    assert result.exit_code == 1
    assert ("Đã tạo 3 văn bản; không văn bản nào có lỗi hay cảnh báo khi kiểm tra; "
            "3 dòng không tạo được (xem loi.csv trong tệp ZIP).") in result.output
    assert "Dòng 3, cột “Chỉ tiêu”" in result.output
    assert len([n for n in open_zip(output.read_bytes()).namelist() if n.endswith(".docx")]) == 3


def test_cli_batch_sample_csv(tmp_path):
    output = tmp_path / "plans.zip"
    result = CliRunner().invoke(main, ["batch", str(TEMPLATE_XA), str(UNITS_CSV), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "Đã tạo 4 văn bản; không văn bản nào có lỗi hay cảnh báo khi kiểm tra." in result.output


def test_cli_batch_stops_before_rendering_on_an_undefined_placeholder(tmp_path):
    units = tmp_path / "u.csv"
    units.write_text("Tên đơn vị,Người ký\nXã A,Lê Văn B\n", encoding="utf-8")
    output = tmp_path / "plans.zip"
    result = CliRunner().invoke(main, ["batch", str(TEMPLATE_XA), str(units), "-o", str(output)])
    assert result.exit_code == 2
    assert "“{{ chi_tieu }}” chưa có dữ liệu" in result.output
    assert "các tên có thể dùng: cap, nguoi_ky, ten_don_vi" in result.output
    assert not output.exists() and not (tmp_path / "plans.zip.part").exists()


def test_cli_batch_empty_sheet(tmp_path):
    units = tmp_path / "u.xlsx"
    units.write_bytes(xlsx([]))
    result = CliRunner().invoke(main, ["batch", str(TEMPLATE_XA), str(units), "-o", str(tmp_path / "p.zip")])
    assert result.exit_code == 2
    assert "Bảng đơn vị trống" in result.output


def test_cli_batch_from_the_provincial_plan_appendix(tmp_path):
    output = tmp_path / "huyen.zip"
    result = CliRunner().invoke(main, ["batch", str(TEMPLATE_HUYEN), str(PROVINCIAL), "-o", str(output)])
    assert result.exit_code == 0, result.output
    archive = open_zip(output.read_bytes())
    assert len([n for n in archive.namelist() if n.endswith(".docx")]) == 17
    text = document_text(archive.read("Huyen-Dak-Po.docx"))
    assert "Thực hiện Kế hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai về việc thực hiện" in text
    assert "kích hoạt 16.283 tài khoản" in text and "đạt 76,62%" in text and "hoàn thành 76 tài khoản" in text
    assert "HUYỆN ĐAK PƠ" in text


def test_example_sheet_is_a_valid_units_table_and_reproducible(tmp_path):
    output = tmp_path / "mau.xlsx"
    assert CliRunner().invoke(main, ["batch-example", "-o", str(output)]).exit_code == 0
    assert output.read_bytes() == example_sheet_bytes()
    table = read_units("mau.xlsx", output.read_bytes())
    assert table.errors == [] and [u.name for u in table.units] == ["Xã Ia Ly", "Phường Pleiku"]
    result = CliRunner().invoke(main, ["batch", str(TEMPLATE_XA), str(output), "-o", str(tmp_path / "p.zip")])
    assert result.exit_code == 0, result.output


def test_example_sheet_is_the_same_bytes_a_second_later(monkeypatch):
    """openpyxl writes the time of saving into docProps/core.xml; the example
    must not depend on it."""
    import datetime as dt

    import openpyxl.writer.excel as excel

    first = example_sheet_bytes()

    class Later(dt.datetime):
        @classmethod
        def now(cls, tz=None):
            return dt.datetime(2031, 5, 6, 7, 8, 9, tzinfo=tz)

    monkeypatch.setattr(excel.datetime, "datetime", Later)
    assert example_sheet_bytes() == first


def test_every_document_is_checked_and_the_manifest_gives_counts_and_the_first_message():
    # the template's last section numbered IV a second time, and one unit's figures over its target
    template = TEMPLATE_XA.read_text(encoding="utf-8").replace(
        "- title: TỔ CHỨC THỰC HIỆN\n", "- title: TỔ CHỨC THỰC HIỆN\n  number: IV\n")
    from docgen.batch import TemplatePlan
    from docgen.plan.files import read_plan_text

    out = io.BytesIO()
    result = run_batch(TemplatePlan(read_plan_text(template)), read_units("u.xlsx", xlsx(
        [HEADER, unit_row("Xã Ia Kha", 1200, 300), unit_row("Xã Ia Bă", "x", 1)])), out, workers=1)
    assert result.counts == {"total": 2, "rendered": 1, "failed": 1, "with_errors": 1, "with_warnings": 0}
    assert result.summary == ("Đã tạo 1 văn bản; 1 văn bản có lỗi khi kiểm tra, cần sửa trước khi ban hành; "
                              "1 dòng không tạo được (xem loi.csv trong tệp ZIP).")
    manifest = read_csv_member(open_zip(out.getvalue()), "manifest.csv")
    assert manifest[1:] == [
        ["3", "Xã Ia Bă", "", "", "lỗi", "1", "0", "Lỗi – cột “Chỉ tiêu”: “x” không phải là số (vd. 1200 hoặc 1.200)"],
        ["2", "Xã Ia Kha", "Xa-Ia-Kha.docx", manifest[2][3], "đã tạo", "1", "0",
         "Lỗi – Mục IV (tiêu đề mục) «IV. TỔ CHỨC THỰC HIỆN»: số mục IV bị lặp lại: đây là mục thứ 6"],
    ]
