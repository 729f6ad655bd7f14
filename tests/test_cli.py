"""The docgen command line."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from click.testing import CliRunner

from docgen.cli import main
from docgen.word import document_text

from .conftest import SAMPLES


def test_render_writes_the_docx(tmp_path):
    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(main, ["render", str(SAMPLES[2]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Trương Hải Long" in document_text(out.read_bytes())


def test_schema_is_json_schema_of_the_plan():
    result = CliRunner().invoke(main, ["schema"])
    schema = json.loads(result.output)
    assert {"header", "subject", "signer"} <= set(schema["required"])
    assert "Appendix" in schema["$defs"]


def test_invalid_file_gives_field_errors_and_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("header: {place: X, issuing_body: [A], date: {year: 2023, month: 14}}\nsubject: S\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["render", str(bad), "-o", str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    # Fields are named as the editor's form names them, never by path.
    assert "bad.yaml: Ngày ban hành – Tháng: phải nhỏ hơn hoặc bằng 12" in result.output
    assert "bad.yaml: Người ký: thiếu trường bắt buộc" in result.output
    assert "header.date" not in result.output
    assert not (tmp_path / "x.docx").exists()


def test_broken_yaml_says_where(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("header: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(bad)])
    assert result.exit_code == 2
    assert "dòng" in result.output and "không đọc được YAML" in result.output


def test_console_script_is_installed(tmp_path):
    out = tmp_path / "p.docx"
    done = subprocess.run([sys.executable, "-m", "docgen.cli", "render", str(SAMPLES[0]), "-o", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 10_000


def pdf_meta(path) -> str:
    return subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True).stdout


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (scripts/setup.sh installs it)")
def test_render_pdf_writes_the_pdf(tmp_path):
    out = tmp_path / "plan.pdf"
    result = CliRunner().invoke(main, ["render", str(SAMPLES[2]), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(b"%PDF-")
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+9$", info, re.M)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Trương Hải Long" in text
    assert "pdfaid" not in pdf_meta(out)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (scripts/setup.sh installs it)")
def test_render_pdf_a(tmp_path):
    out = tmp_path / "plan.pdf"
    result = CliRunner().invoke(main, ["render", str(SAMPLES[1]), "-o", str(out), "--pdf-a"])
    assert result.exit_code == 0, result.output
    assert "<pdfaid:part>2</pdfaid:part>" in pdf_meta(out)


def test_render_pdf_without_libreoffice_says_so(tmp_path, monkeypatch):
    from docgen import pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    out = tmp_path / "plan.pdf"
    result = CliRunner().invoke(main, ["render", str(SAMPLES[2]), "-o", str(out), "--pdf"])
    assert result.exit_code == 1
    assert "chưa cài LibreOffice" in result.output
    assert not out.exists()
