"""Zip bombs as an attacker builds them: a valid workbook or Word file whose
sheet or body is 300 MB of repeated XML that deflates to a few hundred KB."""

from __future__ import annotations

import functools
import io
import zipfile

from openpyxl import Workbook

ROW = b'<row><c t="inlineStr"><is><t>X\xc3\xa3 Ia Kha</t></is></c></row>'


def _swollen(package: bytes, part: str, head: bytes, unit: bytes, tail: bytes, unpacked_mb: int) -> bytes:
    """``package`` with ``part`` replaced by ``head``, ``unpacked_mb`` MB of
    ``unit`` repeated and ``tail``: deflated to a few hundred KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != part:
                target.writestr(info, source.read(info))
                continue
            chunk = unit * (1024 * 1024 // len(unit))
            with target.open(info.filename, "w", force_zip64=True) as swollen:
                swollen.write(head)
                for _ in range(unpacked_mb):
                    swollen.write(chunk)
                swollen.write(tail)
    return out.getvalue()


@functools.cache
def xlsx_bomb(unpacked_mb: int = 300) -> bytes:
    book = io.BytesIO()
    Workbook().save(book)
    return _swollen(book.getvalue(), "xl/worksheets/sheet1.xml",
                    b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
                    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
                    ROW, b"</sheetData></worksheet>", unpacked_mb)


PARAGRAPH = "<w:p><w:r><w:t>Tuyên truyền cài đặt VNeID</w:t></w:r></w:p>".encode("utf-8")


@functools.cache
def docx_bomb(unpacked_mb: int = 300) -> bytes:
    """A valid .docx whose document.xml is ``unpacked_mb`` MB of repeated
    paragraphs that deflate to a few hundred KB."""
    import docx

    book = io.BytesIO()
    docx.Document().save(book)
    return _swollen(book.getvalue(), "word/document.xml",
                    b'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w='
                    b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>',
                    PARAGRAPH, b"</w:body></w:document>", unpacked_mb)


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@functools.cache
def wide_table_docx(columns: int = 5000, rows: int = 200, noise: float = 0.08) -> bytes:
    """A valid .docx whose body is a plan's first lines and one table of
    ``columns`` x ``rows`` cells (a million by default): about 0.6 MB, every
    part compressed less than 100 times (the ZIP checks let it through), as
    an attacker builds it. A row of mostly "1" with ``noise`` of random
    numbers is longer than deflate's window, so repeating it keeps the ratio."""
    import random

    import docx

    rnd = random.Random(20)
    row = b"<w:tr>" + b"".join(
        f"<w:tc><w:p><w:r><w:t>{rnd.randint(0, 99999) if rnd.random() < noise else 1}</w:t></w:r></w:p></w:tc>"
        .encode() for _ in range(columns)) + b"</w:tr>"
    body = b"".join([
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
        "<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p><w:p><w:r><w:t>I. MỤC ĐÍCH</w:t></w:r></w:p>"
        "<w:tbl><w:tblGrid>".encode(),
        b'<w:gridCol w:w="100"/>' * columns, b"</w:tblGrid>", row * rows,
        b"</w:tbl><w:sectPr/></w:body></w:document>",
    ])
    package = io.BytesIO()
    docx.Document().save(package)
    out = io.BytesIO()
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, body if info.filename == "word/document.xml" else source.read(info))
    return out.getvalue()
