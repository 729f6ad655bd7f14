"""``docgen edxml export|show|reply``: the package of an issued document on
standard output or in a file, its revocation with --revoke; a package read
strictly and shown; the reply started from a package as a plan file."""

from __future__ import annotations

from click.testing import CliRunner

from docgen.cli import main
from docgen.edxml import envelope as edxml
from docgen.edxml.reader import read
from docgen.storage import register

from ..edxml.test_package import FOREIGN
from .test_edxml_export import issue, office  # noqa: F401  (fixtures)


def test_export_and_revoke_from_the_command_line(migrated_url, session, issue, office, tmp_path):  # noqa: F811
    entry = issue()
    runner = CliRunner()
    env = {"DATABASE_URL": migrated_url}
    result = runner.invoke(main, ["edxml", "export", str(entry.id), "--user", "vy"], env=env)
    assert result.exit_code == 0, result.output
    assert read(result.stdout_bytes).business == edxml.NEW
    result = runner.invoke(main, ["edxml", "export", str(entry.id), "--user", "vy", "--revoke"], env=env)
    assert result.exit_code == 2 and "chưa bị thu hồi" in result.output
    register.recall(session, office["vy"], entry.id, "Sai số liệu")
    out = tmp_path / "thu-hoi.edxml"
    result = runner.invoke(main, ["edxml", "export", str(entry.id), "--user", "vy", "--revoke", "-o", str(out)],
                           env=env)
    assert result.exit_code == 0 and read(out.read_bytes()).business == edxml.REVOKE
    result = runner.invoke(main, ["edxml", "show", str(out)])
    assert result.exit_code == 0 and "Thông điệp: thu hồi (Sai số liệu)" in result.output
    assert runner.invoke(main, ["edxml", "export", str(entry.id), "--user", "em"], env=env).exit_code == 2


def test_reply_and_show_a_package_from_another_agency(tmp_path):
    package = tmp_path / "cv15.edxml"
    package.write_bytes(FOREIGN)
    runner = CliRunner()
    result = runner.invoke(main, ["edxml", "show", str(package)])
    assert result.exit_code == 0
    assert "Gửi: Ủy ban nhân dân tỉnh Gia Lai (000.00.00.H41)" in result.output
    assert "Số, ký hiệu: 15/UBND-VP; ngày 20/11/2026; Công văn" in result.output
    out = tmp_path / "tra-loi.yaml"
    result = runner.invoke(main, ["edxml", "reply", str(package), "-o", str(out), "--unit", "UBND xã Lộc Tấn"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "000.00.00.H41,2026/11/20,15/UBND-VP" in text and "type: cong_van" in text
    bad = tmp_path / "bad.edxml"
    bad.write_bytes(FOREIGN.replace(b"<edXML:Priority>1", b"<edXML:Priority>7"))
    result = runner.invoke(main, ["edxml", "show", str(bad)])
    assert result.exit_code == 2 and "không đúng lược đồ QCVN 102" in result.output
