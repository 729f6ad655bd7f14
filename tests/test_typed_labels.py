"""Labels the clerk types that the document prints itself (issue 15, item 2):
taken off in the model, reported as notices, never printed twice; blank
blocks not printed at all."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.word import document_text, paragraphs
from docgen.vietnamese.typed_labels import doubled_label, split_labels
from docgen.plan.model import Plan
from docgen.plan.files import label_notices
from docgen.document.render import render_plan


def plan_data(blocks, title="MỤC ĐÍCH, YÊU CẦU", **section) -> dict:
    return {
        "header": {"issuing_body": ["ỦY BAN NHÂN DÂN", "XÃ IA KHA"], "place": "Ia Kha",
                   "date": {"year": 2025, "month": 3, "day": 2}},
        "subject": "Kế hoạch tuyên truyền định danh điện tử",
        "sections": [{"title": title, "blocks": blocks, **section}],
        "signer": {"authority": ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], "name": "Nguyễn Văn An"},
    }


def body_lines(plan: Plan) -> list[str]:
    """The rendered .docx's paragraphs from the section heading to "Nơi nhận:"."""
    texts = [p.text for p in paragraphs(render_plan(plan))]
    start = next(i for i, t in enumerate(texts) if t.startswith("I. "))
    end = texts.index("Nơi nhận:")
    return texts[start:end]


# --- the label shapes -------------------------------------------------------------------

SPLITS = [
    # (text, where, labels taken off, text kept)
    ("I. MỤC ĐÍCH, YÊU CẦU", "section", "I.", "MỤC ĐÍCH, YÊU CẦU"),
    ("IV. TỔ CHỨC THỰC HIỆN", "section", "IV.", "TỔ CHỨC THỰC HIỆN"),
    ("XIV.NHIỆM VỤ", "section", "XIV.", "NHIỆM VỤ"),
    ("I. I. MỤC ĐÍCH", "section", "I. I.", "MỤC ĐÍCH"),
    ("1. MỤC ĐÍCH", "section", "1.", "MỤC ĐÍCH"),
    ("D. NỘI DUNG", "section", "", "D. NỘI DUNG"),  # a letter, not a numeral plans use
    ("VNeID TRONG NHÂN DÂN", "section", "", "VNeID TRONG NHÂN DÂN"),
    ("1. Mục đích", "heading", "1.", "Mục đích"),
    ("1.Mục đích", "heading", "1.", "Mục đích"),
    ("3.1. Tuyên truyền", "heading", "3.1.", "Tuyên truyền"),
    ("2.3.1. Kiểm tra", "heading", "2.3.1.", "Kiểm tra"),
    ("1. 1. Mục đích", "heading", "1. 1.", "Mục đích"),
    ("30 ngày đêm cao điểm", "heading", "", "30 ngày đêm cao điểm"),
    ("1.000 hộ dân được hướng dẫn", "heading", "", "1.000 hộ dân được hướng dẫn"),
    ("2.5 triệu tài khoản", "heading", "", "2.5 triệu tài khoản"),
    ("15/3/2025 bắt đầu", "heading", "", "15/3/2025 bắt đầu"),
    ("2025. Năm chuyển đổi số", "heading", "", "2025. Năm chuyển đổi số"),
    ("Mục đích", "heading", "", "Mục đích"),
    ("a) Tuyên truyền", "item", "a)", "Tuyên truyền"),
    ("đ) Kiểm tra", "item", "đ)", "Kiểm tra"),
    ("(1) Công an xã", "item", "(1)", "Công an xã"),
    ("1) Công an xã", "item", "1)", "Công an xã"),
    ("a)a) Tuyên truyền", "item", "a) a)", "Tuyên truyền"),
    ("(2025) là năm", "item", "", "(2025) là năm"),
    ("- Tuyên truyền", "bullet", "-", "Tuyên truyền"),
    ("-Tuyên truyền", "bullet", "-", "Tuyên truyền"),
    ("- - Tuyên truyền", "bullet", "- -", "Tuyên truyền"),
    ("+ Hướng dẫn", "bullet", "+", "Hướng dẫn"),
    ("• Hướng dẫn", "bullet", "•", "Hướng dẫn"),
    ("– Hướng dẫn", "bullet", "–", "Hướng dẫn"),
    ("-5% so với cùng kỳ", "bullet", "", "-5% so với cùng kỳ"),
    ("+84 236 3822 111 là số trực ban", "bullet", "", "+84 236 3822 111 là số trực ban"),
    ("**Lưu ý:** mang theo CCCD", "bullet", "", "**Lưu ý:** mang theo CCCD"),
    ("-", "bullet", "-", ""),
    ("\u0661. نص", "heading", "", "\u0661. نص"),  # an Arabic-Indic digit is no label docgen prints
    ("  2. Yêu cầu", "heading", "2.", "Yêu cầu"),
]


