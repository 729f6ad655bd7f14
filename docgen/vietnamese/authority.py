"""Thẩm quyền ký (ô 7a) and the signer's name (ô 7b): the one table of the
authority prefixes and their rules (nd30.md, "Signing authority"), read by
the plan model's validation, the layout checks of a .docx and the importer.

A prefix opens an authority line: ``TM. ỦY BAN NHÂN DÂN`` (thay mặt: on
behalf of a collective body), ``KT. CHỦ TỊCH`` (ký thay: a deputy signs for
the head), ``Q. CHỦ TỊCH`` (quyền: acting head), ``TL.`` (thừa lệnh) and
``TUQ.`` (thừa ủy quyền). A line under ``KT.``, ``TL.`` or ``TUQ.`` gives
the title of the one who signs (``PHÓ CHỦ TỊCH``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Authority:
    """One prefix and what the Decree asks of its line."""

    prefix: str
    meaning: str  # Vietnamese, for the clerk
    first_line_only: bool = False  # only the first line may carry it (TM. <tập thể>)
    title_below: bool = False  # the signer's own title must follow on a line of its own


AUTHORITIES = (
    Authority("TM.", "thay mặt tập thể", first_line_only=True),
    Authority("KT.", "ký thay người đứng đầu", title_below=True),
    Authority("Q.", "quyền người đứng đầu"),
    Authority("TL.", "thừa lệnh", title_below=True),
    Authority("TUQ.", "thừa ủy quyền", title_below=True),
)
AUTHORITY_PREFIXES = tuple(authority.prefix for authority in AUTHORITIES)
_BY_PREFIX = {authority.prefix: authority for authority in AUTHORITIES}

@dataclass(frozen=True)
class AuthorityPattern:
    """A usual set of authority lines the editor offers (``Mẫu thẩm quyền
    ký``): its key, its name, and its lines, ``BODY`` standing for the
    collective's name (the first line of the issuing body)."""

    key: str
    name: str
    lines: tuple[str, ...]


AUTHORITY_PATTERNS = (
    AuthorityPattern("tm", "TM. tập thể – Chủ tịch ký", ("TM. BODY", "CHỦ TỊCH")),
    AuthorityPattern("tm-kt", "TM. tập thể, KT. – cấp phó ký thay", ("TM. BODY", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
    AuthorityPattern("kt", "KT. – cấp phó ký thay người đứng đầu", ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")),
    AuthorityPattern("q", "Q. – quyền người đứng đầu", ("Q. CHỦ TỊCH",)),
    AuthorityPattern("tl", "TL. – ký thừa lệnh", ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG")),
    AuthorityPattern("tuq", "TUQ. – ký thừa ủy quyền", ("TUQ. CHỦ TỊCH", "GIÁM ĐỐC SỞ …")),
    AuthorityPattern("head", "Người đứng đầu ký trực tiếp", ("CHỦ TỊCH",)),
)

# What looks like a prefix (capitals and a dot) at the start of a line: a
# wrong one ("XT.") is then named rather than taken for part of the title.
_PREFIX_SHAPE = re.compile(r"^([A-ZĐ]{1,4}\.)\s*")
# Any of the table's prefixes, as a pattern to build on (the importer finds
# the signer's lines by it).
PREFIX_PATTERN = "(?:" + "|".join(re.escape(prefix) for prefix in AUTHORITY_PREFIXES) + ")"

# Titles, degrees and ranks that do not belong before a signer's name (ô 7b).
SIGNER_TITLES = re.compile(
    r"^(ông|bà|đ/c|đồng chí|gs\.?|pgs\.?|ts\.?|ths\.?|bs\.?|ks\.?|tiến sĩ|thạc sĩ|giáo sư|"
    r"đại tá|thượng tá|trung tá|thiếu tá|đại úy|thượng úy|trung úy)\s",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AuthorityProblem:
    """A line of the authority that breaks a rule: ``line`` counts from 1;
    ``message`` says what is wrong and ``hint`` what to write, in
    Vietnamese."""

    line: int
    text: str
    message: str
    hint: str


def authority_problems(lines: list[str]) -> list[AuthorityProblem]:
    """Each authority line whose prefix is unknown, misplaced or lacks the
    title line below it, by the table :data:`AUTHORITIES`."""
    out = []
    for number, line in enumerate(lines, start=1):
        match = _PREFIX_SHAPE.match(line)
        if not match:
            continue
        prefix = match.group(1)
        authority = _BY_PREFIX.get(prefix)
        if authority is None:
            out.append(AuthorityProblem(number, line, f"tiền tố “{prefix}” không hợp lệ",
                                        f"chỉ dùng {', '.join(AUTHORITY_PREFIXES)}"))
        elif authority.first_line_only and number != 1:
            out.append(AuthorityProblem(number, line, f"“{prefix}” không ở dòng đầu",
                                        f"“{prefix} <tập thể>” là dòng đầu của thẩm quyền ký"))
        elif authority.title_below and number == len(lines):
            out.append(AuthorityProblem(number, line, f"sau “{prefix}” thiếu dòng chức vụ của người ký",
                                        f"thêm dòng chức vụ dưới “{line}”, vd. PHÓ CHỦ TỊCH"))
    return out
