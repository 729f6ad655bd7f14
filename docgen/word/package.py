"""Opening a .docx safely: the bytes are checked before python-docx parses
anything, so a file that is not Word, an old binary .doc, an encrypted file,
a zip bomb, a part with a DTD (XXE, entity expansion) or a file over 50 MB is
refused with one error, :class:`UnreadableDocument`, whose message says in
Vietnamese what is wrong.

Also the package's raw XML parts, for tests that check the file is
well-formed.
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

from .zip_limits import ZipLimits, check_zip_size, megabytes

MAX_BYTES = 50 * 1024 * 1024
LIMITS = ZipLimits(
    what="tệp Word",
    max_unpacked=200 * 1024 * 1024,  # a 50 MB file of pictures unpacks to about as much
    advice="tệp có thể bị hỏng hoặc cố ý làm hại máy chủ",
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .doc, and encrypted .docx
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
# lxml's parser for parts read here: no entities resolved, nothing fetched.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class UnreadableDocument(Exception):
    """The bytes are not a Word document docgen can read; the message says
    why in Vietnamese."""


def check_package(data: bytes) -> None:
    """Raise :class:`UnreadableDocument` unless ``data`` looks like a .docx
    safe to open: size, container kind, declared unpacked sizes and no DTD
    in any XML part."""
    if len(data) > MAX_BYTES:
        raise UnreadableDocument(
            f"tệp nặng {megabytes(len(data))}, quá giới hạn {megabytes(MAX_BYTES)} của một tệp Word")
    if data.startswith(OLE_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00i\x00o\x00n\x00I\x00n\x00f\x00o" in data:
            raise UnreadableDocument(
                "tệp Word đã đặt mật khẩu (mã hóa) nên không đọc được; hãy mở trong Word, "
                "bỏ mật khẩu (Tệp > Thông tin > Bảo vệ tài liệu) rồi lưu lại")
        raise UnreadableDocument(
            "tệp là văn bản Word cũ (.doc, Word 97–2003); hãy mở trong Word hoặc LibreOffice "
            "và lưu lại dạng .docx")
    if not data.startswith(b"PK"):
        raise UnreadableDocument("tệp không phải văn bản Word .docx (không phải tệp nén ZIP của Word)")
    check_zip_size(data, LIMITS, UnreadableDocument)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        if "word/document.xml" not in names:
            raise UnreadableDocument("tệp nén không có phần word/document.xml nên không phải văn bản Word .docx")
        for name in names:
            if name.endswith((".xml", ".rels")) and _DTD.search(archive.read(name)):
                raise UnreadableDocument(
                    f"phần “{name}” của tệp Word có khai báo DOCTYPE/ENTITY, điều Word không bao giờ ghi; "
                    "tệp có thể cố ý làm hại máy chủ nên không được đọc")
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        # The library's own words (English) are no use to a clerk.
        raise UnreadableDocument("tệp Word bị hỏng, không giải nén được (có thể tệp bị cắt cụt); "
                                 "hãy mở lại trong Word và lưu thành .docx") from None


def xml_parts(docx: bytes) -> dict[str, bytes]:
    """Every XML part of the package (``.xml`` and ``.rels``)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name.endswith((".xml", ".rels"))
        }


def malformed_parts(docx: bytes) -> dict[str, str]:
    """Parts that are not well-formed XML, with the parser's message."""
    bad = {}
    for name, blob in xml_parts(docx).items():
        try:
            etree.fromstring(blob, PARSER)
        except etree.XMLSyntaxError as error:
            bad[name] = str(error)
    return bad
