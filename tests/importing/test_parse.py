"""docgen.importing.parse: what each part of a plan is recognised as, and
the warnings for what could not be placed."""

from __future__ import annotations

import pytest

from docgen.importing.from_text import read_text
from docgen.importing.parse import ImportRefused, ImportWarning, parse_source
from docgen.importing.source import Source, SourceCell, SourceParagraph, SourceTable, Span
from docgen.plan.labels import field_label

FOOTER = """
Nơi nhận:
- Sở Nội vụ (để báo cáo);
- Lưu: VT, NV.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
"""


def _plan_text(header: str, body: str = "I. MỤC ĐÍCH\n\nNội dung.\n", footer: str = FOOTER) -> str:
    return f"{header}\n\nKẾ HOẠCH\n\nVề một việc\n\n{body}\n{footer}"


def _import(text):
    return parse_source(read_text(text))


@pytest.mark.parametrize("line, number", [
    ("Số: 2314/KH-UBND", 2314), ("Số:      /KH-UBND", None), ("Số: /KH-UBND", None), ("Số: 05/KH-UBND", 5),
])
def test_number_line(line, number):
    header = _import(_plan_text(f"ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\n{line}\nGia Lai, ngày 29 tháng 8 năm 2023")).plan.header
    assert (header.number, header.symbol) == (number, "KH-UBND")


@pytest.mark.parametrize("line, place, day, month, year", [
    ("Gia Lai, ngày 29 tháng 8 năm 2023", "Gia Lai", 29, 8, 2023),
    ("Đắk Lắk, ngày      tháng 6 năm 2026", "Đắk Lắk", None, 6, 2026),
    ("Cát Hải, ngày tháng 6 năm 2026.", "Cát Hải", None, 6, 2026),
    ("Lộc Hòa, ngày 05 tháng 02 năm 2025", "Lộc Hòa", 5, 2, 2025),
])
def test_place_and_date_line(line, place, day, month, year):
    header = _import(_plan_text(f"ỦY BAN NHÂN DÂN\nTỈNH X\nSố: 1/KH-UBND\n{line}")).plan.header
    assert (header.place, header.date.day, header.date.month, header.date.year) == (place, day, month, year)


def test_motto_present_or_missing_reads_the_same():
    with_motto = _plan_text("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                            "Độc lập - Tự do - Hạnh phúc\nSố: 1/KH-UBND\nGia Lai, ngày 02 tháng 3 năm 2024")
    without = _plan_text("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 1/KH-UBND\nGia Lai, ngày 02 tháng 3 năm 2024")
    assert _import(with_motto).plan == _import(without).plan
    assert _import(with_motto).plan.header.issuing_body == ["ỦY BAN NHÂN DÂN", "TỈNH GIA LAI"]


def test_issuer_on_one_line_is_split_and_a_parent_body_is_found():
    header = _import(_plan_text("UBND HUYỆN LỘC NINH\nỦY BAN NHÂN DÂN XÃ LỘC HÒA\nSố: 3/KH-UBND\n"
                                "Lộc Hòa, ngày 02 tháng 3 năm 2025")).plan.header
    assert header.parent_body == "UBND HUYỆN LỘC NINH"
    assert header.issuing_body == ["ỦY BAN NHÂN DÂN", "XÃ LỘC HÒA"]
    assert header.issuer_name == "Ủy ban nhân dân xã Lộc Hòa"


def test_subject_over_several_lines_is_joined():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nSố: 1/KH-UBND\nGia Lai, ngày 02 tháng 3 năm 2024\n\n## KẾ HOẠCH\n\n"
            "### Triển khai tháng hành động\n### vì môi trường năm 2024\n\nThực hiện chỉ đạo của tỉnh.\n\n"
            "I. MỤC ĐÍCH\n\nNội dung.\n" + FOOTER)
    plan = _import(text).plan
    assert plan.subject == "Triển khai tháng hành động vì môi trường năm 2024"
    assert plan.opening == ["Thực hiện chỉ đạo của tỉnh."]


