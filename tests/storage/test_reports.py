"""A report on a draft of the unit cites the plan as the register has it:
made from an issued plan it carries its number, symbol and date; made
before the plan was issued it takes them from the register afterwards, and
every place the report prints the citation follows. Runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from docgen.storage import drafts, register, reports
from docgen.storage.errors import StateError

from ..doctypes.docx_reading import texts
from .test_register import MORNING, approved, office  # noqa: F401 (fixtures)

ISSUED = "Kế hoạch số 01/KH-UBND ngày 03/12/2026 của UBND đặc khu Cát Hải"
BLANK = "Kế hoạch số …/KH-UBND ngày …/6/2026 của UBND đặc khu Cát Hải"


def citing_lines(session, user, draft_id: int) -> list[str]:
    """The title, opening and closing of the report's head as rendered."""
    draft = drafts.get_draft(session, user, draft_id)
    lines = texts(drafts.version_docx(draft, draft.head).docx)
    title = lines.index("BÁO CÁO") + 1
    return [lines[title], lines[title + 1], next(line for line in lines if line.startswith("Trên đây là"))]


def test_a_report_on_an_issued_plan_cites_the_register(session, office, approved):
    plan_id = approved("Kế hoạch phòng cháy")
    entry = register.issue(session, office["vy"], plan_id, now=MORNING, confirmed=True)
    report = reports.create_report(session, office["an"], plan_id)
    reference = drafts.plan_of(report.head).reference
    assert (reference.number, reference.symbol) == (entry.number, entry.symbol) == (1, "KH-UBND")
    assert reference.date.as_date() == entry.issued_on
    assert all(ISSUED in line for line in citing_lines(session, office["an"], report.id))
    assert report.title == f"Kết quả thực hiện {ISSUED}"
    assert reports.register_reference(session, office["an"], drafts.plan_of(report.head)) is None


def test_a_report_made_before_the_issue_takes_the_number_afterwards(session, office, approved):
    plan_id = approved("Kế hoạch phòng cháy")
    report = reports.create_report(session, office["an"], plan_id)
    assert drafts.plan_of(report.head).reference.number is None
    assert all(BLANK in line for line in citing_lines(session, office["an"], report.id))
    assert reports.register_reference(session, office["an"], drafts.plan_of(report.head)) is None
    with pytest.raises(StateError):
        reports.take_reference(session, office["an"], report.id)

    register.issue(session, office["vy"], plan_id, now=MORNING, confirmed=True)
    found = reports.register_reference(session, office["an"], drafts.plan_of(report.head))
    assert (found.number, found.symbol, found.date.as_date().isoformat()) == (1, "KH-UBND", "2026-12-03")
    version = reports.take_reference(session, office["an"], report.id)
    assert version.number == 2 and drafts.plan_of(version).reference == found
    assert all(ISSUED in line for line in citing_lines(session, office["an"], report.id))
    assert drafts.get_draft(session, office["an"], report.id).title == f"Kết quả thực hiện {ISSUED}"


def test_no_number_is_taken_from_a_recalled_or_unrelated_document(session, office, approved):
    plan_id = approved("Kế hoạch phòng cháy")
    report = reports.create_report(session, office["an"], plan_id)
    other = approved("Kế hoạch phòng, chống lụt bão")
    register.issue(session, office["vy"], other, now=MORNING, confirmed=True)
    assert reports.register_reference(session, office["an"], drafts.plan_of(report.head)) is None
    entry = register.issue(session, office["vy"], plan_id, now=MORNING, confirmed=True)
    register.recall(session, office["vy"], entry.id, "Ghi sai thời gian")
    assert reports.register_reference(session, office["an"], drafts.plan_of(report.head)) is None


def test_a_report_is_not_made_from_a_report(session, office, approved):
    report = reports.create_report(session, office["an"], approved())
    with pytest.raises(StateError, match="đã là báo cáo"):
        reports.create_report(session, office["an"], report.id)


def test_a_secret_document_gives_its_number_only_to_those_who_may_see_it(session, office, edited):
    """Độ mật: a report written by another drafter that cites a secret
    document does not learn its number and date from the register; its
    author, the signing officer and the văn thư do."""
    secret = drafts.create_draft(session, office["an"], {**edited("Kế hoạch phòng cháy"), "secrecy": "mat"})
    drafts.submit(session, office["an"], secret.id)
    drafts.approve(session, office["chau"], secret.id, confirmed=True)
    report = drafts.plan_of(reports.create_report(session, office["an"], secret.id).head)
    register.issue(session, office["vy"], secret.id, now=MORNING, confirmed=True)
    for name in ("an", "chau", "vy"):
        assert reports.register_reference(session, office[name], report).number == 1
    for name in ("binh", "dung"):
        assert reports.register_reference(session, office[name], report) is None


def test_a_report_on_a_secret_document_is_secret_too(session, office, edited):
    """The report cites the secret plan (its subject, its number once
    issued) and repeats its tasks: it takes the plan's độ mật, so the unit's
    other drafters and its administrator do not find it."""
    from docgen.storage.errors import NotFound

    secret = drafts.create_draft(session, office["an"], {**edited("Kế hoạch phòng cháy"), "secrecy": "toi_mat"})
    report = reports.create_report(session, office["an"], secret.id)
    assert drafts.plan_of(report.head).secrecy == "toi_mat"
    for name in ("binh", "dung"):
        assert report.id not in {draft.id for draft in drafts.drafts_for(session, office[name])}
        with pytest.raises(NotFound):
            drafts.get_draft(session, office[name], report.id)
