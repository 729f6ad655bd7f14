"""The checks find every mistake the seeds were issued with (seeds/README.md)
on the samples, as data and as rendered .docx, and nothing of those kinds on
corrected copies."""

from __future__ import annotations

import pytest

from docgen.checks import check_docx, check_plan, check_view
from docgen.checks.document import from_docx, from_plan
from docgen.checks.layout import check_layout
from docgen.document.render import render_plan

from ..conftest import SAMPLES, sample_id
from .helpers import CORRECTED_CODES, corrected

IDS = [sample_id(p) for p in SAMPLES]

# (seed, code, part, section numeral, paragraph, a piece of the message)
KNOWN = [
    ("002", "consistency.figure_mismatch", "section", "II", 2, "687.034"),
    ("002", "consistency.percent_mismatch", "opening", None, 2, "19,66%"),
    ("004", "consistency.title_dates", "section", "III", 3, "15/3/2025"),
    ("004", "consistency.section_repeated", "section", "IV", 0, "mục thứ 6"),
    ("004", "consistency.campaign_length", "subject", None, None, "91 ngày"),
    ("004", "sensitive.password", "section", "V", 5, "mật khẩu"),
    ("004", "sensitive.login", "section", "V", 4, "kèm mật khẩu"),
    ("000", "sensitive.personal_phone", "section", "V", 1, "090.1234.567"),
    ("003", "sensitive.personal_email", "section", "V", 4, "vanbinh1234@gmail.com"),
    ("003", "consistency.campaign_length", "section", "II", 6, "32 ngày"),
    ("003", "consistency.appendix_missing", "section", "II", 3, "phụ lục"),
    ("003", "consistency.archive_line", "recipients", None, 9, "`"),
    ("001", "consistency.section_skipped", "section", "V", 0, "từ III sang V"),
    ("001", "consistency.unit_not_recipient", "section", "III", 1, "Công an đặc khu"),
]


@pytest.fixture(scope="module")
def data_findings(plans):
    return {number: check_view(from_plan(plan)) for number, plan in plans.items()}


@pytest.fixture(scope="module")
def docx_findings(rendered):
    return {number: check_docx(data) for number, data in rendered.items()}


@pytest.mark.parametrize("source", ["plan", "docx"])
@pytest.mark.parametrize("seed, code, part, section, paragraph, text", KNOWN)
def test_known_mistakes_are_found(data_findings, docx_findings, source, seed, code, part, section, paragraph, text):
    findings = (data_findings if source == "plan" else docx_findings)[seed]
    matching = [f for f in findings if f.code == code]
    assert matching, f"{code} not found in {seed}: {[f.line() for f in findings]}"
    finding = matching[0]
    assert (finding.where.part, finding.where.section, finding.where.paragraph) == (part, section, paragraph)
    assert text in finding.message + finding.advice + finding.where.excerpt
    assert finding.advice and finding.message


def test_figure_mismatch_names_both_figures(data_findings):
    finding = next(f for f in data_findings["002"] if f.code == "consistency.figure_mismatch")
    assert finding.severity == "error"
    assert "687.034" in finding.message and "684.037" in finding.message


def test_body_percentage_agrees_with_the_computed_appendix(data_findings):
    """The body's 35,90% is 245.576/684.037 and the appendix's computed total."""
    messages = " ".join(f.message for f in data_findings["002"])
    assert "35,90" not in messages


def test_password_and_sensitive_data_are_errors(data_findings):
    for seed, code in [("004", "sensitive.password"), ("000", "sensitive.personal_phone"),
                       ("003", "sensitive.personal_email")]:
        assert {f.severity for f in data_findings[seed] if f.code == code} == {"error"}


@pytest.mark.parametrize("number", IDS)
def test_plan_and_its_docx_give_the_same_findings(data_findings, docx_findings, number):
    as_data = sorted((f.code, str(f.where)) for f in data_findings[number])
    as_docx = sorted((f.code, str(f.where)) for f in docx_findings[number] if f.kind != "layout")
    assert as_data == as_docx


@pytest.mark.parametrize("number", IDS)
def test_our_rendered_samples_have_no_layout_findings(rendered, number):
    assert [f.line() for f in check_layout(from_docx(rendered[number]))] == []


@pytest.mark.parametrize("number", IDS)
def test_corrected_samples_have_none_of_those_findings(plans, number):
    plan = corrected(number, plans[number])
    docx = render_plan(plan)
    for findings in (check_plan(plan, docx), check_docx(docx)):
        assert [f.line() for f in findings if f.code in CORRECTED_CODES or f.kind == "layout"] == []


def test_a_corrected_plan_can_be_entirely_clean(plans):
    assert check_plan(corrected("000", plans["000"])) == []