@pytest.mark.parametrize("text, where, labels, kept", SPLITS)
def test_split_labels(text, where, labels, kept):
    assert split_labels(text, where) == (labels, kept)


def test_fast_path_knows_every_first_character_of_a_label():
    """split_labels skips the regular expressions for a text whose first
    character cannot start a label: that set must hold every one that can."""
    import re

    from docgen.vietnamese.typed_labels import _LABEL_STARTS, LABEL_SHAPES

    for pattern in LABEL_SHAPES.values():
        for code in range(0x20, 0x3000):
            char = chr(code)
            if any(re.match(pattern, char + tail) for tail in ("1.", ")", ".", "", "I.")):
                assert char in _LABEL_STARTS, (pattern, char)


DOUBLED = [
    ("1. 1. Mục đích", ("1.", "1.")),
    ("I. I. MỤC ĐÍCH, YÊU CẦU", ("I.", "I.")),
    ("a) a) Tuyên truyền", ("a)", "a)")),
    ("- - Tuyên truyền", ("-", "-")),
    ("+ + Hướng dẫn", ("+", "+")),
    ("1. 2. Nội dung", ("1.", "2.")),
    ("(1) (1) Công an", ("(1)", "(1)")),
    ("1. Mục đích", None),
    ("1. 1.000 hộ dân", None),
    ("I. 1. MỤC ĐÍCH", None),  # two different labels
    ("1. a) Tuyên truyền", None),
    ("30 ngày, đêm", None),
    ("Thời gian: 1. 1. 2025", None),  # not at the start
]


@pytest.mark.parametrize("text, found", DOUBLED)
def test_doubled_label(text, found):
    assert doubled_label(text) == found


# --- in the model, and in the document ---------------------------------------------------


def test_typed_section_and_heading_numbers_print_once():
    plan = Plan.model_validate(plan_data(
        [{"kind": "heading", "title": "1. Mục đích"}, "- Tuyên truyền rộng rãi",
         {"kind": "heading", "title": "2. Yêu cầu"}, {"kind": "bullet", "text": "- Đúng tiến độ"}],
        title="I. MỤC ĐÍCH, YÊU CẦU"))
    assert plan.sections[0].title == "MỤC ĐÍCH, YÊU CẦU"
    assert plan.sections[0].blocks[0].title == "Mục đích"
    lines = body_lines(plan)
    assert lines == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "- Tuyên truyền rộng rãi",
                     "2. Yêu cầu", "- Đúng tiến độ"]
    text = document_text(render_plan(plan))
    assert text.count("MỤC ĐÍCH, YÊU CẦU") == 1 and "I. I." not in text and "1. 1." not in text


EVERY_KIND = [
    ({"kind": "heading", "title": "1. Mục đích"}, "title", "Mục đích", "1. Mục đích"),
    ({"kind": "heading", "title": "2. Thời gian:", "text": "từ 01/9/2023"}, "title", "Thời gian:",
     "1. Thời gian: từ 01/9/2023"),
    ({"kind": "subheading", "title": "1.1. Tuyên truyền", "number": "1.1."}, "title", "Tuyên truyền",
     "1.1. Tuyên truyền"),
    ({"kind": "numbered", "text": "1. Đẩy mạnh tuyên truyền"}, "text", "Đẩy mạnh tuyên truyền",
     "1. Đẩy mạnh tuyên truyền"),
    ({"kind": "item", "label": "a)", "text": "a) Hướng dẫn"}, "text", "Hướng dẫn", "a) Hướng dẫn"),
    ({"kind": "item", "label": "(1)", "text": "(1) Công an xã"}, "text", "Công an xã", "(1) Công an xã"),
    ({"kind": "item", "label": "*", "text": "* Lưu ý"}, "text", "Lưu ý", "* Lưu ý"),
    ({"kind": "bullet", "text": "• Tuyên truyền"}, "text", "Tuyên truyền", "- Tuyên truyền"),
    ({"kind": "subbullet", "text": "+ Hướng dẫn"}, "text", "Hướng dẫn", "+ Hướng dẫn"),
    ({"kind": "subbullet", "text": "- Hướng dẫn"}, "text", "Hướng dẫn", "+ Hướng dẫn"),
    ({"kind": "unit", "name": "1. Công an xã", "tasks": ["Chủ trì"]}, "name", "Công an xã",
     "1. Công an xã"),
]


