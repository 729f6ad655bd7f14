"""An edXML package as data (QCVN 102:2016 as amended by TT 01/2022): who
sends it to whom, the document's description (number and symbol, date,
type, subject, signer, urgency, copies, pages, due date, the document it
answers), what the message does (a new document, its revocation or a
replacement) and the files. :mod:`.writer` writes it, :mod:`.reader` reads
it back into the same value: export then import gives back every field.

Frozen dataclasses, so that two packages compare field by field
(:func:`differences`)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

# BussinessDocType (TT 01/2022): what the message does to the document.
NEW, REVOKE, UPDATE, REPLACE = 0, 1, 2, 3
BUSINESS_NAMES = {NEW: "văn bản mới", REVOKE: "thu hồi", UPDATE: "cập nhật", REPLACE: "thay thế"}
ADMINISTRATIVE = 1  # DocumentType/Type written for every docgen document (schema: see its note)
ORDINARY = 0  # SteeringType: a document neither steering nor reporting


@dataclass(frozen=True)
class Organ:
    """From or To: an agency by its mã định danh and name."""

    organ_id: str
    name: str
    in_charge: str = ""  # cơ quan chủ quản
    address: str = ""
    email: str = ""
    phone: str = ""
    fax: str = ""
    website: str = ""


@dataclass(frozen=True)
class Signer:
    competence: str  # "KT. CHỦ TỊCH"
    position: str  # "PHÓ CHỦ TỊCH"
    full_name: str


@dataclass(frozen=True)
class Response:
    """ResponseFor: the document this one answers."""

    organ_id: str
    code: str  # "15/UBND-VP"
    date: dt.date
    document_id: str


@dataclass(frozen=True)
class Trace:
    organ_id: str
    timestamp: dt.datetime  # aware


@dataclass(frozen=True)
class Replacement:
    """ReplacementInfo: a document replaced, and who had received it."""

    document_id: str
    organ_ids: tuple[str, ...]


@dataclass(frozen=True)
class Staff:
    """StaffInfo (TT 01/2022): who handles the message at the sender."""

    department: str = ""
    name: str = ""
    mobile: str = ""
    email: str = ""


@dataclass(frozen=True)
class Attachment:
    content_id: str
    name: str
    content_type: str
    data: bytes = field(repr=False)
    description: str = ""


@dataclass(frozen=True)
class Envelope:
    sender: Organ
    recipients: tuple[Organ, ...]
    code_number: str  # "05"
    code_notation: str  # "UBND-VP"
    place: str
    date: dt.date
    type_name: str
    subject: str
    signer: Signer
    document_id: str
    traces: tuple[Trace, ...]
    business: int = NEW
    business_reason: str = ""
    business_document_id: str = ""  # Bussiness/DocumentId: the document revoked or updated
    staff: Staff | None = None
    replacements: tuple[Replacement, ...] = ()
    type_code: int = ADMINISTRATIVE
    content: str = ""
    due_date: dt.date | None = None
    to_places: tuple[str, ...] = ()
    priority: int = 0
    sphere: str = ""
    typer_notation: str = ""
    copies: int = 0
    pages: int = 0
    appendixes: tuple[str, ...] = ()
    responses: tuple[Response, ...] = ()
    steering_type: int = ORDINARY
    attachments: tuple[Attachment, ...] = ()

    @property
    def number_and_symbol(self) -> str:
        return f"{self.code_number}/{self.code_notation}"

    @property
    def sent_at(self) -> dt.datetime | None:
        """When the sender sent it: its own trace."""
        return next((trace.timestamp for trace in self.traces if trace.organ_id == self.sender.organ_id), None)


def document_id(organ_id: str, date: dt.date, number_and_symbol: str) -> str:
    """``000.00.31.H41,2026/12/03,05/UBND-VP`` (TT 01/2022)."""
    return f"{organ_id},{date:%Y/%m/%d},{number_and_symbol}"


_DOCUMENT_ID = re.compile(r"(?P<organ>[^,]+),(?P<y>\d{4})/(?P<m>\d{2})/(?P<d>\d{2}),(?P<code>\d+/\S+)")


def read_document_id(text: str) -> tuple[str, dt.date, str]:
    """(organ id, date, number/symbol) of a DocumentId; ValueError otherwise."""
    match = _DOCUMENT_ID.fullmatch(text.strip())
    if not match:
        raise ValueError(f"mã văn bản “{text}” không đúng dạng mã định danh,YYYY/MM/DD,số/ký hiệu")
    return match["organ"], dt.date(int(match["y"]), int(match["m"]), int(match["d"])), match["code"]


def differences(one: Envelope, other: Envelope) -> list[str]:
    """The fields that differ between two packages, by path
    (``recipients[1].name``); empty when they are the same."""
    found: list[str] = []

    def compare(a, b, path: str) -> None:
        if dataclasses.is_dataclass(a) and type(a) is type(b):
            for item in dataclasses.fields(a):
                compare(getattr(a, item.name), getattr(b, item.name), f"{path}.{item.name}".lstrip("."))
        elif isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b):
            for index, (x, y) in enumerate(zip(a, b)):
                compare(x, y, f"{path}[{index}]")
        elif a != b:
            found.append(path)

    compare(one, other, "")
    return found
