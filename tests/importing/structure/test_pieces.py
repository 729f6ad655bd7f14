"""A header line cut into its columns' pieces, and each piece told."""

import pytest

from docgen.importing.structure import pieces as p

from .make import line


@pytest.mark.parametrize("text, expected", [
    ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
    ("UBND XÃ ĐẠI HƯNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ["UBND XÃ ĐẠI HƯNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]),
    ("XÃ PHƯỚC SƠN ---------- Độc lập - Tự do - Hạnh phúc", ["XÃ PHƯỚC SƠN", "Độc lập - Tự do - Hạnh phúc"]),
    ("TỈNH GIA LAI Độc lập - Tự do - Hạnh phúc", ["TỈNH GIA LAI", "Độc lập - Tự do - Hạnh phúc"]),
    ("Số: 31/KH-BCĐ Mộ Đức, ngày 27 tháng 5", ["Số: 31/KH-BCĐ", "Mộ Đức, ngày 27 tháng 5"]),
    ("Số: 15/KH-UBND\tHòa An, ngày 05 tháng 3 năm 2026", ["Số: 15/KH-UBND", "Hòa An, ngày 05 tháng 3 năm 2026"]),
    ("---------- Phước", ["Phước"]),
    ("Độc lập - Tự do - Hạnh phúc", ["Độc lập - Tự do - Hạnh phúc"]),
    ("Số: .../KH-UBND", ["Số: .../KH-UBND"]),  # dots are not a rule between columns
])
def test_a_line_cut_into_pieces(text, expected):
    assert [piece.text for piece in p.split(line(text))] == expected


@pytest.mark.parametrize("text, kind", [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", p.NATION),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", p.NATION_PART), ("VIỆT NAM", p.NATION_PART),
    ("Độc lập - Tự do - Hạnh phúc", p.MOTTO), ("Độc lập - Tự do", p.MOTTO_PART), ("- Hạnh phúc", p.MOTTO_PART),
    ("Số: 2314/KH-UBND", p.NUMBER), ("Số:      /KH-UBND", p.NUMBER), ("Số 05/BC-UBND.", p.NUMBER),
    ("Số:", p.NUMBER_HEAD), ("17/KH-UBND", p.NUMBER_TAIL), ("/KH-UBND", p.NUMBER_TAIL),
    ("Gia Lai, ngày 29 tháng 8 năm 2023", p.DATE), ("Đắk Lắk, ngày      tháng 6 năm 2026", p.DATE),
    ("Hà Nội, ngày 05/3/2024", p.DATE), ("Quảng Ngãi ngày 14 tháng 3 năm 2024", p.DATE),
    ("Mộ Đức, ngày 27 tháng 5", p.DATE_HEAD), ("Bình Định, ngày", p.DATE_HEAD),
    ("năm 2023", p.DATE_TAIL), ("18 tháng 10 năm", p.DATE_TAIL), ("2024", p.DATE_TAIL),
    ("Quảng", p.PLACE_PART), ("-------", p.RULE),
    ("ỦY BAN NHÂN DÂN", p.ISSUER), ("ỦY", p.ISSUER), ("TỈNH QUẢNG NGÃI", p.ISSUER),
    ("Một dòng lạ ở phần đầu", p.OTHER),
])
def test_what_a_piece_is(text, kind):
    assert p.kind(text) == kind
