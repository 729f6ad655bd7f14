"""`docgen check` on Word files made the ways other producers make them
(tests/importing/foreign.py) and on the corpus's Word files
(tests/importing/corpus): no finding that is not one of the real deviations
from Decree 30 each file lists; and the shapes that raised false alarms
(a header in text boxes, typed with tabs, a one-page document, the "Lưu"
line) are read right."""

from __future__ import annotations

import io

import docx
import pytest
from docx.shared import Pt

from docgen.checks import check_docx
from docgen.checks.document import from_docx
from docgen.checks.layout import check_recipients
from docgen.checks.view import CheckedDocument

from ..importing import foreign
from ..importing.corpus import DOCUMENTS, FOREIGN_DEVIATIONS, contents, word_files


def _files():
    for document in DOCUMENTS:
        if document.kind == "docx":
            marks = [pytest.mark.slow] if document.needs_libreoffice else []
            yield pytest.param(document.name, document.data, document.deviations, id=document.name, marks=marks)
    for name, build in foreign.BUILDERS.items():
        marks = [pytest.mark.slow] if name in foreign.NEEDS_LIBREOFFICE else []
        yield pytest.param(f"foreign.{name}", build, FOREIGN_DEVIATIONS[name], id=f"foreign.{name}", marks=marks)


@pytest.mark.parametrize("name, build, deviations", _files())
def test_only_real_deviations_are_found(name, build, deviations):
    if ("libreoffice" in name) and not foreign.libreoffice_available():
        pytest.skip("LibreOffice (soffice) is not installed")
    found = {f"{f.code}: {f.message}" for f in check_docx(build()) if f.code not in deviations}
    assert found == set()


@pytest.mark.parametrize("builder", ["text_box_header", "vml_text_box_header", "group_shape_header"])
def test_a_header_in_text_boxes_is_found(builder):
    view = from_docx(word_files.BUILDERS[builder](contents.CAM_THANH))
    assert view.number_line == "Số: 08/KH-UBND" and view.date_line == contents.CAM_THANH.date_line
    assert view.header_lines == list(contents.CAM_THANH.issuer)
    assert {"nation", "motto", "number", "date", "issuer"} <= set(view.roles)
    assert all(p.in_text_box for p in view.roles["nation"] + view.roles["date"])


def test_a_tab_header_is_judged_piece_by_piece():
    """The number (upright, 13) and the date (italic, 14) share a line apart
    by a tab: each is judged on its own runs."""
    view = from_docx(word_files.tab_header(contents.HOA_PHONG))
    (number,), (date,) = view.roles["number"], view.roles["date"]
    assert {run.size for run in number.shown_runs} == {13} and all(run.italic for run in date.shown_runs)
    codes = {f.code for f in check_docx(word_files.tab_header(contents.HOA_PHONG))}
    assert not codes & {"layout.size", "layout.emphasis", "layout.national_name", "layout.motto"}


def test_a_date_that_is_not_italic_is_still_found_in_a_tab_header():
    found = [f for f in check_docx(foreign.header_as_paragraphs()) if f.code == "layout.emphasis"]
    assert [f.message for f in found] == ["địa danh, ngày tháng chưa in nghiêng"]


def _document(paragraphs: int) -> bytes:
    document = docx.Document()
    for _ in range(paragraphs):
        paragraph = document.add_paragraph("Nội dung kế hoạch được trình bày đầy đủ trong đoạn văn này. " * 4)
        for run in paragraph.runs:
            run.font.size = Pt(14)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("paragraphs, required", [(3, False), (40, True)])
def test_page_numbers_are_asked_for_from_page_two(paragraphs, required):
    codes = {f.code for f in check_docx(_document(paragraphs))}
    assert ("layout.page_numbers" in codes) == required


@pytest.mark.parametrize("lines, codes", [
    (["- Sở Y tế;", "- Lưu: VT, NC."], []),
    (["- Sở Y tế;", "- Lưu: VT, NC;"], ["layout.archive_line"]),  # the archive line ends with "."
    (["- Sở Y tế;", "- Lưu: VT.", "- Công an tỉnh;"], ["layout.archive_line"]),  # not last: moved, never ";"
    (["- Sở Y tế;", "- Công an tỉnh"], ["layout.archive_line"]),  # no archive line at all
])
def test_the_archive_line_ends_with_a_full_stop(lines, codes):
    view = CheckedDocument("docx", recipients_label="Nơi nhận:", recipients=lines)
    found = check_recipients(view)
    assert [f.code for f in found] == codes
    assert not any("Lưu" in f.advice and f.advice.rstrip("”").endswith(";") for f in found)
