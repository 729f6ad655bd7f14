"""Quy chế (regulations) issued by a Quyết định (Mẫu 1.3): chapters
"Chương I" with articles "Điều 1. …"; no number of its own."""

from .base import DocumentType

QUY_CHE = DocumentType(
    key="quy_che",
    rank=80,
    name="Quy chế",
    title="QUY CHẾ",
    symbol_prefix="QC",
    standalone=False,
    attachable=True,
    appendices=False,
    campaign=False,
    section_style="chapter",
    parts=("opening", "sections"),  # its chapters end with its last article: no closing paragraph
)
