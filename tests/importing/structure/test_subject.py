"""The subject over one line or several, joined back (and said), up to the
opening; under a type line the first line is the subject whatever it says."""

import pytest

from docgen.importing.lines import source_lines
from docgen.importing.source import SourceParagraph, Span
from docgen.importing.structure import subject

from .make import lines


@pytest.mark.parametrize("texts, expected, end, joined", [
    (("Triển khai Tháng hành động", "Căn cứ Luật An toàn thực phẩm;"), "Triển khai Tháng hành động", 1, False),
    (("ĐẨY", "MẠNH CÔNG TÁC TUYÊN TRUYỀN", "Thực hiện Kế hoạch số 88/KH-UBND"), "ĐẨY MẠNH CÔNG TÁC TUYÊN TRUYỀN", 2,
     True),
    (("Triển khai thu gom rác thải trên địa bàn", "phường Tam Kỳ giai đoạn 2025 - 2026", "Căn cứ Luật"),
     "Triển khai thu gom rác thải trên địa bàn phường Tam Kỳ giai đoạn 2025 - 2026", 2, True),
    (("PHÁT TRIỂN DU LỊCH GIAI ĐOẠN 2025 -", "2030", "Du lịch cộng đồng là hướng đi"),
     "PHÁT TRIỂN DU LỊCH GIAI ĐOẠN 2025 - 2030", 2, True),
    (("Thực hiện chiến dịch “30 ngày, đêm”", "Thực hiện Kế hoạch số 264/KH-UBND"), "Thực hiện chiến dịch “30 ngày, đêm”",
     1, False),
    # a decision: its deciding authority is not the subject's rest
    (("Về việc ban hành Kế hoạch hè", "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG NGHĨA LỘ"), "Về việc ban hành Kế hoạch hè", 1,
     False),
    (("Ra quân làm sạch kênh mương", "-----", "Căn cứ Kế hoạch"), "Ra quân làm sạch kênh mương", 2, False),
    (("Về một việc", "(Ban hành kèm theo Quyết định số 245/QĐ-UBND ngày 03/6/2025 của Chủ tịch UBND phường)"),
     "Về một việc", 1, False),
])
def test_subject(texts, expected, end, joined):
    notes = []
    found, after = subject.read(lines(*texts), notes)
    assert (found.text, after) == (expected, end)
    assert bool(notes) == joined and all(n.path == "subject" for n in notes)


def test_without_a_type_line_the_opening_is_not_the_subject():
    notes = []
    opening = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
    assert subject.read(lines(opening, "I. MỤC ĐÍCH"), notes, after_type_line=False) == (None, 0)


def test_a_word_file_joins_lines_set_off_alike_without_a_note():
    paragraphs = [SourceParagraph(1, [Span("Triển khai tháng hành động", bold=True)], align="center", origin=object()),
                  SourceParagraph(2, [Span("vì môi trường năm 2024", bold=True)], align="center", origin=object()),
                  SourceParagraph(3, [Span("Thực hiện chỉ đạo của tỉnh.")], origin=object())]
    notes = []
    found, after = subject.read(source_lines(paragraphs), notes)
    assert (found.text, after, notes) == ("Triển khai tháng hành động vì môi trường năm 2024", 2, [])
