"""Batch results expire: a job folder (uploads, result ZIP, status) is
deleted ``DOCGEN_JOBS_DAYS`` days (default 7) after the job ended.

:func:`clean` is ``docgen jobs clean``; :func:`start_daily_clean` runs it at
start and then once a day in the process that runs jobs (the web process
with the in-process queue, each ``docgen worker``). Jobs still queued or
running are kept, whatever their age.
"""

from __future__ import annotations

import logging
import shutil
import threading
import time

from .store import Job, JobStore

DEFAULT_DAYS = 7
DAY = 24 * 3600
ENDED = ("done", "failed")
log = logging.getLogger(__name__)


class JobsDaysError(ValueError):
    """DOCGEN_JOBS_DAYS is not a positive number."""


def jobs_days(raw: str | float | None) -> float:
    """The retention in days from a setting (``DOCGEN_JOBS_DAYS``)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return DEFAULT_DAYS
    try:
        days = float(str(raw).replace(",", "."))
    except ValueError:
        days = 0
    if not days > 0:
        raise JobsDaysError(f"DOCGEN_JOBS_DAYS phải là số ngày dương (ví dụ {DEFAULT_DAYS}), "
                            f"không phải “{raw}”")
    return days


def expires_at(job: Job, days: float) -> float | None:
    """When an ended job's folder goes (a Unix time); None while it runs."""
    if job.state not in ENDED:
        return None
    return (job.finished or job.created) + days * DAY


def expired(store: JobStore, days: float, now: float | None = None) -> list[str]:
    """Ids of the folders to delete: ended jobs past their time, and folders
    without a readable status (a crash while creating) as old as that."""
    now = time.time() if now is None else now
    found = []
    for folder in store.root.iterdir() if store.root.is_dir() else ():
        if not folder.is_dir():
            continue
        try:
            job = store.get(folder.name)
        except (KeyError, ValueError, TypeError, OSError):
            try:
                if folder.stat().st_mtime + days * DAY < now:
                    found.append(folder.name)
            except OSError:
                pass
            continue
        until = expires_at(job, days)
        if until is not None and until < now:
            found.append(job.id)
    return sorted(found)


def clean(store: JobStore, days: float, now: float | None = None) -> list[str]:
    """Delete the expired job folders; the ids deleted."""
    deleted = []
    for job_id in expired(store, days, now):
        shutil.rmtree(store.root / job_id, ignore_errors=True)
        if not (store.root / job_id).exists():
            deleted.append(job_id)
    return deleted


def _clean_logged(store: JobStore, days: float) -> None:
    try:
        deleted = clean(store, days)
        if deleted:
            log.info("deleted %d expired batch jobs from %s", len(deleted), store.root)
    except Exception:  # never let a cleaning error stop the jobs
        log.exception("cleaning expired batch jobs in %s failed", store.root)


def start_daily_clean(store: JobStore, days: float, every: float = DAY) -> threading.Event:
    """Clean now, then every ``every`` seconds in a daemon thread; set the
    returned event to stop the thread."""
    _clean_logged(store, days)
    stop = threading.Event()

    def loop() -> None:
        while not stop.wait(every):
            _clean_logged(store, days)

    threading.Thread(target=loop, name="docgen-jobs-clean", daemon=True).start()
    return stop
