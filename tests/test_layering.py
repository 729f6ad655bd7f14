"""The layer contract (docs/developer.md, "Architecture"): docgen's code is
one package per step of the pipeline, in this order, and a step imports
only the steps below it. Imports inside functions count as much as those at
the top of a module: a lazy import is still a dependency. No cycle between
modules either, within a package or across.

Every module's imports are read with ``ast``; ``from P import name`` counts
as importing the module P.name when there is one, else P."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import docgen

PACKAGE = Path(docgen.__file__).resolve().parent

# Lowest first. A module of one layer may import its own layer and those before it.
LAYERS = (
    "base",        # the short-text cache, where the package's files are
    "vietnamese",  # dates, numbers, words, names of bodies, signer authority, clean text
    "doctypes",    # the document types as data
    "word",        # reading and writing Word packages (OOXML)
    "signing",     # PAdES signatures
    "pdf",         # LibreOffice conversion
    "plan",        # the plan model, its appendices, references, labels, vocabularies, file reader
    "sheets",      # spreadsheets, pasted tables, the register's sheet
    "document",    # template context, Word rendering, HTML preview
    "importing",   # an existing document -> a plan
    "checks",      # what is wrong in a plan or a document
    "reports",     # reports that follow a plan
    "review",      # comparing versions
    "batch",       # one document per unit
    "metadata",    # Decree 30's metadata of an outgoing document (Appendix VI): XML file, XMP
    "edxml",       # edXML packages of the national document axis (QCVN 102), read and written
    "storage",     # drafts, accounts, register, signatures (SQLAlchemy)
    "jobs",        # batch jobs on a queue
    "web",         # delivery: the web app
    "cli",         # delivery: the command line
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))
           if "templates_docx" not in path.parts and "migrations" not in path.parts}


def _type_checking_only(tree: ast.AST) -> set[int]:
    """The ids of the import nodes under ``if TYPE_CHECKING:`` (for type
    names only: no dependency at run time)."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            skipped.update(id(inner) for statement in node.body for inner in ast.walk(statement))
    return skipped


def imported_modules(name: str, source: str, is_package: bool = False,
                     known: set[str] | frozenset[str] = frozenset(MODULES)) -> set[str]:
    """The docgen modules ``source`` (the module ``name``) imports, relative
    imports resolved, imports inside functions included, those for type
    names only (``if TYPE_CHECKING:``) left out."""
    found: set[str] = set()
    here = name.split(".") if is_package else name.split(".")[:-1]
    tree = ast.parse(source)
    skipped = _type_checking_only(tree)
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                found.add(f"{module}.{alias.name}" if f"{module}.{alias.name}" in known else module)
    return {module for module in found if module.startswith("docgen.") or module == "docgen"}


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    edges = {}
    for name, path in modules.items():
        imports = imported_modules(name, path.read_text(encoding="utf-8"), path.name == "__init__.py",
                                   known=set(modules))
        edges[name] = {module for module in imports if module in modules and module != name}
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


EDGES = graph(MODULES)


def test_every_module_sits_in_a_layer():
    loose = [name for name in MODULES if name != "docgen" and layer(name) not in LAYERS]
    assert loose == [], f"modules outside the layers' packages: {loose}"
    assert {layer(name) for name in MODULES if name != "docgen"} == set(LAYERS)


@pytest.mark.parametrize("name", sorted(name for name in MODULES if name != "docgen"))
def test_imports_go_down_the_layers(name):
    mine = LAYERS.index(layer(name))
    upward = sorted(target for target in EDGES[name]
                    if target != "docgen" and LAYERS.index(layer(target)) > mine)
    assert upward == [], f"{name} ({LAYERS[mine]}) imports a higher layer: {upward}"


def test_no_import_cycles():
    assert cycles(EDGES) == []


def test_the_contract_finds_what_it_must_refuse():
    """The checks catch what the old layout had: a lazy import from a lower
    layer into a higher one, and the three cycles it had (the command line
    and its report commands, the spreadsheet reader and its size limits, the
    web's database and its error pages)."""
    lazy = "def f():\n    from ..web import api\n"
    assert "docgen.web.api" in imported_modules("docgen.batch.units", lazy)
    assert "docgen.web" in imported_modules("docgen.batch.units", "def f():\n    import docgen.web\n")
    old = {
        "docgen.cli": {"docgen.report_commands"}, "docgen.report_commands": {"docgen.cli"},
        "docgen.spreadsheet": {"docgen.xlsx_limits"}, "docgen.xlsx_limits": {"docgen.spreadsheet"},
        "docgen.web.database": {"docgen.web.errors"}, "docgen.web.errors": {"docgen.web.database"},
        "docgen.render": set(),
    }
    assert cycles(old) == [["docgen.cli", "docgen.report_commands"],
                           ["docgen.spreadsheet", "docgen.xlsx_limits"],
                           ["docgen.web.database", "docgen.web.errors"]]
    source = "from .. import vietnamese\nfrom ..plan import model\nfrom ..plan.model import Plan\n"
    assert imported_modules("docgen.document.render", source) == {
        "docgen.vietnamese", "docgen.plan.model"}
    typing_only = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..web import api\n"
    assert imported_modules("docgen.batch.units", typing_only) == set()


def test_the_core_never_reads_the_web_apps_files():
    """No module below the deliveries names the web app's folder (its
    templates and static files belong to the web)."""
    def web_paths(source: str) -> list[str]:
        return [node.value for node in ast.walk(ast.parse(source))
                if isinstance(node, ast.Constant) and isinstance(node.value, str)
                and (node.value == "web" or node.value.startswith("web/") or "/web/" in node.value)]

    core = [name for name in MODULES if layer(name) not in ("web", "cli")]
    assert [name for name in core if web_paths(MODULES[name].read_text(encoding="utf-8"))] == []


def test_storage_does_not_use_flask():
    """The web owns its per-request database session."""
    storage = [name for name in MODULES if layer(name) == "storage"]
    assert [name for name in storage
            if "import flask" in MODULES[name].read_text(encoding="utf-8")
            or "from flask" in MODULES[name].read_text(encoding="utf-8")] == []
