"""Sensitive data in the body: what is personal and what is the agency's."""

from __future__ import annotations

import pytest

from docgen.checks.document import CheckedDocument, Para
from docgen.checks.sensitive import check_sensitive


def view_of(*texts: str) -> CheckedDocument:
    body = [Para("V. CHẾ ĐỘ BÁO CÁO", "section", "V", 0, heading=True)]
    body += [Para(text, "section", "V", i) for i, text in enumerate(texts, start=1)]
    return CheckedDocument("plan", body=body)


@pytest.mark.parametrize("text, code", [
    ("qua Công an tỉnh, đồng chí Nguyễn Thị Kim Oanh - Phòng PC06, SĐT: 090.1234.567)", "sensitive.personal_phone"),
    ("liên hệ 0912 345 678", "sensitive.personal_phone"),
    ("điện thoại +84 912 345 678", "sensitive.personal_phone"),
    ("liên hệ 0389-123-456", "sensitive.personal_phone"),
    ("địa chỉ gmail vanbinh1234@gmail.com", "sensitive.personal_email"),
    ("gửi về nguyen.van.a@yahoo.com.vn", "sensitive.personal_email"),
    ("gửi về hotro@congty-abc.vn", "sensitive.email"),
    ("+ Mật khẩu: **matkhau@2025**", "sensitive.password"),
    ("password: Abc@12345", "sensitive.password"),
])
def test_found(text, code):
    assert code in {f.code for f in check_sensitive(view_of(text))}


@pytest.mark.parametrize("text", [
    "gửi về vanthu@gialai.gov.vn hoặc pc06@congan.gov.vn",
    "điện thoại cơ quan: 0262.3852.123",  # landline of an agency
    "đường dây nóng 0912.345.678",  # a hotline, even on a mobile number
    "tổng đài 1900 1234",
    "hỗ trợ 113 hoặc 1900.0368",
    "chỉ tiêu kích hoạt 687.034 tài khoản trên tổng số 1.248.912 công dân",
    "Kế hoạch số 407/KH-UBND ngày 24/02/2023; Quyết định số 06/QĐ-TTg ngày 06/01/2022",
    "truy cập https://dean06.binhphuoc.gov.vn để theo dõi",
    "tập huấn sử dụng mật khẩu một lần (OTP), bảo vệ mã OTP",
])
def test_not_found(text):
    assert check_sensitive(view_of(text)) == []


def test_login_beside_a_password_is_an_error_and_alone_a_warning():
    both = check_sensitive(view_of("+ Tên đăng nhập: locninh.lochoa.ca", "+ Mật khẩu: matkhau@2025"))
    assert {(f.code, f.severity) for f in both} == {("sensitive.login", "error"), ("sensitive.password", "error")}
    alone = check_sensitive(view_of("Tên đăng nhập: locninh.lochoa.ca"))
    assert [(f.code, f.severity) for f in alone] == [("sensitive.login", "warning")]
    assert alone[0].where.section == "V" and alone[0].where.paragraph == 1