@pytest.mark.parametrize("block, field, kept, printed", EVERY_KIND)
def test_every_kind_stores_its_text_without_the_label(block, field, kept, printed):
    data = plan_data([block])
    plan = Plan.model_validate(data)
    assert getattr(plan.sections[0].blocks[0], field) == kept
    assert body_lines(plan)[1] == printed
    [notice] = label_notices(data)
    assert notice.path == f"sections.0.blocks.0.{field}" and notice.value == kept


def test_figures_and_plain_numbers_are_content():
    blocks = [{"kind": "numbered", "text": "1.000 hộ dân được hướng dẫn"},
              {"kind": "bullet", "text": "30 ngày đêm cao điểm"},
              {"kind": "heading", "title": "2.5 triệu tài khoản"}]
    plan = Plan.model_validate(plan_data(blocks))
    assert label_notices(plan_data(blocks)) == []
    assert body_lines(plan)[1:] == ["1. 1.000 hộ dân được hướng dẫn", "- 30 ngày đêm cao điểm",
                                    "2. 2.5 triệu tài khoản"]


def test_unit_tasks_keep_one_dash():
    data = plan_data([{"kind": "unit", "name": "Công an xã",
                       "tasks": ["- Chủ trì tuyên truyền", "", "- Tổng hợp kết quả"]}])
    plan = Plan.model_validate(data)
    assert plan.sections[0].blocks[0].tasks == ["Chủ trì tuyên truyền", "", "Tổng hợp kết quả"]
    assert body_lines(plan)[1:] == ["1. Công an xã", "- Chủ trì tuyên truyền", "- Tổng hợp kết quả"]
    assert [n.path for n in label_notices(data)] == ["sections.0.blocks.0.tasks.0", "sections.0.blocks.0.tasks.2"]


def test_a_label_alone_is_not_a_title():
    from docgen.plan.files import PlanFileError, parse_plan_data

    with pytest.raises(PlanFileError) as raised:
        parse_plan_data(plan_data([{"kind": "unit", "name": "2."}], title="II."))
    messages = {e.path: e.message for e in raised.value.errors}
    assert messages["sections.0.title"].startswith("cần tên mục")
    assert "“II.” là số mục" in messages["sections.0.title"]
    assert messages["sections.0.blocks.0.name"].startswith("cần tên đơn vị")


def test_exported_plan_keeps_the_text_without_the_label():
    from docgen.web.plans import editable_data

    plan = Plan.model_validate(plan_data([{"kind": "heading", "title": "1. Mục đích"}], title="I. MỤC ĐÍCH"))
    data = editable_data(plan)
    assert data["sections"][0]["title"] == "MỤC ĐÍCH"
    assert data["sections"][0]["blocks"][0]["title"] == "Mục đích"
    assert label_notices(data) == []


# --- blank blocks -------------------------------------------------------------------------


def test_blank_blocks_print_nothing():
    """A block added and not written yet (the blank plan has some) prints no
    stray "-" or "1.", and does not use up a number."""
    blocks = [{"kind": "heading", "title": "Mục đích"}, {"kind": "bullet", "text": ""},
              {"kind": "numbered", "text": "  "}, {"kind": "item", "label": "a)", "text": ""},
              {"kind": "subbullet", "text": "+"}, {"kind": "heading", "title": ""},
              {"kind": "paragraph", "text": ""}, "-", "+ ", {"kind": "heading", "title": "Yêu cầu"},
              {"kind": "unit", "name": "Công an xã", "tasks": ["", "Chủ trì"]}]
    plan = Plan.model_validate(plan_data(blocks))
    assert body_lines(plan) == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "3. Công an xã", "Chủ trì"]


