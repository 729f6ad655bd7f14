"""Limits of one unit's render: a template that runs too long is stopped by
killing its worker process, an oversized document or a sandbox limit stops
the batch with a Vietnamese message naming the unit, and the CLI says so."""

from __future__ import annotations

import io
import os
import time

import pytest
import yaml
from click.testing import CliRunner

from docgen.batch import read_units, run_batch
from docgen.batch.limits import LimitConfigError, RenderLimitError, RenderLimits
from docgen.batch.pool import WALL_FACTOR, ItemFailed, ItemTimeout, WorkerDied, Workers, limited_map
from docgen.cli import main

from .helpers import TEMPLATE_XA, UNITS_CSV, open_zip
from ..waiting import wait_until

FIRST_UNIT = "“Thị trấn Lộc Ninh” (dòng 4)"  # the first unit in Vietnamese order
# Passes every sandbox check (each loop and string is under its limit) but
# takes many seconds: only the time limit stops it.
SLOW = ("{% set s = 'ab' * 50000 %}{% for i in range(10000) %}{% for j in range(9) %}"
        "{% set t = s|replace('a', 'b') %}{% endfor %}{% endfor %}Kế hoạch")


def template_with(subject: str) -> dict:
    data = yaml.safe_load(TEMPLATE_XA.read_text(encoding="utf-8"))
    data["subject"] = subject
    return data


def units():
    return read_units(UNITS_CSV.name, UNITS_CSV.read_bytes())


# --- the worker pool ------------------------------------------------------------------


def _c_loop_worker():
    # sum() over a range runs in C: no signal handler would get a chance.
    return lambda n: sum(range(n)) if n > 10 else n


def test_an_item_over_the_time_limit_has_its_worker_killed():
    outcomes = limited_map(_c_loop_worker, (), [1, 2, 10**12, 3], processes=2, seconds=0.5)
    assert next(outcomes) == 1 and next(outcomes) == 2
    start = time.monotonic()
    with pytest.raises(ItemTimeout) as caught:
        next(outcomes)
    waited = time.monotonic() - start
    assert caught.value.index == 2
    # The limit in CPU, and a busy machine's share of it; sum(range(10**12)) would run for hours.
    assert waited < 0.5 * WALL_FACTOR, f"stopped {waited:.2f} s after the item was due"


def _sleeping_worker():
    return lambda n: time.sleep(n) or n


def test_an_item_waiting_without_using_the_cpu_is_not_taken_for_a_runaway():
    """A unit that waits (a busy server gives it no CPU) goes past the limit
    on the wall clock without using its CPU: it is let finish; only the
    wall-clock backstop (WALL_FACTOR times the limit) would stop it."""
    assert list(limited_map(_sleeping_worker, (), [0, 1.2, 0], processes=1, seconds=0.4)) == [0, 1.2, 0]
    with pytest.raises(ItemTimeout):
        list(limited_map(_sleeping_worker, (), [0, 30], processes=1, seconds=0.1))


def _pid_worker():
    return lambda n: os.getpid() if n < 10**6 else sum(range(n))


def test_no_worker_outlives_the_map():
    outcomes = limited_map(_pid_worker, (), [1, 2, 10**13], processes=2, seconds=0.3)
    pids = {next(outcomes), next(outcomes)}
    with pytest.raises(ItemTimeout):
        next(outcomes)
    wait_until(lambda: not any(_alive(pid) for pid in pids), 10, f"workers {pids} outlived the map")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:  # reaped: gone
        return False
    return True


def _memory_worker():
    def work(size):
        try:
            return len(bytearray(size))
        except MemoryError:
            return "MemoryError"
    return work


def test_a_worker_cannot_take_more_memory_than_allowed():
    results = list(limited_map(_memory_worker, (), [10**6, 2 * 10**9], processes=1, seconds=10,
                               memory_bytes=200 * 2**20))
    assert results == [10**6, "MemoryError"]


def _dying_worker():
    return lambda n: os._exit(3) if n == 2 else n


def test_a_worker_that_dies_is_reported():
    with pytest.raises(WorkerDied) as caught:
        list(limited_map(_dying_worker, (), [1, 2, 3], processes=1, seconds=5))
    assert caught.value.index == 1


