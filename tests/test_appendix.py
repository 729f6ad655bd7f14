"""Appendix arithmetic against seed 002's table."""

from __future__ import annotations

from fractions import Fraction

import pytest

from docgen.plan.appendix import build_table, computed_rows, sorted_rows, total_row
from docgen.plan.model import Appendix

from .conftest import seed_text


def seed_002_table() -> list[list[str]]:
    lines = seed_text("002").splitlines()
    rows = [line.split("\t") for line in lines if line.count("\t") == 6]
    return rows[1:]  # without the header row


@pytest.fixture()
def appendix(plans) -> Appendix:
    return plans["002"].appendices[0]


def test_rows_match_the_seed_table(appendix):
    table = build_table(appendix, 50)
    ours = {row[1].text: [c.text for c in row[2:]] for row in table.rows}
    seed = [r for r in seed_002_table() if not r[0].startswith("<b>")]
    assert len(seed) == 17
    for row in seed:
        unit, figures = row[1], row[2:]
        # the seed prints rates with a decimal point; Vietnamese uses a comma
        expected = [f.replace(".", ",") if f.endswith("%") else f for f in figures]
        assert ours[unit] == expected, unit


def test_total_row_is_computed_from_totals_not_summed(appendix):
    table = build_table(appendix, 50)
    assert [c.text for c in table.total] == ["", "TỔNG", "684.037", "245.576", "35,90%", "438.461", "8.769"]
    rows = computed_rows(appendix, 50)
    # the sum of the rounded daily quotas is not the total's quota
    assert sum(r["per_day"] for r in rows) != 8769
    total = total_row(appendix, rows, 50)
    assert total["rate"] == Fraction(245576, 684037)
    assert total["per_day"] == 8769


def test_formulas(appendix):
    rows = {r["unit"]: r for r in computed_rows(appendix, 50)}
    pleiku = rows["Thành phố Pleiku"]
    assert pleiku["remaining"] == 185255 - 39160
    assert pleiku["per_day"] == 2922  # 146.095 / 50 = 2.921,9
    assert rows["Huyện Đak Pơ"]["per_day"] == 76  # 3.807 / 50 = 76,14


def test_per_day_rounds_half_up():
    appendix = Appendix.model_validate({
        "title": "t",
        "columns": [
            {"key": "left", "title": "Còn lại", "type": "number"},
            {"key": "quota", "title": "Trong ngày", "type": "number", "compute": "per_day", "of": ["left"]},
        ],
        "rows": [{"left": 25}, {"left": 35}, {"left": 24}],
    })
    assert [r["quota"] for r in computed_rows(appendix, 10)] == [3, 4, 2]


def test_sorted_by_rate_descending(appendix):
    rows = sorted_rows(appendix, computed_rows(appendix, 50))
    rates = [r["rate"] for r in rows]
    assert rates == sorted(rates, reverse=True)
    assert rows[0]["unit"] == "Huyện Đak Pơ" and rows[-1]["unit"] == "Huyện Kông Chro"


def test_zero_target_gives_a_blank_rate_not_an_error():
    appendix = Appendix.model_validate({
        "title": "t",
        "columns": [
            {"key": "target", "title": "CT", "type": "number"},
            {"key": "done", "title": "ĐKH", "type": "number"},
            {"key": "rate", "title": "Tỷ lệ", "type": "percent", "compute": "ratio", "of": ["done", "target"]},
        ],
        "rows": [{"target": 0, "done": 0}],
    })
    table = build_table(appendix, None)
    assert table.rows[0][3].text == ""


def test_vietnamese_number_input_is_read():
    appendix = Appendix.model_validate({
        "title": "t",
        "columns": [{"key": "n", "title": "N", "type": "number"}],
        "rows": [{"n": "1.248.912"}, {"n": "12,5"}],
    })
    assert [r["n"] for r in appendix.rows] == [1248912, 12.5]
