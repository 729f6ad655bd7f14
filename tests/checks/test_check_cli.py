"""``docgen check``: one line per finding, exit 1 on errors, 2 if unreadable."""

from __future__ import annotations

import json

from click.testing import CliRunner

from docgen.cli import main
from docgen.plan.files import load_plan, plan_to_yaml

from ..conftest import SAMPLES
from .helpers import corrected

SAMPLE_004 = next(p for p in SAMPLES if p.name.startswith("004"))


def test_check_plan_prints_findings_and_exits_1():
    result = CliRunner().invoke(main, ["check", str(SAMPLE_004)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert any(line.startswith("ERROR Mục IV (tiêu đề mục)") and "[consistency.section_repeated]" in line
               for line in lines)
    assert any("[sensitive.password]" in line and " — " in line for line in lines)


def test_check_json():
    result = CliRunner().invoke(main, ["check", str(SAMPLE_004), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["errors"] >= 4
    codes = {f["code"] for f in data["findings"]}
    assert {"consistency.title_dates", "consistency.section_repeated", "sensitive.password"} <= codes
    first = data["findings"][0]
    assert set(first) == {"code", "severity", "where", "message", "advice", "path", "label"}
    assert {"part", "section", "paragraph", "excerpt", "text"} <= set(first["where"])


def test_check_docx(rendered, tmp_path):
    path = tmp_path / "002.docx"
    path.write_bytes(rendered["002"])
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert "[consistency.figure_mismatch]" in result.output


def test_only_warnings_exit_0(tmp_path):
    path = tmp_path / "004.yaml"
    path.write_text(plan_to_yaml(corrected("004", load_plan(SAMPLE_004))), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "WARNING" in result.output and "ERROR" not in result.output


def test_clean_plan_says_so(tmp_path):
    sample = next(p for p in SAMPLES if p.name.startswith("000"))
    path = tmp_path / "000.yaml"
    path.write_text(plan_to_yaml(corrected("000", load_plan(sample))), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 0 and "không phát hiện vấn đề" in result.output


def test_unreadable_files_exit_2(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    result = CliRunner().invoke(main, ["check", str(broken)])
    assert result.exit_code == 2 and "không đọc được" in result.output
    missing = CliRunner().invoke(main, ["check", str(tmp_path / "missing.yaml")])
    assert missing.exit_code == 2 and "không tìm thấy tệp" in missing.output
