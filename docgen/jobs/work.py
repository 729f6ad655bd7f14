"""The work of a batch job, the same whichever queue runs it.

In the web process (``LocalQueue``) a job is one call of :func:`run_job`.
On RQ (``RedisQueue``) a job is split so that several workers, on several
machines sharing the job store, render one large batch together:

    prepare_job  reads and checks the inputs, lays the units out in parts
    render_part  (one RQ job per part) renders its units into parts/N.zip,
                 then parts/N.json (the part is complete)
    assemble     (queued by the last part to complete) copies the parts into
                 plans.zip and writes the manifest and the error report

Each step only reads and writes the job's folder, writing under a temporary
name and renaming, so a step that dies can be run again (:func:`reap`) and
still gives each unit's document once; progress counts the units of
complete parts only, whose documents are on disk.

The folder is the source of truth: Redis only says which steps are queued.
When Redis lost that (restarted without persistence), :func:`reconcile`
finds from the folder what is missing (no layout: prepare; a part without
its summary: that part; every part: the assembly) and queues it again.

A full disk (``ENOSPC``) while a step writes fails the job with "ổ đĩa
đầy" and deletes its parts, at once, instead of running the step again.
"""

from __future__ import annotations

import errno
import json
import logging
import os
import secrets
import shutil
import socket
import time
import zipfile
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

from .. import doctypes
from ..batch import example_sheet_bytes
from ..batch.inputs import BatchInputError, BatchInputs, load_inputs
from ..batch.limits import RenderLimitError
from ..batch.runner import BatchResult, ManifestEntry, Prepared, finish, prepare, render_into
from ..batch.units import RowError
from ..base.package_data import BATCH_SAMPLES
from ..plan.files import read_plan_bytes
from .store import RESULT, Job, JobStore

log = logging.getLogger(__name__)
RESULT_PART = RESULT + ".part"

__all__ = ["BatchInputError", "check_inputs", "example_sheet", "example_template", "run_job"]

PART_SIZE = 400  # units per RQ part (DOCGEN_BATCH_PART_SIZE): big enough to amortise a worker's start
SAVE_EVERY = 0.3  # seconds between progress writes
EXAMPLE_TEMPLATE = BATCH_SAMPLES / "template_xa.yaml"
# The commune-level example templates, one per document type a batch is natural for (the
# default type's first): a plan per commune, a Giấy mời per commune.
EXAMPLE_TEMPLATES = (EXAMPLE_TEMPLATE, BATCH_SAMPLES / "template_giay_moi_xa.yaml")


def check_inputs(template_name: str, template: bytes, units_name: str, units: bytes,
                 parent: tuple[str, bytes] | None = None) -> BatchInputs:
    """Read and check a batch's uploads before a job is made of them."""
    return load_inputs((template_name, template), (units_name, units), parent)


def example_sheet() -> bytes:
    return example_sheet_bytes()


def example_template(type_key: str | None = None) -> bytes | None:
    """The example template of a document type (the default type's without
    one); None when there is none of that type."""
    wanted = type_key or doctypes.DEFAULT
    return next((path.read_bytes() for key, path in example_templates() if key == wanted), None)


def example_templates() -> list[tuple[str, Path]]:
    """(type key, file) of each example template, as its file says its type."""
    out = []
    for path in EXAMPLE_TEMPLATES:
        data = read_plan_bytes(path.read_bytes(), path.name)
        out.append((data.get("type") or doctypes.DEFAULT, path))
    return out


def _inputs(store: JobStore, job: Job) -> BatchInputs:
    template, units = store.inputs(job)
    parent = store.parent_input(job)
    return load_inputs((job.template_name, template.read_bytes()), (job.units_name, units.read_bytes()),
                       (job.parent_name, parent.read_bytes()) if parent else None)


def _start(store: JobStore, job: Job, message: str) -> Prepared | None:
    """Mark the job running, read and lay out its inputs; None (and the job
    failed with the reasons) when they cannot be used."""
    job.state, job.message = "running", message
    store.save(job)
    try:
        inputs = _inputs(store, job)
        prepared = prepare(inputs.template, inputs.units, inputs.parent)
    except BatchInputError as error:
        _fail(store, job, " ".join(error.messages))
        return None
    job.total = len(prepared.ready)
    store.save(job)
    return prepared


