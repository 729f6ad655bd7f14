"""Units given tasks: one rule for the importer and the checks."""

import pytest

from docgen.importing.structure.units import assigns_tasks, names_unit, unit_name


@pytest.mark.parametrize("title, tasks", [
    ("TỔ CHỨC THỰC HIỆN", True), ("NHIỆM VỤ CỤ THỂ", True), ("Phân công nhiệm vụ", True),
    ("TRÁCH NHIỆM CỦA CÁC ĐƠN VỊ", True), ("MỤC ĐÍCH, YÊU CẦU", False), ("NỘI DUNG", False),
])
def test_assigns_tasks(title, tasks):
    assert assigns_tasks(title) == tasks


@pytest.mark.parametrize("title, unit", [
    ("Công an tỉnh", True), ("Sở Y tế", True), ("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", True),
    ("UBND các huyện, thị xã, thành phố", True), ("Trạm Y tế đặc khu", True), ("Các trường học trên địa bàn xã", True),
    ("Tuyên truyền", False), ("Thời gian thực hiện", False), ("Kinh phí", False),
])
def test_names_unit(title, unit):
    assert names_unit(title) == unit


@pytest.mark.parametrize("title, expected", [
    ("Đề nghị Ban Tuyên giáo Tỉnh ủy", ("Ban Tuyên giáo Tỉnh ủy", True)),
    ("Công an xã", ("Công an xã", False)),
])
def test_unit_name(title, expected):
    assert unit_name(title) == expected
