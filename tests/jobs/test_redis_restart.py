"""Redis restarted without persistence (its default here: nothing is saved)
loses the queue and every record of a running batch. The job's folder is
the source of truth: the parts still missing are queued again from it, by
`docgen worker` when it finds Redis back, or by the job's status page; and
the worker itself lives through the restart, also when Redis stays down long
enough for RQ's own loop to end."""

from __future__ import annotations

import signal
import time
import zipfile

import pytest
from redis import Redis

from docgen.jobs import work
from docgen.jobs.queues import QUEUE_NAME, RedisQueue
from docgen.jobs.store import JobStore
from docgen.word import malformed_parts

from .conftest import free_port, redis_server
from .test_faults import PART, kill_with_children, many_units, start_worker, submit_many
from ..batch.helpers import TEMPLATE_XA
from ..waiting import wait_until


def restart(server, port: int, folder, while_down=None):
    """Stop redis-server and start an empty one on the same port (no
    persistence: the queue and the job records are gone), once
    ``while_down`` (if given) returns true."""
    server.terminate()
    server.wait(timeout=10)
    if while_down is not None:
        wait_until(while_down, 120, "what was awaited while Redis was down did not happen")
    return redis_server(port, folder)


def complete(parts) -> set[str]:
    return {p.name for p in parts.glob("*.json")} - {"layout.json"}


def ended(store: JobStore, job_id: str):
    """The job as its folder says, once done or failed (read from the folder,
    not through the queue's status, which would queue lost parts itself)."""
    job = store.get(job_id)
    return job if job.state in ("done", "failed") else None


def documents_once(path, count: int) -> None:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        documents = [n for n in names if n.endswith(".docx")]
        assert len(names) == len(set(names))
        assert len(documents) == count
        assert all(malformed_parts(archive.read(n)) == {} for n in documents[:: PART // 2])
        assert archive.read("manifest.csv").decode("utf-8-sig").count("Xã Thử Nghiệm") == count


@pytest.mark.slow
def test_a_batch_and_its_worker_survive_a_redis_restart(tmp_path):
    port, folder = free_port(), tmp_path / "redis"
    folder.mkdir()
    server = redis_server(port, folder)
    url = f"redis://127.0.0.1:{port}/0"
    queue = RedisQueue(JobStore(tmp_path / "jobs"), url)
    log = tmp_path / "worker.log"
    worker = start_worker(url, tmp_path / "jobs", log=log)
    try:
        job = submit_many(queue, 5 * PART)
        parts = queue.store.folder(job.id) / "parts"
        # Restart while the batch is under way: a part complete, another being written.
        wait_until(lambda: (parts / "0.json").exists() and list(parts.glob("*.zip.*.part")), 180,
                   "no part was complete and another being written")
        complete_before = complete(parts)

        def rq_loop_ended() -> bool:
            """The part being written is complete and the worker, needing Redis
            to record it, saw RQ's own loop end (once redis-py gave up)."""
            said = log.read_text(encoding="utf-8", errors="replace")
            return bool(complete(parts) - complete_before) and "the RQ worker stopped on an error" in said

        server = restart(server, port, folder, while_down=rq_loop_ended)
        restarted = time.monotonic()

        # Nobody polls the job: the worker finds Redis back and queues the lost parts itself.
        done = wait_until(lambda: ended(queue.store, job.id), 300, "the batch did not end after the restart")
        print(f"\nbatch of {5 * PART} units: done {time.monotonic() - restarted:.1f} s after "
              f"the restart, {len(complete_before)} part(s) complete before it")
        assert worker.poll() is None, "docgen worker stopped"
        assert done.state == "done", done.message
        assert done.ok == done.total == 5 * PART
        assert queue.status(job.id).done == 5 * PART  # counted once
        documents_once(queue.store.result_path(done), 5 * PART)

        # Restarted again while the worker waits for work: it still takes the next batch.
        server = restart(server, port, folder)
        queue = RedisQueue(JobStore(tmp_path / "jobs"), url)
        second = submit_many(queue, PART)
        done = wait_until(lambda: ended(queue.store, second.id), 120, "the batch after the second restart did not end")
        assert done.state == "done" and done.ok == PART, done.message
        assert worker.poll() is None
        # registered again, so job pages do not say that no worker is alive
        assert work.workers_alive(Redis(port=port), QUEUE_NAME)

        worker.send_signal(signal.SIGTERM)  # and it still stops when asked
        assert worker.wait(timeout=60) == 0
    finally:
        if worker.poll() is None:
            kill_with_children(worker)
        server.terminate()
        server.wait(timeout=10)


def test_the_status_page_queues_again_what_redis_lost(tmp_path, redis, redis_url, monkeypatch):
    """Redis emptied mid-batch and no worker to notice: polling the job
    queues each missing part once, from the job's folder; a second poll
    queues nothing more; the batch then completes with each unit once."""
    from rq import SimpleWorker

    monkeypatch.setattr(work, "PART_SIZE", 2)
    queue = RedisQueue(JobStore(tmp_path), redis_url)
    units = many_units(7)  # parts of 2, 2, 2, 1
    job = queue.store.create(TEMPLATE_XA.name, TEMPLATE_XA.read_bytes(), "don-vi.csv", units)
    queue.submit(job)
    SimpleWorker([QUEUE_NAME], connection=redis).work(burst=True, max_jobs=2)  # prepare, part 0
    parts = queue.store.folder(job.id) / "parts"
    assert (parts / "0.json").exists() and not (parts / "1.json").exists()
    redis.flushdb()  # what a restart without persistence leaves

    status = queue.status(job.id)
    assert status.state == "running" and status.done == 2
    assert len(queue.queue.job_ids) == 3  # parts 1, 2 and 3; not part 0
    steps = sorted(k.decode() for k in redis.hkeys(f"docgen:steps:{job.id}"))
    assert steps == ["part-1", "part-2", "part-3"]
    queue.status(job.id)
    assert len(queue.queue.job_ids) == 3  # a second poll queues nothing more

    SimpleWorker([QUEUE_NAME], connection=redis).work(burst=True)
    done = queue.status(job.id)
    assert done.state == "done" and done.ok == done.done == done.total == 7, done.message
    with zipfile.ZipFile(queue.store.result_path(done)) as archive:
        documents = [n for n in archive.namelist() if n.endswith(".docx")]
    assert len(documents) == len(set(documents)) == 7


def test_a_queued_job_redis_forgot_is_prepared_again(tmp_path, redis, redis_url):
    from rq import SimpleWorker

    queue = RedisQueue(JobStore(tmp_path), redis_url)
    job = queue.store.create(TEMPLATE_XA.name, TEMPLATE_XA.read_bytes(), "don-vi.csv", many_units(3))
    queue.submit(job)
    redis.flushdb()  # as a restart without persistence
    queue.clock = lambda: job.created + 1  # just made: its first step may be being recorded
    assert queue.status(job.id).state == "queued" and queue.queue.count == 0
    queue.clock = lambda: job.created + work.RECONCILE_GRACE + 1
    assert queue.status(job.id).state == "queued" and queue.queue.count == 1  # prepare, once
    SimpleWorker([QUEUE_NAME], connection=redis).work(burst=True)
    done = queue.status(job.id)
    assert done.state == "done" and done.ok == 3, done.message
