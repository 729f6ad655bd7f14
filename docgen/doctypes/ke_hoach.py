"""Kế hoạch (plan): Decree 30, Appendix III, Mẫu 1.4; also the text a
Quyết định issues (Mẫu 1.3)."""

from .base import DocumentType

KE_HOACH = DocumentType(
    key="ke_hoach",
    rank=10,
    name="Kế hoạch",
    title="KẾ HOẠCH",
    symbol_prefix="KH",
    attachable=True,
    outline=(
        ("MỤC ĐÍCH, YÊU CẦU", (("heading", "Mục đích"), ("bullet", ""), ("heading", "Yêu cầu"), ("bullet", ""))),
        ("NỘI DUNG THỰC HIỆN", (("numbered", ""),)),
        ("TỔ CHỨC THỰC HIỆN", ()),
    ),
)
