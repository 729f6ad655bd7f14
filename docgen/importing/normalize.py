"""Re-issue an existing plan in the Decree-30 layout: import it (whatever
its fonts, margins, styles or numbering), then render the plan with the
product's own renderer, the one every other delivery uses. Nothing of the
old file's layout survives; its text does, as the import placed it."""

from __future__ import annotations

from dataclasses import dataclass

from ..document.render import render_plan
from .importer import import_bytes
from .parse import ImportResult


@dataclass(frozen=True)
class Normalized:
    docx: bytes                 # the plan in the Decree-30 layout
    imported: ImportResult      # the plan read from the old file, and the import's warnings


def normalize_bytes(data: bytes, name: str = "") -> Normalized:
    """The .docx (or text) in ``data`` laid out again. Raises
    :class:`~docgen.importing.parse.ImportRefused` as the import does."""
    imported = import_bytes(data, name)
    return Normalized(render_plan(imported.plan), imported)
