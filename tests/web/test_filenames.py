"""The download's file name: type, number, issuer, place, date; no diacritics."""

import pytest

from docgen.plan.model import Plan
from docgen.web.filenames import plan_filename


def plan(number=None, symbol="KH-UBND", place="Gia Lai", year=2023, month=8, day=None) -> Plan:
    return Plan.model_validate({
        "header": {"issuing_body": ["ỦY BAN NHÂN DÂN"], "number": number, "symbol": symbol,
                   "place": place, "date": {"year": year, "month": month, "day": day}},
        "subject": "Kế hoạch",
        "signer": {"authority": ["CHỦ TỊCH"], "name": "Nguyễn Văn A"},
    })


@pytest.mark.parametrize("kwargs, expected", [
    (dict(number=2314, day=29), "KH-2314-UBND-Gia-Lai-2023-08-29.docx"),
    (dict(place="Đắk Lắk", year=2026, month=6), "KH-UBND-du-thao-Dak-Lak-2026-06.docx"),
    (dict(number=5, place="Lộc Hòa", year=2025, month=2, day=3), "KH-05-UBND-Loc-Hoa-2025-02-03.docx"),
    (dict(number=12, symbol="KH-BCĐ", place="Cát Hải", day=1), "KH-12-BCD-Cat-Hai-2023-08-01.docx"),
    (dict(number=7, symbol="KH-UBND-VP", place="Thành phố Hồ Chí Minh", day=9),
     "KH-07-UBND-VP-Thanh-pho-Ho-Chi-Minh-2023-08-09.docx"),
    (dict(place="Đồng Tháp", day=15), "KH-UBND-du-thao-Dong-Thap-2023-08-15.docx"),
])
def test_plan_filename(kwargs, expected):
    assert plan_filename(plan(**kwargs)) == expected


def test_other_extensions_and_ascii_only():
    name = plan_filename(plan(number=2314, day=29, place="Ia Pa, Gia Lai"), "yaml")
    assert name == "KH-2314-UBND-Ia-Pa-Gia-Lai-2023-08-29.yaml"
    assert name.isascii()


def test_sample_002(sample_plans):
    assert plan_filename(Plan.model_validate(sample_plans["002"])) == "KH-2314-UBND-Gia-Lai-2023-08-29.docx"
    assert plan_filename(Plan.model_validate(sample_plans["000"])) == "KH-UBND-du-thao-Dak-Lak-2026-06.docx"


@pytest.mark.parametrize("kind, symbol, numbered, draft", [
    # no type code (a Công văn): the number first
    ("cong_van", "UBND-VP", "112-UBND-VP-Gia-Lai-2023-08-29.docx", "UBND-VP-du-thao-Gia-Lai-2023-08-29.docx"),
    ("quyet_dinh", "QĐ-UBND", "QD-112-UBND-Gia-Lai-2023-08-29.docx", "QD-UBND-du-thao-Gia-Lai-2023-08-29.docx"),
    ("to_trinh", "TTr-UBND", "TTr-112-UBND-Gia-Lai-2023-08-29.docx", "TTr-UBND-du-thao-Gia-Lai-2023-08-29.docx"),
])
def test_each_type_names_its_file_by_its_symbol(kind, symbol, numbered, draft):
    assert plan_filename(plan(number=112, symbol=symbol, day=29).model_copy(update={"type": kind})) == numbered
    assert plan_filename(plan(symbol=symbol, day=29).model_copy(update={"type": kind})) == draft
