"""Pure parsing of what a plan prints: Vietnamese figures (``687.034``,
``35,90%``), short dates (``02/3/2025``), date ranges, deadlines, campaign
lengths (``90 ngày, đêm``), Roman numerals.

:mod:`docgen.vietnamese.vn` formats; this module reads back what was formatted (or typed
by hand in Word). Figures are exact (:class:`~decimal.Decimal`) so that a
percentage can be compared with the ratio it claims to be.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from ..base.memo import short_text_cache
from ..vietnamese import dates, vn

# --- figures -----------------------------------------------------------------------

_FIGURE = re.compile(
    r"(?<![\w.,/])"
    r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
    r"(\s?%)?"
    r"(?![\w/]|[.,]\d)"
)


@dataclass(frozen=True)
class Figure:
    value: Decimal
    text: str  # as printed, without the % sign
    start: int
    end: int
    percent: bool
    decimal_point: bool  # written with "." as the decimal mark (76.62%), not the Vietnamese ","

    @property
    def decimals(self) -> int:
        mark = "." if self.decimal_point else ","
        return len(self.text.rpartition(mark)[2]) if mark in self.text else 0


def parse_figure(text: str) -> tuple[Decimal, bool]:
    """``"687.034"`` -> (687034, False); ``"35,90"`` -> (35.90, False);
    ``"76.62"`` -> (76.62, True): a printed figure read by the one reader of
    figures (:func:`docgen.vietnamese.vn.figure_readings`) the way a Vietnamese document
    means it (``1,240`` is 1,24 here: what the document prints is checked,
    not asked about); a point that does not group thousands is read as a
    decimal point, and the flag says so."""
    try:
        readings = vn.figure_readings(text.strip().rstrip("%").strip())
    except vn.NotAFigure:
        raise ValueError(f"not a Vietnamese figure: {text!r}") from None
    if readings.vi is not None:
        return readings.vi, False
    return readings.en, True


def mask_dates(text: str) -> str:
    """The text with dates (``01/9/2023``) and document numbers
    (``2314/KH-UBND``, ``11-CT/TU``) blanked out, same length, so that
    figures are not read inside them."""
    text = _SHORT_DATE.sub(lambda m: " " * len(m.group()), text)
    return re.sub(r"[\w.-]*\d[\w.-]*/[A-ZĐ][\w/.-]*", lambda m: " " * len(m.group()), text)


@short_text_cache  # a batch's documents share most paragraphs
def figures(text: str) -> tuple[Figure, ...]:
    """Every figure printed in ``text``, dates and document numbers excepted."""
    out = []
    for match in _FIGURE.finditer(mask_dates(text)):
        value, point = parse_figure(match.group(1))
        out.append(Figure(value, match.group(1), match.start(), match.end(), bool(match.group(2)), point))
    return tuple(out)


_RATIO = re.compile(r"\(?\s*(\d{1,3}(?:\.\d{3})+|\d+)\s*/\s*(\d{1,3}(?:\.\d{3})+|\d+)")


def ratio_after(text: str, at: int, within: int = 45) -> tuple[Decimal, Decimal] | None:
    """The ``a/b`` written right after position ``at`` (``35,90% so với chỉ
    tiêu được giao (245.576/684.037 tài khoản)``), if any."""
    match = _RATIO.search(text, at, at + within + 30)
    if not match or match.start() - at > within or "(" not in text[at:match.end()]:
        return None
    return parse_figure(match.group(1))[0], parse_figure(match.group(2))[0]


# --- dates ---------------------------------------------------------------------------

_DATE = rf"({dates.SHORT_DATE_PATTERN})"
_SHORT_DATE = re.compile(rf"(?<!\d){dates.SHORT_DATE_PATTERN}(?!\d)")
_RANGE = re.compile(
    rf"từ\s+ngày\s+{_DATE}\s*,?\s*(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?{_DATE}", re.IGNORECASE
)
_DEADLINE = re.compile(
    rf"(trước|chậm nhất|hạn chót|trong)\s+(?:là\s+)?ngày\s+{_DATE}", re.IGNORECASE
)
_CAMPAIGN_DAYS = re.compile(r"(?<!\d)(\d{1,3})\s+ngày\s*,\s*đêm", re.IGNORECASE)
_LONG_DATE = re.compile(r"ngày\s*(\S*?)\s*tháng\s+(\S+)\s+năm\s+(\d{4})")


def _date_or_none(text: str) -> dt.date | None:
    try:
        return dates.read_date(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class DateRange:
    start: dt.date
    end: dt.date
    at: int
    text: str

    @property
    def days(self) -> int:
        return dates.campaign_days(self.start, self.end)

    def __str__(self) -> str:
        return f"{dates.short_date(self.start)} - {dates.short_date(self.end)}"


@short_text_cache
def date_ranges(text: str) -> tuple[DateRange, ...]:
    """``từ ngày 01/9/2023 đến hết ngày 20/10/2023`` and its variants."""
    out = []
    for match in _RANGE.finditer(text):
        start, end = _date_or_none(match.group(1)), _date_or_none(match.group(2))
        if start and end and start <= end:  # one that ends before it starts is no range
            out.append(DateRange(start, end, match.start(), match.group()))
    return tuple(out)


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    at: int
    text: str


@short_text_cache
def deadlines(text: str) -> tuple[Deadline, ...]:
    """``trước ngày 05/9/2023``, ``chậm nhất ngày …``, ``trong ngày …``."""
    out = []
    for match in _DEADLINE.finditer(text):
        date = _date_or_none(match.group(2))
        if date:
            out.append(Deadline(date, match.start(), match.group()))
    return tuple(out)


def declared_days(text: str) -> list[int]:
    """The N of every ``N ngày, đêm`` in ``text`` (a campaign's declared
    length; :func:`docgen.vietnamese.dates.campaign_days` counts the days of a range)."""
    return [int(m.group(1)) for m in _CAMPAIGN_DAYS.finditer(text)]


@dataclass(frozen=True)
class LongDate:
    """The date of the place-and-date line as written: ``ngày 05 tháng 02
    năm 2024``; ``day`` is empty in a draft."""

    day: str
    month: str
    year: int


def long_date(line: str) -> LongDate | None:
    match = _LONG_DATE.search(line)
    if not match:
        return None
    return LongDate(match.group(1), match.group(2), int(match.group(3)))


# --- numerals and text ------------------------------------------------------------------


def from_roman(numeral: str) -> int | None:
    """``"IV."`` -> 4; None for anything that is not a canonical numeral."""
    return vn.from_roman(numeral.strip().rstrip("."))


@short_text_cache
def fold(text: str) -> str:
    """Case-folded NFC text with single spaces, for comparisons."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())
