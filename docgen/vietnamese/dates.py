"""Vietnamese dates: one reader and one formatter per printed form.

Reading (:func:`read_date`): what a clerk types, a YAML file holds or a
spreadsheet cell carries -- ``01/9/2023``, ``1.9.2023``, ``01-09-2023`` (day,
month, year; ``/ . -``; leading zeros optional), ISO ``2023-09-01`` (what a
date picker sends; a time after it is dropped), an Excel date serial as a
number (``45170``; text of digits is not a date) or a ``date``/``datetime``
(openpyxl's date cells, YAML dates). Anything else is a ``ValueError`` whose
message tells the clerk what is wrong and what is expected.

Printing, by Decree 30/2020/NĐ-CP (../shared/nd30.md, "The date"): days 1-9
get a leading zero, months 1 and 2 are written ``01`` and ``02``, months 3-12
have none:

- the date line (ô 4): ``Gia Lai, ngày 29 tháng 8 năm 2023``; a draft may
  leave the day blank (six spaces) for the clerk to fill at issuance;
- short dates in the body: ``01/9/2023``, ``24/02/2023``;
- day counts: ``campaign_days`` (both ends included) and ``50 ngày, đêm``;
- times stored in UTC as Vietnam reads them: ``14:05 ngày 03/12/2026``;
- "today" is today in Asia/Ho_Chi_Minh, never the server's zone.

The browser's copy (``web/static/js/dates.js``) is tested on the same table
of cases as this module (``tests/date_cases.json``).
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

EXAMPLE = "01/9/2023"
# A short date inside running text (for finding one; read it with read_date).
# One separator throughout: "10-12/2023" is a span of months, not a date.
SHORT_DATE_PATTERN = r"(?:\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\.\d{1,2}\.\d{4}|\d{1,2}-\d{1,2}-\d{4})"

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")  # the time of day is dropped
_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 is 1900-01-01 (Excel counts a 29/02/1900 that never was)
_SERIALS = range(61, 2958466)  # 01/3/1900 .. 31/12/9999; earlier serials are off by Excel's phantom day
_DRAFT_DAY = " " * 6


def read_date(value) -> dt.date:
    """A date from text, a spreadsheet cell or a YAML value; ``ValueError``
    with a Vietnamese message for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"“{value}” không phải là ngày (ghi ngày/tháng/năm, vd. {EXAMPLE})")
    if isinstance(value, (int, float)):
        return _from_serial(value)
    if not isinstance(value, str):
        raise ValueError(f"cần ngày dạng ngày/tháng/năm, vd. {EXAMPLE}")
    text = value.strip()
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    elif match := _ISO.fullmatch(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        raise ValueError(f"“{text}” không phải là ngày (ghi ngày/tháng/năm, vd. {EXAMPLE})")
    return _calendar_date(year, month, day, text)


def _calendar_date(year: int, month: int, day: int, text: str) -> dt.date:
    if not 1 <= month <= 12:
        raise ValueError(f"ngày “{text}” không có trong lịch: tháng {month} không có (tháng từ 1 đến 12)")
    try:
        return dt.date(year, month, day)
    except ValueError:
        pass
    if year < dt.MINYEAR:
        raise ValueError(f"ngày “{text}” không có trong lịch: năm {year} không có")
    last = days_in_month(year, month)
    raise ValueError(f"ngày “{text}” không có trong lịch: tháng {month}/{year} có ngày 1 đến {last}")


def _from_serial(serial: int | float) -> dt.date:
    if serial != serial or int(serial) not in _SERIALS:  # NaN, or outside what Excel dates cover
        raise ValueError(f"số {serial} không phải là ngày của Excel (ghi ngày/tháng/năm, vd. {EXAMPLE})")
    return _EXCEL_EPOCH + dt.timedelta(days=int(serial))  # a time of day (the fraction) is dropped


def days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


# --- printed forms -------------------------------------------------------------------


def day_text(day: int) -> str:
    """Day as written in a date: ``01`` .. ``09``, then ``10`` .. ``31``."""
    if not 1 <= day <= 31:
        raise ValueError(f"day must be 1..31, got {day!r}")
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Month as written in a date: ``01``, ``02``, then ``3`` .. ``12``."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1..12, got {month!r}")
    return f"{month:02d}" if month <= 2 else str(month)


def date_line(place: str, year: int | dt.date, month: int | None = None, day: int | None = None) -> str:
    """The place and date line (ô 4): ``Gia Lai, ngày 29 tháng 8 năm 2023``;
    with no day (a draft) the day is six spaces: ``Đắk Lắk, ngày      tháng 6
    năm 2026``; with no place, the date alone: ``ngày 29 tháng 8 năm 2023``
    (as in "Kế hoạch số … ngày … của …"). The date is a ``datetime.date`` or
    year, month and an optional day."""
    if isinstance(year, dt.date):
        year, month, day = year.year, year.month, year.day
    if month is None:
        raise ValueError("date_line needs a month")
    _calendar_date(year, month, day or 1, f"{day or 1}/{month}/{year}")  # refuses 30/02
    shown = f" {day_text(day)} " if day else _DRAFT_DAY
    text = f"ngày{shown}tháng {month_text(month)} năm {year}"
    return f"{place}, {text}" if place else text


WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def weekday(date: dt.date) -> str:
    """``thứ Bảy``, ``Chủ nhật``: the day of the week as a text writes it."""
    return WEEKDAYS[date.weekday()]


def short_date(date: dt.date) -> str:
    """A date in the body, a table or a message: ``01/9/2023``, ``24/02/2023``."""
    return f"{day_text(date.day)}/{month_text(date.month)}/{date.year}"


def excel_date_format(date: dt.date) -> str:
    """The number format that shows ``date`` in a spreadsheet cell as
    :func:`short_date` writes it (the cell stays a date)."""
    return "DD/MM/YYYY" if date.month <= 2 else "DD/M/YYYY"


def campaign_days(start: dt.date, end: dt.date) -> int:
    """Days from ``start`` to ``end``, both included (01/9/2023 to
    20/10/2023 is 50 days)."""
    if end < start:
        raise ValueError(f"ngày kết thúc ({short_date(end)}) trước ngày bắt đầu ({short_date(start)})")
    return (end - start).days + 1


def days_text(days: int) -> str:
    """``50 ngày, đêm``."""
    return f"{days} ngày, đêm"


# --- Vietnam's clock -------------------------------------------------------------------


def vietnam_today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in Vietnam (Asia/Ho_Chi_Minh); ``now`` is an aware time
    (tests inject it), else the clock."""
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        raise ValueError("now must carry its time zone")
    return now.astimezone(VIETNAM).date()


def vietnam_time(moment: dt.datetime) -> str:
    """A time as Vietnam reads it: ``14:05 ngày 03/12/2026``. A naive time is
    UTC (the database stores UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(VIETNAM)
    return f"{local:%H:%M} ngày {short_date(local.date())}"
