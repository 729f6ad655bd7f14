"""The template plan of a batch: an ordinary plan whose text may hold
placeholders (``{{ ten_don_vi }}``, ``{{ chi_tieu | number }}``) for per-unit
values.

Only strings that contain ``{{`` or ``{%`` are templates, and only here:
ordinary plans never pass through Jinja, so their braces stay literal. The
templates run in Jinja's sandbox with ``StrictUndefined``; autoescape is off
because the filled text goes back through the plan model and is escaped when
the Word document is rendered. Every name a template uses is known before
anything is rendered (:meth:`TemplatePlan.check`), so an unknown placeholder
is reported once, with the names that can be used, instead of once per unit.

The sandbox has size and loop limits (``sandbox.py``); a placeholder over
them raises :class:`LimitExceeded`, which stops the whole batch (the template
is the same for every unit), where an ordinary :class:`FillError` only
skips the unit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jinja2 import StrictUndefined, TemplateError as JinjaError, meta
from pydantic import ValidationError

from ..vietnamese import dates, vn
from ..plan.labels import field_label
from ..plan.model import Plan
from ..plan.files import FieldError, field_errors
from .sandbox import MAX_SIZE, LimitedSandbox, TemplateLimitError, render_budget

MARKS = ("{{", "{%")
MAX_TEXT = 1_000_000  # characters of filled text in one unit's plan, all fields together


def template_environment() -> LimitedSandbox:
    env = LimitedSandbox(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True)
    return vn.register_filters(env).guard_filters()


class TemplatePlanError(ValueError):
    """A template that cannot be used: bad placeholder syntax or names that no
    unit has. ``errors`` say where (field path) and what."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class FillError(ValueError):
    """A placeholder that failed for one unit (a filter on a blank cell…)."""

    def __init__(self, path: str, message: str):
        self.path = path
        super().__init__(f"{path}: {message}")


class LimitExceeded(ValueError):
    """A placeholder over the sandbox's limits (size, loops, text): the
    template itself is at fault, so the batch stops. The message names the
    field as the form does ("Trích yếu"), ``path`` as programs do."""

    def __init__(self, path: str, reason: str):
        self.path, self.reason = path, reason
        super().__init__(f"chỗ điền ở “{field_label(path)}” {reason}")


# --- values as templates see them ----------------------------------------------------


class Amount(int):
    """A whole number that prints the Vietnamese way (``16.283``) and still
    computes as a number (``{{ (chi_tieu * 0.8) | round | int | number }}``)."""

    def __str__(self) -> str:
        return vn.format_number(int(self))


class Decimal2(float):
    def __str__(self) -> str:
        return vn.format_number(float(self), 2)


