"""Appendix labels and the reference line naming the document an appendix
(or an issued text) belongs to."""

import pytest

from docgen import doctypes
from docgen.importing.structure.appendices import is_label, read_appendices, reference

from .make import line, lines


@pytest.mark.parametrize("text, label", [
    ("**PHỤ LỤC**", True), ("PHỤ LỤC II", True), ("PHỤ LỤC SỐ 2", True), ("**Phụ lục 2**", True),
    ("Phụ lục", False), ("Phụ lục kèm theo Kế hoạch này.", False),
])
def test_label(text, label):
    assert is_label(line(text)) == label


@pytest.mark.parametrize("text, value", [
    ("(Kèm theo Kế hoạch số 2314/KH-UBND ngày 29/8/2023 của UBND tỉnh Gia Lai)",
     (doctypes.DEFAULT, 2314, "KH-UBND", {"year": 2023, "month": 8, "day": 29}, "UBND tỉnh Gia Lai")),
    ("(Kèm theo Kế hoạch số: 2314/KH-UBND ngày 29 / 8 /2023 của UBND tỉnh)",
     (doctypes.DEFAULT, 2314, "KH-UBND", {"year": 2023, "month": 8, "day": 29}, "UBND tỉnh")),
    ("(Ban hành kèm theo Quyết định số 245/QĐ-UBND ngày 03/6/2025 của Chủ tịch UBND phường Nghĩa Lộ)",
     ("quyet_dinh", 245, "QĐ-UBND", {"year": 2025, "month": 6, "day": 3}, "Chủ tịch UBND phường Nghĩa Lộ")),
    ("(Kèm theo Kế hoạch số      /KH-UBND ngày      tháng 6 năm 2026 của Ủy ban nhân dân xã Hòa Bình)",
     (doctypes.DEFAULT, None, "KH-UBND", {"year": 2026, "month": 6}, "Ủy ban nhân dân xã Hòa Bình")),
    ("(Từ ngày 01/9/2023 đến hết ngày 20/10/2023)", None),
])
def test_reference(text, value):
    found = reference(line(text))
    got = None if found is None else (found.value[0].key,) + found.value[1:]
    assert got == value


def test_appendices_are_read_with_their_parts():
    found, before = read_appendices(lines("**PHỤ LỤC**", "**CHỈ TIÊU**", "(Từ ngày 01/9/2023 đến ngày 20/10/2023)",
                                          "(Kèm theo Kế hoạch số 5/KH-UBND ngày 02/3/2024 của UBND xã A)"))
    assert before == [] and len(found) == 1
    appendix = found[0]
    assert [l.text for l in appendix.title] == ["CHỈ TIÊU"] and appendix.subtitle.text.startswith("(Từ ngày")
    assert appendix.reference.value[1] == 5
