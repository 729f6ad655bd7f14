"""Certificates per user and per unit from the secrets file, and what is
refused: an account without one, a wrong passphrase, an expired
certificate, another person's certificate, signatures out of order."""

from __future__ import annotations

import pytest

from docgen.signing import SigningError
from docgen.signing.identities import for_unit, for_user, load_secrets, open_key
from docgen.signing.sign import sign_pdf

from .conftest import needs_office


def test_identity_is_looked_up_by_login(secrets):
    chau, giang = for_user("chau", secrets), for_user("Giang ", secrets)
    assert chau.p12.name == "chau.p12" and giang.p12.name == "giang.p12"
    assert open_key(chau).common_name == "Lê Minh Châu"
    assert "mk-" not in repr(chau)  # the passphrase is kept out of logs


def test_identity_from_the_environment(secrets_env):
    assert for_unit("UBND  xã Lộc Tấn").name == "Ủy ban nhân dân xã Lộc Tấn"


def test_missing_configuration_says_what_to_do(secrets, monkeypatch, tmp_path):
    with pytest.raises(SigningError, match=r'Chưa có chứng thư số cho người dùng “an”.*\[users\."an"\]'):
        for_user("an", secrets)
    with pytest.raises(SigningError, match="Chưa có chứng thư số cho đơn vị “UBND xã Khác”"):
        for_unit("UBND xã Khác", secrets)
    monkeypatch.delenv("DOCGEN_SIGNING_SECRETS", raising=False)
    with pytest.raises(SigningError, match="DOCGEN_SIGNING_SECRETS"):
        for_user("chau")
    with pytest.raises(SigningError, match="không có tệp khai báo"):
        load_secrets(tmp_path / "none.toml")


ENGLISH = ("not set", "not found", "configured", "missing", "passphrase", "certificate", "file")


def test_the_signers_message_has_no_path_no_setting_and_no_english(secrets, ca_folder, tmp_path,
                                                                    monkeypatch):
    """What a page shows (``message``) tells the person signing to ask the
    administrator; what the administrator needs (``detail``) names the file."""
    broken = with_entry(ca_folder, tmp_path, '[users."mat"]\np12 = "users/khong-co.p12"\n'
                        'passphrase = "x"\nimage = "users/chau-chu-ky.png"\n'
                        '[users."sai"]\np12 = "users/chau.p12"\npassphrase = "khong-dung"\n'
                        'image = "users/chau-chu-ky.png"\n')
    monkeypatch.delenv("DOCGEN_SIGNING_SECRETS", raising=False)
    refusals = []
    for attempt in (lambda: for_user("chau"), lambda: for_user("an", secrets),
                    lambda: for_unit("UBND xã Khác", secrets),
                    lambda: open_key(for_user("mat", broken)), lambda: open_key(for_user("sai", broken)),
                    lambda: open_key(for_user("het.han", secrets)),
                    lambda: load_secrets(tmp_path / "none.toml")):
        with pytest.raises(SigningError) as refused:
            attempt()
        refusals.append(refused.value)
    for error in refusals:
        assert "hãy báo quản trị hệ thống" in error.message or "hãy đề nghị quản trị hệ thống" \
            in error.message, error.message
        assert str(ca_folder) not in error.message and str(tmp_path) not in error.message
        assert "users/" not in error.message and ".toml" not in error.message
        assert "DOCGEN_" not in error.message and ".p12" not in error.message
        assert not any(word in error.message.lower() for word in ENGLISH), error.message
    assert str(ca_folder / "users" / "khong-co.p12") in refusals[3].detail
    assert str(tmp_path / "none.toml") in str(refusals[-1])


def with_entry(ca_folder, tmp_path, extra: str):
    text = (ca_folder / "signing.toml").read_text(encoding="utf-8") + extra
    path = ca_folder / f"signing-{tmp_path.name}.toml"  # beside the files it names
    path.write_text(text, encoding="utf-8")
    return load_secrets(path)


def test_wrong_passphrase(ca_folder, tmp_path):
    secrets = with_entry(ca_folder, tmp_path, '[users."sai"]\np12 = "users/chau.p12"\n'
                         'passphrase = "khong-dung"\nimage = "users/chau-chu-ky.png"\n')
    with pytest.raises(SigningError, match="Sai mật khẩu chứng thư số của người dùng “sai”"):
        open_key(for_user("sai", secrets))


def test_passphrase_from_the_environment(ca_folder, tmp_path, monkeypatch):
    secrets = with_entry(ca_folder, tmp_path, '[users."env"]\np12 = "users/chau.p12"\n'
                         'passphrase_env = "P12_ENV"\nimage = "users/chau-chu-ky.png"\n')
    with pytest.raises(SigningError, match="biến môi trường P12_ENV"):
        for_user("env", secrets)
    monkeypatch.setenv("P12_ENV", "mk-chau-0")
    assert open_key(for_user("env", secrets)).common_name == "Lê Minh Châu"


def test_missing_certificate_file(ca_folder, tmp_path):
    secrets = with_entry(ca_folder, tmp_path, '[users."mat"]\np12 = "users/khong-co.p12"\n'
                         'passphrase = "x"\nimage = "users/chau-chu-ky.png"\n')
    with pytest.raises(SigningError, match="Không tìm thấy tệp chứng thư số của người dùng “mat”"):
        open_key(for_user("mat", secrets))


def test_expired_certificate(secrets):
    with pytest.raises(SigningError, match="đã hết hạn"):
        open_key(for_user("het.han", secrets))


@needs_office
def test_a_signer_cannot_sign_with_another_users_certificate(sample_pdfs, secrets):
    # Sample 002 is signed by Trương Hải Long; Lê Minh Châu's certificate is refused,
    # also when the caller names the document's signer.
    with pytest.raises(SigningError, match="không phải người ký “Trương Hải Long”"):
        sign_pdf(sample_pdfs["002"], for_user("chau", secrets), "signer",
                 signer_name="Trương Hải Long")
    with pytest.raises(SigningError, match="Không tìm thấy tên người ký “Lê Minh Châu”"):
        sign_pdf(sample_pdfs["002"], for_user("chau", secrets), "signer")


@needs_office
def test_signatures_in_decree_order(sample_pdfs, secrets):
    with pytest.raises(SigningError, match="chưa có chữ ký số của người ký"):
        sign_pdf(sample_pdfs["002"], for_unit("UBND tỉnh Gia Lai", secrets), "organisation")
    once = sign_pdf(sample_pdfs["002"], for_user("long", secrets), "signer")
    with pytest.raises(SigningError, match="đã có chữ ký số của người ký"):
        sign_pdf(once, for_user("long", secrets), "signer")
    with pytest.raises(SigningError, match="của đơn vị “UBND tỉnh Gia Lai” không dùng để ký "
                                           "với vai trò người ký"):
        sign_pdf(sample_pdfs["002"], for_unit("UBND tỉnh Gia Lai", secrets), "signer")
    with pytest.raises(SigningError, match="không dùng để ký với vai trò cơ quan"):
        sign_pdf(once, for_user("long", secrets), "organisation")
    with pytest.raises(SigningError, match="Vai trò ký “boss”"):
        sign_pdf(once, for_user("long", secrets), "boss")
