"""What the documentation must name, read from the code, and whether docs/
names it: the checker behind tests/test_docs.py.

- Every command of ``docgen`` (click's tree, walked from ``docgen.cli.main``)
  needs a section: a Markdown heading in docs/ with ``docgen COMMAND …`` in
  backticks. Every option of the command must be named in that section, in
  backticks (``--output``, or ``--output FILE``).
- Every setting the code reads (a ``DOCGEN_*`` variable, ``DATABASE_URL``,
  ``REDIS_URL``) needs a row of a Markdown table in docs/ whose first cell is
  its name in backticks. What counts as read: a string literal of that name
  in docgen/ or scripts/*.py (how ``os.environ.get``, ``os.getenv``, a
  settings class's ``environ.get``/``_setting(environ, …)`` and click's
  ``envvar=`` name one; docstrings do not count), and ``$DOCGEN_…`` or
  ``${DOCGEN_…}`` in scripts/*.sh.

Each problem is one line saying what is missing, where the code has it and
where the docs should have it, so an engineer who adds a setting or an option
sees what to write."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SETTING = re.compile(r"DOCGEN_[A-Z0-9_]*[A-Z0-9]|DATABASE_URL|REDIS_URL")
SHELL_READ = re.compile(r"\$\{?(DOCGEN_[A-Z0-9_]*[A-Z0-9])")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
COMMAND_IN_HEADING = re.compile(r"`docgen ([^`]*)`")
OPTION_IN_TEXT = re.compile(r"`(--?[A-Za-z0-9][\w-]*)")
SETTING_ROW = re.compile(r"^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|(.*)\|\s*$")
WHERE_SETTINGS_GO = 'docs/operator.md, "Configuration"'
WHERE_COMMANDS_GO = 'docs/operator.md, "Command reference"'


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]  # ("users", "add")
    options: tuple[tuple[str, ...], ...]  # each option's names the docs must show
    group: bool

    @property
    def name(self) -> str:
        return " ".join(("docgen",) + self.path)


@dataclass
class CodeFacts:
    """What the code offers: commands with their options, settings with the
    places that read them (``docgen/pdf/warm.py:88``)."""

    commands: list[Command]
    settings: dict[str, list[str]] = field(default_factory=dict)


def commands(main: click.Command, path: tuple[str, ...] = ()) -> list[Command]:
    """Every command under ``main`` (groups too), depth first."""
    found = []
    for name, command in sorted(getattr(main, "commands", {}).items()):
        options = []
        for param in command.params:
            if not isinstance(param, click.Option):
                continue
            names = param.opts + param.secondary_opts
            long = tuple(n for n in names if n.startswith("--"))
            options.append(long or tuple(names))
        group = isinstance(command, click.Group)
        found.append(Command(path + (name,), tuple(options), group))
        if group:
            found.extend(commands(command, path + (name,)))
    return found


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def settings_in_python(source: str, where: str) -> dict[str, list[str]]:
    """Settings named by string literals of ``source`` (``where`` is its
    path, for the places), docstrings left out."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    found: dict[str, list[str]] = defaultdict(list)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
                and SETTING.fullmatch(node.value)):
            found[node.value].append(f"{where}:{node.lineno}")
    return found


def settings_in_shell(source: str, where: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for number, line in enumerate(source.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        for match in SHELL_READ.finditer(line):
            found[match.group(1)].append(f"{where}:{number}")
    return found


def settings_read(root: Path = ROOT) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    sources = sorted((root / "docgen").rglob("*.py")) + sorted((root / "scripts").glob("*.py"))
    for path in sources:
        for name, places in settings_in_python(path.read_text(encoding="utf-8"),
                                               path.relative_to(root).as_posix()).items():
            found[name].extend(places)
    for path in sorted((root / "scripts").glob("*.sh")):
        for name, places in settings_in_shell(path.read_text(encoding="utf-8"),
                                              path.relative_to(root).as_posix()).items():
            found[name].extend(places)
    return {name: list(dict.fromkeys(places)) for name, places in sorted(found.items())}


def code_facts(root: Path = ROOT) -> CodeFacts:
    from docgen.cli import main

    return CodeFacts(commands(main), settings_read(root))


# --- the docs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    where: str  # docs/operator.md:512
    text: str  # the heading and what follows, up to the next heading of its level or above


def read_docs(folder: Path = DOCS) -> dict[str, str]:
    """``docs/NAME.md`` -> its text."""
    return {f"docs/{path.relative_to(folder).as_posix()}": path.read_text(encoding="utf-8")
            for path in sorted(folder.rglob("*.md"))}


def command_sections(docs: dict[str, str], known: set[tuple[str, ...]]) -> dict[tuple[str, ...], Section]:
    """The first section of each command: a heading whose backticked
    ``docgen …`` starts with the command's path (the longest known one)."""
    sections: dict[tuple[str, ...], Section] = {}
    for name, text in docs.items():
        lines = text.splitlines()
        headings = [(i, len(m.group(1)), m.group(2)) for i, line in enumerate(lines)
                    if (m := HEADING.match(line))]
        for position, (start, level, title) in enumerate(headings):
            end = next((i for i, lvl, _ in headings[position + 1:] if lvl <= level), len(lines))
            for span in COMMAND_IN_HEADING.findall(title):
                words = tuple(span.split())
                paths = [words[:n] for n in range(len(words), 0, -1) if words[:n] in known]
                if paths and paths[0] not in sections:
                    sections[paths[0]] = Section(f"{name}:{start + 1}", "\n".join(lines[start:end]))
    return sections


def setting_rows(docs: dict[str, str]) -> dict[str, str]:
    """Settings with a table row of their own: name -> ``docs/FILE.md:LINE``."""
    rows = {}
    for name, text in docs.items():
        for number, line in enumerate(text.splitlines(), start=1):
            match = SETTING_ROW.match(line)
            if match and any(cell.strip() for cell in match.group(2).split("|")):
                rows.setdefault(match.group(1), f"{name}:{number}")
    return rows


def problems(facts: CodeFacts, docs: dict[str, str]) -> list[str]:
    """What the code has and the docs do not name, one line each."""
    found = []
    sections = command_sections(docs, {command.path for command in facts.commands})
    for command in facts.commands:
        section = sections.get(command.path)
        if section is None:
            if command.group and not command.options:
                continue  # a group is documented by its commands' sections
            found.append(f"command `{command.name}` has no section in docs/: add a heading with "
                         f"`{command.name} …` ({WHERE_COMMANDS_GO})")
            continue
        named = set(OPTION_IN_TEXT.findall(section.text))
        for names in command.options:
            missing = [n for n in names if n not in named]
            if missing:
                found.append(f"option {', '.join(f'`{n}`' for n in missing)} of `{command.name}` is not named "
                             f"in its section ({section.where})")
    rows = setting_rows(docs)
    for setting, places in facts.settings.items():
        if setting not in rows:
            found.append(f"setting {setting}, read at {', '.join(places)}, has no row in a table of docs/: "
                         f"add “| `{setting}` | default | meaning |” ({WHERE_SETTINGS_GO})")
    return found
