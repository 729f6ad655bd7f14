"""Issuing and the register of issued documents (sổ đăng ký văn bản đi):
the văn thư alone issues an approved draft, which gets the next number of
the unit's register for its symbol and year and today's date in Vietnam;
the final .docx (no DỰ THẢO mark, number and date in the header) is stored
with its SHA-256 and never changes. 50 issues at once get 50 consecutive
numbers; numbering restarts on 1 January; a failed issue gives its number
back; a recalled document keeps its number and its correction gets a new
one. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import threading
import zipfile

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from docgen.storage import db, drafts, register
from docgen.storage.errors import Forbidden, NotFound, StateError
from docgen.storage.models import AuditEvent, ImmutableError, IssuedDocument, RegisterCounter
from docgen.storage.users import create_user

from .conftest import PASSWORD

UTC = dt.UTC
# 09:00 on 3 December 2026 in Vietnam
MORNING = dt.datetime(2026, 12, 3, 2, 0, tzinfo=UTC)


@pytest.fixture
def office(session, people):
    """``people`` with a văn thư in each unit: "vy" in A, "xuan" in B."""
    return {**people,
            "vy": create_user(session, "vy", "Trần Thị Vy", "registrar", "UBND xã Lộc Tấn", PASSWORD),
            "xuan": create_user(session, "xuan", "Lê Xuân", "registrar", "UBND xã Lộc Hòa", PASSWORD)}


@pytest.fixture
def approved(session, office, edited):
    """``approved(subject, symbol=None, drafter="an", signer="chau")``: a new
    draft of the drafter's unit, submitted and approved; its id."""
    def make(subject: str = "Kế hoạch thử", symbol: str | None = None, drafter: str = "an",
             signer: str = "chau") -> int:
        data = edited(subject)
        if symbol:
            data = {**data, "header": {**data["header"], "symbol": symbol}}
        draft = drafts.create_draft(session, office[drafter], data)
        drafts.submit(session, office[drafter], draft.id)
        drafts.approve(session, office[signer], draft.id, confirmed=True)
        return draft.id
    return make


def document_text(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_issuing_numbers_dates_renders_and_registers(session, office, approved, plan_data):
    draft_id = approved("Kế hoạch phòng chống bão năm 2026")
    entry = register.issue(session, office["vy"], draft_id, ip="10.0.0.7", now=MORNING, confirmed=True)
    assert (entry.number, entry.symbol, entry.year, entry.issued_on) == (
        1, "KH-UBND", 2026, dt.date(2026, 12, 3))
    assert entry.number_text == "01/KH-UBND"
    assert entry.subject == "Kế hoạch phòng chống bão năm 2026"
    assert entry.signer == plan_data["signer"]["name"]
    assert entry.recipients == len(plan_data["recipients"]) > 0
    assert entry.issued_by.username == "vy" and entry.unit_id == office["vy"].unit_id
    assert entry.sha256 == hashlib.sha256(entry.docx).hexdigest()
    body = document_text(entry.docx)
    assert "Số: 01/KH-UBND" in body
    assert f"{plan_data['header']['place']}, ngày 03 tháng 12 năm 2026" in body
    assert "DỰ THẢO" not in body
    assert entry.plan["header"]["number"] == 1
    assert entry.plan["header"]["date"] == {"year": 2026, "month": 12, "day": 3}
    # the draft is frozen as approved; its label says it was issued
    draft = drafts.get_draft(session, office["an"], draft_id)
    assert draft.state == "approved" and draft.state_label == "đã ban hành"
    assert draft.issued_document.id == entry.id
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "issue")).one()
    assert (event.username, event.draft_id, event.ip, event.detail) == (
        "vy", draft_id, "10.0.0.7", "01/KH-UBND")


def test_numbers_run_per_unit_symbol_and_year(session, office, approved):
    first = register.issue(session, office["vy"], approved("Một"), now=MORNING, confirmed=True)
    second = register.issue(session, office["vy"], approved("Hai"), now=MORNING, confirmed=True)
    other_symbol = register.issue(session, office["vy"], approved("Ba", symbol="KH-BCĐ"), now=MORNING, confirmed=True)
    other_unit = register.issue(session, office["xuan"], approved("Bốn", drafter="em", signer="giang"),
                                now=MORNING, confirmed=True)
    assert [first.number, second.number, other_symbol.number, other_unit.number] == [1, 2, 1, 1]
    assert "Số: 01/KH-BCĐ" in document_text(other_symbol.docx)


