"""Signing an issued document: the signer named on it signs its PDF with
their own certificate, then the unit's văn thư adds the organisation's
signature; each step's PDF is stored for good with its SHA-256, the
register row says how far it got, and the audit log has every step.
Another unit sees nothing; a missing certificate or passphrase is told in
Vietnamese. Each runs on SQLite and PostgreSQL.

The certificates are a throwaway test CA made by scripts/make-test-ca.py."""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from docgen import pdf
from docgen.metadata.xmp import metadata_in
from docgen.plan.files import load_plan
from docgen.signing.verify import verify_pdf
from docgen.storage import drafts, register, signatures
from docgen.storage.errors import Forbidden, NotFound, StateError
from docgen.storage.models import AuditEvent, ImmutableError, IssuedPdf
from docgen.storage.users import create_user

from .. import people
from .conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
needs_office = pytest.mark.skipif(not pdf.available(), reason="LibreOffice (soffice) is not installed")


@pytest.fixture
def certificates(test_ca, monkeypatch):
    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(test_ca))
    return test_ca


@pytest.fixture
def office(session, people):
    """``people`` with a văn thư in each unit (vy in A, xuan in B) and a
    second signing officer in A (long) whose name is not on the plans."""
    return {**people,
            "vy": create_user(session, "vy", "Trần Thị Vy", "registrar", "UBND xã Lộc Tấn", PASSWORD),
            "xuan": create_user(session, "xuan", "Lê Xuân", "registrar", "UBND xã Lộc Hòa", PASSWORD),
            "long": create_user(session, "long", "Trương Hải Long", "signer", "UBND xã Lộc Tấn",
                                PASSWORD)}


@pytest.fixture(scope="session")
def own_plan() -> dict:
    return people.own_plan()


@pytest.fixture
def issued(session, office, own_plan):
    """A document of unit A, approved by chau and issued by vy."""
    draft = drafts.create_draft(session, office["an"], own_plan)
    drafts.submit(session, office["an"], draft.id)
    drafts.approve(session, office["chau"], draft.id, confirmed=True)
    return register.issue(session, office["vy"], draft.id, confirmed=True)


def actions(session, draft_id: int) -> list[str]:
    return list(session.scalars(select(AuditEvent.action).where(AuditEvent.draft_id == draft_id)
                                .order_by(AuditEvent.id)))


