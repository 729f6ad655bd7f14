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


def with_content_type(main_type: str) -> bytes:
    """The test file with its main part declared as ``main_type``: what a
    .docm or a .dotx says it is."""
    data = foreign.direct_formatting()
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").decode("utf-8")
    declared = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    assert declared in types
    return replaced(data, "[Content_Types].xml", types.replace(declared, main_type).encode("utf-8"))


def styles_with_doctype(encoding: str) -> bytes:
    """styles.xml with a DOCTYPE, written in ``encoding`` (with its BOM):
    no byte of it reads "<!DOCTYPE" unless the encoding is UTF-8."""
    data = foreign.direct_formatting()
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode("utf-8")
    head, rest = styles.split("?>", 1)
    styles = (head.replace("UTF-8", encoding.upper()) + '?><!DOCTYPE w:styles [<!ENTITY xxe SYSTEM '
              '"file:///etc/passwd">]>' + rest)
    return replaced(data, "word/styles.xml", styles.encode(encoding))


def doctype_in_a_part_not_named_xml() -> bytes:
    """The styles part renamed word/styles.dat (its relationship and content
    type follow it, so python-docx still parses it), with a DOCTYPE."""
    source = styles_with_doctype("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as archive, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            blob = archive.read(info)
            if info.filename == "word/styles.xml":
                target.writestr("word/styles.dat", blob)
                continue
            if info.filename in ("word/_rels/document.xml.rels", "[Content_Types].xml"):
                blob = blob.replace(b"styles.xml", b"styles.dat")
            target.writestr(info, blob)
    return out.getvalue()


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
    "doctype_in_utf16": (lambda: styles_with_doctype("utf-16"), "phần “word/styles.xml” .* DOCTYPE/ENTITY"),
    "doctype_in_utf32": (lambda: styles_with_doctype("utf-32"), "phần “word/styles.xml” .* DOCTYPE/ENTITY"),
    "doctype_in_a_part_not_named_xml": (doctype_in_a_part_not_named_xml, "phần “word/styles.dat” .* DOCTYPE"),
    "macro_enabled_docm": (lambda: with_content_type("application/vnd.ms-word.document.macroEnabled.main+xml"),
                           r"có macro \(\.docm\)"),
    "word_template_dotx": (lambda: with_content_type(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"), r"mẫu Word \(\.dotx"),
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


def test_the_doctype_cases_are_read_by_python_docx_itself():
    """Each DOCTYPE case is one python-docx would parse (so the check is
    needed), and one the former text search for "<!DOCTYPE" missed."""
    import re

    from docx import Document

    for case in ("doctype_in_utf16", "doctype_in_utf32", "doctype_in_a_part_not_named_xml"):
        data = CASES[case][0]()
        styles = Document(io.BytesIO(data)).part.styles.element  # parsed; nothing resolved
        assert styles.getroottree().docinfo.doctype.startswith("<!DOCTYPE")
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            missed = [name for name in archive.namelist() if name.endswith((".xml", ".rels"))
                      and re.search(rb"<!\s*DOCTYPE", archive.read(name))]
        assert missed == [], case


@pytest.mark.parametrize("case", ["macro_enabled_docm", "word_template_dotx", "truncated"])
def test_messages_carry_no_english_or_memory_address(case):
    with pytest.raises(UnreadableDocument) as refused:
        read_word(CASES[case][0]())
    message = str(refused.value)
    for english in ("0x", "BytesIO", "is not a Word file", "content type", "Error", "File"):
        assert english not in message


def test_a_wide_table_is_refused_after_its_first_cells():
    """A million cells in 0.6 MB, which the ZIP checks let through: refused
    by count while the XML streams past, before python-docx builds it."""
    from docgen.word import DocumentTooLarge
    from docgen.word.package import CONTENT_LIMITS
    from tests.bombs import wide_table_docx

    data = wide_table_docx()
    assert len(data) < 700_000
    with pytest.raises(DocumentTooLarge, match=r"tệp Word có hơn 30\.000 ô bảng, quá giới hạn 30\.000"):
        read_word(data)
    assert CONTENT_LIMITS.cells == 30_000
