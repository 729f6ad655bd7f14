"""The fixed words a Decree-30 document prints, matched whatever the
diacritics, tone placement and spaces."""

import pytest

from docgen.importing.structure.words import (MOTTO_PLAIN, NATION_PATTERN, NATION_PLAIN, is_motto, is_nation,
                                              part_of, starts_body, starts_level)


@pytest.mark.parametrize("text, nation", [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),
    ("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", True),  # the old tone placement
    ("Cộng hòa xã hội chủ nghĩa Việt Nam", True),
    ("CONG HOA XA HOI CHU NGHIA VIET NAM", True),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", False),
    ("ỦY BAN NHÂN DÂN", False),
])
def test_national_name(text, nation):
    assert is_nation(text) == nation


@pytest.mark.parametrize("text, motto", [
    ("Độc lập - Tự do - Hạnh phúc", True), ("Độc lập – Tự do – Hạnh phúc", True),
    ("ĐỘC LẬP - TỰ DO - HẠNH PHÚC", True), ("Độc lập-Tự do-Hạnh phúc", True), ("Độc lập - Tự do", False),
])
def test_motto(text, motto):
    assert is_motto(text) == motto


@pytest.mark.parametrize("line, found", [
    ("UBND XÃ A CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("ỦY BAN NHÂN DÂN XÃ BA VÌ CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("ỦY BAN NHÂN DÂN", None),
])
def test_national_name_inside_a_line(line, found):
    match = NATION_PATTERN.search(line)
    assert (match.group(0) if match else None) == found


@pytest.mark.parametrize("text, phrase, start, part", [
    ("VIỆT NAM", NATION_PLAIN, False, True),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA", NATION_PLAIN, True, True),
    ("VIỆT NAM", NATION_PLAIN, True, False),
    ("- Hạnh phúc", MOTTO_PLAIN, False, True),
    ("XÃ HÒA AN", NATION_PLAIN, False, False),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", NATION_PLAIN, False, False),  # the whole is not a part
])
def test_parts_of_a_fixed_phrase(text, phrase, start, part):
    assert part_of(text, phrase, start=start) == part


@pytest.mark.parametrize("text, body, level", [
    ("ỦY BAN NHÂN DÂN", True, False), ("UBND HUYỆN BA TƠ", True, False), ("SỞ NỘI VỤ", True, False),
    ("CÔNG AN XÃ PHÚ HỮU", True, False), ("BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", True, False),
    ("TỈNH GIA LAI", False, True), ("ĐẶC KHU LÝ SƠN", False, True), ("THÔNG TIN", False, False),
    ("BẢN TIN", False, False),
])
def test_body_and_level_words(text, body, level):
    assert (starts_body(text), starts_level(text)) == (body, level)
