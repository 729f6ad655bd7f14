"""Sensitive data printed in a plan: passwords and the login names next to
them, personal e-mail addresses, personal (mobile) phone numbers.

A plan is a public document: it is posted on portals and sent to dozens of
offices. Seed 004 printed a login and password for a reporting system; seed
000 a personal mobile number; seed 003 a personal Gmail address.
"""

from __future__ import annotations

import re

from ..base.memo import short_text_cache
from .document import CheckedDocument
from .findings import Finding, Where, excerpt

_PASSWORD = re.compile(
    r"(mật\s*khẩu|password|passwd|pass|mk)\s*[:=]\s*\**\s*(\S+)", re.IGNORECASE
)
_LOGIN = re.compile(
    r"(tên\s*đăng\s*nhập|tài\s*khoản\s*đăng\s*nhập|tên\s*tài\s*khoản|username|user\s*name|login|user)\s*[:=]\s*\**\s*(\S+)",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_FREE_MAIL = {
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.com.vn", "hotmail.com", "outlook.com", "outlook.com.vn",
    "live.com", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "zoho.com", "mail.ru", "yandex.com",
}
# a phone number: 0 or +84 then 9-10 more digits, grouped by spaces, dots or dashes
_PHONE = re.compile(r"(?<![\w.,/])(?:\+84|84|0)(?:[\s.\-]?\d){8,10}(?![\w/]|[.,]\d)")
_MOBILE = re.compile(r"0[35789]\d{8}")
_AGENCY_LINE = ("đường dây nóng", "hotline", "tổng đài", "trực ban", "số máy bàn", "điện thoại cơ quan", "fax")


@short_text_cache  # a batch's documents share most paragraphs
def _scan(text: str) -> tuple[tuple, tuple, tuple, tuple]:
    """What ``text`` prints: passwords (where, the text with the secret
    masked), e-mail addresses (where, address, domain), personal mobile
    numbers (where, number) and login names (where)."""
    passwords = tuple((m.start(), text[:m.start(2)] + "***" + text[m.end(2):]) for m in _PASSWORD.finditer(text))
    emails = tuple((m.start(), m.group(), m.group(1).lower()) for m in _EMAIL.finditer(text))
    phones = []
    for match in _PHONE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if digits.startswith("84"):
            digits = "0" + digits[2:]
        if not _MOBILE.fullmatch(digits):
            continue  # landlines (02…) and hotlines are the agencies' own
        if any(word in text[max(0, match.start() - 40):match.start()].lower() for word in _AGENCY_LINE):
            continue
        phones.append((match.start(), match.group().strip()))
    logins = tuple(m.start() for m in _LOGIN.finditer(text))
    return passwords, emails, tuple(phones), logins


def check_sensitive(view: CheckedDocument) -> list[Finding]:
    findings: list[Finding] = []
    items = [(view.subject, Where("subject", None, None, ""))] + [(p.text, p) for p in view.body]
    scans = [_scan(text) for text, _ in items]
    password_paras = set()
    for position, ((text, owner), (passwords, emails, phones, _)) in enumerate(zip(items, scans)):
        where = (lambda at, owner=owner, text=text: owner.where(at) if hasattr(owner, "where")
                 else Where(owner.part, None, None, excerpt(text, at)))
        for start, masked in passwords:
            password_paras.add(position)
            # the report must not print the secret again
            findings.append(Finding(
                "sensitive.password", "error", Where(_part(owner), _section(owner), _index(owner),
                                                     excerpt(masked, start)),
                "văn bản ghi mật khẩu", "xóa mật khẩu khỏi văn bản; gửi riêng cho người cần dùng và đổi mật khẩu đã lộ",
            ))
        for start, address, domain in emails:
            if domain == "gov.vn" or domain.endswith(".gov.vn"):
                continue
            personal = domain in _FREE_MAIL
            findings.append(Finding(
                "sensitive.personal_email" if personal else "sensitive.email",
                "error" if personal else "warning", where(start),
                f"địa chỉ thư điện tử {'cá nhân ' if personal else ''}“{address}” in trong văn bản",
                "dùng hộp thư công vụ của cơ quan (…@….gov.vn) thay cho địa chỉ cá nhân",
            ))
        for start, number in phones:
            findings.append(Finding(
                "sensitive.personal_phone", "error", where(start),
                f"số điện thoại di động cá nhân “{number}” in trong văn bản",
                "ghi số điện thoại cơ quan (máy bàn, đường dây nóng) thay cho số di động cá nhân",
            ))
    for position, ((text, owner), (_, _, _, logins)) in enumerate(zip(items, scans)):
        for start in logins:
            near = any(abs(position - p) <= 2 for p in password_paras)
            where = owner.where(start) if hasattr(owner, "where") else Where(owner.part, None, None, excerpt(text, start))
            findings.append(Finding(
                "sensitive.login", "error" if near else "warning", where,
                "văn bản ghi tên đăng nhập" + (" kèm mật khẩu" if near else ""),
                "xóa tên đăng nhập và mật khẩu khỏi văn bản; cấp tài khoản riêng cho từng đơn vị",
            ))
    return findings


def _part(owner) -> str:
    return owner.part


def _section(owner) -> str | None:
    return getattr(owner, "section", None)


def _index(owner) -> int | None:
    return getattr(owner, "index", getattr(owner, "paragraph", None))
