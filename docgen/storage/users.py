"""Accounts: units, users with hashed passwords, password login with rate
limiting, and the session version that ends an account's sessions.

The lockout rule (docs/operator.md, "Accounts, roles and units"):

- per account and address: 5 failures within 15 minutes for one username
  from one address lock that username from that address for 15 minutes; a
  success there clears the count. Another address is not locked out, and
  neither is another account at the same address (an office behind one
  address: a colleague's mistakes never lock anyone else out);
- per address: 50 failures within 15 minutes from one address, whatever
  the usernames, hold that address for 15 minutes (password spraying), but
  not for an account that logged in successfully from that address within
  the last 30 days, so the office's own clerks keep working. While it
  holds, any other attempt (any username, right password or wrong) gets the
  same 429, after the same work, and counts towards the account rule: the
  answer never tells which accounts log in from that address.

``end_sessions`` raises the account's ``session_version``: the web stores it
in the login session and compares it on every request, so logout, a
password change and deactivation end every session of the account.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from .audit import audit
from .errors import LoginError, UserError
from .models import MAX_ID, ROLE_LABELS, ROLES, LoginAttempt, Unit, User, utcnow

FAILURE_LIMIT = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCK_TIME = timedelta(minutes=15)
ADDRESS_FAILURE_LIMIT = 50  # ten accounts' worth: slows spraying, never one colleague
KNOWN_ADDRESS_TIME = timedelta(days=30)
MIN_PASSWORD_LENGTH = 8
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")
HASH_METHOD = "scrypt"

WRONG_LOGIN = "Sai tên đăng nhập hoặc mật khẩu."
# Checked against when the username does not exist, so both cases take as long.
_DUMMY_HASH = generate_password_hash("docgen-no-such-user", method=HASH_METHOD)


def get_or_create_unit(session: Session, name: str) -> Unit:
    name = " ".join(name.split())
    if not name:
        raise UserError("Cần tên đơn vị (cơ quan ban hành).")
    unit = session.scalar(select(Unit).where(Unit.name == name))
    if unit is None:
        unit = Unit(name=name)
        session.add(unit)
        session.flush()
    return unit


def create_user(session: Session, username: str, full_name: str, role: str, unit_name: str,
                password: str) -> User:
    """A new account in unit ``unit_name`` (created if new); committed."""
    username = username.strip().lower()
    if not USERNAME.fullmatch(username):
        raise UserError("Tên đăng nhập gồm 2–64 ký tự: chữ thường không dấu, số, dấu chấm, "
                        "gạch dưới hoặc gạch ngang.")
    if role not in ROLES:
        labels = ", ".join(f"{code} ({label})" for code, label in ROLE_LABELS.items())
        raise UserError(f"Vai trò “{role}” không có; dùng một trong: {labels}.")
    full_name = " ".join(full_name.split())
    if not full_name:
        raise UserError("Cần họ và tên.")
    _check_new_password(password)
    if session.scalar(select(User.id).where(User.username == username)) is not None:
        raise UserError(f"Tên đăng nhập “{username}” đã có người dùng.")
    user = User(username=username, full_name=full_name, role=role,
                unit=get_or_create_unit(session, unit_name),
                password_hash=generate_password_hash(password, method=HASH_METHOD))
    session.add(user)
    session.flush()
    audit(session, user, "user_add", detail=f"{role} @ {user.unit.name}")
    session.commit()
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).join(Unit).order_by(Unit.name, User.username)))


def get_user(session: Session, user_id: int) -> User | None:
    """The active user with this id (for the web's login session), else None."""
    user = session.get(User, user_id) if 1 <= user_id <= MAX_ID else None
    return user if user is not None and user.active else None


def find_user(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username.strip().lower()))


