"""The edXML of an issued document, from the register: an urgent Công văn
to two agencies of the directory, exported twice (the same package for the
same moment), valid against the schema in the repository (lxml), read back
with no difference; its recall gives the revocation message, the document
that replaces it the replacement message, a reply names it in ResponseFor;
a unit without a code, a document without coded recipients or without a PDF
are refused with the reason. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from lxml import etree

from docgen.edxml import SCHEMA
from docgen.edxml import envelope as edxml
from docgen.edxml.reader import read
from docgen.storage import agencies, drafts, outgoing, register, signatures
from docgen.storage.errors import StateError
from docgen.storage.users import create_user

from .conftest import PASSWORD

NOON = dt.datetime(2026, 12, 3, 5, 0, 15, tzinfo=dt.UTC)  # 12:00:15 in Vietnam
TWO_AGENCIES = [{"name": "Sở Nội vụ tỉnh Gia Lai", "code": "000.00.01.H41", "purpose": "để báo cáo"},
                {"name": "Sở Tài chính tỉnh Gia Lai", "code": "000.00.02.H41"},
                {"name": "Lưu trữ xã"}]


def a_pdf(pages: int = 2) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    first, *rest = [Image.new("RGB", (60, 85), "white") for _ in range(pages)]
    first.save(out, "PDF", save_all=True, append_images=rest)
    return out.getvalue()


@pytest.fixture
def office(session, people):
    people["vy"] = create_user(session, "vy", "Trần Thị Vy", "registrar", "UBND xã Lộc Tấn", PASSWORD)
    agencies.set_unit_code(session, "UBND xã Lộc Tấn", "000.00.31.H41")
    return people


@pytest.fixture
def issue(session, office, plan_data):
    """``issue(replaces=None, **changes)``: a plan of unit A issued by vy
    with its PDF stored; the register row."""
    def make(replaces=None, **changes):
        data = {**plan_data, "subject": "Kế hoạch gửi điện tử", "recipients": TWO_AGENCIES, "urgency": "khan",
                "reply_by": "20/12/2026", **changes}
        draft = drafts.create_draft(session, office["an"], data)
        drafts.submit(session, office["an"], draft.id)
        drafts.approve(session, office["chau"], draft.id, confirmed=True)
        entry = register.issue(session, office["vy"], draft.id, replaces=replaces, confirmed=True)
        signatures.issued_pdf(session, office["vy"], entry.id, convert=lambda docx, archive: a_pdf())
        return entry
    return make


def valid(data: bytes) -> bool:
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    return schema.validate(etree.fromstring(data)) or pytest.fail(str(schema.error_log))


def test_issued_document_exports_a_valid_package_that_reads_back(session, office, issue):
    entry = issue()
    _, first = outgoing.export(session, office["vy"], entry.id, now=NOON)
    _, second = outgoing.export(session, office["vy"], entry.id, now=NOON)
    assert first == second and valid(first)
    package = read(first)
    assert edxml.differences(package, outgoing.envelope_of(entry, office["vy"], now=NOON)) == []
    assert [(o.organ_id, o.name) for o in package.recipients] == [
        ("000.00.01.H41", "Sở Nội vụ tỉnh Gia Lai"), ("000.00.02.H41", "Sở Tài chính tỉnh Gia Lai")]
    assert package.document_id == f"000.00.31.H41,{entry.issued_on:%Y/%m/%d},{entry.number_text}"
    assert (package.code_number, package.code_notation) == (f"{entry.number:02d}", entry.symbol)
    assert (package.priority, package.pages, package.copies, package.due_date) == (1, 2, 4, dt.date(2026, 12, 20))
    assert package.business == edxml.NEW and package.traces[0].timestamp.isoformat() == "2026-12-03T12:00:15+07:00"
    assert package.attachments[0].data == entry.pdf("issued").pdf
    assert package.signer.full_name == entry.signer


def test_recall_gives_the_revocation_and_the_correction_the_replacement(session, office, issue):
    old = issue()
    with pytest.raises(StateError, match="chưa bị thu hồi"):
        outgoing.export(session, office["vy"], old.id, message=edxml.REVOKE)
    register.recall(session, office["vy"], old.id, "Sai số liệu phụ lục")
    _, data = outgoing.export(session, office["vy"], old.id, message=edxml.REVOKE)
    assert valid(data)
    revocation = read(data)
    assert (revocation.business, revocation.business_reason) == (edxml.REVOKE, "Sai số liệu phụ lục")
    assert revocation.business_document_id == outgoing.document_id(old) == revocation.document_id
    assert revocation.attachments == () and [o.organ_id for o in revocation.recipients] == \
        ["000.00.01.H41", "000.00.02.H41"]

    new = issue(replaces=old.id, recipients=TWO_AGENCIES[:1])
    _, data = outgoing.export(session, office["vy"], new.id, now=NOON)
    assert valid(data)
    replacement = read(data)
    assert replacement.business == edxml.REPLACE
    assert replacement.replacements == (edxml.Replacement(outgoing.document_id(old),
                                                          ("000.00.01.H41", "000.00.02.H41")),)
    assert replacement.business_reason.startswith(f"Thay thế văn bản số {old.number_text} đã thu hồi")


def test_a_reply_names_the_document_it_answers(session, office, issue):
    reference = {"type_name": "Công văn", "number": 15, "symbol": "UBND-VP", "date": {"year": 2026, "month": 11,
                 "day": 20}, "issuer_name": "Ủy ban nhân dân tỉnh Gia Lai", "organ_id": "000.00.00.H41",
                 "document_id": "000.00.00.H41,2026/11/20,15/UBND-VP"}
    entry = issue(reference=reference)
    package = read(outgoing.export(session, office["vy"], entry.id, now=NOON)[1])
    assert package.responses == (edxml.Response("000.00.00.H41", "15/UBND-VP", dt.date(2026, 11, 20),
                                                "000.00.00.H41,2026/11/20,15/UBND-VP"),)


def test_what_cannot_be_sent_is_refused_with_the_reason(session, office, issue, plan_data):
    entry = issue()
    agencies.set_unit_code(session, "UBND xã Lộc Tấn", None)
    with pytest.raises(StateError, match="chưa có mã định danh"):
        outgoing.export(session, office["vy"], entry.id)
    agencies.set_unit_code(session, "UBND xã Lộc Tấn", "000.00.31.H41")
    uncoded = issue(recipients=[{"name": "Lưu trữ xã"}])
    with pytest.raises(StateError, match="không có nơi nhận nào có mã định danh"):
        outgoing.export(session, office["vy"], uncoded.id)
    draft = drafts.create_draft(session, office["an"], {**plan_data, "recipients": TWO_AGENCIES})
    drafts.submit(session, office["an"], draft.id)
    drafts.approve(session, office["chau"], draft.id, confirmed=True)
    no_pdf = register.issue(session, office["vy"], draft.id, confirmed=True)
    made = []  # no PDF yet: the export makes the issued PDF it carries
    _, data = outgoing.export(session, office["vy"], no_pdf.id,
                              convert=lambda docx, archive: made.append(archive) or a_pdf(1))
    assert made == [True] and read(data).attachments[0].data == signatures.issued_pdf(
        session, office["vy"], no_pdf.id).pdf
