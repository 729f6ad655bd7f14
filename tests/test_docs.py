"""The documentation names what the code has (tests/docs_coverage.py): every
command and option of ``docgen``, every setting the code reads; the checker
reports each one removed from the docs; the paths, names and links the docs
cite exist. (The diagram of the packages: tests/test_package_diagram.py.)"""

from __future__ import annotations

import ast
import functools
import importlib
import re

import pytest

from .docs_coverage import (ROOT, code_facts, command_sections, problems, read_docs, settings_in_python,
                            settings_in_shell)

FACTS = code_facts()
DOCS_TEXT = read_docs()
# What the real docs lack (nothing, when the first test passes): the tests that
# remove one thing from a copy look only at what the removal adds, so a missing
# item fails one test, not a hundred.
MISSING = problems(FACTS, DOCS_TEXT)


def added_problems(docs: dict[str, str]) -> list[str]:
    return [problem for problem in problems(FACTS, docs) if problem not in MISSING]
TEXTS = {**DOCS_TEXT, "README.md": (ROOT / "README.md").read_text(encoding="utf-8")}


def test_every_command_option_and_setting_is_in_the_docs():
    assert MISSING == [], "the docs do not name:\n" + "\n".join(MISSING)


def test_the_code_has_what_the_checker_looks_for():
    """A checker that found nothing would pass anything."""
    names = {command.name for command in FACTS.commands}
    assert {"docgen render", "docgen users add", "docgen register list", "docgen signing demo-identity"} <= names
    assert {"DOCGEN_SECRET_KEY", "DOCGEN_PDF_POOL", "DOCGEN_RENDER_SECONDS", "DATABASE_URL",
            "REDIS_URL"} <= set(FACTS.settings)
    assert any(place.startswith("docgen/pdf/warm.py:") for place in FACTS.settings["DOCGEN_PDF_POOL"])


def _without_line(docs: dict[str, str], pattern: str) -> dict[str, str]:
    """``docs`` with every line matching ``pattern`` removed; at least one was."""
    copy, removed = {}, 0
    for name, text in docs.items():
        lines = text.splitlines()
        kept = [line for line in lines if not re.search(pattern, line)]
        removed += len(lines) - len(kept)
        copy[name] = "\n".join(kept) + "\n"
    assert removed, pattern
    return copy


@pytest.mark.parametrize("setting", sorted(FACTS.settings))
def test_a_setting_removed_from_the_docs_is_reported(setting):
    if any(problem.startswith(f"setting {setting},") for problem in MISSING):
        pytest.skip(f"{setting} is missing already (test_every_command_option_and_setting_is_in_the_docs)")
    docs = _without_line(DOCS_TEXT, rf"^\|\s*`{setting}`\s*\|")
    [problem] = added_problems(docs)
    assert problem.startswith(f"setting {setting}, read at ")
    for place in FACTS.settings[setting]:
        assert place in problem
    assert "docs/operator.md" in problem


def test_a_setting_named_only_in_prose_is_not_documented():
    """The row is what documents a setting; a mention in a sentence is not."""
    docs = _without_line(DOCS_TEXT, r"^\|\s*`DOCGEN_PDF_TIMEOUT`\s*\|")
    assert any("DOCGEN_PDF_TIMEOUT" in text for text in docs.values())
    assert [p.split(",")[0] for p in added_problems(docs)] == ["setting DOCGEN_PDF_TIMEOUT"]


OPTIONS = [(command, names[0]) for command in FACTS.commands for names in command.options]


@pytest.mark.parametrize("command, option", OPTIONS, ids=[f"{c.name} {o}" for c, o in OPTIONS])
def test_an_option_removed_from_its_section_is_reported(command, option):
    sections = command_sections(DOCS_TEXT, {c.path for c in FACTS.commands})
    if command.path not in sections:
        pytest.skip(f"{command.name} has no section (test_every_command_option_and_setting_is_in_the_docs)")
    section = sections[command.path]
    name = section.where.rsplit(":", 1)[0]
    cut = re.sub(rf"`{re.escape(option)}(?![\w-])", "`", section.text)
    assert cut != section.text
    docs = {**DOCS_TEXT, name: DOCS_TEXT[name].replace(section.text, cut, 1)}
    if any(f"`{option}` of `{command.name}`" in problem for problem in MISSING):
        pytest.skip(f"{option} of {command.name} is missing already (test_every_command_option_and_setting_is_in_the_docs)")
    assert added_problems(docs) == [
        f"option `{option}` of `{command.name}` is not named in its section ({section.where})"]


def test_a_command_without_a_section_is_reported():
    docs = {name: text.replace("### `docgen verify FILE.pdf`", "### Verifying a PDF")
            for name, text in DOCS_TEXT.items()}
    assert added_problems(docs) == [
        "command `docgen verify` has no section in docs/: add a heading with `docgen verify …` "
        '(docs/operator.md, "Command reference")']


