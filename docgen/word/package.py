"""Opening a .docx safely: the bytes are checked before python-docx parses
anything, so a file that is not Word, an old binary .doc, an encrypted file,
a macro-enabled .docm or a template, a zip bomb, a part with a DTD (XXE,
entity expansion), a file over 50 MB or one holding more than docgen reads
(:class:`ContentLimits`: table cells, paragraphs, runs, characters) is
refused with one error, :class:`UnreadableDocument`, whose message says in
Vietnamese what is wrong (:class:`DocumentTooLarge` for the limits).

Every part of the package is run through lxml, the parser python-docx uses,
with a parser target that refuses a DOCTYPE and counts the elements that cost
work, while the part streams out of the ZIP: nothing is built, and a table
of a million cells is refused after the first thirty thousand. A part lxml
cannot read at all (a picture) holds no XML python-docx could parse.

Also the package's raw XML parts, for tests that check the file is
well-formed.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from zlib import error as zlib_error

from lxml import etree

from ..vietnamese import vn
from .zip_limits import ZipLimits, check_zip_size, megabytes

MAX_BYTES = 50 * 1024 * 1024
LIMITS = ZipLimits(
    what="tệp Word",
    max_unpacked=200 * 1024 * 1024,  # a 50 MB file of pictures unpacks to about as much
    advice="tệp có thể bị hỏng hoặc cố ý làm hại máy chủ",
)
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Compound File: .doc, and encrypted .docx
# lxml's parser for parts read here: no entities resolved, nothing fetched.
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
CHUNK = 64 * 1024  # bytes of a part fed to the parser at a time


@dataclass(frozen=True)
class ContentLimits:
    """What one Word file may hold, all parts together, for docgen to read
    it. A plan docgen can print has at most 1,500 appendix rows and a
    million characters (``docgen.plan.model``); reading costs about 40 µs
    of CPU and 2 KB of memory per table cell, so a file ten times larger
    than any plan is refused before it costs seconds."""

    cells: int = 30_000  # w:tc
    paragraphs: int = 60_000  # w:p, in cells too
    runs: int = 200_000  # w:r
    characters: int = 2_000_000  # text, all parts
    elements: int = 2_000_000  # every XML element


CONTENT_LIMITS = ContentLimits()
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_COUNTED = {f"{_W}tc": "cells", f"{_W}p": "paragraphs", f"{_W}r": "runs"}
_TOO_MANY = {  # what the clerk is told, per limit
    "cells": "ô bảng",
    "paragraphs": "đoạn văn",
    "runs": "đoạn chữ định dạng (run)",
    "characters": "ký tự",
    "elements": "thành phần XML",
}


class UnreadableDocument(Exception):
    """The bytes are not a Word document docgen can read; the message says
    why in Vietnamese."""


class DocumentTooLarge(UnreadableDocument):
    """A Word file holding more than :class:`ContentLimits` allows."""


def _dtd_refused(name: str) -> UnreadableDocument:
    return UnreadableDocument(
        f"phần “{name}” của tệp Word có khai báo DOCTYPE/ENTITY, điều Word không bao giờ ghi; "
        "tệp có thể cố ý làm hại máy chủ nên không được đọc")


def _content_type_refused(content_type: str) -> UnreadableDocument | None:
    """A package that is Word's but not a document docgen reads."""
    kind = content_type.lower()
    if "macroenabled" in kind:
        return UnreadableDocument(
            "tệp Word có macro (.docm) không được đọc vì macro có thể chứa mã độc; hãy mở trong Word "
            "và lưu thành “Tài liệu Word (.docx)”")
    if "template" in kind and ("wordprocessingml" in kind or "ms-word" in kind):
        return UnreadableDocument(
            "tệp là mẫu Word (.dotx, .dotm), không phải văn bản; hãy mở trong Word "
            "và lưu thành “Tài liệu Word (.docx)”")
    return None


