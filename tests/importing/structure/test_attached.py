"""A decision that issues a plan: where the plan starts, with or without
its type lines."""

import pytest

from docgen.importing.structure import attached
from docgen.importing.structure.type_line import type_of_line

from .make import lines

DECISION = ["ỦY BAN NHÂN DÂN", "PHƯỜNG NGHĨA LỘ", "Số: 245/QĐ-UBND", "Nghĩa Lộ, ngày 03 tháng 6 năm 2025",
            "QUYẾT ĐỊNH", "Về việc ban hành Kế hoạch hè năm 2025", "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.",
            "Nơi nhận:", "- Như Điều 1;", "- Lưu: VT.", "CHỦ TỊCH", "Hà Văn Quyết"]
PLAN = ["ỦY BAN NHÂN DÂN", "PHƯỜNG NGHĨA LỘ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "KẾ HOẠCH", "Tổ chức các hoạt động hè năm 2025",
        "(Ban hành kèm theo Quyết định số 245/QĐ-UBND ngày 03/6/2025 của Chủ tịch UBND phường Nghĩa Lộ)",
        "I. MỤC ĐÍCH"]


def _start(texts, first_type_text):
    items = lines(*texts)
    first = next(i for i, line in enumerate(items) if line.text == first_type_text) if first_type_text else 0
    first_type = type_of_line(items[first]) if first_type_text else type_of_line(lines("QUYẾT ĐỊNH")[0])
    return attached.start(items, first_type, first + 1)


@pytest.mark.parametrize("texts, first, start", [
    (DECISION + PLAN, "QUYẾT ĐỊNH", len(DECISION)),
    ([t for t in DECISION + PLAN if t != "KẾ HOẠCH"], "QUYẾT ĐỊNH", len(DECISION)),  # the plan's type line lost
    ([t for t in DECISION + PLAN if t not in ("KẾ HOẠCH", "QUYẾT ĐỊNH")], None, len(DECISION) - 1),
    (DECISION, "QUYẾT ĐỊNH", None),  # a decision alone
])
def test_where_the_issued_plan_starts(texts, first, start):
    assert _start(texts, first) == start


def test_a_plan_alone_issues_nothing():
    texts = DECISION[:4] + ["KẾ HOẠCH", "Về một việc", "I. MỤC ĐÍCH", "Nơi nhận:", "- Lưu: VT.", "KẾ HOẠCH"]
    assert _start(texts, "KẾ HOẠCH") is None
