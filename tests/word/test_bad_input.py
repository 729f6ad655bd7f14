"""Files that are not a Word document safe to read are refused before
python-docx parses anything, with one error type and a Vietnamese message;
``docgen check`` and ``read_docx`` say the same and exit cleanly."""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.importing.from_docx import read_docx
from docgen.word import UnreadableDocument, read_word
from docgen.word.package import MAX_BYTES, OLE_MAGIC
from tests.bombs import docx_bomb
from tests.importing import foreign


def replaced(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, content if info.filename == name else source.read(info))
    return out.getvalue()


def ole(*streams: str) -> bytes:
    """A Compound File (what .doc and encrypted .docx are) naming ``streams``
    in its directory (names in UTF-16, as the format stores them)."""
    directory = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + b"\0" * 64 for name in streams)
    return OLE_MAGIC + b"\0" * 504 + directory.ljust(4096, b"\0")


def xxe() -> bytes:
    document = zipfile.ZipFile(io.BytesIO(foreign.direct_formatting())).read("word/document.xml").decode("utf-8")
    head, rest = document.split("?>", 1)
    evil = head + '?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + rest
    evil = evil.replace("Nguyễn Văn An", "&xxe;")
    return replaced(foreign.direct_formatting(), "word/document.xml", evil.encode("utf-8"))


def billion_laughs() -> bytes:
    entities = '<!ENTITY a "ha">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{f"&{chr(97 + i)};" * 10}">' for i in range(8))
    document = ('<?xml version="1.0"?><!DOCTYPE w:document [' + entities + ']><w:document xmlns:w='
                '"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&i;'
                '</w:t></w:r></w:p></w:body></w:document>')
    return replaced(foreign.direct_formatting(), "word/document.xml", document.encode("utf-8"))


def too_large() -> bytes:
    """A real .docx over 50 MB: a picture's worth of random bytes stored."""
    out = io.BytesIO(foreign.direct_formatting())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/media/image1.png", os.urandom(MAX_BYTES + 1024))
    return out.getvalue()


def a_sheet() -> bytes:
    from openpyxl import Workbook

    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


CASES = {
    "not_a_zip": (lambda: "Kế hoạch số 15".encode("utf-8"), "không phải văn bản Word .docx"),
    "an_excel_file": (a_sheet, "không có phần word/document.xml"),
    "old_doc": (lambda: ole("Root Entry", "WordDocument", "1Table"), r"văn bản Word cũ \(\.doc"),
    "encrypted": (lambda: ole("Root Entry", "EncryptionInfo", "EncryptedPackage"), "đặt mật khẩu"),
    "zip_bomb": (lambda: docx_bomb(300), r"giải nén ra 300,\d MB, quá giới hạn 200,0 MB"),
    "compressed_1000_times": (lambda: docx_bomb(40), "phần “word/document.xml” của tệp Word nén"),
    "xxe": (xxe, "DOCTYPE/ENTITY"),
    "billion_laughs": (billion_laughs, "DOCTYPE/ENTITY"),
    "over_50_mb": (too_large, r"quá giới hạn 50,0 MB"),
    "truncated": (lambda: foreign.direct_formatting()[:3000], "bị hỏng"),
}


@pytest.mark.parametrize("case", CASES)
def test_refused_with_a_message(case):
    build, message = CASES[case]
    data = build()
    with pytest.raises(UnreadableDocument, match=message):
        read_word(data)
    with pytest.raises(UnreadableDocument, match=message):
        read_docx(data)


@pytest.mark.parametrize("case", ["not_a_zip", "old_doc", "encrypted", "xxe", "compressed_1000_times"])
def test_docgen_check_says_so_and_exits_2(case, tmp_path):
    build, message = CASES[case]
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(build())
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert "không đọc được tệp .docx" in result.output
    assert "Traceback" not in result.output and "root:" not in result.output


def test_a_real_doc_from_libreoffice_is_refused():
    if not foreign.libreoffice_available():
        pytest.skip("LibreOffice (soffice) is not installed")
    data = foreign.convert(foreign.direct_formatting(), ".docx", target="doc:MS Word 97")
    assert data[:8] == OLE_MAGIC
    with pytest.raises(UnreadableDocument, match=r"văn bản Word cũ \(\.doc"):
        read_word(data)
