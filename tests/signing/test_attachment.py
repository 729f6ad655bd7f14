"""A separate attached file (an appendix issued as its own PDF) gets the
organisation's signature as Decree 30 says: no image, a text block in the
top right corner of its first page with the organisation, the number and
symbol of the document, the time in ISO 8601 (`docgen sign --as attachment`)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from docgen.signing.identities import for_unit
from docgen.signing.sign import FIELDS, sign_pdf, signature_fields
from docgen.signing.verify import trusted_roots, verify_pdf

from .conftest import ROOT, WHEN, needs_office

pytestmark = [needs_office, pytest.mark.slow]


def test_the_attachment_gets_a_text_block_top_right(sample_pdfs, secrets, ca_folder, tmp_path):
    signed = sign_pdf(sample_pdfs["000"], for_unit("UBND xã Lộc Tấn", secrets), "attachment", WHEN,
                      number="05/KH-UBND")
    [report] = verify_pdf(signed, trusted_roots([ca_folder / "ca.pem"]))
    assert report.ok and report.field == FIELDS["attachment"]
    page, (x0, y0, x1, y1) = signature_fields(signed)[FIELDS["attachment"]]
    assert page == 0 and x1 > 540 and y1 > 800 and x0 > 595 / 2  # A4: the top right corner
    path = tmp_path / "phu-luc.pdf"
    path.write_bytes(signed)
    text = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(path), "-"], capture_output=True,
                          text=True).stdout
    assert "05/KH-UBND" not in text  # drawn in the signature's appearance, not the page's text
    pdf_in = tmp_path / "in.pdf"
    pdf_in.write_bytes(sample_pdfs["000"])
    result = subprocess.run(
        [sys.executable, "-c", "from docgen.cli import main; main()", "sign", str(pdf_in), "--as",
         "attachment", "--unit", "UBND xã Lộc Tấn", "--number", "05/KH-UBND", "-o",
         str(tmp_path / "out.pdf")], capture_output=True, text=True, cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DOCGEN_SIGNING_SECRETS": str(secrets.path)})
    assert result.returncode == 0, result.stderr
    assert FIELDS["attachment"] in signature_fields((tmp_path / "out.pdf").read_bytes())
