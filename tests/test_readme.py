"""The README is read by people: its top has the two commands, and it stays
a document (a 74 MB README, written once by a replace of an empty string,
went unnoticed for a stop)."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_is_a_document_of_reasonable_size():
    text = README.read_text(encoding="utf-8")
    assert len(text.encode()) < 400_000
    headings = re.findall(r"^#+ .+$", text, flags=re.MULTILINE)
    assert len(headings) == len(set(headings)), "a heading is repeated"
    paragraphs = [p for p in text.split("\n\n") if len(p) > 200]
    assert len(paragraphs) == len(set(paragraphs)), "a paragraph is repeated"


def test_readme_starts_with_the_two_commands():
    top = README.read_text(encoding="utf-8")[:3000]
    assert top.startswith("# docgen\n")
    assert re.findall(r"^    (\./scripts/\S+)$", top, flags=re.MULTILINE)[:2] == [
        "./scripts/run.sh", "./scripts/test.sh"]
