"""``docgen normalize old.docx -o new.docx``: a plan laid out by another
producer, or badly, comes back in the Decree-30 layout: ``docgen check``
finds no layout problem in it, and its text is the original's (words in
order, the header facts and the signer)."""

from __future__ import annotations

import io
import json
from collections import Counter

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Mm, Pt

from docgen.cli import main
from docgen.importing.importer import import_bytes
from docgen.word import document_text

from ..words import coverage, words
from . import foreign


def _run(args, input_bytes=None):
    return CliRunner().invoke(main, args, input=input_bytes)


def bad_layout() -> bytes:
    """What a hurried clerk sends: 10 mm margins, Arial 11 on every run, no
    styles, the header typed as paragraphs, no "./." and no page numbers."""
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, side, Mm(10))
    lines = ([foreign.ISSUER[0], foreign.ISSUER[1], foreign.NUMBER, foreign.NATION, foreign.MOTTO, foreign.DATE,
              foreign.DOC_TYPE, foreign.SUBJECT, foreign.OPENING]
             + [f"{label} {text}" if label else text for _, label, text in foreign.BODY]
             + [foreign.RECIPIENTS_LABEL] + foreign.RECIPIENTS + foreign.AUTHORITY + [foreign.SIGNER])
    for line in lines:
        run = document.add_paragraph().add_run(line)
        run.font.name, run.font.size = "Arial", Pt(11)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


CASES = {"bad_layout": bad_layout, **{name: foreign.BUILDERS[name] for name in (
    "direct_formatting", "header_as_paragraphs", "other_fonts", "word_numbering", "style_inheritance",
    "tracked_changes", "appendix_merged_header", "libreoffice_from_text",
    "libreoffice_from_html")}}


def _layout_findings(tmp_path, path) -> list[dict]:
    result = _run(["check", "--json", str(path)])
    assert result.exit_code in (0, 1), result.output
    return [f for f in json.loads(result.stdout)["findings"] if f["code"].startswith("layout.")]


@pytest.fixture(params=sorted(CASES))
def original(request, tmp_path):
    if request.param in foreign.NEEDS_LIBREOFFICE and not foreign.libreoffice_available():
        pytest.skip("LibreOffice (soffice) is not installed")
    path = tmp_path / f"{request.param}.docx"
    path.write_bytes(CASES[request.param]())
    return path


def test_normalized_plan_has_no_layout_findings_and_the_same_text(original, tmp_path):
    out = tmp_path / "moi.docx"
    result = _run(["normalize", str(original), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _layout_findings(tmp_path, out) == []
    old, new = original.read_bytes(), out.read_bytes()
    assert coverage(document_text(old), document_text(new)) >= 0.98
    before, after = import_bytes(old, original.name).plan, import_bytes(new, out.name).plan
    assert after.header == before.header and after.signer == before.signer
    assert after.header.issuing_body == foreign.ISSUER and after.signer.name == foreign.SIGNER
    assert f"Số: {after.header.number}/{after.header.symbol}" == foreign.NUMBER


def test_a_signature_table_in_two_rows_keeps_its_words(tmp_path):
    """Read row by row, that table interleaves the recipients and the
    authority, so its words come back in the Decree's order, not the
    source's: every word is there but "(Đã ký)", left out with a warning."""
    source = tmp_path / "chu-ky.docx"
    source.write_bytes(foreign.signature_in_two_rows())
    out = tmp_path / "moi.docx"
    result = _run(["normalize", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert _layout_findings(tmp_path, out) == []
    old, new = Counter(words(document_text(source.read_bytes()))), Counter(words(document_text(out.read_bytes())))
    assert old - new == Counter(["đã", "ký"])
    assert "(Đã ký)" in result.stderr


def test_the_bad_layout_is_bad_before(tmp_path):
    """The case above can fail: the same checks find the bad file's layout wrong."""
    path = tmp_path / "cu.docx"
    path.write_bytes(bad_layout())
    codes = {f["code"] for f in _layout_findings(tmp_path, path)}
    assert {"layout.margins", "layout.font", "layout.size"} <= codes


def test_import_warnings_are_printed(tmp_path):
    """A file that is only an appendix: its warnings, as `docgen import`
    prints them (paragraph, field as the form names it), on stderr."""
    source = tmp_path / "phu-luc.docx"
    source.write_bytes(foreign.appendix_only())
    out = tmp_path / "moi.docx"
    result = _run(["normalize", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    imported = _run(["import", str(source), "-o", str(tmp_path / "plan.yaml")])
    warnings = [line for line in result.stderr.splitlines() if line.startswith(f"{source}: ")]
    assert warnings and warnings == [line for line in imported.stderr.splitlines() if line.startswith(f"{source}: ")]
    assert f"{source}: đoạn 4: không thấy họ tên người ký: cần điền [Họ tên người ký]" in warnings
    assert docx.Document(str(out)).paragraphs  # a Word file was written


def _refused(tmp_path, name, data, message):
    source = tmp_path / name
    source.write_bytes(data)
    out = tmp_path / "moi.docx"
    result = _run(["normalize", str(source), "-o", str(out)])
    assert result.exit_code == 2
    assert "không nhập được" in result.stderr and message in result.stderr
    assert "Traceback" not in result.output and not out.exists()


def test_unreadable_inputs_get_the_import_messages(tmp_path):
    _refused(tmp_path, "cu.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Word cũ (.doc)")
    _refused(tmp_path, "anh.docx", b"PK\x03\x04" + b"\0" * 100, "")
    _refused(tmp_path, "trong.txt", b"  \n\n", "tệp trống")
    _refused(tmp_path, "thu.txt", "Chào anh, em gửi bản tin.\n".encode(), "không nhận ra kế hoạch")
    missing = _run(["normalize", str(tmp_path / "khong-co.docx"), "-o", str(tmp_path / "x.docx")])
    assert missing.exit_code == 2 and "không tìm thấy tệp" in missing.stderr
