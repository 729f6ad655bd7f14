"""Figures read as a Vietnamese clerk means them, or refused (issue 20): the
one reader (docgen.vietnamese.vn.read_figure) on the table of cases the browser is
tested on too (tests/figure_cases.json), the model's cells, the block reader
of pastes, uploads and Word tables (docgen.sheets.table_reading.read_grid), plan
files in YAML, and the normalised form a cell shows."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.vietnamese import vn
from docgen.plan.appendix import build_table
from docgen.plan.model import Appendix, parse_amount, parse_percent
from docgen.plan.files import PlanFileError, parse_plan_data, parse_plan_text, plan_to_yaml
from docgen.sheets.table_reading import read_grid

from .test_safety import minimal

CASES = json.loads((Path(__file__).parent / "figure_cases.json").read_text(encoding="utf-8"))
READ = [case for case in CASES["read"] if "value" in case]
REFUSED = [case for case in CASES["read"] if "error" in case]
PERCENT = [case for case in CASES["percent"] if "fraction" in case]
COLUMNS = [{"key": "a", "title": "Chỉ tiêu", "type": "number"}, {"key": "b", "title": "Đã đạt", "type": "number"}]


@pytest.mark.parametrize("case", READ, ids=lambda c: c["text"])
def test_the_reader_reads_what_the_clerk_means(case):
    assert vn.read_figure(case["text"]) == Decimal(case["value"])
    assert Decimal(repr(parse_amount(case["text"], ""))) == Decimal(case["value"])
    assert vn.figure_text(Decimal(case["value"])) == case["shown"]
    assert vn.read_figure(case["shown"]) == Decimal(case["value"])  # what a cell shows reads back the same


@pytest.mark.parametrize("case", REFUSED, ids=lambda c: c["text"])
def test_a_figure_that_reads_two_ways_or_none_is_refused_with_the_reason(case):
    with pytest.raises(ValueError) as refused:
        parse_amount(case["text"], "")
    assert str(refused.value) == case["error"]


@pytest.mark.parametrize("case", PERCENT, ids=lambda c: c["text"])
def test_percent_cells(case):
    fraction = parse_percent(case["text"], "")
    assert Decimal(repr(fraction)) == Decimal(case["fraction"])
    assert vn.figure_text(Decimal(case["fraction"]) * 100, 2) + "%" == case["shown"]


def test_a_percent_that_reads_two_ways_is_refused_with_both_percentages():
    [case] = [c for c in CASES["percent"] if "error" in c]
    with pytest.raises(ValueError, match="^" + case["error"] + "$"):
        parse_percent(case["text"], "")


@given(st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False, allow_infinity=False))
def test_every_shown_figure_reads_back_as_itself(value):
    assert vn.read_figure(vn.figure_text(value)) == value


@pytest.mark.parametrize("texts, convention", [
    (["1,234.5", "1,240", "Xã A", 3], vn.ENGLISH),
    (["1,234,567", "12.5"], vn.ENGLISH),
    (["12,5", "1,240"], vn.VIETNAMESE),
    (["1.234.567", "1,240"], vn.VIETNAMESE),
    (["1.234,5"], vn.VIETNAMESE),
    (["12,5", "1,234.5"], None),   # both: mixed
    (["16.283", "76.62%"], None),  # a lone decimal point tells nothing (seed 002)
    (["1,240", "12,500"], None),
    ([1240, 12.5], None),           # numbers say nothing
])
def test_the_convention_of_a_block(texts, convention):
    assert vn.block_convention(texts).convention == convention


@pytest.mark.parametrize("block", CASES["blocks"], ids=lambda b: b["about"])
def test_pasted_blocks_follow_their_convention(block):
    reading = read_grid(block["cells"], COLUMNS)
    assert reading.convention == block["convention"]
    assert [[row["a"], row["b"]] for row in reading.rows] == block["rows"]
    assert reading.notices == ([block["notice"]] if "notice" in block else [])
    assert reading.warnings == ([block["warning"]] if "warning" in block else [])
    if "shown" in block:
        assert [[vn.figure_text(v) for v in row] for row in block["rows"]] == block["shown"]
    if "total" in block:  # the table computes with the figures read
        appendix = Appendix.model_validate({"title": "T", "columns": COLUMNS, "rows": reading.rows,
                                            "numbered": False})
        assert [c.text for c in build_table(appendix, None).total] == block["total"]


def test_a_two_way_cell_left_by_a_paste_is_an_error_of_that_cell():
    reading = read_grid([["1,240", "12,500"]], COLUMNS)
    data = minimal(appendices=[{"title": "Kết quả", "columns": COLUMNS, "rows": reading.rows}])
    data["header"]["issuer_name"] = "Ủy ban nhân dân xã Thử Nghiệm"
    with pytest.raises(PlanFileError) as refused:
        parse_plan_data(data)
    assert [(e.path, str(e)) for e in refused.value.errors] == [
        ("appendices.0.rows.0.a", "Phụ lục 1, dòng 1, cột “Chỉ tiêu”: “1,240” chưa rõ là số nào: viết 1.240 nếu là "
                                  "một nghìn hai trăm bốn mươi, hoặc 1,24 nếu là một phẩy hai mươi tư"),
        ("appendices.0.rows.0.b", "Phụ lục 1, dòng 1, cột “Đã đạt”: “12,500” chưa rõ là số nào: viết 12.500 nếu là "
                                  "mười hai nghìn năm trăm, hoặc 12,5 nếu là mười hai phẩy năm"),
    ]


def test_a_pasted_percent_column_keeps_the_decimals_it_was_written_with():
    reading = read_grid([["Đơn vị", "Tỷ lệ"], ["Xã A", "71.4%"], ["Xã B", "1,234.5%"]], [], fresh=True)
    assert reading.convention == vn.ENGLISH and reading.decimals == {"ty_le": 1}
    assert [row["ty_le"] for row in reading.rows] == [0.714, 12.345]


YAML_PLAN = """
header: {issuing_body: [ỦY BAN NHÂN DÂN, XÃ THỬ NGHIỆM], issuer_name: Ủy ban nhân dân xã Thử Nghiệm,
         symbol: KH-UBND, place: Thử Nghiệm, date: {day: 5, month: 2, year: 2024}}