def test_issuing_concerns_name_another_body_and_open_errors(own_plan):
    from docgen.plan.model import Plan

    gia_lai = load_plan(ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml")
    concerns = register.issuing_concerns(gia_lai, "UBND xã Lộc Tấn", errors=1)
    assert concerns == [
        "Cơ quan ban hành trên văn bản là “ỦY BAN NHÂN DÂN TỈNH GIA LAI”, không phải UBND xã "
        "Lộc Tấn: văn bản sẽ mang số của sổ văn bản đi của UBND xã Lộc Tấn.",
        "Kết quả kiểm tra còn 1 lỗi chưa sửa."]
    assert register.issuing_concerns(gia_lai, "UBND tỉnh Gia Lai") == []
    assert register.issuing_concerns(gia_lai, "Ủy ban nhân dân  tỉnh Gia Lai") == []
    own = Plan.model_validate(own_plan)
    assert register.issuing_body_matches(own, "UBND xã Lộc Tấn")
    assert not register.issuing_body_matches(own, "UBND xã Lộc Hòa")
    loc_hoa = load_plan(ROOT / "samples" / "004_loc_hoa_90_ngay_dem.yaml")
    assert register.issuing_body_matches(loc_hoa, "UBND xã Lộc Hoà")  # old tone placement


def test_only_the_named_signer_signs_and_only_the_registrar_seals(session, office, issued):
    for name in ("an", "vy", "dung", "long"):  # long is a signing officer, but not this one's
        with pytest.raises(Forbidden, match="Lê Minh Châu ký; chỉ người ký có tên"):
            signatures.sign(session, office[name], issued.id)
    for name in ("an", "chau", "dung", "long"):
        with pytest.raises(Forbidden, match="Chỉ văn thư"):
            signatures.seal(session, office[name], issued.id)
    for name in ("em", "giang", "xuan"):  # unit B sees nothing of it
        for act in (signatures.sign, signatures.seal):
            with pytest.raises(NotFound):
                act(session, office[name], issued.id)
        with pytest.raises(NotFound):
            signatures.download_pdf(session, office[name], issued.id, "issued")
    with pytest.raises(StateError, match="chưa có chữ ký số của người ký"):
        signatures.seal(session, office["vy"], issued.id)
    assert session.scalar(select(IssuedPdf.id)) is None


@needs_office
def test_sign_then_seal_stores_each_pdf_and_both_signatures_verify(
        session, office, issued, certificates):
    assert issued.signing_label == "đã cấp số" and not issued.sent
    signed = signatures.sign(session, office["chau"], issued.id, ip="10.0.0.9")
    entry = register.get_entry(session, office["vy"], issued.id)
    assert entry.signing_label == "lãnh đạo đã ký" and not entry.sent
    unsigned = entry.pdf("issued")
    assert unsigned.pdf.startswith(b"%PDF") and unsigned.sha256 == hashlib.sha256(unsigned.pdf).hexdigest()
    assert signed.sha256 == hashlib.sha256(signed.pdf).hexdigest()
    assert signed.pdf.startswith(unsigned.pdf)  # an incremental update of the issued PDF
    with pytest.raises(StateError, match="đã được ký số"):
        signatures.sign(session, office["chau"], issued.id)

    sealed = signatures.seal(session, office["vy"], issued.id, ip="10.0.0.7")
    entry = register.get_entry(session, office["an"], issued.id)
    assert entry.sent and entry.signing_label == "đã ký số cơ quan (đã phát hành)"
    assert sealed.pdf.startswith(signed.pdf) and sealed.made_by.username == "vy"
    with pytest.raises(StateError, match="đã được ký số của cơ quan"):
        signatures.seal(session, office["vy"], issued.id)

    # Decree 30's metadata went into the XMP before the signatures, and stays
    assert metadata_in(sealed.pdf) == metadata_in(unsigned.pdf) != None  # noqa: E711
    assert metadata_in(sealed.pdf).code_notation == entry.symbol
    reports = verify_pdf(sealed.pdf)
    assert [report.field for report in reports] == ["ChuKyNguoiKy", "ChuKyCoQuan"]
    assert all(report.intact and report.changes_allowed for report in reports)
    assert reports[-1].whole_file

    downloaded = signatures.download_pdf(session, office["an"], issued.id, "organisation", ip="10.0.0.5")
    assert downloaded.pdf == sealed.pdf
    assert actions(session, issued.draft_id)[-4:] == ["issue", "sign", "org_sign", "download"]
    detail = session.scalar(select(AuditEvent.detail).where(AuditEvent.action == "org_sign"))
    assert detail == f"01/KH-UBND, SHA-256 {sealed.sha256}"


@needs_office
def test_the_edxml_of_a_document_signed_twice_validates_and_reads_back(session, office, own_plan, certificates):
    """Issue 25's package of a real issued document after both signatures:
    valid by the repository's schema, read back with 0 differences, carrying
    the sealed PDF whose two signatures still verify."""
    from lxml import etree

    from docgen.edxml import SCHEMA
    from docgen.edxml import envelope as edxml
    from docgen.edxml.reader import read
    from docgen.storage import agencies, outgoing

    from .test_edxml_export import NOON, TWO_AGENCIES

    agencies.set_unit_code(session, "UBND xã Lộc Tấn", "000.00.31.H41")
    draft = drafts.create_draft(session, office["an"], {**own_plan, "recipients": TWO_AGENCIES, "urgency": "khan"})
    drafts.submit(session, office["an"], draft.id)
    drafts.approve(session, office["chau"], draft.id, confirmed=True)
    entry = register.issue(session, office["vy"], draft.id, confirmed=True)
    signatures.sign(session, office["chau"], entry.id)
    sealed = signatures.seal(session, office["vy"], entry.id)

    entry, data = outgoing.export(session, office["vy"], entry.id, now=NOON)
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    assert schema.validate(etree.fromstring(data)), schema.error_log
    package = read(data)
    assert edxml.differences(package, outgoing.envelope_of(entry, office["vy"], now=NOON)) == []
    assert [o.organ_id for o in package.recipients] == ["000.00.01.H41", "000.00.02.H41"]
    assert package.priority == 1 and package.business == edxml.NEW
    [attachment] = package.attachments
    assert attachment.data == sealed.pdf
    assert [(r.field, r.intact) for r in verify_pdf(attachment.data)] == [("ChuKyNguoiKy", True),
                                                                          ("ChuKyCoQuan", True)]


@needs_office
def test_stored_pdfs_never_change(session, office, issued):
    stored = signatures.issued_pdf(session, office["an"], issued.id)
    assert signatures.issued_pdf(session, office["vy"], issued.id).id == stored.id  # made once
    stored.pdf = b"%PDF-1.7 forged"
    with pytest.raises(ImmutableError):
        session.commit()
    session.rollback()
    for statement in ("UPDATE issued_pdfs SET sha256 = 'x'", "DELETE FROM issued_pdfs"):
        with pytest.raises(DBAPIError, match="immutable"):
            session.execute(text(statement))
        session.rollback()


@needs_office
def test_a_missing_certificate_or_passphrase_is_told_in_vietnamese(
        session, office, issued, test_ca, tmp_path, monkeypatch, caplog):
    """The signer is told to ask the administrator, without the server's
    paths or settings; the administrator finds them in the log."""
    caplog.set_level(logging.WARNING, logger="docgen.storage.signatures")
    monkeypatch.delenv("DOCGEN_SIGNING_SECRETS", raising=False)
    with pytest.raises(signatures.SigningUnavailable) as refused:
        signatures.sign(session, office["chau"], issued.id)
    assert refused.value.message == "Máy chủ chưa được cấu hình chữ ký số: hãy báo quản trị hệ thống."
    assert "chau" in caplog.text and "đặt biến môi trường DOCGEN_SIGNING_SECRETS" in caplog.text
    # chau's entry asks for its passphrase from a variable nobody set (beside the real
    # file, so that its relative paths still point at the test CA's files).
    secrets = test_ca.read_text(encoding="utf-8")
    assert 'passphrase = "mk-chau-0"' in secrets
    broken = test_ca.with_name(f"broken-{os.getpid()}-{id(tmp_path)}.toml")
    broken.write_text(secrets.replace('passphrase = "mk-chau-0"',
                                      'passphrase_env = "DOCGEN_P12_CHAU_TEST"'), encoding="utf-8")
    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(broken))
    monkeypatch.delenv("DOCGEN_P12_CHAU_TEST", raising=False)
    with pytest.raises(signatures.SigningUnavailable) as refused:
        signatures.sign(session, office["chau"], issued.id)
    assert refused.value.message == ("Chứng thư số của người dùng “chau” chưa được khai báo đủ: "
                                     "hãy báo quản trị hệ thống.")
    assert f"{broken}: mục [users.\"chau\"]: biến môi trường DOCGEN_P12_CHAU_TEST" in caplog.text
    monkeypatch.setenv("DOCGEN_P12_CHAU_TEST", "sai-mat-khau")
    with pytest.raises(signatures.SigningUnavailable) as refused:
        signatures.sign(session, office["chau"], issued.id)
    assert refused.value.message == ("Sai mật khẩu chứng thư số của người dùng “chau”: "
                                     "hãy báo quản trị hệ thống.")
    assert f"tệp {test_ca.parent / 'users' / 'chau.p12'} không phải tệp PKCS#12" in caplog.text
    entry = register.get_entry(session, office["vy"], issued.id)
    assert entry.pdf("signer") is None and "sign" not in actions(session, issued.draft_id)


@needs_office
def test_a_recalled_document_is_not_signed(session, office, issued, certificates):
    register.recall(session, office["vy"], issued.id, "Sai ngày")
    with pytest.raises(StateError, match="đã bị thu hồi"):
        signatures.sign(session, office["chau"], issued.id)
