"""The type line, or the type the symbol names when a page dropped it;
types are the registry's data, the decree's other types recognised too."""

import pytest

from docgen import doctypes
from docgen.importing.structure import type_line
from docgen.importing.structure.model import Found

from .make import line


def _key(doc_type):
    return doc_type.key if doc_type else None


@pytest.mark.parametrize("text, key", [
    ("KẾ HOẠCH", doctypes.DEFAULT), ("Kế hoạch", doctypes.DEFAULT), ("KE HOACH", doctypes.DEFAULT),
    ("BÁO CÁO", "bao_cao"), ("QUYẾT ĐỊNH", "quyet_dinh"), ("TỜ TRÌNH", "to_trinh"), ("NGHỊ QUYẾT", "_nghi_quyet"),
    ("CÔNG ĐIỆN", "_cong_dien"),
    ("QUYẾT ĐỊNH:", None),  # a decision's enacting word
    ("KẾ HOẠCH HÀNH ĐỘNG THỰC HIỆN CHƯƠNG TRÌNH SỨC KHỎE", None),  # a page's title
    ("I. KẾ HOẠCH", None),
])
def test_type_of_line(text, key):
    assert _key(type_line.type_of_line(line(text))) == key


def test_registered_types_are_importable_the_others_recognised():
    assert doctypes.importable(type_line.type_of_line(line("BÁO CÁO")))
    assert doctypes.importable(type_line.type_of_line(line("QUYẾT ĐỊNH")))
    assert not doctypes.importable(type_line.type_of_line(line("NGHỊ QUYẾT")))


@pytest.mark.parametrize("symbol, key", [
    ("KH-UBND", doctypes.DEFAULT), ("BC-SNV", "bao_cao"), ("KH-CAX", doctypes.DEFAULT), ("QĐ-UBND", "quyet_dinh"),
    ("NQ-HĐND", "_nghi_quyet"),
    ("UBND-VX", None),  # a Công văn: no type code, no title line (told by its "V/v")
])
def test_type_from_the_symbol_is_an_inference(symbol, key):
    found = type_line.from_symbol(Found(f"Số: 1/{symbol}", (line(f"Số: 1/{symbol}"),), (1, symbol)), "“KẾ HOẠCH”")
    assert _key(found.value if found else None) == key
    if found:
        assert found.confidence < 1 and symbol in found.note


@pytest.mark.parametrize("subject, key", [
    ("Về việc ban hành Kế hoạch phòng, chống dịch năm 2025", doctypes.DEFAULT),
    ("Phê duyệt Kế hoạch tổ chức hội thi", doctypes.DEFAULT),
    ("Về việc thành lập Tổ công tác", None),
])
def test_the_type_a_decision_issues(subject, key):
    found = type_line.issued_type(Found(subject, (line(subject),)))
    assert _key(found.value if found else None) == key
