"""Công văn (official letter): Decree 30, Appendix III, Mẫu 1.5: no title
line; the subject "V/v …" under the number in the header's left column; a
"Kính gửi:" block; a symbol without a type code, the issuer's abbreviation
and the drafting unit's or the field's (``UBND-VX``, nd30-types.md, 5.1)."""

from .base import DocumentType

CONG_VAN = DocumentType(
    key="cong_van",
    rank=30,
    name="Công văn",
    title=None,
    symbol_prefix=None,
    unit_symbol="VP",
    layout="letter",
    campaign=False,
    addressees="required",
    addressees_start=True,
    subject_prefix="V/v ",
    parts=("opening",),
    subject_limit=30,
    checks=("letter_subject", "addressees"),
    labels={"subject": "Trích yếu (V/v)", "opening": "Nội dung", "opening.*": "Đoạn {n}",
            "reference": "Văn bản được trả lời, thực hiện"},
    examples={"subject": "báo cáo kết quả cài đặt, kích hoạt tài khoản định danh điện tử",
              "header.symbol": "UBND-VP", "addressees.*": "Công an xã"},
)
