"""The closing (Đoạn kết) after the last division: where it starts in the
division's lines, or None when the lines end with the division's own
content."""

import pytest

from docgen.importing.structure import closing

from .make import line, lines

LAST = "- Tổng hợp kết quả, báo cáo UBND xã trước ngày 30/5/2025."


@pytest.mark.parametrize("texts, at", [
    # a closing, one paragraph or two, after the section's content
    ((LAST, "Trên đây là Kế hoạch của UBND xã; đề nghị các đơn vị triển khai thực hiện./."), 1),
    ((LAST, "Trên đây là báo cáo kết quả của UBND xã.", "Kính trình UBND tỉnh xem xét, chỉ đạo./."), 1),
    ((LAST, "Trên đây, Ủy ban nhân dân xã báo cáo kết quả thực hiện./."), 1),
    ((LAST, "trên  đây là Thông báo kết luận của Chủ tịch UBND xã./."), 1),
    ((LAST, "-----", "Trên đây là Kế hoạch của UBND xã./.", ""), 2),
    # the section's own content
    ((LAST,), None),
    ((LAST, "Các đơn vị triển khai thực hiện nghiêm túc Kế hoạch này./."), None),
    ((LAST, "Trên đây là các nhiệm vụ chung, cụ thể như sau:", "Tổ chức hội nghị triển khai."), None),
    ((LAST, "Trên đây là các nhiệm vụ chung; ngoài ra", "- Tổ chức hội nghị triển khai./."), None),
    ((LAST, "Trên đây là các nhiệm vụ chung; ngoài ra", "1. Tổ chức hội nghị triển khai./."), None),
    ((LAST, "3. Trên đây là nhiệm vụ của các đơn vị./."), None),  # numbered: an item
    ((LAST, "- Trên đây là nhiệm vụ của các đơn vị./."), None),
    ((LAST, "Trên đấy là nhiệm vụ của các đơn vị./."), None),  # other words
])
def test_where_the_closing_starts(texts, at):
    assert closing.start(lines(*texts)) == at


def test_a_paragraph_numbered_by_words_list_is_no_closing():
    listed = line("Trên đây là nhiệm vụ của các đơn vị./.", list_format="decimal", list_level=0, list_id="1")
    assert not closing.opens(listed) and closing.opens(line("Trên đây là nhiệm vụ của các đơn vị./."))
