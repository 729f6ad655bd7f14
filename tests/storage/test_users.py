"""Accounts, hashed passwords and password login with rate limiting."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select, text

from docgen.storage.errors import LoginError, UserError
from docgen.storage.models import AuditEvent, LoginAttempt, User
from docgen.storage.users import (
    ADDRESS_FAILURE_LIMIT,
    FAILURE_LIMIT,
    LOCK_TIME,
    WRONG_LOGIN,
    authenticate,
    change_password,
    create_user,
    get_user,
    list_users,
    lock_end,
    logout,
    set_active,
    set_password,
)

from .conftest import PASSWORD

T0 = datetime(2026, 6, 1, 8, 0, 0)


def minutes(n: float) -> datetime:
    return T0 + timedelta(minutes=n)


def test_passwords_are_stored_hashed(engine, people):
    with engine.connect() as connection:
        hashes = connection.execute(text("SELECT password_hash FROM users")).scalars().all()
    assert len(hashes) == len(people)
    for stored in hashes:
        assert PASSWORD not in stored
        assert stored.startswith(("scrypt:", "pbkdf2:"))
    assert len(set(hashes)) == len(hashes)  # salted: same password, different hashes


def test_login_with_the_right_password(session, people):
    user = authenticate(session, "An", PASSWORD, "10.0.0.1")  # usernames are lower-case
    assert user.id == people["an"].id
    assert user.unit.name == "UBND xã Lộc Tấn"


@pytest.mark.parametrize("username,password", [("an", "sai-mat-khau"), ("khong-co", PASSWORD)])
def test_wrong_password_or_unknown_user_say_the_same(session, people, username, password):
    with pytest.raises(LoginError) as error:
        authenticate(session, username, password, "10.0.0.1")
    assert str(error.value) == WRONG_LOGIN == "Sai tên đăng nhập hoặc mật khẩu."
    assert error.value.locked_until is None


def test_inactive_user_cannot_log_in(session, people):
    people["an"].active = False
    session.commit()
    with pytest.raises(LoginError, match="Sai tên đăng nhập"):
        authenticate(session, "an", PASSWORD, "10.0.0.1")


def test_five_failures_lock_for_fifteen_minutes(session, people):
    for attempt in range(FAILURE_LIMIT - 1):
        with pytest.raises(LoginError) as error:
            authenticate(session, "an", "sai", "10.0.0.1", now=minutes(attempt))
        assert error.value.locked_until is None
    with pytest.raises(LoginError) as error:
        authenticate(session, "an", "sai", "10.0.0.1", now=minutes(4))
    assert error.value.locked_until == minutes(4) + LOCK_TIME
    assert str(error.value) == ("Đăng nhập sai 5 lần trong 15 phút nên tài khoản tạm khóa đăng nhập "
                                "từ máy này. Vui lòng thử lại sau 15 phút.")
    # Locked: even the right password is refused, without being checked.
    with pytest.raises(LoginError, match="thử lại sau 5 phút"):
        authenticate(session, "an", PASSWORD, "10.0.0.1", now=minutes(14))
    # Another address is not locked out (an attacker cannot lock the clerk out).
    assert authenticate(session, "an", PASSWORD, "10.0.0.2", now=minutes(14)).username == "an"
    # The lock ends after 15 minutes.
    assert authenticate(session, "an", PASSWORD, "10.0.0.1", now=minutes(19)).username == "an"


def test_unknown_usernames_are_rate_limited_too(session, people):
    for attempt in range(FAILURE_LIMIT):
        with pytest.raises(LoginError):
            authenticate(session, "ai-do", "x", "10.0.0.9", now=minutes(attempt))
    with pytest.raises(LoginError) as error:
        authenticate(session, "ai-do", "x", "10.0.0.9", now=minutes(6))
    assert error.value.locked_until is not None


def test_failures_spread_over_more_than_the_window_do_not_lock(session, people):
    for attempt in range(8):
        with pytest.raises(LoginError) as error:
            authenticate(session, "an", "sai", "10.0.0.1", now=minutes(attempt * 4))
        assert error.value.locked_until is None


def test_a_success_clears_earlier_failures(session, people):
    for attempt in range(FAILURE_LIMIT - 1):
        with pytest.raises(LoginError):
            authenticate(session, "an", "sai", "10.0.0.1", now=minutes(attempt))
    authenticate(session, "an", PASSWORD, "10.0.0.1", now=minutes(5))
    with pytest.raises(LoginError) as error:
        authenticate(session, "an", "sai", "10.0.0.1", now=minutes(6))
    assert error.value.locked_until is None


def test_attempts_and_audit_rows_are_stored(session, people):
    with pytest.raises(LoginError):
        authenticate(session, "an", "sai", "10.0.0.1")
    authenticate(session, "an", PASSWORD, "10.0.0.1")
    attempts = session.scalars(select(LoginAttempt).order_by(LoginAttempt.id)).all()
    assert [(a.username, a.ip, a.succeeded) for a in attempts] == [
        ("an", "10.0.0.1", False), ("an", "10.0.0.1", True)]
    events = session.scalars(select(AuditEvent).where(AuditEvent.action.like("login%"))
                             .order_by(AuditEvent.id)).all()
    assert [(e.action, e.username, e.user_id, e.ip) for e in events] == [
        ("login_failed", "an", None, "10.0.0.1"),
        ("login", "an", people["an"].id, "10.0.0.1"),
    ]


def test_a_locked_attempt_is_audited(session, people):
    for attempt in range(FAILURE_LIMIT):
        with pytest.raises(LoginError):
            authenticate(session, "an", "sai", "10.0.0.1", now=minutes(attempt))
    with pytest.raises(LoginError):
        authenticate(session, "an", PASSWORD, "10.0.0.1", now=minutes(6))
    actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc())).first()
    assert actions == "login_locked"


@pytest.mark.parametrize("failures,expected", [
    ([], None),
    ([0, 1, 2, 3], None),
    ([0, 1, 2, 3, 4], 4 + 15),
    ([0, 1, 2, 3, 15], 15 + 15),          # five within 15 minutes, edges included
    ([0, 1, 2, 3, 15.5], None),
    ([0, 4, 8, 12, 16, 20, 24], None),     # never five within 15 minutes
    ([0, 1, 2, 3, 4, 20, 21, 22, 23], 4 + 15),   # failures up to a lock start afresh
    ([0, 1, 2, 3, 4, 20, 21, 22, 23, 24], 24 + 15),
])
def test_lock_end(failures, expected):
    result = lock_end([minutes(m) for m in failures])
    assert result == (None if expected is None else minutes(expected))


def test_create_user_refuses_bad_accounts(session, people):
    with pytest.raises(UserError, match="đã có người dùng"):
        create_user(session, "an", "Nguyễn Văn An", "drafter", "UBND xã Lộc Tấn", PASSWORD)
    with pytest.raises(UserError, match="Vai trò “boss” không có"):
        create_user(session, "moi", "Người Mới", "boss", "UBND xã Lộc Tấn", PASSWORD)
    with pytest.raises(UserError, match="ít nhất 8 ký tự"):
        create_user(session, "moi", "Người Mới", "drafter", "UBND xã Lộc Tấn", "ngan")
    with pytest.raises(UserError, match="Tên đăng nhập gồm"):
        create_user(session, "người mới", "Người Mới", "drafter", "UBND xã Lộc Tấn", PASSWORD)


def test_users_share_units_by_name(session, people):
    assert people["an"].unit_id == people["chau"].unit_id != people["em"].unit_id
    assert [u.username for u in list_users(session)] == ["em", "giang", "an", "binh", "chau", "dung"]
    assert session.scalar(select(User).where(User.username == "chau")).role_label == "lãnh đạo"


# --- one colleague cannot lock out another; spraying from one address is held -------


def test_a_colleague_at_the_same_address_is_not_locked_out(session, people):
    """An office behind one address: five wrong passwords for "an" lock "an"
    there, not "binh" (nor "an" elsewhere)."""
    for attempt in range(FAILURE_LIMIT):
        with pytest.raises(LoginError):
            authenticate(session, "an", "sai", "203.0.113.7", now=minutes(attempt))
    with pytest.raises(LoginError, match="tạm khóa"):
        authenticate(session, "an", PASSWORD, "203.0.113.7", now=minutes(6))
    assert authenticate(session, "binh", PASSWORD, "203.0.113.7", now=minutes(6)).username == "binh"
    # Nor does binh's success unlock "an" there.
    with pytest.raises(LoginError, match="tạm khóa"):
        authenticate(session, "an", PASSWORD, "203.0.113.7", now=minutes(7))


def _spray(session, ip: str, count: int, start: float = 0) -> LoginError:
    """``count`` wrong passwords from ``ip``, each for another username."""
    for attempt in range(count):
        with pytest.raises(LoginError) as error:
            authenticate(session, f"nguoi-{attempt}", "sai", ip, now=minutes(start + attempt * 0.1))
    return error.value


def test_spraying_from_one_address_is_held(session, people):
    last = _spray(session, "198.51.100.9", ADDRESS_FAILURE_LIMIT)
    held_at = minutes((ADDRESS_FAILURE_LIMIT - 1) * 0.1)
    assert last.locked_until == held_at + LOCK_TIME
    assert str(last).startswith("Có quá nhiều lần đăng nhập sai từ địa chỉ này (50 lần trong 15 phút)")
    # Every username is held there, the right password unchecked...
    with pytest.raises(LoginError, match="quá nhiều lần đăng nhập sai từ địa chỉ này") as error:
        authenticate(session, "binh", PASSWORD, "198.51.100.9", now=minutes(10))
    assert error.value.locked_until == held_at + LOCK_TIME
    locked = session.scalars(select(AuditEvent).where(AuditEvent.action == "login_locked")).all()
    assert [(e.username, e.ip, e.detail) for e in locked] == [("binh", "198.51.100.9", "khóa theo địa chỉ")]
    # ...not from another address, and not after the hold.
    assert authenticate(session, "binh", PASSWORD, "198.51.100.10", now=minutes(10)).username == "binh"
    assert authenticate(session, "binh", PASSWORD, "198.51.100.9", now=minutes(21)).username == "binh"


def test_spraying_does_not_lock_out_the_offices_own_clerks(session, people):
    """An account that logged in from the address lately is not held by it."""
    authenticate(session, "an", PASSWORD, "203.0.113.7", now=minutes(-60 * 24 * 29))
    _spray(session, "203.0.113.7", ADDRESS_FAILURE_LIMIT)
    assert authenticate(session, "an", PASSWORD, "203.0.113.7", now=minutes(10)).username == "an"
    with pytest.raises(LoginError, match="từ địa chỉ này"):
        authenticate(session, "binh", PASSWORD, "203.0.113.7", now=minutes(10))


def test_below_the_address_ceiling_nobody_else_is_held(session, people):
    _spray(session, "198.51.100.9", ADDRESS_FAILURE_LIMIT - 1)
    assert authenticate(session, "binh", PASSWORD, "198.51.100.9", now=minutes(6)).username == "binh"


# --- sessions end: logout, password change, deactivation ------------------------


def test_logout_password_and_deactivation_raise_the_session_version(session, people):
    an = people["an"]
    versions = [an.session_version]
    logout(session, an, ip="10.0.0.1")
    versions.append(get_user(session, an.id).session_version)
    set_password(session, an, "mat-khau-moi-du-dai")
    versions.append(get_user(session, an.id).session_version)
    set_active(session, an, False)
    assert get_user(session, an.id) is None
    session.expire_all()
    versions.append(session.get(User, an.id).session_version)
    assert versions == [1, 2, 3, 4]
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.user_id == an.id)
                              .order_by(AuditEvent.id)).all()
    assert actions[-3:] == ["logout", "password", "deactivate"]


def test_two_sessions_raising_the_version_at_once_both_count(make_session, people):
    first, second = make_session(), make_session()
    an_first, an_second = first.get(User, people["an"].id), second.get(User, people["an"].id)
    logout(first, an_first)
    logout(second, an_second)  # its copy still says 1; the database adds, it does not overwrite
    assert an_second.session_version == 3


def test_change_password_checks_the_current_one(session, people):
    an = people["an"]
    with pytest.raises(LoginError, match="Mật khẩu hiện tại không đúng."):
        change_password(session, an, "sai", "mat-khau-moi-du-dai", "10.0.0.1", now=minutes(0))
    with pytest.raises(UserError, match="ít nhất 8 ký tự"):
        change_password(session, an, PASSWORD, "ngan", "10.0.0.1", now=minutes(1))
    with pytest.raises(UserError, match="phải khác mật khẩu hiện tại"):
        change_password(session, an, PASSWORD, PASSWORD, "10.0.0.1", now=minutes(1))
    assert an.session_version == 1
    change_password(session, an, PASSWORD, "mat-khau-moi-du-dai", "10.0.0.1", now=minutes(2))
    assert an.session_version == 2
    assert authenticate(session, "an", "mat-khau-moi-du-dai", "10.0.0.1", now=minutes(3)).id == an.id


def test_guessing_the_current_password_counts_towards_the_lock(session, people):
    an = people["an"]
    for attempt in range(FAILURE_LIMIT - 1):
        with pytest.raises(LoginError) as error:
            change_password(session, an, "sai", "mat-khau-moi-du-dai", "10.0.0.1", now=minutes(attempt))
        assert error.value.locked_until is None
    with pytest.raises(LoginError, match="tạm khóa") as error:
        change_password(session, an, "sai", "mat-khau-moi-du-dai", "10.0.0.1", now=minutes(4))
    assert error.value.locked_until == minutes(4) + LOCK_TIME
    with pytest.raises(LoginError, match="tạm khóa"):
        change_password(session, an, PASSWORD, "mat-khau-moi-du-dai", "10.0.0.1", now=minutes(5))
    assert an.session_version == 1


def _hold(session, ip: str) -> None:
    """The address held: as many failures as spraying leaves, stored at once
    (each real attempt costs a password hash)."""
    session.add_all(LoginAttempt(username=f"nguoi-{n}", ip=ip, at=minutes(n * 0.1), succeeded=False)
                    for n in range(ADDRESS_FAILURE_LIMIT))
    session.commit()


def test_a_held_address_answers_alike_for_every_username(session, people):
    """During the hold, a wrong password for an account that logged in from
    the address, for one that did not, and for no account at all (and a
    right password for one that did not) all get the same refusal: the
    answer tells nothing about which accounts use the address. Only the
    right password of the known account gets through."""
    authenticate(session, "an", PASSWORD, "203.0.113.7", now=minutes(-60))
    _hold(session, "203.0.113.7")
    answers = []
    for username, password in (("an", "sai"), ("binh", "sai"), ("khong-co", "sai"), ("binh", PASSWORD)):
        with pytest.raises(LoginError) as refused:
            authenticate(session, username, password, "203.0.113.7", now=minutes(10))
        answers.append((str(refused.value), refused.value.locked_until))
    assert len(set(answers)) == 1
    assert answers[0][0].startswith("Có quá nhiều lần đăng nhập sai từ địa chỉ này")
    assert authenticate(session, "an", PASSWORD, "203.0.113.7", now=minutes(10)).username == "an"


def test_guesses_during_a_hold_count_towards_the_account_lock(session, people):
    """A known account is not guessed without end behind the hold: wrong
    passwords count, and after five its own lock answers, as for any name."""
    authenticate(session, "an", PASSWORD, "203.0.113.7", now=minutes(-60))
    _hold(session, "203.0.113.7")
    for username in ("an", "khong-co"):
        for attempt in range(FAILURE_LIMIT):
            with pytest.raises(LoginError, match="từ địa chỉ này"):
                authenticate(session, username, "sai", "203.0.113.7", now=minutes(6 + attempt * 0.1))
        with pytest.raises(LoginError, match="tài khoản tạm khóa đăng nhập từ máy này"):
            authenticate(session, username, PASSWORD, "203.0.113.7", now=minutes(7))


def test_passwords_are_hashed_at_the_production_cost_outside_the_tests():
    """The tests hash at a low cost (tests/conftest.py); the product does not."""
    import subprocess
    import sys

    printed = subprocess.run(
        [sys.executable, "-c", "from docgen.storage import users; from werkzeug.security import "
         "generate_password_hash as h; print(users._DUMMY_HASH.split('$')[0], "
         "h('x', method=users.HASH_METHOD).split('$')[0])"],
        capture_output=True, text=True, check=True).stdout.split()
    assert printed == ["scrypt:32768:8:1", "scrypt:32768:8:1"]
