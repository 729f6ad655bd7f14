"""Tests of the Vietnamese language layer (docgen.vietnamese.vn)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from fractions import Fraction

import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from num2words import num2words

from docgen.vietnamese import vn

# --- numbers in words ----------------------------------------------------------

READINGS = [
    # figures from the plans
    (684037, "sáu trăm tám mươi tư nghìn không trăm ba mươi bảy"),
    (245576, "hai trăm bốn mươi lăm nghìn năm trăm bảy mươi sáu"),
    (1248912, "một triệu hai trăm bốn mươi tám nghìn chín trăm mười hai"),
    (438461, "bốn trăm ba mươi tám nghìn bốn trăm sáu mươi mốt"),
    (687034, "sáu trăm tám mươi bảy nghìn không trăm ba mươi tư"),
    (16283, "mười sáu nghìn hai trăm tám mươi ba"),
    (12476, "mười hai nghìn bốn trăm bảy mươi sáu"),
    (8769, "tám nghìn bảy trăm sáu mươi chín"),
    (2922, "hai nghìn chín trăm hai mươi hai"),
    # units and tens
    (0, "không"),
    (1, "một"),
    (4, "bốn"),
    (5, "năm"),
    (10, "mười"),
    (11, "mười một"),
    (14, "mười bốn"),
    (15, "mười lăm"),
    (20, "hai mươi"),
    (21, "hai mươi mốt"),
    (24, "hai mươi tư"),
    (25, "hai mươi lăm"),
    (44, "bốn mươi tư"),
    (55, "năm mươi lăm"),
    (91, "chín mươi mốt"),
    # hundreds
    (100, "một trăm"),
    (101, "một trăm linh một"),
    (104, "một trăm linh bốn"),
    (105, "một trăm linh năm"),
    (110, "một trăm mười"),
    (111, "một trăm mười một"),
    (115, "một trăm mười lăm"),
    (121, "một trăm hai mươi mốt"),
    # full groups after the first
    (1000, "một nghìn"),
    (1001, "một nghìn không trăm linh một"),
    (1005, "một nghìn không trăm linh năm"),
    (1010, "một nghìn không trăm mười"),
    (1015, "một nghìn không trăm mười lăm"),
    (1024, "một nghìn không trăm hai mươi tư"),
    (1100, "một nghìn một trăm"),
    (10000, "mười nghìn"),
    (100000, "một trăm nghìn"),
    (1000000, "một triệu"),
    (1000001, "một triệu không trăm linh một"),
    (1001000, "một triệu không trăm linh một nghìn"),
    (150000000, "một trăm năm mươi triệu"),
    # tỷ and above
    (10**9, "một tỷ"),
    (10**9 + 5, "một tỷ không trăm linh năm"),
    (2 * 10**9 + 21 * 10**6, "hai tỷ không trăm hai mươi mốt triệu"),
    (10**12, "một nghìn tỷ"),
    (1001 * 10**9, "một nghìn không trăm linh một tỷ"),
    (1_234_567_890_123,
     "một nghìn hai trăm ba mươi tư tỷ năm trăm sáu mươi bảy triệu "
     "tám trăm chín mươi nghìn một trăm hai mươi ba"),
    (10**15, "một triệu tỷ"),
    (10**18, "một tỷ tỷ"),
    # negatives
    (-1, "âm một"),
    (-684037, "âm sáu trăm tám mươi tư nghìn không trăm ba mươi bảy"),
]


@pytest.mark.parametrize("n, words", READINGS)
def test_number_to_words(n, words):
    assert vn.number_to_words(n) == words


DECIMALS = [
    (35.9, "ba mươi lăm phẩy chín"),
    ("35.90", "ba mươi lăm phẩy chín"),
    (Decimal("35.90"), "ba mươi lăm phẩy chín"),
    (1.05, "một phẩy không năm"),
    (Decimal("1.05"), "một phẩy không năm"),
    (2.25, "hai phẩy hai mươi lăm"),
    (0.5, "không phẩy năm"),
    ("0.125", "không phẩy một trăm hai mươi lăm"),
    ("1.0005", "một phẩy không không không năm"),
    ("0.0125", "không phẩy không một trăm hai mươi lăm"),
    ("3.14159", "ba phẩy một bốn một năm chín"),
    (76.62, "bảy mươi sáu phẩy sáu mươi hai"),
    (-1.5, "âm một phẩy năm"),
    (Decimal("-0.25"), "âm không phẩy hai mươi lăm"),
    (12.0, "mười hai"),
    (Decimal("12.000"), "mười hai"),
    ("1e3", "một nghìn"),
    (" 684037 ", "sáu trăm tám mươi tư nghìn không trăm ba mươi bảy"),
    (-0.0, "không"),
]


@pytest.mark.parametrize("x, words", DECIMALS)
def test_decimal_to_words(x, words):
    assert vn.number_to_words(x) == words


@pytest.mark.parametrize("bad", ["abc", "1,5", float("nan"), float("inf"), Decimal("NaN")])
def test_number_to_words_rejects_non_numbers(bad):
    with pytest.raises(ValueError):
        vn.number_to_words(bad)


@pytest.mark.parametrize("bad", [True, None, Fraction(1, 3), [1]])
def test_number_to_words_rejects_other_types(bad):
    with pytest.raises(TypeError):
        vn.number_to_words(bad)


@pytest.mark.parametrize("n, words", [
    (150000000, "Một trăm năm mươi triệu đồng"),
    (684037, "Sáu trăm tám mươi tư nghìn không trăm ba mươi bảy đồng"),
    (0, "Không đồng"),
    (-5000, "Âm năm nghìn đồng"),
])
def test_amount_in_words(n, words):
    assert vn.amount_in_words(n) == words


@pytest.mark.parametrize("n, words", [(684037, READINGS[0][1]), (1010, "một nghìn không trăm mười"),
                                      (105, "một trăm linh năm"), (10**12, "một nghìn tỷ")])
def test_num2words_vi_is_corrected(n, words):
    assert num2words(n, lang="vi") == words


def test_num2words_vi_other_forms():
    assert num2words("35.90", lang="vi") == "ba mươi lăm phẩy chín"
    assert num2words(Decimal("1.05"), lang="vi") == "một phẩy không năm"
    assert num2words(1, lang="vi", to="ordinal") == "thứ nhất"
    assert num2words(4, lang="vi", to="ordinal") == "thứ tư"
    assert num2words(2, lang="vi", to="ordinal") == "thứ hai"
    assert num2words(2024, lang="vi", to="year") == "hai nghìn không trăm hai mươi tư"
    assert num2words(150000000, lang="vi", to="currency") == "một trăm năm mươi triệu đồng"


# --- properties of the reading ------------------------------------------------------

_VALUES = {w: i for i, w in enumerate(
    ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"])}
_VALUES.update({"mốt": 1, "tư": 4, "lăm": 5})
_SCALES = {"nghìn": 10**3, "triệu": 10**6, "tỷ": 10**9}


def parse_words(text: str) -> int:
    """Independent reader of the produced words, to check round trips."""
    tokens = text.split(" ")
    sign = -1 if tokens[0] == "âm" else 1
    if sign < 0:
        tokens = tokens[1:]
    parts: list[int] = []  # finished scaled amounts
    group = digit = 0
    for token in tokens:
        if token in _VALUES:
            digit = _VALUES[token]
        elif token == "trăm":
            group, digit = group + 100 * digit, 0
        elif token == "mươi":
            group, digit = group + 10 * digit, 0
        elif token == "mười":
            group += 10
        elif token == "linh":
            pass
        elif token in _SCALES:
            scale = _SCALES[token]
            amount = group + digit
            while parts and parts[-1] < scale:
                amount += parts.pop()
            parts.append(amount * scale)
            group = digit = 0
        else:
            raise AssertionError(f"unexpected word {token!r} in {text!r}")
    return sign * (sum(parts) + group + digit)


def full_group(r: int) -> str:
    """Reading of 1..999 as a non-leading group, built from the plain reading."""
    if r >= 100:
        return vn.number_to_words(r)
    return "không trăm " + ("linh " if r < 10 else "") + vn.number_to_words(r)


SCALE_WORDS = ["", " nghìn", " triệu", " tỷ", " nghìn tỷ", " triệu tỷ"]


@given(st.integers(1, 999), st.integers(0, 5))
def test_round_numbers(k, j):
    words = vn.number_to_words(k * 1000**j)
    assert words == vn.number_to_words(k) + SCALE_WORDS[j]
    assert "không trăm" not in words


@given(st.integers(1, 10**9), st.integers(1, 999))
def test_group_boundary(n, r):
    words = vn.number_to_words(n * 1000 + r)
    assert words.endswith(" " + full_group(r))
    if r and n % 1000 == 0 and n // 1000 % 1000 == 0:
        return  # the groups right before are empty and skipped
    assert words == vn.number_to_words(n * 1000) + " " + full_group(r)


@given(st.integers(-(10**18) + 1, 10**18 - 1))  # below "tỷ tỷ"
def test_words_are_clean_and_round_trip(n):
    words = vn.number_to_words(n)
    assert "  " not in words and words == words.strip()
    assert words == vn.number_to_words(n)
    assert words == vn.number_to_words(str(n)) == vn.number_to_words(Decimal(n))
    assert unicodedata.is_normalized("NFC", words)
    assert parse_words(words) == n


@given(st.integers(0, 10**6), st.integers(1, 999))
def test_decimal_words_are_integer_words_joined(n, frac):
    text = f"{n}.{frac:03d}".rstrip("0")
    whole, fraction = vn.number_to_words(text).split(" phẩy ")
    assert whole == vn.number_to_words(n)
    digits = text.split(".")[1]
    zeros = len(digits) - len(digits.lstrip("0"))
    assert fraction == " ".join(["không"] * zeros + [vn.number_to_words(int(digits))])


# --- figures ---------------------------------------------------------------------


@pytest.mark.parametrize("args, text", [
    ((1248912,), "1.248.912"),
    ((684037,), "684.037"),
    ((999,), "999"),
    ((0,), "0"),
    ((-1000,), "-1.000"),
    ((1234.5, 2), "1.234,50"),
    ((Decimal("1234.565"), 2), "1.234,57"),
    ((2.675, 2), "2,68"),
    ((Fraction(1, 3), 3), "0,333"),
    ((-0.001, 2), "0,00"),
    ((8769.5,), "8.770"),
    (("1000000",), "1.000.000"),
])
def test_format_number(args, text):
    assert vn.format_number(*args) == text


@pytest.mark.parametrize("ratio, decimals, text", [
    (0.359, 2, "35,90%"),
    (Fraction(12476, 16283), 2, "76,62%"),
    (Fraction(245576, 684037), 2, "35,90%"),
    (Decimal("0.5"), 2, "50,00%"),
    (1, 0, "100%"),
    (Fraction(1, 3), 1, "33,3%"),
    (Fraction(-1, 8), 1, "-12,5%"),
])
def test_format_percent(ratio, decimals, text):
    assert vn.format_percent(ratio, decimals) == text


@pytest.mark.parametrize("x, n", [
    (76.5, 77),
    (8769.22, 8769),
    (Fraction(438461, 50), 8769),
    (Fraction(17, 2), 9),
    (Decimal("2.5"), 3),
    (0.5, 1),
    (1.4999999, 1),
    (-0.5, -1),
    (-2.4, -2),
    (7, 7),
])
def test_round_half_up(x, n):
    assert vn.round_half_up(x) == n


@given(st.integers(-(10**12), 10**12), st.integers(1, 1000))
def test_round_half_up_matches_exact_fraction(a, b):
    q = Fraction(a, b)
    n = vn.round_half_up(q)
    assert abs(q - n) <= Fraction(1, 2)
    if abs(q - n) == Fraction(1, 2):
        assert abs(n) > abs(q)


@pytest.mark.parametrize("n, text", [(1, "I"), (2, "II"), (4, "IV"), (5, "V"), (9, "IX"),
                                     (14, "XIV"), (40, "XL"), (90, "XC"), (400, "CD"),
                                     (1994, "MCMXCIV"), (3999, "MMMCMXCIX")])
def test_roman(n, text):
    assert vn.roman(n) == text


@pytest.mark.parametrize("bad", [0, -1, 4000, True, 1.0])
def test_roman_rejects(bad):
    with pytest.raises(ValueError):
        vn.roman(bad)


# --- sorting and text ----------------------------------------------------------------


def test_sort_communes():
    communes = ["Pleiku", "Đak Pơ", "Ayun Pa", "An Khê", "Chư Sê", "Đức Cơ", "Ia Grai"]
    assert sorted(communes, key=vn.sort_key) == [
        "An Khê", "Ayun Pa", "Chư Sê", "Đak Pơ", "Đức Cơ", "Ia Grai", "Pleiku"]


@pytest.mark.parametrize("ordered", [
    ["Dương", "Đa"],                                  # đ after every d
    ["Anh", "Ăn", "Âu"],                              # a < ă < â
    ["Em", "Ê"],                                      # e < ê
    ["Ong", "Ô", "Ơ"],                                # o < ô < ơ
    ["Uy", "Ưa"],                                     # u < ư
    ["Ea", "Fa", "Ga"], ["Ia", "Ja", "Ka"], ["Va", "Wa", "Xa"], ["Ya", "Za"],
    ["An", "Anh"],                                    # a prefix first
    ["An Khê", "Anh"],                                # space before letters
    ["ma", "mà", "mả", "mã", "má", "mạ"],             # tone order
    ["mạ", "mac"],                                    # letters before tones
    ["Hoà Bình", "Hòa Xuân"],
])
def test_sort_orders(ordered):
    assert sorted(reversed(ordered), key=vn.sort_key) == ordered
    assert sorted(ordered, key=vn.sort_key) == ordered


def test_sort_key_ignores_case_and_normalisation():
    assert vn.sort_key("ĐỨC CƠ") == vn.sort_key("đức cơ")
    assert vn.sort_key(unicodedata.normalize("NFD", "Đức Cơ")) == vn.sort_key("Đức Cơ")


@pytest.mark.parametrize("text, upper", [
    ("Ủy ban nhân dân tỉnh Gia Lai", "ỦY BAN NHÂN DÂN TỈNH GIA LAI"),
    ("đắk lắk", "ĐẮK LẮK"),
    ("kế hoạch", "KẾ HOẠCH"),
    (unicodedata.normalize("NFD", "cộng hòa"), "CỘNG HÒA"),
])
def test_upper_vn(text, upper):
    result = vn.upper_vn(text)
    assert result == upper
    assert unicodedata.is_normalized("NFC", result)


def test_nfc():
    assert vn.nfc(unicodedata.normalize("NFD", "Lộc Hòa")) == "Lộc Hòa"
    assert unicodedata.is_normalized("NFC", vn.nfc("e\u0302\u0301"))


@pytest.mark.parametrize("a, b", [
    ("Hòa", "Hoà"),
    ("Thủy", "Thuỷ"),
    ("CỘNG HÒA", "CỘNG HOÀ"),
    ("khỏe", "khoẻ"),
    ("Lộc Hòa", unicodedata.normalize("NFD", "Lộc Hoà")),
    ("xã Hòa Bình, huyện Thủy Nguyên", "xã Hoà Bình, huyện Thuỷ Nguyên"),
])
def test_same_text(a, b):
    assert vn.same_text(a, b)
    assert vn.same_text(b, a)


@pytest.mark.parametrize("a, b", [("Hòa", "Hóa"), ("Hòa", "Hoa"), ("Hòa", "Hòa "), ("Hòa", "hòa"),
                                  ("Hòa Bình", "Hoà-Bình")])
def test_same_text_differs(a, b):
    assert not vn.same_text(a, b)


def test_same_text_casefold():
    assert vn.same_text("CỘNG HÒA", "Cộng hoà", casefold=True)
    assert not vn.same_text("CỘNG HÒA", "Cộng hoà")


@pytest.mark.parametrize("text, expected", [
    ("Đắk Lắk", "Dak-Lak"),
    ("Gia Lai", "Gia-Lai"),
    ("UBND xã Lộc Hòa", "UBND-xa-Loc-Hoa"),
    ("Kế hoạch 12/KH-UBND", "Ke-hoach-12-KH-UBND"),
    ('  a<>:"/\\|?*b  --  c ', "a-b-c"),
    (unicodedata.normalize("NFD", "Đức Cơ"), "Duc-Co"),
    ("", ""),
])
def test_slug(text, expected):
    assert vn.slug(text) == expected


# --- Jinja -------------------------------------------------------------------------


def test_register_filters():
    env = vn.register_filters(jinja2.Environment())
    template = env.from_string(
        "{{ 684037 | number_words }}|{{ 150000000 | amount_words }}|{{ d | vn_date }}|"
        "{{ d | short_date }}|{{ 1248912 | number }}|{{ 0.359 | percent }}|{{ 4 | roman }}|"
        "{{ 'Ủy ban' | upper_vn }}|{{ 'Đắk Lắk' | slug }}")
    assert template.render(d=dt.date(2023, 9, 1)).split("|") == [
        "sáu trăm tám mươi tư nghìn không trăm ba mươi bảy",
        "Một trăm năm mươi triệu đồng",
        "ngày 01 tháng 9 năm 2023",
        "01/9/2023",
        "1.248.912",
        "35,90%",
        "IV",
        "ỦY BAN",
        "Dak-Lak",
    ]
