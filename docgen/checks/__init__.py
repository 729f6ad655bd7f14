"""Checks of a plan against Decree 30/2020/NĐ-CP (nd30.md) and against itself.

- :func:`check_plan`: a plan is checked as data (consistency, sensitive data)
  and as the .docx docgen renders from it (layout).
- :func:`check_docx`: any .docx, ours or written by hand in Word: layout,
  consistency and sensitive data, read back from the document.

Every finding has a machine code (``consistency.figure_mismatch``), a
severity (error/warning), a location (section, paragraph) and a message and
advice in Vietnamese.
"""

from __future__ import annotations

from ..plan.model import Plan
from .consistency import check_consistency
from .document import CheckedDocument, UnreadableDocument, from_docx, from_plan
from .fields import locate
from .findings import Finding, Where, has_errors
from .labels import check_labels
from .layout import check_layout
from .report import check_report
from .sensitive import check_sensitive
from .to_fill import check_to_fill
from .types import check_type

__all__ = [
    "CheckedDocument", "Finding", "UnreadableDocument", "Where",
    "check_docx", "check_plan", "check_view", "has_errors",
]


def check_view(view: CheckedDocument) -> list[Finding]:
    """Consistency (labels printed twice included), sensitive-data,
    left-to-fill ("…") findings and those of the type's own rules (a Công
    văn's V/v, Kính gửi, a decision's articles, a Giấy mời's time and
    place) of a view (plan or .docx)."""
    return (check_consistency(view) + check_labels(view) + check_sensitive(view) + check_to_fill(view)
            + check_type(view))


def check_plan(plan: Plan, docx: bytes | None = None) -> list[Finding]:
    """A plan's findings: its data, and the layout of its rendered .docx
    (``docx``, rendered here unless given), each with the plan's field it
    concerns (``Finding.path``, ``label``). The CLI, the editor's live checks
    (``POST /api/check``) and the review page all call this."""
    if docx is None:
        from ..document.render import render_plan

        docx = render_plan(plan)
    view, rendered = from_plan(plan), from_docx(docx)
    rendered.doc_type = view.doc_type  # the plan says its type; its .docx is checked as that type
    return (locate(check_layout(rendered), plan, view, rendered) + locate(check_view(view), plan, view)
            + check_report(plan))


def check_docx(data: bytes) -> list[Finding]:
    """A .docx's findings. Raises :class:`UnreadableDocument` when the bytes
    are not a Word document."""
    view = from_docx(data)
    return check_layout(view) + check_view(view)
