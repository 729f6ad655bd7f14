"""What changed between two versions, part by part (on sample 004)."""

from __future__ import annotations

from docgen.plan.model import Plan
from docgen.review import plan_diff, plan_parts


def edited(plan: Plan, edit) -> Plan:
    data = plan.model_dump()
    edit(data)
    return Plan.model_validate(data)


def changed(diff):
    return {part.key: [c for c in part.changes if c.op != "same"] for part in diff if part.changed}


def test_parts_follow_the_document(plans):
    parts = plan_parts(plans["004"])
    keys = [key for key, _, _ in parts]
    assert keys[:3] == ["header", "subject", "opening"]
    assert keys[-2:] == ["recipients", "signer"]
    titles = [title for key, title, _ in parts if key.startswith("section-")]
    assert [t.split(".")[0] for t in titles] == ["I", "II", "III", "IV", "V", "IV"]
    assert parts[-1][2][-1] == "Nguyễn Công Thành"


def test_no_change_no_diff(plans):
    assert changed(plan_diff(plans["002"], plans["002"])) == {}


def test_a_changed_word_a_new_paragraph_and_a_renumbered_section(plans):
    def edit(data):
        data["header"]["date"]["day"] = 5
        data["sections"][1]["blocks"].insert(0, {"kind": "paragraph", "text": "Đoạn mới thêm."})
        data["sections"][5]["number"] = "VI"
    diff = changed(plan_diff(plans["004"], edited(plans["004"], edit)))
    assert set(diff) == {"header", "section-2", "section-6"}
    date = diff["header"][0]
    assert date.op == "changed" and date.new == "Lộc Hòa, ngày 05 tháng 3 năm 2025"
    assert (" 05 ", "added") in date.words and ("tháng 3 năm 2025", "same") in date.words
    assert [(c.op, c.new) for c in diff["section-2"]] == [("added", "Đoạn mới thêm.")]
    title = diff["section-6"][0]
    assert (title.old, title.new) == ("IV. TỔ CHỨC THỰC HIỆN", "VI. TỔ CHỨC THỰC HIỆN")
    assert ("IV.", "removed") in title.words and ("VI.", "added") in title.words


def test_removed_section_and_appendix_figures(plans):
    def edit(data):
        del data["sections"][0]
        data["appendices"][0]["rows"][0]["done"] = 13000
    diff = plan_diff(plans["002"], edited(plans["002"], edit))
    removed = [p for p in diff if p.key.startswith("removed-")]
    assert len(removed) == 1 and removed[0].title.startswith("(đã xóa) I. MỤC ĐÍCH")
    # the later sections keep matching by title though their numerals moved
    renumbered = [p for p in diff if p.changed and not p.key.startswith(("removed-", "appendix"))]
    assert all(p.changes[0].old.split(".")[1] == p.changes[0].new.split(".")[1] for p in renumbered)
    table = next(p for p in diff if p.key == "appendix-1")
    rows = [c for c in table.changes if c.op == "changed"]
    assert any("13.000" in c.new for c in rows)
    assert any("TỔNG" in c.new for c in rows)  # the total moved with the row