def _rss() -> int:
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmRSS:"))


def _rss_worker():
    return lambda _: _rss()


def test_workers_started_before_a_big_read_do_not_carry_it():
    with Workers(1) as workers:
        big = bytearray(300 * 2**20)  # what the parent reads after forking (a 10,000-row sheet)
        big[::4096] = b"x" * len(big[::4096])  # touched: resident
        parent = _rss()
        worker = list(limited_map(_rss_worker, (), [1], processes=1, seconds=10, workers=workers))[0]
    del big
    assert worker < parent - 250 * 2**20, (worker / 2**20, parent / 2**20)


def test_workers_started_beforehand_keep_the_time_limit_and_the_order():
    with Workers(2) as workers:
        outcomes = limited_map(_c_loop_worker, (), [1, 2, 3, 4, 5, 6, 10**12, 7], processes=2, seconds=0.5,
                               workers=workers)
        assert [next(outcomes) for _ in range(6)] == [1, 2, 3, 4, 5, 6]
        with pytest.raises(ItemTimeout) as caught:
            next(outcomes)
    assert caught.value.index == 6


def test_workers_taken_already_are_replaced_by_new_ones():
    with Workers(1) as workers:
        assert list(limited_map(_c_loop_worker, (), [1, 2], processes=1, seconds=5, workers=workers)) == [1, 2]
        assert list(limited_map(_c_loop_worker, (), [3], processes=1, seconds=5, workers=workers)) == [3]


# --- the batch ----------------------------------------------------------------------


def test_a_slow_template_is_stopped_at_the_time_limit_naming_the_unit():
    start = time.monotonic()
    with pytest.raises(RenderLimitError) as caught:
        run_batch(template_with(SLOW), units(), io.BytesIO(), limits=RenderLimits(seconds=1))
    elapsed = time.monotonic() - start
    assert caught.value.message.startswith(f"Đơn vị {FIRST_UNIT}: tạo văn bản quá 1 giây nên đã bị dừng.")
    assert "hãy sửa văn bản mẫu" in caught.value.message
    assert elapsed < 1 + 8, elapsed  # the limit, plus starting two workers on a busy machine


def test_a_huge_string_is_refused_naming_the_unit_and_the_field():
    start = time.monotonic()
    with pytest.raises(RenderLimitError) as caught:
        run_batch(template_with("{{ 'a'*200000000 }}"), units(), io.BytesIO())
    assert caught.value.message.startswith(
        f"Đơn vị {FIRST_UNIT}: chỗ điền ở “Trích yếu” tạo ra chuỗi dài 200.000.000 ký tự")
    assert time.monotonic() - start < 8


def test_nested_loops_are_refused_naming_the_unit():
    nested = "{% for i in range(10000) %}{% for j in range(10000) %}x{% endfor %}{% endfor %}"
    with pytest.raises(RenderLimitError, match="các vòng lặp chạy quá 100.000 lần") as caught:
        run_batch(template_with(nested), units(), io.BytesIO())
    assert FIRST_UNIT in caught.value.message


def test_an_oversized_document_stops_the_batch():
    with pytest.raises(RenderLimitError, match=r"tệp \.docx lớn 0,\d MB, quá giới hạn 0,0 MB"):
        run_batch(template_with("Kế hoạch"), units(), io.BytesIO(),
                  limits=RenderLimits(docx_bytes=1000))


def test_within_the_limits_every_unit_is_rendered():
    out = io.BytesIO()
    result = run_batch(template_with("Kế hoạch {{ ten_don_vi }}"), units(), out,
                       limits=RenderLimits(seconds=5))
    assert result.rendered == 4
    assert sum(n.endswith(".docx") for n in open_zip(out.getvalue()).namelist()) == 4


def test_limits_are_read_from_the_environment():
    limits = RenderLimits.from_env({"DOCGEN_RENDER_SECONDS": "0,5", "DOCGEN_RENDER_MAX_MB": "2",
                                    "DOCGEN_RENDER_MEMORY_MB": "256"})
    assert limits == RenderLimits(seconds=0.5, docx_bytes=2 * 2**20, memory_bytes=256 * 2**20)
    assert RenderLimits.from_env({}) == RenderLimits(seconds=2, docx_bytes=5 * 2**20,
                                                     memory_bytes=512 * 2**20)
    with pytest.raises(LimitConfigError, match="DOCGEN_RENDER_SECONDS phải là một số dương"):
        RenderLimits.from_env({"DOCGEN_RENDER_SECONDS": "hai"})