def _fail(store: JobStore, job: Job, message: str) -> None:
    job.state, job.message, job.finished = "failed", message, time.time()
    store.save(job)


def _done(store: JobStore, job: Job, result: BatchResult) -> None:
    store.save_report(job, {"entries": [asdict(e) for e in result.entries],
                            "errors": [asdict(e) for e in result.errors]})
    job.state, job.finished = "done", time.time()
    job.ok, job.invalid = result.rendered, result.failed
    job.with_errors, job.with_warnings = result.with_errors, result.with_warnings
    job.done = job.total
    job.message = result.summary
    store.save(job)


class _Progress:
    """Writes ``done`` at most every SAVE_EVERY seconds, and the last one."""

    def __init__(self, write) -> None:
        self.write = write
        self.last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done == total or now - self.last >= SAVE_EVERY:
            self.last = now
            self.write(done, total)


def run_job(root: str | Path, job_id: str, workers: int | None = None) -> None:
    """The whole batch in this process (and its worker pool)."""
    store = JobStore(root)
    job = store.get(job_id)
    prepared = _start(store, job, "Đang đọc văn bản mẫu và bảng đơn vị…")
    if prepared is None:
        return

    def write(done: int, total: int) -> None:
        job.done, job.message = done, f"Đã tạo {done}/{total} văn bản…"
        store.save(job)

    result_path = store.result_path(job)
    partial = result_path.with_suffix(".part")
    try:
        with partial.open("wb") as stream, zipfile.ZipFile(stream, "w", zipfile.ZIP_STORED) as archive:
            result = render_into(archive, prepared, progress=_Progress(write), workers=workers)
            result.errors = prepared.errors + result.errors
            finish(archive, result)
    except RenderLimitError as error:  # the template's fault: say which unit, run the next job
        partial.unlink(missing_ok=True)
        _fail(store, job, error.message)
        return
    except Exception as error:  # a bug or a full disk: say so, keep the uploads
        partial.unlink(missing_ok=True)
        if disk_full(error):
            _fail(store, job, disk_full_message("khi tạo tệp ZIP"))
            return
        _fail(store, job, f"Lỗi khi tạo văn bản: {error}. Tệp đã tải lên vẫn được giữ; hãy thử lại.")
        raise
    os.replace(partial, result_path)
    _done(store, job, result)


# --- RQ: one batch in parts -----------------------------------------------------------
#
# Each step (``prepare``, ``part-N``, ``assemble``) is recorded in Redis while
# it is pending: ``docgen:steps:<job>`` maps the step to the RQ job running
# it, ``docgen:attempts:<job>`` counts its runs. A step records the steps it
# queues before it removes itself, so an unfinished job always has one
# recorded: none means that Redis lost them (:func:`reconcile`). :func:`reap`
# (when the job is polled, and when a worker starts or finds Redis back)
# runs again a step whose RQ job failed, is gone, or whose worker died
# (SIGKILL, machine lost), up to ATTEMPTS runs; then the batch fails with a
# message. A step's output is written under a temporary name and renamed,
# so a step run twice still gives each unit's document once.

STEP_TIMEOUT = 3600  # seconds an RQ step may run (RQ kills it after; reap runs it again)
ATTEMPTS = 3  # runs of one step before the batch fails
KEYS_TTL = 7 * 24 * 3600
RECONCILE_GRACE = 10  # seconds: a job just made may not have its first step recorded yet (web: make, then queue)


def _steps_key(job_id: str) -> str:
    return f"docgen:steps:{job_id}"


def _attempts_key(job_id: str) -> str:
    return f"docgen:attempts:{job_id}"


def _assembling_key(job_id: str) -> str:
    return f"docgen:assembling:{job_id}"


def _step_call(step: str):
    """The function and extra arguments of a step."""
    if step.startswith("part-"):
        return render_part, (int(step[5:]),)
    return {"prepare": prepare_job, "assemble": assemble}[step], ()


