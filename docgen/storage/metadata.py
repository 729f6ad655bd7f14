"""The metadata of an issued document (Decree 30, Appendix VI), from the
register: ``docgen.metadata`` computes the 16 fields from the issued plan;
this module supplies what the register knows (the unit's code, the number,
the date, what the văn thư gave at the issue step, recall and replacement).
``outgoing.metadata_file`` hands out the XML file beside the PDF.

The same fields go into the issued PDF's XMP when it is made
(``signatures.issued_pdf``), before either signature."""

from __future__ import annotations

from ..metadata import Metadata, metadata_of
from ..plan.model import Plan
from .models import IssuedDocument


def description(entry: IssuedDocument) -> str:
    """Field 11 (Ghi chú): the replacement, and the recall once recalled."""
    parts = []
    if entry.replaces is not None:
        parts.append(f"Thay thế văn bản số {entry.replaces.number_text}")
    if entry.recall is not None:
        parts.append(f"Đã thu hồi: {entry.recall.reason}")
    return ". ".join(parts)


def entry_metadata(entry: IssuedDocument, pages: int) -> Metadata:
    """The 16 fields of the register row ``entry``, its PDF having ``pages``."""
    return metadata_of(
        Plan.model_validate(entry.plan), organ_id=entry.unit.code or "", number=entry.number,
        symbol=entry.symbol, issued_on=entry.issued_on, pages=pages,
        file_notation=entry.file_notation or "", doc_ordinal=entry.doc_ordinal or 0,
        copies=entry.copies, due_date=entry.reply_by, description=description(entry))
