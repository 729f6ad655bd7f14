"""One list each (issue 13, item 3): block kinds, column types and
formulas, section numerals and the signer's authority rules each live in one
table, which the model's validation, the template context, the layout
checks and the editor's served vocabulary all read."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from docgen import doctypes
from docgen.vietnamese import vn
from docgen.plan.appendix import apply_formula
from docgen.vietnamese.authority import AUTHORITIES, AUTHORITY_PREFIXES, authority_problems
from docgen.checks.layout import check_signer
from docgen.document.context import section_paragraphs
from docgen.plan.model import BLOCK_KINDS, COLUMN_TYPES, FORMULAS, Column, Section
from docgen.plan.files import PlanFileError, parse_plan_data
from docgen.plan.vocabulary import SECTION_NUMERALS, editor_lists

from .test_safety import minimal


def errors_of(data) -> dict[str, str]:
    with pytest.raises(PlanFileError) as info:
        parse_plan_data(data)
    return {e.path: e.message for e in info.value.errors}


# --- block kinds -----------------------------------------------------------------


def filled(kind) -> dict:
    """A block of ``kind`` as the editor starts it, its texts written."""
    block = dict(kind.start, kind=kind.key)
    for name, value in kind.start.items():
        if value == "":
            block[name] = f"Chữ {name}"
    if "tasks" in block:
        block["tasks"] = ["Nhiệm vụ một", "Nhiệm vụ hai"]
    return block


def test_the_model_reads_every_kind_of_the_list_and_refuses_others():
    section_kinds = [kind for kind in BLOCK_KINDS if kind.key not in doctypes.ARTICLE_ONLY]
    plan = parse_plan_data(minimal(sections=[{"title": "MỤC ĐÍCH", "blocks": [filled(k) for k in section_kinds]}]))
    assert [block.kind for block in plan.sections[0].blocks] == [kind.key for kind in section_kinds]
    article_kinds = [kind for kind in BLOCK_KINDS if kind.key in doctypes.ARTICLE_BLOCKS]
    decision = parse_plan_data(minimal(type="quyet_dinh", sections=[], articles=[filled(k) for k in article_kinds]))
    assert [block.kind for block in decision.articles] == [kind.key for kind in article_kinds]
    assert {kind.key for kind in BLOCK_KINDS} == {k.key for k in section_kinds} | set(doctypes.ARTICLE_BLOCKS)
    message = errors_of(minimal(sections=[{"title": "A", "blocks": [{"kind": "poem", "text": "x"}]}]))
    assert message["sections.0.blocks.0"].startswith("loại khối 'poem' không có; dùng một trong: ")
    for kind in BLOCK_KINDS:
        assert f"'{kind.key}'" in message["sections.0.blocks.0"]


def test_each_part_holds_only_its_own_kinds():
    """An article among a plan's sections, a heading among a decision's
    articles: refused, with the kinds the part holds."""
    article = {"kind": "article", "text": "Quy định chung."}
    message = errors_of(minimal(sections=[{"title": "A", "blocks": [article]}]))["sections.0.blocks.0"]
    assert message.startswith("Điều (Điều 1., Điều 2.) không dùng ở phần này của ")
    heading = {"kind": "heading", "title": "Mục đích"}
    message = errors_of(minimal(type="quyet_dinh", sections=[], articles=[article, heading]))["articles.1"]
    assert message.startswith("Tiêu đề (1., 2.) không dùng ở phần này của ") and "Điều (Điều 1., Điều 2.)" in message


@pytest.mark.parametrize("kind", BLOCK_KINDS, ids=lambda kind: kind.key)
def test_each_kind_starts_with_its_own_fields_and_prints(kind):
    assert set(kind.start) <= set(kind.fields)
    assert kind.then is None or kind.then in {other.key for other in BLOCK_KINDS}
    section = Section.model_validate({"title": "MỤC ĐÍCH", "blocks": [filled(kind)]})
    printed = [paragraph.text for paragraph in section_paragraphs(section, 2)]
    assert printed[0] == "II. MỤC ĐÍCH"
    written = next(value for name, value in filled(kind).items() if name in ("text", "title", "name"))
    assert any(written in line for line in printed[1:]), printed


# --- column types and formulas ---------------------------------------------------------


@pytest.mark.parametrize("formula", FORMULAS, ids=lambda formula: formula.key)
def test_a_formula_needs_as_many_columns_as_the_list_names(formula):
    arity = len(formula.operands)
    Column.model_validate({"key": "x", "title": "X", "type": formula.result, "compute": formula.key,
                           "of": [f"c{i}" for i in range(arity)]})
    with pytest.raises(ValueError, match=f"cách tính này cần {arity} cột"):
        Column.model_validate({"key": "x", "title": "X", "type": "number", "compute": formula.key,
                               "of": [f"c{i}" for i in range(arity + 1)]})
    # and docgen.plan.appendix computes it
    column = Column(key="x", title="X", type=formula.result, compute=formula.key, of=[f"c{i}" for i in range(arity)])
    assert apply_formula(column, {f"c{i}": 10 * (arity - i) for i in range(arity)}, days=5) is not None


def test_column_types_and_formulas_outside_the_lists_are_refused():
    known = [kind.key for kind in COLUMN_TYPES]
    assert known == ["text", "number", "percent"]
    with pytest.raises(ValueError, match="type"):
        Column.model_validate({"key": "x", "title": "X", "type": "date"})
    with pytest.raises(ValueError, match="compute"):
        Column.model_validate({"key": "x", "title": "X", "type": "number", "compute": "sum", "of": ["a", "b"]})


# --- section numerals ---------------------------------------------------------------------


def test_served_numerals_are_vn_roman():
    numerals = editor_lists()["numerals"]
    assert len(numerals) == SECTION_NUMERALS
    assert numerals[:10] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
    assert numerals[39] == "XL" and numerals[-1] == "C"
    assert numerals == [vn.roman(n) for n in range(1, SECTION_NUMERALS + 1)]


# --- the served lists ---------------------------------------------------------------------------


def test_the_served_lists_are_the_tables():
    lists = editor_lists()
    assert [(b["kind"], b["name"]) for b in lists["blocks"]] == [(k.key, k.name) for k in BLOCK_KINDS]
    item = next(b for b in lists["blocks"] if b["kind"] == "item")
    assert item["start"] == {"kind": "item", "label": "a)", "text": ""}
    assert item["fields"] == ["label", "text"]
    heading = next(b for b in lists["blocks"] if b["kind"] == "heading")
    assert heading["then"] == "bullet" and "number" in heading["fields"]
    assert [t["key"] for t in lists["column_types"]] == [k.key for k in COLUMN_TYPES]
    ratio = next(f for f in lists["formulas"] if f["key"] == "ratio")
    assert ratio["operands"] == ["Tử số (số đã đạt)", "Mẫu số (chỉ tiêu)"]
    assert ratio["shown_percent"] == "{0} / {1} × 100" and ratio["result"] == "percent"


# --- signer authority ---------------------------------------------------------------------------


AUTHORITY_CASES = [
    (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], None),
    (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], None),
    (["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], None),
    (["Q. CHỦ TỊCH"], None),
    (["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"], None),
    (["TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ NỘI VỤ"], None),
    (["CHỦ TỊCH"], None),
    (["XT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], (1, "tiền tố “XT.” không hợp lệ")),
    (["T/M. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], None),  # not a prefix's shape: the layout's own checks see it
    (["KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "PHÓ CHỦ TỊCH"], (2, "“TM.” không ở dòng đầu")),
    (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], (2, "sau “KT.” thiếu dòng chức vụ của người ký")),
    (["TL. CHỦ TỊCH"], (1, "sau “TL.” thiếu dòng chức vụ của người ký")),
    (["TUQ. CHỦ TỊCH"], (1, "sau “TUQ.” thiếu dòng chức vụ của người ký")),
]


@pytest.mark.parametrize("lines, problem", AUTHORITY_CASES)
def test_the_model_and_the_layout_check_apply_the_same_authority_rules(lines, problem):
    found = authority_problems(lines)
    assert [(p.line, p.message) for p in found] == ([problem] if problem else [])
    signer = {"authority": lines, "name": "Nguyễn Văn A"}
    layout = [f for f in check_signer(SimpleNamespace(authority=lines, signer_name="Nguyễn Văn A"))
              if f.code == "layout.signer_prefix"]
    if problem is None:
        parse_plan_data(minimal(signer=signer))
        assert layout == []
    else:
        line, message = problem
        assert errors_of(minimal(signer=signer))["signer.authority"].startswith(
            f"dòng {line} “{lines[line - 1]}”: {message}; ")
        assert [(f.where.paragraph, f.message) for f in layout] == [(line, message)]


def test_the_authority_table_is_the_decree_list():
    assert AUTHORITY_PREFIXES == ("TM.", "KT.", "Q.", "TL.", "TUQ.")
    assert [a.prefix for a in AUTHORITIES if a.title_below] == ["KT.", "TL.", "TUQ."]
    assert [a.prefix for a in AUTHORITIES if a.first_line_only] == ["TM."]
