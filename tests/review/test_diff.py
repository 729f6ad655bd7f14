"""What changed between two versions, part by part (on sample 004)."""

from __future__ import annotations

import pytest

from docgen.plan.model import Plan
from docgen.review import plan_diff, plan_parts
from docgen.review.diff import _words


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
    # the draft's blank day is what was removed
    assert date.words == (("Lộc Hòa, ngày", "same"), ("      ", "removed"), (" 05 ", "added"),
                          ("tháng 3 năm 2025", "same"))
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


# A replaced phrase reads as one deletion and one insertion (issue 20: the
# diff interleaved "UBND ~~huyện~~tỉnh ~~Hòa~~Đồng ~~Thạnh~~Tháp").
PHRASES = [
    ("UBND huyện Hòa Thạnh", "UBND tỉnh Đồng Tháp",
     [("UBND ", "same"), ("huyện Hòa Thạnh", "removed"), ("tỉnh Đồng Tháp", "added")]),
    ("ỦY BAN NHÂN DÂN HUYỆN LỘC NINH", "ỦY BAN NHÂN DÂN TỈNH ĐỒNG THÁP",
     [("ỦY BAN NHÂN DÂN ", "same"), ("HUYỆN LỘC NINH", "removed"), ("TỈNH ĐỒNG THÁP", "added")]),
    # words kept between two changes stay as they were
    ("ngày 29 tháng 3 năm 2025", "ngày 05 tháng 4 năm 2025",
     [("ngày ", "same"), ("29", "removed"), ("05", "added"), (" tháng ", "same"), ("3", "removed"),
      ("4", "added"), (" năm 2025", "same")]),
    # a phrase added or removed, and a longer phrase for a shorter one
    ("Công an xã", "Công an xã Ia Kha", [("Công an xã", "same"), (" Ia Kha", "added")]),
    ("Trưởng Công an huyện Chư Păh", "Trưởng Công an tỉnh",
     [("Trưởng Công an ", "same"), ("huyện Chư Păh", "removed"), ("tỉnh", "added")]),
    ("a b c", "a b c", [("a b c", "same")]),
]


@pytest.mark.parametrize("old,new,words", PHRASES)
def test_a_replaced_phrase_is_one_deletion_and_one_insertion(old, new, words):
    assert list(_words(old, new)) == words
    assert "".join(t for t, op in words if op != "added") == old
    assert "".join(t for t, op in words if op != "removed") == new
