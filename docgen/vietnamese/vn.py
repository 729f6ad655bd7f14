"""Vietnamese language layer for official documents (Decree 30/2020/NĐ-CP).

Numbers in words (the written reading used in accounting documents)
-------------------------------------------------------------------
- Digits are read in groups of three from the right. Scales are ``nghìn``
  (10^3), ``triệu`` (10^6) and ``tỷ`` (10^9); the count of ``tỷ`` is itself
  read as a number, so 10^12 is ``một nghìn tỷ``, 10^15 ``một triệu tỷ`` and
  1.001 * 10^12 ``một nghìn không trăm linh một tỷ``.
- The leading group is read as it is (``năm``, ``mười hai``); every later
  non-zero group is read in full three digits, with ``không trăm`` for a zero
  hundreds digit (1010 -> ``một nghìn không trăm mười``). Groups that are
  entirely zero are skipped (1.000.001 -> ``một triệu không trăm linh một``).
- A zero tens digit before a non-zero unit reads ``linh`` (105 -> ``một trăm
  linh năm``). 10-19 read ``mười ...``; 20-99 read ``<digit> mươi ...``.
- Units after a tens digit: 1 reads ``mốt`` and 4 reads ``tư`` when the tens
  digit is 2 or more (21 ``hai mươi mốt``, 24 ``hai mươi tư``, but 11 ``mười
  một``, 14 ``mười bốn``); 5 reads ``lăm`` after any tens digit (15 ``mười
  lăm``, 25 ``hai mươi lăm``) but ``năm`` alone or after ``linh``.
- Negative numbers start with ``âm``.
- Decimals: integer part, ``phẩy``, then the fraction with trailing zeros
  dropped (35,90 = 35,9). Each leading zero of the fraction reads ``không``;
  the remaining digits are read as a number when there are at most three of
  them (2,25 -> ``hai phẩy hai mươi lăm``, 1,05 -> ``một phẩy không năm``),
  otherwise digit by digit (3,14159 -> ``ba phẩy một bốn một năm chín``).
  Strings use Python's decimal syntax (``"35.90"``), never a decimal comma.

Dates are in :mod:`docgen.vietnamese.dates` (one reader, one formatter per printed
form); the Jinja filters ``vn_date`` and ``short_date`` come from there.

Figures
-------
``.`` separates thousands and ``,`` is the decimal mark (``1.234,50``); every
rounding is half up (away from zero on a tie) on exact values.

Reading figures (:func:`read_figure`, the one reader of every figure a clerk
types, pastes, uploads or imports): each text is read in both conventions,
the Vietnamese (``1.234,5``) and the English one an English-locale Excel
copies (``1,234.5``); spaces between groups are ignored, a leading group of
a grouped number is 1-3 digits and not 0.

- A text with one reading, or the same value in both (``1240``), is that
  value: ``1.234,5``, ``1.234.567``, ``12,5``, ``0,240`` are Vietnamese;
  ``1,234.5``, ``1,234,567``, ``12.5``, ``0.75`` are English (Vietnamese
  never groups by one or two digits, so ``12.5`` has no other reading).
- A lone separator followed by exactly three digits reads two ways.
  ``1.240`` is 1240, as Vietnamese clerks group thousands and docgen prints
  them. ``1,240`` (and ``12,500``) is refused (:class:`AmbiguousFigure`, a
  message offering both readings) unless a convention is given.
- A convention comes from a whole block (a paste, an uploaded sheet, a Word
  table: :func:`block_convention`): when every figure of the block that
  tells one agrees, the figures that read two ways follow it. A figure tells
  the convention when it reads one way only and shows what its comma is for
  (``1,234.5``, ``1,234,567``: English; ``12,5``, ``1.234,5``: Vietnamese)
  or groups with dots (``1.234.567``). A lone decimal point (``76.62``)
  tells nothing: Vietnamese documents print rates that way while grouping
  thousands with dots (seed 002: ``16.283`` beside ``76.62%``).

Sorting
-------
Alphabet: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y, with the
foreign letters f j w z in their Latin places. The letters of the whole string
are compared first, then the tones (none, huyền, hỏi, ngã, sắc, nặng);
case and Unicode normalisation are ignored.

Importing this module also replaces num2words' Vietnamese converter, whose
readings are wrong (``lẻ``, no ``không trăm``, no ``tư``).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction

import num2words as _num2words
from num2words.lang_VI import Num2Word_VI

from . import dates

# --- numbers in words ----------------------------------------------------------

_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUP_SCALES = ("", "nghìn", "triệu")
_BILLION = 10**9


def _tens_and_units(n: int) -> str:
    """Reading of 1..99 (never 0)."""
    tens, unit = divmod(n, 10)
    if tens == 0:
        return _DIGITS[unit]
    words = ["mười" if tens == 1 else f"{_DIGITS[tens]} mươi"]
    if unit == 1 and tens >= 2:
        words.append("mốt")
    elif unit == 4 and tens >= 2:
        words.append("tư")
    elif unit == 5:
        words.append("lăm")
    elif unit:
        words.append(_DIGITS[unit])
    return " ".join(words)


def _group_words(n: int, full: bool) -> str:
    """Reading of a three-digit group 1..999; ``full`` reads every digit
    (``không trăm``, ``linh``) as a group after the leading one."""
    hundreds, rest = divmod(n, 100)
    if not full and hundreds == 0:
        return _tens_and_units(rest)
    words = [f"{_DIGITS[hundreds]} trăm"]
    if 0 < rest < 10:
        words.append(f"linh {_DIGITS[rest]}")
    elif rest:
        words.append(_tens_and_units(rest))
    return " ".join(words)


def _below_billion(n: int, leading: bool) -> list[str]:
    words: list[str] = []
    for index in (2, 1, 0):
        group = n // 1000**index % 1000
        if group:
            words.append(_group_words(group, full=bool(words) or not leading))
            if _GROUP_SCALES[index]:
                words.append(_GROUP_SCALES[index])
    return words


def _natural_words(n: int, leading: bool = True) -> list[str]:
    if n >= _BILLION:
        billions, rest = divmod(n, _BILLION)
        return [*_natural_words(billions, leading), "tỷ", *_below_billion(rest, leading=False)]
    return _below_billion(n, leading)


def _integer_words(n: int) -> str:
    if n == 0:
        return _DIGITS[0]
    words = " ".join(_natural_words(abs(n)))
    return f"âm {words}" if n < 0 else words


def _fraction_words(digits: str) -> str:
    """Digits after the decimal mark, trailing zeros already dropped."""
    significant = digits.lstrip("0")
    zeros = [_DIGITS[0]] * (len(digits) - len(significant))
    if len(significant) <= 3:
        rest = [_integer_words(int(significant))]
    else:
        rest = [_DIGITS[int(d)] for d in significant]
    return " ".join(zeros + rest)


def _as_decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, float):
        number = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    else:
        raise TypeError(f"expected a number, got {type(value).__name__}")
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


def number_to_words(n: int | float | Decimal | str) -> str:
    """Vietnamese reading of an integer or a decimal number.

    >>> number_to_words(684037)
    'sáu trăm tám mươi tư nghìn không trăm ba mươi bảy'
    >>> number_to_words("35.90")
    'ba mươi lăm phẩy chín'
    """
    if isinstance(n, bool):
        raise TypeError("cannot read a bool in words")
    if isinstance(n, int):
        return _integer_words(n)
    number = _as_decimal(n)
    whole, _, fraction = format(abs(number), "f").partition(".")
    fraction = fraction.rstrip("0")
    words = _integer_words(int(whole))
    if fraction:
        words = f"{words} phẩy {_fraction_words(fraction)}"
    return f"âm {words}" if number < 0 else words


def amount_in_words(n: int | float | Decimal | str) -> str:
    """The ``Bằng chữ:`` line of a sum of money: ``Một trăm năm mươi triệu đồng``."""
    words = number_to_words(n)
    return f"{words[0].upper()}{words[1:]} đồng"


class Num2WordVietnamese(Num2Word_VI):
    """num2words converter for ``lang="vi"`` using :func:`number_to_words`."""

    def str_to_number(self, value: str) -> Decimal:
        return _as_decimal(value)

    def to_cardinal(self, number) -> str:
        return number_to_words(number)

    def to_ordinal(self, number) -> str:
        """``thứ nhất``, ``thứ hai``, ``thứ tư``, ``thứ mười``."""
        special = {1: "nhất", 4: "tư"}
        return f"thứ {special.get(number) or number_to_words(number)}"

    def to_ordinal_num(self, number) -> str:
        return f"thứ {number}"

    def to_year(self, number, **kwargs) -> str:
        return number_to_words(number)

    def to_currency(self, value, currency: str = "VND", **kwargs) -> str:
        if currency != "VND":
            raise NotImplementedError(f"currency {currency!r} is not supported for Vietnamese")
        return f"{number_to_words(value)} đồng"


_num2words.CONVERTER_CLASSES["vi"] = Num2WordVietnamese()

# --- figures ---------------------------------------------------------------------


def _exact(x) -> Fraction:
    if isinstance(x, bool):
        raise TypeError("expected a number, got a bool")
    if isinstance(x, (int, Fraction)):
        return Fraction(x)
    return Fraction(_as_decimal(x))


def _round_exact(q: Fraction) -> int:
    """Round half up (away from zero on a tie)."""
    magnitude = abs(q)
    rounded = (2 * magnitude.numerator + magnitude.denominator) // (2 * magnitude.denominator)
    return -rounded if q < 0 else rounded


def round_half_up(x: int | float | Decimal | Fraction | str) -> int:
    """76.5 -> 77, 8769.22 -> 8769, -0.5 -> -1; exact for Fraction/Decimal."""
    return _round_exact(_exact(x))


def format_number(x: int | float | Decimal | Fraction | str, decimals: int = 0) -> str:
    """``1.248.912``; ``format_number(1234.5, 2)`` -> ``1.234,50``."""
    if decimals < 0:
        raise ValueError("decimals must be >= 0")
    scaled = _round_exact(_exact(x) * 10**decimals)
    whole, fraction = divmod(abs(scaled), 10**decimals)
    text = f"{whole:,}".replace(",", ".")
    if decimals:
        text += f",{fraction:0{decimals}d}"
    return f"-{text}" if scaled < 0 else text


def format_percent(ratio: int | float | Decimal | Fraction | str, decimals: int = 2) -> str:
    """A fraction as a percentage: 0.359 -> ``35,90%``."""
    return f"{format_number(_exact(ratio) * 100, decimals)}%"


# --- reading figures ---------------------------------------------------------------

VIETNAMESE, ENGLISH = "vi", "en"
CONVENTION_NAMES = {VIETNAMESE: "kiểu Việt Nam", ENGLISH: "kiểu tiếng Anh"}

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_SIGNED = re.compile(r"([-+\u2212]?)(\d[\d.,]*|[.,]\d+)")


# A figure in one convention: a whole part, plain (1240) or grouped by the
# thousands mark (1.240, a leading group of 1-3 digits, not 0), then the
# decimal mark and digits; ",5" and ".5" have no whole part.
_CONVENTIONS = {
    VIETNAMESE: (".", re.compile(r"(\d+|[1-9]\d{0,2}(?:\.\d{3})+)?(?:,(\d+))?")),
    ENGLISH: (",", re.compile(r"(\d+|[1-9]\d{0,2}(?:,\d{3})+)?(?:\.(\d+))?")),
}


def _reading(text: str, convention: str) -> Decimal | None:
    """The value of ``text`` (no sign) in ``convention``; None when it is
    not written that way."""
    group, pattern = _CONVENTIONS[convention]
    match = pattern.fullmatch(text)
    if not match:
        return None
    whole, fraction = match.group(1) or "0", match.group(2)
    whole = whole.replace(group, "")
    return Decimal(f"{whole}.{fraction}" if fraction else whole)


@dataclass(frozen=True)
class FigureReadings:
    """What a figure's ``text`` stands for in each convention (None: it is
    not written that way): ``1,240`` is 1240 in English, 1,24 in Vietnamese."""

    text: str
    vi: Decimal | None
    en: Decimal | None

    @property
    def convention(self) -> str | None:
        """The convention the text shows, when it reads one way only."""
        if self.vi is not None and self.en is not None:
            return None
        return VIETNAMESE if self.vi is not None else ENGLISH

    @property
    def two_ways(self) -> bool:
        return self.vi is not None and self.en is not None and self.vi != self.en

    def value(self, convention: str | None = None) -> Decimal:
        """The value in ``convention`` (the only one when there is one;
        ``1.240`` is 1240 when no convention is given); raises
        :class:`AmbiguousFigure` for ``1,240`` without one."""
        if not self.two_ways:
            return self.vi if self.vi is not None else self.en
        if convention == ENGLISH:
            return self.en
        if convention == VIETNAMESE or "," not in self.text:
            return self.vi
        raise AmbiguousFigure(self.text, self.en, self.vi)


class NotAFigure(ValueError):
    """A text that is not a figure in either convention."""


class AmbiguousFigure(ValueError):
    """A figure that reads two ways (``1,240``: 1.240 or 1,24). The message,
    for the clerk, offers both: “1,240” chưa rõ là số nào: viết 1.240 nếu là
    một nghìn hai trăm bốn mươi, hoặc 1,24 nếu là một phẩy hai mươi tư."""

    def __init__(self, text: str, grouped: Decimal, decimal: Decimal, suffix: str = ""):
        self.text, self.grouped, self.decimal = text, grouped, decimal
        unit = " phần trăm" if suffix else ""
        super().__init__(
            f"“{text}{suffix}” chưa rõ là số nào: viết {figure_text(grouped)}{suffix} nếu là "
            f"{number_to_words(grouped)}{unit}, hoặc {figure_text(decimal)}{suffix} nếu là "
            f"{number_to_words(decimal)}{unit}")


@functools.lru_cache(maxsize=65536)  # a pasted block's figures are read several times over
def figure_readings(text: str) -> FigureReadings:
    """Both readings of ``text`` (a sign, digits, ``.`` and ``,``; spaces
    between groups ignored; no ``%``). Raises :class:`NotAFigure`."""
    compact = _SPACES.sub("", str(text))
    match = _SIGNED.fullmatch(compact)
    readings = [None, None]
    if match and match.group(2).isdigit():
        readings = [Decimal(match.group(2))] * 2
    elif match:
        body = match.group(2)
        readings = [_reading(body, VIETNAMESE), _reading(body, ENGLISH)]
    if readings == [None, None]:
        raise NotAFigure(f"“{text}” không phải là số")
    if match.group(1) in ("-", "\u2212"):
        readings = [None if r is None else -r for r in readings]
    return FigureReadings(compact, *readings)


def read_figure(text: str, convention: str | None = None) -> Decimal:
    """The exact value of a figure as a Vietnamese clerk means it (see
    "Reading figures" above): ``"1.240"`` -> 1240, ``"1.234,5"`` -> 1234.5,
    ``"12.5"`` -> 12.5; ``"1,240"`` raises :class:`AmbiguousFigure` unless
    ``convention`` (``"vi"`` or ``"en"``, from :func:`block_convention`)
    says how to read it; not a figure: :class:`NotAFigure`."""
    return figure_readings(text).value(convention)


@dataclass(frozen=True)
class BlockConvention:
    """How the figures of a block are written: ``convention`` when every
    figure that tells one agrees (None when none does, or when they
    disagree: ``mixed``); an example of each convention seen."""

    convention: str | None
    examples: dict[str, str]
    two_ways: list[str]  # figures that read two ways, as written

    @property
    def mixed(self) -> bool:
        return len(self.examples) > 1


def block_convention(texts) -> BlockConvention:
    """The convention of a block's figures (texts that are not figures, and
    numbers, say nothing)."""
    examples: dict[str, str] = {}
    two_ways: list[str] = []
    for text in texts:
        if not isinstance(text, str):
            continue
        try:
            readings = figure_readings(text.strip().rstrip("%"))
        except NotAFigure:
            continue
        if readings.two_ways:
            two_ways.append(text.strip())
        elif readings.convention and ("," in readings.text or readings.text.count(".") > 1):
            examples.setdefault(readings.convention, text.strip())
    convention = next(iter(examples)) if len(examples) == 1 else None
    return BlockConvention(convention, examples, two_ways)


def figure_text(x: int | float | Decimal | Fraction | str, decimals: int = 0) -> str:
    """A figure's normalised Vietnamese form, exact (every significant
    decimal, at least ``decimals``, no rounding) and read back by
    :func:`read_figure` as the same value: 1240 -> ``1.240``, 1234.5 ->
    ``1.234,5``, 1.245 -> ``1,2450`` (``1,245`` would read two ways). What the
    editor shows in a cell it has read (static/js/figures.js writes the
    same, tested on one table of cases)."""
    if isinstance(x, Fraction):  # exact when its decimal expansion ends
        number = Decimal(x.numerator) / Decimal(x.denominator)
    elif isinstance(x, int) and not isinstance(x, bool):
        number = Decimal(x)
    else:
        number = _as_decimal(x)
    whole, _, fraction = format(abs(number), "f").partition(".")
    fraction = fraction.rstrip("0").ljust(decimals, "0")
    if len(fraction) == 3 and 0 < int(whole) < 1000:
        fraction += "0"  # 1,245 would read two ways: 1,2450 reads back as it was read
    text = f"{int(whole):,}".replace(",", ".") + (f",{fraction}" if fraction else "")
    return f"-{text}" if number < 0 and (int(whole) or fraction.strip("0")) else text


_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


@functools.lru_cache(maxsize=4000, typed=True)  # typed: roman(True) is refused, not roman(1)
def roman(n: int) -> str:
    """Roman numeral of 1..3999 (section and appendix numbers)."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 3999:
        raise ValueError(f"roman numerals cover integers 1..3999, got {n!r}")
    out = []
    for value, symbol in _ROMAN:
        count, n = divmod(n, value)
        out.append(symbol * count)
    return "".join(out)


