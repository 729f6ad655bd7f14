"""Ký số for any account of the demo: `docgen users add` gives a new signing
officer and a new unit a test certificate of the demo CA, and `docgen
signing demo-identity` gives one to an account or unit made before; a
secrets file that is not a demo CA (real certificates) is never written."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.cli.signing import _demo_ca as cli_demo_ca
from docgen.signing import SigningError
from docgen.signing.demo_ca import add_unit, add_user, open_demo
from docgen.signing.identities import for_unit, for_user, load_secrets, open_key
from docgen.signing.sign import sign_pdf
from docgen.signing.verify import trusted_roots, verify_pdf

from .conftest import needs_office

PASSWORD = "mat-khau-du-dai\n"
NEW_UNIT = "UBND xã Tân Mới"


@pytest.fixture
def demo(test_ca, tmp_path) -> Path:
    """A copy of the session's test CA that a test may add to: its secrets file."""
    shutil.copytree(test_ca.parent, tmp_path / "ca")
    return tmp_path / "ca" / "signing.toml"


@pytest.fixture
def cli(tmp_path, demo, monkeypatch):
    """``docgen …`` on a database of its own, with the demo CA configured."""
    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(demo))
    url = f"sqlite:///{tmp_path / 'docgen.sqlite3'}"

    def run(*args: str, password: bool = False):
        return CliRunner().invoke(main, [*args, "--database-url", url],
                                  input=PASSWORD if password else None)
    return run


def users_add(cli, login: str, full_name: str, role: str, unit: str):
    return cli("users", "add", login, "--name", full_name, "--role", role, "--unit", unit,
               "--password-stdin", password=True)


@needs_office
@pytest.mark.slow  # sample 002's PDF, made by LibreOffice
def test_a_new_officer_and_unit_sign_with_their_test_certificates(cli, demo, sample_pdfs, signers):
    """Sample 002's signer, as a new account of a new unit: both signatures
    are made and verify against the demo CA."""
    result = users_add(cli, "long.moi", "Trương Hải Long", "signer", NEW_UNIT)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == (
        f"Đã cấp chứng thư số thử nghiệm (CA thử nghiệm {demo.parent}) cho người dùng “long.moi” "
        f"(Trương Hải Long) và đơn vị “{NEW_UNIT}”.")
    secrets = load_secrets(demo)
    when = dt.datetime(2026, 12, 3, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7)))
    once = sign_pdf(sample_pdfs["002"], for_user("long.moi", secrets), "signer", when,
                    authority=signers["002"].authority)
    twice = sign_pdf(once, for_unit(NEW_UNIT, secrets), "organisation", when)
    reports = verify_pdf(twice, trusted_roots(list(secrets.trusted)))
    assert [(r.signer, r.ok) for r in reports] == [("Trương Hải Long", True),
                                                   ("Ủy ban nhân dân xã Tân Mới", True)]


def test_users_add_gives_a_unit_certificate_to_any_role_and_a_personal_one_to_officers(cli, demo):
    result = users_add(cli, "vy.moi", "Trần Thị Vy", "registrar", NEW_UNIT)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].endswith(f"cho đơn vị “{NEW_UNIT}”.")
    result = users_add(cli, "an.moi", "Nguyễn Văn An", "drafter", NEW_UNIT)
    assert result.output.splitlines() == [f"an.moi: Nguyễn Văn An, chuyên viên, {NEW_UNIT}"]
    secrets = load_secrets(demo)
    assert set(secrets.units) >= {NEW_UNIT, "UBND xã Lộc Tấn"} and "vy.moi" not in secrets.users
    assert open_key(for_unit(NEW_UNIT, secrets)).common_name == "Ủy ban nhân dân xã Tân Mới"


