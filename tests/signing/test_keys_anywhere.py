"""Signing in two steps with the key elsewhere (docgen.signing.two_step):
a SoftHSM token signs the prepared digest (RSA PKCS#1 v1.5 or PSS), the
test CA's TSA timestamps the signature (PAdES B-T), its CRL and OCSP
answers go into the DSS (B-LT); `verify_pdf` reports the level, the
timestamp and the revocation status. Refused: a wrong PIN, another key's
signature, a TSA that does not answer, a certificate revoked before the
timestamp."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest

from docgen.signing import SigningError
from docgen.signing.identities import for_unit, for_user
from docgen.signing.long_term import REVOKED
from docgen.signing.sign import Finishing, finish_signature, prepare_signature
from docgen.signing.timestamps import TSA_DOWN
from docgen.signing.two_step import NOT_MATCHING
from docgen.signing.token import WRONG_PIN, certificates, sign_digest
from docgen.signing.verify import trusted_roots, verify_pdf

from ..conftest import CHAU_PIN, GIANG_PIN, HSM_PIN
from .conftest import WHEN, needs_office

pytestmark = [needs_office, pytest.mark.slow]


@pytest.fixture(scope="module")
def roots(ca_folder):
    return trusted_roots([ca_folder / "ca.pem"])


def token_sign(tokens, label: str, pin: str):
    token, _ = tokens[label]
    key = certificates(token.module, token.label)[0]
    return lambda digest, algorithm: sign_digest(token.module, token.label, key.key_id, pin,
                                                 digest, algorithm)


def signed_by_token(pdf, tokens, secrets, signers, finishing, label="chau", pin=CHAU_PIN,
                    algorithm="rsa-pkcs1"):
    prepared = prepare_signature(pdf, "signer", tokens[label][1], for_user("long", secrets).image,
                                 WHEN, signer_name=signers["002"].name,
                                 authority=signers["002"].authority, algorithm=algorithm)
    return finish_signature(prepared, token_sign(tokens, label, pin)(prepared.digest, algorithm),
                            finishing)


def signature_algorithm(pdf: bytes, index: int = 0) -> str:
    from pyhanko.pdf_utils.reader import PdfFileReader

    signature = PdfFileReader(BytesIO(pdf)).embedded_signatures[index]
    return signature.signer_info["signature_algorithm"]["algorithm"].native


def test_token_pss_signature_timestamped_is_b_t(sample_pdfs, tokens, secrets, signers, pki, roots):
    before = dt.datetime.now(dt.timezone.utc)
    signed = signed_by_token(sample_pdfs["002"], tokens, secrets, signers,
                             Finishing(tsa_url=pki.tsa_url), algorithm="rsa-pss")
    assert signature_algorithm(signed) == "rsassa_pss"
    [report] = verify_pdf(signed, roots, online=True)
    assert report.ok, report.problems
    assert (report.signer, report.level, report.timestamp_ok) == ("Lê Minh Châu", "B-T", True)
    assert report.timestamp_authority.startswith("docgen test TSA")
    assert before - dt.timedelta(seconds=5) <= report.timestamp_time <= dt.datetime.now(dt.timezone.utc)
    assert report.when == WHEN  # the time the signature states, beside the TSA's
    assert report.revocation.status == "good" and not report.revocation.embedded  # fetched CRL


def test_b_lt_then_the_hsm_seal_keep_both_valid(sample_pdfs, tokens, secrets, signers, pki, roots):
    finishing = Finishing(tsa_url=pki.tsa_url, long_term=True, trusted=tuple(roots))
    once = signed_by_token(sample_pdfs["002"], tokens, secrets, signers, finishing)
    assert signature_algorithm(once) == "sha256_rsa"
    [report] = verify_pdf(once, roots, online=False)
    assert report.ok and report.level == "B-LT", report.problems
    assert report.revocation.status == "good" and report.revocation.embedded
    prepared = prepare_signature(once, "organisation", tokens["hsm"][1],
                                 for_unit("UBND xã Lộc Tấn", secrets).image, WHEN)
    twice = finish_signature(prepared, token_sign(tokens, "hsm", HSM_PIN)(prepared.digest, "rsa-pkcs1"),
                             finishing)
    reports = verify_pdf(twice, roots, online=False)
    assert [(r.field, r.level, r.ok) for r in reports] == [
        ("ChuKyNguoiKy", "B-LT", True), ("ChuKyCoQuan", "B-LT", True)], [r.problems for r in reports]


def test_a_wrong_pin_and_another_keys_signature_are_refused(sample_pdfs, tokens, secrets, signers):
    with pytest.raises(SigningError) as wrong:
        signed_by_token(sample_pdfs["002"], tokens, secrets, signers, Finishing(), pin="000000")
    assert wrong.value.message == WRONG_PIN
    prepared = prepare_signature(sample_pdfs["002"], "signer", tokens["chau"][1],
                                 for_user("long", secrets).image, WHEN,
                                 signer_name=signers["002"].name)
    other = token_sign(tokens, "giang", GIANG_PIN)(prepared.digest, "rsa-pkcs1")
    with pytest.raises(SigningError) as mismatch:
        finish_signature(prepared, other)
    assert mismatch.value.message == NOT_MATCHING


def test_a_tsa_that_does_not_answer_stops_the_signature(sample_pdfs, tokens, secrets, signers, pki):
    pki.tsa_answers = False
    try:
        with pytest.raises(SigningError) as down:
            signed_by_token(sample_pdfs["002"], tokens, secrets, signers, Finishing(tsa_url=pki.tsa_url))
    finally:
        pki.tsa_answers = True
    assert down.value.message == TSA_DOWN and pki.tsa_url in down.value.detail
    with pytest.raises(SigningError) as closed:  # nothing listening at all
        signed_by_token(sample_pdfs["002"], tokens, secrets, signers,
                        Finishing(tsa_url="http://127.0.0.1:9/tsa"))
    assert closed.value.message == TSA_DOWN


def test_a_certificate_revoked_before_the_timestamp_is_refused(sample_pdfs, secrets, signers, pki,
                                                                roots, ca_folder):
    from cryptography.hazmat.primitives.serialization import Encoding

    from docgen.signing.algorithms import sign_digest as sign_with_key

    def signed_with(key, cert, finishing):
        chain = (cert.public_bytes(Encoding.DER), pki.ca.cert.public_bytes(Encoding.DER))
        prepared = prepare_signature(sample_pdfs["002"], "signer", chain,
                                     for_user("long", secrets).image, WHEN,
                                     authority=signers["002"].authority)
        return finish_signature(prepared, sign_with_key(key, prepared.digest, "rsa-pkcs1"), finishing)

    early_key, early = pki.issue("Trương Hải Long")
    late_key, late = pki.issue("Trương Hải Long")
    finishing = Finishing(tsa_url=pki.tsa_url)
    early_pdf, late_pdf = signed_with(early_key, early, finishing), signed_with(late_key, late, finishing)
    [stamped] = verify_pdf(late_pdf, roots, online=True)
    pki.revoke(early, dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1))
    pki.revoke(late, stamped.timestamp_time + dt.timedelta(seconds=5))
    [refused] = verify_pdf(early_pdf, roots, online=True)
    assert not refused.ok and refused.revocation.status == "revoked"
    assert any("đã bị thu hồi" in problem and "trước thời điểm ký" in problem
               for problem in refused.problems)
    [kept] = verify_pdf(late_pdf, roots, online=True)  # revoked after its timestamp: still valid
    assert kept.ok and kept.revocation.status == "revoked", kept.problems
    with pytest.raises(SigningError) as revoked:  # B-LT: the revocation is found when signing
        signed_with(early_key, early, Finishing(tsa_url=pki.tsa_url, long_term=True,
                                                trusted=tuple(roots)))
    assert revoked.value.message == REVOKED
