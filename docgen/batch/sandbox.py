"""Jinja's sandbox with size and loop limits, for the placeholders of a batch
template (a clerk's upload, so possibly an attacker's).

Jinja's own sandbox stops attribute tricks but not work: ``'a'*200000000``
builds a 200 MB string, ``[1]*10**9`` a list of a billion items, two nested
``{% for %}`` over ``range(100000)`` run ten billion times. Here:

- ``*``, ``+``, ``**`` and ``%`` are intercepted: a string or list of more
  than MAX_SIZE characters/items, or an integer of more than MAX_BITS bits,
  is refused before it is built;
- ``~`` (concatenation) is compiled as a checked join, so doubling a string
  in a loop stops at MAX_SIZE too;
- ``range()`` gives at most MAX_RANGE numbers, and every ``{% for %}`` counts
  its iterations against one budget for the whole unit (MAX_LOOPS,
  :func:`render_budget`), nested loops included;
- filters and string methods that take a width or a count (``center``,
  ``indent``, ``"x".ljust(n)``, a ``%0999999d`` format) refuse numbers above
  MAX_SIZE, and any filter's result longer than MAX_SIZE is refused.

Intercepted operators and filters are never evaluated while compiling (Jinja
folds constant expressions then), so compiling an upload in the web process
costs no more than parsing it. What a sandbox cannot bound (a C routine that
runs long, memory) is bounded by the batch runner's worker process, which is
killed at the time limit (``runner.py``).
"""

from __future__ import annotations

import math
import re
from contextlib import contextmanager
from contextvars import ContextVar

from jinja2 import nodes, pass_context
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import _PassArg
from jinja2.visitor import NodeTransformer

from ..vietnamese import vn

MAX_SIZE = 100_000  # characters of a string, items of a list
MAX_RANGE = 10_000  # numbers of one range()
MAX_LOOPS = 100_000  # loop iterations of one unit, all loops together
MAX_BITS = 10_000  # an integer of ~3,000 digits

# Filters whose number arguments are a width or a count of things to make.
SIZE_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice",
                          "number", "percent", "format"})
SIZE_METHODS = frozenset({"center", "ljust", "rjust", "zfill", "expandtabs"})
FORMAT_METHODS = frozenset({"format", "format_map"})
# A width or precision of six digits or more in a %-format or {}-format.
_WIDE_FORMAT = re.compile(r"[%:][-+#0 <>^=,_.]*\d*\.?(\d{6,})")

_COUNT_FILTER = "_docgen_counted"
_JOIN_FILTER = "_docgen_joined"


class TemplateLimitError(SecurityError):
    """A placeholder that would do too much work; the message (Vietnamese)
    says which limit."""


def _n(value: int) -> str:
    return vn.format_number(value)


def _too_long(size: int, text: bool = True) -> TemplateLimitError:
    made = f"chuỗi dài {_n(size)} ký tự" if text else f"danh sách {_n(size)} phần tử"
    return TemplateLimitError(f"tạo ra {made}, quá giới hạn {_n(MAX_SIZE)}")


# --- the loop budget of one unit ------------------------------------------------------


class _Budget:
    __slots__ = ("loops",)

    def __init__(self, loops: int) -> None:
        self.loops = loops


_budget: ContextVar[_Budget | None] = ContextVar("docgen_template_budget", default=None)


@contextmanager
def render_budget(loops: int = MAX_LOOPS):
    """Every loop run inside this block shares ``loops`` iterations."""
    token = _budget.set(_Budget(loops))
    try:
        yield
    finally:
        _budget.reset(token)


@pass_context
def _counted(context, iterable):
    budget = _budget.get() or _Budget(MAX_LOOPS)
    for item in iterable:
        budget.loops -= 1
        if budget.loops < 0:
            raise TemplateLimitError(f"các vòng lặp chạy quá {_n(MAX_LOOPS)} lần")
        yield item


@pass_context
def _joined(context, parts):
    total, texts = 0, []
    for part in parts:
        text = str(part)
        total += len(text)
        if total > MAX_SIZE:
            raise _too_long(total)
        texts.append(text)
    return "".join(texts)


def limited_range(*args):
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimitError(f"range() tạo {_n(len(numbers))} số, quá giới hạn {_n(MAX_RANGE)}")
    return numbers