def test_blank_plan_renders_without_stray_labels():
    import datetime as dt

    from docgen import doctypes
    from docgen.plan.blank import new_document

    data = new_document(doctypes.get(None), dt.date(2026, 3, 2))
    data["header"].update(place="Ia Kha", issuing_body=["ỦY BAN NHÂN DÂN", "XÃ IA KHA"])
    data["subject"] = "Kế hoạch thử"
    data["signer"]["name"] = "Nguyễn Văn An"
    texts = [p.text.strip() for p in paragraphs(render_plan(Plan.model_validate(data)))]
    assert not {"-", "+", "1.", "a)"} & set(texts)
    assert "1. Mục đích" in texts and "2. Yêu cầu" in texts


# --- notices ------------------------------------------------------------------------------


def test_notices_name_the_field_and_the_label():
    notices = label_notices(plan_data([{"kind": "heading", "title": "1. Mục đích"}], title="I. MỤC ĐÍCH"))
    assert [(n.path, n.value, n.level) for n in notices] == [
        ("sections.0.title", "MỤC ĐÍCH", "info"), ("sections.0.blocks.0.title", "Mục đích", "info")]
    assert notices[0].message.startswith("“I.” gõ ở đầu không được in: văn bản tự in số mục")
    assert "số thứ tự (1., 2., …)" in notices[1].message


def test_notices_of_a_plan_still_being_typed():
    """The signer is not written yet, and a later block is invalid: the
    labels of the parts that read are still reported."""
    data = plan_data([{"kind": "heading", "title": "1. Mục đích"}, {"kind": "nope"},
                      "- - Tuyên truyền", "1. Đoạn văn in như đã gõ"], title="I. MỤC ĐÍCH")
    data["signer"]["name"] = ""
    assert [(n.path, n.value) for n in label_notices(data)] == [
        ("sections.0.title", "MỤC ĐÍCH"), ("sections.0.blocks.0.title", "Mục đích"),
        ("sections.0.blocks.2.text", "Tuyên truyền")]
    assert label_notices({"sections": "x"}) == [] and label_notices([]) == []


# --- command line -------------------------------------------------------------------------


def test_cli_validate_and_render_report_the_labels(tmp_path):
    source = tmp_path / "plan.yaml"
    source.write_text(
        "header: {issuing_body: [ỦY BAN NHÂN DÂN, XÃ IA KHA], place: Ia Kha, date: {year: 2025, month: 3}}\n"
        "subject: Kế hoạch thử\n"
        "sections:\n"
        "  - title: I. MỤC ĐÍCH, YÊU CẦU\n"
        "    blocks:\n"
        "      - {kind: heading, title: 1. Mục đích}\n"
        "      - '- - Tuyên truyền'\n"
        "      - {kind: bullet, text: ''}\n"
        "signer: {authority: [TM. ỦY BAN NHÂN DÂN, CHỦ TỊCH], name: Nguyễn Văn An}\n",
        encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(source)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # fields named as the form names them, never by path
    assert lines[0] == (f"{source}: Mục I – Tên mục: “I.” gõ ở đầu không được in: "
                        "văn bản tự in số mục (I, II, …), in thêm sẽ thành hai lần")
    assert lines[1].startswith(f"{source}: Mục I, khối 1 – Tiêu đề: “1.” gõ ở đầu không được in")
    assert lines[2].startswith(f"{source}: Mục I, khối 2 – Nội dung: “-” gõ ở đầu không được in")
    assert lines[3] == f"{source}: OK"

    out = tmp_path / "plan.docx"
    result = CliRunner().invoke(main, ["render", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Mục I – Tên mục: “I.” gõ ở đầu không được in" in result.output
    texts = [p.text for p in paragraphs(out.read_bytes())]
    assert texts.count("I. MỤC ĐÍCH, YÊU CẦU") == 1
    assert "1. Mục đích" in texts and "- Tuyên truyền" in texts
    assert "-" not in [t.strip() for t in texts] and "I. I. MỤC ĐÍCH, YÊU CẦU" not in texts
