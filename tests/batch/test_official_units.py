"""The official list of communes, wards and special zones after the 2025
reorganisation, and the province's units sheet built from it."""

from __future__ import annotations

import io
import zipfile
from importlib.metadata import metadata

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from docgen.batch import load_template, read_units, run_batch
from docgen.batch.official_units import UnknownProvince, all_units, find_province, provinces, units_of
from docgen.cli import main as cli

from .helpers import TEMPLATE_XA


def test_the_package_is_mit_licensed():
    meta = metadata("vietnamadminunits")
    assert "License :: OSI Approved :: MIT License" in meta.get_all("Classifier")


def test_34_provinces_and_3321_units_with_their_level_words():
    units = all_units()
    assert len(provinces()) == 34
    assert len(units) == 3321
    assert len({unit.code for unit in units}) == 3321
    levels = {}
    for unit in units:
        levels[unit.level] = levels.get(unit.level, 0) + 1
        assert unit.name.split(" ")[0] in ("Xã", "Phường", "Đặc"), unit.name
        assert unit.name.lower().startswith(unit.level)
    assert set(levels) == {"xã", "phường", "đặc khu"}
    assert levels["đặc khu"] == 13


@pytest.mark.parametrize("query, official", [
    ("Gia Lai", "Tỉnh Gia Lai"), ("tỉnh gia lai", "Tỉnh Gia Lai"), ("GIA LAI", "Tỉnh Gia Lai"),
    ("Hồ Chí Minh", "Thành phố Hồ Chí Minh"), ("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    ("thanh pho ho chi minh", "Thành phố Hồ Chí Minh"), ("Đắk Lắk", "Tỉnh Đắk Lắk"), ("Huế", "Thành phố Huế"),
])
def test_a_province_is_found_however_it_is_written(query, official):
    assert find_province(query) == official


def test_a_province_merged_away_in_2025_is_refused_with_the_list():
    with pytest.raises(UnknownProvince) as error:
        find_province("Bình Định")
    assert "“Bình Định”" in str(error.value) and "Tỉnh Gia Lai" in str(error.value)


def test_gia_lai_sheet_lists_every_unit_and_runs_as_a_batch(tmp_path):
    gia_lai = units_of("Gia Lai")
    assert len(gia_lai) == 135
    names = {unit.name for unit in gia_lai}
    assert {"Phường Pleiku", "Phường Quy Nhơn"} <= names
    output = tmp_path / "gia-lai.xlsx"
    result = CliRunner().invoke(cli, ["batch-example", "--province", "Gia Lai", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert "135 đơn vị của Tỉnh Gia Lai" in result.output
    sheet = load_workbook(output).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Tên đơn vị" and rows[0][-1] == "Mã đơn vị hành chính"
    assert [row[0] for row in rows[1:]] == [unit.name for unit in gia_lai]
    assert [row[-1] for row in rows[1:]] == [unit.code for unit in gia_lai]

    # the province fills in the signers and the targets, as a clerk would
    book = load_workbook(output)
    sheet = book.active
    titles = [cell.value for cell in sheet[1]]
    for index, row in enumerate(sheet.iter_rows(min_row=2), start=1):
        row[titles.index("Người ký")].value = "Nguyễn Văn An"
        row[titles.index("Chỉ tiêu")].value = 1000 + index
        row[titles.index("Đã thực hiện")].value = 500 + index
    filled = io.BytesIO()
    book.save(filled)
    units = read_units(output.name, filled.getvalue())
    assert not units.errors and len(units.units) == 135
    buffer = io.BytesIO()
    result = run_batch(load_template(TEMPLATE_XA), units, buffer)
    assert not result.errors
    with zipfile.ZipFile(buffer) as archive:
        assert len([n for n in archive.namelist() if n.endswith(".docx")]) == 135


def test_unknown_province_on_the_command_line_exits_2():
    result = CliRunner().invoke(cli, ["batch-example", "--province", "Hà Tây", "-o", "x.xlsx"])
    assert result.exit_code == 2 and "--province: không có tỉnh, thành phố “Hà Tây”" in result.output


def test_the_province_a_unit_belongs_to_is_read_from_its_name():
    from docgen.batch.official_units import province_named_in

    assert province_named_in("UBND tỉnh Gia Lai") == "Tỉnh Gia Lai"
    assert province_named_in("Công an Tỉnh Đồng Tháp") == "Tỉnh Đồng Tháp"
    assert province_named_in("Sở Y tế thành phố Huế") == "Thành phố Huế"
    assert province_named_in("UBND huyện Lộc Ninh") is None
    assert province_named_in("UBND tỉnh Hà Tây") is None  # merged away in 2025