def test_numbering_restarts_on_the_first_of_january_in_vietnam(session, office, approved):
    # 23:59:59 on 31 December in Vietnam is still 2026 ...
    last_of_year = dt.datetime(2026, 12, 31, 16, 59, 59, tzinfo=UTC)
    # ... one second later it is 1 January 2027 there, though still 2026 in UTC
    new_year = dt.datetime(2026, 12, 31, 17, 0, 0, tzinfo=UTC)
    a = register.issue(session, office["vy"], approved("Một"), now=MORNING, confirmed=True)
    b = register.issue(session, office["vy"], approved("Hai"), now=last_of_year, confirmed=True)
    c = register.issue(session, office["vy"], approved("Ba"), now=new_year, confirmed=True)
    d = register.issue(session, office["vy"], approved("Bốn"), now=new_year + dt.timedelta(days=40), confirmed=True)
    assert [(e.number, e.year, e.issued_on) for e in (a, b, c, d)] == [
        (1, 2026, dt.date(2026, 12, 3)), (2, 2026, dt.date(2026, 12, 31)),
        (1, 2027, dt.date(2027, 1, 1)), (2, 2027, dt.date(2027, 2, 10))]
    assert "ngày 01 tháng 01 năm 2027" in document_text(c.docx)
    assert "Số: 01/KH-UBND" in document_text(c.docx)


def test_only_the_units_registrar_issues_and_only_once(session, office, approved, edited):
    draft_id = approved()
    for name in ("an", "chau", "dung"):
        with pytest.raises(Forbidden, match="Chỉ văn thư"):
            register.issue(session, office[name], draft_id, confirmed=True)
    with pytest.raises(NotFound):
        register.issue(session, office["xuan"], draft_id, confirmed=True)
    unapproved = drafts.create_draft(session, office["an"], edited("Chưa duyệt"))
    with pytest.raises(StateError, match="chỉ ban hành\\s+được dự thảo đã duyệt"):
        register.issue(session, office["vy"], unapproved.id, confirmed=True)
    drafts.submit(session, office["an"], unapproved.id)
    with pytest.raises(StateError, match="chờ duyệt"):
        register.issue(session, office["vy"], unapproved.id, confirmed=True)
    entry = register.issue(session, office["vy"], draft_id, now=MORNING, confirmed=True)
    with pytest.raises(StateError, match="đã được ban hành: văn bản số 01/KH-UBND ngày 03/12/2026"):
        register.issue(session, office["vy"], draft_id, confirmed=True)
    assert session.scalar(select(RegisterCounter.last_number)) == entry.number == 1


def test_a_failed_issue_gives_its_number_back(session, office, approved, monkeypatch):
    import docgen.document.render

    first, second = approved("Một"), approved("Hai")
    real = docgen.document.render.render_plan

    def broken(plan, *args, **kwargs):
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(docgen.document.render, "render_plan", broken)
    with pytest.raises(RuntimeError):
        register.issue(session, office["vy"], first, now=MORNING, confirmed=True)
    monkeypatch.setattr(docgen.document.render, "render_plan", real)
    assert session.scalars(select(IssuedDocument)).all() == []
    numbers = [register.issue(session, office["vy"], d, now=MORNING, confirmed=True).number for d in (first, second)]
    assert numbers == [1, 2]


def test_an_issued_document_never_changes(engine, session, office, approved):
    entry = register.issue(session, office["vy"], approved(), now=MORNING, confirmed=True)
    entry.subject = "ghi đè"
    with pytest.raises(ImmutableError):
        session.commit()
    session.rollback()
    for statement in ("UPDATE issued_documents SET number = 7", "DELETE FROM issued_documents"):
        with pytest.raises(DBAPIError, match="immutable"):
            with engine.begin() as connection:
                connection.execute(text(statement))


def test_the_database_refuses_a_number_given_twice(engine, session, office, approved):
    entry = register.issue(session, office["vy"], approved("Một"), now=MORNING, confirmed=True)
    second = approved("Hai")
    copy = {column: getattr(entry, column) for column in (
        "unit_id", "version_id", "symbol", "series", "year", "number", "issued_on", "subject", "signer",
        "recipients", "plan", "docx", "sha256", "issued_by_id", "issued_at")}
    session.add(IssuedDocument(draft_id=second, **copy))
    with pytest.raises(DBAPIError, match="(?i)unique"):
        session.commit()
    session.rollback()


