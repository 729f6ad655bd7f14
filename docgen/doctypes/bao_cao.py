"""Báo cáo (report): Decree 30, Appendix III, Mẫu 1.4 with the title BÁO CÁO.

A report sent back after a plan carries the plan's targets beside its
results (appendices) and may keep the plan's campaign, whose days the
appendix's daily quotas are computed from. A report sent to a higher body
carries "Kính gửi" (nd30-types.md, 5.4): ``docgen report-from`` addresses
it to the plan's issuer.
"""

from .base import DocumentType

BAO_CAO = DocumentType(
    key="bao_cao",
    rank=20,
    name="Báo cáo",
    title="BÁO CÁO",
    symbol_prefix="BC",
    looks_ahead=False,  # a report is written after the period it covers
    period=True,
    addressees="optional",
    checks=("addressees",),
    labels={"reference": "Văn bản được báo cáo", "reference.type_name": "Loại văn bản được báo cáo",
            "reference.number": "Số văn bản được báo cáo", "reference.symbol": "Ký hiệu văn bản được báo cáo",
            "reference.date": "Ngày văn bản được báo cáo",
            "reference.issuer_name": "Cơ quan ban hành văn bản được báo cáo",
            "reference.subject": "Trích yếu văn bản được báo cáo"},
    division_marks=("part",),  # "Phần thứ nhất", "PHẦN I" as the report writes them
    outline=(
        ("KẾT QUẢ THỰC HIỆN", (("numbered", ""),)),
        ("KHÓ KHĂN, VƯỚNG MẮC", (("bullet", ""),)),
        ("ĐỀ XUẤT, KIẾN NGHỊ", (("bullet", ""),)),
    ),
)
