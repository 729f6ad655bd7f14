"""Signing in two steps through the storage (docgen.storage.signatures),
with the methods an administrator sets (docgen.storage.signing_methods):
refusals leave nothing signed behind: a token certificate of another
person, a TSA that does not answer, a refusal and a time-out on the
phone (CSC); then the token's and the HSM's signatures are stored and
verify. A user without a method and without a PKCS#12 file is told to ask
the administrator."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from docgen import pdf
from docgen.signing import csc as csc_client
from docgen.signing.timestamps import TSA_DOWN
from docgen.signing.token import certificates, sign_digest
from docgen.signing.verify import trusted_roots, verify_pdf
from docgen.storage import db, register, signatures
from docgen.storage.drafts import create_draft
from docgen.storage.errors import StateError
from docgen.storage.models import IssuedPdf, SigningRequest
from docgen.storage.signing_methods import set_method
from docgen.storage.users import create_user

from ..conftest import CHAU_PIN, HSM_PIN
from ..people import PASSWORD, UNIT_A, own_plan

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not pdf.available(), reason="LibreOffice (soffice) is not installed")]


@pytest.fixture
def session(tmp_path, migrated_sqlite):
    import shutil

    shutil.copyfile(migrated_sqlite, tmp_path / "db.sqlite3")
    engine = db.make_engine(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with db.make_sessionmaker(engine)() as session:
        yield session
    engine.dispose()


@pytest.fixture
def secrets_file(test_ca, pki, csc, tokens, monkeypatch):
    text = test_ca.read_text(encoding="utf-8").replace(
        'trusted = ["ca.pem"]', f'trusted = ["ca.pem"]\ntsa = "{pki.tsa_url}"')
    text += (f'\n[csc."thu-nghiem"]\nurl = "{csc.base_url}"\nclient_id = "docgen"\n'
             'client_secret = "bi-mat"\n'
             f'\n[hsm."may-chu"]\nmodule = "{tokens["hsm"][0].module}"\ntoken = "hsm"\n'
             'pin_env = "DOCGEN_TEST_HSM_PIN"\n')
    path = test_ca.with_name("flows.toml")
    path.write_text(text, encoding="utf-8")
    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(path))
    monkeypatch.setenv("DOCGEN_TEST_HSM_PIN", HSM_PIN)
    return path


def steps(session) -> list[str]:
    return list(session.scalars(select(IssuedPdf.step).order_by(IssuedPdf.id)))


def token_signature(tokens, label, pin, started) -> bytes:
    token, _ = tokens[label]
    key = certificates(token.module, token.label)[0]
    return sign_digest(token.module, token.label, key.key_id, pin, started.digest, started.algorithm)


def test_refusals_leave_nothing_signed_then_token_and_phone_sign(session, secrets_file, tokens, pki,
                                                                 csc, test_ca):
    an = create_user(session, "an", "Nguyễn Văn An", "drafter", UNIT_A, PASSWORD)
    chau = create_user(session, "chau", "Lê Minh Châu", "signer", UNIT_A, PASSWORD)
    vy = create_user(session, "vy", "Trần Thị Vy", "registrar", UNIT_A, PASSWORD)
    draft = create_draft(session, an, own_plan())
    from docgen.storage.drafts import approve, submit

    submit(session, an, draft.id)
    approve(session, chau, draft.id, confirmed=True)
    entry = register.issue(session, vy, draft.id, confirmed=True)
    set_method(session, "chau", "token", serial="CCCD:079090000001")
    set_method(session, UNIT_A, "csc", provider="thu-nghiem", credential="seal-loc-tan")

    # Another person's token (Đỗ Giang's certificate): refused before anything is prepared.
    with pytest.raises(signatures.SigningUnavailable, match="không phải của Lê Minh Châu"):
        signatures.start(session, chau, entry.id, "signer", chains=[tokens["giang"][1]])
    assert session.scalars(select(SigningRequest)).all() == []

    # The TSA does not answer: the signature is not stored.
    started = signatures.start(session, chau, entry.id, "signer",
                               chains=[tokens["giang"][1], tokens["chau"][1]])
    assert started.method == "token" and len(started.digest) == 32
    pki.tsa_answers = False
    try:
        with pytest.raises(signatures.SigningUnavailable) as down:
            signatures.finish_with(session, chau, started.request_id,
                                   token_signature(tokens, "chau", CHAU_PIN, started))
    finally:
        pki.tsa_answers = True
    assert down.value.message == TSA_DOWN and steps(session) == ["issued"]

    # Signed: timestamped, verified, stored; the request is done.
    started = signatures.start(session, chau, entry.id, "signer", chains=[tokens["chau"][1]])
    stored = signatures.finish_with(session, chau, started.request_id,
                                    token_signature(tokens, "chau", CHAU_PIN, started))
    assert steps(session) == ["issued", "signer"]
    with pytest.raises(StateError):  # one signature per request
        signatures.finish_with(session, chau, started.request_id, b"x")
    roots = trusted_roots([test_ca.parent / "ca.pem"])
    [report] = verify_pdf(stored.pdf, roots)
    assert report.ok and report.level == "B-T"

    # The phone refuses; then the request times out; nothing is stored.
    waiting = signatures.start(session, vy, entry.id, "organisation")
    assert waiting.method == "csc" and waiting.seconds == 60
    progress = signatures.poll(session, vy, waiting.request_id)
    assert progress.state == "waiting" and 0 < progress.seconds <= 60
    csc.refuse(csc.pending())
    progress = signatures.poll(session, vy, waiting.request_id)
    assert (progress.state, progress.message) == ("refused", csc_client.REFUSED)
    csc.expires_in = 1
    try:
        late = signatures.start(session, vy, entry.id, "organisation")
        time.sleep(1.5)
        progress = signatures.poll(session, vy, late.request_id)
    finally:
        csc.expires_in = 60
    assert (progress.state, progress.message) == ("expired", csc_client.EXPIRED)
    cancelled = signatures.start(session, vy, entry.id, "organisation")
    signatures.cancel(session, vy, cancelled.request_id)
    assert signatures.poll(session, vy, cancelled.request_id).state == "cancelled"
    assert steps(session) == ["issued", "signer"]

    # Confirmed on the phone: sealed, both signatures valid.
    confirmed = signatures.start(session, vy, entry.id, "organisation")
    csc.confirm(csc.pending())
    progress = signatures.poll(session, vy, confirmed.request_id)
    assert progress.state == "done" and steps(session) == ["issued", "signer", "organisation"]
    reports = verify_pdf(progress.stored.pdf, roots)
    assert [(r.field, r.ok, r.level) for r in reports] == [
        ("ChuKyNguoiKy", True, "B-T"), ("ChuKyCoQuan", True, "B-T")]


def test_the_hsm_seals_at_once_and_an_officer_without_a_method_asks_the_admin(
        session, secrets_file, tokens, test_ca):
    import tomllib

    image = tomllib.loads(test_ca.read_text(encoding="utf-8"))["users"]["chau"]["image"]
    with secrets_file.open("a", encoding="utf-8") as file:
        file.write(f'\n[users."chau.hai"]\nimage = "{image}"\n')
    an = create_user(session, "an", "Nguyễn Văn An", "drafter", UNIT_A, PASSWORD)
    chau = create_user(session, "chau", "Lê Minh Châu", "signer", UNIT_A, PASSWORD)
    namesake = create_user(session, "chau.hai", "Lê Minh Châu", "signer", UNIT_A, PASSWORD)
    vy = create_user(session, "vy", "Trần Thị Vy", "registrar", UNIT_A, PASSWORD)
    draft = create_draft(session, an, own_plan())
    from docgen.storage.drafts import approve, submit

    submit(session, an, draft.id)
    approve(session, chau, draft.id, confirmed=True)
    entry = register.issue(session, vy, draft.id, confirmed=True)
    # The other Lê Minh Châu of the unit: no method yet, then a token of his own that is not hers.
    with pytest.raises(signatures.SigningUnavailable) as missing:
        signatures.start(session, namesake, entry.id, "signer", chains=[tokens["chau"][1]])
    assert missing.value.message == ("Chưa có cách ký số cho tài khoản “chau.hai”: hãy đề nghị "
                                     "quản trị hệ thống cấu hình cách ký số.")
    set_method(session, "chau.hai", "token", certificate=tokens["giang"][1][0])
    with pytest.raises(signatures.SigningUnavailable, match="không phải của Lê Minh Châu"):
        signatures.start(session, namesake, entry.id, "signer", chains=[tokens["chau"][1]])
    assert steps(session) == ["issued"]
    # chau signs with her PKCS#12 file of the test CA (no method set), the HSM seals.
    assert signatures.start(session, chau, entry.id, "signer").stored is not None
    set_method(session, UNIT_A, "hsm", provider="may-chu")
    sealed = signatures.start(session, vy, entry.id, "organisation").stored
    assert sealed is not None and steps(session) == ["issued", "signer", "organisation"]
    reports = verify_pdf(sealed.pdf, trusted_roots([test_ca.parent / "ca.pem"]))
    assert [(r.field, r.ok, r.level) for r in reports] == [
        ("ChuKyNguoiKy", True, "B-T"), ("ChuKyCoQuan", True, "B-T")], [r.problems for r in reports]
