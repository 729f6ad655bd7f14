"""No module outside docgen/doctypes/ spells a document type's name or
symbol code: they ask the plan's type (docgen.doctypes) instead.

The rule: in every Python module under docgen/ except docgen/doctypes/, no
string literal (f-string parts included) holds a type's name in any case or
spelling ("Kế hoạch", "KẾ HOẠCH", "kế hoạch", "ke hoach", "ke-hoach",
"ke_hoach") or its symbol code ("KH-"). Docstrings and comments may keep
prose and examples ("``Số: 2314/KH-UBND``"): they are documentation, not
behaviour. The Word templates (templates_docx/) are the types' own files.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import docgen

PACKAGE = Path(docgen.__file__).parent
NAME = re.compile(r"k[eế][ _-]?ho[aạ]ch", re.IGNORECASE)
SYMBOL = re.compile(r"KH-")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                ids.add(id(first.value))
    return ids


def type_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string literal that spells a type, docstrings aside."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if NAME.search(node.value) or SYMBOL.search(node.value):
                found.append((node.lineno, node.value))
    return sorted(found)


def test_the_rule_finds_what_it_forbids():
    source = ('"""Kế hoạch: a docstring may say it."""\n'
              'A = "KẾ HOẠCH"\nB = f"Đã tạo {n} kế hoạch"\nC = "05/KH-UBND"\nD = "ke-hoach.docx"\n'
              'E = "văn bản"  # Kế hoạch in a comment\n')
    assert [line for line, _ in type_literals(source)] == [2, 3, 4, 5]


def test_no_type_name_outside_doctypes():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in ("doctypes", "templates_docx", "samples"):
            continue
        for line, text in type_literals(path.read_text(encoding="utf-8")):
            offenders.append(f"docgen/{relative}:{line}: {text[:70]!r}")
    assert offenders == []
