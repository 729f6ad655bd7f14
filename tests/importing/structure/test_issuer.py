"""The issuing body from the header's capitals: wrapped lines joined back
(and said), bodies told apart, the parent above the issuer."""

import pytest

from docgen.importing.structure import issuer

from .make import lines


@pytest.mark.parametrize("first, second, wrapped", [
    ("ỦY", "BAN NHÂN DÂN", True),
    ("ỦY BAN", "NHÂN DÂN XÃ A", True),
    ("ỦY BAN NHÂN DÂN TỈNH", "QUẢNG NGÃI", True),
    ("PHÒNG VĂN HÓA VÀ", "THÔNG TIN", True),
    ("UBND TỈNH KON", "TUM", True),
    ("ỦY BAN NHÂN DÂN", "TỈNH GIA LAI", False),  # a level line: the body's second line
    ("UBND HUYỆN BA TƠ", "PHÒNG VĂN HÓA VÀ", False),  # another body
    ("CÔNG AN TỈNH ĐỒNG NAI", "CÔNG AN XÃ PHÚ HỮU", False),
])
def test_wrapped(first, second, wrapped):
    assert issuer.wrapped(first, second) == wrapped


@pytest.mark.parametrize("texts, parent, issuing, joins", [
    (("ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"), None, ["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"], 0),
    (("ỦY BAN NHÂN DÂN TỈNH GIA LAI",), None, ["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"], 0),
    (("ỦY", "BAN NHÂN DÂN", "XÃ PHƯỚC SƠN"), None, ["ỦY BAN NHÂN DÂN", "XÃ PHƯỚC SƠN"], 1),
    (("ỦY BAN NHÂN DÂN TỈNH", "QUẢNG NGÃI"), None, ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"], 1),
    (("UBND HUYỆN LỘC NINH", "ỦY BAN NHÂN DÂN", "XÃ LỘC HÒA"), "UBND HUYỆN LỘC NINH",
     ["ỦY BAN NHÂN DÂN", "XÃ LỘC HÒA"], 0),
    (("UBND HUYỆN BA TƠ", "PHÒNG VĂN HÓA VÀ", "THÔNG TIN"), "UBND HUYỆN BA TƠ", ["PHÒNG VĂN HÓA VÀ THÔNG TIN"], 1),
    (("CÔNG AN TỈNH GIA LAI", "CÔNG AN XÃ IA KHA"), "CÔNG AN TỈNH GIA LAI", ["CÔNG AN XÃ IA KHA"], 0),
    (("UBND XÃ ĐẠI HƯNG",), None, ["UBND XÃ ĐẠI HƯNG"], 0),
])
def test_issuing_and_parent_body(texts, parent, issuing, joins):
    notes = []
    found_parent, found_issuing, strays = issuer.read(lines(*texts), notes)
    assert (found_parent.value if found_parent else None) == parent
    assert found_issuing.value == issuing and strays == []
    assert len(notes) == joins and all(n.path == "header.issuing_body" for n in notes)
