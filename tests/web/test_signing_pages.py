"""Signing on the web, through the Flask client: only the signer named on
the document is offered "Ký số" and may use it (others 403), only the
unit's văn thư adds the organisation's signature, another unit gets 404 on
every signing URL, and a missing certificate configuration or a wrong
passphrase is told on the page in Vietnamese, with nothing stored."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from docgen import pdf
from docgen.storage.models import AuditEvent, IssuedPdf
from docgen.storage.users import create_user
from docgen.web.database import database

from ..people import PASSWORD, UNIT_A, UNIT_B
from ..people import own_plan
from .test_drafts_api import CONFIRM, User, create

ROOT = Path(__file__).resolve().parents[2]
needs_office = pytest.mark.skipif(not pdf.available(), reason="LibreOffice (soffice) is not installed")


@pytest.fixture
def login(app):
    """Unit A: drafter an, signers chau (named on the plan) and long, văn thư vy;
    unit B: signer giang, văn thư xuan."""
    with app.app_context():
        session = database()
        for username, name, role, unit in [
            ("an", "Nguyễn Văn An", "drafter", UNIT_A), ("chau", "Lê Minh Châu", "signer", UNIT_A),
            ("long", "Trương Hải Long", "signer", UNIT_A), ("vy", "Trần Thị Vy", "registrar", UNIT_A),
            ("giang", "Đỗ Giang", "signer", UNIT_B), ("xuan", "Lê Xuân", "registrar", UNIT_B),
            ("dung", "Phạm Dũng", "admin", UNIT_A),
        ]:
            create_user(session, username, name, role, unit, PASSWORD)
    return lambda username: User(app, username)


@pytest.fixture
def issued(login):
    """A plan of unit A signed by Lê Minh Châu, approved and issued: (draft id, entry id)."""
    an, chau, vy = login("an"), login("chau"), login("vy")
    draft = create(an, own_plan())
    assert an.post_form(f"/drafts/{draft}/submit").status_code == 302
    assert chau.post_form(f"/drafts/{draft}/approve", CONFIRM).status_code == 302
    assert vy.post_form(f"/drafts/{draft}/issue", CONFIRM).status_code == 302
    page = vy.get(f"/drafts/{draft}/review").get_data(as_text=True)
    return draft, int(re.search(r"/register/(\d+)/download\.docx", page).group(1))


def stored_pdfs(app) -> list[str]:
    with app.app_context():
        return list(database().scalars(select(IssuedPdf.step).order_by(IssuedPdf.id)))


def test_only_the_named_signer_and_the_registrar_are_offered_and_may_sign(app, login, issued):
    draft, entry = issued
    chau_page = login("chau").get(f"/drafts/{draft}/review").get_data(as_text=True)
    assert 'id="sign"' in chau_page and 'id="signing-state">đã cấp số<' in chau_page
    for name in ("an", "long", "vy"):
        person = login(name)
        for url in (f"/drafts/{draft}/review", f"/drafts/{draft}"):
            assert 'id="sign"' not in person.get(url).get_data(as_text=True)
        refused = person.post_form(f"/register/{entry}/sign")
        assert refused.status_code == 403 and "do Lê Minh Châu ký" in refused.get_data(as_text=True)
    for name in ("an", "chau", "long"):
        assert login(name).post_form(f"/register/{entry}/seal").status_code == 403
    # The văn thư is offered nothing before the signer has signed, and is refused.
    assert 'id="seal"' not in login("vy").get(f"/drafts/{draft}/review").get_data(as_text=True)
    early = login("vy").post_form(f"/register/{entry}/seal")
    assert early.status_code == 409 and "chưa có chữ ký số của người ký" in early.get_data(as_text=True)
    for name in ("giang", "xuan"):
        other = login(name)
        for url in (f"/register/{entry}/sign", f"/register/{entry}/seal"):
            assert other.post_form(url).status_code == 404
        for step in ("issued", "signer", "organisation"):
            assert other.get(f"/register/{entry}/{step}.pdf").status_code == 404
    assert login("vy").get(f"/register/{entry}/scan.pdf").status_code == 404
    assert login("vy").get(f"/register/{entry}/signer.pdf").status_code == 409  # not signed yet
    assert stored_pdfs(app) == []


def flash_errors(page: str) -> list[str]:
    return re.findall(r'<p class="flash flash-error"[^>]*>(.*?)</p>', page, re.S)


def test_a_missing_configuration_is_told_on_the_page(app, login, issued, monkeypatch, caplog):
    draft, entry = issued
    monkeypatch.delenv("DOCGEN_SIGNING_SECRETS", raising=False)
    chau = login("chau")
    response = chau.post_form(f"/register/{entry}/sign")
    assert response.status_code == 302
    page = chau.get(response.headers["Location"]).get_data(as_text=True)
    assert "Máy chủ chưa được cấu hình chữ ký số: hãy báo quản trị hệ thống." in page
    assert "DOCGEN_SIGNING_SECRETS" not in page
    assert "DOCGEN_SIGNING_SECRETS" in caplog.text  # for the administrator
    assert 'id="signing-state">đã cấp số<' in page and 'id="sign"' in page
    assert stored_pdfs(app) == []


def test_an_officer_without_a_certificate_is_told_to_ask_the_administrator(
        app, login, issued, test_ca, monkeypatch, caplog):
    """Told in Vietnamese, without the server's paths or English; the
    administrator gets the login and the file to complete in the log."""
    draft, entry = issued
    secrets = test_ca.with_name(f"without-chau-{draft}-{entry}-{id(app)}.toml")
    secrets.write_text(test_ca.read_text(encoding="utf-8").replace('[users."chau"]', '[users."chau.cu"]'),
                       encoding="utf-8")
    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(secrets))
    caplog.set_level(logging.WARNING, logger="docgen.storage.signatures")
    chau = login("chau")
    page = chau.get(chau.post_form(f"/register/{entry}/sign").headers["Location"]).get_data(as_text=True)
    message = ("Chưa có chứng thư số cho tài khoản “chau”: hãy đề nghị quản trị hệ thống cấp "
               "chứng thư số.")
    assert flash_errors(page) == [message]
    assert str(test_ca.parent) not in page and ".toml" not in page and ".p12" not in page
    assert f'signing refused for chau (signer, {UNIT_A}): Chưa có chứng thư số cho người dùng ' \
           f'“chau”: thêm mục [users."chau"] vào {secrets}' in caplog.text
    assert stored_pdfs(app) == []


@needs_office
def test_a_wrong_passphrase_is_told_on_the_page(app, login, issued, test_ca, monkeypatch):
    draft, entry = issued
    secrets = test_ca.read_text(encoding="utf-8")
    broken = test_ca.with_name("wrong-passphrase.toml")
    broken.write_text(secrets.replace('passphrase = "mk-chau-0"', 'passphrase = "sai-mat-khau"'),
                      encoding="utf-8")
    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(broken))
    chau = login("chau")
    page = chau.get(chau.post_form(f"/register/{entry}/sign").headers["Location"]).get_data(as_text=True)
    assert "Sai mật khẩu chứng thư số của người dùng “chau”" in page
    assert stored_pdfs(app) == ["issued"]  # the PDF of the issued .docx, not signed

    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(test_ca))
    chau.post_form(f"/register/{entry}/sign")
    vy = login("vy")
    page = vy.get(vy.post_form(f"/register/{entry}/seal").headers["Location"]).get_data(as_text=True)
    assert "đã phát hành" in page and stored_pdfs(app) == ["issued", "signer", "organisation"]
    register = vy.get("/register").get_data(as_text=True)
    assert "đã ký số cơ quan (đã phát hành)" in register
    assert f"/register/{entry}/organisation.pdf" in register
    response = login("an").get(f"/register/{entry}/organisation.pdf")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert response.headers["Content-Disposition"].endswith('-da-phat-hanh.pdf"')
    with app.app_context():
        rows = list(database().execute(select(AuditEvent.username, AuditEvent.action)
                                       .where(AuditEvent.draft_id == draft).order_by(AuditEvent.id)))
    assert rows[-4:] == [("vy", "issue"), ("chau", "sign"), ("vy", "org_sign"), ("an", "download")]


def test_the_administrator_sees_each_signing_method(app, login):
    from docgen.storage.signing_methods import set_method

    with app.app_context():
        set_method(database(), "chau", "token", serial="CCCD:079090000001")
        set_method(database(), UNIT_A, "hsm", provider="may-chu")
        set_method(database(), "giang", "csc", provider="vnpt", credential="g-1")  # unit B
    page = login("dung").get("/audit").get_data(as_text=True)
    table = page[page.index('id="signing-methods"'):]
    assert "Lê Minh Châu (chau)" in table and "thiết bị ký số (USB token)" in table
    assert "serial CCCD:079090000001" in table
    assert UNIT_A in table and "HSM trên máy chủ" in table and "may-chu" in table
    assert "Đỗ Giang" not in table  # another unit's
