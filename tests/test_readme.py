"""The README is read by people: a short page whose top has the two commands
(and no others), its pictures and the links to the guides; it and the docs
stay documents (a 74 MB README, written once by a replace of an empty
string, went unnoticed for a stop). What the docs must name is
tests/test_docs.py's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCUMENTS = [README, *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda path: path.name)
def test_a_document_of_reasonable_size(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.encode()) < 400_000
    headings = re.findall(r"^#+ .+$", text, flags=re.MULTILINE)
    assert len(headings) == len(set(headings)), "a heading is repeated"
    paragraphs = [p for p in text.split("\n\n") if len(p) > 200]
    assert len(paragraphs) == len(set(paragraphs)), "a paragraph is repeated"


def test_readme_starts_with_the_two_commands_and_has_no_other():
    text = README.read_text(encoding="utf-8")
    assert text.startswith("# docgen\n")
    assert re.findall(r"^    (\./scripts/\S+)$", text[:3000], flags=re.MULTILINE)[:2] == [
        "./scripts/run.sh", "./scripts/test.sh"]
    commands = re.findall(r"^(?:    |\t)(\S.*)$", text, flags=re.MULTILINE) + re.findall(r"^```", text, flags=re.MULTILINE)
    assert commands == ["./scripts/run.sh", "./scripts/test.sh"], "everything else belongs in docs/"


def test_readme_is_short_with_its_pictures_and_links():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 120
    pictures = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", text)
    assert pictures == ["docgen/web/static/guide/editor.png", "docgen/web/static/guide/issued-document.png"]
    assert all((ROOT / picture).is_file() for picture in pictures)
    for target in ("](docs/operator.md)", "](docs/developer.md)", "`/huong-dan`", "## Stack"):
        assert target in text


def test_run_sh_closing_hint_has_an_account_for_every_role():
    """scripts/run.sh ends by showing how to make accounts: one example per
    role, the văn thư (registrar) who issues and numbers included."""
    from docgen.storage.models import ROLES

    script = (README.parent / "scripts" / "run.sh").read_text(encoding="utf-8")
    hint = script[script.index("cat <<MSG"):]
    roles = re.findall(r"docgen users add \S+ .*--role (\w+)", hint)
    assert sorted(roles) == sorted(ROLES)
    assert "trình duyệt" not in hint  # "trình duyệt" reads as "web browser": the product says "trình ký"
