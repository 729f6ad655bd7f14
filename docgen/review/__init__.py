"""Review of drafts by signing officers: what changed between two versions,
read section by section (``diff.py``)."""

from .diff import Change, PartDiff, plan_diff, plan_parts

__all__ = ["Change", "PartDiff", "plan_diff", "plan_parts"]