def test_demo_identity_for_an_account_or_unit_made_before(cli, demo, monkeypatch):
    monkeypatch.delenv("DOCGEN_SIGNING_SECRETS")
    assert users_add(cli, "vy.moi", "Trần Thị Vy", "registrar", "UBND xã Khác").exit_code == 0
    assert users_add(cli, "tuan", "Phạm Anh Tuấn", "signer", "UBND xã Khác").exit_code == 0
    assert not (set(load_secrets(demo).users) & {"tuan", "vy.moi"})
    with pytest.raises(SigningError, match="Chưa có chứng thư số cho người dùng “tuan”"):
        for_user("tuan", load_secrets(demo))
    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(demo))
    result = cli("signing", "demo-identity", "tuan", "UBND xã Khác")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"Đã cấp chứng thư số thử nghiệm (CA thử nghiệm {demo.parent}) cho người dùng “tuan” "
        "(Phạm Anh Tuấn) và đơn vị “UBND xã Khác”.",
        "Đơn vị “UBND xã Khác” đã có chứng thư số."]
    assert open_key(for_user("tuan", load_secrets(demo))).common_name == "Phạm Anh Tuấn"
    again = cli("signing", "demo-identity", "tuan")
    assert again.output == "Người dùng “tuan” đã có chứng thư số.\n"
    unknown = cli("signing", "demo-identity", "khong.co")
    assert unknown.exit_code == 2
    assert "“khong.co”: không có tài khoản hay đơn vị này" in unknown.output


def test_a_missing_certificate_names_the_demo_command_for_the_administrator(demo):
    with pytest.raises(SigningError) as refused:
        for_user("moi", load_secrets(demo))
    assert refused.value.message == ("Chưa có chứng thư số cho tài khoản “moi”: hãy đề nghị quản trị "
                                     "hệ thống cấp chứng thư số.")
    assert refused.value.detail.endswith('(CA thử nghiệm: docgen signing demo-identity "moi").')


def test_real_certificates_are_never_written_beside(cli, demo, tmp_path, monkeypatch):
    """A secrets file without ``demo = true`` and the demo CA's own key is
    not touched: not by `users add`, not by `signing demo-identity`."""
    real = tmp_path / "real"
    real.mkdir()
    shutil.copy(demo.parent / "ca.pem", real / "ca.pem")
    shutil.copytree(demo.parent / "users", real / "users")
    text = demo.read_text(encoding="utf-8").replace("demo = true\n", "")
    (real / "signing.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("DOCGEN_SIGNING_SECRETS", str(real / "signing.toml"))
    result = users_add(cli, "tuan", "Phạm Anh Tuấn", "signer", NEW_UNIT)
    assert result.exit_code == 0 and result.output == f"tuan: Phạm Anh Tuấn, lãnh đạo, {NEW_UNIT}\n"
    refused = cli("signing", "demo-identity", "tuan")
    assert refused.exit_code == 1
    assert "CA thử nghiệm này không có khóa" in refused.output  # the demo's CA, without its key
    (real / "ca.pem").write_bytes((demo.parent / "ca.pem").read_bytes().replace(b"M", b"N", 1))
    assert "không phải CA thử nghiệm của docgen" in cli("signing", "demo-identity", "tuan").output
    assert (real / "signing.toml").read_text(encoding="utf-8") == text
    assert sorted(path.name for path in real.rglob("*")) == sorted(
        ["ca.pem", "signing.toml", "users", *(path.name for path in (demo.parent / "users").iterdir())])
    with pytest.raises(SigningError, match="không phải CA thử nghiệm của docgen"):
        add_user(real / "signing.toml", "x", "X")
    with pytest.raises(SigningError, match="không phải CA thử nghiệm của docgen"):
        add_unit(real / "signing.toml", "UBND xã X")


def test_the_instance_demo_ca_serves_only_the_instance_database(demo, tmp_path, monkeypatch):
    """Without DOCGEN_SIGNING_SECRETS, new accounts of the instance's own
    database get certificates from instance/signing/ (scripts/run.sh's),
    never accounts of another database."""
    import docgen.base.package_data

    instance = tmp_path / "instance"
    shutil.copytree(demo.parent, instance / "signing")
    monkeypatch.setattr(docgen.base.package_data, "instance_dir", lambda: instance)
    monkeypatch.delenv("DOCGEN_SIGNING_SECRETS", raising=False)
    assert cli_demo_ca(None) == instance / "signing" / "signing.toml"
    assert cli_demo_ca(f"sqlite:///{tmp_path / 'other.sqlite3'}") is None
    assert open_demo(instance / "signing" / "signing.toml").cert.subject == \
        open_demo(demo).cert.subject
