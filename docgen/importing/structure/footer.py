"""The recipients (Nơi nhận, ô 9b) beside the signer (ô 7): where they
start ("Nơi nhận:", else the signer's authority lines near the end), and
each line told: a recipient ("- Sở Y tế (để báo cáo);"), the archive line
("- Lưu: VT, NC."), an authority line (TM., KT., a position in capitals),
the signer's name, a note of the signature ("(Đã ký)"), or none of these.
A footer table read cell by cell gives its lines in any order; each is
told by what it says."""

from __future__ import annotations

import re

from ...vietnamese.authority import PREFIX_PATTERN
from ...sheets.table_reading import plain
from ..lines import Line, is_rule, letters_upper
from ..source import SourceTable
from .model import Footer, Found

_PURPOSE = re.compile(
    r"(?P<name>.*?)\s*\((?P<purpose>(?:để|đề)\s[^()]*|b/c|t/h|p/h|báo cáo|chỉ đạo|thực hiện|theo dõi|"
    r"phối hợp|biết|thi hành|chỉ đạo thực hiện|phối hợp thực hiện|t/d|th)\)\s*$", re.IGNORECASE)
SIGNED = re.compile(r"\(?\s*(?:đã ký|ký|ký tên|ký,? ghi rõ họ tên|ký,? đóng dấu|ký tên,? đóng dấu)[^)]*\)?",
                    re.IGNORECASE)
PLACEHOLDER = re.compile(r"[.…_ ]{1,20}")  # a name left to fill: "…"
_POSITION = re.compile(
    r"\b(?:CHỦ TỊCH|PHÓ|GIÁM ĐỐC|TRƯỞNG|ỦY BAN|UỶ BAN|UBND|BAN|CHÁNH|VĂN PHÒNG|BÍ THƯ|THỦ TRƯỞNG|TỔNG|CỤC|CÔNG AN|"
    r"ĐỘI|HỘI ĐỒNG|NHÂN DÂN|THƯỜNG TRỰC|CHỈ HUY|ĐOÀN|SỞ|PHÒNG|XÃ|PHƯỜNG|TỈNH|HUYỆN|QUẬN|THỊ|KHU|ĐẶC)\b",
    re.IGNORECASE)
ARCHIVE = re.compile(r"Lưu\s*(?::|VT\b|văn thư\b|hồ sơ\b)", re.IGNORECASE)
_DASHES = ("-", "+", "•", "–")


def is_label(text: str) -> bool:
    """``Nơi nhận:`` (any case, with or without diacritics)."""
    return plain(text[:12]).startswith("noi nhan")


def authority_line(text: str) -> bool:
    if re.match(PREFIX_PATTERN + r"\s*\S", text):
        return letters_upper(text, 0.7)
    return letters_upper(text, 0.9) and len(text) <= 60 and not text.startswith(_DASHES)


def person_name(text: str) -> bool:
    words = text.split()
    return 2 <= len(words) <= 6 and all(w[:1].isupper() for w in words) and not any(c.isdigit() for c in text) \
        and not letters_upper(text, 0.9)


def start(body: list, is_title) -> int:
    """Index of the footer in ``body``: the "Nơi nhận" line, else the
    authority lines near the end (``is_title(line)``: a division's title,
    which is not one)."""
    for index, item in enumerate(body):
        if isinstance(item, Line) and is_label(item.text):
            return index
    archive = next((index for index in range(len(body) - 1, max(-1, len(body) - 30), -1)
                    if isinstance(body[index], Line) and ARCHIVE.match(_bare(body[index].text))), None)
    if archive is not None:  # no label: the recipients end with "Lưu: VT"; the body ended above them with "./."
        for index in range(archive - 1, max(-1, archive - 25), -1):
            item = body[index]
            if isinstance(item, Line) and item.text.rstrip().endswith("./."):
                return index + 1
        first = archive
        while first > 0 and isinstance(body[first - 1], Line) and (
                body[first - 1].text.startswith(_DASHES) or authority_line(body[first - 1].text)):
            first -= 1
        return first
    for index in range(len(body) - 1, max(-1, len(body) - 8), -1):
        item = body[index]
        if isinstance(item, Line) and re.match(PREFIX_PATTERN + r"\s", item.text) and authority_line(item.text):
            first = index
            while first > 0 and isinstance(body[first - 1], Line) and authority_line(body[first - 1].text) \
                    and not is_title(body[first - 1]):
                first -= 1
            return first
    return len(body)


def _bare(text: str) -> str:
    return re.sub(r"^[-+•–]\s*", "", text)


def recipient(text: str) -> tuple[str, str | None]:
    """``Sở Y tế (để báo cáo);`` -> ("Sở Y tế", "để báo cáo")."""
    text = text.strip().rstrip(";.,").strip()
    match = _PURPOSE.fullmatch(text)
    if match and match.group("name").strip():
        return match.group("name").strip(), match.group("purpose").strip()
    return text, None


def read(items: list) -> Footer:
    footer = Footer()
    at: dict[int, int] = {}  # id(line) -> its index in ``items``
    for index, item in enumerate(items):
        at[id(item)] = index
        if isinstance(item, SourceTable):
            footer.tables.append(item)
            continue
        text = item.text
        if is_label(text) or is_rule(text):
            rest = re.sub(r"^\W*Nơi nhận\s*:?\s*", "", text, flags=re.IGNORECASE)
            if is_label(text) and footer.label is None:
                footer.label = item
            if not rest or rest == text or is_rule(text):
                continue
            text = rest
        bare = _bare(text)
        if ARCHIVE.match(bare):
            archive = re.sub(r"^Lưu\s*:?\s*", "", bare, flags=re.IGNORECASE).rstrip(".").strip()
            footer.archive = Found(text, (item,), archive)
            continue
        if text.startswith(_DASHES):
            footer.recipients.append(Found(text, (item,), recipient(bare)))
            continue
        if SIGNED.fullmatch(text):
            footer.signed.append(item)
            continue
        if authority_line(text) and footer.name is None:
            footer.authority.append(item)
            continue
        if footer.authority and footer.name is None and (person_name(text) or PLACEHOLDER.fullmatch(text)):
            footer.name = item
            continue
        footer.strays.append(item)
    if footer.name is None and len(footer.authority) >= 2 and name_in_capitals(footer.authority[-1].text):
        footer.name = footer.authority.pop()
    if footer.name is None and footer.authority and footer.strays:
        # the one line below the authority lines, last of the signature: where the name is printed, even
        # when what is typed there is not shaped like a person's name ("Chủ tịch UBND"); the importer says so
        last = footer.strays[-1]
        below = [line for line in footer.strays if at[id(line)] > at[id(footer.authority[-1])]]
        if below == [last] and at[id(last)] == max(at[id(line)] for line in footer.authority + footer.strays) \
                and name_slot(last.text):
            footer.name = footer.strays.pop()
    return footer


def name_slot(text: str) -> bool:
    """A short line that may stand where the signer's name is printed: no
    sentence, figure or list mark."""
    text = text.strip()
    return 1 <= len(text.split()) <= 6 and not any(c.isdigit() for c in text) and not text.endswith((".", ":", ";")) \
        and not text.startswith(_DASHES)


def name_in_capitals(text: str) -> bool:
    """``NGUYỄN VĂN AN`` under the authority lines: a name, not a position."""
    words = text.split()
    return 2 <= len(words) <= 6 and not re.match(PREFIX_PATTERN, text) and not _POSITION.search(text) \
        and not any(c.isdigit() for c in text)
