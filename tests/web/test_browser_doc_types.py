"""A clerk in Chromium starts each type of document from "Văn bản mới" on
the start page (the type chosen first): the form shows that type's parts
("V/v", "Kính gửi", the authority line and articles, the meeting's time and
place), the preview follows them, and the downloaded .docx is of that type.
One walk through every type a clerk starts a document of."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen import doctypes
from docgen.word import paragraphs

from .a11y import axe_violations

# What the clerk types for each type beyond the header and the signer: (field id, text).
FILLED = {
    "ke_hoach": [("#f-subject", "Tuyên truyền cài đặt ứng dụng VNeID trên địa bàn xã"),
                 ("#f-closing-0", "Trên đây là Kế hoạch của UBND xã; đề nghị các thôn triển khai thực hiện./.")],
    "bao_cao": [("#f-subject", "Kết quả cấp tài khoản định danh điện tử quý IV")],
    "cong_van": [("#f-subject", "báo cáo số liệu đợt cao điểm"), ("#f-addressees-0", "Công an xã"),
                 ("#f-opening-0", "Đề nghị Công an xã báo cáo số liệu trước ngày 17/4./.")],
    "quyet_dinh": [("#f-subject", "Về việc thành lập Tổ công nghệ số cộng đồng"),
                   ("#f-decider", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ IA KDĂM"),
                   ("#f-opening-0", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"),
                   ("#f-articles-0-text", "Thành lập Tổ công nghệ số cộng đồng xã."),
                   ("#f-articles-1-text", "Quyết định này có hiệu lực kể từ ngày ký."),
                   ("#f-articles-2-text", "Công an xã chịu trách nhiệm thi hành Quyết định này./.")],
    "to_trinh": [("#f-subject", "Về việc đề nghị hỗ trợ thiết bị"),
                 ("#f-addressees-0", "Ủy ban nhân dân tỉnh Gia Lai")],
    "thong_bao": [("#f-subject", "Lịch tiếp nhận hồ sơ định danh điện tử")],
    "giay_moi": [("#f-subject", "Dự Lễ ra quân đợt cao điểm"), ("#f-meeting-invitees", "Trưởng các thôn"),
                 ("#f-meeting-event", "Lễ ra quân đợt cao điểm"), ("#f-meeting-time", "07:30"),
                 ("#f-meeting-date", "15/3/2030"), ("#f-meeting-place", "Hội trường xã")],
}

# The closing (Đoạn kết) typed, printed after the last section and before "Nơi nhận".
CLOSINGS = {"ke_hoach": "Trên đây là Kế hoạch của UBND xã; đề nghị các thôn triển khai thực hiện./."}

# What the preview and the .docx print for it.
PRINTED = {
    **{key: [closing] for key, closing in CLOSINGS.items()},
    "cong_van": ["V/v báo cáo số liệu đợt cao điểm", "Kính gửi: Công an xã"],
    "quyet_dinh": ["CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ IA KDĂM", "QUYẾT ĐỊNH:",
                   "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015.",
                   "Điều 3. Công an xã chịu trách nhiệm thi hành Quyết định này./."],
    "to_trinh": ["Kính gửi: Ủy ban nhân dân tỉnh Gia Lai"],
    "giay_moi": ["Thời gian: 07 giờ 30 phút, thứ Sáu, ngày 15/3/2030", "Địa điểm: Hội trường xã"],
}


@pytest.mark.slow
def test_each_type_from_new_document_to_download(page, tmp_path: Path):
    assert set(FILLED) == {kind.key for kind in doctypes.standalone()}  # a new type gets its line here
    for kind in doctypes.standalone():
        page.goto(page.base_url + "/")
        page.click(f"#new-document #new-{kind.key}")
        page.wait_for_url(f"**/plan/new?type={kind.key}")
        assert page.title().startswith(f"Soạn {kind.noun}")
        groups = page.eval_on_selector_all("#plan-form > fieldset",
                                           "(nodes) => nodes.length")
        assert groups == len(kind.editor_groups), kind.key
        if kind.has_title:
            assert f"(tên {kind.noun}, viết hoa chữ đầu)" in page.locator('label[for="f-subject"]').inner_text()
        page.fill("#f-header-issuing_body-1", "XÃ IA KDĂM")
        page.fill("#f-header-issuer_name", "Ủy ban nhân dân xã Ia Kdăm")
        page.fill("#f-header-place", "Ia Kdăm")
        for selector, text in FILLED[kind.key]:
            page.fill(selector, text)
        page.fill("#f-signer-name", "Rơ Lan Hiếu")
        page.wait_for_function("() => document.getElementById('preview').textContent.includes('Rơ Lan Hiếu')")
        assert axe_violations(page) == [], kind.key  # the type's form and preview, WCAG 2 A/AA
        preview = " ".join(page.locator("#preview").inner_text().split())
        assert f"/{kind.default_symbol}" in preview, kind.key
        assert (kind.title in preview) if kind.title else "V/v" in preview
        for line in PRINTED.get(kind.key, []):
            assert line in preview, (kind.key, line)

        with page.expect_download() as download_info:
            page.click("#download-docx")
        download = download_info.value
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        texts = [p.text.strip() for p in paragraphs(saved.read_bytes())]
        if kind.title:
            assert kind.title in texts, kind.key
        assert f"Số:      /{kind.default_symbol}" in texts, kind.key
        for line in PRINTED.get(kind.key, []):
            assert line in texts, (kind.key, line)
        if kind.key in CLOSINGS:
            last = [t for t in texts if re.match(r"[IVX]+\. ", t)][-1]
            assert texts.index(last) < texts.index(CLOSINGS[kind.key]) < texts.index("Nơi nhận:"), kind.key
        others = [t.title for t in doctypes.ALL.values() if t.title and t is not kind]
        assert not [title for title in others if title in texts], kind.key
