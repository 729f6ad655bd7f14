"""The editor's other tools in Chromium: authority patterns, reordering,
block kinds, a new appendix from a pasted block, spreadsheet upload,
export and import, and the paste parser itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook


def open_editor(page, path="/plan/sample/002"):
    page.goto(page.base_url + path)
    page.wait_for_selector("#preview:not([data-state=loading])", state="attached")


def wait_for_preview(page, text):
    page.wait_for_function("(t) => document.getElementById('preview').textContent.includes(t)", arg=text)


def test_authority_pattern_reorder_and_block_kind(page):
    open_editor(page)
    page.select_option("#authority-pattern", "tm-kt")
    page.click("#apply-authority")
    assert page.input_value("#f-signer-authority-0") == "TM. ỦY BAN NHÂN DÂN"
    assert page.input_value("#f-signer-authority-1") == "KT. CHỦ TỊCH"
    assert page.input_value("#f-signer-authority-2") == "PHÓ CHỦ TỊCH"
    wait_for_preview(page, "KT. CHỦ TỊCH")

    # Move the second recipient up: the list and the preview follow.
    first, second = page.input_value("#f-recipients-0-name"), page.input_value("#f-recipients-1-name")
    page.locator('[data-path="recipients.1"] button[data-action="up"]').click()
    assert page.input_value("#f-recipients-0-name") == second
    assert page.input_value("#f-recipients-1-name") == first
    assert page.evaluate("() => document.activeElement.dataset.action") == "down"  # top: "up" is off
    page.wait_for_function(
        "([a, b]) => { const t = document.getElementById('preview').textContent;"
        " return t.indexOf('- ' + a) >= 0 && t.indexOf('- ' + a) < t.indexOf('- ' + b); }",
        arg=[second, first])

    # A bullet becomes a numbered paragraph; its text is kept.
    block = page.locator('[data-path="sections.1.blocks.1"]')
    text = block.locator("textarea").input_value()
    block.locator("select.kind").select_option("numbered")
    assert page.input_value("#f-sections-1-blocks-1-text") == text
    wait_for_preview(page, "2. " + text[:40])


def test_new_appendix_from_a_pasted_block_with_headers(page):
    open_editor(page, "/plan/sample/004")
    page.fill("#f-header-issuer_name", "Ủy ban nhân dân xã Lộc Hòa")
    page.locator('fieldset[data-path="appendices"] > .list > button[data-action="add"]').click()
    index = page.locator('fieldset[data-path="appendices"] .appendix').count() - 1
    page.fill(f"#f-appendices-{index}-title", "Kết quả tích hợp giấy tờ")
    block = "Thôn\tSố hộ\tĐã tích hợp\nThôn 1\t120\t80\nThôn 2\t95\t\"1.005\"\n"
    page.evaluate(
        """([id, text]) => {
            const data = new DataTransfer();
            data.setData('text/plain', text);
            document.getElementById(id).dispatchEvent(
              new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }""",
        [f"paste-appendices-{index}", block])
    # The new table takes the pasted header: "Đơn vị" becomes "Thôn", two
    # figure columns are added.
    page.wait_for_function("() => (localStorage.getItem('docgen.draft.v1') || '').includes('Thôn 2')")
    plan = page.evaluate("() => JSON.parse(localStorage.getItem('docgen.draft.v1')).plan")
    appendix = plan["appendices"][index]
    assert [(c["title"], c["type"]) for c in appendix["columns"]] == [
        ("Thôn", "text"), ("Số hộ", "number"), ("Đã tích hợp", "number")]
    # Figures are kept as read by the one reader of figures ("1.005" is 1005).
    assert appendix["rows"][1] == {"don_vi": "Thôn 2", "so_ho": 95, "da_tich_hop": 1005}
    wait_for_preview(page, "KẾT QUẢ TÍCH HỢP GIẤY TỜ")
    page.wait_for_function(
        "() => [...document.querySelectorAll('table.grid tfoot')].some((f) => f.textContent.includes('1.085'))")


def test_spreadsheet_upload_export_and_import(page, tmp_path: Path):
    open_editor(page)
    book = Workbook()
    for row in (["Đơn vị", "Chỉ tiêu kích hoạt", "Đã kích hoạt (mức 1 + mức 2)"],
                ["Phường Hội Phú", 5000, 4000], ["Phường Yên Đỗ", 3000, 1500]):
        book.active.append(row)
    workbook = tmp_path / "chi-tieu.xlsx"
    book.save(workbook)
    page.set_input_files("#paste-appendices-0-file", str(workbook))
    page.wait_for_function(
        "() => document.querySelector('table.grid tfoot')?.textContent.includes('68,75%')")
    assert page.locator("table.grid tbody tr").count() == 2
    assert "Đã điền từ chi-tieu.xlsx: bảng có 2 dòng." in page.inner_text(".paste-box")

    with page.expect_download() as info:
        page.click("#export-yaml")
    assert info.value.suggested_filename == "KH-2314-UBND-Gia-Lai-2023-08-29.yaml"
    exported = yaml.safe_load(Path(info.value.path()).read_text(encoding="utf-8"))
    assert [r["unit"] for r in exported["appendices"][0]["rows"]] == ["Phường Hội Phú", "Phường Yên Đỗ"]

    with page.expect_download() as info:
        page.click("#export-json")
    assert info.value.suggested_filename.endswith(".json")

    # Importing a plan file replaces the plan on screen.
    exported["subject"] = "Kế hoạch nhập từ tệp"
    imported = tmp_path / "ke-hoach.json"
    imported.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    page.set_input_files("#import-file", str(imported))
    page.wait_for_function("() => document.getElementById('f-subject').value === 'Kế hoạch nhập từ tệp'")
    wait_for_preview(page, "Kế hoạch nhập từ tệp")
    assert page.inner_text("#action-status") == "Đã mở ke-hoach.json."


def test_paste_parser(page):
    open_editor(page)
    result = page.evaluate("""async () => {
        const paste = await import('/static/js/paste.js');
        return paste.parseTabular('A\\t"x\\ty"\\r\\n"dòng ""một""\\nhai"\\t2\\r\\n\\r\\n');
    }""")
    assert result == [["A", "x\ty"], ['dòng "một"\nhai', "2"]]


@pytest.mark.parametrize("columns, compute, expected", [
    # seed 002's order: target, then done -> rate = done / target, remaining = target - done
    ([("unit", "text"), ("target", "number"), ("done", "number")], "ratio", ["done", "target"]),
    ([("unit", "text"), ("target", "number"), ("done", "number")], "difference", ["target", "done"]),
    ([("unit", "text"), ("households", "number"), ("target", "number"), ("done", "number")], "ratio",
     ["done", "target"]),
    ([("unit", "text"), ("target", "number")], "ratio", ["target", "target"]),
    # the new column sits between: the two figures to its left
    ([("unit", "text"), ("target", "number"), ("done", "number"), ("new", "number"), ("other", "number")],
     "ratio", ["done", "target"]),
    ([("unit", "text"), ("remaining", "number")], "per_day", ["remaining"]),
])
def test_default_operands_of_a_new_formula(page, columns, compute, expected):
    open_editor(page)
    result = page.evaluate("""async ([columns, compute]) => {
        const appendix = await import('/static/js/appendix.js');
        const list = columns.map(([key, type]) => ({ key, title: key, type }));
        let column = list.find((c) => c.key === 'new');
        if (!column) { column = { key: 'new', title: 'Mới', type: 'number' }; list.push(column); }
        return appendix.defaultOperands(list, column, compute);
    }""", [columns, compute])
    assert result == expected


def test_paste_into_a_cell_fills_from_there_like_excel(page):
    open_editor(page)
    cell = page.locator('input[data-path="appendices.0.rows.1.target"]')
    page.evaluate(
        """(text) => {
            const data = new DataTransfer();
            data.setData('text/plain', text);
            document.querySelector('input[data-path="appendices.0.rows.1.target"]').dispatchEvent(
              new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }""",
        "1000\t500\r\n2000\t100\r\n")
    # The block is read by the server (POST /api/appendix/paste), then placed,
    # each figure shown as it was read (1000 -> 1.000).
    page.wait_for_function(
        "() => document.querySelector('input[data-path=\"appendices.0.rows.1.target\"]').value === '1.000'")
    assert cell.input_value() == "1.000"
    assert page.input_value('input[data-path="appendices.0.rows.1.done"]') == "500"
    assert page.input_value('input[data-path="appendices.0.rows.2.target"]') == "2.000"
    assert page.input_value('input[data-path="appendices.0.rows.2.unit"]') == "Thị xã An Khê"  # untouched
    assert page.locator("table.grid tbody tr").count() == 17
    page.wait_for_function(
        "() => document.querySelector('table.grid tbody tr:nth-child(2) td[data-cell=rate]')"
        "?.textContent === '50,00%'")