def _enqueue_step(queue, root: str | Path, job_id: str, step: str) -> None:
    """Queue one run of ``step`` and record it, in one Redis transaction."""
    connection = queue.connection
    attempt = connection.hincrby(_attempts_key(job_id), step, 1)
    function, extra = _step_call(step)
    # Unique even when Redis lost the attempts: a run from before a restart
    # may still report on its own RQ job.
    rq_id = f"docgen-{job_id}-{step}-{attempt}-{secrets.token_hex(3)}"
    with connection.pipeline() as pipeline:
        queue.enqueue(function, str(root), job_id, *extra, job_id=rq_id, job_timeout=STEP_TIMEOUT,
                      result_ttl=3600, failure_ttl=KEYS_TTL, pipeline=pipeline)
        pipeline.hset(_steps_key(job_id), step, rq_id)
        pipeline.expire(_steps_key(job_id), KEYS_TTL)
        pipeline.expire(_attempts_key(job_id), KEYS_TTL)
        pipeline.execute()


def _step_done(job_id: str, step: str) -> None:
    from rq import get_current_job

    current = get_current_job()
    if current is not None:
        current.connection.hdel(_steps_key(job_id), step)


def _current_queue():
    from rq import Queue, get_current_job

    current = get_current_job()
    return Queue(current.origin, connection=current.connection)


def enqueue(queue, root: str | Path, job_id: str) -> None:
    _enqueue_step(queue, root, job_id, "prepare")


def _parts_dir(store: JobStore, job: Job) -> Path:
    """Made by the prepare step only: a step that finds it gone (the job
    failed on a full disk and its parts were deleted) writes nothing."""
    return store.folder(job.id) / "parts"


def prepare_job(root: str, job_id: str) -> None:
    """RQ step 1: check the inputs, split the units into parts, queue them."""
    store = JobStore(root)
    with _disk_full_fails(store, job_id, "prepare"):
        _prepare(store, store.get(job_id))


def _prepare(store: JobStore, job: Job) -> None:
    if job.state in ("done", "failed"):
        _step_done(job.id, "prepare")
        return
    prepared = _start(store, job, "Đang chia lô cho các máy tạo văn bản…")
    if prepared is None:
        _step_done(job.id, "prepare")
        return
    rows = [[unit.row, name] for unit, name in prepared.ready]
    size = max(1, int(os.environ.get("DOCGEN_BATCH_PART_SIZE") or PART_SIZE))
    parts = [rows[i:i + size] for i in range(0, len(rows), size)] or [[]]
    folder = _parts_dir(store, job)
    folder.mkdir(exist_ok=True)
    _write_atomic(folder / "layout.json", json.dumps({
        "parts": parts,
        "errors": [asdict(e) for e in prepared.errors],
    }, ensure_ascii=False))
    job.total = len(rows)
    job.message = f"Đã chia thành {len(parts)} phần; đang tạo văn bản…"
    store.save(job)
    queue = _current_queue()
    pending = queue.connection.hkeys(_steps_key(job.id))
    for index in range(len(parts)):  # a second run queues only what the first did not
        if f"part-{index}".encode() not in pending and not (folder / f"{index}.json").exists():
            _enqueue_step(queue, store.root, job.id, f"part-{index}")
    _step_done(job.id, "prepare")


def _part_count(folder: Path) -> int:
    return len(json.loads((folder / "layout.json").read_text(encoding="utf-8"))["parts"])


def render_part(root: str, job_id: str, index: int) -> None:
    """RQ step 2: render one part's units into parts/<index>.zip, then its
    summary parts/<index>.json (which says the part is complete); the last
    part to complete queues the assembly."""
    store = JobStore(root)
    with _disk_full_fails(store, job_id, f"part-{index}"):
        _render_part(store, store.get(job_id), index)


