"""Appendix tables read through docgen/sheets/table_reading.py: header rows to
columns, the Vietnamese number format, the total row, computed columns only
when the figures say so."""

from __future__ import annotations

from docgen.importing.from_text import read_text
from docgen.importing.parse import parse_source

HEAD = """ỦY BAN NHÂN DÂN
XÃ AN PHÚ
Số: 9/KH-UBND
An Phú, ngày 02 tháng 4 năm 2025

KẾ HOẠCH
Tiêm chủng mở rộng năm 2025

I. MỤC ĐÍCH

Bảo đảm tiêm đủ mũi cho trẻ.

Nơi nhận:
- Lưu: VT.

CHỦ TỊCH

Đỗ Văn Cường

PHỤ LỤC
CHỈ TIÊU TIÊM CHỦNG
(Kèm theo Kế hoạch số 9/KH-UBND ngày 02/4/2025 của Ủy ban nhân dân xã An Phú)

"""


def _appendix(table: str):
    result = parse_source(read_text(HEAD + table))
    return result, result.plan.appendices[0]


def test_figures_in_the_vietnamese_format_and_a_rate_that_is_not_computed_stays_typed():
    result, appendix = _appendix(
        "| Thôn | Số trẻ | Đã tiêm | Tỷ lệ dự kiến |\n|---|---|---|---|\n"
        "| Thôn 1 | 1.250 | 830,5 | 90% |\n| Thôn 2 | 980 | 415 | 85% |\n")
    assert [(c.title, c.type, c.compute) for c in appendix.columns] == [
        ("Thôn", "text", None), ("Số trẻ", "number", None), ("Đã tiêm", "number", None),
        ("Tỷ lệ dự kiến", "percent", None)]
    keys = [c.key for c in appendix.columns]
    assert appendix.rows[0] == {keys[0]: "Thôn 1", keys[1]: 1250, keys[2]: 830.5, keys[3]: 0.9}
    assert not appendix.numbered and not appendix.total
    assert result.plan.header.issuer_name == "Ủy ban nhân dân xã An Phú"


def test_a_total_row_that_disagrees_is_reported_at_the_table():
    result, appendix = _appendix(
        "STT\tThôn\tSố trẻ\tĐã tiêm\n1\tThôn 1\t100\t80\n2\tThôn 2\t50\t20\n3\tThôn 3\t10\t5\nCộng\t\t170\t105\n")
    assert appendix.numbered and appendix.total and appendix.total_label == "Cộng"
    assert len(appendix.rows) == 3
    (warning,) = [w for w in result.warnings if w.path == "appendices.0.rows"]
    assert "170" in warning.message and "160" in warning.message


def test_two_header_rows_are_joined_into_titles():
    result, appendix = _appendix(
        "| STT | Thôn | Kết quả | Kết quả |\n|---|---|---|---|\n| | | Số trẻ | Đã tiêm |\n"
        "| 1 | Thôn 1 | 100 | 80 |\n| 2 | Thôn 2 | 50 | 20 |\n")
    assert [c.title for c in appendix.columns] == ["Thôn", "Kết quả - Số trẻ", "Kết quả - Đã tiêm"]