class _CountLoops(NodeTransformer):
    """``{% for x in items %}`` -> ``{% for x in items|_counted %}``;
    ``a ~ b`` -> ``[a, b]|_joined`` (checked)."""

    def visit_For(self, node: nodes.For) -> nodes.For:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, _COUNT_FILTER, [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Filter:
        self.generic_visit(node)
        return nodes.Filter(nodes.List(node.nodes, lineno=node.lineno), _JOIN_FILTER,
                            [], [], None, None, lineno=node.lineno)


# --- sizes --------------------------------------------------------------------------


def _size(value) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple, dict)) else None


def _check_result(value):
    size = _size(value)
    if size is not None and size > MAX_SIZE:
        raise _too_long(size, isinstance(value, (str, bytes)))
    return value


def _check_numbers(name: str, args, kwargs) -> None:
    for value in list(args) + list(kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_SIZE:
            raise TemplateLimitError(f"“{name}” nhận số {_n(value)}, quá giới hạn {_n(MAX_SIZE)}")


def _check_format(text) -> None:
    if isinstance(text, str):
        wide = _WIDE_FORMAT.search(text)
        if wide:
            raise TemplateLimitError(f"định dạng “{wide.group(0)}” quá rộng (tối đa {_n(MAX_SIZE)} ký tự)")


def _bits(value: int) -> int:
    return abs(value).bit_length()


def _guard_filter(name: str, func):
    kind = getattr(func, "jinja_pass_arg", None)
    sized = name in SIZE_FILTERS

    # pass_context also keeps Jinja from running the filter while compiling.
    @pass_context
    def guarded(context, value, *args, **kwargs):
        if sized:
            _check_numbers(name, args, kwargs)
        if name == "format":
            _check_format(value)
        if kind is _PassArg.context:
            result = func(context, value, *args, **kwargs)
        elif kind is _PassArg.eval_context:
            result = func(context.eval_ctx, value, *args, **kwargs)
        elif kind is _PassArg.environment:
            result = func(context.environment, value, *args, **kwargs)
        else:
            result = func(value, *args, **kwargs)
        return _check_result(result)

    guarded.__name__ = getattr(func, "__name__", name)
    return guarded


class LimitedSandbox(SandboxedEnvironment):
    """The sandbox of batch templates (see the module's docstring)."""

    intercepted_binops = frozenset({"*", "+", "**", "%"})

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self.globals["range"] = limited_range
        self.globals.pop("lipsum", None)  # lipsum(100000): no use in a plan
        self.filters[_COUNT_FILTER] = _counted
        self.filters[_JOIN_FILTER] = _joined

    def guard_filters(self) -> LimitedSandbox:
        """Wrap every filter registered so far with the size checks; call
        after adding filters."""
        for name, func in list(self.filters.items()):
            if name not in (_COUNT_FILTER, _JOIN_FILTER):
                self.filters[name] = _guard_filter(name, func)
        return self

    def _parse(self, source, name, filename):
        return _CountLoops().visit(super()._parse(source, name, filename))

    def call_binop(self, context, operator_name: str, left, right):
        if operator_name == "*":
            for sequence, count in ((left, right), (right, left)):
                if _size(sequence) is not None and isinstance(count, int):
                    size = _size(sequence) * max(count, 0)
                    if size > MAX_SIZE:
                        raise _too_long(size, isinstance(sequence, (str, bytes)))
            if isinstance(left, int) and isinstance(right, int) and _bits(left) + _bits(right) > MAX_BITS:
                raise TemplateLimitError("phép nhân tạo ra số quá lớn")
        elif operator_name == "+":
            if _size(left) is not None and _size(right) is not None:
                if _size(left) + _size(right) > MAX_SIZE:
                    raise _too_long(_size(left) + _size(right))
        elif operator_name == "**":
            if isinstance(left, int) and isinstance(right, int) and right > 0 and abs(left) > 1:
                if right * math.log2(abs(left)) > MAX_BITS:
                    raise TemplateLimitError(f"lũy thừa {_n(left)}**{_n(right)} quá lớn")
        elif operator_name == "%":
            _check_format(left)
        return _check_result(super().call_binop(context, operator_name, left, right))

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - Jinja's signature
        inner = getattr(__obj, "__wrapped__", __obj)
        owner = getattr(inner, "__self__", None)
        name = getattr(inner, "__name__", "")
        if isinstance(owner, (str, list)) and name in SIZE_METHODS:
            _check_numbers(name, args, kwargs)
        if isinstance(owner, str) and name in FORMAT_METHODS:
            _check_format(owner)
        return _check_result(super().call(__context, __obj, *args, **kwargs))
