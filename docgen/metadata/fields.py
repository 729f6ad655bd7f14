"""The 16 fields of Appendix VI for one issued document.

Which field comes from where (the decree: the system fills 1.1, 1.2, 2, 4,
6, 10 and 13.1 itself):

=====  ==================  ==================================================
STT    name                source
=====  ==================  ==================================================
1.1    OrganId             the unit's mã định danh (the administrator sets it)
1.2    FileCatalog         the year the case file was opened (the issue year)
1.3    FileNotation        the case file's number and symbol: the văn thư, at
                           the issue step (optional)
2      DocOrdinal          the document's order in that case file: counted by
                           the register at the issue step
3      TypeName            the document type (``Công văn``, ``Kế hoạch`` …)
4, 5   CodeNumber/Notation the register's number (``05``) and symbol
6      IssuedDate          the issue date
7      OrganName           the issuing body, in words
8      Subject             trích yếu
9      Language            ``Tiếng Việt``
10     PageAmount          pages of the issued PDF
11     Description         recall and replacement, in words
12     SignerInfo          the position (last line of ô 7a) and the name (7b)
13     To                  each recipient: code (from the directory) and name
14     Priority            the urgency code (0 thường, 1 khẩn, 2 thượng khẩn,
                           3 hỏa tốc); the secrecy level goes beside it as
                           docgen's own ``Secrecy`` (0–3), since the decree
                           gives one number for both and no codes
15     IssuedAmount        copies issued: the văn thư at the issue step, else
                           one per recipient plus the file copy
16     DueDate             the reply deadline: the issue step, else the plan's
=====  ==================  ==================================================
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .. import doctypes
from ..plan import marks
from ..plan.model import Plan

# The namespace of the XML file and of the XMP properties (prefix ``nd30``).
NAMESPACE = "urn:docgen:nd30-2020:phu-luc-vi/"
LANGUAGE = "Tiếng Việt"


@dataclass(frozen=True)
class Organ:
    """A recipient (field 13): its mã định danh when known, its name."""

    organ_id: str
    name: str


@dataclass(frozen=True)
class Metadata:
    """Appendix VI's fields, named as the decree names them."""

    organ_id: str  # 1.1
    file_catalog: int  # 1.2
    file_notation: str  # 1.3
    doc_ordinal: int  # 2
    type_name: str  # 3
    code_number: str  # 4
    code_notation: str  # 5
    issued_date: dt.date  # 6
    organ_name: str  # 7
    subject: str  # 8
    language: str  # 9
    page_amount: int  # 10
    description: str  # 11
    position: str  # 12.1
    full_name: str  # 12.2
    to: tuple[Organ, ...] = field(default_factory=tuple)  # 13
    priority: int = 0  # 14
    secrecy: int = 0  # 14, docgen's own: the secrecy level beside the urgency
    issued_amount: int = 1  # 15
    due_date: dt.date | None = None  # 16


def default_copies(plan: Plan) -> int:
    """One copy per recipient and the file copy (Lưu), at most 999 (Number 3)."""
    return min(999, len(plan.recipients) + 1)


def metadata_of(plan: Plan, *, organ_id: str, number: int, symbol: str, issued_on: dt.date,
                pages: int, organ_name: str = "", file_notation: str = "", doc_ordinal: int = 0,
                copies: int | None = None, due_date: dt.date | None = None,
                description: str = "") -> Metadata:
    """The fields of ``plan`` as issued with ``number``/``symbol`` on
    ``issued_on``; ``pages`` of its PDF; the rest as the register stored
    them at the issue step (blank: not given)."""
    urgency, secrecy = marks.urgency(plan.urgency), marks.secrecy(plan.secrecy)
    authority = list(plan.signer.authority)
    return Metadata(
        organ_id=organ_id or "", file_catalog=issued_on.year, file_notation=file_notation or "",
        doc_ordinal=doc_ordinal or 0, type_name=doctypes.for_plan(plan).name,
        code_number=f"{number:02d}", code_notation=symbol, issued_date=issued_on,
        organ_name=organ_name or plan.header.full_issuer_name(),
        subject=" ".join(plan.subject.split()), language=LANGUAGE, page_amount=pages,
        description=" ".join(description.split()),
        position=authority[-1] if authority else "", full_name=plan.signer.name,
        to=tuple(Organ(recipient.code or "", recipient.name) for recipient in plan.recipients),
        priority=urgency.code if urgency else 0, secrecy=secrecy.code if secrecy else 0,
        issued_amount=copies or default_copies(plan),
        due_date=due_date if due_date is not None else plan.reply_by,
    )
