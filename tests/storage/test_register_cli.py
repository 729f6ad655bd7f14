"""``docgen users add --role registrar``, ``docgen issue`` and ``docgen
register list`` on both databases."""

from __future__ import annotations

import io
import re
import zipfile

from click.testing import CliRunner
from openpyxl import load_workbook

from docgen.cli import main
from docgen.storage import drafts
from docgen.vietnamese.dates import short_date, vietnam_today

from .conftest import PASSWORD


def test_issue_and_list_from_the_command_line(migrated_url, engine, session, people, edited, tmp_path):
    runner = CliRunner()
    env = {"DATABASE_URL": migrated_url}
    result = runner.invoke(main, ["users", "add", "vy", "--name", "Trần Thị Vy", "--role", "registrar",
                                  "--unit", "UBND xã Lộc Tấn", "--password-stdin"],
                           input=PASSWORD + "\n", env=env)
    assert result.output == "vy: Trần Thị Vy, văn thư, UBND xã Lộc Tấn\n"
    ids = []
    for subject in ("Kế hoạch phòng chống lụt bão", "Kế hoạch tiêm chủng"):
        draft = drafts.create_draft(session, people["an"], edited(subject))
        drafts.submit(session, people["an"], draft.id)
        drafts.approve(session, people["chau"], draft.id, confirmed=True)
        ids.append(draft.id)
    waiting = drafts.create_draft(session, people["an"], edited("Chưa duyệt")).id

    result = runner.invoke(main, ["issue", str(ids[0]), "--user", "an"], env=env)
    assert result.exit_code == 2 and "Chỉ văn thư" in result.output
    result = runner.invoke(main, ["issue", str(waiting), "--user", "vy"], env=env)
    assert result.exit_code == 2 and "chỉ ban hành được dự thảo đã duyệt" in result.output
    # sample 001 is headed for another commune: the văn thư is told, and nothing is issued
    result = runner.invoke(main, ["issue", str(ids[0]), "--user", "vy"], env=env)
    assert result.exit_code == 3, result.output
    assert "không phải UBND xã Lộc Tấn" in result.output and "--confirm" in result.output
    assert drafts.get_draft(session, people["chau"], ids[0]).issued_document is None
    output = tmp_path / "issued.docx"
    result = runner.invoke(main, ["issue", str(ids[0]), "--user", "vy", "--confirm", "-o", str(output)],
                           env=env)
    assert result.exit_code == 0, result.output
    today = short_date(vietnam_today())
    assert re.fullmatch(rf"01/KH-UBND\t{today}\tKế hoạch phòng chống lụt bão\t[0-9a-f]{{64}}\n",
                        result.output)
    with zipfile.ZipFile(output) as archive:
        assert "Số: 01/KH-UBND" in "".join(re.findall(
            r"<w:t(?: [^>]*)?>([^<]*)</w:t>", archive.read("word/document.xml").decode("utf-8")))
    assert runner.invoke(main, ["issue", str(ids[1]), "--user", "vy", "--confirm"], env=env).exit_code == 0

    result = runner.invoke(main, ["register", "list", "--unit", "UBND xã Lộc Tấn"], env=env)
    lines = result.output.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [
        ["01/KH-UBND", today, "Kế hoạch phòng chống lụt bão"],
        ["02/KH-UBND", today, "Kế hoạch tiêm chủng"]]
    result = runner.invoke(main, ["register", "list", "--unit", "UBND xã Lộc Tấn", "--subject", "tiem chung"],
                           env=env)
    assert [line.split("\t")[0] for line in result.output.splitlines()] == ["02/KH-UBND"]
    assert runner.invoke(main, ["register", "list", "--unit", "UBND xã Lộc Hòa"], env=env).output == ""
    result = runner.invoke(main, ["register", "list", "--unit", "UBND xã Không Có"], env=env)
    assert result.exit_code == 2 and "không có đơn vị “UBND xã Không Có”" in result.output
    result = runner.invoke(main, ["register", "list", "--unit", "UBND xã Lộc Tấn", "--from", "31/02/2026"],
                           env=env)
    assert result.exit_code == 2 and "--from: Từ ngày: ngày “31/02/2026” không có trong lịch: tháng 2/2026 có ngày 1 đến 28" in result.output
    sheet_path = tmp_path / "so.xlsx"
    result = runner.invoke(main, ["register", "list", "--unit", "UBND xã Lộc Tấn", "--xlsx", str(sheet_path)],
                           env=env)
    assert result.output == f"{sheet_path}: 2 văn bản\n"
    sheet = load_workbook(io.BytesIO(sheet_path.read_bytes())).active
    assert [sheet["C4"].value, sheet["C5"].value] == ["01/KH-UBND", "02/KH-UBND"]
