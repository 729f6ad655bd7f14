"""Every .docx docgen writes is valid by the OOXML schema, as Word wants it,
not only well-formed: child elements in the schema's order, no duplicates,
no stale parts. Checked by docgen's own order check (docgen.word.oxml_order) and
by openxml-audit (PyPI, pinned in requirements.txt), a validator nobody on
the team wrote, which predicts whether Word opens the file without repair.
"""

from __future__ import annotations

import copy
import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from docgen.cli import main as cli
from docgen.plan.model import Plan
from docgen.word.oxml_order import out_of_order, put
from docgen import doctypes
from docgen.plan.files import load_plan
from docgen.document.render import TEMPLATE_PATH, render_plan, template_path

from .conftest import ROOT, SAMPLES, sample_id

AUDIT = Path(sys.executable).with_name("openxml-audit")
BATCH = ROOT / "samples" / "batch"


def appendix_heavy(plan: Plan) -> Plan:
    """Seed 002 with three appendices: its own, one of ten columns (landscape)
    and one of two (portrait), 60 rows each."""
    data = plan.model_dump(mode="json")
    base = data["appendices"][0]
    wide = copy.deepcopy(base)
    wide["title"] = "Chỉ tiêu chi tiết theo đơn vị"
    wide["sort"] = None
    wide["columns"] = [{"key": "unit", "title": "Đơn vị", "type": "text"}] + [
        {"key": f"c{i}", "title": f"Chỉ tiêu {i}", "type": "number"} for i in range(1, 10)]
    wide["rows"] = [{"unit": f"Xã {n}", **{f"c{i}": n * i for i in range(1, 10)}} for n in range(1, 61)]
    narrow = copy.deepcopy(wide)
    narrow["title"] = "Danh sách đơn vị"
    narrow["columns"] = wide["columns"][:2]
    narrow["rows"] = [{"unit": row["unit"], "c1": row["c1"]} for row in wide["rows"]]
    data["appendices"] = [base, wide, narrow]
    return Plan.model_validate(data)


@pytest.fixture(scope="module")
def documents(rendered, plans, tmp_path_factory) -> Path:
    """Everything to check, as files in one folder: the samples, a draft with
    the DỰ THẢO mark, an appendix-heavy plan, a plan with a closing (Đoạn kết), the templates themselves, a
    Báo cáo, each type's sample (final and draft) and the documents of the
    batch examples (a plan and a Giấy mời per commune)."""
    folder = tmp_path_factory.mktemp("ooxml")
    for number, docx in rendered.items():
        (folder / f"sample-{number}.docx").write_bytes(docx)
    (folder / "draft-mark-004.docx").write_bytes(render_plan(plans["004"], draft_mark=True))
    (folder / "appendix-heavy.docx").write_bytes(render_plan(appendix_heavy(plans["002"])))
    closing = ["Trên đây là … của **Ủy ban nhân dân tỉnh**; đề nghị các cơ quan, đơn vị triển khai thực hiện.",
               "Trong quá trình thực hiện, nếu có vướng mắc, báo cáo về Công an tỉnh./."]
    (folder / "closing.docx").write_bytes(render_plan(plans["002"].model_copy(update={"closing": closing})))
    # each layout family's template, a Báo cáo (tests/doctypes) and the sample of each type
    for family in doctypes.LAYOUTS:
        shutil.copy(TEMPLATE_PATH.with_name(f"{family}.docx"), folder / f"template-{family}.docx")
    assert {template_path(t).name for t in doctypes.ALL.values()} <= {f"{f}.docx" for f in doctypes.LAYOUTS}
    (folder / "bao-cao.docx").write_bytes(render_plan(load_plan(ROOT / "tests" / "doctypes" / "bao_cao.yaml")))
    for path in sorted((ROOT / "samples" / "types").glob("*.yaml")):
        (folder / f"type-{path.stem}.docx").write_bytes(render_plan(load_plan(path)))
        (folder / f"type-{path.stem}-draft.docx").write_bytes(render_plan(load_plan(path), draft_mark=True))
        # the secrecy and urgency stamps (ô 10a, 10b) in each layout
        marked = load_plan(path).model_copy(update={"secrecy": "toi_mat", "urgency": "thuong_khan"})
        (folder / f"type-{path.stem}-marked.docx").write_bytes(render_plan(marked))
    from click.testing import CliRunner

    runner = CliRunner()
    for name, args in {
        "xa": [str(BATCH / "template_xa.yaml"), str(BATCH / "don_vi_mau.csv")],
        "huyen": [str(BATCH / "template_huyen.yaml"), str(SAMPLES[2])],
        "giay-moi": [str(BATCH / "template_giay_moi_xa.yaml"), str(BATCH / "don_vi_mau.csv")],
    }.items():
        output = folder / f"batch-{name}.zip"
        result = runner.invoke(cli, ["batch", *args, "-o", str(output)])
        assert result.exit_code == 0, result.output
        with zipfile.ZipFile(output) as archive:
            plans_in_zip = [n for n in archive.namelist() if n.endswith(".docx")]
            assert plans_in_zip
            for index, entry in enumerate(plans_in_zip[:3]):
                (folder / f"batch-{name}-{index}.docx").write_bytes(archive.read(entry))
        output.unlink()
    return folder


