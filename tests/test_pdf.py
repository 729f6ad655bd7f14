"""LibreOffice opens every sample and converts it to PDF with the expected
pages, by the warm converter and by the cold path alike."""

from __future__ import annotations

import shutil
import re
import subprocess

import pytest

from docgen.pdf import cold, docx_to_pdf

from .conftest import SAMPLES, sample_id

IDS = [sample_id(p) for p in SAMPLES]
pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (scripts/setup.sh installs it)")


# Pages of each sample's PDF (A4, Times New Roman 14 pt, Liberation Serif 2).
PAGES = {"000": 8, "001": 5, "002": 9, "003": 6, "004": 8}


@pytest.fixture(scope="module")
def pdfs(rendered, tmp_path_factory):
    """Every sample converted by docgen's own converter (docgen.pdf: the warm one)."""
    folder = tmp_path_factory.mktemp("pdf")
    for number, docx in rendered.items():
        (folder / f"{number}.pdf").write_bytes(docx_to_pdf(docx))
    return folder


@pytest.fixture(scope="module")
def cold_pdfs(rendered, tmp_path_factory):
    """Every sample converted by the cold path (one soffice --convert-to each)."""
    folder = tmp_path_factory.mktemp("cold-pdf")
    for number, docx in rendered.items():
        (folder / f"{number}.pdf").write_bytes(cold.convert(docx, archive=False, timeout=120))
    return folder


def pdf_font_families(path) -> set[str]:
    """The font families a PDF embeds, as `pdffonts` lists them, without the
    subset prefix and the style ("BAAAAA+LiberationSerif-Bold" -> "LiberationSerif")."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    names = [line.split()[0] for line in out.splitlines()[2:] if line.strip()]
    return {name.split("+", 1)[-1].split("-", 1)[0] for name in names}


@pytest.mark.parametrize("number", IDS)
def test_one_font_family_for_every_vietnamese_letter(pdfs, cold_pdfs, number):
    """Times New Roman is drawn with Liberation Serif 2.x (every Vietnamese
    letter); with Liberation 1.07 LibreOffice drew ế ổ ủ in DejaVu Serif.
    Warm and cold conversions both run with docgen's fontconfig."""
    assert pdf_font_families(pdfs / f"{number}.pdf") == {"LiberationSerif"}
    assert pdf_font_families(cold_pdfs / f"{number}.pdf") == {"LiberationSerif"}


@pytest.mark.parametrize("number", IDS)
def test_expected_page_count(pdfs, cold_pdfs, number):
    assert int(pdf_info(pdfs / f"{number}.pdf")["Pages"]) == PAGES[number]
    assert int(pdf_info(cold_pdfs / f"{number}.pdf")["Pages"]) == PAGES[number]


def pdf_info_text(out: str) -> dict[str, str]:
    return {k.strip(): v.strip() for k, v in (line.split(":", 1) for line in out.splitlines() if ":" in line)}


def pdf_info(path) -> dict[str, str]:
    return pdf_info_text(subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout)


def pdf_text(path, first: int, last: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("number", IDS)
def test_converts_to_a4_pdf(pdfs, number):
    pdf = pdfs / f"{number}.pdf"
    assert pdf.exists()
    info = pdf_info(pdf)
    assert int(info["Pages"]) >= 2
    width, height = (float(x) for x in info["Page size"].split("pts")[0].split("x"))
    assert (round(width), round(height)) == (595, 842)
    first = pdf_text(pdf, 1, 1)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first and "KẾ HOẠCH" in first
    # page 1 carries no number; page 2 starts with "2"
    assert pdf_text(pdf, 2, 2).strip().startswith("2")


def test_appendix_page_is_landscape_and_restarts_numbering(pdfs):
    pdf = pdfs / "002.pdf"
    pages = int(pdf_info(pdf)["Pages"])
    last = subprocess.run(["pdfinfo", "-f", str(pages), "-l", str(pages), str(pdf)],
                          capture_output=True, text=True, check=True).stdout
    size = re.search(r"size:\s*([\d.]+) x ([\d.]+) pts", last)
    assert size, last
    width, height = float(size.group(1)), float(size.group(2))
    assert (round(width), round(height)) == (842, 595)
    text = pdf_text(pdf, pages, pages)
    assert "PHỤ LỤC" in text and "8.769" in text


@pytest.mark.parametrize("number", IDS)
def test_signature_page_carries_the_end_of_the_body(pdfs, number):
    """The recipients and the signature never stand alone on a page: the
    body's last paragraph keeps with them (a records clerk sends back a draft
    whose last page holds only the signature)."""
    pdf = pdfs / f"{number}.pdf"
    pages = int(pdf_info(pdf)["Pages"])
    for page in range(1, pages + 1):
        text = pdf_text(pdf, page, page)
        if "Nơi nhận" in text:
            before = text.split("Nơi nhận")[0]
            lines = [line for line in before.splitlines() if line.strip() and not line.strip().isdigit()]
            assert len(lines) >= 2, f"page {page} of {number}: {before!r}"
            return
    pytest.fail(f"no page of {number} holds Nơi nhận")