def test_signer_prefixes_and_name():
    for authority in (["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], ["Q. CHỦ TỊCH"], ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]):
        footer = "Nơi nhận:\n- Lưu: VT.\n\n" + "\n".join(authority) + "\n\n(Đã ký)\n\nTrần Thị Bình\n"
        result = _import(_plan_text("ỦY BAN NHÂN DÂN\nTỈNH X\nSố: 1/KH-UBND\nX, ngày 02 tháng 3 năm 2024",
                                    footer=footer))
        assert (result.plan.signer.authority, result.plan.signer.name) == (authority, "Trần Thị Bình")
        assert any("Đã ký" in w.message for w in result.warnings)


def test_archive_line_is_not_the_signer():
    plan = _import(_plan_text("ỦY BAN NHÂN DÂN\nTỈNH X\nSố: 1/KH-UBND\nX, ngày 02 tháng 3 năm 2024")).plan
    assert plan.archive == "VT, NV" and plan.signer.name == "Nguyễn Văn An"
    assert [(r.name, r.purpose) for r in plan.recipients] == [("Sở Nội vụ", "để báo cáo")]


def test_text_that_fits_nowhere_becomes_a_paragraph_with_a_warning():
    footer = FOOTER.replace("Nguyễn Văn An", "Nguyễn Văn An\n\nGhi chú: bản này gửi kèm điện tử.")
    header = "ỦY BAN NHÂN DÂN\nTỈNH X\nMột dòng lạ ở phần đầu\nSố: 1/KH-UBND\nX, ngày 02 tháng 3 năm 2024"
    result = _import(_plan_text(header, footer=footer))
    plan = result.plan
    assert plan.opening == ["Một dòng lạ ở phần đầu"]
    assert plan.sections[-1].blocks[-1].text == "Ghi chú: bản này gửi kèm điện tử."
    stray = [w for w in result.warnings if "đoạn văn thường" in w.message]
    assert [(w.paragraph, w.path) for w in stray] == [(3, "opening.0"), (16, "sections.0.blocks.1")]
    assert field_label(stray[1].path, result.data) == "Mục I, khối 2"
    assert str(stray[0]).startswith("đoạn 3: “Một dòng lạ ở phần đầu”")


def test_a_text_without_any_plan_is_refused():
    with pytest.raises(ImportRefused, match="không nhận ra kế hoạch"):
        _import("Chào anh,\nem gửi anh bản tin tuần này.\n")
    with pytest.raises(ImportRefused, match="trống"):
        parse_source(Source([], "text"))


def test_word_list_labels_and_a_header_table_from_a_docx_source():
    """What the Word reader gives: numbering as labels, the header in a table."""
    def p(number, text, *, bold=False, label=None, italic=False):
        return SourceParagraph(number, [Span(text, bold=bold, italic=italic)], label=label)

    header = SourceTable(1, [
        [SourceCell([p(1, "ỦY BAN NHÂN DÂN", bold=True), p(2, "XÃ AN BÌNH", bold=True)]),
         SourceCell([p(3, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True), p(4, "Độc lập - Tự do - Hạnh phúc")])],
        [SourceCell([p(5, "Số: 12/KH-UBND")]), SourceCell([p(6, "An Bình, ngày 10 tháng 5 năm 2025", italic=True)])],
    ])
    blocks = [header, p(7, "KẾ HOẠCH", bold=True), p(8, "Phòng chống dịch sốt xuất huyết", bold=True),
              p(9, "MỤC ĐÍCH", bold=True, label="I."), p(10, "Mục đích", bold=True, label="1."),
              p(11, "Diệt lăng quăng tại hộ gia đình.", label="-"),
              p(12, "Trạm Y tế xã", bold=True, label="2."), p(13, "Phun thuốc tại ổ dịch.", label="-"),
              p(14, "Nơi nhận:", bold=True, italic=True), p(15, "- Lưu: VT."),
              p(16, "CHỦ TỊCH", bold=True), p(17, "Phạm Minh Châu", bold=True)]
    plan = parse_source(Source(blocks, "docx")).plan
    assert plan.header.issuing_body == ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"]
    assert (plan.header.number, plan.header.place, plan.header.date.day) == (12, "An Bình", 10)
    assert plan.sections[0].title == "MỤC ĐÍCH"
    heading, bullet = plan.sections[0].blocks[:2]
    assert (heading.kind, heading.title, bullet.kind) == ("heading", "Mục đích", "bullet")
    assert plan.sections[0].blocks[2].kind == "heading"  # "Trạm Y tế xã" outside an assignments section
    assert (plan.signer.authority, plan.signer.name) == (["CHỦ TỊCH"], "Phạm Minh Châu")


def test_warnings_are_values():
    warning = ImportWarning(4, "thông báo", "header.place")
    assert warning == ImportWarning(4, "thông báo", "header.place")
    assert str(warning) == "đoạn 4: thông báo"