def authenticate(session: Session, username: str, password: str, ip: str, *,
                 now: datetime | None = None) -> User:
    """The user whose password this is, or LoginError (committed either way:
    the attempt and its audit row are stored before raising)."""
    now = now or utcnow()
    username = username.strip().lower()[:64]
    ip = (ip or "?")[:64]
    until = locked_until(session, username, ip, now=now)
    if until is not None:  # the account rule: the password is not even checked
        _refuse(session, username, ip, now, until, "account")
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        ok = False
    else:
        ok = check_password_hash(user.password_hash, password) and user.active
    held = address_locked_until(session, ip, now=now)
    if held is not None:
        # The address is held. Only the right password of an account that
        # logged in from here lately gets through; every other attempt, to
        # any username, right or wrong, gets the same answer after the same
        # work, so the answer tells nobody which accounts use this address.
        # It counts towards the account rule, alike for every username.
        known = known_at_address(session, username, ip, now=now)
        if not (ok and known):
            session.add(LoginAttempt(username=username, ip=ip, at=now, succeeded=False))
            _refuse(session, username, ip, now, held, "address")
    session.add(LoginAttempt(username=username, ip=ip, at=now, succeeded=ok))
    if ok:
        audit(session, user, "login", ip=ip)
        session.commit()
        return user
    audit(session, None, "login_failed", username=username, ip=ip)
    session.commit()
    # This failure may start a lock: said now, the same way for every username.
    _refuse_if_locked(session, username, ip, now, audit_it=False, spare_known=False)
    raise LoginError(WRONG_LOGIN)


def _refuse(session: Session, username: str, ip: str, now: datetime, until: datetime, rule: str) -> None:
    """Audit the refused attempt, commit, raise the rule's LoginError."""
    audit(session, None, "login_locked", username=username, ip=ip,
          detail="khóa theo địa chỉ" if rule == "address" else None)
    session.commit()
    message = _locked_message if rule == "account" else _address_locked_message
    raise LoginError(message(until, now), locked_until=until)


def _refuse_if_locked(session: Session, username: str, ip: str, now: datetime, *,
                      audit_it: bool = True, spare_known: bool = True) -> None:
    """LoginError when ``username`` may not try from ``ip`` now (either rule;
    with ``spare_known``, an account known at the address is not held by
    it)."""
    rule = "account"
    until = locked_until(session, username, ip, now=now)
    if until is None:
        rule = "address"
        until = address_locked_until(session, ip, now=now)
        if until is not None and spare_known and known_at_address(session, username, ip, now=now):
            until = None
    if until is None:
        return
    if audit_it:
        _refuse(session, username, ip, now, until, rule)
    message = _locked_message if rule == "account" else _address_locked_message
    raise LoginError(message(until, now), locked_until=until)


def locked_until(session: Session, username: str, ip: str, *,
                 now: datetime | None = None) -> datetime | None:
    """When the lock on ``username`` from ``ip`` ends, or None if not locked."""
    now = now or utcnow()
    attempts = session.scalars(
        select(LoginAttempt)
        .where(LoginAttempt.username == username, LoginAttempt.ip == ip,
               LoginAttempt.at >= now - FAILURE_WINDOW - LOCK_TIME, LoginAttempt.at <= now)
        .order_by(LoginAttempt.at, LoginAttempt.id)).all()
    failures: list[datetime] = []
    for attempt in attempts:
        failures = [] if attempt.succeeded else failures + [attempt.at]
    until = lock_end(failures)
    return until if until is not None and until > now else None


def address_locked_until(session: Session, ip: str, *,
                         now: datetime | None = None) -> datetime | None:
    """When the hold on ``ip`` (too many failures, any usernames) ends, or None.
    Successes do not clear it: one known password must not unlock spraying."""
    now = now or utcnow()
    failures = list(session.scalars(
        select(LoginAttempt.at)
        .where(LoginAttempt.ip == ip, LoginAttempt.succeeded.is_(False),
               LoginAttempt.at >= now - FAILURE_WINDOW - LOCK_TIME, LoginAttempt.at <= now)
        .order_by(LoginAttempt.at, LoginAttempt.id)))
    until = lock_end(failures, limit=ADDRESS_FAILURE_LIMIT)
    return until if until is not None and until > now else None


def known_at_address(session: Session, username: str, ip: str, *,
                     now: datetime | None = None) -> bool:
    """Whether ``username`` logged in successfully from ``ip`` lately."""
    now = now or utcnow()
    return session.scalar(
        select(LoginAttempt.id)
        .where(LoginAttempt.username == username, LoginAttempt.ip == ip,
               LoginAttempt.succeeded.is_(True), LoginAttempt.at >= now - KNOWN_ADDRESS_TIME,
               LoginAttempt.at <= now)
        .limit(1)) is not None


