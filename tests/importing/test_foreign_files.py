"""Word files made the ways other producers make them (built by
tests/importing/foreign.py, from the Word reader's branch i12-reader) import
to a valid plan with the right header facts and structure; a sample
re-saved by LibreOffice gives the sample back. Skipped while that branch
(docgen.importing.from_docx, tests/importing/foreign.py) is not merged."""

from __future__ import annotations

import importlib.util

import pytest

from docgen.importing.parse import parse_source
from docgen.plan.files import parse_plan_text, plan_to_yaml

from ..conftest import SAMPLES, sample_id
from .compare import comparable, differences

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("docgen.importing.from_docx") is None
    or importlib.util.find_spec("tests.importing.foreign") is None,
    reason="the Word reader (branch i12-reader) is not merged yet")

PLANS = ["direct_formatting", "header_as_paragraphs", "libreoffice_from_text", "libreoffice_from_html",
         "word_numbering", "other_fonts", "appendix_merged_header", "style_inheritance",
         "signature_in_two_rows", "tracked_changes"]


def _imported(name: str):
    from docgen.importing.from_docx import read_docx

    from . import foreign

    if name in foreign.NEEDS_LIBREOFFICE and not foreign.libreoffice_available():
        pytest.skip("LibreOffice (soffice) is not installed")
    return parse_source(read_docx(foreign.BUILDERS[name]()))


@pytest.mark.parametrize("name", PLANS)
def test_foreign_file_imports_with_its_facts(name):
    from . import foreign

    result = _imported(name)
    plan = result.plan
    assert parse_plan_text(plan_to_yaml(plan)) == plan
    assert plan.header.issuing_body == foreign.ISSUER
    assert f"Số: {plan.header.number}/{plan.header.symbol}" == foreign.NUMBER
    date = plan.header.date
    assert f"{plan.header.place}, ngày {date.day:02d} tháng {date.month} năm {date.year}" == foreign.DATE
    assert plan.subject == foreign.SUBJECT
    assert [s.title for s in plan.sections] == [text for kind, _, text in foreign.BODY if kind == "section"]
    assert plan.signer.authority == foreign.AUTHORITY and plan.signer.name == foreign.SIGNER
    assert [f"- {r.name};" for r in plan.recipients] + [f"- Lưu: {plan.archive}."] == foreign.RECIPIENTS
    first = plan.sections[0].blocks
    assert [b.kind for b in first] == ["heading", "bullet", "bullet", "heading", "item", "item"]


def test_merged_header_cells_give_the_appendix_columns():
    appendix = _imported("appendix_merged_header").plan.appendices[0]
    assert len(appendix.rows) == 3 and appendix.total_label == "Tổng cộng"
    assert [c.type for c in appendix.columns][:1] == ["text"]
    assert all(c.type in ("number", "percent") for c in appendix.columns[1:])


def test_a_file_that_is_only_an_appendix():
    from . import foreign

    result = _imported("appendix_only")
    plan = result.plan
    assert plan.header.issuing_body == foreign.ISSUER and plan.header.number == 15
    assert plan.appendices[0].title == foreign.APPENDIX_TITLE and len(plan.appendices[0].rows) == 3
    assert {w.path for w in result.warnings} >= {"subject", "signer.name", "header.issuing_body"}


@pytest.mark.parametrize("number", [sample_id(p) for p in SAMPLES])
def test_a_sample_resaved_by_libreoffice_round_trips(plans, number):
    from docgen.importing.from_docx import read_docx

    from . import foreign

    if not foreign.libreoffice_available():
        pytest.skip("LibreOffice (soffice) is not installed")
    result = parse_source(read_docx(foreign.libreoffice_resaved(number)))
    assert differences(comparable(plans[number]), comparable(result.plan)) == []
