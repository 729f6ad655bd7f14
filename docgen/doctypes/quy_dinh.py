"""Quy định (rules) issued by a Quyết định (Mẫu 1.3): chapters "Chương I"
with articles "Điều 1. …"; no number of its own."""

from .base import DocumentType

QUY_DINH = DocumentType(
    key="quy_dinh",
    rank=90,
    name="Quy định",
    title="QUY ĐỊNH",
    symbol_prefix="QyĐ",
    standalone=False,
    attachable=True,
    appendices=False,
    campaign=False,
    section_style="chapter",
    parts=("opening", "sections"),  # its chapters end with its last article: no closing paragraph
)
