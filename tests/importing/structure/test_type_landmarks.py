"""The landmarks that depend on the document's type, each read by the
registry's data: a Công văn's "V/v" in its header (its type), "Kính gửi",
a decision's authority line, bases, "QUYẾT ĐỊNH:" and articles, a Quy
chế's chapters; and the body's parts the reader looks for by type."""

import pytest

from docgen import doctypes
from docgen.importing.source import Source, SourceParagraph, Span
from docgen.importing.structure import addressees, decision, divisions, letter, read_structure
from docgen.importing.structure.model import Found

from .make import line, lines


# --- a Công văn: "V/v" under the number --------------------------------------------------------


@pytest.mark.parametrize("texts, key, subject", [
    (("ỦY BAN NHÂN DÂN", "XÃ LỘC HÒA", "Số: 15/UBND-VP", "V/v báo cáo số liệu"), "cong_van", ["V/v báo cáo số liệu"]),
    (("Số: 15/UBND-VP", "V/v báo cáo kết quả cài đặt,", "kích hoạt tài khoản", "Lộc Hòa, ngày 02 tháng 3 năm 2025"),
     "cong_van", ["V/v báo cáo kết quả cài đặt,", "kích hoạt tài khoản"]),  # a narrow column wrapped it
    (("ỦY BAN NHÂN DÂN", "Số: 15/KH-UBND", "Về một việc"), None, None),  # no "V/v": not a letter
])
def test_letter_subject_tells_the_type(texts, key, subject):
    found = letter.find(lines(*texts))
    assert (found[0].key if found else None) == key
    assert ([item.text for item in found[1]] if found else None) == subject


def test_letter_subject_is_read_without_its_prefix_and_a_symbol_of_another_type_is_said():
    cong_van = doctypes.get("cong_van")
    notes = []
    subject = letter.read(cong_van, lines("V/v báo cáo kết quả cài đặt,", "kích hoạt tài khoản"), notes)
    assert subject.value == "báo cáo kết quả cài đặt, kích hoạt tài khoản" and [n.path for n in notes] == ["subject"]
    number = Found("Số: 15/KH-UBND", (line("Số: 15/KH-UBND"),), (15, "KH-UBND"))
    stated = letter.stated_type(cong_van, subject, number)
    assert stated.value is cong_van and "KH-UBND" in stated.note
    plain = Found("Số: 15/UBND-VP", (line("Số: 15/UBND-VP"),), (15, "UBND-VP"))
    assert letter.stated_type(cong_van, subject, plain).note is None


# --- Kính gửi --------------------------------------------------------------------------------------


@pytest.mark.parametrize("texts, names, end", [
    (("Kính gửi: Bộ Nội vụ.", "Nội dung."), ["Bộ Nội vụ"], 1),
    (("Kính gửi:", "- Công an xã;", "- Trạm Y tế xã.", "Nội dung."), ["Công an xã", "Trạm Y tế xã"], 3),
    (("KÍNH GỬI: UBND HUYỆN", "Nội dung."), ["UBND HUYỆN"], 1),
    (("Nội dung.", "Kính gửi: Bộ Nội vụ."), None, 0),  # only at the start of the body
])
def test_addressees(texts, names, end):
    found, at = addressees.read(lines(*texts))
    assert (found.value if found else None) == names and at == end


# --- a decision ---------------------------------------------------------------------------------------


def test_a_decision_s_authority_bases_decision_line_and_articles():
    quyet_dinh = doctypes.get("quyet_dinh")
    notes = []
    decider, bases, marker, articles = decision.read(lines(
        "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA AN", "Căn cứ Luật Tổ chức chính quyền địa phương;",
        "Theo đề nghị của Văn phòng.", "QUYẾT ĐỊNH:", "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.",
        "1. Khoản một.", "Điều 2. Quyết định này có hiệu lực kể từ ngày ký."), quyet_dinh, notes)
    assert decider.text == "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ HÒA AN"
    assert [b.text for b in bases] == ["Căn cứ Luật Tổ chức chính quyền địa phương;", "Theo đề nghị của Văn phòng."]
    assert marker.value == "QUYẾT ĐỊNH:" and len(articles) == 3 and notes == []


