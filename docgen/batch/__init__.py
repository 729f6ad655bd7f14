"""Batch: one plan per unit (commune, ward, district…) from a template plan
and a units table, rendered into one ZIP.

Public API (used by the CLI's ``docgen batch`` and by the web layer):

- :func:`read_units` (spreadsheet bytes -> :class:`UnitsTable`),
  :func:`units_from_appendix` (a provincial plan's appendix -> UnitsTable);
- :class:`TemplatePlan` (plan data with placeholders), :func:`load_template`;
- :class:`ParentPlan` (the plan the units implement);
- :func:`check_template` (unknown placeholders, before a job starts);
- :func:`run_batch` (template, units, output stream -> :class:`BatchResult`),
  each unit rendered in a worker process under :class:`RenderLimits`
  (:class:`RenderLimitError` names the unit that went over them);
- :func:`derive_plan` (one unit's plan, as the batch makes it);
- :func:`example_sheet_bytes` (the downloadable example sheet).

Problems are values: :class:`UnitsTableError` and :class:`TemplatePlanError`
stop a batch before anything is rendered; row problems are
:class:`RowError` entries in ``UnitsTable.errors`` / ``BatchResult.errors``.
"""

from __future__ import annotations

from pathlib import Path


from .derive import ParentPlan, derive_plan
from .example import example_sheet_bytes
from .limits import RenderLimitError, RenderLimits
from .runner import BatchResult, ManifestEntry, check_template, run_batch
from .template import TemplatePlan, TemplatePlanError
from .units import COLUMNS, RowError, Unit, UnitsTable, UnitsTableError, read_units, units_from_appendix

__all__ = [
    "BatchResult", "COLUMNS", "ManifestEntry", "ParentPlan", "RenderLimitError", "RenderLimits",
    "RowError", "TemplatePlan",
    "TemplatePlanError", "Unit", "UnitsTable", "UnitsTableError", "check_template", "derive_plan",
    "example_sheet_bytes", "load_template", "read_units", "run_batch", "units_from_appendix",
]


def load_template(path: str | Path) -> TemplatePlan:
    """A template plan from a YAML/JSON file."""
    from ..plan.files import FieldError, PlanFileError, load_plan_data

    try:
        data = load_plan_data(path)
    except PlanFileError as error:
        raise TemplatePlanError([FieldError("", f"{path}: {e}") for e in error.errors]) from None
    return TemplatePlan(data, str(path))
