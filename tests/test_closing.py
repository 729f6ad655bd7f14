"""The closing (Đoạn kết, issue 20): "Trên đây là Kế hoạch … của …; đề nghị
… triển khai thực hiện./." after the last section and before "Nơi nhận".
The plan keeps it in ``closing``, not in the last section, so a section
added later prints before it: in the model, the .docx and the preview, the
import (pasted text and a .docx made here from made-up text), the checks,
the review's diff and the report derived from a plan."""

from __future__ import annotations

import dataclasses
import io

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from docgen import doctypes
from docgen.vietnamese import vn
from docgen.checks import check_plan
from docgen.checks.docx_view import from_docx
from docgen.document.preview import preview_html
from docgen.document.render import render_plan
from docgen.importing.from_text import read_text
from docgen.importing.importer import import_bytes
from docgen.importing.parse import parse_source
from docgen.plan.labels import field_label
from docgen.plan.model import Plan, Section
from docgen.plan.references import TAG
from docgen.plan.files import PlanFileError, parse_plan_data
from docgen.reports.derive import report_from
from docgen.review.diff import plan_parts

from .importing import pasted
from .importing.corpus import word_files
from .importing.corpus.contents import DONG_HOA_DECISION, QUANG_NGAI

CLOSING = ["Trên đây là Kế hoạch thực hiện cao điểm của UBND tỉnh Gia Lai; đề nghị các cơ quan, đơn vị, địa "
           "phương **nghiêm túc** triển khai thực hiện.",
           "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, báo cáo về Công an tỉnh để tổng hợp./."]
PRINTED = [text.replace("**", "") for text in CLOSING]


def with_closing(plan: Plan, closing=CLOSING, **changes) -> Plan:
    data = plan.model_dump(mode="json", exclude_none=True)
    data.update(closing=list(closing), **changes)
    return Plan.model_validate(data)


