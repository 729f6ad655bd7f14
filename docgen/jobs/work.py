"""The work of a batch job, the same whichever queue runs it.

In the web process (``LocalQueue``) a job is one call of :func:`run_job`.
On RQ (``RedisQueue``) a job is split so that several workers, on several
machines sharing the job store, render one large batch together:

    prepare_job  reads and checks the inputs, lays the units out in parts
    render_part  (one RQ job per part) renders its units into parts/N.zip
    assemble     (after every part) copies the parts into plans.zip and
                 writes the manifest and the error report

Each step only reads and writes the job's folder, so a step that dies can be
run again; progress is each part's count of rendered units.
"""

from __future__ import annotations

import json
import os
import time
import zipfile
from dataclasses import asdict
from pathlib import Path

from ..batch import example_sheet_bytes
from ..batch.inputs import BatchInputError, BatchInputs, load_inputs
from ..batch.limits import RenderLimitError
from ..batch.runner import BatchResult, ManifestEntry, Prepared, finish, prepare, render_into
from ..batch.units import RowError
from .store import Job, JobStore

__all__ = ["BatchInputError", "check_inputs", "example_sheet", "example_template", "run_job"]

PART_SIZE = 400  # units per RQ part: big enough to amortise a worker's start
SAVE_EVERY = 0.3  # seconds between progress writes
EXAMPLE_TEMPLATE = Path(__file__).resolve().parent.parent.parent / "samples" / "batch" / "template_xa.yaml"


def check_inputs(template_name: str, template: bytes, units_name: str, units: bytes) -> BatchInputs:
    """Read and check a batch's uploads before a job is made of them."""
    return load_inputs((template_name, template), (units_name, units))


def example_sheet() -> bytes:
    return example_sheet_bytes()


def example_template() -> bytes:
    return EXAMPLE_TEMPLATE.read_bytes()


def _inputs(store: JobStore, job: Job) -> BatchInputs:
    template, units = store.inputs(job)
    return load_inputs((job.template_name, template.read_bytes()), (job.units_name, units.read_bytes()))


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
    job.state, job.finished = "done", time.time()
    job.ok, job.invalid = result.rendered, result.failed
    job.done = job.total
    job.message = f"Xong: {job.ok} kế hoạch" + (
        f", {job.invalid} dòng lỗi (xem loi.csv trong tệp ZIP)." if job.invalid else "."
    )
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
    prepared = _start(store, job, "Đang đọc kế hoạch mẫu và bảng đơn vị…")
    if prepared is None:
        return

    def write(done: int, total: int) -> None:
        job.done, job.message = done, f"Đã tạo {done}/{total} kế hoạch…"
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
        _fail(store, job, f"Lỗi khi tạo kế hoạch: {error}. Tệp đã tải lên vẫn được giữ; hãy thử lại.")
        raise
    os.replace(partial, result_path)
    _done(store, job, result)


# --- RQ: one batch in parts -----------------------------------------------------------


def enqueue(queue, root: str | Path, job_id: str) -> None:
    queue.enqueue(prepare_job, str(root), job_id, job_timeout=3600, result_ttl=3600)


def _parts_dir(store: JobStore, job: Job) -> Path:
    folder = store.folder(job.id) / "parts"
    folder.mkdir(exist_ok=True)
    return folder


def prepare_job(root: str, job_id: str) -> None:
    """RQ step 1: check the inputs, split the units into parts, queue them."""
    from rq import Queue, get_current_job

    store = JobStore(root)
    job = store.get(job_id)
    prepared = _start(store, job, "Đang chia lô cho các máy tạo kế hoạch…")
    if prepared is None:
        return
    rows = [[unit.row, name] for unit, name in prepared.ready]
    parts = [rows[i:i + PART_SIZE] for i in range(0, len(rows), PART_SIZE)] or [[]]
    folder = _parts_dir(store, job)
    (folder / "layout.json").write_text(json.dumps({
        "parts": parts,
        "errors": [asdict(e) for e in prepared.errors],
    }, ensure_ascii=False), encoding="utf-8")
    job.total = len(rows)
    job.message = f"Đã chia thành {len(parts)} phần; đang tạo kế hoạch…"
    store.save(job)
    current = get_current_job()
    queue = Queue(current.origin, connection=current.connection)
    part_jobs = [
        queue.enqueue(render_part, root, job_id, index, job_timeout=3600, result_ttl=3600)
        for index in range(len(parts))
    ]
    queue.enqueue(assemble, root, job_id, depends_on=part_jobs, job_timeout=3600, result_ttl=3600)


def render_part(root: str, job_id: str, index: int) -> None:
    """RQ step 2: render one part's units into parts/<index>.zip."""
    store = JobStore(root)
    job = store.get(job_id)
    if job.state == "failed":  # another part went over a limit: nothing more to do
        return
    folder = _parts_dir(store, job)
    layout = json.loads((folder / "layout.json").read_text(encoding="utf-8"))
    wanted = {row: name for row, name in layout["parts"][index]}
    inputs = _inputs(store, job)
    prepared = prepare(inputs.template, inputs.units, inputs.parent)
    ready = [(unit, name) for unit, name in prepared.ready if wanted.get(unit.row) == name]

    def write(done: int, total: int) -> None:
        _write_atomic(folder / f"{index}.done", str(done))

    partial = folder / f"{index}.zip.part"
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
            result = render_into(archive, prepared, ready, progress=_Progress(write))
    except RenderLimitError as error:
        partial.unlink(missing_ok=True)
        _fail(store, store.get(job_id), error.message)
        return
    _write_atomic(folder / f"{index}.json", json.dumps({
        "entries": [asdict(e) for e in result.entries],
        "errors": [asdict(e) for e in result.errors],
    }, ensure_ascii=False))
    os.replace(partial, folder / f"{index}.zip")


def assemble(root: str, job_id: str) -> None:
    """RQ step 3: one ZIP from the parts, with the manifest and errors."""
    store = JobStore(root)
    job = store.get(job_id)
    if job.state == "failed":  # a part went over a limit
        return
    folder = _parts_dir(store, job)
    layout = json.loads((folder / "layout.json").read_text(encoding="utf-8"))
    result = BatchResult(errors=[RowError(**e) for e in layout["errors"]])
    result_path = store.result_path(job)
    partial = result_path.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
        for index in range(len(layout["parts"])):
            summary = json.loads((folder / f"{index}.json").read_text(encoding="utf-8"))
            result.entries += [ManifestEntry(**e) for e in summary["entries"]]
            result.errors += [RowError(**e) for e in summary["errors"]]
            with zipfile.ZipFile(folder / f"{index}.zip") as part:
                for info in part.infolist():  # one document in memory at a time
                    archive.writestr(info, part.read(info))
        finish(archive, result)
    os.replace(partial, result_path)
    _done(store, job, result)


def parts_done(store: JobStore, job: Job) -> int:
    """Units rendered so far by the parts of an RQ job."""
    folder = store.folder(job.id) / "parts"
    total = 0
    for marker in folder.glob("*.done") if folder.is_dir() else ():
        try:
            total += int(marker.read_text() or 0)
        except (OSError, ValueError):
            pass
    return total


def _write_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + f".{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