subject: Thử
sections: [{title: Mục đích, blocks: [{kind: paragraph, text: Nội dung.}]}]
recipients: [{name: Như trên}]
signer: {authority: [CHỦ TỊCH], name: Nguyễn Văn A}
appendices:
  - title: Kết quả
    columns: [{key: a, title: Chỉ tiêu, type: number}, {key: b, title: Đã đạt, type: number}]
    rows:
      - {a: 1.240, b: 16.283}
      - {a: 1234, b: 12.5}
"""


def test_yaml_figures_are_read_as_the_editor_reads_them():
    """YAML would read 1.240 as 1,24; a plan file means what the editor means."""
    plan = parse_plan_text(YAML_PLAN)
    assert plan.appendices[0].rows == [{"a": 1240, "b": 16283}, {"a": 1234, "b": 12.5}]
    again = parse_plan_text(plan_to_yaml(plan))
    assert again.appendices[0].rows == plan.appendices[0].rows


def test_a_float_docgen_writes_to_yaml_reads_back_as_itself():
    plan = parse_plan_text(YAML_PLAN.replace("b: 12.5", "b: 1.2450"))
    assert plan.appendices[0].rows[1]["b"] == 1.245
    written = plan_to_yaml(plan)
    assert "1.2450" in written
    assert parse_plan_text(written).appendices[0].rows[1]["b"] == 1.245
    # JSON is a program's: its 1.245 is 1,245
    assert parse_plan_text(json.dumps(json.loads(plan.model_dump_json()))).appendices[0].rows[1]["b"] == 1.245


def test_cli_validate_refuses_a_figure_that_reads_two_ways(tmp_path):
    from click.testing import CliRunner

    from docgen.cli import main

    path = tmp_path / "ke-hoach.yaml"
    rows = "      - a: 1,240\n        b: 12,500\n"  # as a clerk writes it; a plain scalar, not YAML's 1.24
    path.write_text(YAML_PLAN.replace("      - {a: 1234, b: 12.5}\n", rows), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{path}: Phụ lục 1, dòng 2, cột “Chỉ tiêu”: “1,240” chưa rõ là số nào: viết 1.240 nếu là một nghìn "
        "hai trăm bốn mươi, hoặc 1,24 nếu là một phẩy hai mươi tư",
        f"{path}: Phụ lục 1, dòng 2, cột “Đã đạt”: “12,500” chưa rõ là số nào: viết 12.500 nếu là mười hai "
        "nghìn năm trăm, hoặc 12,5 nếu là mười hai phẩy năm",
    ]
