"""The table of date cases shared by the Python and the browser tests:
the hand-written cases of ``date_cases.json`` and the grid of every day
1-31 of the twelve months (a common year and a leap year), with what each
must read and print. The grid's expectations are written from Decree 30's
rule (days 01-09, months 01 and 02, then 3-12) and the calendar module,
not from docgen.vietnamese.dates."""

from __future__ import annotations

import calendar
import datetime as dt
import json
from pathlib import Path

CASES = json.loads((Path(__file__).parent / "date_cases.json").read_text(encoding="utf-8"))
MONTHS = ["01", "02", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"]
YEARS = (2023, 2024)  # 29/02 is refused in the first and read in the second
SEPTEMBER_1_2023 = (dt.date(2023, 9, 1), 45170)  # a date and its Excel serial


def grid() -> list[dict]:
    """One row per (year, month, day 1-31): ``valid`` and, for a real day,
    its ISO form, every way to type it, its serial, and its printed forms."""
    rows = []
    for year in YEARS:
        for month in range(1, 13):
            last = calendar.monthrange(year, month)[1]
            for day in range(1, 32):
                row = {"year": year, "month": month, "day": day, "valid": day <= last,
                       "typed": [f"{day}/{month}/{year}", f"{day:02d}/{month:02d}/{year}",
                                 f"{day:02d}.{month}.{year}", f"{day}-{month:02d}-{year}"],
                       "last": last}
                if row["valid"]:
                    date = dt.date(year, month, day)
                    anchor, serial = SEPTEMBER_1_2023
                    row.update(
                        iso=f"{year}-{month:02d}-{day:02d}",
                        serial=serial + (date - anchor).days,
                        short=f"{day:02d}/{MONTHS[month - 1]}/{year}",
                        line=f"ngày {day:02d} tháng {MONTHS[month - 1]} năm {year}")
                rows.append(row)
    return rows
