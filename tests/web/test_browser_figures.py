"""The editor's figures on the server's table of cases (tests/figure_cases.json,
tests/test_figures.py): what static/js/figures.js writes, what a grid cell
shows once the clerk has typed a figure and left the cell, and two blocks
pasted into a cell (issue 20): "1,240 12,500" stays as pasted, marked, with
both readings; a block copied from an English-locale Excel is read as
English, says so, and the cells and the total show the figures used."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .test_browser_clerk import paste
from .test_browser_tables import new_appendix, wait_for_total

pytestmark = pytest.mark.slow

CASES = json.loads((Path(__file__).parents[1] / "figure_cases.json").read_text(encoding="utf-8"))
READ = [case for case in CASES["read"] if "value" in case]
REFUSED = [case for case in CASES["read"] if "error" in case]
PERCENT = [case for case in CASES["percent"] if "fraction" in case]
AMBIGUOUS, ENGLISH = CASES["blocks"][0], CASES["blocks"][1]

WRITTEN = """async ({numbers, percents}) => {
  const { figureText } = await import("/static/js/figures.js");
  return {numbers: numbers.map((n) => figureText(n)),
          percents: percents.map((n) => figureText(n, { percent: true, decimals: 2 }))};
}"""


def test_the_editor_writes_figures_as_the_server_does(page):
    page.goto(page.base_url + "/plan/new")
    written = page.evaluate(WRITTEN, {"numbers": [float(c["value"]) for c in READ],
                                      "percents": [float(c["fraction"]) for c in PERCENT]})
    assert written["numbers"] == [c["shown"] for c in READ]
    assert written["percents"] == [c["shown"] for c in PERCENT]


def table_of(page, rows: int) -> tuple[int, str]:
    """A new appendix with columns Đơn vị, Chỉ tiêu, Đã đạt and ``rows``
    rows; its index and the selector of a cell (format with row, key)."""
    index = new_appendix(page)
    lines = "".join(f"Xã {n}\t0\t0\r\n" for n in range(1, rows + 1))
    paste(page, f"#paste-appendices-{index}", "Đơn vị\tChỉ tiêu\tĐã đạt\r\n" + lines)
    cell = f'input[data-path="appendices.{index}.rows.{{row}}.{{key}}"]'
    page.locator(cell.format(row=rows - 1, key="don_vi")).wait_for()
    return index, cell


def error_note(page, selector: str):
    """The note of a cell's error, under its grid (named by its cell)."""
    path = re.search(r'data-path="([^"]+)"', selector).group(1)
    return page.locator(f'.grid-notes .field-error[data-for="{path}"]')


def cell_error(page, selector: str) -> str:
    note = error_note(page, selector)
    return note.inner_text().removeprefix(note.locator(".note-where").inner_text()).strip()


def test_a_typed_figure_shows_as_read_or_keeps_its_text_and_both_readings(page):
    index, cell = table_of(page, len(READ) + len(REFUSED))
    for row, case in enumerate(READ):
        page.fill(cell.format(row=row, key="chi_tieu"), case["text"])
    page.keyboard.press("Tab")  # the clerk leaves the last cell
    shown = [case["shown"] for case in READ]
    page.wait_for_function(
        "([selectors, shown]) => selectors.every((s, i) => document.querySelector(s).value === shown[i])",
        arg=[[cell.format(row=row, key="chi_tieu") for row in range(len(READ))], shown])
    wait_for_total(page, index, "chi_tieu", "2.499.928,76")

    first = len(READ)
    for row, case in enumerate(REFUSED, start=first):
        page.fill(cell.format(row=row, key="chi_tieu"), case["text"])
    page.keyboard.press("Tab")
    last = cell.format(row=first + len(REFUSED) - 1, key="chi_tieu")
    error_note(page, last).wait_for()
    for row, case in enumerate(REFUSED, start=first):
        selector = cell.format(row=row, key="chi_tieu")
        assert page.input_value(selector) == case["text"]  # nothing typed is lost
        assert cell_error(page, selector) == case["error"]
    summary = page.locator("#error-summary").inner_text()
    assert f"Phụ lục {index + 1}, dòng {first + 1}, cột “Chỉ tiêu”: {REFUSED[0]['error']}" in summary
    grid = page.locator(f'table.grid[data-path="appendices.{index}.rows"]').locator("xpath=..").locator("xpath=..")
    assert REFUSED[0]["error"] in grid.locator(".grid-message").inner_text()  # no total from a guess
    assert [page.input_value(cell.format(row=row, key="chi_tieu")) for row in range(len(READ))] == shown


def test_pasted_blocks_two_ways_refused_english_read_and_said(page, screens: Path):
    index, cell = table_of(page, 3)
    report = page.locator('fieldset[data-path="appendices"] .appendix').nth(index).locator(".paste-report")

    paste(page, cell.format(row=0, key="chi_tieu"), "\t".join(AMBIGUOUS["cells"][0]))
    error_note(page, cell.format(row=0, key="da_dat")).wait_for()
    assert report.locator("li.warning").all_inner_texts() == [AMBIGUOUS["warning"]]
    for key, text in zip(["chi_tieu", "da_dat"], AMBIGUOUS["rows"][0]):
        assert page.input_value(cell.format(row=0, key=key)) == text
    assert cell_error(page, cell.format(row=0, key="chi_tieu")) == REFUSED[0]["error"]
    assert page.locator(f'table.grid[data-path="appendices.{index}.rows"] tfoot td[data-total="chi_tieu"]'
                        ).all_inner_texts() in ([], [""])  # never a total made of 1,24
    box = page.locator('fieldset[data-path="appendices"] .appendix').nth(index)
    box.scroll_into_view_if_needed()
    box.screenshot(path=str(screens / "figures-two-ways.png"))

    paste(page, cell.format(row=0, key="chi_tieu"), "\r\n".join("\t".join(line) for line in ENGLISH["cells"]))
    report.locator("li.note").first.wait_for()
    assert ENGLISH["notice"] in report.locator("li.note").all_inner_texts()
    wait_for_total(page, index, "chi_tieu", ENGLISH["total"][0])
    wait_for_total(page, index, "da_dat", ENGLISH["total"][1])
    assert [[page.input_value(cell.format(row=row, key=key)) for key in ("chi_tieu", "da_dat")]
            for row in range(3)] == ENGLISH["shown"]
    page.wait_for_function(f"() => !document.querySelector('.grid-notes .field-error"
                           f"[data-for^=\"appendices.{index}.rows.\"]')")
    box.screenshot(path=str(screens / "figures-english-block.png"))
