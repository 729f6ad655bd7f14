"""Limits of one unit's render in a batch, and the error that stops a batch
when a unit goes over them.

A batch template comes from a clerk's upload; a single unit that runs too
long, needs too much memory or makes an oversized document stops the whole
batch (every unit shares the template, so the others would do the same),
with a message naming the unit. The sandbox's own limits (string sizes,
loop counts) are in ``sandbox.py``.

Configuration (environment, read when a batch starts):

- ``DOCGEN_RENDER_SECONDS`` (default 2): one unit's render, in seconds of
  CPU; its worker process is killed at the limit (or at ten times it on the
  wall clock: :mod:`.pool`).
- ``DOCGEN_RENDER_MAX_MB`` (default 5): the largest .docx of one unit.
- ``DOCGEN_RENDER_MEMORY_MB`` (default 512): memory a render process may
  take on top of what it starts with.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..vietnamese import vn

MB = 1024 * 1024


@dataclass(frozen=True)
class RenderLimits:
    seconds: float = 2.0
    docx_bytes: int = 5 * MB
    memory_bytes: int = 512 * MB

    @classmethod
    def from_env(cls, environ=os.environ) -> RenderLimits:
        return cls(
            seconds=positive_setting(environ, "DOCGEN_RENDER_SECONDS", cls.seconds),
            docx_bytes=int(positive_setting(environ, "DOCGEN_RENDER_MAX_MB", cls.docx_bytes / MB) * MB),
            memory_bytes=int(positive_setting(environ, "DOCGEN_RENDER_MEMORY_MB", cls.memory_bytes / MB) * MB),
        )


class LimitConfigError(ValueError):
    """A DOCGEN_RENDER_* (or DOCGEN_PARSE_*) variable that is not a positive number."""


def positive_setting(environ, name: str, default: float) -> float:
    """The number an environment variable sets (``2,5`` or ``2.5``),
    ``default`` when unset; LimitConfigError unless positive."""
    raw = (environ.get(name) or "").strip()
    if not raw:
        return default
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        value = 0
    if not value > 0:
        raise LimitConfigError(f"{name} phải là một số dương (ví dụ {default:g}), không phải “{raw}”")
    return value


def seconds_text(seconds: float) -> str:
    """``2`` -> ``2``, ``0.5`` -> ``0,5`` (a duration in a message)."""
    return vn.format_number(seconds, 0 if float(seconds).is_integer() else 1)


class RenderLimitError(ValueError):
    """A unit over a limit: the batch stops. ``message`` is for the clerk."""

    def __init__(self, unit_name: str | None, row: int | None, reason: str):
        self.unit_name, self.row, self.reason = unit_name, row, reason
        if unit_name:
            where = f"“{unit_name}”" + (f" (dòng {row})" if row else "")
            self.message = (f"Đơn vị {where}: {reason}. Lô văn bản đã dừng ở đơn vị này; "
                            "hãy sửa văn bản mẫu rồi tạo lại.")
        else:
            self.message = f"Lô văn bản đã dừng: {reason}."
        super().__init__(self.message)
