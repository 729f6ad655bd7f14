"""`docgen worker`: RQ's worker, kept alive through Redis restarts.

RQ's own loop retries Redis only while it waits for a job; an error at any
other moment (sending a heartbeat while a part renders, recording a result)
ends the worker. Here:

- a heartbeat that fails while a work horse renders is only logged: the
  horse finishes its step, whose files in the job folder are its record;
- a heartbeat that finds the worker's registration gone (Redis restarted
  without its data) registers it again and reconciles the unfinished jobs
  (``work.reap_all``), so the parts Redis lost are queued again even if
  nobody looks at the job's page;
- when RQ's loop ends on an error anyway, :func:`run` waits for Redis with
  a growing pause (up to RECONNECT_MAX seconds) and starts it again.

SIGTERM or Ctrl-C stops it as RQ does (after the running step; twice: at
once), also while it waits for Redis. A worker heartbeats at least every
WORKER_TTL - 15 seconds and RQ drops its key WORKER_TTL + 60 seconds after
the last one, which is how the job page knows that no worker is alive.
"""

from __future__ import annotations

import logging
import signal
import threading
import time

from redis import Redis
from redis.exceptions import ConnectionError, TimeoutError
from rq import Queue, Worker, worker_registration
from rq.exceptions import StopRequested

from .queues import QUEUE_NAME
from .store import JobStore
from .work import reap_all

log = logging.getLogger(__name__)
REDIS_ERRORS = (ConnectionError, TimeoutError)
RECONNECT_MAX = 30  # seconds between two tries to reach Redis, at most
WORKER_TTL = 60  # RQ's default (420) would keep a dead idle worker "alive" for 8 minutes


class DocgenWorker(Worker):
    """RQ's forking worker that outlives Redis errors; ``store`` is the job
    store it reconciles when Redis comes back empty."""

    store: JobStore
    stopping = False  # asked to stop (SIGTERM, Ctrl-C)

    def request_stop(self, signum, frame):
        self.stopping = True
        super().request_stop(signum, frame)

    def heartbeat(self, timeout: int | None = None, pipeline=None):
        super().heartbeat(timeout, pipeline)
        if pipeline is None:
            self._rejoin()

    def maintain_heartbeats(self, job):
        try:
            super().maintain_heartbeats(job)
            self._rejoin()
        except REDIS_ERRORS as error:  # the horse goes on; its step's files are its record
            log.warning("docgen worker %s: Redis did not take a heartbeat (%s); the running step goes on",
                        self.name, error)

    def _rejoin(self) -> None:
        """Register again and reconcile the jobs when Redis lost this
        worker's registration: it restarted without its data."""
        if self.connection.sismember(worker_registration.REDIS_WORKER_KEYS, self.key):
            return
        with self.connection.pipeline() as pipeline:
            pipeline.hset(self.key, mapping=self.serialize())
            worker_registration.register(self, pipeline)
            pipeline.expire(self.key, self.worker_ttl + 60)
            pipeline.execute()
        log.warning("docgen worker %s: Redis lost its data (restarted?); registered again, "
                    "queuing again what the unfinished jobs miss", self.name)
        reap_all(Queue(QUEUE_NAME, connection=self.connection), self.store)


def run(redis_url: str, store: JobStore, burst: bool = False) -> None:
    """Run jobs from the queue until stopped (or, with ``burst``, until it
    is empty), whatever Redis does meanwhile."""
    connection = Redis.from_url(redis_url)
    stop = threading.Event()
    worker, pause = None, 0.0
    while True:
        if not _wait_for_redis(connection, redis_url, stop, pause):
            return
        began = time.monotonic()
        try:
            if worker is not None:  # its end was not recorded: Redis was gone
                worker.register_death()
            reap_all(Queue(QUEUE_NAME, connection=connection), store)  # steps of workers that died
            worker = DocgenWorker([QUEUE_NAME], connection=connection, worker_ttl=WORKER_TTL)
            worker.store = store
            worker.work(burst=burst)
            if worker.stopping:
                return
            if burst and not Queue(QUEUE_NAME, connection=connection).count:
                return
        except REDIS_ERRORS as error:  # RQ's start or end, with Redis gone
            log.warning("docgen worker: Redis error (%s)", error)
        except StopRequested:  # SIGTERM while RQ's handler was still installed
            return
        finally:
            if worker is not None:
                _stop_listening(worker)
        # an error that comes back at once is not tried again in a tight loop
        pause = 0.0 if time.monotonic() - began > 60 else min(max(1.0, pause * 2), RECONNECT_MAX)
        log.warning("docgen worker: the RQ worker stopped on an error; starting it again")


def _stop_listening(worker: Worker) -> None:
    """End the thread that takes the worker's commands (RQ ends it only
    when Redis answers)."""
    thread = getattr(worker, "pubsub_thread", None)
    if thread is not None and thread.is_alive():
        thread.stop()
        thread.join(timeout=5)
        try:
            worker.pubsub.close()
        except REDIS_ERRORS:
            pass


def _wait_for_redis(connection: Redis, redis_url: str, stop: threading.Event, first: float = 0.0) -> bool:
    """Wait ``first`` seconds, then until Redis answers: True; False when
    asked to stop meanwhile (SIGTERM, Ctrl-C)."""
    def asked_to_stop(signum, frame):
        stop.set()

    previous = {number: signal.signal(number, asked_to_stop) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        if first and stop.wait(first):
            return False
        pause = 1.0
        while not stop.is_set():
            try:
                connection.ping()
                return True
            except REDIS_ERRORS as error:
                log.warning("docgen worker: Redis at %s not answering (%s); trying again in %.0f s",
                            _safe_url(redis_url), error, pause)
            stop.wait(pause)
            pause = min(pause * 2, RECONNECT_MAX)
        return False
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _safe_url(url: str) -> str:
    """The URL without its password, for the log."""
    from redis.connection import parse_url

    try:
        parts = parse_url(url)
    except ValueError:
        return "(unreadable URL)"
    return f"{parts.get('host', '')}:{parts.get('port', '')}/{parts.get('db', 0)}"
