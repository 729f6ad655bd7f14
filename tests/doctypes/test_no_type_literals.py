"""No module outside docgen/doctypes/ spells a document type: they ask the
plan's type (docgen.doctypes) instead.

The rule covers every registered type (docgen.doctypes.ALL), in the Python
modules under docgen/ (string literals, f-string parts included; docstrings
and comments may keep prose and examples), the Jinja templates (web pages
and the preview) and the browser's JavaScript (comments aside). It forbids:
- the type's title line as Decree 30 prints it ("KẾ HOẠCH", "CÔNG VĂN"
  never prints but "QUYẾT ĐỊNH" does);
- its name capitalised as a type ("Kế hoạch", "Quyết định");
- its name in lower case ("kế hoạch", "công văn"), unless that is also an
  everyday word (EVERYDAY below: "để báo cáo", "theo quy định", "thông báo
  lỗi" are not document types);
- its key and its name without diacritics, in any case and joined by
  nothing, a space, "_" or "-" ("ke_hoach", "ke-hoach", "Ke hoach");
- its symbol code followed by "-" ("KH-", "QĐ-", "TTr-").
The Word templates (templates_docx/) are the families' own files. The user
guide's templates (USER_GUIDE) are documentation, not code: they are left
out, as docstrings and comments are.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest

import docgen
from docgen import doctypes

PACKAGE = Path(docgen.__file__).parent
SKIPPED = ("doctypes", "templates_docx", "samples")
# The user guide (/huong-dan, docgen/web/guide.py) is documentation written as
# templates: it tells clerks in Vietnamese sentences what each type has ("Công
# văn: không có tên loại; “Trích yếu (V/v)” in dưới số…", "Lập báo cáo từ kế
# hoạch này"), as docs/ and the docstrings do, and picks nothing by type. The
# rule is for code, which must ask the type; the guide's list of the types is
# still drawn from the registry (doctypes.standalone()), so a new type shows.
# Its page and one part per reader; the top bar's link and the pictures' macro
# (_guide_link.html, _guide_macros.html) are markup and stay under the rule.
USER_GUIDE = tuple(f"web/templates/{name}.html" for name in (
    "guide", "_guide_chuyen_vien", "_guide_lanh_dao", "_guide_van_thu", "_guide_quan_tri"))

# Lower-case names that are also ordinary words, and what they mean there.
EVERYDAY = {
    "báo cáo": "to report: “để báo cáo”, “kỳ báo cáo”, “chế độ báo cáo”",
    "thông báo": "a message: “thông báo lỗi”",
    "quyết định": "to decide",
    "quy định": "to lay down: “theo quy định”",
    "hướng dẫn": "to guide: “hướng dẫn người dân”",
}


def _ascii(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def _forbidden(doc_type: doctypes.DocumentType) -> list[re.Pattern]:
    name = doc_type.name
    words = _ascii(name).lower().split()
    patterns = [
        re.compile(rf"(?<!\w){re.escape(name)}(?!\w)"),
        re.compile(r"(?<![\w])" + r"[ _-]?".join(map(re.escape, words)) + r"(?![\w])", re.IGNORECASE),
    ]
    if doc_type.title:
        patterns.append(re.compile(rf"(?<!\w){re.escape(doc_type.title)}(?!\w)"))
    if name.lower() not in EVERYDAY:
        patterns.append(re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE))
    if doc_type.symbol_prefix:
        patterns.append(re.compile(rf"(?<![\w-]){re.escape(doc_type.symbol_prefix)}-"))
    return patterns


def spells_a_type(text: str) -> list[str]:
    """The types ``text`` spells (by key)."""
    return [t.key for t in doctypes.ALL.values() if any(p.search(text) for p in _forbidden(t))]


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                ids.add(id(first.value))
    return ids


def python_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string literal that spells a type, docstrings aside."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return sorted((node.lineno, node.value) for node in ast.walk(tree)
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
                  and spells_a_type(node.value))


_JS_COMMENTS = re.compile(r"/\*.*?\*/|(?<![:\"'\\])//[^\n]*", re.S)
_TEMPLATE_COMMENTS = re.compile(r"\{#.*?#\}|<!--.*?-->", re.S)


def _lines(text: str, comments: re.Pattern) -> list[tuple[int, str]]:
    # comments blanked out, line numbers kept
    kept = comments.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    return [(number, line) for number, line in enumerate(kept.split("\n"), start=1) if spells_a_type(line)]


def script_lines(source: str) -> list[tuple[int, str]]:
    return _lines(source, _JS_COMMENTS)


def template_lines(source: str) -> list[tuple[int, str]]:
    return _lines(source, _TEMPLATE_COMMENTS)


def test_the_rule_finds_what_it_forbids():
    source = ('"""Kế hoạch: a docstring may say it."""\n'
              'A = "KẾ HOẠCH"\nB = f"Đã tạo {n} kế hoạch"\nC = "05/KH-UBND"\nD = "ke-hoach.docx"\n'
              'E = "văn bản"  # Kế hoạch in a comment\nF = "Số: 15/QĐ-UBND"\nG = "Công văn"\n'
              'H = "cong_van"\nI = "TỜ TRÌNH"\nJ = "để báo cáo"\nK = "theo quy định"\nL = "Báo cáo mới"\n'
              'M = "03/TTr-UBND"\nN = "giấy mời"\n')
    assert [line for line, _ in python_literals(source)] == [2, 3, 4, 5, 7, 8, 9, 10, 13, 14, 15]
    script = ('// "Kế hoạch" in a comment\nconst a = "Quyết định mới";\nconst b = x; // KH-UBND\n'
              'const c = "http://host/giay-moi";\nconst d = "kỳ báo cáo";\n')
    assert [line for line, _ in script_lines(script)] == [2, 4]
    template = '{# Kế hoạch #}\n<p>Soạn công văn</p>\n<!-- BÁO CÁO -->\n<p>{{ doc_type.name }}</p>\n'
    assert [line for line, _ in template_lines(template)] == [2]


@pytest.mark.parametrize("doc_type", list(doctypes.ALL.values()), ids=lambda t: t.key)
def test_every_registered_type_is_covered(doc_type):
    spelled = [doc_type.name, doc_type.key, doc_type.key.replace("_", "-")]
    spelled += [doc_type.title] if doc_type.title else []
    spelled += [f"05/{doc_type.default_symbol}"] if doc_type.symbol_prefix else []
    for text in spelled:
        assert doc_type.key in spells_a_type(text), text


def _offenders() -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in SKIPPED or not path.is_file() or relative.as_posix() in USER_GUIDE:
            continue
        if path.suffix == ".py":
            hits = python_literals(path.read_text(encoding="utf-8"))
        elif path.suffix == ".js":
            hits = script_lines(path.read_text(encoding="utf-8"))
        elif path.suffix == ".html":
            hits = template_lines(path.read_text(encoding="utf-8"))
        else:
            continue
        found += [f"docgen/{relative}:{line}: {text.strip()[:90]!r}" for line, text in hits]
    return found


def test_no_type_spelled_outside_doctypes():
    assert _offenders() == []


def test_only_the_user_guide_is_left_out():
    """USER_GUIDE names the guide's page and its readers' parts, which exist and
    do name types (else the exception is not needed), and nothing else."""
    assert all(re.fullmatch(r"web/templates/(guide|_guide_[a-z_]+)\.html", name) for name in USER_GUIDE)
    assert all((PACKAGE / name).is_file() for name in USER_GUIDE)
    assert any(spells_a_type((PACKAGE / name).read_text(encoding="utf-8")) for name in USER_GUIDE)
    assert {"_guide_link", "_guide_macros"}.isdisjoint(Path(name).stem for name in USER_GUIDE)
