"""What is left to fill in: a "…" (or "...") standing where a fact belongs,
anywhere in the printed text (trích yếu, body, appendix, recipients,
signer). ``docgen report-from`` leaves them for the clerk ("Kết quả: …",
the signer "…"), a draft plan cited by its report prints "số …/KH-UBND
ngày …/12/2026", and a template copied by hand keeps its own. A document
with one is not finished: ``content.to_fill`` is an error, so approving and
issuing it asks for a confirmation (the review page, ``docgen issue``).

An ellipsis that ends a list ("các cơ sở tôn giáo,…", "Zalo, Facebook,
...", "(BHYT, GPLX ...)") or hangs on a word ("hội chợ... tổ chức", "cùng
VNeID…") is prose, not a gap. The header's number and day and an appendix's "(Kèm theo … số …
ngày …)" line are the document's own, which the register fills when it is
issued: they are not checked here (docgen leaves them blank, not "…").
"""

from __future__ import annotations

import re

from ..base.memo import short_text_cache
from .document import AppendixView, CheckedDocument
from .findings import Finding, Where, excerpt

_ELLIPSIS = re.compile(r"…|\.{3,}")
CODE = "content.to_fill"
MESSAGE = "còn chỗ “…” chưa điền"
ADVICE = "viết nội dung thay cho dấu “…” (số, ngày, kết quả, họ tên…) trước khi trình ký, ban hành"


@short_text_cache  # every line, again for each document of a batch
def gap_at(text: str) -> int | None:
    """Where the first "…" left to fill is in ``text``; None when there is
    none (an ellipsis after a comma or hanging on a word is prose)."""
    if "…" not in text and "..." not in text:
        return None
    for match in _ELLIPSIS.finditer(text):
        before = text[:match.start()]
        stripped = before.rstrip()
        if stripped and stripped[-1] in ",;":
            continue  # "tôn giáo,…", "Facebook, ...": and so on
        attached = bool(before) and not before[-1].isspace()
        if attached and (before[-1].isalnum() or before[-1] in ")]”\"'!?"):
            continue  # "hội chợ...", "VNeID…": hangs on the word before it
        if text[match.end():match.end() + 1] == ")" and "," in _bracketed(before):
            continue  # "(BHYT, GPLX ...)": the list in brackets goes on
        return match.start()
    return None


def _bracketed(before: str) -> str:
    """The text after the bracket still open at the end of ``before``."""
    depth = 0
    for at in range(len(before) - 1, -1, -1):
        if before[at] == ")":
            depth += 1
        elif before[at] == "(":
            if not depth:
                return before[at + 1:]
            depth -= 1
    return ""


def check_to_fill(view: CheckedDocument) -> list[Finding]:
    """One error per line (paragraph, recipient, signer line, appendix
    title) that holds a "…" to fill, and one per appendix for its cells."""
    out: list[Finding] = []

    def found(text: str, where) -> None:
        at = gap_at(text)
        if at is not None:
            out.append(Finding(CODE, "error", where(at), MESSAGE, ADVICE))

    found(view.subject, lambda at: Where("subject", None, None, excerpt(view.subject, at)))
    for para in view.body:
        found(para.text, para.where)
    for number, line in enumerate(view.recipients, start=1):
        found(line, lambda at, line=line, number=number: Where("recipients", None, number, excerpt(line, at)))
    signer = list(view.authority) + ([view.signer_name] if view.signer_name is not None else [])
    for number, line in enumerate(signer, start=1):
        found(line, lambda at, line=line, number=number: Where("signer", None, number, excerpt(line, at)))
    for appendix in view.appendices:
        for line in (appendix.title, appendix.subtitle):
            if line:
                found(line, lambda at, line=line, appendix=appendix: appendix.where(line[max(0, at - 20):]))
        out.extend(_cells(appendix))
    return out


def _cells(appendix: AppendixView) -> list[Finding]:
    rows = [number for number, row in enumerate(appendix.rows, start=1)
            if any(gap_at(cell) is not None for cell in row)]
    if appendix.total and any(gap_at(cell) is not None for cell in appendix.total):
        rows.append(len(appendix.rows) + 1)
    if not rows:
        return []
    shown = ", ".join(str(n) for n in rows[:10]) + (", …" if len(rows) > 10 else "")
    return [Finding(CODE, "error", appendix.where(f"dòng {shown}"),
                    f"bảng còn ô “…” chưa điền (dòng {shown})", "nhập số liệu hoặc nội dung thay cho dấu “…”")]
