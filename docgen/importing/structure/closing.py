"""The closing (Đoạn kết): the unnumbered paragraph, sometimes two, after
the last section's content and before "Nơi nhận" and the signature:
"Trên đây là Kế hoạch … của …; đề nghị các cơ quan, đơn vị … triển khai
thực hiện./.", "Trên đây là báo cáo …", then perhaps "Kính trình …
xem xét, quyết định./.".

Only a paragraph that opens with the words closings open with
(:data:`OPENERS`) starts one, so a section's own last paragraph is never
taken: it is a plain paragraph (no typed mark, no Word list), it does not
announce what follows (no ":" at its end), and every paragraph after it up
to the footer is plain text too (no table, no "1.", "a)", "-" item, which
would be content it introduces)."""

from __future__ import annotations

import re

from ...vietnamese.typed_labels import leading_label
from ..lines import Line, is_rule

# "Trên đây là Kế hoạch …", "Trên đây là báo cáo …", "Trên đây, Ủy ban nhân dân xã báo cáo …":
# what a plan, a report, a Tờ trình or a Thông báo closes with (never how a section's content starts).
OPENERS = re.compile(r"Trên\s+đây(?:\s+là\b|\s*,)", re.IGNORECASE)


def _plain(item) -> bool:
    """A paragraph of prose: a line without a typed mark or Word's list numbering."""
    return isinstance(item, Line) and item.listed[0] is None and leading_label(item.text) is None


def opens(item) -> bool:
    """Whether ``item`` is a closing's first paragraph."""
    if not _plain(item):
        return False
    return bool(OPENERS.match(item.text)) and not item.text.rstrip().endswith(":")


def start(items: list) -> int | None:
    """Where the closing starts in ``items`` (the last section's lines, up
    to the footer); None when they end with none."""
    for index, item in enumerate(items):
        if opens(item):
            rest = [other for other in items[index + 1:]
                    if not (isinstance(other, Line) and (not other.text.strip() or is_rule(other.text)))]
            if all(_plain(other) for other in rest):
                return index
    return None
