"""What the draft and review pages show, computed from the stored versions:
the sections to comment on, the comments grouped by section, and what
changed since the version the signing officer last reviewed."""

from __future__ import annotations

from dataclasses import dataclass

from ..review.diff import PartDiff, plan_diff, plan_parts
from ..storage.drafts import plan_of
from ..storage.models import Comment, Draft, DraftVersion


def section_titles(version: DraftVersion) -> list[str]:
    """The version's section headings as printed (``IV. TỔ CHỨC THỰC HIỆN``),
    by 0-based section index, as comments refer to them."""
    return [title for key, title, _ in plan_parts(plan_of(version)) if key.startswith("section-")]


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
    parts = [part for part in plan_diff(plan_of(base), plan_of(head)) if part.changed]
    return ReviewDiff(base, head, since_review, parts)
