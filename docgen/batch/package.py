"""Packing many documents of one Word template fast.

:meth:`CompiledTemplate.render <docgen.render.CompiledTemplate.render>`
deflates every part of the package for every document, although only
``word/document.xml`` changes; styles.xml and stylesWithEffects.xml alone are
800 KB and cost most of a render. A batch takes the parts of one rendered
document once, keeps the unchanging ones deflated, and for each unit deflates
only its ``document.xml`` (from ``CompiledTemplate.render_document_xml``,
the same XML ``render`` writes). The result is a standard ZIP with the same
parts, names and order; only the deflate bytes may differ.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

from ..render import DOCUMENT_PART, CompiledTemplate

_DOS_TIME = 0  # 00:00:00
_DOS_DATE = (2024 - 1980) << 9 | 1 << 5 | 1  # 2024-01-01, as render.py stamps parts
_VERSION = 20
_DEFLATED = 8


@dataclass(frozen=True)
class _Part:
    name: bytes
    crc: int
    size: int
    data: bytes  # raw deflate stream


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def _part(name: str, data: bytes) -> _Part:
    return _Part(name.encode("ascii"), zlib.crc32(data), len(data), _deflate(data))


class DocxPacker:
    """Documents of one template: ``pack(document_xml) -> .docx bytes``."""

    def __init__(self, template: CompiledTemplate, sample_document: bytes) -> None:
        with zipfile.ZipFile(io.BytesIO(sample_document)) as archive:
            self._parts = [
                None if info.filename == DOCUMENT_PART else _part(info.filename, archive.read(info))
                for info in archive.infolist()
            ]
        self._template = template

    def render(self, context: dict) -> bytes:
        return self.pack(self._template.render_document_xml(context))

    def pack(self, document_xml: bytes) -> bytes:
        out = bytearray()
        central = bytearray()
        for part in self._parts:
            part = part or _part(DOCUMENT_PART, document_xml)
            offset = len(out)
            out += struct.pack("<IHHHHHIIIHH", 0x04034B50, _VERSION, 0, _DEFLATED, _DOS_TIME,
                               _DOS_DATE, part.crc, len(part.data), part.size, len(part.name), 0)
            out += part.name
            out += part.data
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, _VERSION, _VERSION, 0,
                                   _DEFLATED, _DOS_TIME, _DOS_DATE, part.crc, len(part.data),
                                   part.size, len(part.name), 0, 0, 0, 0, 0, offset)
            central += part.name
        start = len(out)
        out += central
        out += struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(self._parts), len(self._parts),
                           len(central), start, 0)
        return bytes(out)
