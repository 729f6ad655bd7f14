"""The fixed words of a Decree-30 document the rules look for: the national
name and motto, the words that start a body's name, the number and
place-and-date lines; and ways to compare what clerks type (case,
diacritics, old and new tone placement, spaces and punctuation aside)."""

from __future__ import annotations

import functools
import re
import unicodedata

from ...sheets.table_reading import plain
from ...vietnamese import dates
from ..header import LEVEL_RE
from ..lines import letters_upper

NATION = "cộng hòa xã hội chủ nghĩa việt nam"
MOTTO = "độc lập - tự do - hạnh phúc"
NATION_PLAIN, MOTTO_PLAIN = plain(NATION), plain(MOTTO)

# Words that open the name of a body in a header (ô 2), longest first.
BODY_WORDS = tuple(sorted((
    "ủy ban nhân dân", "uỷ ban nhân dân", "ubnd", "hội đồng nhân dân", "hđnd", "sở", "phòng", "công an", "ban",
    "bộ", "cục", "chi cục", "tổng cục", "trung tâm", "văn phòng", "đảng ủy", "đảng uỷ", "đảng bộ", "tỉnh ủy",
    "huyện ủy", "thành ủy", "bộ chỉ huy", "ban chỉ huy", "ban chỉ đạo", "trường", "bệnh viện", "hội", "đoàn",
    "mặt trận", "ủy ban mặt trận", "liên đoàn", "kho bạc", "chi nhánh", "thanh tra", "tòa án", "viện kiểm sát",
    "đồn", "hạt kiểm lâm", "trạm", "ban quản lý", "công ty", "tổ công tác", "quân sự", "bảo hiểm xã hội",
), key=len, reverse=True))
_BODY_START = re.compile(r"(?:" + "|".join(re.escape(w) for w in BODY_WORDS) + r")(?=\s|$)", re.IGNORECASE)
LEVEL_START = re.compile(rf"(?:{LEVEL_RE})(?=\s|$)", re.IGNORECASE)

# ô 3: "Số: 2314/KH-UBND", "Số:      /KH-UBND", "Số 05/BC-UBND."
SYMBOL = r"[A-ZĐ0-9][A-Za-zĐđ0-9]*(?:\s*-\s*[A-ZĐ0-9][A-Za-zĐđ0-9]*)+"
NUMBER_LINE = re.compile(rf"Số\s*:?\s*(?P<number>\d+)?\s*/\s*(?P<symbol>{SYMBOL})\s*\.?", re.IGNORECASE)
# ô 4: "Gia Lai, ngày 29 tháng 8 năm 2023" (day blank in a draft)
DATE_LINE = re.compile(
    r"(?:(?P<place>[^,\d]{1,60}?)(?:\s*,\s*|\s+))?ngày\s*(?P<day>\d{1,2})?\s*(?:tháng|/)\s*(?P<month>\d{1,2})\s*"
    r"(?:năm|/)\s*(?P<year>\d{4})\s*\.?", re.IGNORECASE)
SHORT_DATE = re.compile(dates.SHORT_DATE_PATTERN)


def fold(text: str) -> str:
    """Lower case, no diacritics, no punctuation: what two spellings share."""
    return plain(text)


def starts_body(text: str) -> bool:
    """``ỦY BAN NHÂN DÂN …``, ``SỞ NỘI VỤ``, ``CÔNG AN XÃ …``: a body's name."""
    return bool(_BODY_START.match(unicodedata.normalize("NFC", text.strip())))


def starts_level(text: str) -> bool:
    """``TỈNH GIA LAI``, ``XÃ HÒA AN``: a level word first."""
    return bool(LEVEL_START.match(text.strip()))


def upper(text: str) -> bool:
    """Written in capitals (a header line, a title)."""
    return letters_upper(text, 0.9)


# --- phrases matched whatever the diacritics ---------------------------------------------

_VOWELS = "aăâeêioôơuưy"


@functools.cache
def _variants(base: str) -> str:
    """Every letter that folds to ``base`` (``a`` -> ``aàáảãạăằ…``)."""
    out = {base}
    for code in range(0x00C0, 0x1EFA):
        ch = chr(code)
        stripped = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if stripped.lower() == base:
            out.add(ch.lower())
    return "".join(sorted(out))


def loose(phrase: str) -> str:
    """A pattern for ``phrase`` that accepts any diacritics on its vowels,
    ``d`` or ``đ``, any spaces, and any dash (or none) where it has one."""
    out = []
    for ch in phrase:
        base = "".join(c for c in unicodedata.normalize("NFD", ch.lower()) if not unicodedata.combining(c))
        if ch.isspace():
            out.append(r"\s+")
        elif ch == "-":
            out.append(r"[-–—]?")
        elif base == "d" or ch.lower() == "đ":
            out.append("[dđ]")
        elif base in _VOWELS:
            out.append(f"[{_variants(base)}]")
        else:
            out.append(re.escape(ch))
    return "".join(out).replace(r"\s+[-–—]?\s+", r"\s*[-–—]?\s*")


NATION_PATTERN = re.compile(loose(NATION), re.IGNORECASE)
MOTTO_PATTERN = re.compile(loose(MOTTO), re.IGNORECASE)


def is_nation(text: str) -> bool:
    return fold(text) == NATION_PLAIN


def is_motto(text: str) -> bool:
    return fold(text) == MOTTO_PLAIN


def part_of(text: str, phrase_plain: str, *, start: bool = False) -> bool:
    """Whether ``text`` is a whole-word part of a fixed phrase (its start
    when ``start``): what is left of the national name or the motto on a
    line when a narrow column wrapped it."""
    words = fold(text).split()
    phrase = phrase_plain.split()
    if not words or len(words) >= len(phrase):
        return False
    for at in range(len(phrase) - len(words) + 1):
        if phrase[at:at + len(words)] == words:
            return not start or at == 0
    return False


def symbol_case(symbol: str) -> str:
    """A symbol in its registered case: ``TTR-UBND`` -> ``TTr-UBND``
    (Appendix III mixes cases: TTr, QyĐ, CTr); a code the registry does not
    know, and the issuer's part, in capitals."""
    from ... import doctypes

    first, dash, rest = symbol.partition("-")
    known = next((t.symbol_prefix for t in doctypes.decree.decree_types(doctypes.ALL.values())
                  if t.symbol_prefix and t.symbol_prefix.casefold() == first.casefold()), None)
    return (known or first.upper()) + dash + rest.upper()
