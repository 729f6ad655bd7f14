""""Kính gửi" (ô 9a) under the subject: "Kính gửi: Bộ Nội vụ" on one
line, or "Kính gửi:" and one dash line per addressee. Read for the types
that have it (the registry's ``addressees``)."""

from __future__ import annotations

from ...document.context import ADDRESSEE_LABEL
from ...sheets.table_reading import plain
from ..lines import Line, is_rule
from .model import STATED, Found

_LABEL = plain(ADDRESSEE_LABEL.rstrip(":"))
_DASHES = ("-", "–", "•", "+")


def is_label(text: str) -> bool:
    return plain(text[:len(ADDRESSEE_LABEL) + 2]).startswith(_LABEL)


def read(items: list) -> tuple[Found | None, int]:
    """The addressees at the start of ``items`` (rules skipped) and the
    index after them; value: the names, without their punctuation."""
    at = 0
    while at < len(items) and isinstance(items[at], Line) and (is_rule(items[at].text) or not items[at].text.strip()):
        at += 1
    if at >= len(items) or not isinstance(items[at], Line) or not is_label(items[at].text):
        return None, 0
    label = items[at]
    first = label.text.split(":", 1)[1].strip() if ":" in label.text else ""
    names = [first] if first else []
    lines = [label]
    at += 1
    while at < len(items) and isinstance(items[at], Line) and items[at].text.startswith(_DASHES):
        names.append(items[at].text.lstrip("-–•+ ").strip())
        lines.append(items[at])
        at += 1
    value = [name.rstrip(";.,").strip() for name in names if name.rstrip(";.,").strip()]
    return Found(" / ".join(line.text for line in lines), tuple(lines), value, STATED), at