def test_recall_keeps_the_number_and_a_correction_gets_a_new_one(session, office, approved):
    wrong = register.issue(session, office["vy"], approved("Sai ngày"), now=MORNING, confirmed=True)
    register.issue(session, office["vy"], approved("Khác"), now=MORNING, confirmed=True)
    with pytest.raises(Forbidden, match="Chỉ văn thư"):
        register.recall(session, office["chau"], wrong.id, "Sai ngày")
    with pytest.raises(NotFound):
        register.recall(session, office["xuan"], wrong.id, "Sai ngày")
    with pytest.raises(StateError, match="lý do"):
        register.recall(session, office["vy"], wrong.id, "  ")
    correction = approved("Đúng ngày")
    with pytest.raises(StateError, match="chưa bị thu hồi"):
        register.issue(session, office["vy"], correction, replaces=wrong.id, confirmed=True)

    recall = register.recall(session, office["vy"], wrong.id, "Ghi sai  ngày thực hiện", ip="10.0.0.7")
    assert recall.reason == "Ghi sai ngày thực hiện" and recall.recalled_by.username == "vy"
    entry = register.get_entry(session, office["an"], wrong.id)
    assert entry.number == 1 and entry.recall.reason == "Ghi sai ngày thực hiện"
    assert drafts.get_draft(session, office["an"], entry.draft_id).state_label == "đã thu hồi"
    with pytest.raises(StateError, match="đã bị thu hồi"):
        register.recall(session, office["vy"], wrong.id, "lần nữa")
    assert [e.number for e in register.recallable(session, office["vy"])] == [1]

    fixed = register.issue(session, office["vy"], correction, replaces=wrong.id, now=MORNING, confirmed=True)
    assert (fixed.number, fixed.replaces_id) == (3, wrong.id)
    assert register.get_entry(session, office["vy"], wrong.id).replaced_by.id == fixed.id
    assert register.recallable(session, office["vy"]) == []
    with pytest.raises(StateError, match="đã được thay thế bằng văn bản số 03/KH-UBND"):
        register.issue(session, office["vy"], approved("Lần hai"), replaces=wrong.id, confirmed=True)
    details = session.scalars(select(AuditEvent.detail).where(
        AuditEvent.action.in_(("recall", "issue"))).order_by(AuditEvent.id)).all()
    assert details == ["01/KH-UBND", "02/KH-UBND", "01/KH-UBND: Ghi sai ngày thực hiện",
                       "03/KH-UBND, thay thế 01/KH-UBND"]


def test_search_by_number_dates_and_subject(session, office, approved):
    days = [dt.datetime(2026, 3, 2, 3, tzinfo=UTC), dt.datetime(2026, 5, 20, 3, tzinfo=UTC),
            dt.datetime(2026, 9, 9, 3, tzinfo=UTC)]
    subjects = ["Kế hoạch phòng chống lụt bão", "Kế hoạch tiêm chủng mở rộng",
                "Kế hoạch phòng cháy chữa cháy"]
    for subject, day in zip(subjects, days):
        register.issue(session, office["vy"], approved(subject), now=day, confirmed=True)
    register.issue(session, office["xuan"], approved("Kế hoạch phòng dịch", drafter="em",
                                                     signer="giang"), now=days[0], confirmed=True)

    def subjects_of(**query):
        return [e.subject for e in register.entries(session, office["an"], **query)]

    assert subjects_of() == subjects  # the unit's own, in the order of the book
    assert subjects_of(number="2") == subjects_of(number="02/kh-ubnd") == [subjects[1]]
    assert subjects_of(number="2/KH-BCĐ") == []
    assert subjects_of(date_from=dt.date(2026, 5, 20)) == subjects[1:]
    assert subjects_of(date_from=dt.date(2026, 3, 3), date_to=dt.date(2026, 5, 20)) == [subjects[1]]
    assert subjects_of(subject="PHÒNG") == [subjects[0], subjects[2]]
    assert subjects_of(subject="chua chay") == [subjects[2]]
    with pytest.raises(register.SearchError, match="không đọc được") as error:
        subjects_of(number="số năm")
    assert error.value.field == "number"
    with pytest.raises(register.SearchError, match="Đến ngày"):
        subjects_of(date_from=dt.date(2026, 5, 1), date_to=dt.date(2026, 4, 1))
    assert [e.subject for e in register.entries(session, office["em"])] == ["Kế hoạch phòng dịch"]


def test_download_is_the_stored_file_and_is_audited(session, office, approved):
    entry = register.issue(session, office["vy"], approved(), now=MORNING, confirmed=True)
    got = register.download(session, office["an"], entry.id, ip="10.0.0.9")
    assert got.docx == entry.docx
    with pytest.raises(NotFound):
        register.download(session, office["em"], entry.id)
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "download")).one()
    assert (event.username, event.detail) == ("an", "issued 01/KH-UBND")


ISSUERS = 50