def lock_end(failures: list[datetime], *, limit: int = FAILURE_LIMIT,
             window: timedelta = FAILURE_WINDOW, lock: timedelta = LOCK_TIME) -> datetime | None:
    """End of the last lock that ``failures`` (ascending, since the last
    success) caused: ``limit`` failures within ``window`` lock for ``lock``.
    Failures up to a lock do not count towards the next one."""
    until, start = None, 0
    for index in range(len(failures)):
        first = index - limit + 1
        if first >= start and failures[index] - failures[first] <= window:
            until, start = failures[index] + lock, index + 1
    return until


def _minutes(span: timedelta) -> int:
    return int(span.total_seconds() // 60)


def _minutes_left(until: datetime, now: datetime) -> int:
    return max(1, -(-int((until - now).total_seconds()) // 60))


def _locked_message(until: datetime, now: datetime) -> str:
    return (f"Đăng nhập sai {FAILURE_LIMIT} lần trong {_minutes(FAILURE_WINDOW)} phút nên tài khoản "
            f"tạm khóa đăng nhập từ máy này. Vui lòng thử lại sau {_minutes_left(until, now)} phút.")


def _address_locked_message(until: datetime, now: datetime) -> str:
    return (f"Có quá nhiều lần đăng nhập sai từ địa chỉ này ({ADDRESS_FAILURE_LIMIT} lần trong "
            f"{_minutes(FAILURE_WINDOW)} phút) nên tạm dừng đăng nhập từ đây. Vui lòng thử lại sau "
            f"{_minutes_left(until, now)} phút. Tài khoản đã đăng nhập từ đây trong "
            f"{KNOWN_ADDRESS_TIME.days} ngày qua vẫn vào được bằng đúng mật khẩu.")


# --- passwords, deactivation and the session version ------------------------------


def _check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.")


def end_sessions(session: Session, user: User) -> int:
    """Raise the account's session version in one statement (two logouts at
    once both count), so every session issued before now stops working.
    Not committed: the caller commits it with its audit row."""
    session.execute(update(User).where(User.id == user.id)
                    .values(session_version=User.session_version + 1)
                    .execution_options(synchronize_session=False))
    session.refresh(user, ["session_version"])
    return user.session_version


def logout(session: Session, user: User, *, ip: str | None = None) -> None:
    """End every session of the account (the web's "Đăng xuất")."""
    end_sessions(session, user)
    audit(session, user, "logout", ip=ip)
    session.commit()


def set_password(session: Session, user: User, password: str, *, ip: str | None = None) -> None:
    """A new password (an admin's ``docgen users passwd``); ends every session."""
    _check_new_password(password)
    user.password_hash = generate_password_hash(password, method=HASH_METHOD)
    end_sessions(session, user)
    audit(session, user, "password", ip=ip)
    session.commit()


def change_password(session: Session, user: User, current: str, new: str, ip: str, *,
                    now: datetime | None = None) -> None:
    """The user changes their own password: ``current`` is checked like a
    login (a wrong one counts towards the lockout), then ``set_password``."""
    now = now or utcnow()
    ip = (ip or "?")[:64]
    _refuse_if_locked(session, user.username, ip, now)
    if not check_password_hash(user.password_hash, current):
        session.add(LoginAttempt(username=user.username, ip=ip, at=now, succeeded=False))
        # With the user, so the unit's audit log shows it (the session is theirs).
        audit(session, user, "login_failed", ip=ip, detail="đổi mật khẩu")
        session.commit()
        _refuse_if_locked(session, user.username, ip, now, audit_it=False)
        raise LoginError("Mật khẩu hiện tại không đúng.")
    if new == current:
        raise UserError("Mật khẩu mới phải khác mật khẩu hiện tại.")
    set_password(session, user, new, ip=ip)


def set_active(session: Session, user: User, active: bool) -> None:
    """Deactivate (every session ends, login refused) or reactivate an account."""
    user.active = active
    end_sessions(session, user)
    audit(session, user, "activate" if active else "deactivate")
    session.commit()
