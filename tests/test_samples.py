"""Each sample plan renders to a .docx that holds its seed's text, in order,
with the national motto and header block the extraction lost."""

from __future__ import annotations

import io

import pytest
from docx import Document

from docgen.word import document_text, malformed_parts, paragraphs
from docgen.plan.files import load_plan

from . import conftest
from .conftest import SAMPLES, sample_id, seed_text
from .words import coverage

IDS = [sample_id(p) for p in SAMPLES]


def test_all_five_seeds_have_a_sample():
    assert IDS == ["000", "001", "002", "003", "004"]


def test_missing_seeds_fail_in_ci_and_skip_elsewhere(monkeypatch, tmp_path):
    monkeypatch.setattr(conftest, "SEEDS", tmp_path)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="seed 002 not found"):
        seed_text("002")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        seed_text("002")


@pytest.mark.parametrize("number", IDS)
def test_every_xml_part_is_well_formed(rendered, number):
    assert malformed_parts(rendered[number]) == {}


@pytest.mark.parametrize("number", IDS)
def test_reproduces_the_seed_words_in_order(rendered, number):
    ratio = coverage(seed_text(number), document_text(rendered[number]))
    assert ratio >= 0.98, f"seed {number}: only {ratio:.2%} of the seed's words in order"


@pytest.mark.parametrize("number", IDS)
def test_header_block_and_motto(rendered, number, plans):
    text = document_text(rendered[number])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    for line in plans[number].header.issuing_body:
        assert line.upper() in text
    assert "\nKẾ HOẠCH\n" in text


@pytest.mark.parametrize("number", IDS)
def test_sections_in_order_with_roman_numerals(rendered, number, plans):
    sections = [p.text for p in paragraphs(rendered[number]) if p.style_id == "DGSection"]
    assert len(sections) == len(plans[number].sections)
    for section, text in zip(plans[number].sections, sections):
        assert section.title.upper() in text


def test_seed_004_keeps_its_wrong_section_numbering(rendered):
    sections = [p.text.split(".")[0] for p in paragraphs(rendered["004"]) if p.style_id == "DGSection"]
    assert sections == ["I", "II", "III", "IV", "V", "IV"]


def test_seed_002_structure(rendered):
    text = document_text(rendered["002"])
    assert "Số: 2314/KH-UBND" in text
    assert "Gia Lai, ngày 29 tháng 8 năm 2023" in text
    assert "4. Đề nghị Ban Tuyên giáo Tỉnh ủy" in text
    assert "7. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức thành viên: Xây dựng" in text
    assert "- Lưu: VT, NC." in text
    assert "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nTrương Hải Long" in text


def test_drafts_leave_number_and_day_blank(rendered):
    text = document_text(rendered["000"])
    assert "Số:      /KH-UBND" in text
    assert "Đắk Lắk, ngày      tháng 6 năm 2026" in text


def test_personal_data_is_replaced(rendered):
    everything = "".join(document_text(d) for d in rendered.values())
    for leaked in ("090.7675.999", "manhtoan2511@gmail.com", "caodiem@2025"):
        assert leaked not in everything


def test_bold_and_italic_runs_survive(rendered):
    doc = Document(io.BytesIO(rendered["002"]))
    bold = [r.text for p in doc.paragraphs for r in p.runs if r.bold]
    italic = [r.text for p in doc.paragraphs for r in p.runs if r.italic]
    assert any("ngày 10/9/2023" in t for t in bold)
    assert any(t.startswith("Mức 1: Thực hiện trực tiếp") for t in italic)


@pytest.mark.parametrize("path", SAMPLES, ids=IDS)
def test_samples_validate(path):
    assert load_plan(path).signer.name
