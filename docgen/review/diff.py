"""What changed between two versions of a plan, part by part as the plan
reads (header, subject, opening, each section, recipients, signer, each
appendix), on the text as printed (from the template context, so numbering
and formatting are the document's own).

Parts are matched by their title (a section inserted or removed does not
make every later section look changed); inside a part, lines are compared
with difflib, and a changed line shows the words that changed: a phrase
replaced ("huyện Hòa Thạnh" by "tỉnh Đồng Tháp") reads as one deletion
and one insertion, not word by word.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Literal

from .. import doctypes
from ..document.context import build_context
from ..plan.model import Plan

Op = Literal["same", "added", "removed", "changed"]
_WORDS = re.compile(r"\S+|\s+")


@dataclass(frozen=True)
class Change:
    """One line of a part's diff. ``old``/``new`` are the line before and
    after; for a changed line, ``words`` are (text, op) pieces with op
    "same", "added" or "removed"."""

    op: Op
    old: str = ""
    new: str = ""
    words: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class PartDiff:
    key: str
    title: str
    changes: list[Change] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(c.op != "same" for c in self.changes)


def _body_parts(body) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """A body's paragraphs before its first section, and each section's
    heading with its lines (a chapter's two heading lines as one title)."""
    opening: list[str] = []
    sections: list[tuple[str, list[str]]] = []
    for paragraph in body:
        if paragraph.style == "section" or (paragraph.style == "chapter" and paragraph.text.startswith("Chương")):
            sections.append((paragraph.text, []))
        elif paragraph.style == "chapter" and sections and not sections[-1][1]:
            sections[-1] = (f"{sections[-1][0]} {paragraph.text}", [])
        elif sections:
            sections[-1][1].append(paragraph.text)
        else:
            opening.append(paragraph.text)
    return opening, sections


def plan_parts(plan: Plan) -> list[tuple[str, str, list[str]]]:
    """``(key, title, lines)`` of each part, in reading order."""
    context = build_context(plan)
    header = context["header"]
    parts = [
        ("header", "Phần đầu văn bản",
         ([header["parent_body"]] if header["parent_body"] else []) + header["issuing_body"]
         + [header["number_line"], header["date_line"]]),
        ("subject", "Trích yếu", [context["subject_text"]]),
    ]
    if context["addressees"]:
        parts.append(("addressees", "Kính gửi", context["addressees"]))
    if context["decider"] or context["bases"]:
        parts.append(("bases", "Thẩm quyền ban hành, căn cứ",
                      ([context["decider"]] if context["decider"] else []) + context["bases"]))
    closing = context["closing"]  # printed last in the body
    opening, sections = _body_parts(context["body"][:len(context["body"]) - len(closing)])
    if doctypes.for_plan(plan).has("articles"):
        parts.append(("articles", "Các điều", opening))
    else:
        parts.append(("opening", "Phần mở đầu", opening))
    for index, (title, lines) in enumerate(sections, start=1):
        parts.append((f"section-{index}", title, lines))
    if doctypes.for_plan(plan).has("closing"):
        parts.append(("closing", "Đoạn kết", [paragraph.text for paragraph in closing]))
    attached = context["attached"]
    if attached:
        name = doctypes.get(plan.attached.type).name
        opening, sections = _body_parts(attached["body"])
        parts.append(("attached", f"{name} kèm theo", [attached["reference"]] + opening))
        for index, (title, lines) in enumerate(sections, start=1):
            parts.append((f"attached-section-{index}", f"{name} kèm theo, {title}", lines))
    parts.append(("recipients", "Nơi nhận", context["recipients"]))
    parts.append(("signer", "Người ký", context["signer"]["authority"] + [context["signer"]["name"]]))
    for index, appendix in enumerate(context["appendices"], start=1):
        lines = [appendix["title"], appendix["reference"]]
        lines += [" | ".join(cell["text"] for cell in appendix["head"])]
        lines += [" | ".join(cell["text"] for cell in row) for row in appendix["rows"]]
        if appendix["total"]:
            lines.append(" | ".join(cell["text"] for cell in appendix["total"]))
        parts.append((f"appendix-{index}", f"{appendix['label']}: {appendix['title']}", lines))
    return parts


def _words(old: str, new: str) -> tuple[tuple[str, str], ...]:
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    # Changed words with only spaces between them are one changed phrase.
    runs: list[list] = []  # [op, old words, new words]
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        op = "same" if op == "equal" else "changed"
        runs.append([op, a[i1:i2], b[j1:j2]])
    merged: list[list] = []
    for index, run in enumerate(runs):
        between = (run[0] == "same" and 0 < index < len(runs) - 1
                   and all(not word.strip() for word in run[1]))
        if between:
            run = ["changed", run[1], run[2]]
        if merged and merged[-1][0] == "changed" == run[0]:
            merged[-1][1] += run[1]
            merged[-1][2] += run[2]
        else:
            merged.append(run)
    out: list[tuple[str, str]] = []
    for op, before, after in merged:
        if op == "same":
            out.append(("".join(before), "same"))
            continue
        if before:
            out.append(("".join(before), "removed"))
        if after:
            out.append(("".join(after), "added"))
    return tuple(out)


def _lines(old: list[str], new: list[str]) -> list[Change]:
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            changes += [Change("same", line, line) for line in old[i1:i2]]
            continue
        removed, added = old[i1:i2], new[j1:j2]
        paired = min(len(removed), len(added)) if op == "replace" else 0
        for before, after in zip(removed[:paired], added[:paired]):
            changes.append(Change("changed", before, after, _words(before, after)))
        changes += [Change("removed", line, "") for line in removed[paired:]]
        changes += [Change("added", "", line) for line in added[paired:]]
    return changes


def _section_title(title: str) -> str:
    """A section's title without its numeral, to match renumbered sections."""
    return re.sub(r"^[IVXLCDM]+\.\s*", "", title)


def plan_diff(old: Plan, new: Plan) -> list[PartDiff]:
    """Every part of ``new`` (and the parts ``old`` had that ``new`` lost),
    each with its line changes."""
    before, after = plan_parts(old), plan_parts(new)
    match_key = lambda part: part[0] if not part[0].startswith("section-") else "§" + _section_title(part[1])  # noqa: E731
    a_keys, b_keys = [match_key(p) for p in before], [match_key(p) for p in after]
    out: list[PartDiff] = []
    matcher = difflib.SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        olds, news = before[i1:i2], after[j1:j2]
        paired = len(olds) if op == "equal" else min(len(olds), len(news)) if op == "replace" else 0
        for (_, old_title, old_lines), (key, title, new_lines) in zip(olds[:paired], news[:paired]):
            changes = _lines(old_lines, new_lines)
            if old_title != title:  # a renumbered or renamed section
                changes.insert(0, Change("changed", old_title, title, _words(old_title, title)))
            out.append(PartDiff(key, title, changes))
        for key, title, lines in news[paired:]:
            out.append(PartDiff(key, title, [Change("added", "", line) for line in [title, *lines]]))
        for key, title, lines in olds[paired:]:
            out.append(PartDiff(f"removed-{key}", f"(đã xóa) {title}",
                                [Change("removed", line, "") for line in [title, *lines]]))
    return out
