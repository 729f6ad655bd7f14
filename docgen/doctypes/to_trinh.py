"""Tờ trình (submission): Decree 30, Appendix III, Mẫu 1.4 with the title
TỜ TRÌNH; sent from a lower to a higher body it carries "Kính gửi"
(nd30-types.md, 5.4), which a new one starts with."""

from .base import DocumentType

TO_TRINH = DocumentType(
    key="to_trinh",
    rank=50,
    name="Tờ trình",
    title="TỜ TRÌNH",
    symbol_prefix="TTr",
    campaign=False,
    addressees="optional",
    addressees_start=True,
    checks=("addressees",),
    examples={"subject": "Về việc đề nghị hỗ trợ kinh phí …", "addressees.*": "Ủy ban nhân dân tỉnh …"},
    outline=(
        ("SỰ CẦN THIẾT", (("paragraph", ""),)),
        ("NỘI DUNG ĐỀ NGHỊ", (("numbered", ""),)),
        ("KIẾN NGHỊ", (("paragraph", ""),)),
    ),
)