def _render_part(store: JobStore, job: Job, index: int) -> None:
    step = f"part-{index}"
    if job.state in ("done", "failed"):  # another part went over a limit: nothing more to do
        _step_done(job.id, step)
        return
    folder = _parts_dir(store, job)
    layout = json.loads((folder / "layout.json").read_text(encoding="utf-8"))
    wanted = {row: name for row, name in layout["parts"][index]}
    inputs = _inputs(store, job)
    prepared = prepare(inputs.template, inputs.units, inputs.parent)
    ready = [(unit, name) for unit, name in prepared.ready if wanted.get(unit.row) == name]

    partial = folder / f"{index}.zip.{os.getpid()}.part"  # a second run never writes into this one
    try:
        with partial.open("wb") as stream:
            with zipfile.ZipFile(stream, "w", zipfile.ZIP_STORED) as archive:
                result = render_into(archive, prepared, ready)
            _sync(stream)
    except RenderLimitError as error:
        partial.unlink(missing_ok=True)
        _fail(store, store.get(job.id), error.message)
        _step_done(job.id, step)
        return
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, folder / f"{index}.zip")
    _write_atomic(folder / f"{index}.json", json.dumps({
        "entries": [asdict(e) for e in result.entries],
        "errors": [asdict(e) for e in result.errors],
    }, ensure_ascii=False))
    _queue_assembly(_current_queue(), store, job, folder)  # recorded before this step goes
    _step_done(job.id, step)


def _queue_assembly(queue, store: JobStore, job: Job, folder: Path) -> None:
    """Queue the assembly once every part is complete (only the first caller does)."""
    if not all((folder / f"{i}.json").exists() for i in range(_part_count(folder))):
        return
    if queue.connection.set(_assembling_key(job.id), 1, nx=True, ex=KEYS_TTL):
        _enqueue_step(queue, store.root, job.id, "assemble")


def assemble(root: str, job_id: str) -> None:
    """RQ step 3: one ZIP from the parts, with the manifest and errors."""
    store = JobStore(root)
    with _disk_full_fails(store, job_id, "assemble"):
        _assemble(store, store.get(job_id))


def _assemble(store: JobStore, job: Job) -> None:
    if job.state in ("done", "failed"):  # a part went over a limit
        _step_done(job.id, "assemble")
        return
    folder = _parts_dir(store, job)
    layout = json.loads((folder / "layout.json").read_text(encoding="utf-8"))
    result = BatchResult(errors=[RowError(**e) for e in layout["errors"]])
    result_path = store.result_path(job)
    partial = result_path.with_name(f"{RESULT_PART}.{os.getpid()}")
    try:
        with partial.open("wb") as stream:
            with zipfile.ZipFile(stream, "w", zipfile.ZIP_STORED) as archive:
                for index in range(len(layout["parts"])):
                    summary = json.loads((folder / f"{index}.json").read_text(encoding="utf-8"))
                    result.entries += [ManifestEntry(**e) for e in summary["entries"]]
                    result.errors += [RowError(**e) for e in summary["errors"]]
                    with zipfile.ZipFile(folder / f"{index}.zip") as part:
                        for info in part.infolist():  # one document in memory at a time
                            archive.writestr(info, part.read(info))
                finish(archive, result)
            _sync(stream)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    os.replace(partial, result_path)
    _done(store, job, result)
    _step_done(job.id, "assemble")
    for stale in folder.glob("*.part"):  # left by workers that died mid-part
        stale.unlink(missing_ok=True)


def parts_done(store: JobStore, job: Job) -> int:
    """Units of the parts that are complete: their documents are on disk,
    so the count never includes a unit a dead worker was rendering."""
    folder = store.folder(job.id) / "parts"
    total = 0
    for summary in folder.glob("*.json") if folder.is_dir() else ():
        if summary.name == "layout.json":
            continue
        try:
            total += len(json.loads(summary.read_text(encoding="utf-8"))["entries"])
        except (OSError, ValueError, KeyError):
            pass
    return total


def last_progress(store: JobStore, job: Job) -> float:
    """When the job last moved (a Unix time): made, its status saved, or a
    file of its parts written (a part being rendered grows its file)."""
    folder = store.folder(job.id)
    latest = job.created
    for path in [folder / "status.json", *((folder / "parts").iterdir() if (folder / "parts").is_dir() else ())]:
        try:
            latest = max(latest, path.stat().st_mtime)
        except OSError:  # renamed or deleted meanwhile
            continue
    return latest


