"""The issuing body (ô 2) from the header's lines in capitals: lines a
narrow column wrapped are joined back ("ỦY" / "BAN NHÂN DÂN", "ỦY BAN
NHÂN DÂN TỈNH" / "QUẢNG NGÃI", "PHÒNG VĂN HÓA VÀ" / "THÔNG TIN"), each
join said in a note; the lines are then grouped into bodies (a body starts
with a body's word: ỦY BAN NHÂN DÂN, UBND, SỞ, CÔNG AN …; a level line,
"TỈNH GIA LAI", belongs to the body above it). The last body issues the
document; the one above it, if any, is its parent body."""

from __future__ import annotations

from ...vietnamese.text import clean_line
from ..header import split_issuer
from ..lines import Line
from .model import JOINED, STATED, Found, Note
from .words import BODY_WORDS, fold, starts_body, starts_level

_BODY_PLAINS = tuple(fold(word) for word in BODY_WORDS)


def wrapped(first: str, second: str) -> bool:
    """Whether ``second`` is the rest of ``first``, which a narrow column
    cut: a body's words cut in the middle ("ỦY" / "BAN NHÂN DÂN"), or a
    line that starts neither a body nor a level ("TỈNH QUẢNG" / "NGÃI",
    "PHÒNG VĂN HÓA VÀ" / "THÔNG TIN")."""
    if cut_in_body_words(first, second):
        return True
    return not (starts_body(second) or starts_level(second))


def cut_in_body_words(first: str, second: str) -> bool:
    """``ỦY`` / ``BAN NHÂN DÂN``: a body's opening words cut in the middle."""
    head = fold(first)
    return bool(head) and any(phrase.startswith(head + " ") for phrase in _BODY_PLAINS) and \
        any(fold(first + " " + second).startswith(phrase) for phrase in _BODY_PLAINS)


def read(lines: list[Line], notes: list[Note]) -> tuple[Found | None, Found | None, list[Line]]:
    """(parent body, issuing body, lines that fit neither)."""
    if not lines:
        return None, None, []
    groups: list[list[Line]] = []  # lines of one printed line, wrapped parts joined
    for line in lines:
        if groups and wrapped(_text(groups[-1]), line.text):
            groups[-1].append(line)
        else:
            groups.append([line])
    for group in groups:
        if len(group) > 1:
            shown = " / ".join(f"“{line.text}”" for line in group)
            notes.append(Note(group[0].number, f"tên cơ quan ban hành viết trên {len(group)} dòng ({shown}): "
                              "đã nối lại", "header.issuing_body"))
    bodies: list[list[list[Line]]] = []
    for group in groups:
        text = _text(group)
        styled_parent = "dg parent" in (group[0].style or "").lower()
        if not bodies or starts_body(text) or styled_parent or (bodies and _styled_parent(bodies[-1])):
            bodies.append([group])
        else:
            bodies[-1].append(group)
    issuing = bodies[-1]
    parent = bodies[-2] if len(bodies) > 1 else None
    strays = [line for body in bodies[:-2] for group in body for line in group]
    issuing_lines: list[str] = []
    for group in issuing:
        issuing_lines.extend(split_issuer(_text(group)))
    confidence = JOINED if any(len(group) > 1 for group in issuing) else STATED
    issuing_found = Found(" ".join(issuing_lines), tuple(l for g in issuing for l in g), issuing_lines, confidence)
    parent_found = None
    if parent:
        text = " ".join(_text(group) for group in parent)
        parent_found = Found(text, tuple(l for g in parent for l in g), text)
    return parent_found, issuing_found, strays


def _text(group: list[Line]) -> str:
    return clean_line(" ".join(line.text for line in group))


def _styled_parent(body: list[list[Line]]) -> bool:
    return len(body) == 1 and "dg parent" in (body[0][0].style or "").lower()
