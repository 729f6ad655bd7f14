"""An .xlsx that unpacks to too much is refused before openpyxl opens it:
in the editor's appendix upload, in the batch's units table, in the CLI."""

from __future__ import annotations

import io
import time

import pytest
from click.testing import CliRunner

from docgen.batch import UnitsTableError, read_units
from docgen.cli import main
from docgen.sheets.spreadsheet import SpreadsheetTooLarge, check_xlsx_size

from ..batch.helpers import HEADER, TEMPLATE_XA, unit_row, xlsx
from ..bombs import xlsx_bomb

BOMB_MESSAGE = "tệp Excel giải nén ra 300,0 MB, quá giới hạn 64,0 MB"


def test_a_300_mb_sheet_packed_small_is_refused_fast():
    bomb = xlsx_bomb()
    assert len(bomb) < 1024 * 1024  # what the attacker uploads
    start = time.perf_counter()
    with pytest.raises(SpreadsheetTooLarge, match=BOMB_MESSAGE):
        check_xlsx_size(bomb)
    assert time.perf_counter() - start < 0.5


def test_a_large_part_compressed_too_well_is_refused():
    with pytest.raises(SpreadsheetTooLarge, match="phần “xl/worksheets/sheet1.xml” của tệp Excel nén"):
        check_xlsx_size(xlsx_bomb(40))  # under the size limit, 300x compressed


def test_real_workbooks_and_other_files_pass():
    check_xlsx_size(xlsx([HEADER] + [unit_row(f"Xã Số {i}") for i in range(3000)]))
    check_xlsx_size(b"not a zip at all")  # left for the reader to report


def test_units_table_refuses_the_bomb():
    with pytest.raises(UnitsTableError, match=f"Không đọc được bảng đơn vị: {BOMB_MESSAGE}"):
        read_units("don-vi.xlsx", xlsx_bomb())


def test_editor_appendix_upload_refuses_it_with_the_reason(browser_session):
    start = time.perf_counter()
    response = browser_session.post("/api/appendix/rows", data={"file": (io.BytesIO(xlsx_bomb()), "bang.xlsx")},
                                    content_type="multipart/form-data")
    assert response.status_code == 422
    assert BOMB_MESSAGE in response.get_json()["errors"][0]["message"]
    assert time.perf_counter() - start < 2


def test_cli_batch_refuses_the_bomb(tmp_path):
    bomb = tmp_path / "don-vi.xlsx"
    bomb.write_bytes(xlsx_bomb())
    result = CliRunner().invoke(main, ["batch", str(TEMPLATE_XA), str(bomb), "-o", str(tmp_path / "x.zip")])
    assert result.exit_code == 2
    assert f"{bomb}: Không đọc được bảng đơn vị: {BOMB_MESSAGE}" in result.output
