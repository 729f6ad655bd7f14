"""An .xlsx zip bomb as the attacker built it: a valid workbook whose sheet
is 300 MB of repeated XML that deflates to a few hundred KB."""

from __future__ import annotations

import functools
import io
import zipfile

from openpyxl import Workbook

ROW = b'<row><c t="inlineStr"><is><t>X\xc3\xa3 Ia Kha</t></is></c></row>'


@functools.cache
def xlsx_bomb(unpacked_mb: int = 300) -> bytes:
    book = io.BytesIO()
    Workbook().save(book)
    out = io.BytesIO()
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, source.read(info))
                continue
            chunk = ROW * (1024 * 1024 // len(ROW))
            with target.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                            b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
                for _ in range(unpacked_mb):
                    sheet.write(chunk)
                sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


PARAGRAPH = "<w:p><w:r><w:t>Tuyên truyền cài đặt VNeID</w:t></w:r></w:p>".encode("utf-8")


@functools.cache
def docx_bomb(unpacked_mb: int = 300) -> bytes:
    """A valid .docx whose document.xml is ``unpacked_mb`` MB of repeated
    paragraphs that deflate to a few hundred KB."""
    import docx

    book = io.BytesIO()
    docx.Document().save(book)
    out = io.BytesIO()
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                target.writestr(info, source.read(info))
                continue
            chunk = PARAGRAPH * (1024 * 1024 // len(PARAGRAPH))
            with target.open(info.filename, "w", force_zip64=True) as part:
                part.write(b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w='
                           b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
                for _ in range(unpacked_mb):
                    part.write(chunk)
                part.write(b"</w:body></w:document>")
    return out.getvalue()
