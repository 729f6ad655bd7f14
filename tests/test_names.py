"""One builder of issuers' names and one comparison of units
(docgen/vietnamese/names.py), as headers, accounts, lists and sentences
write them."""

import pytest

from docgen.vietnamese.names import issuer_name, running_name, same_unit, unit_header


@pytest.mark.parametrize("lines, place, expected", [
    (["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"], "Gia Lai", "Ủy ban nhân dân tỉnh Gia Lai"),
    (["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"], None, "Ủy ban nhân dân tỉnh Gia Lai"),
    (["ỦY BAN NHÂN DÂN", "HUYỆN ĐAK PƠ"], "Đak Pơ", "Ủy ban nhân dân huyện Đak Pơ"),
    (["ỦY BAN NHÂN DÂN", "ĐẶC KHU CÁT HẢI"], "Cát Hải", "Ủy ban nhân dân đặc khu Cát Hải"),
    (["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HẢI PHÒNG"], "Hải Phòng", "Ủy ban nhân dân thành phố Hải Phòng"),
    (["ỦY BAN NHÂN DÂN", "XÃ IA KHA"], "Ia Kha", "Ủy ban nhân dân xã Ia Kha"),
    (["UBND XÃ LỘC TẤN"], None, "Ủy ban nhân dân xã Lộc Tấn"),
    (["ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP"], None, "Ủy ban nhân dân tỉnh Đồng Tháp"),
    (["SỞ Y TẾ"], None, "Sở y tế"),
    (["ỦY BAN NHÂN DÂN", "  ", "XÃ IA KHA"], None, "Ủy ban nhân dân xã Ia Kha"),
])
def test_one_issuer_name_from_the_header_lines(lines, place, expected):
    assert issuer_name(lines, place) == expected


@pytest.mark.parametrize("issuer, expected", [
    ("Ủy ban nhân dân tỉnh Gia Lai", "UBND tỉnh Gia Lai"),
    ("Uỷ ban nhân dân xã Lộc Hòa", "UBND xã Lộc Hòa"),
    ("UBND tỉnh Gia Lai", "UBND tỉnh Gia Lai"),
    ("Sở Y tế tỉnh Gia Lai", "Sở Y tế tỉnh Gia Lai"),
])
def test_running_name_abbreviates_only_the_peoples_committee(issuer, expected):
    assert running_name(issuer) == expected


@pytest.mark.parametrize("a, b, same", [
    ("UBND xã Lộc Tấn", "ỦY BAN NHÂN DÂN XÃ LỘC TẤN", True),
    ("UBND xã Lộc Hòa", "Uỷ ban nhân dân xã Lộc Hoà", True),  # tone placement
    ("Xã Lộc Tấn", "UBND xã Lộc Tấn", True),  # an appendix row names the unit without its UBND
    ("UBND  xã   Lộc Tấn", "ubnd xã lộc tấn", True),
    ("HĐND xã Lộc Tấn", "Hội đồng nhân dân xã Lộc Tấn", True),
    ("HĐND xã Lộc Tấn", "UBND xã Lộc Tấn", False),
    ("UBND xã Lộc Tấn", "UBND xã Lộc Hòa", False),
    ("Công an xã Lộc Tấn", "UBND xã Lộc Tấn", False),
])
def test_one_comparison_of_units(a, b, same):
    assert same_unit(a, b) is same
    assert same_unit(b, a) is same


def test_a_units_header_from_its_account_name():
    own = unit_header("UBND phường Hội Phú")
    assert own.issuing_body == ["ỦY BAN NHÂN DÂN", "PHƯỜNG HỘI PHÚ"]
    assert (own.issuer_name, own.place, own.people_committee) == ("Ủy ban nhân dân phường Hội Phú", "Hội Phú", True)
    other = unit_header("Công an tỉnh", "Gia Lai")
    assert other == (["CÔNG AN TỈNH"], "Công an tỉnh", "Gia Lai", False)
    with pytest.raises(ValueError, match="cần tên đơn vị"):
        unit_header("  ")
