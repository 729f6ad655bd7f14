"""A disk that fills up while a batch runs: the job fails at once with "ổ
đĩa đầy" (not as a worker that died, after three runs), its parts are
deleted to give the room back, and the uploads stay for a new try. On a
real small file system (a tmpfs of its own, filled as another program
would), and, where mounting is not allowed, by the error itself."""

from __future__ import annotations

import errno
import os
import subprocess

import pytest

from docgen.jobs import work
from docgen.jobs.queues import QUEUE_NAME, LocalQueue, RedisQueue
from docgen.jobs.store import JobStore

from ..batch.helpers import TEMPLATE_XA
from .test_faults import many_units
from .test_queues import wait_done


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB file system of its own, so that filling it touches nothing else."""
    where = tmp_path / "disk"
    where.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(where)],
                             capture_output=True, text=True) if os.geteuid() == 0 else None
    if mounted is None or mounted.returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root); "
                    "test_disk_full_while_assembling_by_the_error covers the same path")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def fill(disk, leave: int = 64 * 1024) -> None:
    """Take all the room but ``leave`` bytes, as another program would."""
    stats = os.statvfs(disk)
    with (disk / "filler").open("wb") as stream:
        stream.write(b"\0" * (stats.f_bavail * stats.f_frsize - leave))


def submit(queue, count: int):
    job = queue.store.create(TEMPLATE_XA.name, TEMPLATE_XA.read_bytes(), "don-vi.csv", many_units(count))
    queue.submit(job)
    return job


def assert_failed_for_a_full_disk(queue, job, where: str, count: int) -> None:
    failed = queue.status(job.id)
    assert failed.state == "failed"
    assert failed.message.startswith(f"Máy chủ hết chỗ lưu (ổ đĩa đầy) {where} nên lô đã dừng; "
                                     "các phần đã tạo của lô đã được xóa để giải phóng chỗ.")
    assert "bị dừng đột ngột" not in failed.message
    folder = queue.store.folder(job.id)
    assert not (folder / "parts").exists()  # the room is given back now, not in 7 days
    assert not queue.store.result_path(job).exists() and not list(folder.glob("plans.zip.part*"))
    assert queue.store.inputs(job)[1].read_bytes() == many_units(count)  # the uploads are kept


def test_disk_full_while_assembling(small_disk, redis, redis_url, monkeypatch):
    from rq import SimpleWorker

    monkeypatch.setattr(work, "PART_SIZE", 2)
    queue = RedisQueue(JobStore(small_disk / "jobs"), redis_url)
    job = submit(queue, 6)
    SimpleWorker([QUEUE_NAME], connection=redis).work(burst=True, max_jobs=4)  # prepare, three parts
    parts = queue.store.folder(job.id) / "parts"
    assert sorted(p.name for p in parts.glob("?.json")) == ["0.json", "1.json", "2.json"]
    fill(small_disk)
    SimpleWorker([QUEUE_NAME], connection=redis).work(burst=True)  # the assembly
    assert_failed_for_a_full_disk(queue, job, "khi ghép tệp ZIP", 6)
    assert redis.hget(f"docgen:attempts:{job.id}", "assemble") == b"1"  # at once, not after 3 runs
    assert queue.queue.count == 0 and queue.status(job.id).state == "failed"  # nothing runs again


def test_disk_full_while_a_part_is_written(small_disk, redis, redis_url, monkeypatch):
    from rq import SimpleWorker

    monkeypatch.setattr(work, "PART_SIZE", 2)
    queue = RedisQueue(JobStore(small_disk / "jobs"), redis_url)
    job = submit(queue, 6)
    SimpleWorker([QUEUE_NAME], connection=redis).work(burst=True, max_jobs=1)  # prepare
    fill(small_disk)
    SimpleWorker([QUEUE_NAME], connection=redis).work(burst=True)  # the parts: the first fails, the others stop
    assert_failed_for_a_full_disk(queue, job, "ở phần 1 của lô", 6)
    assert queue.queue.count == 0


def test_disk_full_in_the_web_process_queue(small_disk):
    queue = LocalQueue(JobStore(small_disk / "jobs"), housekeeping=False)
    job = queue.store.create(TEMPLATE_XA.name, TEMPLATE_XA.read_bytes(), "don-vi.csv", many_units(6))
    fill(small_disk)
    queue.submit(job)
    assert wait_done(queue, job.id).state == "failed"
    assert_failed_for_a_full_disk(queue, job, "khi tạo tệp ZIP", 6)


def test_disk_full_while_assembling_by_the_error(tmp_path, redis, redis_url, monkeypatch):
    """The same as on the small file system, the full disk being the error
    that the write to it raises (for machines where mounting is not allowed)."""
    from rq import SimpleWorker

    monkeypatch.setattr(work, "PART_SIZE", 2)
    queue = RedisQueue(JobStore(tmp_path), redis_url)
    job = submit(queue, 4)
    SimpleWorker([QUEUE_NAME], connection=redis).work(burst=True, max_jobs=3)  # prepare, two parts

    def no_room(stream):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(work, "_sync", no_room)
    SimpleWorker([QUEUE_NAME], connection=redis).work(burst=True)
    assert_failed_for_a_full_disk(queue, job, "khi ghép tệp ZIP", 4)
    assert redis.hget(f"docgen:attempts:{job.id}", "assemble") == b"1"
