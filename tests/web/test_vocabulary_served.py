"""The editor's lists come from the server (issue 13, item 3; issue 23): the
block kinds, the column types and formulas of an appendix, the section
numerals, the signing-authority patterns and the document types (each
type's groups, labels and block kinds) are carried by the page
(#vocabulary) from their one table in docgen.plan.model, docgen.vietnamese.vn,
docgen.vietnamese.authority and docgen.doctypes; no copy of them is left in
the scripts, and a kind or formula added on the server reaches the editor's
menus."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Literal

import docgen
from docgen.plan import model
from docgen.plan.model import BLOCK_KINDS, COLUMN_TYPES, FORMULAS, BlockKind, FormulaKind, Paragraph
from docgen import doctypes
from docgen.plan.vocabulary import editor_lists, editor_type
from docgen.vietnamese.authority import AUTHORITY_PATTERNS

SCRIPTS = sorted((Path(docgen.__file__).parent / "web" / "static" / "js").glob("*.js"))


def served(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="vocabulary">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_the_page_carries_the_lists(client):
    vocabulary = served(client.get("/plan/sample/002").get_data(as_text=True))
    lists = editor_lists()
    for name in ("blocks", "column_types", "formulas", "numerals", "authority_patterns", "types", "doc_types"):
        assert vocabulary[name] == lists[name]
    assert [(p["key"], p["name"], p["lines"]) for p in vocabulary["authority_patterns"]] == [
        (p.key, p.name, list(p.lines)) for p in AUTHORITY_PATTERNS]
    assert [t["key"] for t in vocabulary["types"]] == [t.key for t in doctypes.standalone()]
    assert vocabulary["doc_types"] == {t.key: editor_type(t) for t in doctypes.ALL.values()}
    assert vocabulary["labels"]["header.place"] == "Địa danh"  # the field labels are still there


def test_no_script_keeps_a_copy_of_a_list():
    assert SCRIPTS, "the editor's scripts are where they were"
    pairs = ([(kind.key, kind.name) for kind in BLOCK_KINDS] + [(kind.key, kind.name) for kind in COLUMN_TYPES]
             + [(formula.key, formula.name) for formula in FORMULAS])
    # names long enough not to be a field's label by chance ("Số" is also the block's number field)
    names = [name for _, name in pairs if len(name) > 3] + [name for f in FORMULAS for name in f.operands]
    names += [pattern.name for pattern in AUTHORITY_PATTERNS]  # the signing-authority patterns
    pairs += [(pattern.key, pattern.name) for pattern in AUTHORITY_PATTERNS]
    for script in SCRIPTS:
        text = script.read_text(encoding="utf-8")
        quoted = [name for name in names if any(f"{quote}{name}{quote}" in text for quote in "\"'`")]
        assert quoted == [], f"{script.name} keeps a copy of a served list"
        keyed = [key for key, name in pairs
                 if re.search(rf"""["']?{key}["']?\s*[:,]\s*["'`]{re.escape(name)}["'`]""", text)]
        assert keyed == [], f"{script.name} keeps a copy of a served list"
        # a Roman numeral table or the section numerals themselves
        assert not re.search(r'"(CM|XC|XL|IX|IV|III|VIII)"|\[\s*900\s*,', text), \
            f"{script.name} writes Roman numerals itself"


# --- in Chromium ------------------------------------------------------------------------------------


def open_sample(page, sample="002"):
    page.goto(f"{page.base_url}/plan/sample/{sample}")
    page.wait_for_selector("#preview:not([data-state=loading])", state="attached")
    return page.evaluate("() => JSON.parse(document.getElementById('vocabulary').textContent)")


def options(page, selector) -> list[tuple[str, str]]:
    found = page.eval_on_selector(selector, "(s) => [...s.options].map((o) => [o.value, o.textContent])")
    return [tuple(option) for option in found]


def menus(page) -> dict:
    first_block = page.locator('.list-item[data-path="sections.0.blocks.0"]')
    first_block.locator(':scope > .item-tools [data-action="insert-after"]').click()
    insert_menu = first_block.locator(".insert-menu [role=menuitem]")
    return {
        "kind": options(page, 'select[data-path="sections.0.blocks.0.kind"]'),
        "new_kind": options(page, '[data-path="sections.0"] select.new-kind'),
        "insert_after": [(item.get_attribute("data-kind"), item.inner_text()) for item in insert_menu.all()],
        "type": options(page, 'select[data-path="appendices.0.columns.0.type"]'),
        "compute": options(page, 'select[data-path="appendices.0.columns.0.compute"]'),
    }


def test_the_editors_menus_are_the_served_lists(page):
    vocabulary = open_sample(page)
    shown = menus(page)
    kinds = [(kind["kind"], kind["name"]) for kind in vocabulary["blocks"]]
    assert kinds == [(kind.key, kind.name) for kind in BLOCK_KINDS]
    # a plan's sections offer its type's kinds (every kind but a decision's articles)
    section_kinds = vocabulary["doc_types"]["ke_hoach"]["section_kinds"]
    assert section_kinds == [kind.key for kind in BLOCK_KINDS if kind.key != "article"]
    assert shown["kind"] == shown["new_kind"] == shown["insert_after"] == [k for k in kinds if k[0] in section_kinds]
    assert shown["type"] == [(t["key"], t["name"]) for t in vocabulary["column_types"]]
    assert shown["compute"] == [("", "Nhập tay")] + [(f["key"], f["name"]) for f in vocabulary["formulas"]]
    assert options(page, "#authority-pattern") == [(p["key"], p["name"]) for p in vocabulary["authority_patterns"]]
    # the sections are named by the served numerals
    titles = page.locator('.list[data-path="sections"] > .list-items > .list-item > .item-tools .item-title')
    count = titles.count()
    assert count >= 4
    assert titles.all_inner_texts() == [f"Mục {numeral}" for numeral in vocabulary["numerals"][:count]]
    # a computed column's operands and formula line are the served ones
    ratio = next(f for f in vocabulary["formulas"] if f["key"] == "ratio")
    rate = page.locator('.list-item[data-path^="appendices.0.columns."]'
                        ':has(select[data-path$=".compute"] option[value="ratio"]:checked)').first
    labels = rate.locator('.field-select label').all_inner_texts()
    assert all(operand in labels for operand in ratio["operands"])
    assert rate.locator("p.formula").inner_text().endswith("× 100")


class Note(Paragraph):
    """A kind the server adds: the editor must offer it without a change of script."""

    kind: Literal["note"] = "note"


def test_a_kind_and_a_formula_added_on_the_server_reach_the_menus(page, monkeypatch):
    note = BlockKind(Note, "Ghi chú cuối mục", {"text": ""})
    share = FormulaKind("share", "Tỷ trọng (phần trên tổng)", ("Phần", "Tổng"), "{0} trên {1}", "percent")
    monkeypatch.setattr(model, "BLOCK_KINDS", BLOCK_KINDS + (note,))
    monkeypatch.setattr(model, "FORMULAS", FORMULAS + (share,))
    open_sample(page)
    shown = menus(page)
    assert shown["kind"][-1] == shown["new_kind"][-1] == shown["insert_after"][-1] == ("note", "Ghi chú cuối mục")
    assert shown["compute"][-1] == ("share", "Tỷ trọng (phần trên tổng)")

    # Chosen, the new formula names its operands and writes its line as the server says.
    page.keyboard.press("Escape")
    page.select_option('select[data-path="appendices.0.columns.1.compute"]', "share")
    column = page.locator('.list-item[data-path="appendices.0.columns.1"]')
    column.locator("p.formula").wait_for()
    assert [label for label in column.locator(".field-select label").all_inner_texts() if label in ("Phần", "Tổng")] \
        == ["Phần", "Tổng"]
    assert " trên " in column.locator("p.formula").inner_text()
    assert page.locator('select[data-path="appendices.0.columns.1.type"]').input_value() == "percent"

    # And a new block of the added kind starts as the server starts it.
    page.locator('[data-path="sections.0"] select.new-kind').select_option("note")
    page.locator('[data-path="sections.0"] button[data-action="add-block"]').first.click()
    last = page.locator('.list[data-path="sections.0.blocks"] > .list-items > .list-item').last
    assert last.locator(".item-title").inner_text().endswith(". Ghi chú cuối mục")
    assert last.locator("select.kind").input_value() == "note"
