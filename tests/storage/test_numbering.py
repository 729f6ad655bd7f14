"""Numbering series per unit: by default each symbol has its own series
(unchanged); a unit's administrator makes several types share one, and
secret documents take their own (the default secret series, or the unit's);
a number is unique per series, so a secret document may carry the number
and symbol of an ordinary one. Secret documents are seen, listed and
printed only by the văn thư and the signing officers. Wrong series are
refused with the reason. Rows issued before the series existed keep their
numbers through the migration, down and up again. SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.plan.files import load_plan
from docgen.storage import book, db, drafts, numbering, register
from docgen.storage.errors import Forbidden, NotFound, UserError
from docgen.storage.users import create_user

from .conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
UNIT = "UBND xã Lộc Tấn"


@pytest.fixture
def office(session, people):
    people["vy"] = create_user(session, "vy", "Trần Thị Vy", "registrar", UNIT, PASSWORD)
    return people


@pytest.fixture(scope="session")
def report_data(plan_data) -> dict:
    report = load_plan(ROOT / "tests" / "doctypes" / "bao_cao.yaml").model_dump(mode="json", exclude_none=True)
    return {**report, "header": {**report["header"], "issuing_body": plan_data["header"]["issuing_body"]},
            "signer": plan_data["signer"]}


@pytest.fixture
def issue(session, office):
    def make(data: dict, **changes):
        draft = drafts.create_draft(session, office["an"], {**data, **changes})
        drafts.submit(session, office["an"], draft.id)
        drafts.approve(session, office["chau"], draft.id, confirmed=True)
        return register.issue(session, office["vy"], draft.id, confirmed=True)
    return make


def test_types_share_a_series_and_secret_documents_take_their_own(session, office, issue, plan_data,
                                                                  report_data):
    plan, report = issue(plan_data), issue(report_data)
    assert [(e.number_text, e.series) for e in (plan, report)] == [("01/KH-UBND", "KH-UBND"),
                                                                   ("01/BC-UBND", "BC-UBND")]
    numbering.set_series(session, UNIT, "hc", "Văn bản hành chính", ["ke_hoach", "bao_cao"])
    shared = [issue(plan_data, subject="Kế hoạch hai"), issue(report_data, subject="Báo cáo hai"),
              issue(plan_data, subject="Kế hoạch ba")]
    assert [(e.number_text, e.series) for e in shared] == [("01/KH-UBND", "#HC"), ("02/BC-UBND", "#HC"),
                                                          ("03/KH-UBND", "#HC")]
    secret = issue(plan_data, subject="Kế hoạch mật", secrecy="mat")
    assert (secret.number_text, secret.series, secret.secret) == ("01/KH-UBND", numbering.SECRET_DEFAULT, True)
    numbering.set_series(session, UNIT, "M-KH", "Kế hoạch mật", ["ke_hoach"], secret=True)
    own = issue(plan_data, subject="Kế hoạch tối mật", secrecy="toi_mat")
    other = issue(report_data, subject="Báo cáo mật", secrecy="mat")
    assert [(e.number_text, e.series) for e in (own, other)] == [("01/KH-UBND", "#M-KH"),
                                                                 ("02/BC-UBND", numbering.SECRET_DEFAULT)]
    numbering.remove_series(session, UNIT, "HC")
    again = issue(plan_data, subject="Kế hoạch bốn")
    assert (again.number_text, again.series) == ("02/KH-UBND", "KH-UBND")  # its own series goes on

    ids = {entry.id for entry in (secret, own, other)}
    for name in ("vy", "chau"):
        assert ids <= {entry.id for entry in register.entries(session, office[name])}
        register.get_entry(session, office[name], secret.id)
    for name in ("an", "dung"):
        assert not ids & {entry.id for entry in register.entries(session, office[name])}
        with pytest.raises(NotFound):
            register.get_entry(session, office[name], secret.id)
    year = plan.year
    assert len(book.year_book(session, office["an"], year).rows) == 6
    assert len(book.year_book(session, office["vy"], year).rows) == 9


def test_a_secret_draft_is_seen_by_its_author_the_officers_and_the_van_thu_only(session, office, plan_data):
    """Độ mật on a draft: the other drafters and the administrator of the
    unit do not see it in the list, and opening it answers as for a draft
    that does not exist; its author, the signing officer and the văn thư do."""
    people = {**office, "binh": create_user(session, "binh2", "Trần Thị Bình", "drafter", UNIT, PASSWORD)}
    secret = drafts.create_draft(session, office["an"], {**plan_data, "secrecy": "mat"})
    ordinary = drafts.create_draft(session, office["an"], plan_data)
    for name in ("an", "chau", "vy"):
        assert {secret.id, ordinary.id} <= {d.id for d in drafts.drafts_for(session, people[name])}
        assert drafts.get_draft(session, people[name], secret.id).id == secret.id
    for name in ("binh", "dung"):
        listed = {d.id for d in drafts.drafts_for(session, people[name])}
        assert ordinary.id in listed and secret.id not in listed
        with pytest.raises(NotFound, match=f"Không tìm thấy dự thảo số {secret.id}"):
            drafts.get_draft(session, people[name], secret.id)
    # marked secret later: hidden from then on
    drafts.save_version(session, office["an"], ordinary.id, {**plan_data, "secrecy": "toi_mat"}, base_version=1)
    assert ordinary.id not in {d.id for d in drafts.drafts_for(session, people["binh"])}


@pytest.mark.parametrize("key, types, secret, message", [
    ("hc hc", ["ke_hoach", "bao_cao"], False, "Mã dãy số"),
    ("MAT", [], True, "Mã dãy số"),
    ("HC", ["ke_hoach", "thu_cong"], False, "Loại văn bản không có: thu_cong"),
    ("HC", ["ke_hoach"], False, "ít nhất hai loại"),
])
def test_wrong_series_are_refused_with_the_reason(session, office, key, types, secret, message):
    with pytest.raises(UserError, match=message):
        numbering.set_series(session, UNIT, key, "", types, secret=secret)


def test_a_type_in_one_series_only_and_only_the_admin(session, office):
    numbering.set_series(session, UNIT, "HC", "", ["ke_hoach", "bao_cao"])
    with pytest.raises(UserError, match="Loại ke_hoach đã ở dãy số HC"):
        numbering.set_series(session, UNIT, "KT", "", ["ke_hoach", "thong_bao"])
    with pytest.raises(Forbidden):
        numbering.set_series(session, UNIT, "KT", "", ["to_trinh", "thong_bao"], user=office["vy"])
    numbering.set_series(session, UNIT, "KT", "", ["to_trinh", "thong_bao"], user=office["dung"])
    assert [s.key for s in numbering.unit_series(session, office["dung"].unit_id)] == ["HC", "KT"]


def test_series_from_the_command_line(migrated_url, session, office):
    runner = CliRunner()
    env = {"DATABASE_URL": migrated_url}
    result = runner.invoke(main, ["units", "series", "set", UNIT, "hc", "--name", "Hành chính",
                                  "--types", "cong_van,thong_bao"], env=env)
    assert result.exit_code == 0 and result.output == "HC\tHành chính\tcong_van,thong_bao\tthường\n"
    result = runner.invoke(main, ["units", "series", "set", UNIT, "M", "--secret"], env=env)
    assert result.exit_code == 0 and result.output == "M\tM\tmọi loại\tmật\n"
    result = runner.invoke(main, ["units", "series", "list", UNIT], env=env)
    assert result.output.splitlines()[:2] == ["HC\tHành chính\tcong_van,thong_bao\tthường", "M\tM\tmọi loại\tmật"]
    assert runner.invoke(main, ["units", "series", "remove", UNIT, "hc"], env=env).exit_code == 0
    result = runner.invoke(main, ["units", "series", "set", UNIT, "X", "--types", "nope,cong_van"], env=env)
    assert result.exit_code == 2 and "nope" in result.output


def test_the_migration_keeps_the_numbers_down_and_up(migrated_url, session, office, issue, plan_data):
    first = issue(plan_data, recipients=[{"name": "Sở Nội vụ"}])
    letter_data = load_plan(ROOT / "samples" / "types" / "cong_van_loc_hoa_so_lieu.yaml").model_dump(
        mode="json", exclude_none=True)
    letter = issue(letter_data)
    register.recall(session, office["vy"], first.id, "Sai")
    session.close()
    engine = db.make_engine(migrated_url)
    db.upgrade(engine, "0008")
    db.upgrade(engine)
    engine.dispose()
    again = db.make_sessionmaker(db.make_engine(migrated_url))()
    rows = {entry.number_text: (entry.series, entry.recall is not None)
            for entry in register.entries(again, office["vy"])}
    assert rows == {first.number_text: ("KH-UBND", True), letter.number_text: ("UBND-*", False)}
    again.close()


def test_the_audit_log_keeps_the_details_of_secret_documents_from_the_administrator(session, office, issue,
                                                                                     plan_data):
    """The administrator reads the log (who did what, when) but not what it
    says of a secret document: the number, the recall's reason, the
    reviewers' comments; an ordinary document's details stay."""
    from docgen.storage.audit import audit_log, concealed

    secret = issue(plan_data, subject="Kế hoạch mật", secrecy="mat")
    register.recall(session, office["vy"], secret.id, "Lộ nội dung phương án tác chiến")
    ordinary = issue(plan_data, subject="Kế hoạch thường")
    events = audit_log(session, office["dung"])
    hidden = concealed(session, office["dung"], events)
    about_secret = [event for event in events if event.draft_id == secret.draft_id]
    assert {event.action for event in about_secret} >= {"create", "submit", "approve", "issue", "recall"}
    assert {event.id for event in about_secret} == hidden
    assert not any(event.id in hidden for event in events if event.draft_id == ordinary.draft_id)
    assert any(event.detail == ordinary.number_text for event in events if event.id not in hidden)


def test_a_secret_document_is_replaced_by_a_secret_one_only(session, office, issue, plan_data):
    """The replacement names the document it replaces (its number, the
    recall's reason, its recipients) in the register, the edXML package, the
    pull API and the webhooks, which show an ordinary document to everyone:
    a secret document's replacement must be secret too."""
    from docgen.storage.errors import StateError

    secret = issue(plan_data, subject="Kế hoạch mật", secrecy="mat")
    register.recall(session, office["vy"], secret.id, "Lộ phương án")
    draft = drafts.create_draft(session, office["an"], {**plan_data, "subject": "Kế hoạch đã sửa"})
    drafts.submit(session, office["an"], draft.id)
    drafts.approve(session, office["chau"], draft.id, confirmed=True)
    with pytest.raises(StateError, match="độ mật"):
        register.issue(session, office["vy"], draft.id, confirmed=True, replaces=secret.id)
    again = drafts.create_draft(session, office["an"], {**plan_data, "subject": "Kế hoạch đã sửa", "secrecy": "mat"})
    drafts.submit(session, office["an"], again.id)
    drafts.approve(session, office["chau"], again.id, confirmed=True)
    assert register.issue(session, office["vy"], again.id, confirmed=True, replaces=secret.id).secret


def test_an_ordinary_documents_row_does_not_name_its_secret_replacement(session, office, issue, plan_data):
    """An ordinary document recalled and replaced by a secret one: its row
    (the register page, its .xlsx, the book), seen by everyone, does not
    name the secret replacement; the replacement's own row names it."""
    from docgen.sheets.register_sheet import note

    old = issue(plan_data, subject="Kế hoạch thường")
    register.recall(session, office["vy"], old.id, "Cần giữ bí mật")
    draft = drafts.create_draft(session, office["an"], {**plan_data, "subject": "Kế hoạch sửa", "secrecy": "mat"})
    drafts.submit(session, office["an"], draft.id)
    drafts.approve(session, office["chau"], draft.id, confirmed=True)
    new = register.issue(session, office["vy"], draft.id, confirmed=True, replaces=old.id)
    session.expire_all()
    row = register.get_entry(session, office["an"], old.id)
    assert "thay thế" not in note(row) and "Cần giữ bí mật" in note(row)
    assert [entry.id for entry in register.entries(session, office["an"])] == [old.id]
    assert note(register.get_entry(session, office["vy"], new.id)) == f"Thay thế văn bản số {old.number_text}"
