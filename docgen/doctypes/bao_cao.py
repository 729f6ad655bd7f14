"""Báo cáo (report): Decree 30, Appendix III, Mẫu 1.4 with the title BÁO CÁO.

A report sent back after a plan carries the plan's targets beside its
results (appendices) and may keep the plan's campaign, whose days the
appendix's daily quotas are computed from.
"""

from .base import DocumentType

BAO_CAO = DocumentType(
    key="bao_cao",
    name="Báo cáo",
    title="BÁO CÁO",
    symbol_prefix="BC",
    template="report.docx",
    looks_ahead=False,  # a report is written after the period it covers
    division_marks=("part",),  # "Phần thứ nhất", "PHẦN I" as the report writes them
    outline=(
        ("KẾT QUẢ THỰC HIỆN", (("numbered", ""),)),
        ("KHÓ KHĂN, VƯỚNG MẮC", (("bullet", ""),)),
        ("ĐỀ XUẤT, KIẾN NGHỊ", (("bullet", ""),)),
    ),
)