def template_value(value):
    """A unit's cell as a placeholder prints it: figures with Vietnamese
    separators, dates as ``01/9/2023``, lines joined by spaces."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return Amount(value)
    if isinstance(value, float):
        return Amount(int(value)) if value.is_integer() else Decimal2(value)
    if isinstance(value, dt.date):
        return dates.short_date(value)
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return value


# --- the template --------------------------------------------------------------------


@dataclass(frozen=True)
class _Slot:
    path: str
    source: str
    names: frozenset[str]


def _path(parts) -> str:
    return ".".join(str(p) for p in parts)


class TemplatePlan:
    """A plan's data (as loaded from YAML/JSON) with its placeholders
    compiled once; :meth:`fill` gives one unit's plan data."""

    def __init__(self, data: dict, source: str = "văn bản mẫu") -> None:
        if not isinstance(data, dict):
            raise TemplatePlanError([FieldError("", "tệp phải chứa một văn bản (các trường header, subject, …)")])
        self.data = data
        self.source = source
        self._env = template_environment()
        self.slots: list[_Slot] = []
        errors: list[FieldError] = []
        self._tree = self._compile(data, (), errors)
        if errors:
            raise TemplatePlanError(errors)

    def _compile(self, node, path: tuple, errors: list[FieldError]):
        if isinstance(node, dict):
            return {k: self._compile(v, path + (k,), errors) for k, v in node.items()}
        if isinstance(node, list):
            return [self._compile(v, path + (i,), errors) for i, v in enumerate(node)]
        if isinstance(node, str) and any(mark in node for mark in MARKS):
            where = _path(path)
            try:
                names = frozenset(meta.find_undeclared_variables(self._env.parse(node)))
                compiled = self._env.from_string(node)
            except JinjaError as error:
                errors.append(FieldError(where, f"chỗ điền viết sai: {error.message or error}"))
                return node
            self.slots.append(_Slot(where, node, names))
            return _Filled(compiled, where)
        return node

    @property
    def placeholders(self) -> set[str]:
        """Every name the template uses."""
        return set().union(*(slot.names for slot in self.slots)) if self.slots else set()

    def uses(self, prefix: str) -> bool:
        """Whether a placeholder sits at or under the field path ``prefix``."""
        return any(s.path == prefix or s.path.startswith(prefix + ".") for s in self.slots)

    def check(self, available) -> list[FieldError]:
        """Placeholders whose name no unit will have, each with where it is
        used and the names that can be used."""
        available = set(available)
        errors = []
        names = ", ".join(sorted(available, key=vn.sort_key))
        for name in sorted(self.placeholders - available):
            paths = [s.path for s in self.slots if name in s.names]
            errors.append(FieldError(
                paths[0],
                f"chỗ điền “{{{{ {name} }}}}” chưa có dữ liệu (bảng đơn vị không có cột "
                f"“{name}”; dùng ở {len(paths)} chỗ); các tên có thể dùng: {names}",
            ))
        return errors

    def fill(self, values: dict) -> dict:
        """The plan data with every placeholder rendered from ``values``."""
        shown = {key: template_value(value) for key, value in values.items()}
        with render_budget():
            return _build(self._tree, shown, [MAX_TEXT])

    def problems(self, ignore: tuple[str, ...] = ()) -> list[FieldError]:
        """The template's own mistakes: validation errors of the plan as
        written, except at fields that hold a placeholder or that each unit
        fills (``ignore``: field path prefixes)."""
        try:
            Plan.model_validate(self.data)
        except ValidationError as error:
            return [
                e for e in field_errors(error)
                if e.path and not self.uses(e.path)
                and not any(e.path == p or e.path.startswith(p + ".") for p in ignore)
                and not any(e.path.startswith(s.path + ".") for s in self.slots)
            ]
        return []


class _Filled:
    """A compiled placeholder string inside the template's tree."""

    __slots__ = ("template", "path")

    def __init__(self, template, path: str) -> None:
        self.template = template
        self.path = path

    def render(self, values: dict, text_left: list[int]) -> str:
        try:
            text = self.template.render(values)
        except TemplateLimitError as error:
            raise LimitExceeded(self.path, error.message) from None
        except MemoryError:
            raise LimitExceeded(self.path, "cần quá nhiều bộ nhớ") from None
        except RecursionError:
            raise LimitExceeded(self.path, "gọi lồng nhau quá sâu (macro gọi lại chính nó)") from None
        except JinjaError as error:
            raise FillError(self.path, f"không điền được: {error.message or error}") from None
        except (TypeError, ValueError, ArithmeticError) as error:
            raise FillError(self.path, f"không điền được: {error}") from None
        if len(text) > MAX_SIZE:
            raise LimitExceeded(self.path, f"tạo ra đoạn văn dài {vn.format_number(len(text))} ký tự, "
                                           f"quá giới hạn {vn.format_number(MAX_SIZE)}")
        text_left[0] -= len(text)
        if text_left[0] < 0:
            raise LimitExceeded(self.path, f"làm tổng chữ điền vào vượt {vn.format_number(MAX_TEXT)} ký tự")
        return text


def _build(node, values: dict, text_left: list[int]):
    if isinstance(node, _Filled):
        return node.render(values, text_left)
    if isinstance(node, dict):
        return {k: _build(v, values, text_left) for k, v in node.items()}
    if isinstance(node, list):
        return [_build(v, values, text_left) for v in node]
    return node