# --- a full disk ----------------------------------------------------------------------


def disk_full(error: BaseException) -> bool:
    """The error of a write that found no room: a full disk or a quota."""
    return isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT)


def disk_full_message(where: str) -> str:
    return (f"Máy chủ hết chỗ lưu (ổ đĩa đầy) {where} nên lô đã dừng; các phần đã tạo của lô "
            "đã được xóa để giải phóng chỗ. Tệp đã tải lên vẫn được giữ: hãy báo quản trị viên "
            "giải phóng dung lượng rồi tạo lại lô.")


def _step_place(step: str) -> str:
    """Where in the batch a step works, as the job's messages say it."""
    if step.startswith("part-"):
        return f"ở phần {int(step[5:]) + 1} của lô"
    return "khi chuẩn bị lô" if step == "prepare" else "khi ghép tệp ZIP"


@contextmanager
def _disk_full_fails(store: JobStore, job_id: str, step: str):
    """Around a step: a full disk fails the job at once with "ổ đĩa đầy"
    and deletes its parts (another run would find the disk as full), where
    any other error leaves the step to be run again."""
    try:
        yield
    except OSError as error:
        if not disk_full(error):
            raise
        log.warning("batch job %s: disk full in step %s: %s", job_id, step, error)
        folder = store.folder(job_id)
        shutil.rmtree(folder / "parts", ignore_errors=True)
        for partial in folder.glob(RESULT_PART + "*"):
            partial.unlink(missing_ok=True)
        _fail(store, store.get(job_id), disk_full_message(_step_place(step)))
        _step_done(job_id, step)


# --- the reaper ----------------------------------------------------------------------


def reap(queue, store: JobStore, job: Job, now: float | None = None) -> Job:
    """Run again each pending step of ``job`` whose RQ job failed, is gone
    or lost its worker; fail the job after ATTEMPTS runs of one step. A job
    with no step recorded at all is reconciled from its folder."""
    connection = queue.connection
    if job.state not in ("queued", "running"):
        return job
    pending = {k.decode(): v.decode() for k, v in connection.hgetall(_steps_key(job.id)).items()}
    if not pending:
        reconcile(queue, store, job, now)
        return store.get(job.id)
    folder = store.folder(job.id) / "parts"
    for step, rq_id in sorted(pending.items()):
        if step.startswith("part-") and (folder / f"{step[5:]}.json").exists():
            # complete, but its run could not say so (Redis did not answer then)
            _queue_assembly(queue, store, job, folder)
            connection.hdel(_steps_key(job.id), step)
            continue
        if not _lost(connection, rq_id):
            continue
        if not connection.set(f"docgen:reaped:{rq_id}", 1, nx=True, ex=KEYS_TTL):
            continue  # another poller is on it
        runs = int(connection.hget(_attempts_key(job.id), step) or 0)
        log.warning("batch job %s: step %s lost (RQ job %s, run %d)", job.id, step, rq_id, runs)
        if runs >= ATTEMPTS:
            job = store.get(job.id)
            _fail(store, job, _lost_message(store, job, step, runs))
            connection.delete(_steps_key(job.id))
            return job
        _enqueue_step(queue, store.root, job.id, step)
    return store.get(job.id)


