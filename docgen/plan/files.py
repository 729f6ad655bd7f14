"""Reading plans from YAML/JSON files and turning validation errors into
messages a clerk can act on (which field, what is wrong)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import TypeAdapter, ValidationError

from .labels import field_label
from .model import BLOCK_KINDS, Block, Plan, Section, collecting_typed_labels
from ..vietnamese.typed_labels import PRINTED_LABEL
from .yaml_load import dump_yaml, load_data

# Vietnamese wording for pydantic's own error types; our validators already
# speak Vietnamese.
_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không có trong mẫu văn bản",
    "string_type": "phải là chữ",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "float_parsing": "phải là số",
    "bool_parsing": "phải là có/không (true/false)",
    "bool_type": "phải là có/không (true/false)",
    "list_type": "phải là một danh sách",
    "dict_type": "phải là một nhóm trường",
    "model_type": "phải là một nhóm trường",
    "date_from_datetime_parsing": "phải là ngày (vd. 2023-09-01 hoặc 01/9/2023)",
    "date_parsing": "phải là ngày (vd. 2023-09-01 hoặc 01/9/2023)",
    "date_type": "phải là ngày (vd. 2023-09-01 hoặc 01/9/2023)",
    "greater_than_equal": "phải lớn hơn hoặc bằng {ge}",
    "less_than_equal": "phải nhỏ hơn hoặc bằng {le}",
    "literal_error": "phải là một trong: {expected}",
    "union_tag_invalid": "loại khối '{tag}' không có; dùng một trong: {expected_tags}",
}


@dataclass(frozen=True)
class FieldError:
    """One problem in a plan: ``path`` like ``header.date.month`` or
    ``sections.2.blocks.0.text`` (for programs and the form), a message in
    Vietnamese, and ``label``, the field as the form names it ("Ngày ban
    hành – Tháng"), which is what a clerk reads (see ``docgen.plan.labels``)."""

    path: str
    message: str
    label: str = field(default="", compare=False)

    def __post_init__(self):
        if not self.label and self.path:
            object.__setattr__(self, "label", field_label(self.path))

    def __str__(self) -> str:
        return f"{self.label}: {self.message}" if self.label else self.message


@dataclass(frozen=True)
class FieldNotice:
    """Something the model changed in what was typed, for the clerk to
    know (not an error): ``path`` as in :class:`FieldError`, ``value`` what
    the plan keeps in that field."""

    path: str
    message: str
    value: str = ""
    level: str = "info"

    def __str__(self) -> str:
        return f"{field_label(self.path)}: {self.message}" if self.path else self.message


def _label_notice(path: str, labels: str, where: str, value: str) -> FieldNotice:
    return FieldNotice(
        path,
        f"“{labels}” gõ ở đầu không được in: văn bản tự in {PRINTED_LABEL[where]}, "
        "in thêm sẽ thành hai lần",
        value,
    )


_SECTION = TypeAdapter(Section)
_BLOCK = TypeAdapter(Block)


def label_notices(data) -> list[FieldNotice]:
    """One notice per title or item of plan ``data`` whose typed label
    (``I.``, ``1.``, ``a)``, ``-``) the model takes off because the document
    prints its own. Each section title and each block is read on its own,
    so a plan still being typed (no signer yet, a block half written) gets
    the notices of the parts that read."""
    if not isinstance(data, dict) or not isinstance(data.get("sections"), list):
        return []
    out = []
    for i, section in enumerate(data["sections"]):
        if not isinstance(section, dict):
            continue
        parts = [(f"sections.{i}", _SECTION, {"title": section.get("title")})]
        if isinstance(section.get("blocks"), list):
            parts += [(f"sections.{i}.blocks.{j}", _BLOCK, block) for j, block in enumerate(section["blocks"])]
        for path, adapter, value in parts:
            with collecting_typed_labels() as noted:
                try:
                    adapter.validate_python(value)
                except ValidationError:
                    continue
            out.extend(_label_notice(f"{path}.{field}", labels, where, kept)
                       for field, labels, where, kept in noted)
    return out


def field_errors(error: ValidationError, data=None) -> list[FieldError]:
    """The errors of a validation, named with ``data`` (the plan as typed,
    for sections' numerals and columns' titles)."""
    out = []
    for item in error.errors():
        path = ".".join(str(part) for part in item["loc"] if not _is_union_tag(part))
        kind = item["type"]
        if kind == "value_error":
            message = str(item.get("ctx", {}).get("error", item["msg"]))
        elif kind in _MESSAGES:
            try:
                message = _MESSAGES[kind].format(**item.get("ctx", {}))
            except (KeyError, IndexError):
                message = _MESSAGES[kind]
        else:
            message = item["msg"]
        out.append(FieldError(path, message, field_label(path, data) if path else ""))
    return out


_BLOCK_TAGS = frozenset(kind.key for kind in BLOCK_KINDS)


def _is_union_tag(part) -> bool:
    return isinstance(part, str) and part in _BLOCK_TAGS


class PlanFileError(Exception):
    """A plan file that cannot be read or is not a valid plan."""

    def __init__(self, source: str, errors: list[FieldError]):
        self.source = source
        self.errors = errors
        super().__init__("\n".join(f"{source}: {e}" for e in errors))


def parse_plan_data(data, source: str = "plan") -> Plan:
    if not isinstance(data, dict):
        raise PlanFileError(source, [FieldError("", "tệp phải chứa một văn bản (các trường header, subject, …)")])
    try:
        return Plan.model_validate(data)
    except ValidationError as error:
        raise PlanFileError(source, field_errors(error, data)) from None


YAML_SYNTAX = "sai cú pháp — kiểm tra dấu hai chấm, dấu ngoặc, dấu nháy và thụt đầu dòng ở dòng này và dòng trên"
JSON_SYNTAX = "sai cú pháp — kiểm tra dấu ngoặc, dấu phẩy và dấu nháy kép ở chỗ này và ngay trước đó"


def yaml_error_place(error: yaml.YAMLError) -> str:
    """``dòng 3, cột 7`` where the YAML parser stopped, or ``""``."""
    mark = getattr(error, "problem_mark", None)
    return f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""


def read_plan_text(text: str, source: str = "plan"):
    """The data of a plan (or a batch template) written as YAML or JSON, not
    yet validated: the one reader of plan files for the CLI, the web and the
    batch. ``1.240`` in YAML is the figure 1240 and aliases are refused (see
    ``docgen.plan.yaml_load``); a source named ``*.json`` is read as JSON
    only. Raises :class:`PlanFileError` with a Vietnamese message and the
    place (line, column) where the text stopped making sense."""
    try:
        if source.lower().endswith(".json"):
            try:
                return json.loads(text)
            except json.JSONDecodeError as error:
                raise PlanFileError(source, [FieldError(
                    "", f"không đọc được JSON: {JSON_SYNTAX}",
                    f"dòng {error.lineno}, cột {error.colno}")]) from None
        return load_data(text)
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", "") or ""
        message = problem if problem.startswith("không dùng được bí danh") else YAML_SYNTAX
        raise PlanFileError(source, [FieldError(
            "", f"không đọc được YAML/JSON: {message}", yaml_error_place(error))]) from None
    except (ValueError, RecursionError):
        raise PlanFileError(source, [FieldError(
            "", "tệp không đọc được: dữ liệu lồng nhau quá sâu hoặc số quá dài")]) from None


def read_plan_bytes(content: bytes, source: str = "plan"):
    """:func:`read_plan_text` of an upload's bytes: UTF-8, with or without a BOM."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanFileError(source, [FieldError("", "tệp không phải văn bản UTF-8")]) from None
    return read_plan_text(text, source)


def parse_plan_text(text: str, source: str = "plan") -> Plan:
    """A plan written as YAML or JSON (JSON is YAML)."""
    return parse_plan_data(read_plan_text(text, source), source)


def load_plan_data(path: str | Path):
    """The data of a plan file, not yet validated."""
    path = Path(path)
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise PlanFileError(str(path), [FieldError("", "không tìm thấy tệp")]) from None
    except (IsADirectoryError, PermissionError) as error:
        raise PlanFileError(str(path), [FieldError("", f"không đọc được tệp ({error.strerror})")]) from None
    return read_plan_bytes(content, str(path))


def load_plan(path: str | Path) -> Plan:
    return parse_plan_data(load_plan_data(path), str(path))


def plan_to_yaml(plan: Plan) -> str:
    return dump_yaml(json.loads(plan.model_dump_json(exclude_none=True)))
