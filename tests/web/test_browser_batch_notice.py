"""A batch job's page in Chromium, with the job on RQ and no worker: the
page, while it polls, shows once a minute has passed that no worker has
taken the job and what to do, and hides it again when a worker is alive.
The queue's clock is moved by the test; Redis is a private server."""

from __future__ import annotations

import re

import pytest

from docgen.jobs import queues
from docgen.jobs.queues import QUEUE_NAME, RedisQueue
from docgen.jobs.store import JobStore

from ..batch.helpers import TEMPLATE_XA, UNITS_CSV
from ..jobs.conftest import free_port, redis_server
from .batch_accounts import PASSWORD

CLERK, UNIT = "chowk.an", "UBND xã Chờ Máy"


@pytest.mark.slow
def test_the_page_says_no_worker_took_the_job_then_not(page, live_server, tmp_path):
    from redis import Redis
    from rq import Worker

    port = free_port()
    server = redis_server(port, tmp_path)
    app = live_server.app
    kept = app.extensions["docgen.jobs"]
    queue = app.extensions["docgen.jobs"] = RedisQueue(JobStore(tmp_path / "jobs"), f"redis://127.0.0.1:{port}/0")
    try:
        live_server.add_users((CLERK, "Nguyễn Văn An", "drafter", UNIT), password=PASSWORD)
        with live_server.session() as session:
            from sqlalchemy import select

            from docgen.storage.models import User

            unit_id = session.scalar(select(User).where(User.username == CLERK)).unit_id
        job = queue.store.create(TEMPLATE_XA.name, TEMPLATE_XA.read_bytes(), UNITS_CSV.name,
                                 UNITS_CSV.read_bytes(), unit_id=unit_id)
        queue.submit(job)
        queue.clock = lambda: job.created + 30

        page.goto(page.base_url + "/login")
        page.fill("#username", CLERK)
        page.fill("#password", PASSWORD)
        page.click("#login-submit")
        page.wait_for_url(re.compile(r"/drafts$"))
        page.goto(f"{page.base_url}/batch/{job.id}")
        notice = page.locator("#batch-notice")
        assert notice.is_hidden()
        assert page.locator("#batch-status").inner_text() == "Đang chờ đến lượt…"

        queue.clock = lambda: job.created + 61  # the page keeps polling
        notice.wait_for(state="visible")
        assert notice.inner_text() == queues.NO_WORKER

        worker = Worker([QUEUE_NAME], connection=Redis(port=port))  # a worker comes alive
        worker.register_birth()
        notice.wait_for(state="hidden")
        worker.register_death()
    finally:
        app.extensions["docgen.jobs"] = kept
        server.terminate()
        server.wait(timeout=10)
