"""Top-level divisions however documents mark them, Word's list numbering
read by its level and format, titles a wrap cut joined back."""

import pytest

from docgen.importing.lines import source_lines
from docgen.importing.source import SourceParagraph, Span
from docgen.importing.structure import divisions

from .make import line, lines


@pytest.mark.parametrize("text, scheme, label, ordinal, title", [
    ("I. MỤC ĐÍCH, YÊU CẦU", "roman", "I", 1, "MỤC ĐÍCH, YÊU CẦU"),
    ("IV- TỔ CHỨC THỰC HIỆN", "roman", "IV", 4, "TỔ CHỨC THỰC HIỆN"),
    ("III/ KINH PHÍ", "roman", "III", 3, "KINH PHÍ"),
    ("II. Nội dung thực hiện", "roman", "II", 2, "Nội dung thực hiện"),
    ("Phần thứ nhất", "part", "Phần thứ nhất", 1, ""),
    ("PHẦN THỨ HAI: PHƯƠNG HƯỚNG", "part", "PHẦN THỨ HAI", 2, "PHƯƠNG HƯỚNG"),
    ("PHẦN I", "part", "PHẦN I", 1, ""),
    ("Phần 3. Kiến nghị", "part", "Phần 3", 3, "Kiến nghị"),
    ("A. MỤC ĐÍCH, YÊU CẦU", "letter", "A", 1, "MỤC ĐÍCH, YÊU CẦU"),
    ("B . NỘI DUNG", "letter", "B", 2, "NỘI DUNG"),
    ("1. MỤC ĐÍCH, YÊU CẦU", "number", "1", 1, "MỤC ĐÍCH, YÊU CẦU"),
])
def test_mark(text, scheme, label, ordinal, title):
    mark = divisions.mark_of(line(text))
    assert (mark.scheme, mark.label, mark.ordinal, mark.title(line(text))) == (scheme, label, ordinal, title)


@pytest.mark.parametrize("text", ["Phần kinh phí do ngân sách bảo đảm.", "2.1. Tuần tra", "1.000 hộ dân", "Ia Le"])
def test_no_mark(text):
    assert divisions.mark_of(line(text)) is None


@pytest.mark.parametrize("label, ordinal", [
    ("IV", 4), ("XII", 12), ("Phần thứ hai", 2), ("PHẦN THỨ TƯ", 4), ("PHẦN III", 3), ("B", 2), ("3", 3),
    ("IIII", None), ("Mục", None),
])
def test_ordinal(label, ordinal):
    assert divisions.ordinal(label) == ordinal


def _word_line(text: str, label: str, fmt: str, level: int):
    return source_lines([SourceParagraph(1, [Span(text, bold=True)], label=label, list_format=fmt, list_level=level,
                                         list_id="7")])[0]


@pytest.mark.parametrize("label, fmt, level, scheme", [
    ("I.", "upperRoman", 0, "roman"),
    ("1.", "decimal", 0, "number"),
    ("1.", "decimal", 1, None),  # a heading of Word's list: never a division
    ("I.", "upperRoman", 1, None),
    ("I.", "decimal", 0, None),  # a label Word prints in another format: not a Roman numeral
])
def test_word_list_numbering_by_level_and_format(label, fmt, level, scheme):
    mark = divisions.mark_of(_word_line("MỤC ĐÍCH, YÊU CẦU", label, fmt, level))
    assert (mark.scheme if mark else None) == scheme


@pytest.mark.parametrize("texts, titles, marks", [
    (("Mở đầu", "I. MỤC ĐÍCH", "Nội dung", "II. NHIỆM VỤ,", "GIẢI PHÁP", "1. Công an"),
     ["MỤC ĐÍCH", "NHIỆM VỤ, GIẢI PHÁP"], ["I", "II"]),
    (("Phần thứ nhất", "KẾT QUẢ THỰC HIỆN", "I. Công tác chỉ đạo", "Phần thứ hai", "PHƯƠNG HƯỚNG"),
     ["KẾT QUẢ THỰC HIỆN", "PHƯƠNG HƯỚNG"], ["Phần thứ nhất", "Phần thứ hai"]),
    (("A. MỤC ĐÍCH, YÊU CẦU", "- Huy động", "B. NỘI DUNG", "1. Thời gian"), ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG"],
     ["A", "B"]),
    (("1. MỤC ĐÍCH, YÊU CẦU", "- Kiềm chế", "2. NỘI DUNG", "2.1. Tuần tra", "3. TỔ CHỨC THỰC HIỆN"),
     ["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG", "TỔ CHỨC THỰC HIỆN"], ["1", "2", "3"]),
    (("I. Mục đích, yêu cầu", "- Bảo đảm", "II. Nội dung", "Theo dõi."), ["Mục đích, yêu cầu", "Nội dung"], ["I", "II"]),
    (("B. NỘI DUNG", "C. TỔ CHỨC"), [], []),  # letters that do not start at A are not divisions
    (("1. Công an xã", "Chủ trì.", "2. Văn phòng", "Theo dõi."), [], []),  # sentence-case numbers are headings
    (("I. Trong năm qua, UBND xã đã triển khai nhiều hoạt động thiết thực.",), [], []),  # a sentence
])
def test_find(texts, titles, marks):
    notes = []
    found = divisions.find(lines(*texts), notes)
    assert [d.title.text for d in found] == titles and [d.mark for d in found] == marks


def test_a_wrapped_title_is_joined_and_said():
    notes = []
    found = divisions.find(lines("II. NHIỆM VỤ,", "GIẢI PHÁP", "1. Tuyên truyền"), notes)
    assert found[0].title.text == "NHIỆM VỤ, GIẢI PHÁP" and [n.path for n in notes] == ["sections.0.title"]
    assert [item.text for item in found[0].items] == ["1. Tuyên truyền"]


def test_headings_without_numbers_are_divisions_when_nothing_else_is():
    paragraphs = [SourceParagraph(1, [Span("MỤC ĐÍCH, YÊU CẦU")], level=1), SourceParagraph(2, [Span("Nội dung.")]),
                  SourceParagraph(3, [Span("TỔ CHỨC THỰC HIỆN")], level=1), SourceParagraph(4, [Span("Theo dõi.")])]
    found = divisions.find(source_lines(paragraphs), [])
    assert [(d.mark, d.scheme, d.title.text) for d in found] == [("I", "heading", "MỤC ĐÍCH, YÊU CẦU"),
                                                                  ("II", "heading", "TỔ CHỨC THỰC HIỆN")]
    numbered = [SourceParagraph(1, [Span("I. MỤC ĐÍCH")]), SourceParagraph(2, [Span("CHI TIẾT")], level=1),
                SourceParagraph(3, [Span("GHI CHÚ")], level=1)]
    assert [d.scheme for d in divisions.find(source_lines(numbered), [])] == ["roman"]
