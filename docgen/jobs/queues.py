"""Where batch jobs run.

- ``LocalQueue`` (default): a worker thread of the web process runs one job
  at a time (a batch already uses every core). A single machine needs
  nothing else. Jobs that were queued or running when the process stopped
  are queued again when it starts, so a restart loses no job. It also
  deletes expired jobs, at start and daily (``expiry.py``).
- ``RedisQueue`` (when ``REDIS_URL`` is set): jobs go on the RQ queue
  ``docgen``; ``docgen worker`` processes, on this or other machines sharing
  the job store, run them. The queue lives in Redis, so restarting the web
  process loses nothing; a large batch is split into parts that several
  workers render at once (see ``work.py``). Redis may run without
  persistence: a job whose steps it lost is queued again from its folder
  when its page polls or a worker finds Redis back (``work.reconcile``),
  and the page says when no worker has been alive to take a waiting job
  for a minute (``waiting_notice``).
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .expiry import DEFAULT_DAYS, start_daily_clean
from .store import Job, JobStore
from . import work

QUEUE_NAME = "docgen"
log = logging.getLogger(__name__)


class QueueUnavailable(Exception):
    """The queue cannot take a job now (Redis unreachable)."""


class JobQueue:
    store: JobStore

    def submit(self, job: Job) -> None:
        raise NotImplementedError

    def status(self, job_id: str) -> Job:
        """The job as last saved; KeyError when there is none."""
        return self.store.get(job_id)

    def waiting_notice(self, job: Job) -> str:
        """What the clerk should know when the job waits on something only
        an administrator can fix; "" when nothing."""
        return ""


class LocalQueue(JobQueue):
    def __init__(self, store: JobStore, days: float = DEFAULT_DAYS, housekeeping: bool = True) -> None:
        """``housekeeping``: queue the unfinished jobs again and delete expired
        ones; off in all but one of ``docgen serve --workers`` processes."""
        self.store = store
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="docgen-batch")
        self._lock = threading.Lock()
        if housekeeping:
            self._resume()
            self.stop_cleaning = start_daily_clean(store, days)
        else:
            self.stop_cleaning = threading.Event()

    def submit(self, job: Job) -> None:
        self._executor.submit(self._run, job.id)

    def _run(self, job_id: str) -> None:
        try:
            work.run_job(self.store.root, job_id)
        except Exception:  # the job's status already says what went wrong
            log.exception("batch job %s failed", job_id)

    def _resume(self) -> None:
        if not self.store.root.is_dir():  # unusable jobs folder: each upload will say so
            return
        for folder in sorted(self.store.root.iterdir(), key=lambda p: p.stat().st_mtime):
            try:
                job = self.store.get(folder.name)
            except (KeyError, ValueError, TypeError):
                continue
            if job.state in ("queued", "running"):
                job.state, job.done = "queued", 0
                self.store.save(job)
                self.submit(job)


NO_WORKER_AFTER = 60  # seconds a job waits without a live worker before its page says so
NO_WORKER = ("Chưa có máy tạo văn bản nào nhận lô này sau hơn 1 phút: không có máy tạo văn bản "
             "(docgen worker) nào đang chạy. Lô vẫn được giữ và sẽ tự chạy tiếp khi có máy; hãy báo "
             "quản trị viên khởi động dịch vụ docgen worker.")
QUEUE_SILENT = ("Hàng đợi tạo văn bản (Redis) đang không trả lời nên lô chưa chạy tiếp được. Lô vẫn "
                "được giữ và sẽ tự chạy tiếp khi hàng đợi trả lời lại; nếu quá lâu, hãy báo quản trị viên.")


class RedisQueue(JobQueue):
    def __init__(self, store: JobStore, redis_url: str) -> None:
        from redis import Redis
        from rq import Queue

        self.store = store
        self.connection = Redis.from_url(redis_url)
        self.queue = Queue(QUEUE_NAME, connection=self.connection)
        self.clock = time.time  # the tests move it

    def submit(self, job: Job) -> None:
        from redis.exceptions import ConnectionError, TimeoutError

        try:
            work.enqueue(self.queue, self.store.root, job.id)
        except (ConnectionError, TimeoutError) as error:
            raise QueueUnavailable(str(error)) from error

    def status(self, job_id: str) -> Job:
        from redis.exceptions import ConnectionError, TimeoutError

        job = self.store.get(job_id)
        try:  # a step whose worker died, or that Redis lost, runs again; or the job fails with a message
            job = work.reap(self.queue, self.store, job, now=self.clock())
        except (ConnectionError, TimeoutError):
            log.warning("batch job %s: Redis unreachable, not checked for lost steps", job_id)
        if job.state in ("running", "failed"):  # complete parts report their own counts
            job.done = max(job.done, work.parts_done(self.store, job))
            if job.state == "running" and job.total:
                job.message = f"Đã tạo {job.done}/{job.total} văn bản…"
        return job

    def waiting_notice(self, job: Job) -> str:
        """Said once the job has waited NO_WORKER_AFTER seconds without
        progress while no worker is alive to take it (or Redis does not
        answer); a job waiting behind another batch for a live worker is
        only waiting its turn."""
        from redis.exceptions import ConnectionError, TimeoutError

        if job.state not in ("queued", "running"):
            return ""
        if self.clock() - work.last_progress(self.store, job) < NO_WORKER_AFTER:
            return ""
        try:
            alive = work.workers_alive(self.connection, QUEUE_NAME)
        except (ConnectionError, TimeoutError):
            return QUEUE_SILENT
        return "" if alive else NO_WORKER


def make_queue(job_root: str | Path, redis_url: str | None = None,
               days: float = DEFAULT_DAYS, housekeeping: bool = True) -> JobQueue:
    """The queue; with the in-process one, this process also deletes jobs
    ``days`` after they ended (RQ: each ``docgen worker`` does)."""
    store = JobStore(job_root)
    if redis_url:
        return RedisQueue(store, redis_url)
    return LocalQueue(store, days, housekeeping)
