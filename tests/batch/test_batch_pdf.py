"""``docgen batch --pdf``: each plan's PDF beside its .docx in the ZIP."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from docgen.cli import main

from .helpers import TEMPLATE_XA, UNITS_CSV, open_zip, read_csv_member

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None,
                                reason="LibreOffice not installed (scripts/setup.sh installs it)")


def test_cli_batch_pdf_puts_a_pdf_beside_each_docx(tmp_path):
    output = tmp_path / "plans.zip"
    result = CliRunner().invoke(main, ["batch", str(TEMPLATE_XA), str(UNITS_CSV), "-o", str(output), "--pdf"])
    assert result.exit_code == 0, result.output
    archive = open_zip(output.read_bytes())
    names = archive.namelist()
    documents = sorted(n for n in names if n.endswith(".docx"))
    assert len(documents) == 4
    assert sorted(n for n in names if n.endswith(".pdf")) == [d.removesuffix(".docx") + ".pdf" for d in documents]
    manifest = read_csv_member(archive, "manifest.csv")
    for document in documents:
        unit = next(row[1] for row in manifest[1:] if row[2] == document)
        path = tmp_path / "unit.pdf"
        path.write_bytes(archive.read(document.removesuffix(".docx") + ".pdf"))
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        assert unit.upper() in text.upper()  # the unit's own plan, not another's


def test_cli_batch_pdf_without_libreoffice_stops_with_the_reason(tmp_path, monkeypatch):
    from docgen import pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    output = tmp_path / "plans.zip"
    result = CliRunner().invoke(main, ["batch", str(TEMPLATE_XA), str(UNITS_CSV), "-o", str(output), "--pdf"])
    assert result.exit_code == 2
    assert "chưa cài LibreOffice" in result.output
    assert not output.exists()
