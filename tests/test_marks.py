"""The secrecy and urgency stamps (Decree 30, Appendix I, ô 10a and 10b;
nd30-types.md, section 7): in the plan, printed under the number (and a
Công văn's V/v) in the left column, in a single-bordered frame as wide as the
decree sets (HỎA TỐC 30 mm, THƯỢNG KHẨN 40 mm, KHẨN 20 mm; 8 mm high),
capitals, Times New Roman 13, bold, bright red; the secrecy stamp above the
urgency stamp. The .docx stays valid (tests/test_ooxml_valid.py renders a
marked sample of each type) and converts to a PDF where the stamp is read
and seen in red."""

from __future__ import annotations

import io
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from pydantic import ValidationError

from docgen.document.context import build_context
from docgen.document.preview import preview_html
from docgen.document.render import render_plan
from docgen.plan import marks
from docgen.plan.files import load_plan
from docgen.plan.model import Plan
from docgen.plan.vocabulary import editor_lists

from .conftest import ROOT

TYPES = ROOT / "samples" / "types"
LETTER = TYPES / "cong_van_loc_hoa_so_lieu.yaml"
DECISION = TYPES / "quyet_dinh_gia_lai_ban_hanh_ke_hoach.yaml"
TITLED = ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"
MM = 56.7  # twips


def marked(path, **marks_set) -> Plan:
    return load_plan(path).model_copy(update=marks_set)


def number_cell(docx: bytes):
    """The header's left cell under the issuing body: ô 3, 5b, 10a, 10b."""
    document = Document(io.BytesIO(docx))
    return document, document.tables[0].cell(1, 0)


def stamps_of(docx: bytes) -> list[tuple[str, str]]:
    document, cell = number_cell(docx)
    return [(p.style.name, p.text) for p in cell.paragraphs if p.style.name.startswith(("DG Secrecy", "DG Urgency"))]


@pytest.mark.parametrize(("key", "printed", "width"), [
    ("khan", "KHẨN", 20), ("thuong_khan", "THƯỢNG KHẨN", 40), ("hoa_toc", "HỎA TỐC", 30)])
def test_urgency_stamp_is_a_red_bold_frame_of_the_decrees_width(key, printed, width):
    docx = render_plan(marked(LETTER, urgency=key))
    document, cell = number_cell(docx)
    texts = [p.text for p in cell.paragraphs]
    # under the number and the V/v line, nothing else in between
    assert texts[0].startswith("Số:") and texts[1].startswith("V/v") and texts[2] == printed
    stamp = cell.paragraphs[2]
    style = stamp.style
    assert style.name == f"DG Urgency {width}"
    assert style.font.bold and not style.font.italic
    assert style.font.name == "Times New Roman" and style.font.size.pt == 13
    assert str(style.font.color.rgb) == "FF0000"
    assert style.paragraph_format.alignment == 1  # centred
    borders = style.element.pPr.find(qn("w:pBdr"))
    edges = {edge.tag.split("}")[1]: edge.get(qn("w:val")) for edge in borders}
    assert edges == {"top": "single", "left": "single", "bottom": "single", "right": "single"}
    # the frame: the cell's width less both indents is the decree's width
    cell_width = int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w")))
    inner = cell_width - style.paragraph_format.left_indent.twips - style.paragraph_format.right_indent.twips
    assert abs(inner - width * MM) <= 2
    # 8 mm high: an exact line of 15 pt with 3 pt inside the border above and below
    assert style.paragraph_format.line_spacing.pt == 15


def test_secrecy_above_urgency_in_every_layout():
    for path in (LETTER, DECISION, TITLED):
        docx = render_plan(marked(path, secrecy="tuyet_mat", urgency="hoa_toc"))
        assert stamps_of(docx) == [("DG Secrecy", "TUYỆT MẬT"), ("DG Urgency 30", "HỎA TỐC")], path.name


def test_no_stamp_without_a_mark():
    for path in (LETTER, DECISION, TITLED):
        docx = render_plan(load_plan(path))
        assert stamps_of(docx) == []
        _, cell = number_cell(docx)
        # no empty paragraphs left behind by the template's conditions
        assert all(p.text.strip() for p in cell.paragraphs)