def body_texts(data: bytes) -> list[str]:
    """The paragraphs between the header's table and the table of Nơi nhận
    and signer: the title, subject and body."""
    document = docx.Document(io.BytesIO(data))
    out, tables = [], 0
    for element in document.element.body:
        if element.tag == qn("w:tbl"):
            tables += 1
            if tables == 2:
                break
        elif element.tag == qn("w:p"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t"))).strip()
            if text:
                out.append(text)
    return out


@pytest.fixture(scope="module")
def plan(plans) -> Plan:
    return with_closing(plans["002"])


# --- the model ------------------------------------------------------------------------------------


def test_the_types_whose_layout_has_a_closing():
    having = {kind.key for kind in doctypes.ALL.values() if kind.has("closing")}
    assert having == {kind.key for kind in doctypes.ALL.values()
                      if kind.layout == "titled" and kind.has("sections") and kind.section_style == "roman"}
    for kind in doctypes.ALL.values():  # the editor shows "Đoạn kết" right after the sections
        groups = kind.editor_groups
        assert ("closing" in groups) == kind.has("closing")
        if kind.has("closing"):
            assert groups[groups.index("sections") + 1] == "closing"


def test_the_closing_is_cleaned_as_other_texts(plans):
    plan = with_closing(plans["002"], ["Tre\u0302n đây là\u0007 Kế hoạch./.", ""])
    assert plan.closing == ["Trên đây là Kế hoạch./.", ""]  # NFC, no control character; a blank kept as typed
    assert plans["002"].closing == []  # optional


def test_a_type_without_a_closing_refuses_one_at_its_field(plans):
    decision = plans["002"].model_dump(mode="json", exclude_none=True)
    decision = {key: value for key, value in decision.items() if key not in ("sections", "appendices", "campaign")}
    decision.update(type=[t.key for t in doctypes.ALL.values() if t.decider][0], decider="CHỦ TỊCH",
                    articles=[{"kind": "article", "text": "Quyết định này có hiệu lực kể từ ngày ký./."}])
    decision["header"].pop("symbol")
    parse_plan_data({**decision, "closing": ["", " "]}, "test")  # blank paragraphs are no closing
    with pytest.raises(PlanFileError) as raised:
        parse_plan_data({**decision, "closing": ["Trên đây là …"]}, "test")
    [error] = raised.value.errors
    assert error.path == "closing" and "không có phần “đoạn kết”" in error.message
    assert field_label("closing.1") == "Đoạn kết 2" and field_label("closing") == "Đoạn kết"


def test_a_paragraph_too_long_is_an_error_at_its_paragraph(plans):
    with pytest.raises(PlanFileError) as raised:
        parse_plan_data({**plans["002"].model_dump(mode="json", exclude_none=True),
                         "closing": ["Trên đây là", "x" * 20_001]}, "test")
    assert [error.path for error in raised.value.errors] == ["closing.1"]


# --- the .docx and the preview --------------------------------------------------------------------


def test_printed_after_the_last_section_as_body_paragraphs(plan):
    data = render_plan(plan)
    lines = body_texts(data)
    last = plan.sections[-1].blocks[-1].text
    at = lines.index(PRINTED[0])
    assert lines[at - 1] == last and lines[at:] == PRINTED  # nothing after it in the body: Nơi nhận comes next
    document = docx.Document(io.BytesIO(data))
    paragraphs = {p.text.strip(): p for p in document.paragraphs}
    closing, body = paragraphs[PRINTED[0]], paragraphs[last]
    assert closing.style.name == body.style.name == "DG Body"
    style = closing.style
    assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert style.paragraph_format.first_line_indent.cm == pytest.approx(1.27, abs=0.01)
    assert style.font.size == Pt(14) and style.font.name == "Times New Roman"
    assert closing.paragraph_format.first_line_indent is None  # the style's, as every body paragraph
    assert [run.text for run in closing.runs if run.bold] == ["nghiêm túc"]
    tables = document.element.body.findall(".//{*}tbl")
    footer = tables[-1]  # Nơi nhận beside the signer, after the closing
    assert list(document.element.body).index(closing._p) < list(document.element.body).index(footer)


def test_a_section_added_after_prints_before_the_closing(plan):
    data = plan.model_dump(mode="json", exclude_none=True)
    data["sections"].append({"title": "KINH PHÍ", "blocks": [{"kind": "paragraph", "text": "Từ ngân sách tỉnh."}]})
    lines = body_texts(render_plan(Plan.model_validate(data)))
    heading = f"{vn.roman(len(data['sections']))}. KINH PHÍ"
    assert lines.index(heading) < lines.index("Từ ngân sách tỉnh.") < lines.index(PRINTED[0])
    assert lines[-2:] == PRINTED


def test_the_preview_shows_it_before_the_recipients(plan):
    html = preview_html(plan)
    closing = html.index("Trên đây là Kế hoạch thực hiện cao điểm")
    assert html.rindex('<p class="doc-section">', 0, closing) > 0
    assert closing < html.index('class="doc-footer"')
    assert '<p class="doc-body">Trên đây là' in html and "<strong>nghiêm túc</strong>" in html


def test_a_blank_closing_paragraph_prints_nothing(plans):
    lines = body_texts(render_plan(with_closing(plans["002"], ["", "  "])))
    assert lines == body_texts(render_plan(plans["002"]))


# --- import ---------------------------------------------------------------------------------------


def _pasted(closing: str) -> str:
    return pasted.GIA_LAI.replace("\r\nNơi nhận:", f"\r\n{closing}\r\n\r\nNơi nhận:")


def test_pasted_text_closing_lands_in_closing():
    text = _pasted("Trên đây là Kế hoạch thực hiện cao điểm “50 ngày, đêm” của UBND tỉnh Gia Lai; đề nghị\r\n"
                   "các cơ quan, đơn vị triển khai thực hiện.\r\n\r\n"
                   "Trong quá trình thực hiện, nếu có vướng mắc, báo cáo về Công an tỉnh./.")
    plan = parse_source(read_text(text)).plan
    assert plan.closing == [
        "Trên đây là Kế hoạch thực hiện cao điểm “50 ngày, đêm” của UBND tỉnh Gia Lai; đề nghị các cơ quan, "
        "đơn vị triển khai thực hiện.",
        "Trong quá trình thực hiện, nếu có vướng mắc, báo cáo về Công an tỉnh./."]
    last = plan.sections[-1].blocks[-1]
    assert last.kind == "unit" and last.name == "Ban Tuyên giáo Tỉnh ủy"
    assert "Trên đây" not in " ".join(str(block) for block in plan.sections[-1].blocks)


@pytest.mark.parametrize("content", [
    # it announces what follows: the section's own content
    "Trên đây là những nhiệm vụ trọng tâm, cụ thể như sau:\r\n\r\n1. Tổ chức hội nghị triển khai.",
    # items follow it: content it introduces
    "Trên đây là các nhiệm vụ chung, ngoài ra:\r\n- Tổ chức hội nghị triển khai.",
    "Trên đây là các nhiệm vụ chung; các đơn vị còn:\r\n\r\n- Tổ chức hội nghị triển khai./.",
    # other words: not a closing
    "Các đơn vị triển khai thực hiện nghiêm túc Kế hoạch này./.",
])
def test_a_sections_own_content_is_not_taken(content):
    plan = parse_source(read_text(_pasted(content))).plan
    assert plan.closing == []
    shown = " ".join(str(block) for block in plan.sections[-1].blocks)
    assert content.split("\r\n")[0].split(",")[0] in shown


@pytest.mark.parametrize("build", [word_files.header_table, word_files.list_numbering],
                         ids=["typed-numbers", "word-lists"])
def test_a_docx_closing_lands_in_closing_and_a_new_section_comes_before_it(build):
    closing = ("Trên đây là Kế hoạch triển khai Tháng hành động vì an toàn thực phẩm năm 2025 của UBND tỉnh "
               "Quảng Ngãi; đề nghị các sở, ngành, địa phương triển khai thực hiện.",
               "Trong quá trình thực hiện, nếu có vướng mắc, phản ánh về Sở Y tế để tổng hợp./.")
    content = dataclasses.replace(QUANG_NGAI, body=QUANG_NGAI.body + tuple(("paragraph", None, t) for t in closing))
    result = import_bytes(build(content), "ke-hoach.docx")
    plan = result.plan
    assert plan.closing == list(closing)
    assert [s.title for s in plan.sections] == ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG THỰC HIỆN", "TỔ CHỨC THỰC HIỆN"]
    last = plan.sections[-1].blocks[-1]
    assert (last.kind, last.name, last.tasks) == (
        "unit", "UBND các huyện, thị xã, thành phố", ["Xây dựng kế hoạch của địa phương và tổ chức thực hiện./."])
    # the clerk adds a section in the editor: it prints before the closing
    added = plan.model_copy(update={"sections": plan.sections + [
        Section(title="KINH PHÍ THỰC HIỆN", blocks=[{"kind": "paragraph", "text": "Từ ngân sách tỉnh năm 2025."}])]})
    lines = body_texts(render_plan(added))
    assert lines.index("IV. KINH PHÍ THỰC HIỆN") < lines.index("Từ ngân sách tỉnh năm 2025.") < lines.index(closing[0])
    assert lines[-2:] == list(closing)
    # and it comes back where it was
    assert import_bytes(render_plan(added), "lai.docx").plan.closing == list(closing)


# --- checks, review, reports ----------------------------------------------------------------------


def test_the_checks_read_the_closing_and_point_to_its_field(plans):
    plan = with_closing(plans["002"], ["Trên đây là Kế hoạch số …/KH-UBND của UBND tỉnh Gia Lai./."])
    gaps = [f for f in check_plan(plan) if f.code == "content.to_fill"]
    assert [(f.path, f.label) for f in gaps] == [("closing.0", "Đoạn kết 1")]
    assert str(gaps[0].where).startswith("Đoạn kết, đoạn 1")


def test_a_docx_read_for_the_checks_has_the_closing_as_its_part(plan):
    view = from_docx(render_plan(plan))
    closing = [p for p in view.body if p.part == "closing"]
    assert [p.text for p in closing] == PRINTED and [p.index for p in closing] == [1, 2]
    assert view.body[-2:] == closing
    findings = check_plan(plan.model_copy(update={"closing": [CLOSING[0] + " …"]}), None)
    assert [f.path for f in findings if f.code == "content.to_fill"] == ["closing.0"]


def test_the_closing_ends_the_body_for_the_end_mark_check(plans):
    plan = with_closing(plans["002"], ["Trên đây là Kế hoạch của UBND tỉnh Gia Lai."])
    ends = [f for f in check_plan(plan) if f.code == "layout.body_end"]
    assert [f.path for f in ends] == ["closing.0"]


def test_the_review_diff_has_the_closing_as_its_own_part(plan, plans):
    parts = {key: (title, lines) for key, title, lines in plan_parts(plan)}
    assert parts["closing"] == ("Đoạn kết", PRINTED)
    assert not any("Trên đây" in line for key, (_, lines) in parts.items() if key.startswith("section-")
                   for line in lines)
    assert ("closing", "Đoạn kết", []) in plan_parts(plans["002"])  # none: an empty part, as the diff compares


def test_a_derived_report_closes_in_closing_with_the_tag(plans):
    report = report_from(plans["002"])
    assert report.closing == [f"Trên đây là báo cáo của UBND tỉnh Gia Lai về kết quả thực hiện {TAG}./."]
    assert not any(TAG in block.text for block in report.sections[-1].blocks if hasattr(block, "text"))
    lines = body_texts(render_plan(report))
    assert lines[-1] == ("Trên đây là báo cáo của UBND tỉnh Gia Lai về kết quả thực hiện Kế hoạch số 2314/KH-UBND "
                         "ngày 29/8/2023 của UBND tỉnh Gia Lai./.")
    assert lines[-2] == "…"  # section III's proposals to fill, before it


def test_the_plan_a_decision_issues_keeps_its_closing_in_its_last_section():
    """A decision's attached text has no closing of its own: nothing read is lost, and the checks of the
    .docx find the paragraph where the plan prints it."""
    closing = "Trên đây là Kế hoạch của UBND phường; đề nghị các đơn vị triển khai thực hiện./."
    content = dataclasses.replace(DONG_HOA_DECISION,
                                  body=DONG_HOA_DECISION.body + (("paragraph", None, closing),))
    plan = import_bytes(word_files.decision_issuing(content), "quyet-dinh.docx").plan
    assert plan.closing == [] and plan.attached.sections[-1].blocks[-1].text == closing
    assert not [f for f in check_plan(plan, render_plan(plan)) if f.path.startswith("closing")]
    view = from_docx(render_plan(plan))
    [para] = [p for p in view.body if p.text == closing]
    assert para.part == "section"  # the attached text's last section, as the plan has it
