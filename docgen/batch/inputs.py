"""Reading a batch's three inputs from uploaded or on-disk bytes: the
template plan (a plan file, or a Word plan: :func:`read_template`), the
units table (a spreadsheet, or a plan whose appendix lists the units) and,
optionally, the parent plan. The CLI and the web jobs
both come through here, so a batch reads the same whichever way it starts.

A plan (the parent, or the provincial plan given as units source) is a plan
file (.yaml/.yml/.json) or a Word file (.docx), read by the importer
(docgen.importing) as ``docgen import`` reads it; the import's warnings
come back in ``BatchInputs.warnings``. A Word file has no column keys, only
titles (the importer makes keys from them): an appendix column whose title
is a column title of the template's own appendix takes that column's key,
so one template serves a plan file and its Word rendering alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..importing.importer import import_bytes, warning_lines
from ..importing.parse import ImportRefused
from ..plan.model import Plan
from ..plan.files import PlanFileError, parse_plan_data, read_plan_bytes
from ..vietnamese.vn import same_text
from .derive import ParentPlan
from .parent_body import fill_parent_bodies, plan_body
from .plan_template import as_template
from .runner import check_template
from .template import TemplatePlan, TemplatePlanError
from .units import UnitsTable, UnitsTableError, read_units, units_from_appendix

PLAN_SUFFIXES = (".yaml", ".yml", ".json")
WORD_SUFFIXES = (".docx", ".doc")  # .doc: the importer says why it cannot be read


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
    warnings: tuple[str, ...] = ()  # what importing a Word plan could not place or had to infer


def _yaml(name: str, content: bytes):
    """An upload's YAML/JSON data, read by the one reader of plan files."""
    try:
        return read_plan_bytes(content, name)
    except PlanFileError as error:
        raise BatchInputError([f"{name}: {e}" for e in error.errors]) from None


SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".ods")
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


def read_template(name: str, content: bytes) -> tuple[TemplatePlan, list[str]]:
    """The template plan of an upload: a plan file as written by hand or
    saved from the editor (.yaml/.yml/.json), or a Word plan (.docx, read by
    the importer as the editor's "Mở tệp…" reads it). A plan without
    placeholders is made one (:mod:`docgen.batch.plan_template`). With what
    the clerk should know (the import's warnings, what was renamed)."""
    lower = name.lower()
    if lower.endswith(SHEET_SUFFIXES):
        raise BatchInputError([f"{name}: đây là bảng tính, không phải văn bản mẫu. Văn bản mẫu là một văn bản đã soạn: "
                               "tệp .yaml hoặc .json lưu từ trang soạn thảo (nút “Xuất YAML”/“Xuất JSON”), hoặc "
                               "tệp Word .docx. Bảng tính các đơn vị tải lên ở ô “Bảng đơn vị”."])
    if lower.endswith(WORD_SUFFIXES) or content.startswith((_ZIP, _OLE)):
        try:
            imported = import_bytes(content, name)
        except ImportRefused as error:
            raise BatchInputError([f"{name}: không đọc được tệp Word làm văn bản mẫu: {error}"]) from None
        data, warnings = imported.data, warning_lines(imported, name)
    elif lower.endswith(PLAN_SUFFIXES) or not lower.rpartition(".")[1]:
        data, warnings = _yaml(name, content), []
    else:
        raise BatchInputError([f"{name}: không dùng được tệp này làm văn bản mẫu; văn bản mẫu là tệp .yaml hoặc "
                               ".json lưu từ trang soạn thảo, hoặc tệp Word .docx."])
    data, notes = as_template(data, name)
    try:
        return TemplatePlan(data, name), warnings + notes
    except TemplatePlanError as error:
        raise BatchInputError([f"{name}: {e}" for e in error.errors]) from None


def _plan(name: str, content: bytes) -> tuple[Plan, list[str]]:
    """A plan file's plan, or a Word file's through the importer; with the
    import's warnings (none for a plan file)."""
    if name.lower().endswith(WORD_SUFFIXES):
        try:
            imported = import_bytes(content, name)
        except ImportRefused as error:
            raise BatchInputError([f"{name}: không nhập được: {error}"]) from None
        return imported.plan, warning_lines(imported, name)
    data = _yaml(name, content)
    try:
        return parse_plan_data(data, name), []
    except PlanFileError as error:
        raise BatchInputError([f"{name}: {e}" for e in error.errors]) from None


