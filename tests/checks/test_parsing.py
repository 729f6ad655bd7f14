"""Reading back what plans print: figures, dates, ranges, numerals (real
cases from the seeds)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from docgen.checks.parsing import (
    date_ranges,
    declared_days,
    deadlines,
    figures,
    from_roman,
    long_date,
    parse_figure,
    ratio_after,
)


@pytest.mark.parametrize("text, value, point", [
    ("687.034", Decimal("687034"), False),
    ("1.248.912", Decimal("1248912"), False),
    ("35,90", Decimal("35.90"), False),
    ("35,90%", Decimal("35.90"), False),
    ("76.62", Decimal("76.62"), True),
    ("1.234,50", Decimal("1234.50"), False),
    ("100", Decimal("100"), False),
])
def test_parse_figure(text, value, point):
    assert parse_figure(text) == (value, point)


@pytest.mark.parametrize("bad", ["", "abc", "1,2,3", "12.34.5"])
def test_parse_figure_refuses(bad):
    with pytest.raises(ValueError):
        parse_figure(bad)


def test_figures_skip_dates_and_document_numbers():
    text = ("Kế hoạch số 407/KH-UBND ngày 24/02/2023; Chỉ thị số 11-CT/TU; chỉ tiêu kích hoạt "
            "687.034 tài khoản, đạt 35,90% và 76.62%")
    found = [(f.text, f.percent, f.decimal_point) for f in figures(text)]
    assert found == [("687.034", False, False), ("35,90", True, False), ("76.62", True, True)]


def test_ratio_after_a_percentage():
    text = "chỉ đạt tỷ lệ 35,90% so với chỉ tiêu được giao (245.576/684.037 tài khoản), xếp hạng 58/63"
    percent = next(f for f in figures(text) if f.percent)
    assert ratio_after(text, percent.end) == (Decimal("245576"), Decimal("684037"))
    assert ratio_after("xếp hạng 58/63 tỉnh", 0) is None


@pytest.mark.parametrize("text, start, end, days", [
    ("(từ ngày 02/3/2025 đến ngày 31/5/2025)", dt.date(2025, 3, 2), dt.date(2025, 5, 31), 91),
    ("từ ngày 01/9/2023 đến hết ngày 20/10/2023", dt.date(2023, 9, 1), dt.date(2023, 10, 20), 50),
    ("Chiến dịch cao điểm từ ngày 05/8/2023 đến 05/9/2023.", dt.date(2023, 8, 5), dt.date(2023, 9, 5), 32),
    ("thực hiện từ ngày 15/3/2025 đến ngày 31/5/2025;", dt.date(2025, 3, 15), dt.date(2025, 5, 31), 78),
])
def test_date_ranges(text, start, end, days):
    (found,) = date_ranges(text)
    assert (found.start, found.end, found.days) == (start, end, days)


def test_deadlines_and_declared_days():
    text = "hoàn thành trước ngày 10/9/2023; báo cáo trong ngày 07/9/2023; từ ngày 01/9/2023"
    assert [d.date for d in deadlines(text)] == [dt.date(2023, 9, 10), dt.date(2023, 9, 7)]
    assert declared_days("cao điểm “90 ngày, đêm” và chiến dịch “50 ngày,đêm”") == [90, 50]


@pytest.mark.parametrize("numeral, value", [("I", 1), ("IV", 4), ("V", 5), ("VI", 6), ("IX", 9), ("XIV", 14),
                                            ("IIII", None), ("VX", None), ("", None), ("A", None)])
def test_from_roman(numeral, value):
    assert from_roman(numeral) == value


@pytest.mark.parametrize("line, day, month, year", [
    ("Gia Lai, ngày 29 tháng 8 năm 2023", "29", "8", 2023),
    ("Đắk Lắk, ngày      tháng 6 năm 2026", "", "6", 2026),
    ("Lộc Hòa, ngày      tháng 03 năm 2025", "", "03", 2025),
    ("Lộc Hòa, ngày 5 tháng 02 năm 2025", "5", "02", 2025),
])
def test_long_date(line, day, month, year):
    parsed = long_date(line)
    assert (parsed.day, parsed.month, parsed.year) == (day, month, year)