def test_cli_batch_stops_with_the_message(tmp_path, monkeypatch):
    monkeypatch.setenv("DOCGEN_RENDER_SECONDS", "1")
    template = tmp_path / "mau.yaml"
    template.write_text(yaml.safe_dump(template_with(SLOW), allow_unicode=True), encoding="utf-8")
    out = tmp_path / "ke-hoach.zip"
    result = CliRunner().invoke(main, ["batch", str(template), str(UNITS_CSV), "-o", str(out)])
    assert result.exit_code == 2
    assert f"Đơn vị {FIRST_UNIT}: tạo văn bản quá 1 giây nên đã bị dừng" in result.output
    assert not out.exists() and not (tmp_path / "ke-hoach.zip.part").exists()


def _failing_worker():
    def work(n):
        if n == 2:
            raise KeyError("thiếu")
        return n
    return work


def test_an_item_that_raises_is_reported_with_its_index():
    outcomes = limited_map(_failing_worker, (), [1, 2, 3], processes=1, seconds=5)
    assert next(outcomes) == 1
    with pytest.raises(ItemFailed) as caught:
        next(outcomes)
    assert caught.value.index == 1 and caught.value.detail == "KeyError: 'thiếu'"


def test_a_macro_calling_itself_stops_the_batch():
    with pytest.raises(RenderLimitError, match="gọi lồng nhau quá sâu") as caught:
        run_batch(template_with("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}"), units(), io.BytesIO())
    assert FIRST_UNIT in caught.value.message


def test_cli_batch_plan_refuses_a_huge_string(tmp_path):
    template = tmp_path / "mau.yaml"
    template.write_text(yaml.safe_dump(template_with("{{ 'a'*200000000 }}"), allow_unicode=True),
                        encoding="utf-8")
    result = CliRunner().invoke(main, ["batch-plan", str(template), str(UNITS_CSV), "--unit", "Xã Lộc Tấn",
                                       "-o", str(tmp_path / "loc-tan.yaml")])
    assert result.exit_code == 2
    assert "Xã Lộc Tấn: chỗ điền ở “Trích yếu” tạo ra chuỗi dài 200.000.000 ký tự" in result.output


def test_memory_the_sandbox_cannot_see_coming_is_capped():
    """``join`` with a 100 KB separator over 10,000 items asks for 1 GB at
    once; the worker's memory limit turns that into a clear refusal."""
    joined = "{{ range(10000)|map('string')|join('x' * 99999) }}"
    with pytest.raises(RenderLimitError) as caught:
        run_batch(template_with(joined), units(), io.BytesIO(),
                  limits=RenderLimits(memory_bytes=256 * 2**20))
    assert caught.value.message.startswith(f"Đơn vị {FIRST_UNIT}: chỗ điền ở “Trích yếu” cần quá nhiều bộ nhớ.")


def test_yaml_aliases_are_refused_in_every_batch_input(tmp_path):
    from docgen.batch import TemplatePlanError, load_template
    from docgen.batch.inputs import BatchInputError, load_inputs

    aliased = b"a: &x [1, 2]\nsubject: '{{ ten_don_vi }}'\nb: *x\n"
    csv = (UNITS_CSV.name, UNITS_CSV.read_bytes())
    with pytest.raises(BatchInputError, match=r"mau.yaml: dòng 3, cột 4: .*bí danh YAML “\*x”"):
        load_inputs(("mau.yaml", aliased), csv)
    with pytest.raises(BatchInputError, match="tinh.yaml: .*bí danh YAML"):
        load_inputs((TEMPLATE_XA.name, TEMPLATE_XA.read_bytes()), csv, ("tinh.yaml", aliased))
    path = tmp_path / "mau.yaml"
    path.write_bytes(aliased)
    with pytest.raises(TemplatePlanError, match="bí danh YAML"):
        load_template(path)