def test_every_part_has_its_children_in_schema_order(documents):
    problems = {}
    for path in sorted(documents.glob("*.docx")):
        with zipfile.ZipFile(path) as archive:
            for part in archive.namelist():
                if part.endswith(".xml"):
                    found = out_of_order(etree.fromstring(archive.read(part)))
                    if found:
                        problems[f"{path.name}:{part}"] = found[:5]
    assert problems == {}


def test_no_stale_styles_with_effects_part(documents):
    """python-docx's default template carries Word 2010's stylesWithEffects,
    which no longer matches the styles: Word may call the file unreadable."""
    for path in documents.glob("*.docx"):
        with zipfile.ZipFile(path) as archive:
            assert not [n for n in archive.namelist() if "stylesWithEffects" in n], path.name


def test_openxml_audit_finds_nothing(documents):
    if not AUDIT.exists():
        pytest.fail(f"openxml-audit is not installed beside {sys.executable} (requirements.txt pins it)")
    done = subprocess.run([str(AUDIT), "-o", "json", "-m", "0", "-r", str(documents)],
                          capture_output=True, text=True, timeout=600)
    reports = json.loads(done.stdout)
    assert len(reports) == len(list(documents.glob("*.docx")))
    findings = {Path(r["file"]).name: [e for e in r["errors"]][:5] for r in reports
                if r["error_count"] or r["warning_count"] or r["verdict"]["prediction"] != "opens-clean"}
    assert findings == {}


def test_spanned_cells_are_as_wide_as_their_columns(rendered):
    """docxtpl's colspan left each cell one grid column wide; the width now
    follows the span, so the cells of a row add up to the table's width."""
    document = etree.fromstring(zipfile.ZipFile(io.BytesIO(rendered["002"])).read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    appendix = document.findall(f".//{w}tbl")[-1]
    table_width = int(appendix.find(f"{w}tblPr/{w}tblW").get(f"{w}w"))
    grid = [int(c.get(f"{w}w")) for c in appendix.find(f"{w}tblGrid")]
    for row in appendix.findall(f"{w}tr"):
        widths = [int(tc.find(f"{w}tcPr/{w}tcW").get(f"{w}w")) for tc in row.findall(f"{w}tc")]
        assert sum(widths) == sum(grid) <= table_width


def test_put_places_children_in_schema_order():
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    tbl_pr = etree.Element(f"{{{w}}}tblPr")
    for name in ("tblCellMar", "tblLayout", "tblW", "tblStyle", "tblLayout"):
        put(tbl_pr, etree.Element(f"{{{w}}}{name}"))
    assert [child.tag.split("}")[1] for child in tbl_pr] == ["tblStyle", "tblW", "tblLayout", "tblCellMar"]
    bad = etree.fromstring(f'<w:tcPr xmlns:w="{w}"><w:gridSpan/><w:tcW/><w:gridSpan/></w:tcPr>')
    assert out_of_order(bad) == ["tcPr: tcW after gridSpan", "tcPr: gridSpan twice"]
    with pytest.raises(ValueError):
        put(tbl_pr, etree.Element(f"{{{w}}}gridSpan"))


@pytest.mark.parametrize("number", [sample_id(p) for p in SAMPLES])
def test_sample_tables_are_in_order(rendered, number):
    document = etree.fromstring(zipfile.ZipFile(io.BytesIO(rendered[number])).read("word/document.xml"))
    assert out_of_order(document) == []