def _template_keys(template: TemplatePlan) -> list[tuple[str, str]]:
    """(title, key) of every column of the template's appendices whose title
    and key are plain text (no placeholder)."""
    found = []
    for appendix in template.data.get("appendices") or []:
        for column in (appendix.get("columns") if isinstance(appendix, dict) else None) or []:
            title, key = (column.get("title"), column.get("key")) if isinstance(column, dict) else (None, None)
            if isinstance(title, str) and isinstance(key, str) and "{" not in title + key:
                found.append((" ".join(title.split()), key))
    return found


def with_template_keys(plan: Plan, template: TemplatePlan) -> Plan:
    """A Word plan's appendix columns keyed as the template's appendix keys
    the columns of the same title (``Chỉ tiêu kích hoạt`` -> ``target``);
    a column the template does not name keeps the key made from its title."""
    keys = _template_keys(template)
    if not keys or not plan.appendices:
        return plan
    data = plan.model_dump(mode="json", exclude_none=True)
    for appendix in data["appendices"]:
        renamed: dict[str, str] = {}
        own_keys = {c["key"] for c in appendix["columns"]}
        for column in appendix["columns"]:
            title = " ".join(column["title"].split())
            key = next((k for t, k in keys if same_text(t, title, casefold=True)), None)
            taken = set(renamed.values()) | (own_keys - {column["key"]})
            if key and key not in taken:  # never two columns under one key
                renamed[column["key"]] = key
        for column in appendix["columns"]:
            column["key"] = renamed.get(column["key"], column["key"])
            if column.get("of"):
                column["of"] = [renamed.get(k, k) for k in column["of"]]
        appendix["rows"] = [{renamed.get(k, k): v for k, v in row.items()} for row in appendix.get("rows", [])]
        if appendix.get("sort"):
            appendix["sort"]["by"] = renamed.get(appendix["sort"]["by"], appendix["sort"]["by"])
    try:
        return parse_plan_data(data, "")
    except PlanFileError:  # keys that do not fit the model: the title keys still serve
        return plan


def load_inputs(
    template: tuple[str, bytes],
    units: tuple[str, bytes],
    parent: tuple[str, bytes] | None = None,
    appendix: int = 1,
) -> BatchInputs:
    """The batch's inputs as ``(file name, bytes)`` pairs, read and checked
    against each other (every placeholder must name a column or a parent
    value) before anything is rendered. Raises :class:`BatchInputError`."""
    template_plan, warnings = read_template(*template)
    parent_plan = None
    if parent:
        plan, parent_warnings = _plan(*parent)
        parent_plan = ParentPlan.from_plan(plan)
        warnings += parent_warnings
    units_name, units_content = units
    listing_body = None
    try:
        if units_name.lower().endswith(PLAN_SUFFIXES + WORD_SUFFIXES):
            provincial, provincial_warnings = _plan(units_name, units_content)
            if units_name.lower().endswith(WORD_SUFFIXES):
                provincial = with_template_keys(provincial, template_plan)
            table = units_from_appendix(provincial, appendix - 1)
            parent_plan = parent_plan or ParentPlan.from_plan(provincial)
            listing_body = plan_body(provincial)
            warnings += [w for w in provincial_warnings if w not in warnings]
        else:
            table = read_units(units_name, units_content)
            warnings += [f"{units_name}: {notice}" for notice in table.notices]
    except UnitsTableError as error:
        raise BatchInputError([f"{units_name}: {error}"]) from None
    try:
        check_template(template_plan, table, parent_plan)
    except TemplatePlanError as error:
        raise BatchInputError([f"{template[0]}: {e}" for e in error.errors]) from None
    warnings += [f"{units_name}: {w}" for w in fill_parent_bodies(table, template_plan, listing_body)]
    return BatchInputs(template_plan, table, parent_plan, tuple(warnings))
