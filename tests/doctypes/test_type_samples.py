"""Each type's sample (samples/types/) renders in its family's layout,
passes the checks as a plan and as a .docx, is read back as its type, and
round-trips: render, import, 0 differences (through the Word reader and
through the parser alone)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx.shared import Pt

from docgen import doctypes
from docgen.checks import check_docx, check_plan
from docgen.checks.document import from_docx
from docgen.document.render import render_plan
from docgen.importing.from_docx import read_docx
from docgen.importing.importer import import_bytes
from docgen.importing.parse import parse_source
from docgen.plan.files import load_plan, parse_plan_data

from ..conftest import ROOT
from ..importing.compare import comparable, differences
from ..importing.docx_text import docx_source
from .docx_reading import all_paragraphs, texts, word_document

TYPE_SAMPLES = sorted((ROOT / "samples" / "types").glob("*.yaml"))
IDS = [path.stem for path in TYPE_SAMPLES]


@pytest.fixture(scope="module")
def samples() -> dict[str, tuple]:
    """Sample name -> (plan, its .docx)."""
    out = {}
    for path in TYPE_SAMPLES:
        plan = load_plan(path)
        out[path.stem] = (plan, render_plan(plan))
    return out


def sample_of(samples, key: str):
    return next(value for name, value in samples.items() if name.startswith(key))


def test_every_new_type_has_a_sample():
    keys = {load_plan(path).type for path in TYPE_SAMPLES}
    assert keys >= {"cong_van", "quyet_dinh", "to_trinh", "thong_bao", "giay_moi"}


@pytest.mark.parametrize("name", IDS)
def test_the_sample_passes_the_checks(samples, name):
    plan, docx = samples[name]
    assert [f.line() for f in check_plan(plan, docx)] == []
    assert [f.line() for f in check_docx(docx)] == []
    assert from_docx(docx).doc_type.key == plan.type


@pytest.mark.parametrize("name", IDS)
def test_the_sample_round_trips_through_the_word_reader(samples, name):
    plan, docx = samples[name]
    imported = import_bytes(docx, f"{name}.docx")
    assert imported.plan.type == plan.type
    assert differences(comparable(plan), comparable(imported.plan)) == []
    assert differences(comparable(plan), comparable(parse_source(read_docx(docx)).plan)) == []


@pytest.mark.parametrize("name", IDS)
def test_the_sample_round_trips_through_the_documents_text(samples, name):
    plan, docx = samples[name]
    assert differences(comparable(plan), comparable(parse_source(docx_source(docx)).plan)) == []


def test_a_cong_van_has_no_title_line_and_its_vv_under_the_number(samples):
    plan, docx = sample_of(samples, "cong_van")
    lines = texts(docx)
    assert not [t.title for t in doctypes.ALL.values() if t.title in lines]
    header = word_document(docx).tables[0]
    left = [p for p in header.cell(1, 0).paragraphs if p.text.strip()]
    assert [p.text for p in left] == ["Số: 112/UBND-VP", "V/v " + plan.subject]
    subject = left[1]
    size = subject.style.font.size
    assert size == Pt(12) and not subject.style.font.bold
    start = lines.index("Kính gửi:")
    assert lines[start + 1:start + 5] == ["- Công an xã;", "- Các ban, ngành, đoàn thể xã;",
                                          "- Các trường học trên địa bàn xã;", "- Ban điều hành các ấp."]
    assert lines[start + 5].startswith("Thực hiện Kế hoạch số 35/KH-UBND ngày 05/3/2025 của UBND xã Lộc Hòa về việc mở")


def test_a_to_trinh_names_its_one_addressee_on_the_label_line(samples):
    _, docx = sample_of(samples, "to_trinh")
    lines = texts(docx)
    at = lines.index("Kính gửi: Ủy ban nhân dân thành phố Hải Phòng")
    assert lines[at - 2:at] == ["TỜ TRÌNH", lines[at - 1]] and lines[at - 1].startswith("Về việc đề nghị")


def test_a_quyet_dinh_prints_its_authority_bases_articles_and_the_plan_it_issues(samples):
    plan, docx = sample_of(samples, "quyet_dinh")
    lines = texts(docx)
    at = lines.index("QUYẾT ĐỊNH")
    assert lines[at + 2] == "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH GIA LAI"
    bases = lines[at + 3:at + 7]
    assert [line[-1] for line in bases] == [";", ";", ";", "."]
    assert bases[-1].startswith("Theo đề nghị của")
    assert lines[at + 7] == "QUYẾT ĐỊNH:"
    articles = [p for p in all_paragraphs(docx) if p.text.startswith("Điều ")]
    assert [p.text.split(".")[0] for p in articles] == ["Điều 1", "Điều 2", "Điều 3"]
    shown = [run for run in articles[0].runs if run.text.strip()]
    assert shown[0].text == "Điều 1." and shown[0].bold and not shown[-1].bold
    basis = next(p for p in all_paragraphs(docx) if p.text.startswith("Căn cứ Luật"))
    assert basis.style.font.italic
    # the plan it issues, on a new page, its own title and "(Kèm theo Quyết định số …)" line
    title = lines.index("KẾ HOẠCH")
    assert lines[title + 2] == ("(Kèm theo Quyết định số 2313/QĐ-UBND ngày 29 tháng 8 năm 2023 "
                                "của Ủy ban nhân dân tỉnh Gia Lai)")
    assert "I. MỤC ĐÍCH, YÊU CẦU" in lines[title:]
    body = [(element, "".join(element.xpath(".//w:t/text()")).strip())
            for element in word_document(docx).element.body]
    signed = next(i for i, (_, text) in enumerate(body) if "Trương Hải Long" in text)
    broken = next(i for i, (element, _) in enumerate(body) if element.xpath('.//w:br[@w:type="page"]'))
    titled = next(i for i, (_, text) in enumerate(body) if text == "KẾ HOẠCH")
    assert signed < broken < titled  # after the signature, on a new page


def test_a_giay_moi_says_who_when_and_where(samples):
    _, docx = sample_of(samples, "giay_moi")
    lines = texts(docx)
    assert "GIẤY MỜI" in lines and "Số: 18/GM-UBND" in lines
    assert any(line.startswith("Ủy ban nhân dân xã Lộc Hòa trân trọng kính mời: Đại diện") for line in lines)
    assert "Thời gian: 07 giờ 00 phút, Chủ nhật, ngày 02/3/2025" in lines
    assert "Địa điểm: Hội trường Ủy ban nhân dân xã Lộc Hòa" in lines
    assert not [line for line in lines if line.startswith("Kính gửi")]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (scripts/setup.sh installs it)")
def test_every_sample_converts_to_pdf(samples, tmp_path):
    import subprocess

    from docgen.pdf import docx_to_pdf

    for name, (plan, docx) in samples.items():
        pdf = tmp_path / f"{name}.pdf"
        pdf.write_bytes(docx_to_pdf(docx))
        first = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
        doc_type = doctypes.for_plan(plan)
        assert plan.header.symbol in first, name
        assert (doc_type.title in first) if doc_type.title else ("V/v" in first), name


def test_the_samples_are_where_the_developer_guide_says(samples):
    """The table of the developer's guide's "Loại văn bản" names each sample."""
    guide = Path(ROOT / "docs" / "developer.md").read_text(encoding="utf-8")
    section = guide[guide.index("\n## Loại văn bản"):]
    section = section[:section.index("\n## ", 1)]
    for name in samples:
        assert f"samples/types/{name}.yaml" in section


def test_a_decision_issuing_a_quy_che_prints_chapters_and_round_trips(samples):
    """Mẫu 1.3 with a Quy chế: "Chương I" and its title, articles "Điều 1.
    <tên>" numbered through the chapters, the clauses under them."""
    plan, _ = sample_of(samples, "quyet_dinh")
    data = plan.model_dump(mode="json", exclude_none=True)
    data["subject"] = "Ban hành Quy chế hoạt động của Tổ công nghệ số cộng đồng"
    data["attached"] = {"type": "quy_che", "subject": "Hoạt động của Tổ công nghệ số cộng đồng", "sections": [
        {"title": "NHỮNG ĐIỀU KHOẢN CHUNG", "blocks": [
            {"kind": "article", "title": "Phạm vi điều chỉnh", "text": "Quy chế này quy định việc tổ chức của Tổ."},
            {"kind": "article", "title": "Đối tượng áp dụng"},
            {"kind": "numbered", "text": "Thành viên của Tổ."},
            {"kind": "numbered", "text": "Cơ quan, đơn vị có liên quan."}]},
        {"title": "TỔ CHỨC THỰC HIỆN", "blocks": [
            {"kind": "article", "title": "Trách nhiệm thi hành", "text": "Các thành viên thực hiện Quy chế này./."}]}]}
    decision = parse_plan_data(data)
    docx = render_plan(decision)
    lines = texts(docx)
    title = lines.index("QUY CHẾ")
    assert lines[title + 1:title + 6] == [
        "Hoạt động của Tổ công nghệ số cộng đồng",
        "(Kèm theo Quyết định số 2313/QĐ-UBND ngày 29 tháng 8 năm 2023 của Ủy ban nhân dân tỉnh Gia Lai)",
        "Chương I", "NHỮNG ĐIỀU KHOẢN CHUNG", "Điều 1. Phạm vi điều chỉnh"]
    assert "Điều 3. Trách nhiệm thi hành" in lines and "Chương II" in lines
    assert [f.line() for f in check_plan(decision, docx)] == [] and [f.line() for f in check_docx(docx)] == []
    assert differences(comparable(decision), comparable(import_bytes(docx, "qd.docx").plan)) == []
