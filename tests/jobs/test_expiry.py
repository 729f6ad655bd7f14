"""Batch results expire: `docgen jobs clean` deletes only the jobs that ended
more than DOCGEN_JOBS_DAYS days ago; the in-process queue cleans by itself."""

from __future__ import annotations

import os
import time

import pytest
from click.testing import CliRunner

from docgen.cli import main
from docgen.jobs.expiry import DAY, clean, expired, jobs_days, start_daily_clean
from docgen.jobs.queues import LocalQueue
from docgen.jobs.store import JobStore

from ..waiting import wait_until


def make_job(store: JobStore, state: str, ended_days_ago: float | None, created_days_ago: float = 0):
    """A job with a fake age: created and ended that many days ago."""
    job = store.create("mau.yaml", b"subject: x", "don-vi.csv", b"Ten don vi\nXa A\n", unit_id=1)
    now = time.time()
    job.state = state
    job.created = now - created_days_ago * DAY
    job.finished = None if ended_days_ago is None else now - ended_days_ago * DAY
    store.save(job)
    store.result_path(job).write_bytes(b"PK")
    return job


@pytest.fixture
def store(tmp_path):
    store = JobStore(tmp_path / "jobs")
    store.jobs_by_age = {
        "done_8": make_job(store, "done", 8, 8.1).id,
        "failed_30": make_job(store, "failed", 30, 30).id,
        "done_6": make_job(store, "done", 6, 6.5).id,
        "done_now": make_job(store, "done", 0.01, 0.02).id,
        "running_old": make_job(store, "running", None, 20).id,  # never deleted while it runs
        "queued_old": make_job(store, "queued", None, 20).id,
    }
    broken = store.root / ("b" * 24)  # a crash while creating: no status.json
    broken.mkdir()
    os.utime(broken, (time.time() - 9 * DAY,) * 2)
    store.jobs_by_age["broken_9"] = broken.name
    return store


def test_only_jobs_ended_more_than_the_days_ago_are_deleted(store):
    ids = store.jobs_by_age
    assert expired(store, 7) == sorted([ids["done_8"], ids["failed_30"], ids["broken_9"]])
    deleted = clean(store, 7)
    assert sorted(deleted) == sorted([ids["done_8"], ids["failed_30"], ids["broken_9"]])
    left = sorted(p.name for p in store.root.iterdir())
    assert left == sorted([ids["done_6"], ids["done_now"], ids["running_old"], ids["queued_old"]])
    assert (store.root / ids["done_6"] / "plans.zip").exists()
    assert clean(store, 7) == []


def test_cli_jobs_clean_with_the_days_from_the_environment(store, monkeypatch):
    ids = store.jobs_by_age
    monkeypatch.setenv("DOCGEN_JOBS_DIR", str(store.root))
    monkeypatch.setenv("DOCGEN_JOBS_DAYS", "5")
    result = CliRunner().invoke(main, ["jobs", "clean"])
    assert result.exit_code == 0, result.output
    assert "Đã xóa 4 lô hết hạn (giữ 5 ngày sau khi kết thúc)." in result.output
    assert not (store.root / ids["done_6"]).exists() and (store.root / ids["done_now"]).exists()
    result = CliRunner().invoke(main, ["jobs", "clean", "--days", "0,005"])  # 7.2 minutes
    assert "Đã xóa 1 lô hết hạn" in result.output
    assert sorted(p.name for p in store.root.iterdir()) == sorted([ids["running_old"], ids["queued_old"]])


def test_bad_days_are_refused():
    with pytest.raises(ValueError, match="DOCGEN_JOBS_DAYS phải là số ngày dương"):
        jobs_days("bảy")
    result = CliRunner().invoke(main, ["jobs", "clean", "--days", "-1"])
    assert result.exit_code == 2 and "DOCGEN_JOBS_DAYS phải là số ngày dương (ví dụ 7), không phải “-1”" in result.output
    assert jobs_days(None) == 7 and jobs_days("2,5") == 2.5


def test_the_in_process_queue_cleans_when_it_starts_and_daily(store):
    ids = store.jobs_by_age
    queue = LocalQueue(JobStore(store.root), days=7)
    assert not (store.root / ids["done_8"]).exists() and not (store.root / ids["broken_9"]).exists()
    assert (store.root / ids["done_6"]).exists()
    queue.stop_cleaning.set()


def test_cleaning_repeats(store):
    ids = store.jobs_by_age
    stop = start_daily_clean(store, 7, every=0.1)  # a "day" of 0.1 s
    try:
        assert not (store.root / ids["done_8"]).exists()
        late = make_job(store, "done", 7.5, 7.5)  # ends its 7 days while the process runs
        wait_until(lambda: not (store.root / late.id).exists(), 10, "the late job was not deleted")
    finally:
        stop.set()


def test_docgen_worker_cleans_when_it_starts(store, redis_url, redis, monkeypatch):
    ids = store.jobs_by_age
    result = CliRunner().invoke(main, ["worker", "--burst", "--redis-url", redis_url,
                                       "--jobs-dir", str(store.root), "--days", "7"])
    assert result.exit_code == 0, result.output
    assert not (store.root / ids["done_8"]).exists() and (store.root / ids["done_6"]).exists()


def test_the_app_reads_the_days(tmp_path):
    from docgen.web import create_app

    app = create_app({"TESTING": True, "JOBS_DIR": tmp_path, "JOBS_DAYS": "3"})  # as from the environment
    assert app.config["JOBS_DAYS"] == 3
    assert create_app({"TESTING": True, "JOBS_DIR": tmp_path}).config["JOBS_DAYS"] == 7
