"""A clerk pastes a table copied from Excel, with Excel's own "Tổng" line
and a "Tỷ lệ (%)" column, into a new appendix (issue 15): the table is read
as the clerk means it, the pasted total is checked, the rate column is
offered as a computed one, and every change of a column recomputes the
table at once. The .docx is opened at the end."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from .test_browser_clerk import paste

HEADER = "Đơn vị\tKế hoạch\tĐã thực hiện\tTỷ lệ (%)\r\n"
ROWS = "Xã A\t35\t25\t71,43%\r\nXã B\t40\t30\t75,00%\r\nXã C\t20\t18\t90,00%\r\n"


def new_appendix(page) -> str:
    """A new appendix on sample 004; the selector of its grid."""
    page.goto(page.base_url + "/plan/sample/004")
    page.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    page.locator('fieldset[data-path="appendices"] > .list > button[data-action="add"]').click()
    index = page.locator('fieldset[data-path="appendices"] .appendix').count() - 1
    page.fill(f"#f-appendices-{index}-title", "Kết quả thực hiện")
    return index


def grid_texts(page, index, selector):
    return page.locator(f'table.grid[data-path="appendices.{index}.rows"] {selector}').all_inner_texts()


def wait_for_total(page, index, key, text):
    page.wait_for_function(
        "([index, key, text]) => document.querySelector("
        "`table.grid[data-path=\"appendices.${index}.rows\"] tfoot td[data-total=\"${key}\"]`)"
        "?.textContent === text", arg=[index, key, text])


def rates(page, index):
    return grid_texts(page, index, 'tbody td[data-cell="ty_le"]')


def test_excel_block_with_its_total_row_and_a_percent_column(page, screens: Path):
    index = new_appendix(page)
    paste(page, f"#paste-appendices-{index}", HEADER + ROWS + "Tổng\t95\t73\t76,84%\r\n")
    box = page.locator('fieldset[data-path="appendices"] .appendix').nth(index)
    report = box.locator(".paste-report")
    report.locator("li.suggestion").wait_for()

    # Three data rows: the "Tổng" line is not one of them.
    assert page.locator(f'table.grid[data-path="appendices.{index}.rows"] tbody tr').count() == 3
    assert "bảng có 3 dòng, thêm 3 cột." in box.locator(".paste-box").inner_text()
    assert "Dòng “Tổng” cuối khối ô là dòng tổng của Excel" in report.inner_text()
    assert report.locator("li.warning").count() == 0  # the pasted totals are right
    # Counted once; the percent column is not summed.
    wait_for_total(page, index, "ke_hoach", "95")
    wait_for_total(page, index, "da_thuc_hien", "73")
    assert grid_texts(page, index, 'tfoot td[data-total="ty_le"]') == [""]
    assert page.input_value(f'input[data-path="appendices.{index}.rows.0.ty_le"]') == "71,43%"

    # The rate column is offered as computed; the clerk accepts.
    suggestion = report.locator("li.suggestion")
    assert "“Tỷ lệ (%)” = “Đã thực hiện” / “Kế hoạch” × 100" in suggestion.inner_text()
    suggestion.locator('button[data-action="accept-formula"]').click()
    wait_for_total(page, index, "ty_le", "76,84%")
    assert rates(page, index) == ["71,43%", "75,00%", "90,00%"]
    column = box.locator(f'[data-path="appendices.{index}.columns.3"]')
    assert column.locator("p.formula").inner_text() == "“Tỷ lệ (%)” = “Đã thực hiện” / “Kế hoạch” × 100"
    assert column.locator("label", has_text="Tử số").count() == 1
    grid = page.locator(f'table.grid[data-path="appendices.{index}.rows"]')
    grid.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    box.screenshot(path=str(screens / "tables-pasted-appendix.png"))

    with page.expect_download() as info:
        page.click("#download-docx")
    doc = Document(info.value.path())
    table = doc.tables[-1]

    def cells(row):
        tcs = row._tr.tc_lst
        texts = ["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tcs]
        styles = [tc.find(qn("w:p")).find(qn("w:pPr")).find(qn("w:pStyle")).get(qn("w:val")) for tc in tcs]
        return texts, [doc.styles.get_by_id(s, 1).paragraph_format.alignment for s in styles]

    assert [cells(row)[0] for row in table.rows[1:]] == [
        ["1", "Xã A", "35", "25", "71,43%"], ["2", "Xã B", "40", "30", "75,00%"],
        ["3", "Xã C", "20", "18", "90,00%"], ["", "TỔNG", "95", "73", "76,84%"]]
    assert all(cells(row)[1][0] == WD_ALIGN_PARAGRAPH.CENTER for row in table.rows[1:-1])  # STT


def test_a_pasted_total_that_differs_is_shown_and_not_used(page):
    index = new_appendix(page)
    paste(page, f"#paste-appendices-{index}", HEADER + ROWS + "TỔNG CỘNG:\t190\t146\t311,60\r\n")
    report = page.locator('fieldset[data-path="appendices"] .appendix').nth(index).locator(".paste-report")
    report.locator("li.warning").first.wait_for()
    assert report.locator("li.warning").all_inner_texts() == [
        "Dòng tổng đã dán ghi cột “Kế hoạch” là 190, nhưng tính từ các dòng được 95; bảng dùng số tính được.",
        "Dòng tổng đã dán ghi cột “Đã thực hiện” là 146, nhưng tính từ các dòng được 73; bảng dùng số tính được.",
        "Dòng tổng đã dán ghi cột “Tỷ lệ (%)” là 311,60, nhưng tính từ các dòng được 76,84%; "
        "bảng dùng số tính được.",
    ]
    wait_for_total(page, index, "ke_hoach", "95")
    wait_for_total(page, index, "da_thuc_hien", "73")
    assert grid_texts(page, index, 'tfoot td[data-total="ty_le"]') == [""]
    # The clerk keeps the pasted figures: nothing changes.
    report.locator('button[data-action="keep-pasted"]').click()
    assert report.locator("li.suggestion").count() == 0
    assert page.input_value(f'input[data-path="appendices.{index}.rows.2.ty_le"]') == "90,00%"


def test_every_change_of_a_computed_column_recomputes_at_once(page):
    index = new_appendix(page)
    paste(page, f"#paste-appendices-{index}", HEADER + ROWS)
    box = page.locator('fieldset[data-path="appendices"] .appendix').nth(index)
    box.locator('.paste-report button[data-action="accept-formula"]').click()
    wait_for_total(page, index, "ty_le", "76,84%")
    column = box.locator(f'[data-path="appendices.{index}.columns.3"]')

    # Swap numerator and denominator: every figure follows, nothing retyped.
    column.locator('button[data-action="swap-operands"]').click()
    wait_for_total(page, index, "ty_le", "130,14%")
    assert rates(page, index) == ["140,00%", "133,33%", "111,11%"]
    assert column.locator("p.formula").inner_text() == "“Tỷ lệ (%)” = “Kế hoạch” / “Đã thực hiện” × 100"

    # Back through the operand selects.
    column.locator(f"#f-appendices-{index}-columns-3-of-0").select_option("da_thuc_hien")
    column.locator(f"#f-appendices-{index}-columns-3-of-1").select_option("ke_hoach")
    wait_for_total(page, index, "ty_le", "76,84%")
    assert rates(page, index) == ["71,43%", "75,00%", "90,00%"]

    # Retitling an operand renames it in the formula and the grid's header.
    box.locator(f"#f-appendices-{index}-columns-1-title").fill("Chỉ tiêu")
    page.wait_for_function(
        "(index) => document.querySelector(`[data-path=\"appendices.${index}.columns.3\"] p.formula`)"
        "?.textContent === '“Tỷ lệ (%)” = “Đã thực hiện” / “Chỉ tiêu” × 100'", arg=index)
    assert "Chỉ tiêu" in grid_texts(page, index, "thead th")

    # Moving the two figure columns: the formula keeps its operands by key.
    box.locator(f'[data-path="appendices.{index}.columns.2"] button[data-action="up"]').click()
    wait_for_total(page, index, "ty_le", "76,84%")
    assert rates(page, index) == ["71,43%", "75,00%", "90,00%"]

    # Two decimals become one; then a difference instead of a ratio.
    box.locator(f"#f-appendices-{index}-columns-3-decimals").fill("1")
    wait_for_total(page, index, "ty_le", "76,8%")
    column = box.locator(f'[data-path="appendices.{index}.columns.3"]')
    column.locator(f"#f-appendices-{index}-columns-3-type").select_option("number")
    column = box.locator(f'[data-path="appendices.{index}.columns.3"]')
    column.locator(f"#f-appendices-{index}-columns-3-compute").select_option("difference")
    column = box.locator(f'[data-path="appendices.{index}.columns.3"]')
    # The operands are kept: “Đã thực hiện” − “Chỉ tiêu”; the clerk swaps them.
    assert column.locator("p.formula").inner_text() == "“Tỷ lệ (%)” = “Đã thực hiện” − “Chỉ tiêu”"
    column.locator('button[data-action="swap-operands"]').click()
    wait_for_total(page, index, "ty_le", "22")
    assert rates(page, index) == ["10", "10", "2"]


def test_a_new_ratio_divides_done_by_target_as_in_seed_002(page):
    page.goto(page.base_url + "/plan/sample/002")
    page.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    compute = page.locator("#f-appendices-0-columns-3-compute")
    compute.select_option("")
    page.locator("#f-appendices-0-columns-3-compute").select_option("ratio")
    formula = page.locator('[data-path="appendices.0.columns.3"] p.formula')
    assert formula.inner_text() == (
        "“Tỷ lệ % công dân đã kích hoạt” = “Đã kích hoạt (mức 1 + mức 2)” / “Chỉ tiêu kích hoạt” × 100")
    wait_for_total(page, 0, "rate", "35,90%")
    first = page.locator('table.grid[data-path="appendices.0.rows"] tbody tr').first
    assert first.locator('td[data-cell="rate"]').inner_text() == "76,62%"  # Huyện Đak Pơ, not 130,51%
    # Figures from the plan file are shown the Vietnamese way, as a clerk types them.
    assert first.locator('input[data-path="appendices.0.rows.0.target"]').input_value() == "16.283"


def test_an_uploaded_sheet_with_its_total_row(page, tmp_path: Path):
    from openpyxl import Workbook

    index = new_appendix(page)
    book = Workbook()
    for row in (["STT", "Đơn vị", "Kế hoạch", "Đã thực hiện", "Tỷ lệ (%)"],
                [1, "Xã A", 35, 25, 0.7143], [2, "Xã B", 40, 30, 0.75], [3, "Xã C", 20, 18, 0.9],
                [None, "Cộng", 96, 73, 0.7684]):
        book.active.append(row)
    for line in range(2, 6):
        book.active[f"E{line}"].number_format = "0.00%"  # as Excel keeps 71,43%: 0.7143
    book.save(tmp_path / "ket-qua.xlsx")
    page.set_input_files(f"#paste-appendices-{index}-file", str(tmp_path / "ket-qua.xlsx"))
    box = page.locator('fieldset[data-path="appendices"] .appendix').nth(index)
    box.locator(".paste-report li.warning").wait_for()
    assert box.locator(".paste-report li.warning").inner_text() == (
        "Dòng tổng đã dán ghi cột “Kế hoạch” là 96, nhưng tính từ các dòng được 95; bảng dùng số tính được.")
    assert "Đã điền từ ket-qua.xlsx: bảng có 3 dòng, thêm 3 cột." in box.locator(".paste-box").inner_text()
    # STT is the table's own numbering, not a pasted column; percentages as Excel shows them.
    assert grid_texts(page, index, "thead th")[:5] == ["STT", "Đơn vị", "Kế hoạch", "Đã thực hiện", "Tỷ lệ (%)"]
    assert page.input_value(f'input[data-path="appendices.{index}.rows.0.ty_le"]') == "71,43%"
    wait_for_total(page, index, "ke_hoach", "95")
    box.locator('.paste-report button[data-action="accept-formula"]').click()
    wait_for_total(page, index, "ty_le", "76,84%")


def test_seed_002s_table_pasted_back_with_its_computed_columns(page):
    page.goto(page.base_url + "/plan/sample/002")
    page.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    block = ("STT\tĐơn vị\tChỉ tiêu kích hoạt\tĐã kích hoạt (mức 1 + mức 2)\tTỷ lệ % công dân đã kích hoạt\t"
             "Chỉ tiêu còn lại\tChỉ tiêu hoàn thành trong ngày\r\n"
             "1\tHuyện Đak Pơ\t16.283\t12.476\t76,62%\t3.807\t76\r\n"
             "2\tHuyện Kbang\t25.632\t13.503\t52,68%\t12.129\t243\r\n"
             "\tTổng cộng\t41.915\t25.979\t62,00%\t15.936\t319\r\n")
    paste(page, "#paste-appendices-0", block)
    report = page.locator(".paste-report").first
    report.locator("li.warning").wait_for()
    assert page.locator('table.grid[data-path="appendices.0.rows"] tbody tr').count() == 2
    assert page.locator('[data-path="appendices.0.columns"] > .list-items > .list-item').count() == 6
    assert "bảng tự tính các cột này" in report.inner_text()
    assert report.locator("li.warning").all_inner_texts() == [
        "Dòng tổng đã dán ghi cột “Tỷ lệ % công dân đã kích hoạt” là 62,00%, nhưng tính từ các dòng "
        "được 61,98%; bảng dùng số tính được."]
    wait_for_total(page, 0, "rate", "61,98%")
    assert grid_texts(page, 0, "tfoot td")[1:7] == ["TỔNG", "41.915", "25.979", "61,98%", "15.936", "319"]
