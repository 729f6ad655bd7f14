"""Reading a batch's three inputs from uploaded or on-disk bytes: the
template plan, the units table (a spreadsheet, or a plan whose appendix
lists the units) and, optionally, the parent plan. The CLI and the web jobs
both come through here, so a batch reads the same whichever way it starts.
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from ..plan_io import PlanFileError, parse_plan_data
from ..yaml_load import load_yaml
from .derive import ParentPlan
from .runner import check_template
from .template import TemplatePlan, TemplatePlanError
from .units import UnitsTable, UnitsTableError, read_units, units_from_appendix

PLAN_SUFFIXES = (".yaml", ".yml", ".json")


class BatchInputError(ValueError):
    """Inputs a batch cannot start from; ``messages`` are for the clerk, each
    naming the file and the place in it."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("\n".join(messages))


@dataclass(frozen=True)
class BatchInputs:
    template: TemplatePlan
    units: UnitsTable
    parent: ParentPlan | None


def _text(name: str, content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BatchInputError([f"{name}: tệp không phải văn bản UTF-8"]) from None


def _yaml(name: str, content: bytes):
    """An upload's YAML/JSON data (aliases refused, see ``docgen.yaml_load``)."""
    try:
        return load_yaml(_text(name, content))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (dòng {mark.line + 1}, cột {mark.column + 1})" if mark else ""
        raise BatchInputError([f"{name}{where}: không đọc được YAML/JSON: "
                               f"{getattr(error, 'problem', None) or error}"]) from None


def read_template(name: str, content: bytes) -> TemplatePlan:
    data = _yaml(name, content)
    try:
        return TemplatePlan(data, name)
    except TemplatePlanError as error:
        raise BatchInputError([f"{name}: {e}" for e in error.errors]) from None


def _plan(name: str, content: bytes):
    data = _yaml(name, content)
    try:
        return parse_plan_data(data, name)
    except PlanFileError as error:
        raise BatchInputError([f"{name}: {e}" for e in error.errors]) from None


def load_inputs(
    template: tuple[str, bytes],
    units: tuple[str, bytes],
    parent: tuple[str, bytes] | None = None,
    appendix: int = 1,
) -> BatchInputs:
    """The batch's inputs as ``(file name, bytes)`` pairs, read and checked
    against each other (every placeholder must name a column or a parent
    value) before anything is rendered. Raises :class:`BatchInputError`."""
    template_plan = read_template(*template)
    parent_plan = ParentPlan.from_plan(_plan(*parent)) if parent else None
    units_name, units_content = units
    try:
        if units_name.lower().endswith(PLAN_SUFFIXES):
            provincial = _plan(units_name, units_content)
            table = units_from_appendix(provincial, appendix - 1)
            parent_plan = parent_plan or ParentPlan.from_plan(provincial)
        else:
            table = read_units(units_name, units_content)
    except UnitsTableError as error:
        raise BatchInputError([f"{units_name}: {error}"]) from None
    try:
        check_template(template_plan, table, parent_plan)
    except TemplatePlanError as error:
        raise BatchInputError([f"{template[0]}: {e}" for e in error.errors]) from None
    return BatchInputs(template_plan, table, parent_plan)