def test_each_secrecy_level_prints_its_words():
    for mark in marks.SECRECY:
        assert stamps_of(render_plan(marked(TITLED, secrecy=mark.key))) == [("DG Secrecy", mark.printed)]


def test_plan_refuses_an_unknown_level_naming_the_known_ones():
    data = load_plan(LETTER).model_dump(mode="json")
    with pytest.raises(ValidationError) as caught:
        Plan.model_validate({**data, "urgency": "rat_khan"})
    assert "khan" in str(caught.value) and "hoa_toc" in str(caught.value)
    plan = Plan.model_validate({**data, "urgency": "khan", "secrecy": "mat", "reply_by": "30/6/2025"})
    assert (plan.urgency, plan.secrecy, plan.reply_by.isoformat()) == ("khan", "mat", "2025-06-30")


def test_codes_of_the_levels_read_back():
    for mark in marks.URGENCY:
        assert marks.urgency_of_code(mark.code) == mark.key
    for mark in marks.SECRECY:
        assert marks.secrecy_of_code(mark.code) == mark.key
    assert marks.urgency_of_code(0) is None
    with pytest.raises(ValueError, match="độ khẩn mã 9"):
        marks.urgency_of_code(9)


def test_editor_offers_the_levels_by_their_vietnamese_names():
    lists = editor_lists()["marks"]
    assert [m["name"] for m in lists["urgency"]] == ["Khẩn", "Thượng khẩn", "Hỏa tốc"]
    assert [m["name"] for m in lists["secrecy"]] == ["Mật", "Tối mật", "Tuyệt mật"]


def test_preview_shows_the_stamps():
    html = preview_html(marked(LETTER, secrecy="mat", urgency="khan"))
    assert '<p class="doc-stamp">MẬT</p>' in html and '<p class="doc-stamp doc-stamp-20">KHẨN</p>' in html
    assert build_context(load_plan(LETTER))["marks"] == {"secrecy": None, "urgency": None, "urgency_width": 0}


def test_marked_letter_converts_and_shows_a_red_stamp(tmp_path):
    """LibreOffice prints the stamp's words and draws it in red in the left
    column, under the number (the page looked at once as an image)."""
    from PIL import Image

    from docgen.pdf import docx_to_pdf

    pdf = tmp_path / "khan.pdf"
    pdf.write_bytes(docx_to_pdf(render_plan(marked(LETTER, secrecy="mat", urgency="thuong_khan"))))
    text = subprocess.run(["pdftotext", "-layout", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    number = next(i for i, line in enumerate(lines) if line.startswith("Số:"))
    assert "MẬT" in lines[number + 1:number + 8] and "THƯỢNG KHẨN" in lines[number + 1:number + 8]
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    red = [(x, y) for x in range(page.width) for y in range(page.height // 3)
           if (lambda r, g, b: r > 200 and g < 80 and b < 80)(*page.getpixel((x, y)))]
    assert red, "no red on the top third of page 1"
    assert max(x for x, _ in red) < page.width / 2  # in the left column


def test_import_reads_the_stamps_back():
    """A marked document imported gives back its marks, and nothing else
    changes: the stamps are not read as lines of the issuing body."""
    from docgen.importing.importer import import_bytes

    for path in (LETTER, DECISION, TITLED):
        plain_plan = import_bytes(render_plan(load_plan(path)), "a.docx").plan
        plan = import_bytes(render_plan(marked(path, secrecy="toi_mat", urgency="hoa_toc")), "b.docx").plan
        assert (plan.secrecy, plan.urgency) == ("toi_mat", "hoa_toc")
        assert plan.model_copy(update={"secrecy": None, "urgency": None}) == plain_plan


def test_stamp_words_read_with_either_tone_placement():
    assert marks.read_stamp("HOẢ TỐC") == marks.read_stamp("HỎA TỐC") == ("urgency", "hoa_toc")
    assert marks.read_stamp("TỐI MẬT") == ("secrecy", "toi_mat")
    assert marks.read_stamp("XÃ LỘC HÒA") is None