def test_reads_are_found_however_they_are_spelled():
    source = '''"""Settings: DOCGEN_IN_DOCSTRING is only documentation."""
import os
import click
A = os.environ.get("DOCGEN_A")
B = os.getenv("DOCGEN_B", "1")
C = os.environ["DOCGEN_C"]
SECRETS_ENV = "DOCGEN_D"
E = _setting(environ, "DOCGEN_E", "60", 1, 3600)
F = click.option("--jobs-dir", envvar="DOCGEN_F")
G = os.environ.get("DATABASE_URL") or os.environ.get("REDIS_URL")
message = f"DOCGEN_PROXIES phải là số {1}"
def f():
    """DOCGEN_ALSO_DOCSTRING"""
'''
    found = settings_in_python(source, "docgen/x.py")
    assert found == {"DOCGEN_A": ["docgen/x.py:4"], "DOCGEN_B": ["docgen/x.py:5"], "DOCGEN_C": ["docgen/x.py:6"],
                     "DOCGEN_D": ["docgen/x.py:7"], "DOCGEN_E": ["docgen/x.py:8"], "DOCGEN_F": ["docgen/x.py:9"],
                     "DATABASE_URL": ["docgen/x.py:10"], "REDIS_URL": ["docgen/x.py:10"]}
    shell = '# DOCGEN_COMMENT is not read\nif [ -z "${DOCGEN_K:-}" ]; then\n  key="$DOCGEN_L"\nfi\n'
    assert settings_in_shell(shell, "scripts/x.sh") == {"DOCGEN_K": ["scripts/x.sh:2"],
                                                         "DOCGEN_L": ["scripts/x.sh:3"]}


# --- what the docs cite exists ---------------------------------------------------------------

SPAN = re.compile(r"`([^`\n]+)`")
REPO_PATH = re.compile(r"(?:docgen|tests|bench|scripts|templates_docx|samples|docs|\.ci)/[\w./*-]*")
WEB_PATH = re.compile(r"(?:static|templates)/[\w./-]+")
DOTTED = re.compile(r"docgen(?:\.\w+)+")


def _cited(pattern: re.Pattern) -> set[tuple[str, str]]:
    return {(name, match.group(0)) for name, text in TEXTS.items()
            for span in SPAN.findall(text) if (match := pattern.match((span.split() or [""])[0]))}


# Old paths the README's "Stack" names as moved (issue 21).
MOVED = {"docgen/app.py", "docgen/render.py"}


@pytest.mark.parametrize("source, path", sorted(_cited(REPO_PATH) - {("README.md", p) for p in MOVED}))
def test_a_cited_path_exists(source, path):
    assert list(ROOT.glob(path.rstrip("/"))), f"{source} cites {path}, which does not exist"


@pytest.mark.parametrize("source, path", sorted(_cited(WEB_PATH)))
def test_a_cited_file_of_the_web_app_exists(source, path):
    assert (ROOT / "docgen" / "web" / path).exists(), f"{source} cites {path}, not in docgen/web/"


@functools.cache
def _string_constants() -> frozenset[str]:
    return frozenset(node.value for path in (ROOT / "docgen").rglob("*.py")
                     for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                     if isinstance(node, ast.Constant) and isinstance(node.value, str))


@pytest.mark.parametrize("source, name", sorted(_cited(DOTTED)))
def test_a_cited_name_is_in_the_code(source, name):
    """``docgen.a.b.c`` is a module, or an attribute of one; a logger's name
    is a string the code spells."""
    parts = name.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module(".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            target = getattr(target, attribute, None)
        if target is not None:
            return
        break
    assert name in _string_constants(), f"{source} cites {name}, which is neither a module, an attribute nor a name"


def _anchors(text: str) -> set[str]:
    """GitHub's anchors of a Markdown file's headings."""
    found = set()
    for line in text.splitlines():
        match = re.match(r"^#{1,6}\s+(.*?)\s*$", line)
        if match:
            title = re.sub(r"[^\w\- ]", "", match.group(1).strip().lower())
            found.add(title.replace(" ", "-"))
    return found


LINKS = sorted({(name, target) for name, text in TEXTS.items()
                for target in re.findall(r"\]\(([^)\s]+)\)", text) if not re.match(r"[a-z]+:", target)})


@pytest.mark.parametrize("source, target", LINKS)
def test_a_link_leads_somewhere(source, target):
    path, _, anchor = target.partition("#")
    file = (ROOT / source).parent / path if path else ROOT / source
    assert file.exists(), f"{source} links to {target}: no such file"
    if anchor:
        assert anchor in _anchors(file.read_text(encoding="utf-8")), f"{source} links to {target}: no such heading"

