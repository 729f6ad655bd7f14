"""Thông báo (notice): Decree 30, Appendix III, Mẫu 1.4 with the title
THÔNG BÁO; no "Kính gửi" (nd30-types.md, 5.4)."""

from .base import DocumentType

THONG_BAO = DocumentType(
    key="thong_bao",
    rank=60,
    name="Thông báo",
    title="THÔNG BÁO",
    symbol_prefix="TB",
    campaign=False,
    examples={"subject": "Kết luận của Chủ tịch Ủy ban nhân dân xã tại cuộc họp …"},
    outline=(("NỘI DUNG", (("paragraph", ""),)),),
)
