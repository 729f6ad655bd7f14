"""Accounts: units, users with hashed passwords, and password login with
rate limiting per username and address (5 failures within 15 minutes lock
that pair for 15 minutes; another address is not locked out)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from .audit import audit
from .errors import LoginError, UserError
from .models import ROLE_LABELS, ROLES, LoginAttempt, Unit, User, utcnow

FAILURE_LIMIT = 5
FAILURE_WINDOW = timedelta(minutes=15)
LOCK_TIME = timedelta(minutes=15)
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
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
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
    user = session.get(User, user_id)
    return user if user is not None and user.active else None


def authenticate(session: Session, username: str, password: str, ip: str, *,
                 now: datetime | None = None) -> User:
    """The user whose password this is, or LoginError (committed either way:
    the attempt and its audit row are stored before raising)."""
    now = now or utcnow()
    username = username.strip().lower()[:64]
    ip = (ip or "?")[:64]
    until = locked_until(session, username, ip, now=now)
    if until is not None:
        audit(session, None, "login_locked", username=username, ip=ip)
        session.commit()
        raise LoginError(_locked_message(until, now), locked_until=until)
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        ok = False
    else:
        ok = check_password_hash(user.password_hash, password) and user.active
    session.add(LoginAttempt(username=username, ip=ip, at=now, succeeded=ok))
    if ok:
        audit(session, user, "login", ip=ip)
        session.commit()
        return user
    audit(session, None, "login_failed", username=username, ip=ip)
    session.commit()
    until = locked_until(session, username, ip, now=now)
    if until is not None:
        raise LoginError(_locked_message(until, now), locked_until=until)
    raise LoginError(WRONG_LOGIN)


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


def _locked_message(until: datetime, now: datetime) -> str:
    minutes = max(1, -(-int((until - now).total_seconds()) // 60))
    return (f"Đăng nhập sai {FAILURE_LIMIT} lần trong {_minutes(FAILURE_WINDOW)} phút nên tài khoản "
            f"tạm khóa đăng nhập từ máy này. Vui lòng thử lại sau {minutes} phút.")


def set_password(session: Session, user: User, password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"Mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự.")
    user.password_hash = generate_password_hash(password, method=HASH_METHOD)
    session.commit()
