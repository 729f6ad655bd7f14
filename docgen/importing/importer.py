"""One way in for every delivery (CLI, later the web): bytes of a .docx or
of text -> the plan they hold and the import warnings. The kind of input is
told by its content first (a Word file is a ZIP package), then its name."""

from __future__ import annotations

from .parse import ImportRefused, ImportResult, ImportTooLarge, parse_source

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97-2003 .doc, and encrypted .docx


def import_bytes(data: bytes, name: str = "", *, incomplete: bool = False) -> ImportResult:
    """The plan in ``data`` (a .docx, or UTF-8 text); raises ImportRefused
    with a message for the clerk when it cannot be read. ``incomplete``: a
    plan that lacks a field its source does not state (its date) comes back
    as data with ``errors`` instead of being refused (see parse_source)."""
    lower = name.lower()
    if data.startswith(_OLE):
        raise ImportRefused("tệp Word cũ (.doc) hoặc tệp .docx có mật khẩu: hãy mở trong Word, "
                           "bỏ mật khẩu nếu có, rồi lưu lại dạng .docx")
    if data.startswith(_ZIP) or lower.endswith(".docx"):
        return parse_source(_read_docx(data), incomplete=incomplete)
    if not data.strip():
        raise ImportRefused("tệp trống: không có nội dung để nhập")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused("tệp không phải văn bản UTF-8 hay tệp Word .docx: hãy lưu văn bản dạng "
                           ".txt (UTF-8) hoặc .docx") from None
    if "\x00" in text:
        raise ImportRefused("tệp không phải văn bản (có ký tự nhị phân): chỉ nhập được .docx hoặc .txt")
    from .from_text import read_text

    return parse_source(read_text(text), incomplete=incomplete)


def warning_lines(result: ImportResult, source: str) -> list[str]:
    """The import's warnings as the clerk reads them, one line each: the
    source, the paragraph, the message and the field as the form names it
    (``kh.docx: đoạn 93: … [Số]``). Every delivery prints these."""
    from ..plan.labels import field_label

    return [f"{source}: {warning}" + (f" [{field_label(warning.path, result.data)}]" if warning.path else "")
            for warning in result.warnings]


def _read_docx(data: bytes):
    try:
        from .from_docx import UnreadableDocument, read_docx
        from ..word import DocumentTooLarge
    except ImportError:
        raise ImportRefused("chưa đọc được tệp Word trong bản này: hãy dán văn bản (.txt) thay cho tệp .docx") from None
    try:
        return read_docx(data)
    except DocumentTooLarge as error:  # more cells, paragraphs, text than docgen reads
        raise ImportTooLarge(str(error)) from None
    except UnreadableDocument as error:  # the reader's own message (not Word, .doc, encrypted, too large …)
        raise ImportRefused(str(error)) from None
