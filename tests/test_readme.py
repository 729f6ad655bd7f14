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


def test_run_sh_closing_hint_has_an_account_for_every_role():
    """scripts/run.sh ends by showing how to make accounts: one example per
    role, the văn thư (registrar) who issues and numbers included."""
    from docgen.storage.models import ROLES

    script = (README.parent / "scripts" / "run.sh").read_text(encoding="utf-8")
    hint = script[script.index("cat <<MSG"):]
    roles = re.findall(r"docgen users add \S+ .*--role (\w+)", hint)
    assert sorted(roles) == sorted(ROLES)
    assert "trình duyệt" not in hint  # "trình duyệt" reads as "web browser": the product says "trình ký"
