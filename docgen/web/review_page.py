"""What the draft and review pages show, computed from the stored versions:
the sections to comment on, the comments grouped by section, and what
changed since the version the signing officer last reviewed."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from markupsafe import Markup

from ..checks import Finding, check_plan
from ..base.memo import Recent
from ..plan.model import Plan
from ..document.preview import preview_html
from ..review.diff import PartDiff, plan_diff, plan_parts
from ..storage.drafts import plan_of
from ..storage.models import Comment, Draft, DraftVersion, IssuedDocument


def section_titles(version: DraftVersion) -> list[str]:
    """The version's section headings as printed (``IV. TỔ CHỨC THỰC HIỆN``),
    by 0-based section index, as comments refer to them."""
    return list(version_review(version).sections)


@dataclass(frozen=True)
class VersionReview:
    """What the review page shows of one version's text: the findings of
    ``docgen check`` (errors first, else in order), the preview and the
    section titles."""

    findings: tuple[Finding, ...]
    preview: Markup  # autoescaped by its own template
    sections: tuple[str, ...]

    @property
    def errors_count(self) -> int:
        return sum(f.severity == "error" for f in self.findings)


def _text_key(version: DraftVersion) -> bytes:
    """A digest of the version's plan as stored."""
    text = json.dumps(version.plan, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(text).digest()


# A version never changes once saved, so what is computed from its text is
# kept: a signing officer's review page is opened again and again (every
# comment, every return to it), and checking a plan renders and reads a
# whole .docx. Keyed by the text itself, not the row, so no two databases
# (tests, several apps in one process) can mix their versions up.
_REVIEWS = Recent(32)
_DIFFS = Recent(32)


def version_review(version: DraftVersion, approved_docx: bytes | None = None) -> VersionReview:
    """The version's review (cached); the layout is checked on
    ``approved_docx`` when the version was approved, else on a rendering."""
    key = (_text_key(version), hashlib.sha256(approved_docx).digest() if approved_docx is not None else None)
    return _REVIEWS.get(key, lambda: _review(plan_of(version), approved_docx))


def issued_review(entry: IssuedDocument) -> VersionReview:
    """The review of the document as issued (cached): its number and date in
    the preview, its stored .docx checked. What the pages show once the
    draft is issued."""
    return _REVIEWS.get(("issued", entry.sha256), lambda: _review(Plan.model_validate(entry.plan), entry.docx))


def _review(plan: Plan, docx: bytes | None) -> VersionReview:
    findings = check_plan(plan, docx=docx)
    findings.sort(key=lambda finding: finding.severity != "error")  # errors first, else in order
    sections = tuple(title for key, title, _ in plan_parts(plan) if key.startswith("section-"))
    return VersionReview(tuple(findings), Markup(preview_html(plan)), sections)


@dataclass(frozen=True)
class CommentGroup:
    section: int
    title: str
    comments: list[Comment]


def comment_groups(draft: Draft) -> list[CommentGroup]:
    """The draft's comments by section, in section order; each section named
    as it read in the version commented on."""
    titles: dict[int, list[str]] = {}
    groups: dict[int, list[Comment]] = {}
    labels: dict[int, str] = {}
    for comment in draft.comments:
        version = comment.version
        if version.number not in titles:
            titles[version.number] = section_titles(version)
        names = titles[version.number]
        groups.setdefault(comment.section, []).append(comment)
        labels.setdefault(comment.section, names[comment.section] if comment.section < len(names)
                          else f"Mục thứ {comment.section + 1}")
    return [CommentGroup(index, labels[index], groups[index]) for index in sorted(groups)]


@dataclass(frozen=True)
class ReviewDiff:
    """The head compared with ``base`` (None: nothing to compare with)."""

    base: DraftVersion | None
    head: DraftVersion
    since_review: bool  # base is the version last returned or approved
    parts: list[PartDiff]  # only the parts that changed


def review_diff(draft: Draft) -> ReviewDiff:
    """What changed since the version last reviewed; before any review, since
    the first version."""
    head = draft.head
    base, since_review = draft.reviewed, True
    if base is None:
        base, since_review = draft.version(1), False
    if base is None or base.number == head.number:
        return ReviewDiff(base if since_review else None, head, since_review, [])
    parts = _DIFFS.get((_text_key(base), _text_key(head)), lambda: tuple(
        part for part in plan_diff(plan_of(base), plan_of(head)) if part.changed))
    return ReviewDiff(base, head, since_review, list(parts))
