"""The type line (ô 5a: "KẾ HOẠCH", "BÁO CÁO", "QUYẾT ĐỊNH") or, when a
web page dropped it, the type the symbol names (``Số: 17/KH-UBND``: a Kế
hoạch). Types are data (docgen.doctypes): a registered type is one docgen
writes; the decree's other types are recognised too, so that a decision is
not read as a plan."""

from __future__ import annotations

from ... import doctypes
from ..lines import Line
from .model import INFERRED, STATED, Found


def type_of_line(line: Line) -> doctypes.DocumentType | None:
    """The type whose title ``line`` is on its own ("KẾ HOẠCH", "Kế hoạch",
    "KE HOACH"); "QUYẾT ĐỊNH:" (a decision's enacting word) is not one."""
    text = line.text.strip()
    if not text or len(text) > 30 or text.endswith(":") or not text[0].isalpha():
        return None
    found = doctypes.recognised_title(text)
    if found is None:
        from .words import fold

        folded = fold(text)
        found = next((t for t in doctypes.decree.decree_types(doctypes.ALL.values())
                      if t.title is not None and fold(t.title) == folded), None)
    return found


def find(items: list, limit: int = 40) -> int | None:
    """Index of the type line among the first ``limit`` items."""
    for index, item in enumerate(items[:limit]):
        if isinstance(item, Line) and type_of_line(item):
            return index
    return None


def stated(line: Line) -> Found:
    return Found(line.text, (line,), type_of_line(line), STATED)


def from_symbol(number: Found | None, titles: str) -> Found | None:
    """The type the symbol's code names, said as an inference."""
    if number is None:
        return None
    doc_type = doctypes.for_symbol(number.value[1])
    if doc_type is None or doc_type.title is None:
        return None  # a type without a title line (a Công văn) is told by its subject ("V/v", :mod:`.letter`)
    note = (f"không thấy dòng tên loại văn bản ({titles}); loại văn bản “{doc_type.name}” suy ra từ ký hiệu "
            f"{number.value[1]}")
    return Found(doc_type.title, number.lines, doc_type, INFERRED, note)


def issued_type(subject: Found | None) -> Found | None:
    """The type a decision's subject says it issues ("Về việc ban hành Kế
    hoạch …"), when the issued text has no type line of its own."""
    if subject is None:
        return None
    from .words import fold

    text = fold(subject.text)
    for doc_type in doctypes.ALL.values():
        for verb in doctypes.decree.ISSUING_VERBS:
            if f"{fold(verb)} {fold(doc_type.name)}" in text:
                note = (f"văn bản kèm theo không có dòng tên loại văn bản; loại “{doc_type.name}” suy ra từ trích "
                        f"yếu của văn bản ban hành nó")
                return Found(doc_type.title, subject.lines, doc_type, INFERRED, note)
    return None
