"""Drafts: immutable versions, conflicts, states, access across units,
approval with the stored .docx, comments, the version last reviewed, and
the audit rows each action leaves."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from docgen.plan.files import PlanFileError
from docgen.document.render import render_plan
from docgen.storage import drafts
from docgen.storage.audit import audit_log
from docgen.storage.errors import Conflict, Forbidden, NotFound, StateError
from docgen.storage.models import (
    APPROVED,
    CONFLICT_COPY,
    DRAFT,
    RETURNED,
    SUBMITTED,
    AuditEvent,
    ImmutableError,
)
from docgen.storage.users import create_user

from .conftest import PASSWORD


@pytest.fixture
def draft(session, people, plan_data):
    return drafts.create_draft(session, people["an"], plan_data, ip="10.0.0.1")


def actions(session, draft_id):
    return session.scalars(select(AuditEvent.action).where(AuditEvent.draft_id == draft_id)
                           .order_by(AuditEvent.id)).all()


def test_create_and_save_make_numbered_versions(session, people, draft, plan_data, edited):
    assert (draft.state, draft.head_number, draft.unit_id) == (DRAFT, 1, people["an"].unit_id)
    assert draft.title == plan_data["subject"]
    assert draft.head.plan == plan_data and draft.head.author.username == "an"
    second = drafts.save_version(session, people["an"], draft.id, edited("Kế hoạch mới"), 1)
    third = drafts.save_version(session, people["binh"], draft.id, edited("Kế hoạch mới hơn"), 2)
    assert (second.number, second.based_on, third.number, third.based_on) == (2, 1, 3, 2)
    draft = drafts.get_draft(session, people["chau"], draft.id)
    assert draft.head_number == 3 and draft.title == "Kế hoạch mới hơn"
    assert [(v.number, v.author.username, v.plan["subject"]) for v in draft.versions] == [
        (1, "an", plan_data["subject"]), (2, "an", "Kế hoạch mới"), (3, "binh", "Kế hoạch mới hơn")]
    assert all(v.created_at is not None for v in draft.versions)


def test_a_saved_version_never_changes(session, people, draft, edited):
    drafts.save_version(session, people["an"], draft.id, edited("Sửa lần hai"), 1)
    first = drafts.get_version(session, people["an"], draft.id, 1)
    first.plan = {"subject": "ghi đè"}
    with pytest.raises(ImmutableError):
        session.commit()
    session.rollback()
    session.delete(drafts.get_version(session, people["an"], draft.id, 1))
    with pytest.raises(ImmutableError):
        session.commit()
    session.rollback()
    assert drafts.get_version(session, people["an"], draft.id, 1).plan["subject"] != "ghi đè"


def test_an_invalid_plan_is_not_saved(session, people, draft, plan_data):
    broken = {**plan_data, "signer": None}
    with pytest.raises(PlanFileError) as error:
        drafts.save_version(session, people["an"], draft.id, broken, 1)
    assert any(e.path == "signer" for e in error.value.errors)
    assert drafts.get_draft(session, people["an"], draft.id).head_number == 1


def test_two_clerks_saving_on_the_same_base_conflict_and_both_texts_are_kept(
        make_session, people, draft, edited):
    desk_an, desk_binh = make_session(), make_session()
    an, binh = desk_an.merge(people["an"]), desk_binh.merge(people["binh"])
    drafts.get_draft(desk_an, an, draft.id)
    drafts.get_draft(desk_binh, binh, draft.id)  # both opened version 1
    won = drafts.save_version(desk_an, an, draft.id, edited("Bản của An"), 1)
    with pytest.raises(Conflict) as error:
        drafts.save_version(desk_binh, binh, draft.id, edited("Bản của Bình"), 1)
    conflict = error.value
    assert conflict.latest.number == won.number == 2
    assert conflict.latest.plan["subject"] == "Bản của An"
    assert conflict.copy.number == 3 and conflict.copy.kind == CONFLICT_COPY
    assert conflict.copy.plan["subject"] == "Bản của Bình" and conflict.copy.based_on == 1
    assert "Nguyễn Văn An lưu thành phiên bản 2" in str(conflict)
    assert "đã lưu riêng thành phiên bản 3 (bản xung đột)" in str(conflict)
    stored = drafts.get_draft(desk_binh, binh, draft.id)
    assert stored.head_number == 2  # the copy is kept but is not head
    assert [c.number for c in stored.conflict_copies] == [3]
    # Binh merges and saves on the latest version: no conflict.
    merged = drafts.save_version(desk_binh, binh, draft.id, edited("Bản chung"), 2)
    assert (merged.number, drafts.get_draft(desk_an, an, draft.id).head_number) == (4, 4)
    assert actions(desk_an, draft.id) == ["create", "save", "conflict", "save"]


def test_states_record_who_and_when(session, people, draft, edited):
    an, chau = people["an"], people["chau"]
    drafts.submit(session, an, draft.id, ip="10.0.0.1")
    with pytest.raises(StateError, match="chờ duyệt"):
        drafts.save_version(session, an, draft.id, edited("Sửa khi chờ duyệt"), 1)
    drafts.return_draft(session, chau, draft.id, "Bổ sung kinh phí.", ip="10.0.0.3")
    draft = drafts.get_draft(session, an, draft.id)
    assert draft.state == RETURNED and draft.reviewed_number == 1
    drafts.save_version(session, an, draft.id, edited("Đã bổ sung kinh phí"), 1)
    drafts.submit(session, an, draft.id)
    drafts.approve(session, chau, draft.id, confirmed=True)
    history = drafts.history(session, an, draft.id)
    assert [(c.from_state, c.to_state, c.user.username, c.version_number, c.comment)
            for c in history] == [
        (DRAFT, SUBMITTED, "an", 1, None),
        (SUBMITTED, RETURNED, "chau", 1, "Bổ sung kinh phí."),
        (RETURNED, SUBMITTED, "an", 2, None),
        (SUBMITTED, APPROVED, "chau", 2, None),
    ]
    assert all(c.at is not None for c in history)
    assert [c.at for c in history] == sorted(c.at for c in history)
    assert drafts.reviewed_version(session, an, draft.id).number == 2
    assert actions(session, draft.id) == ["create", "submit", "return", "save", "submit", "approve"]


def test_wrong_transitions_are_refused(session, people, draft):
    with pytest.raises(StateError, match="“nháp”, không chuyển sang “đã duyệt”"):
        drafts.approve(session, people["chau"], draft.id, confirmed=True)
    with pytest.raises(StateError, match="“nháp”, không chuyển sang “trả lại”"):
        drafts.return_draft(session, people["chau"], draft.id, "Không đạt")
    drafts.submit(session, people["an"], draft.id)
    with pytest.raises(StateError, match="Cần ghi lý do trả lại"):
        drafts.return_draft(session, people["chau"], draft.id, "  ")
    with pytest.raises(StateError, match="“chờ duyệt”, không chuyển sang “chờ duyệt”"):
        drafts.submit(session, people["an"], draft.id)
    assert [c.to_state for c in drafts.history(session, people["an"], draft.id)] == [SUBMITTED]


def test_only_a_signing_officer_approves_or_returns(session, people, draft):
    drafts.submit(session, people["an"], draft.id)
    for who in ("an", "dung"):
        with pytest.raises(Forbidden, match="Chỉ lãnh đạo của đơn vị mới được duyệt"):
            drafts.approve(session, people[who], draft.id, confirmed=True)
        with pytest.raises(Forbidden, match="trả lại"):
            drafts.return_draft(session, people[who], draft.id, "Không đạt")
    assert drafts.get_draft(session, people["an"], draft.id).state == SUBMITTED


def test_a_signing_officer_does_not_write_drafts(session, people, draft, plan_data):
    with pytest.raises(Forbidden, match="lưu dự thảo"):
        drafts.save_version(session, people["chau"], draft.id, plan_data, 1)
    with pytest.raises(Forbidden, match="tạo dự thảo"):
        drafts.create_draft(session, people["chau"], plan_data)
    with pytest.raises(Forbidden, match="trình ký"):
        drafts.submit(session, people["chau"], draft.id)


def test_other_units_neither_see_nor_touch_a_draft(session, people, draft, plan_data):
    em, giang = people["em"], people["giang"]
    assert drafts.drafts_for(session, em) == []
    assert [d.id for d in drafts.drafts_for(session, people["chau"])] == [draft.id]
    attempts = [
        lambda: drafts.get_draft(session, em, draft.id),
        lambda: drafts.get_version(session, em, draft.id, 1),
        lambda: drafts.save_version(session, em, draft.id, plan_data, 1),
        lambda: drafts.submit(session, em, draft.id),
        lambda: drafts.add_comment(session, giang, draft.id, 1, 0, "Xem lại"),
        lambda: drafts.download(session, em, draft.id),
    ]
    for attempt in attempts:
        with pytest.raises(NotFound, match=f"Không tìm thấy dự thảo số {draft.id}"):
            attempt()
    drafts.submit(session, people["an"], draft.id)
    with pytest.raises(NotFound):
        drafts.approve(session, giang, draft.id, confirmed=True)
    with pytest.raises(NotFound):
        drafts.return_draft(session, giang, draft.id, "Không đạt")
    assert drafts.get_draft(session, people["an"], draft.id).state == SUBMITTED
    assert len(drafts.get_draft(session, people["an"], draft.id).versions) == 1


def test_approval_stores_the_docx_and_its_sha256_and_freezes(session, people, draft, edited,
                                                              plan_data):
    drafts.submit(session, people["an"], draft.id)
    document = drafts.approve(session, people["chau"], draft.id, ip="10.0.0.3", confirmed=True)
    assert document.docx == render_plan(drafts.plan_of(drafts.get_version(
        session, people["an"], draft.id, 1)))
    assert document.sha256 == hashlib.sha256(document.docx).hexdigest()
    assert document.docx[:2] == b"PK" and document.approved_by.username == "chau"
    draft = drafts.get_draft(session, people["an"], draft.id)
    assert draft.state == APPROVED and draft.approved_document.version.number == 1
    with pytest.raises(StateError, match="đã được duyệt nên không sửa được nữa"):
        drafts.save_version(session, people["an"], draft.id, edited("Sửa sau khi duyệt"), 1)
    with pytest.raises(StateError):
        drafts.submit(session, people["an"], draft.id)
    with pytest.raises(StateError):
        drafts.return_draft(session, people["chau"], draft.id, "Đổi ý")
    document.sha256 = "0" * 64
    with pytest.raises(ImmutableError):
        session.commit()
    session.rollback()
    download = drafts.download(session, people["an"], draft.id, ip="10.0.0.1")
    assert download.approved and download.docx == document.docx
    assert hashlib.sha256(download.docx).hexdigest() == download.sha256 == document.sha256
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "download")).one()
    assert (event.user_id, event.draft_id, event.version_number, event.ip) == (
        people["an"].id, draft.id, 1, "10.0.0.1")


def test_downloading_a_draft_renders_it_marked(session, people, draft):
    from docgen.word import paragraphs

    download = drafts.download(session, people["chau"], draft.id, 1)
    assert not download.approved and download.docx[:2] == b"PK"
    assert paragraphs(download.docx)[0].text == "DỰ THẢO"
    assert actions(session, draft.id) == ["create", "download"]


def test_comments_on_sections_and_paragraphs(session, people, draft, edited):
    chau = people["chau"]
    first = drafts.add_comment(session, chau, draft.id, 1, 0, "Mục đích chưa rõ.")
    second = drafts.add_comment(session, chau, draft.id, 1, 1, "Đoạn này trùng ý.", paragraph=2)
    drafts.save_version(session, people["an"], draft.id, edited("Đã sửa"), 1)
    drafts.add_comment(session, people["an"], draft.id, 2, 0, "Đã sửa theo ý kiến.")
    assert [(c.section, c.paragraph, c.user.username, c.version.number)
            for c in drafts.comments(session, people["an"], draft.id, 1)] == [
        (0, None, "chau", 1), (1, 2, "chau", 1)]
    assert len(drafts.comments(session, chau, draft.id)) == 3
    assert first.at is not None and second.text == "Đoạn này trùng ý."
    with pytest.raises(NotFound, match="không có mục 99"):
        drafts.add_comment(session, chau, draft.id, 1, 98, "?")
    with pytest.raises(NotFound, match="không có đoạn 100"):
        drafts.add_comment(session, chau, draft.id, 1, 0, "?", paragraph=99)
    with pytest.raises(NotFound, match="không có phiên bản 7"):
        drafts.add_comment(session, chau, draft.id, 7, 0, "?")
    with pytest.raises(StateError, match="không được để trống"):
        drafts.add_comment(session, chau, draft.id, 1, 0, "   ")
    assert actions(session, draft.id).count("comment") == 3


def test_the_version_last_reviewed(session, people, draft, edited):
    assert drafts.reviewed_version(session, people["an"], draft.id) is None
    drafts.save_version(session, people["an"], draft.id, edited("Lần 2"), 1)
    drafts.submit(session, people["an"], draft.id)
    drafts.return_draft(session, people["chau"], draft.id, "Sửa mục II")
    drafts.save_version(session, people["an"], draft.id, edited("Lần 3"), 2)
    drafts.save_version(session, people["an"], draft.id, edited("Lần 4"), 3)
    reviewed = drafts.reviewed_version(session, people["an"], draft.id)
    head = drafts.get_version(session, people["an"], draft.id)
    assert (reviewed.number, reviewed.plan["subject"]) == (2, "Lần 2")
    assert (head.number, head.plan["subject"]) == (4, "Lần 4")


def test_saving_on_a_version_that_does_not_exist(session, people, draft, plan_data):
    with pytest.raises(NotFound, match="không có phiên bản 5"):
        drafts.save_version(session, people["an"], draft.id, plan_data, 5)


def test_audit_rows_name_who_what_which_and_where(session, people, draft, edited):
    drafts.save_version(session, people["binh"], draft.id, edited("Lần 2"), 1, ip="10.0.0.2")
    drafts.submit(session, people["binh"], draft.id, ip="10.0.0.2")
    drafts.approve(session, people["chau"], draft.id, ip="10.0.0.3", confirmed=True)
    rows = session.scalars(select(AuditEvent).where(AuditEvent.draft_id == draft.id)
                           .order_by(AuditEvent.id)).all()
    assert [(r.action, r.username, r.version_number, r.ip) for r in rows] == [
        ("create", "an", 1, "10.0.0.1"),
        ("save", "binh", 2, "10.0.0.2"),
        ("submit", "binh", 2, "10.0.0.2"),
        ("approve", "chau", 2, "10.0.0.3"),
    ]
    assert all(r.at is not None for r in rows)
    # The unit's admin reads the log; nobody else, and only their unit's part.
    log = audit_log(session, people["dung"], draft_id=draft.id)
    assert [r.action for r in log] == ["approve", "submit", "save", "create"]
    with pytest.raises(Forbidden):
        audit_log(session, people["an"])
    other_admin = create_user(session, "hanh", "Vũ Hạnh", "admin", "UBND xã Lộc Hòa", PASSWORD)
    assert not any(r.draft_id == draft.id for r in audit_log(session, other_admin))
    assert [r.username for r in audit_log(session, other_admin)] == ["hanh", "giang", "em"]


def test_simultaneous_saves_on_one_base_let_exactly_one_win(make_session, people, draft, edited):
    import threading

    barrier = threading.Barrier(4)
    outcomes = []

    def clerk(username: str, subject: str) -> None:
        session = make_session()
        user = session.merge(people[username])
        drafts.get_draft(session, user, draft.id)
        barrier.wait()
        try:
            outcomes.append(("saved", drafts.save_version(session, user, draft.id, edited(subject), 1).number))
        except Conflict as conflict:
            outcomes.append(("conflict", conflict.copy.number))

    threads = [threading.Thread(target=clerk, args=(name, f"Bản {i}"))
               for i, name in enumerate(["an", "binh", "dung", "an"])]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(kind for kind, _ in outcomes) == ["conflict", "conflict", "conflict", "saved"]
    assert sorted(number for _, number in outcomes) == [2, 3, 4, 5]
    stored = drafts.get_draft(make_session(), people["an"], draft.id)
    winner = next(number for kind, number in outcomes if kind == "saved")
    assert stored.head_number == winner and len(stored.conflict_copies) == 3


@pytest.mark.parametrize("draft_id", [0, -1, 2**31, 10**23])
def test_ids_the_database_cannot_hold_are_not_found(session, people, plan_data, draft_id):
    """Not a driver error (SQLite OverflowError, PostgreSQL "integer out of
    range"): the same NotFound as any missing draft."""
    drafts.create_draft(session, people["an"], plan_data)
    with pytest.raises(NotFound, match=f"Không tìm thấy dự thảo số {draft_id}."):
        drafts.get_draft(session, people["an"], draft_id)
    with pytest.raises(NotFound):
        drafts.save_version(session, people["an"], draft_id, plan_data, 1)