def test_fifty_simultaneous_issues_get_fifty_consecutive_numbers(migrated_url, engine, session, office,
                                                                 approved):
    """50 threads, each with its own session and connection, issue 50
    approved drafts of one unit at the same moment."""
    ids = [approved(f"Kế hoạch số {index}") for index in range(ISSUERS)]
    clerk_id = office["vy"].id
    # A pool as large as the crowd: every thread holds its own connection.
    crowd = db.make_engine(migrated_url, pool_size=ISSUERS, max_overflow=0)
    sessions = db.make_sessionmaker(crowd)
    start = threading.Barrier(ISSUERS)
    numbers: dict[int, int] = {}
    errors: list[BaseException] = []

    def issue(draft_id: int) -> None:
        with sessions() as own:
            clerk = own.get(type(office["vy"]), clerk_id)
            own.commit()
            try:
                start.wait()
                numbers[draft_id] = register.issue(own, clerk, draft_id, now=MORNING, confirmed=True).number
            except BaseException as error:  # reported below, with the others
                errors.append(error)

    threads = [threading.Thread(target=issue, args=(draft_id,)) for draft_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    crowd.dispose()
    assert errors == []
    assert sorted(numbers.values()) == list(range(1, ISSUERS + 1))
    stored = session.execute(select(IssuedDocument.draft_id, IssuedDocument.number)).all()
    assert dict(stored) == numbers
    assert session.scalar(select(RegisterCounter.last_number)) == ISSUERS
    for entry in session.scalars(select(IssuedDocument)):
        assert f"Số: {entry.number:02d}/KH-UBND" in document_text(entry.docx)


def test_the_core_asks_to_confirm_before_approving_or_issuing(session, office, plan_data):
    """The guards are the core's (storage), not the deliveries': errors left by
    the checks stop approval, another body's header and errors stop issue,
    each with the concerns to show, until the step is confirmed."""
    from docgen.storage.errors import NeedsConfirmation

    draft = drafts.create_draft(session, office["an"], plan_data)  # sample 001: one check error
    drafts.submit(session, office["an"], draft.id)
    with pytest.raises(NeedsConfirmation) as asked:
        drafts.approve(session, office["chau"], draft.id)
    assert asked.value.action == "duyệt" and asked.value.concerns == ["Kết quả kiểm tra còn 1 lỗi chưa sửa."]
    assert drafts.get_draft(session, office["chau"], draft.id).state == drafts.SUBMITTED
    drafts.approve(session, office["chau"], draft.id, confirmed=True)
    with pytest.raises(NeedsConfirmation) as asked:
        register.issue(session, office["vy"], draft.id, now=MORNING)
    assert asked.value.action == "ban hành"
    assert asked.value.concerns[-1] == "Kết quả kiểm tra còn 1 lỗi chưa sửa."
    assert any("Cơ quan ban hành trên văn bản là" in concern for concern in asked.value.concerns)
    assert register.unit_entries(session, office["vy"].unit_id) == []
    entry = register.issue(session, office["vy"], draft.id, now=MORNING, confirmed=True)
    assert entry.number == 1


def test_cong_van_of_every_drafting_unit_share_one_sequence(session, office, approved):
    """A Công văn's symbol has no type code (UBND-VX, UBND-KT): its number
    is the issuer's Công văn sequence, whatever the drafting unit; a plan
    keeps its own."""
    from docgen.plan.files import load_plan

    from ..conftest import ROOT

    letter = load_plan(ROOT / "samples" / "types" / "cong_van_loc_hoa_so_lieu.yaml").model_dump(
        mode="json", exclude_none=True)

    def issue_letter(symbol: str) -> IssuedDocument:
        data = {**letter, "header": {**letter["header"], "symbol": symbol, "issuing_body": ["ỦY BAN NHÂN DÂN",
                                                                                         "XÃ LỘC TẤN"]}}
        draft = drafts.create_draft(session, office["an"], data)
        drafts.submit(session, office["an"], draft.id)
        drafts.approve(session, office["chau"], draft.id, confirmed=True)
        return register.issue(session, office["vy"], draft.id, now=MORNING, confirmed=True)

    first = issue_letter("UBND-VX")
    plan = register.issue(session, office["vy"], approved("Kế hoạch giữa hai công văn"), now=MORNING, confirmed=True)
    second = issue_letter("UBND-KT")
    assert [first.number_text, plan.number_text, second.number_text] == ["01/UBND-VX", "01/KH-UBND", "02/UBND-KT"]
    assert (first.type_name, plan.type_name) == ("Công văn", "Kế hoạch")
    assert "Số: 02/UBND-KT" in document_text(second.docx) and "V/v báo cáo số liệu" in document_text(second.docx)