def test_a_decision_without_its_decision_line_is_said():
    notes = []
    decider, bases, marker, articles = decision.read(
        lines("Căn cứ Luật;", "Điều 1. Thành lập Tổ."), doctypes.get("quyet_dinh"), notes)
    assert decider is None and [b.text for b in bases] == ["Căn cứ Luật;"] and marker is None
    assert [a.text for a in articles] == ["Điều 1. Thành lập Tổ."] and [n.path for n in notes] == ["articles"]


# --- a Quy chế's chapters -------------------------------------------------------------------------------


@pytest.mark.parametrize("text, label, ordinal", [
    ("Chương I", "Chương I", 1), ("CHƯƠNG III", "CHƯƠNG III", 3), ("Chương II.", "Chương II", 2),
    ("Chương trình hành động", None, None), ("Chương Mỹ", None, None), ("Chương cũ", None, None),
])
def test_chapter_mark(text, label, ordinal):
    mark = divisions.mark_of(line(text))
    got = (mark.label, mark.ordinal) if mark is not None and mark.scheme == "chapter" else (None, None)
    assert got == (label, ordinal)


def test_chapters_are_the_divisions_of_a_type_that_has_them_only():
    body = lines("Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Phạm vi", "Quy chế này quy định.", "Chương II",
                 "TỔ CHỨC THỰC HIỆN", "Điều 2. Trách nhiệm")
    found = divisions.find(body, [], divisions.CHAPTERS)
    assert [(d.mark, d.title.text) for d in found] == [("Chương I", "QUY ĐỊNH CHUNG"),
                                                        ("Chương II", "TỔ CHỨC THỰC HIỆN")]
    assert divisions.find(body, []) == []  # a plan's divisions are never chapters


# --- the body's parts by type ------------------------------------------------------------------------------


def _source(*texts: str) -> Source:
    return Source([SourceParagraph(i, [Span(text)]) for i, text in enumerate(texts, start=1)], "text")


def test_a_giay_moi_s_body_is_its_meeting():
    s = read_structure(_source("GIẤY MỜI", "Dự lễ ra quân", "Ủy ban nhân dân xã trân trọng kính mời:",
                               "Tới dự: Lễ ra quân", "Thời gian: 07 giờ 30 phút, ngày 05/3/2025",
                               "Địa điểm: Hội trường xã.", "Nơi nhận:", "- Như trên;", "- Lưu: VT."))
    assert s.type.key == "giay_moi" and s.divisions == [] and s.opening == []
    assert [item.text for item in s.meeting][1:3] == ["Tới dự: Lễ ra quân", "Thời gian: 07 giờ 30 phút, ngày 05/3/2025"]


def test_a_cong_van_has_its_subject_in_the_header_and_its_addressees():
    s = read_structure(_source("ỦY BAN NHÂN DÂN", "XÃ LỘC HÒA", "Số: 15/UBND-VP", "V/v báo cáo số liệu",
                               "Lộc Hòa, ngày 02 tháng 3 năm 2025", "Kính gửi: Ủy ban nhân dân huyện.",
                               "Ủy ban nhân dân xã báo cáo như sau.", "Nơi nhận:", "- Như trên;", "- Lưu: VT."))
    assert s.type.key == "cong_van" and s.type_line is None and s.subject.value == "báo cáo số liệu"
    assert s.addressees.value == ["Ủy ban nhân dân huyện"]
    assert [item.text for item in s.opening] == ["Ủy ban nhân dân xã báo cáo như sau."]
    assert s.header.number.value == (15, "UBND-VP") and s.header.date is not None
