"""A provincial plan given as a Word file (.docx) serves a batch as a plan
file does: as the parent plan (``--parent kh-tinh.docx``) and as the units
source (its appendix). It is read by the importer, so sample 002 rendered to
.docx gives every district the plan the sample's YAML gives."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from docgen.batch import derive_plan
from docgen.batch.inputs import BatchInputError, load_inputs
from docgen.cli import main
from docgen.plan.files import load_plan
from docgen.document.render import render_plan
from docgen.word import document_text

from ..importing import foreign
from .helpers import PROVINCIAL, TEMPLATE_HUYEN, TEMPLATE_XA, UNITS_CSV, open_zip


@pytest.fixture(scope="module")
def provincial_docx() -> bytes:
    return render_plan(load_plan(PROVINCIAL))


def _file(path) -> tuple[str, bytes]:
    return str(path), path.read_bytes()


def _derived(inputs) -> dict[str, dict]:
    return {unit.name: derive_plan(inputs.template, unit, inputs.parent).plan.model_dump(mode="json")
            for unit in inputs.units.units}


def test_units_from_a_word_plan_give_the_plans_the_yaml_gives(provincial_docx):
    from_yaml = load_inputs(_file(TEMPLATE_HUYEN), _file(PROVINCIAL))
    from_word = load_inputs(_file(TEMPLATE_HUYEN), ("kh-tinh.docx", provincial_docx))
    assert from_word.parent == from_yaml.parent and from_word.parent.reference.number == 2314
    # rows in the order the document prints them (ranked), the plan file's in the order entered
    assert {u.name: u.values for u in from_word.units.units} == {u.name: u.values for u in from_yaml.units.units}
    assert len(from_word.units.units) == 17 and "target" in from_word.units.columns
    assert _derived(from_word) == _derived(from_yaml)


def test_a_word_parent_gives_the_plans_a_yaml_parent_gives(provincial_docx):
    from_yaml = load_inputs(_file(TEMPLATE_XA), _file(UNITS_CSV), _file(PROVINCIAL))
    from_word = load_inputs(_file(TEMPLATE_XA), _file(UNITS_CSV), ("kh-tinh.docx", provincial_docx))
    assert from_word.parent == from_yaml.parent
    derived = _derived(from_word)
    assert derived == _derived(from_yaml)
    assert any("Kế hoạch số 2314/KH-UBND ngày 29/8/2023" in line
               for plan in derived.values() for line in plan["opening"])


def _documents(path) -> dict[str, str]:
    with open_zip(path.read_bytes()) as archive:
        return {name: document_text(archive.read(name)) for name in archive.namelist() if name.endswith(".docx")}


def test_the_cli_zip_from_a_word_parent_is_the_yaml_one(provincial_docx, tmp_path):
    word = tmp_path / "kh-tinh.docx"
    word.write_bytes(provincial_docx)
    zips = {}
    for name, units in (("yaml", PROVINCIAL), ("word", word)):
        zips[name] = tmp_path / f"{name}.zip"
        result = CliRunner().invoke(main, ["batch", str(TEMPLATE_HUYEN), str(units), "--parent", str(units),
                                           "-o", str(zips[name]), "--workers", "1"])
        assert result.exit_code == 0, result.output
    yaml_documents, word_documents = _documents(zips["yaml"]), _documents(zips["word"])
    assert len(word_documents) == 17 and word_documents == yaml_documents


def test_import_warnings_are_reported(tmp_path):
    """A Word parent whose signer block carries "(Đã ký)": the import's
    warning, with its paragraph, on stderr; the batch still runs."""
    parent = tmp_path / "kh-huyen.docx"
    parent.write_bytes(foreign.signature_in_two_rows())
    plan = tmp_path / "xa.yaml"
    result = CliRunner().invoke(main, ["batch-plan", str(TEMPLATE_XA), str(UNITS_CSV), "--parent", str(parent),
                                       "--unit", "Xã Lộc Tấn", "-o", str(plan)])
    assert result.exit_code == 0, result.output
    assert any(line.startswith(f"{parent}: đoạn ") and "(Đã ký)" in line for line in result.stderr.splitlines())
    assert "Kế hoạch số 15/KH-UBND ngày 05/3/2026" in " ".join(load_plan(plan).opening)


def test_a_word_file_that_cannot_be_read_is_refused(tmp_path):
    old = ("kh-tinh.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(BatchInputError) as refused:
        load_inputs(_file(TEMPLATE_XA), _file(UNITS_CSV), old)
    assert refused.value.messages[0].startswith("kh-tinh.doc: không nhập được: tệp Word cũ (.doc)")
    with pytest.raises(BatchInputError) as refused:
        load_inputs(_file(TEMPLATE_HUYEN), ("kh-tinh.docx", b"PK\x03\x04" + b"\0" * 64))
    assert refused.value.messages[0].startswith("kh-tinh.docx: không nhập được: ")
    result = CliRunner().invoke(main, ["batch", str(TEMPLATE_HUYEN), str(tmp_path / "x.docx"), "-o",
                                       str(tmp_path / "x.zip")])
    assert result.exit_code == 2


def test_columns_the_template_does_not_name_keep_their_titles_slug(provincial_docx):
    """Without an appendix in the template, a Word plan's columns are named
    by their titles, as a spreadsheet's headers are."""
    import yaml

    data = yaml.safe_load(TEMPLATE_HUYEN.read_text(encoding="utf-8"))
    data.pop("appendices")
    data["opening"][-1] = "Chỉ tiêu của {{ ten_don_vi_thuong }}: {{ chi_tieu_kich_hoat }} tài khoản."
    data["sections"] = data["sections"][:1]
    data["sections"][0]["blocks"] = [{"kind": "paragraph", "text": "Còn lại {{ chi_tieu_con_lai }}."}]
    template = ("mau.yaml", yaml.safe_dump(data, allow_unicode=True).encode("utf-8"))
    inputs = load_inputs(template, ("kh-tinh.docx", provincial_docx))
    assert "target" not in inputs.units.columns and "chi_tieu_kich_hoat" in inputs.units.columns
    kbang = next(u for u in inputs.units.units if u.name == "Huyện Kbang")
    plan = derive_plan(inputs.template, kbang, inputs.parent).plan
    assert "Chỉ tiêu của huyện Kbang: 25.632 tài khoản." in plan.opening