class _Tally:
    """Counts of the whole package against ``limits``."""

    def __init__(self, limits: ContentLimits) -> None:
        self.limits = limits
        self.counts = dict.fromkeys(_TOO_MANY, 0)

    def add(self, counts: dict[str, int]) -> None:
        for kind, count in counts.items():
            self.counts[kind] += count

    def over(self, kind: str, part_count: int) -> None:
        limit = getattr(self.limits, kind)
        if self.counts[kind] + part_count > limit:
            raise DocumentTooLarge(
                f"tệp Word có hơn {vn.format_number(limit)} {_TOO_MANY[kind]}, quá giới hạn "
                f"{vn.format_number(limit)} {_TOO_MANY[kind]} một văn bản docgen đọc được; hãy bỏ bớt nội dung "
                "(một bảng số liệu lớn: lưu thành tệp Excel rồi tải vào phụ lục)")


class _PartScan:
    """An lxml parser target for one part: refuses a DOCTYPE, counts what
    costs work, and stops the parse as soon as a limit is passed. Builds
    nothing."""

    def __init__(self, name: str, tally: _Tally) -> None:
        self.name, self.tally = name, tally
        self.counts = dict.fromkeys(_TOO_MANY, 0)
        self.content_types = name == "[Content_Types].xml"

    def doctype(self, *_declaration) -> None:
        raise _dtd_refused(self.name)

    def start(self, tag, attrib) -> None:
        counts = self.counts
        counts["elements"] += 1
        if counts["elements"] % 1024 == 0:
            self.tally.over("elements", counts["elements"])
        kind = _COUNTED.get(tag)
        if kind is not None:
            counts[kind] += 1
            self.tally.over(kind, counts[kind])
        elif self.content_types and tag in (f"{_CONTENT_TYPES}Override", f"{_CONTENT_TYPES}Default"):
            refused = _content_type_refused(attrib.get("ContentType", ""))
            if refused is not None:
                raise refused

    def data(self, text) -> None:
        self.counts["characters"] += len(text)
        self.tally.over("characters", self.counts["characters"])

    def close(self) -> None:
        self.tally.over("elements", self.counts["elements"])
        self.tally.over("characters", self.counts["characters"])


def _parser(scan: _PartScan) -> etree.XMLParser:
    return etree.XMLParser(target=scan, resolve_entities=False, no_network=True, load_dtd=False,
                           huge_tree=False)


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, tally: _Tally) -> None:
    """Stream the part through lxml; when the streaming parser cannot read
    it, parse it whole the way python-docx would (lxml detects some
    encodings, UTF-32 for one, only then): a part neither reads is not XML."""
    scan = _PartScan(info.filename, tally)
    parser = _parser(scan)
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                parser.feed(chunk)
        parser.close()
    except etree.XMLSyntaxError:
        scan = _PartScan(info.filename, tally)
        try:
            etree.fromstring(archive.read(info), _parser(scan))
        except etree.XMLSyntaxError:
            return  # not XML: a picture, a font, an embedded file
    tally.add(scan.counts)


def check_package(data: bytes, limits: ContentLimits | None = None) -> None:
    """Raise :class:`UnreadableDocument` unless ``data`` looks like a .docx
    safe to open: size, container kind, declared unpacked sizes, no DTD in
    any part (in any encoding lxml reads), a document rather than a
    template or a macro-enabled file, and no more than ``limits`` hold."""
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
        members = [info for info in archive.infolist() if not info.is_dir()]
        if "word/document.xml" not in {info.filename for info in members}:
            raise UnreadableDocument("tệp nén không có phần word/document.xml nên không phải văn bản Word .docx")
        # The content types first: a .docm is named as such before its body is counted.
        members.sort(key=lambda info: info.filename != "[Content_Types].xml")
        tally = _Tally(limits or CONTENT_LIMITS)
        for info in members:
            _scan_part(archive, info, tally)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError,
            zlib_error):
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
