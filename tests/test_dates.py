"""One Vietnamese date layer (docgen.vietnamese.dates): the reader over every way a
date arrives (typed with / . -, with or without zeros, ISO, Excel serials,
spreadsheet and YAML date values) and the printed forms by Decree 30's zero
rule, on the table shared with the browser (tests/date_cases.json) and on
every day 1-31 of the twelve months."""

from __future__ import annotations

import datetime as dt
import re

import jinja2
import pytest

from docgen.vietnamese import dates, vn
from tests.date_table import CASES, grid

GRID = grid()


def _id(row: dict) -> str:
    return f"{row['day']}-{row['month']}-{row['year']}"


# --- the grid: twelve months, days 1-31 ---------------------------------------------------------


@pytest.mark.parametrize("row", GRID, ids=_id)
def test_every_day_of_every_month_reads_and_prints(row):
    if not row["valid"]:
        for typed in row["typed"]:
            with pytest.raises(ValueError) as refused:
                dates.read_date(typed)
            assert str(refused.value) == (f"ngày “{typed}” không có trong lịch: tháng {row['month']}/{row['year']} "
                                          f"có ngày 1 đến {row['last']}")
        with pytest.raises(ValueError, match="không có trong lịch"):
            dates.date_line("Gia Lai", row["year"], row["month"], row["day"])
        return
    date = dt.date.fromisoformat(row["iso"])
    readings = [*row["typed"], row["iso"], f" {row['typed'][0]} ", row["serial"], row["serial"] + 0.5,
                date, dt.datetime(row["year"], row["month"], row["day"], 14, 30)]
    assert [dates.read_date(value) for value in readings] == [date] * len(readings)
    assert dates.short_date(date) == row["short"]
    assert dates.read_date(row["short"]) == date  # what is printed reads back
    assert dates.date_line("", date) == row["line"]
    assert dates.date_line("Gia Lai", row["year"], row["month"], row["day"]) == f"Gia Lai, {row['line']}"


# --- the shared table ------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES["read"], ids=lambda c: c["text"] or "blank")
def test_read(case):
    if "error" in case:
        with pytest.raises(ValueError) as refused:
            dates.read_date(case["text"])
        assert str(refused.value) == case["error"]
    else:
        assert dates.read_date(case["text"]) == dt.date.fromisoformat(case["date"])


@pytest.mark.parametrize("case", CASES["serials"], ids=lambda c: str(c["serial"]))
def test_excel_serials(case):
    if "error" in case:
        with pytest.raises(ValueError) as refused:
            dates.read_date(case["serial"])
        assert str(refused.value) == case["error"]
    else:
        assert dates.read_date(case["serial"]) == dt.date.fromisoformat(case["date"])


def test_excel_serials_as_openpyxl_reads_them():
    from openpyxl.utils.datetime import from_excel
    for serial in (61, 44927, 45170, 46000, 2958465):
        assert dates.read_date(serial) == from_excel(serial).date()


@pytest.mark.parametrize("value", [True, None, [1, 9, 2023], float("nan")])
def test_read_refuses_what_is_no_date(value):
    with pytest.raises(ValueError, match="ngày"):
        dates.read_date(value)


@pytest.mark.parametrize("case", CASES["print"], ids=lambda c: c["date"])
def test_printed_forms(case):
    date = dt.date.fromisoformat(case["date"])
    assert dates.short_date(date) == case["short"]
    assert dates.date_line("", date) == case["line"]


@pytest.mark.parametrize("case", CASES["times"], ids=lambda c: c["utc"])
def test_times_are_vietnams(case):
    moment = dt.datetime.fromisoformat(case["utc"])
    assert dates.vietnam_time(moment) == case["vietnam"]
    assert dates.vietnam_time(moment.replace(tzinfo=None)) == case["vietnam"]  # stored naive = UTC
    assert dates.vietnam_today(moment) == dates.read_date(case["vietnam"].split("ngày ")[1])


def test_vietnam_today_needs_an_aware_time():
    assert dates.vietnam_today(dt.datetime(2026, 6, 30, 17, 0, tzinfo=dt.UTC)) == dt.date(2026, 7, 1)
    with pytest.raises(ValueError):
        dates.vietnam_today(dt.datetime(2026, 6, 30, 17, 0))


@pytest.mark.parametrize("case", CASES["campaigns"], ids=lambda c: f"{c['start']}-{c['end']}")
def test_campaign_days(case):
    start, end = dates.read_date(case["start"]), dates.read_date(case["end"])
    if "error" in case:
        with pytest.raises(ValueError) as refused:
            dates.campaign_days(start, end)
        assert str(refused.value) == case["error"]
    else:
        assert dates.campaign_days(start, end) == case["days"]
        assert dates.days_text(dates.campaign_days(start, end)) == f"{case['days']} ngày, đêm"


# --- the date line's draft form and the rules behind it ------------------------------------------


def test_a_draft_leaves_six_spaces_for_the_day():
    assert dates.date_line("Đắk Lắk", 2026, 6) == "Đắk Lắk, ngày      tháng 6 năm 2026"
    assert dates.date_line("Đắk Lắk", 2026, 1, None) == "Đắk Lắk, ngày      tháng 01 năm 2026"


@pytest.mark.parametrize("args", [("Gia Lai", 2023, 13), ("Gia Lai", 2023, 0, 1), ("Gia Lai", 2023)])
def test_date_line_refuses_no_month(args):
    with pytest.raises(ValueError):
        dates.date_line(*args)


@pytest.mark.parametrize("bad", [0, 13, -1])
def test_month_text_refuses(bad):
    with pytest.raises(ValueError):
        dates.month_text(bad)


@pytest.mark.parametrize("month, shown", [(1, "DD/MM/YYYY"), (2, "DD/MM/YYYY"), (3, "DD/M/YYYY"), (12, "DD/M/YYYY")])
def test_excel_cells_show_the_short_form(month, shown):
    assert dates.excel_date_format(dt.date(2027, month, 5)) == shown


def test_the_short_date_pattern_finds_one_separator_dates_only():
    found = re.findall(dates.SHORT_DATE_PATTERN, "từ 01/9/2023, 1.9.2023, 01-9-2023 đến tháng 10-12/2023 (1.248.912)")
    assert found == ["01/9/2023", "1.9.2023", "01-9-2023"]


def test_jinja_filters_print_by_the_same_rule():
    env = vn.register_filters(jinja2.Environment())
    rendered = env.from_string("{{ d | vn_date }}|{{ d | short_date }}").render(d=dt.date(2025, 1, 5))
    assert rendered == "ngày 05 tháng 01 năm 2025|05/01/2025"
