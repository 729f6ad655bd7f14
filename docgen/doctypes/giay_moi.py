"""Giấy mời (invitation): Decree 30, Appendix III, Mẫu 1.7: the title GIẤY
MỜI, what the meeting is about, then "<cơ quan> trân trọng kính mời: …",
"Tới dự: …", "Chủ trì: …", "Thời gian: …", "Địa điểm: …", "Thành phần: …"
and the points to note (nd30-types.md, 5.5). No "Kính gửi": the invitees are
named in the body."""

from .base import DocumentType

GIAY_MOI = DocumentType(
    key="giay_moi",
    rank=70,
    name="Giấy mời",
    title="GIẤY MỜI",
    symbol_prefix="GM",
    appendices=False,
    campaign=False,
    parts=("meeting",),
    checks=("meeting",),
    examples={"subject": "Dự lễ ra quân …"},
)
