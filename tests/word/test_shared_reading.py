"""Reading a batch's documents with their shared parts opened once and
their bodies' skeletons reused (docgen.word.shared) gives exactly what
reading each document alone gives, and the same check findings: for
documents whose bodies differ only in text, in the number of lines
(another skeleton), in a text that becomes blank, and across Word
templates."""

from __future__ import annotations

import io
import zipfile

from docgen.batch.derive import derive_plan
from docgen.batch.inputs import load_inputs
from docgen.checks import check_plan
from docgen.plan.files import load_plan
from docgen.document.render import render_plan
from docgen.word import read_word
from docgen.word.shared import BODY, SharedParts, sharing, skeleton

from ..batch.helpers import ROOT, TEMPLATE_XA, csv_bytes

HEADER = ["Tên đơn vị", "Cơ quan chủ quản", "Người ký", "Chức vụ ký", "Chỉ tiêu", "Đã thực hiện"]
ROWS = [
    ["Xã Lộc Hòa", "UBND TỈNH ĐỒNG NAI", "Nguyễn Công Thành", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", 4200, 1650],
    ["Xã Lộc Tấn", "UBND TỈNH ĐỒNG NAI", "Lê Văn Tâm", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", 5100, 2900],
    ["Phường Bình Long", "UBND TỈNH ĐỒNG NAI", "Phạm Thị Hoa", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Ủy viên", 9850, 6120],
    ["Xã Lộc Thạnh", "", "Đỗ Minh Khang", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", 3300, 800],
    ["Xã Lộc Quang", "UBND TỈNH ĐỒNG NAI", " ", "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", 3300, 800],
]


def _documents():
    inputs = load_inputs((TEMPLATE_XA.name, TEMPLATE_XA.read_bytes()), ("u.csv", csv_bytes([HEADER] + ROWS)))
    for unit in inputs.units.units:
        plan = derive_plan(inputs.template, unit).plan
        yield plan, render_plan(plan)
    for path in sorted((ROOT / "samples").glob("*.yaml")):  # other bodies, and a report's template
        plan = load_plan(path)
        yield plan, render_plan(plan)


def test_shared_reading_reads_every_document_as_alone():
    shared = SharedParts()
    documents = list(_documents())
    for plan, docx in documents + documents[:3]:  # the first ones again, from their kept skeleton
        alone, findings = read_word(docx), check_plan(plan, docx=docx)
        with sharing(shared):
            assert _same(read_word(docx), alone)
            assert check_plan(plan, docx=docx) == findings
    assert 1 < len(shared.bodies) <= 8  # a signer of three lines has a skeleton of its own


def _same(a, b) -> bool:
    return a.blocks == b.blocks and a.sections == b.sections and a.notes == b.notes


def test_units_differing_in_text_share_one_skeleton():
    (_, first), (_, second), *_ = _documents()
    bodies = [zipfile.ZipFile(io.BytesIO(docx)).read(BODY) for docx in (first, second)]
    assert bodies[0] != bodies[1] and skeleton(bodies[0]) == skeleton(bodies[1])