def from_roman(numeral: str) -> int | None:
    """``"IV"`` -> 4; None for anything that is not a canonical numeral of
    1..3999 (as :func:`roman` writes it)."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    if not numeral or any(ch not in values for ch in numeral):
        return None
    total = 0
    for here, after in zip(numeral, numeral[1:] + " "):
        value = values[here]
        total += -value if after != " " and values[after] > value else value
    return total if 0 < total < 4000 and roman(total) == numeral else None


# --- sorting and text --------------------------------------------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# Tone marks (combining, after NFD) in sorting order: huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def _letters(s: str) -> list[tuple[str, str, int]]:
    """(base character, its other marks, tone rank) for each character of the
    case-folded, decomposed string."""
    chars: list[list] = []
    for ch in unicodedata.normalize("NFD", s.casefold()):
        if ch in _TONES and chars:
            chars[-1][2] = _TONES[ch]
        elif unicodedata.combining(ch) and chars:
            chars[-1][1] += ch
        else:
            chars.append([ch, "", 0])
    return [tuple(c) for c in chars]


def _primary(base: str, marks: str) -> tuple[int, int, int]:
    letter = nfc(base + marks)
    if letter in _LETTER_RANK:
        return (2, _LETTER_RANK[letter], 0)
    if base in _LETTER_RANK:  # a Latin letter with a foreign mark: after the bare letter
        return (2, _LETTER_RANK[base], ord(marks[0]))
    if base.isdigit():
        return (1, ord(base), 0)
    if base.isalpha():
        return (3, ord(base), 0)
    return (0, ord(base), 0)  # spaces and punctuation before everything


def sort_key(s: str) -> tuple:
    """Key for Vietnamese alphabetical order (letters, then tones)."""
    letters = _letters(s)
    return (tuple(_primary(base, marks) for base, marks, _ in letters),
            tuple(tone for _, _, tone in letters))


def upper_vn(s: str) -> str:
    """``Ủy ban nhân dân tỉnh`` -> ``ỦY BAN NHÂN DÂN TỈNH`` (NFC, tones kept)."""
    return nfc(nfc(s).upper())


@functools.lru_cache(maxsize=4096)  # level words and names, compared again and again
def _tone_canonical(s: str) -> str:
    """Decomposed text with each word's tone mark moved to the end of the word,
    so that old (``hòa``, ``thủy``) and new (``hoà``, ``thuỷ``) placements
    give the same string."""
    out: list[str] = []
    tones: list[str] = []
    for ch in unicodedata.normalize("NFD", s):
        if ch in _TONES:
            tones.append(ch)
            continue
        if not (ch.isalpha() or unicodedata.combining(ch)):
            out += tones
            tones = []
        out.append(ch)
    return "".join(out + tones)


def same_text(a: str, b: str, *, casefold: bool = False) -> bool:
    """Equal up to Unicode normalisation and tone placement (``Hòa`` == ``Hoà``);
    case matters unless ``casefold`` is true."""
    a, b = _tone_canonical(a), _tone_canonical(b)
    return a.casefold() == b.casefold() if casefold else a == b


def slug(s: str) -> str:
    """File-name slug: no diacritics, case kept, words joined by ``-``:
    ``UBND xã Lộc Hòa`` -> ``UBND-xa-Loc-Hoa``. May be empty."""
    plain = unicodedata.normalize("NFD", s).replace("đ", "d").replace("Đ", "D")
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return "-".join(re.findall(r"[A-Za-z0-9]+", plain))


# --- Jinja -------------------------------------------------------------------------


def register_filters(env):
    """Add the Vietnamese filters to a Jinja environment and return it."""
    env.filters.update(
        number_words=number_to_words,
        amount_words=amount_in_words,
        vn_date=functools.partial(dates.date_line, ""),
        short_date=dates.short_date,
        number=format_number,
        percent=format_percent,
        roman=roman,
        upper_vn=upper_vn,
        slug=slug,
    )
    return env
