"""Text boxes and shapes read in document order: DrawingML once (its VML
fallback only when it is alone), boxes of one anchor by where they sit,
a group's boxes by their offsets, deleted text left out."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml

from docgen.word import read_word

from ..importing.corpus import word_files

NS = word_files._SHAPE_NS


def _box(text: str) -> list:
    return [(text, False, False, 13)]


def _anchor(x: int, y: int, text: str, vml: bool = True) -> str:
    box = word_files._drawing_box(1, x, _box(text), vml=vml)
    return box.replace("<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>0</wp:posOffset>",
                       f"<wp:positionV relativeFrom=\"paragraph\"><wp:posOffset>{y}</wp:posOffset>")


def _read(runs: list[str], deleted: bool = False) -> list[str]:
    document = docx.Document()
    paragraph = document.add_paragraph("Đoạn neo")
    for run in runs:
        element = f"<w:r {NS}>{run}</w:r>"
        if deleted:
            element = f'<w:del {NS} w:id="9" w:author="A">{element}</w:del>'
        paragraph._p.append(parse_xml(element))
    out = io.BytesIO()
    document.save(out)
    return [p.text for p in read_word(out.getvalue()).paragraphs()]


@pytest.mark.parametrize("runs, texts", [
    ([_anchor(0, 0, "TRÁI")], ["TRÁI", "Đoạn neo"]),  # DrawingML and its VML fallback: read once
    ([_anchor(3100000, 0, "PHẢI"), _anchor(0, 0, "TRÁI")], ["TRÁI", "PHẢI", "Đoạn neo"]),
    ([_anchor(3100000, 100000, "PHẢI"), _anchor(0, 0, "TRÁI")], ["TRÁI", "PHẢI", "Đoạn neo"]),  # about one height
    ([_anchor(0, 2000000, "DƯỚI"), _anchor(3100000, 0, "TRÊN")], ["TRÊN", "DƯỚI", "Đoạn neo"]),
    ([word_files._vml_box(2, 240, _box("PHẢI")), word_files._vml_box(1, 0, _box("TRÁI"))],
     ["TRÁI", "PHẢI", "Đoạn neo"]),  # VML alone, by its margins
])
def test_boxes_in_reading_order(runs, texts):
    assert _read(runs) == texts


def test_a_group_s_boxes_by_their_offsets():
    from ..importing.corpus.contents import CAM_THANH

    document = docx.Document(io.BytesIO(word_files.group_shape_header(CAM_THANH)))
    assert [p.text for p in document.paragraphs][:1] == [""]  # python-docx sees no text: it is in the shape
    texts = [p.text for p in read_word(word_files.group_shape_header(CAM_THANH)).paragraphs()]
    assert texts[:2] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG CẨM THÀNH"] and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts[3:6]


def test_a_deleted_box_is_not_read():
    assert _read([_anchor(0, 0, "ĐÃ XÓA")], deleted=True) == ["Đoạn neo"]


def test_shared_reading_keeps_a_text_box_s_paragraphs_as_in_a_box():
    """docgen.word.shared remakes a paragraph whose text changed: still in
    its text box, as reading the document alone says."""
    import zipfile

    from docgen.word.shared import BODY, SharedParts, sharing

    document = docx.Document()
    paragraph = document.add_paragraph("Đoạn neo")
    paragraph._p.append(parse_xml(f"<w:r {NS}>{_anchor(0, 0, 'UBND XÃ AN')}</w:r>"))
    out = io.BytesIO()
    document.save(out)
    first = out.getvalue()

    def with_body(body: bytes) -> bytes:
        copy = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(first)) as source, zipfile.ZipFile(copy, "w") as target:
            for info in source.infolist():
                target.writestr(info, body if info.filename == BODY else source.read(info.filename))
        return copy.getvalue()

    second = with_body(zipfile.ZipFile(io.BytesIO(first)).read(BODY).replace("UBND XÃ AN".encode(),
                                                                            "UBND XÃ BÌNH".encode()))
    shared = SharedParts()
    with sharing(shared):
        read_word(first)
        found = read_word(second)
    alone = read_word(second)
    assert found.blocks == alone.blocks
    assert [(p.text, p.in_text_box) for p in found.paragraphs()] == [("UBND XÃ BÌNH", True), ("Đoạn neo", False)]
