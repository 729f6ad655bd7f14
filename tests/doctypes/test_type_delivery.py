"""Every type is offered the same way by each delivery: the CLI (``docgen
types``, ``docgen new``, ``render``, ``check``, ``import``) and the batch (a
Giấy mời per commune); the web's are in tests/web/test_doc_types.py."""

from __future__ import annotations

import zipfile

import pytest
import yaml
from click.testing import CliRunner

from docgen import doctypes
from docgen.cli import main as cli
from docgen.plan.files import load_plan

from ..conftest import ROOT
from .docx_reading import texts

TYPE_SAMPLES = sorted((ROOT / "samples" / "types").glob("*.yaml"))
NEW_TYPES = [kind.key for kind in doctypes.standalone()]


def test_docgen_types_lists_every_type():
    result = CliRunner().invoke(cli, ["types"])
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert [row[0] for row in rows] == list(doctypes.ALL)
    assert ["cong_van", "Công văn", "UBND-VP", "letter"] in rows
    assert ["quyet_dinh", "Quyết định", "QĐ-UBND", "decision"] in rows


@pytest.mark.parametrize("key", NEW_TYPES)
def test_docgen_new_writes_the_parts_of_the_type(key, tmp_path):
    out = tmp_path / "new.yaml"
    result = CliRunner().invoke(cli, ["new", key, "--unit", "UBND xã Lộc Hòa", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    kind = doctypes.get(key)
    assert data["type"] == key and data["header"]["symbol"] == kind.default_symbol
    assert data["header"]["issuing_body"] == ["ỦY BAN NHÂN DÂN", "XÃ LỘC HÒA"]
    for part in doctypes.PARTS:
        assert (part in data) == kind.has(part), part
    assert ("decider" in data) == kind.decider and ("appendices" in data) == kind.appendices
    assert ("addressees" in data) == kind.addressees_start


def test_docgen_new_refuses_a_type_issued_only_by_a_decision(tmp_path):
    result = CliRunner().invoke(cli, ["new", "quy_che", "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2 and "chỉ ban hành kèm theo một quyết định" in result.output
    result = CliRunner().invoke(cli, ["new", "bien_ban", "-o", str(tmp_path / "x.yaml")])
    assert result.exit_code == 2 and "không có loại văn bản 'bien_ban'" in result.output


@pytest.mark.parametrize("path", TYPE_SAMPLES, ids=lambda p: p.stem)
def test_cli_renders_checks_and_imports_each_type(path, tmp_path):
    runner = CliRunner()
    docx = tmp_path / "out.docx"
    assert runner.invoke(cli, ["render", str(path), "-o", str(docx)]).exit_code == 0
    checked = runner.invoke(cli, ["check", str(docx)])
    assert checked.exit_code == 0, checked.output
    back = tmp_path / "back.yaml"
    imported = runner.invoke(cli, ["import", str(docx), "-o", str(back)])
    assert imported.exit_code == 0, imported.output
    assert load_plan(back).type == load_plan(path).type


def test_a_giay_moi_per_commune(tmp_path):
    out = tmp_path / "giay-moi.zip"
    result = CliRunner().invoke(cli, ["batch", str(ROOT / "samples" / "batch" / "template_giay_moi_xa.yaml"),
                                      str(ROOT / "samples" / "batch" / "don_vi_mau.csv"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as archive:
        names = [name for name in archive.namelist() if name.endswith(".docx")]
        assert len(names) == 4
        lines = texts(archive.read("Xa-Loc-Tan.docx"))
    assert "GIẤY MỜI" in lines and "Số:      /GM-UBND" in lines
    assert any(line.startswith("Ủy ban nhân dân xã Lộc Tấn trân trọng kính mời:") for line in lines)
    assert "Địa điểm: Hội trường Ủy ban nhân dân xã Lộc Tấn" in lines
