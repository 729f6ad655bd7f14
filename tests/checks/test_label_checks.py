"""``docgen check`` finds labels printed twice ("1. 1.", "I. I.", "a) a)",
"- -") in any .docx, hand-made ones included, and in Word's automatic
numbering followed by a typed number."""

from __future__ import annotations

import io

import docx
import pytest
from click.testing import CliRunner

from docgen.checks import check_docx, check_plan
from docgen.cli import main
from docgen.plan.model import Plan

CODE = "consistency.doubled_label"


def hand_made_docx() -> bytes:
    """A plan typed in Word by hand (python-docx, not docgen's template)."""
    document = docx.Document()
    for text in ["ỦY BAN NHÂN DÂN XÃ IA KHA", "KẾ HOẠCH", "Tuyên truyền định danh điện tử",
                 "I. I. MỤC ĐÍCH, YÊU CẦU", "1. 1. Mục đích", "- - Tuyên truyền rộng rãi",
                 "a) a) Hướng dẫn người dân cài đặt", "2. Yêu cầu", "- 1.000 hộ dân được hướng dẫn",
                 "3. 1.000 hộ dân kích hoạt", "II. NỘI DUNG", "1. a) Tổ chức ra quân"]:
        document.add_paragraph(text)
    document.add_paragraph("1. Cài đặt ứng dụng VNeID", style="List Number")  # Word numbers it too
    document.add_paragraph("Kích hoạt tài khoản mức 2", style="List Number")  # fine: nothing typed
    document.add_paragraph("- Hướng dẫn tích hợp giấy tờ", style="List Bullet")
    for text in ["Nơi nhận:", "- - UBND huyện;", "- Lưu: VT.", "CHỦ TỊCH", "Nguyễn Văn An"]:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def doubled(findings) -> list:
    return [f for f in findings if f.code == CODE]


def test_doubled_labels_in_a_hand_made_docx():
    found = doubled(check_docx(hand_made_docx()))
    lines = [f.line() for f in found]
    assert lines[:5] == [
        "ERROR Mục I (tiêu đề mục) «I. I. MỤC ĐÍCH, YÊU CẦU»: số mục in hai lần: “I. I.” — "
        "xóa “I.” thừa, chỉ để một số mục [consistency.doubled_label]",
        "ERROR Mục I, đoạn 1 «1. 1. Mục đích»: số thứ tự in hai lần: “1. 1.” — "
        "xóa “1.” thừa, chỉ để một số thứ tự [consistency.doubled_label]",
        "ERROR Mục I, đoạn 2 «- - Tuyên truyền rộng rãi»: gạch đầu dòng in hai lần: “- -” — "
        "xóa “-” thừa, chỉ để một gạch đầu dòng [consistency.doubled_label]",
        "ERROR Mục I, đoạn 3 «a) a) Hướng dẫn người dân cài đặt»: ký hiệu in hai lần: “a) a)” — "
        "xóa “a)” thừa, chỉ để một ký hiệu [consistency.doubled_label]",
        "ERROR Nơi nhận, dòng 1 «- - UBND huyện;»: gạch đầu dòng in hai lần: “- -” — "
        "xóa “-” thừa, chỉ để một gạch đầu dòng [consistency.doubled_label]",
    ]
    word = found[5:]
    assert [(f.where.section, f.where.paragraph, f.where.excerpt) for f in word] == [
        ("II", 2, "1. Cài đặt ứng dụng VNeID"), ("II", 4, "- Hướng dẫn tích hợp giấy tờ")]
    assert word[0].message == ("Word tự đánh số thứ tự cho đoạn này (“1.”) mà đầu đoạn còn gõ “1.”: "
                               "in ra “1. 1.”")
    assert "gạch đầu dòng" in word[1].message and "“-”" in word[1].message
    # Figures after a label, and two different labels, are not doubled labels.
    excerpts = {f.where.excerpt for f in found}
    assert not excerpts & {"- 1.000 hộ dân được hướng dẫn", "3. 1.000 hộ dân kích hoạt",
                           "1. a) Tổ chức ra quân", "Kích hoạt tài khoản mức 2", "2. Yêu cầu"}


def test_docgen_check_prints_them_and_exits_1(tmp_path):
    path = tmp_path / "tay.docx"
    path.write_bytes(hand_made_docx())
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.endswith(f"[{CODE}]")]
    assert len(lines) == 7
    assert lines[1].startswith("ERROR Mục I, đoạn 1 «1. 1. Mục đích»: số thứ tự in hai lần")


def test_our_rendered_samples_have_none(rendered):
    for number, data in rendered.items():
        assert doubled(check_docx(data)) == [], number


@pytest.mark.parametrize("text", ["1. 1. Đẩy mạnh tuyên truyền", "- - Hướng dẫn người dân"])
def test_a_paragraph_block_typed_with_two_labels(plans, text):
    """A paragraph prints as typed (no label is taken off it), so a plan can
    still carry a doubled label: the check of the plan finds it."""
    data = plans["002"].model_dump(mode="json")
    data["sections"][1]["blocks"].insert(0, {"kind": "paragraph", "text": text})
    found = doubled(check_plan(Plan.model_validate(data)))
    assert [(f.where.section, f.where.paragraph, f.where.excerpt) for f in found] == [("II", 1, text)]


def numbered_by_word(fmt: str, level_text: str, typed: str) -> bytes:
    """A .docx whose one body paragraph Word numbers itself (``fmt``,
    ``level_text``: upperRoman "%1.", lowerLetter "%1)") and that starts
    with ``typed``."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{level_text}"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for text in ["KẾ HOẠCH", "Tuyên truyền định danh điện tử", "I. MỤC ĐÍCH, YÊU CẦU"]:
        document.add_paragraph(text)
    paragraph = document.add_paragraph(typed)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
    assert paragraph._p.pPr.find(qn("w:numPr")) is not None
    for text in ["Nơi nhận:", "- Lưu: VT.", "CHỦ TỊCH", "Nguyễn Văn An"]:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("fmt, level_text, typed, message", [
    ("lowerLetter", "%1)", "a) Hướng dẫn người dân",
     "Word tự đánh ký hiệu cho đoạn này (“a)”) mà đầu đoạn còn gõ “a)”: in ra “a) a)”"),
    ("decimal", "%1)", "1) Công an xã", "Word tự đánh ký hiệu cho đoạn này (“1)”) mà đầu đoạn còn gõ “1)”: "
                                         "in ra “1) 1)”"),
    ("upperRoman", "%1.", "II. Nội dung", "Word tự đánh số mục cho đoạn này (“I.”) mà đầu đoạn còn gõ “II.”: "
                                          "in ra “I. II.”"),
    ("lowerLetter", "%1)", "Hướng dẫn người dân", None),  # nothing typed: one label
    ("lowerLetter", "%1)", "1.000 hộ dân được hướng dẫn", None),  # a figure
])
def test_word_numbering_and_a_typed_label(fmt, level_text, typed, message):
    found = doubled(check_docx(numbered_by_word(fmt, level_text, typed)))
    assert [f.message for f in found] == ([message] if message else [])
