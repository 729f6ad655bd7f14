"""docgen.importing.from_text: text -> Source."""

from __future__ import annotations

from docgen.importing.from_text import read_text
from docgen.importing.source import SourceParagraph, SourceTable, Span


def _paragraphs(text):
    return [b for b in read_text(text).blocks if isinstance(b, SourceParagraph)]


def test_markdown_headings_give_levels_and_bold_and_italic_give_spans():
    first, second = _paragraphs("## **I. MỤC ĐÍCH**\n\nGiao *Công an tỉnh* chủ trì, **trước ngày 10/9**.")
    assert (first.level, first.text, first.bold) == (2, "I. MỤC ĐÍCH", True)
    assert second.spans == [Span("Giao "), Span("Công an tỉnh", italic=True), Span(" chủ trì, "),
                            Span("trước ngày 10/9", bold=True), Span(".")]


def test_emphasis_runs_over_line_ends_but_not_over_blank_lines():
    authority, position, name = _paragraphs("**KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\nHồ Thị Nguyên Thảo")
    assert authority.bold and position.bold and not name.bold
    assert [p.text for p in (authority, position)] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    stray, after = _paragraphs("Điểm **mở mà không đóng\n\nĐoạn sau")
    assert not after.bold


def test_a_lone_star_and_an_escaped_star_are_text():
    (paragraph,) = _paragraphs("5 * 3 = 15 và \\*ghi chú")
    assert paragraph.text == "5 * 3 = 15 và *ghi chú" and not paragraph.italic


def test_html_bold_as_in_seed_002_table():
    (table,) = [b for b in read_text("STT\tĐơn vị\tSố\n1\tXã A\t5\n<b>TỔNG</b>\t\t<b>5</b>\n").blocks]
    assert isinstance(table, SourceTable)
    total = table.rows[2]
    assert total[0].paragraphs[0].spans == [Span("TỔNG", bold=True)]


def test_markdown_pipe_table():
    blocks = read_text("Trước bảng\n\n| STT | Thôn | Số hộ |\n|---|:---|---:|\n| 1 | Thôn 1 | 1.200 |\n\nSau bảng").blocks
    before, table, after = blocks
    assert isinstance(table, SourceTable)
    assert [[c.text for c in row] for row in table.rows] == [["STT", "Thôn", "Số hộ"], ["1", "Thôn 1", "1.200"]]
    # paragraph numbering runs through the cells
    assert (before.number, table.number, after.number) == (1, 2, 8)


def _texts(text):
    """Paragraphs' and cells' texts in reading order."""
    out = []
    for block in read_text(text).blocks:
        if isinstance(block, SourceTable):
            out += [cell.text for row in block.rows for cell in row]
        else:
            out.append(block.text)
    return out


def test_flattened_header_lines_give_one_paragraph_per_cell_and_rules_go():
    # ("------- | ----" under a line is also a Markdown table's rule: either
    # way each cell's text comes in reading order)
    texts = [t for t in _texts(
        "ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH GIA LAI | Độc lập - Tự do - Hạnh phúc\n"
        "------- | ---------------\n___________\nSố: 12/KH-UBND | Gia Lai, ngày 02 tháng 3 năm 2024")]
    assert texts == ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "TỈNH GIA LAI",
                     "Độc lập - Tự do - Hạnh phúc", "Số: 12/KH-UBND", "Gia Lai, ngày 02 tháng 3 năm 2024"]


def test_hard_wrapped_sentences_are_joined_and_lists_are_not():
    text = ("1. Đẩy mạnh tuyên truyền về định danh điện tử, hướng dẫn công dân cài\n"
            "đặt, kích hoạt ứng dụng.\n- Lưu: VT.\n- Bộ Công an;\n")
    assert [p.text for p in _paragraphs(text)] == [
        "1. Đẩy mạnh tuyên truyền về định danh điện tử, hướng dẫn công dân cài đặt, kích hoạt ứng dụng.",
        "- Lưu: VT.", "- Bộ Công an;"]


def test_a_markdown_hard_break_keeps_the_line():
    texts = [p.text for p in _paragraphs("**PHỤ LỤC**  \n**CHỈ TIÊU KÍCH HOẠT**  \n*(Từ ngày 01/9/2023)*")]
    assert texts == ["PHỤ LỤC", "CHỈ TIÊU KÍCH HOẠT", "(Từ ngày 01/9/2023)"]


def test_nbsp_tabs_crlf_and_control_characters_are_cleaned():
    (paragraph,) = _paragraphs("Số\u00a0liệu\tđến\u200b ngày\x07 10/9/2023\x0c\r\n")
    assert paragraph.text == "Số liệu đến ngày 10/9/2023"


def test_two_blank_lines_end_a_paragraph_even_without_a_full_stop():
    texts = [p.text for p in _paragraphs("Tên kế hoạch trên địa bàn\n\n\ncủa huyện")]
    assert texts == ["Tên kế hoạch trên địa bàn", "của huyện"]
