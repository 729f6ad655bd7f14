"""``docgen units code`` and ``docgen agencies import|list``: a wrong file
exits 2 with every wrong row and column on stderr and imports nothing."""

from __future__ import annotations

from click.testing import CliRunner

from docgen.cli import main
from docgen.storage.users import create_user

from .conftest import PASSWORD


def test_units_code_and_agencies_import_and_list(migrated_url, session, tmp_path):
    create_user(session, "dung", "Phạm Dũng", "admin", "UBND xã Lộc Tấn", PASSWORD)
    runner = CliRunner()
    env = {"DATABASE_URL": migrated_url}
    result = runner.invoke(main, ["units", "code", "UBND xã Lộc Tấn", "000.00.31.H41"], env=env)
    assert result.exit_code == 0 and result.output == "UBND xã Lộc Tấn: mã định danh 000.00.31.H41\n"
    assert runner.invoke(main, ["units", "code", "UBND xã Lộc Tấn"], env=env).output == \
        "UBND xã Lộc Tấn: 000.00.31.H41\n"
    result = runner.invoke(main, ["units", "code", "UBND xã Lộc Tấn", "000.00.31.H41.XYZ"], env=env)
    assert result.exit_code == 2 and "tối đa 13" in result.output
    assert runner.invoke(main, ["units", "code", "UBND xã Không Có", "1"], env=env).exit_code == 2

    wrong = tmp_path / "sai.csv"
    wrong.write_text("Mã định danh,Tên cơ quan\n000.00.31.H41,Sở Nội vụ\n000.00.31.H41,Sở Tư pháp\n",
                     encoding="utf-8")
    result = runner.invoke(main, ["agencies", "import", str(wrong)], env=env)
    assert result.exit_code == 2
    assert f"{wrong}: dòng 3, cột “Mã định danh”: mã “000.00.31.H41” đã có ở dòng 2" in result.output
    assert runner.invoke(main, ["agencies", "list"], env=env).output == ""

    good = tmp_path / "danh-ba.csv"
    good.write_text("Mã định danh,Tên cơ quan,Cơ quan chủ quản\n000.00.31.H41,Sở Nội vụ,UBND tỉnh Gia Lai\n"
                    "000.00.32.H41,Sở Tư pháp,\n", encoding="utf-8")
    result = runner.invoke(main, ["agencies", "import", str(good)], env=env)
    assert result.exit_code == 0 and result.output == f"{good}: 2 cơ quan mới, 0 cơ quan cập nhật\n"
    result = runner.invoke(main, ["agencies", "list", "--search", "tư pháp"], env=env)
    assert result.output == "000.00.32.H41\tSở Tư pháp\n"
    assert len(runner.invoke(main, ["agencies", "list"], env=env).output.splitlines()) == 2
