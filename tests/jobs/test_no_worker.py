"""The job page says when no worker has been alive to take a waiting job
for a minute (and what to do), and says nothing while a live worker
exists or the minute has not passed. The clock is the queue's, moved by the
test; the workers are RQ registrations as `docgen worker` makes them."""

from __future__ import annotations

import os
import subprocess

from docgen.jobs import queues, work
from docgen.jobs.queues import QUEUE_NAME, RedisQueue
from docgen.jobs.store import JobStore

from ..batch.helpers import TEMPLATE_XA
from ..web.batch_accounts import Clerk, add_clerks
from .conftest import free_port
from .test_faults import many_units
from .test_queues import get_user_by_name


def notice_on_page(clerk, job_id: str) -> str | None:
    """The notice of the job's page as served, None when it is hidden."""
    page = clerk.get(f"/batch/{job_id}").get_data(as_text=True)
    tag = page.split('id="batch-notice"', 1)[1].split(">", 1)
    return None if "hidden" in tag[0] else tag[1].split("</p>", 1)[0]


def dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_the_job_page_says_when_no_worker_took_the_job_for_a_minute(tmp_path, redis, redis_url):
    from rq import SimpleWorker, Worker

    from docgen.web import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": "k" * 40, "JOBS_DIR": tmp_path / "jobs",
                      "REDIS_URL": redis_url, "DATABASE_URL": f"sqlite:///{tmp_path / 'docgen.sqlite3'}"})
    add_clerks(app)
    with app.app_context():
        unit_id = get_user_by_name("lo.an").unit_id
    queue = app.extensions["docgen.jobs"]
    job = queue.store.create(TEMPLATE_XA.name, TEMPLATE_XA.read_bytes(), "don-vi.csv", many_units(3),
                             unit_id=unit_id)
    queue.submit(job)
    clerk = Clerk(app, "lo.an")

    def status():
        return clerk.get(f"/api/batch/{job.id}").get_json()

    queue.clock = lambda: job.created + 59
    assert status()["notice"] is None and notice_on_page(clerk, job.id) is None
    queue.clock = lambda: job.created + 61  # a minute, and no worker at all
    answer = status()
    assert answer["state"] == "queued"
    assert answer["notice"] == queues.NO_WORKER
    assert answer["notice"].startswith("Chưa có máy tạo văn bản nào nhận lô này sau hơn 1 phút")
    assert "docgen worker" in answer["notice"] and "quản trị viên" in answer["notice"]
    assert notice_on_page(clerk, job.id) == queues.NO_WORKER

    worker = Worker([QUEUE_NAME], connection=redis)  # a live worker (this process) that is busy elsewhere
    worker.register_birth()
    assert status()["notice"] is None and notice_on_page(clerk, job.id) is None
    redis.hset(worker.key, "pid", dead_pid())  # its process is gone, its key not yet
    assert status()["notice"] == queues.NO_WORKER
    worker.register_death()
    assert status()["notice"] == queues.NO_WORKER

    # A worker takes the job and prepares it, then none is left: a minute after
    # the job last moved, the notice comes back; before, nothing is said.
    SimpleWorker([QUEUE_NAME], connection=redis).work(burst=True, max_jobs=1)
    moved = work.last_progress(queue.store, queue.store.get(job.id))
    assert moved > job.created
    queue.clock = lambda: moved + 30
    assert status()["state"] == "running" and status()["notice"] is None
    queue.clock = lambda: moved + 61
    assert status()["notice"] == queues.NO_WORKER

    SimpleWorker([QUEUE_NAME], connection=redis).work(burst=True)
    done = status()
    assert done["state"] == "done" and done["notice"] is None


def test_a_job_waiting_on_a_silent_redis_says_so(tmp_path):
    queue = RedisQueue(JobStore(tmp_path), f"redis://127.0.0.1:{free_port()}/0")  # nothing listens
    job = queue.store.create(TEMPLATE_XA.name, TEMPLATE_XA.read_bytes(), "don-vi.csv", many_units(1))
    queue.clock = lambda: job.created + 61
    assert queue.status(job.id).state == "queued"
    assert queue.waiting_notice(queue.status(job.id)) == queues.QUEUE_SILENT
    assert queue.waiting_notice(queue.status(job.id)).startswith(
        "Hàng đợi tạo văn bản (Redis) đang không trả lời nên lô chưa chạy tiếp được.")
    assert os.path.isdir(queue.store.folder(job.id))  # the job is kept
