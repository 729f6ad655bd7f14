"""Data flows one way (../shared/STYLE.md): the web app and the command line
are deliveries over the core, so no core module imports ``docgen.web`` or
``docgen.app`` or reads the web app's files, and the batch runner (part of
the core here) never reaches into the web either. Every module's imports
are read with ``ast``, those inside functions included."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import docgen

PACKAGE = Path(docgen.__file__).resolve().parent
# The deliveries: the web app, its factory, and the command line.
DELIVERIES = ("docgen.web", "docgen.app", "docgen.cli")
WEB = ("docgen.web", "docgen.app")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(name: str, source: str, is_package: bool = False) -> set[str]:
    """Every module ``source`` (the module ``name``) imports, relative
    imports resolved; ``from X import y`` counts as X and X.y."""
    found: set[str] = set()
    here = name.split(".") if is_package else name.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def web_paths(source: str) -> list[str]:
    """String constants that name the web app's folder (a path into its files)."""
    return [node.value for node in ast.walk(ast.parse(source))
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and (node.value == "web" or node.value.startswith("web/") or "/web/" in node.value)]


def _within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))
           if "templates_docx" not in path.parts}
CORE = sorted(name for name in MODULES if not _within(name, DELIVERIES))


def test_the_walk_sees_the_core_and_the_web():
    assert {"docgen.render", "docgen.batch.units", "docgen.storage.db", "docgen.spreadsheet"} <= set(CORE)
    assert "docgen.web.api" in MODULES and "docgen.web.api" not in CORE


@pytest.mark.parametrize("name", CORE)
def test_core_module_does_not_reach_into_the_web(name):
    path = MODULES[name]
    source = path.read_text(encoding="utf-8")
    imports = imported_modules(name, source, path.name == "__init__.py")
    assert not [m for m in imports if _within(m, WEB)], f"{name} imports the web app"
    assert not _within(name, ("docgen.storage",)) or "flask" not in {m.split(".")[0] for m in imports}, \
        f"{name}: the storage does not use Flask; the web owns its per-request session"
    assert web_paths(source) == [], f"{name} reads the web app's files"


def test_the_walk_finds_what_it_must_refuse():
    batch_to_web = "from ..web.spreadsheet import read_sheet_rows\n"
    assert "docgen.web.spreadsheet" in imported_modules("docgen.batch.units", batch_to_web)
    lazy = "def f():\n    from .. import web\n    import docgen.app\n"
    assert {"docgen.web", "docgen.app"} <= imported_modules("docgen.batch.units", lazy)
    from_package = "from .web import api\n"
    assert "docgen.web" in imported_modules("docgen", from_package, is_package=True)
    assert web_paths('TEMPLATES = Path(__file__).parent / "web" / "templates"') == ["web"]
