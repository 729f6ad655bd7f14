"""The batch template's sandbox refuses work beyond its limits, fast and in
Vietnamese, and still runs every ordinary placeholder."""

from __future__ import annotations

import time

import pytest

from docgen.batch import TemplatePlan
from docgen.batch.template import LimitExceeded

VALUES = {"ten_don_vi": "Xã Ia Kha", "chi_tieu": 1200, "da_thuc_hien": 300}

ATTACKS = [
    ("{{ 'a'*200000000 }}", "tạo ra chuỗi dài 200.000.000 ký tự, quá giới hạn 100.000"),
    ("{{ 200000000*'a' }}", "tạo ra chuỗi dài 200.000.000 ký tự"),
    ("{{ [1]*10**9 }}", "tạo ra danh sách 1.000.000.000 phần tử"),
    ("{{ range(10**9)|length }}", "range() tạo 1.000.000.000 số, quá giới hạn 10.000"),
    ("{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
     "các vòng lặp chạy quá 100.000 lần"),
    ("{% for c in 'x' * 99999 %}{% for d in 'y' * 99999 %}{% endfor %}{% endfor %}",
     "các vòng lặp chạy quá 100.000 lần"),
    ("{% set ns = namespace(x='ab') %}{% for i in range(40) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}",
     "tạo ra chuỗi dài 131.072 ký tự"),
    ("{{ ('x' * 99999) + ('y' * 99999) }}", "tạo ra chuỗi dài 199.998 ký tự"),
    ("{{ 'x'|center(1000000000) }}", "“center” nhận số 1.000.000.000"),
    ("{{ 'x'.ljust(10**9) }}", "“ljust” nhận số 1.000.000.000"),
    ("{{ '%0999999999d' % 1 }}", "định dạng “%0999999999” quá rộng"),
    ("{{ '{:>999999999}'.format(1) }}", "định dạng “:>999999999” quá rộng"),
    ("{{ 7 ** 100000 }}", "lũy thừa 7**100.000 quá lớn"),
    ("{% set s = range(9999)|join(',') %}{{ s ~ s ~ s }}", "tạo ra chuỗi dài 146.652 ký tự"),
    ("{% for i in range(2000) %}{{ 'x' * 99 }}{% endfor %}", "tạo ra đoạn văn dài 198.000 ký tự"),
]


@pytest.mark.parametrize("source, message", ATTACKS)
def test_work_beyond_the_limits_is_refused_fast_with_the_field(source, message):
    start = time.perf_counter()
    template = TemplatePlan({"subject": "Kế hoạch", "opening": [source]})
    with pytest.raises(LimitExceeded) as caught:
        template.fill(VALUES)
    assert time.perf_counter() - start < 1.5
    assert caught.value.path == "opening.0"
    assert message in str(caught.value), str(caught.value)


def test_compiling_an_attack_evaluates_nothing():
    """Jinja folds constant expressions while compiling; the intercepted
    operators and the filters must not run then (the web process compiles
    an upload to check it)."""
    start = time.perf_counter()
    TemplatePlan({"subject": "{{ 'a'*200000000 }} {{ 'x'|center(10**9) }} {{ '%0999999999d' % 1 }} "
                             "{{ 'a' ~ 'b' }} {{ [1]*10**9 }}"})
    assert time.perf_counter() - start < 0.5


def test_loop_budget_is_per_unit():
    source = "{% for i in range(10000) %}{% endfor %}ok"
    template = TemplatePlan({"subject": source, "opening": [source] * 9})
    for _ in range(3):  # 90,000 iterations per fill, each fill its own budget
        assert template.fill(VALUES)["subject"] == "ok"
    template = TemplatePlan({"subject": source, "opening": [source] * 10})
    with pytest.raises(LimitExceeded, match="vòng lặp chạy quá 100.000 lần"):
        template.fill(VALUES)


ORDINARY = [
    ("{{ ten_don_vi }}: {{ chi_tieu }}", "Xã Ia Kha: 1.200"),
    ("{{ (chi_tieu * 0.8) | round | int | number }}", "960"),
    ("{{ (chi_tieu - da_thuc_hien) | number }} còn lại", "900 còn lại"),
    ("{{ '-' * 5 }}{{ 'Xã' + ' A' }}{{ 'a' ~ ten_don_vi }}", "-----Xã AaXã Ia Kha"),
    ("{% for i in range(3) %}{% for c in 'ab' %}{{ i }}{{ c }}{% endfor %}{% endfor %}", "0a0b1a1b2a2b"),
    ("{{ '%05d' % chi_tieu }} {{ '{:>6}'.format(7) }} {{ 'x'|center(5) }}", "01200      7   x  "),
    ("{{ chi_tieu | default(20000) }} {{ 2 ** 10 }} {{ [1, 2] * 2 }}", "1.200 1024 [1, 2, 1, 2]"),
    ("{{ range(5)|join(', ') }} {{ ten_don_vi|upper_vn }}", "0, 1, 2, 3, 4 XÃ IA KHA"),
]


@pytest.mark.parametrize("source, expected", ORDINARY)
def test_ordinary_placeholders_still_work(source, expected):
    assert TemplatePlan({"subject": source}).fill(VALUES)["subject"] == expected
