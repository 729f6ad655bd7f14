"""The header (ô 1-4): parts a column wrapped joined back, each join said;
the national name and motto never part of the issuing body; where the
header ends when no type line closes it."""

import pytest

from docgen.importing.structure import header
from docgen.importing.structure.model import JOINED, STATED, PlaceDate

from .make import lines


def _read(*texts):
    notes = []
    return header.read(lines(*texts), notes), notes


@pytest.mark.parametrize("texts, kinds", [
    (("Số:", "17/KH-UBND"), ["number"]),
    (("Quảng", "Ngãi, ngày 14 tháng 3 năm 2024"), ["date"]),
    (("Mộ Đức, ngày 27 tháng 5", "năm 2023"), ["date"]),
    (("Bình Định, ngày", "18 tháng 10 năm", "2024"), ["date"]),
    (("CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT", "NAM"), ["nation"]),
    (("Độc lập - Tự do", "- Hạnh phúc"), ["motto"]),
    (("Số:", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ["number_head", "nation"]),  # nothing to complete it
    (("Quảng", "ỦY BAN NHÂN DÂN"), ["place_part", "issuer"]),
    # both columns on one line, wrapped inside the national name
    (("ỦY BAN NHÂN DÂN XÃ BA VÌ CỘNG", "HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ["issuer", "nation"]),
])
def test_wrapped_parts_are_joined(texts, kinds):
    assert [part.kind for part in header.parts(lines(*texts))] == kinds


@pytest.mark.parametrize("texts, issuing, parent, number, date", [
    (("ỦY BAN NHÂN DÂN", "TỈNH GIA LAI", "Số: 2314/KH-UBND", "Gia Lai, ngày 29 tháng 8 năm 2023"),
     ["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"], None, (2314, "KH-UBND"), PlaceDate("Gia Lai", 2023, 8, 29)),
    # two columns row by row (a flattened table)
    (("ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "XÃ HÒA AN", "Độc lập - Tự do - Hạnh phúc",
      "Số: 15/KH-UBND", "Hòa An, ngày 05 tháng 3 năm 2026"),
     ["ỦY BAN NHÂN DÂN", "XÃ HÒA AN"], None, (15, "KH-UBND"), PlaceDate("Hòa An", 2026, 3, 5)),
    # both columns on one line: the national name never joins the issuer
    (("UBND XÃ ĐẠI HƯNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
      "Số: 27/KH-UBND Đại Hưng, ngày 11 tháng 11 năm 2024"),
     ["UBND XÃ ĐẠI HƯNG"], None, (27, "KH-UBND"), PlaceDate("Đại Hưng", 2024, 11, 11)),
    # a draft: number and day blank
    (("Số: /KH-UBND", "Đắk Lắk, ngày tháng 6 năm 2026"), None, None, (None, "KH-UBND"),
     PlaceDate("Đắk Lắk", 2026, 6, None)),
    (("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 17/KH-UBND", "Quảng Ngãi ngày 14 tháng 3 năm 2024"),  # no comma
     ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"], None, (17, "KH-UBND"), PlaceDate("Quảng Ngãi", 2024, 3, 14)),
    (("UBND TỈNH KON TUM", "SỞ NỘI VỤ", "Số: 1520/BC-SNV", "Kon Tum, ngày 20 tháng 12 năm 2023"),
     ["SỞ NỘI VỤ"], "UBND TỈNH KON TUM", (1520, "BC-SNV"), PlaceDate("Kon Tum", 2023, 12, 20)),
])
def test_header_read(texts, issuing, parent, number, date):
    found, _ = _read(*texts)
    assert (found.issuing.value if found.issuing else None) == issuing
    assert (found.parent.value if found.parent else None) == parent
    assert found.number.value == number and found.date.value == date


def test_every_join_is_said_with_its_paragraph():
    found, notes = _read("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số:", "17/KH-UBND", "Quảng",
                         "Ngãi, ngày 14 tháng 3 năm 2024")
    assert found.number.value == (17, "KH-UBND") and found.number.confidence == JOINED
    assert found.date.value == PlaceDate("Quảng Ngãi", 2024, 3, 14)
    assert [(n.paragraph, n.path) for n in notes] == [(3, "header.number"), (5, "header.date")]
    assert found.issuing.confidence == STATED


def test_a_day_not_in_the_calendar_is_said():
    found, notes = _read("Số: 1/KH-UBND", "Gia Lai, ngày 30 tháng 02 năm 2024")
    assert found.date.value.day is None and notes[0].path == "header.date"


@pytest.mark.parametrize("texts, end", [
    (("ỦY BAN NHÂN DÂN", "PHƯỜNG AN PHÚ", "Số: 88/KH-UBND", "An Phú, ngày 10 tháng 9 năm 2024",
      "Hành động thực hiện Chương trình sức khỏe học đường"), 4),
    # an upper-case subject after the number and date is not the issuer
    (("Số: 56/BC-UBND", "Hòa Tiến, ngày 09 tháng 12 năm 2024", "KẾT QUẢ XÂY DỰNG NÔNG THÔN MỚI NĂM 2024"), 2),
    (("Số: 9/KH-UBND", "Phước Sơn, ngày 02 tháng 4", "năm 2024", "Tổ chức Ngày hội"), 3),
    (("PHỤ LỤC", "CHỈ TIÊU"), 0),
    (("I. MỤC ĐÍCH, YÊU CẦU", "Nội dung"), 0),
])
def test_where_the_header_ends_without_a_type_line(texts, end):
    assert header.end(lines(*texts)) == end
