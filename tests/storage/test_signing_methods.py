"""The administrator sets how each user and unit signs from the command
line (`docgen signing method`, `docgen signing methods`); the certificate
allowed is matched by its fingerprint or its subject serial, not by name;
the settings show on the administrator's "Nhật ký" page."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from cryptography.hazmat.primitives.serialization import Encoding

from docgen.cli import main
from docgen.storage import db
from docgen.storage.signing_methods import fingerprint, matches, setting_of
from docgen.storage.users import create_user, find_user

from ..people import PASSWORD, UNIT_A

pytestmark = pytest.mark.slow  # the test CA's services (pki)


def test_methods_from_the_command_line(tmp_path, migrated_sqlite, pki):
    shutil.copyfile(migrated_sqlite, tmp_path / "db.sqlite3")
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    engine = db.make_engine(url)
    make = db.make_sessionmaker(engine)
    with make() as session:
        create_user(session, "chau", "Lê Minh Châu", "signer", UNIT_A, PASSWORD)
        create_user(session, "chau.hai", "Lê Minh Châu", "signer", UNIT_A, PASSWORD)
    _, mine = pki.issue("Lê Minh Châu", subject_serial="CCCD:079090000009")
    _, namesake = pki.issue("Lê Minh Châu", subject_serial="CCCD:079090000010")
    pem = tmp_path / "chau.pem"
    pem.write_bytes(mine.public_bytes(Encoding.PEM))
    run = lambda *args: CliRunner().invoke(main, [*args, "--database-url", url])  # noqa: E731
    result = run("signing", "method", "chau", "token", "--certificate", str(pem))
    assert result.exit_code == 0, result.output
    assert fingerprint(mine.public_bytes(Encoding.DER)) in result.output
    assert run("signing", "method", "chau.hai", "token", "--serial", "CCCD:079090000010").exit_code == 0
    assert run("signing", "method", UNIT_A, "csc", "--provider", "vnpt",
               "--credential", "seal-1").exit_code == 0
    refused = run("signing", "method", "chau", "csc")
    assert refused.exit_code == 2 and "--provider" in refused.output
    assert run("signing", "method", "ai.do", "token", "--serial", "x").exit_code == 2
    listed = run("signing", "methods").output
    assert "người dùng chau (Lê Minh Châu): thiết bị ký số" in listed
    assert f"đơn vị {UNIT_A}: ký số từ xa (xác nhận trên điện thoại); vnpt; seal-1" in listed
    with make() as session:
        chau, other = find_user(session, "chau"), find_user(session, "chau.hai")
        mine_der, namesake_der = mine.public_bytes(Encoding.DER), namesake.public_bytes(Encoding.DER)
        assert matches(setting_of(session, user=chau), mine_der)
        assert not matches(setting_of(session, user=chau), namesake_der)  # same name, other cert
        assert matches(setting_of(session, user=other), namesake_der)
        assert not matches(setting_of(session, user=other), mine_der)
    engine.dispose()
