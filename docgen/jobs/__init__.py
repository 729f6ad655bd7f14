"""Background jobs for batches started from the web.

A job is a folder in the job store (``store.py``): the uploaded template
and units table, a ``status.json`` that the worker keeps up to date, and
the result ZIP. The work itself (``work.py``) is the same whichever queue
runs it (``queues.py``): a thread of the web process by default, or RQ
workers on Redis when ``REDIS_URL`` is set (``worker.py``: `docgen worker`,
which outlives Redis restarts). The folder, not Redis, is the source of
truth: what Redis lost is queued again from it. A job belongs to the unit
that started it; its folder is deleted when it expires (``expiry.py``).
"""

from .queues import JobQueue, make_queue
from .store import Job, JobStore

__all__ = ["Job", "JobQueue", "JobStore", "make_queue"]
