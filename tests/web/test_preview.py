"""The HTML preview: the document's order, its text, its emphasis."""

from __future__ import annotations

import copy

from docgen.plan.model import Plan
from docgen.document.preview import preview_html, runs_html


def test_runs_become_html_with_escaped_text():
    runs = ('<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">1. Mục &lt;đích&gt;</w:t></w:r>'
            '<w:r><w:br/></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>nghiêng</w:t></w:r>')
    assert str(runs_html(runs)) == "<strong>1. Mục &lt;đích&gt;</strong><br><em>nghiêng</em>"


def test_preview_follows_the_document_order(sample_plans):
    html = preview_html(Plan.model_validate(sample_plans["002"]))
    order = [
        "ỦY BAN NHÂN DÂN", "Số: 2314/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc", "Gia Lai, ngày 29 tháng 8 năm 2023", "KẾ HOẠCH",
        "Thực hiện cao điểm “50 ngày, đêm”", "I. MỤC ĐÍCH, YÊU CẦU", "Nơi nhận:",
        "- Văn phòng Chính phủ;", "- Lưu: VT, NC.", "TM. ỦY BAN NHÂN DÂN", "Trương Hải Long",
        "PHỤ LỤC", "CHỈ TIÊU KÍCH HOẠT TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ",
        "(Kèm theo Kế hoạch số 2314/KH-UBND ngày 29 tháng 8 năm 2023 của Ủy ban nhân dân tỉnh Gia Lai)",
        "Huyện Đak Pơ", "<td>TỔNG</td>", ">35,90%<", ">8.769<",
    ]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)


def test_preview_shows_inline_emphasis_and_draft_blanks(sample_plans):
    plan = copy.deepcopy(sample_plans["000"])
    html = preview_html(Plan.model_validate(plan))
    assert "<strong>230 nghìn</strong>" in html
    assert "Số:      /KH-UBND" in html
    assert "Đắk Lắk, ngày      tháng 6 năm 2026" in html


def test_requested_unit_reads_de_nghi(sample_plans):
    html = preview_html(Plan.model_validate(sample_plans["000"]))
    assert "Đề nghị Báo và Đài Phát thanh - Truyền hình tỉnh" in html


def test_preview_appendix_stt_centred_figures_right(sample_plans):
    html = preview_html(Plan.model_validate(sample_plans["002"]))
    assert '<tr><td class="centred">1</td><td>Huyện Đak Pơ</td><td class="num">16.283</td>' in html
