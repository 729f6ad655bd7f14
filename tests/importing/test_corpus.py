"""The corpus of documents in the shapes offices really send
(tests/importing/corpus): each imports to a valid plan with every fact it
must give (bench/import_facts.py's measure), and every inference on the way
is a warning naming its paragraph."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from docgen.importing.importer import import_bytes
from docgen.importing.parse import ImportRefused
from docgen.plan.files import parse_plan_text, plan_to_yaml

from . import foreign
from .corpus import DOCUMENTS

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
import import_facts  # noqa: E402


def _params():
    for document in DOCUMENTS:
        marks = [pytest.mark.slow] if document.needs_libreoffice else []
        yield pytest.param(document, id=document.name, marks=marks)


def test_the_corpus_is_large_and_varied():
    assert len(DOCUMENTS) >= 30
    kinds = {d.kind for d in DOCUMENTS}
    types = {d.facts["type"] for d in DOCUMENTS}
    assert kinds == {"text", "docx"} and types >= {"ke_hoach", "bao_cao"}
    assert any(d.facts.get("issued_by_decision") for d in DOCUMENTS if d.kind == "text")
    assert any(d.facts.get("issued_by_decision") for d in DOCUMENTS if d.kind == "docx")


@pytest.mark.parametrize("document", _params())
def test_every_fact_is_read(document):
    if document.needs_libreoffice and not foreign.libreoffice_available():
        pytest.skip("LibreOffice (soffice) is not installed")
    outcome = import_facts.score(document, import_bytes, ImportRefused)
    assert outcome["refused"] is None
    assert (outcome["wrong"], outcome["silent"], outcome["empty"]) == ([], [], [])
    assert outcome["right"] == outcome["total"] == 10


@pytest.mark.parametrize("document", [d for d in DOCUMENTS if d.kind == "text"], ids=lambda d: d.name)
def test_the_plan_written_validates_and_warnings_name_their_paragraph(document):
    result = import_bytes(document.data(), document.filename)
    assert parse_plan_text(plan_to_yaml(result.plan)) == result.plan
    assert all(w.paragraph > 0 and w.message for w in result.warnings)