def reconcile(queue, store: JobStore, job: Job, now: float | None = None) -> list[str]:
    """Queue again the steps of an unfinished job of which Redis has no
    record (it restarted without persistence, or lost the keys), as its
    folder tells them: no layout, the prepare step; else each part without
    its summary; else the assembly. The steps queued; none while another
    caller reconciles the job or once it has a step recorded, so polling and
    workers at once queue each step once."""
    connection = queue.connection
    now = time.time() if now is None else now
    if job.state not in ("queued", "running"):
        return []
    if job.state == "queued" and now - job.created < RECONCILE_GRACE:
        return []  # just made: its first step may be being recorded
    lock = f"docgen:reconciling:{job.id}"
    if connection.exists(_steps_key(job.id)) or not connection.set(lock, os.getpid(), nx=True, ex=60):
        return []
    try:
        job = store.get(job.id)
        if connection.exists(_steps_key(job.id)) or job.state not in ("queued", "running"):
            return []  # the caller before this one queued them, or the job ended meanwhile
        folder = store.folder(job.id) / "parts"
        if not (folder / "layout.json").exists():
            steps = ["prepare"]
        else:
            steps = [f"part-{i}" for i in range(_part_count(folder)) if not (folder / f"{i}.json").exists()]
            if not steps:
                connection.set(_assembling_key(job.id), 1, ex=KEYS_TTL)
                steps = ["assemble"]
        for step in steps:
            _enqueue_step(queue, store.root, job.id, step)
        log.warning("batch job %s: no step of it in Redis; queued again from its folder: %s",
                    job.id, ", ".join(steps))
        return steps
    finally:
        connection.delete(lock)


def reap_all(queue, store: JobStore) -> None:
    """:func:`reap` every unfinished job (when a worker starts, or finds
    Redis back after a restart)."""
    for job in store.jobs():
        if job.state in ("queued", "running"):
            try:
                reap(queue, store, job)
            except (OSError, KeyError, ValueError):
                log.exception("batch job %s not checked for lost steps", job.id)


def _lost_message(store: JobStore, job: Job, step: str, runs: int) -> str:
    where = _step_place(step)
    if step.startswith("part-"):
        index = int(step[5:])
        try:
            rows = [row for row, _ in json.loads(
                (store.folder(job.id) / "parts" / "layout.json").read_text(encoding="utf-8"))["parts"][index]]
            if rows:
                where += f" ({len(rows)} đơn vị, nằm trong các dòng {min(rows)}–{max(rows)})"  # collation order
        except (OSError, ValueError, IndexError, KeyError):
            pass
    return (f"Máy tạo văn bản bị dừng đột ngột {where}, đã thử {runs} lần nên lô đã dừng; "
            "không có tệp ZIP dở dang nào được đưa ra. Tệp đã tải lên vẫn được giữ: "
            "hãy tạo lại lô hoặc báo quản trị viên kiểm tra máy tạo văn bản.")


def _lost(connection, rq_id: str) -> bool:
    """True when the RQ job can no longer finish: failed, stopped, gone,
    or started by a worker that is dead."""
    from rq.exceptions import NoSuchJobError
    from rq.job import Job as RQJob, JobStatus

    try:
        rq_job = RQJob.fetch(rq_id, connection=connection)
    except NoSuchJobError:
        return True
    status = rq_job.get_status(refresh=False)
    if status in (JobStatus.FAILED, JobStatus.STOPPED, JobStatus.CANCELED):
        return True
    if status == JobStatus.STARTED:
        return not _worker_alive(connection, rq_job.worker_name)
    return False


def _worker_alive(connection, name: str | None) -> bool:
    """A worker on this machine is alive while its process is; one on
    another machine while its Redis key lives (RQ lets it expire about 90 s
    after the last heartbeat). A worker that registered its death is dead
    (a `docgen worker` that started its RQ worker again after a Redis error
    keeps its process)."""
    from rq import Worker

    if not name:
        return False
    worker = Worker.find_by_key(Worker.redis_worker_namespace_prefix + name, connection=connection)
    if worker is None or connection.hexists(worker.key, "death"):
        return False
    if worker.hostname == socket.gethostname() and worker.pid:
        return _process_alive(worker.pid)
    return True


def workers_alive(connection, queue_name: str) -> list[str]:
    """Names of the live workers listening on ``queue_name``."""
    from rq import Queue, Worker

    return [worker.name for worker in Worker.all(queue=Queue(queue_name, connection=connection))
            if _worker_alive(connection, worker.name)]


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process nobody has reaped yet is a zombie: dead
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _sync(stream) -> None:
    stream.flush()
    os.fsync(stream.fileno())


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + f".{os.getpid()}.tmp")
    with temporary.open("w", encoding="utf-8") as stream:
        stream.write(text)
        _sync(stream)
    os.replace(temporary, path)
