"""A report cites its plan from the reference's fields wherever it prints
it (title, opening, closing, the appendix's subtitle), read back from the
rendered .docx; a report saved before, with the citation copied as plain
words, loads with the tag in its place."""

from __future__ import annotations

import pytest

from docgen.plan.model import Plan
from docgen.plan.references import TAG, filled
from docgen.document.render import render_plan

from ..doctypes.docx_reading import texts
from .helpers import report_of

CITED = "Kế hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai"
RECITED = "Kế hoạch số 07/KH-UBND ngày 03/9/2023 của UBND tỉnh Gia Lai"


@pytest.fixture(scope="module")
def report(plans):
    return report_of(plans["002"])


def with_reference(report: Plan, **fields) -> Plan:
    data = report.model_dump(mode="json", exclude_none=True)
    reference = data["reference"]
    for name, value in fields.items():
        if name in ("day", "month", "year"):
            reference["date"][name] = value
        else:
            reference[name] = value
    return Plan.model_validate(data)


def citing_lines(docx: bytes) -> dict[str, str]:
    """The lines of the rendered report that name the plan, by place."""
    lines = texts(docx)
    return {
        "title": lines[lines.index("BÁO CÁO") + 1],
        "opening": lines[lines.index("BÁO CÁO") + 2],
        "closing": next(line for line in lines if line.startswith("Trên đây là báo cáo")),
        "appendix": next(line for line in lines if line.startswith("(Theo ")),
    }


def test_the_texts_hold_the_tag_not_a_copy(report):
    assert report.subject == f"Kết quả thực hiện {TAG}"
    assert report.closing == [f"Trên đây là báo cáo của UBND tỉnh Gia Lai về kết quả thực hiện {TAG}./."]
    assert report.appendices[0].subtitle.startswith(f"(Theo {TAG};")


def test_changing_the_reference_changes_every_place_it_is_printed(report):
    before = citing_lines(render_plan(report))
    assert all(CITED in line for line in before.values()), before
    after = citing_lines(render_plan(with_reference(report, number=7, day=3, month=9)))
    assert after == {place: line.replace(CITED, RECITED) for place, line in before.items()}
    assert not any("2314" in line for line in after.values())


def test_a_draft_plans_blanks_print_as_gaps_until_the_reference_is_filled(plans):
    report = report_of(plans["004"])  # sample 004 is a draft: no number, no day
    blank = citing_lines_without_appendix(render_plan(report))
    assert all("Kế hoạch số …/KH-UBND ngày …/3/2025 của UBND xã Lộc Hòa" in line for line in blank.values())
    done = citing_lines_without_appendix(render_plan(with_reference(report, number=1, day=6, month=3)))
    assert all("Kế hoạch số 01/KH-UBND ngày 06/3/2025 của UBND xã Lộc Hòa" in line for line in done.values())


def citing_lines_without_appendix(docx: bytes) -> dict[str, str]:
    lines = texts(docx)
    return {
        "title": lines[lines.index("BÁO CÁO") + 1],
        "opening": lines[lines.index("BÁO CÁO") + 2],
        "closing": next(line for line in lines if line.startswith("Trên đây là báo cáo")),
    }


def test_a_report_saved_with_the_citation_copied_loads_with_the_tag(plans):
    """Reports saved before the tag have the citation as words, the number
    and day "…" when the plan was a draft; the clerk has typed them into the
    reference since. The copies become the tag and print the typed number."""
    report = report_of(plans["004"])
    stale = "Kế hoạch số …/KH-UBND ngày …/3/2025 của UBND xã Lộc Hòa"
    data = report.model_dump(mode="json", exclude_none=True)
    data["subject"] = data["subject"].replace(TAG, stale)
    data["closing"] = [text.replace(TAG, stale) for text in data["closing"]]
    other = "Căn cứ Kế hoạch số 12/KH-UBND ngày 02/01/2025 của UBND xã Lộc Hòa về chuyển đổi số."
    data["opening"].append(other)  # another plan of the same body: not the reference, kept as typed
    data["reference"]["number"] = 1
    data["reference"]["date"]["day"] = 6
    old = Plan.model_validate(data)
    assert old.subject == f"Kết quả thực hiện {TAG}"
    assert old.closing[-1].endswith(f"thực hiện {TAG}./.")
    assert old.opening[-1] == other
    printed = filled(old)
    assert printed.subject == "Kết quả thực hiện Kế hoạch số 01/KH-UBND ngày 06/3/2025 của UBND xã Lộc Hòa"
    lines = texts(render_plan(old))
    assert "Kế hoạch số …" not in " ".join(lines) and other in lines


def test_a_copy_of_the_issued_citation_also_becomes_the_tag(report):
    data = report.model_dump(mode="json", exclude_none=True)
    data["subject"] = f"Kết quả thực hiện {CITED}"
    assert Plan.model_validate(data).subject == f"Kết quả thực hiện {TAG}"


def test_the_tag_without_a_reference_is_a_gap_the_checks_flag(report):
    from docgen.checks import check_plan

    data = report.model_dump(mode="json", exclude_none=True)
    del data["reference"]
    plan = Plan.model_validate(data)
    assert filled(plan).subject == "Kết quả thực hiện …"
    errors = [f for f in check_plan(plan) if f.code == "content.to_fill" and f.path == "subject"]
    assert errors and errors[0].severity == "error"
