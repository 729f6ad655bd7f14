"""Faults of the batch job queue, on a real Redis server and real `docgen
worker` processes: a worker killed (SIGKILL, with its children) mid-part,
Redis stopped, a jobs folder that cannot be written or a full disk."""

from __future__ import annotations

import errno
import io
import os
import re
import signal
import subprocess
import sys
import threading
import zipfile
from contextlib import contextmanager
from pathlib import Path


from docgen.word import malformed_parts
from docgen.jobs import store as job_store
from docgen.jobs import work
from docgen.jobs.queues import QUEUE_NAME, RedisQueue
from docgen.jobs.store import JobStore

from ..batch.helpers import TEMPLATE_XA, UNITS_CSV
from .conftest import free_port, redis_server
from ..web.batch_accounts import PASSWORD, TOKEN, Clerk, add_clerks
from ..waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
PART = 30  # units per part in these tests: parts long enough to be killed in
SECRET_KEY = "a-test-secret-key-of-at-least-32-bytes"
DOCUMENT_BYTES = 30_000  # about one plan of template_xa in a part's ZIP
HEADER = UNITS_CSV.read_text(encoding="utf-8-sig").splitlines()[0]


def many_units(count: int) -> bytes:
    rows = [HEADER] + [f"Xã Thử Nghiệm {i:03d},UBND HUYỆN LỘC NINH,Nguyễn Văn An,"
                       f"TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH,{1000 + i},{300 + i},{2000 + i}"
                       for i in range(1, count + 1)]
    return ("\n".join(rows) + "\n").encode("utf-8")


def start_worker(redis_url: str, jobs: Path, burst: bool = False, log: Path | None = None) -> subprocess.Popen:
    """A real `docgen worker`, in its own session so that its RQ work horse
    and render processes can be killed with it; its output to ``log``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), DOCGEN_BATCH_PART_SIZE=str(PART))
    output = log.open("ab") if log else subprocess.DEVNULL
    try:
        return subprocess.Popen(
            [sys.executable, "-m", "docgen.cli", "worker", "--redis-url", redis_url, "--jobs-dir", str(jobs)]
            + (["--burst"] if burst else []),
            env=env, cwd=ROOT, start_new_session=True, stdout=output, stderr=output,
        )
    finally:
        if log:
            output.close()


def kill_with_children(worker: subprocess.Popen, horse_only: bool = False) -> None:
    """SIGKILL the worker, its RQ work horse (which RQ puts in a process
    group of its own) and the horse's render processes, at once; or only
    the horse and its processes (as the kernel's OOM killer might)."""
    groups = {os.getpgid(worker.pid)}
    parents = {worker.pid}
    for _ in range(3):  # worker -> horse -> render processes
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) in parents:  # ppid
                parents.add(int(stat.parent.name))
                groups.add(int(fields[2]))  # pgrp
    if horse_only:
        groups.discard(os.getpgid(worker.pid))
        parents.discard(worker.pid)
        assert groups, "no work horse"
    for group in groups:
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if not horse_only:
        worker.wait(timeout=30)
    for pid in parents - {worker.pid}:  # none survives to finish the part
        wait_until(lambda: not work._process_alive(pid), 30, f"process {pid} survived SIGKILL")


def kill_mid_part(worker: subprocess.Popen, parts: Path, first_part: int = 0, written: int = 1,
                  horse_only: bool = False) -> int:
    """SIGKILL the worker and its children while a part (``first_part`` or
    a later one) is being written and has ``written`` bytes; the index of
    that part."""
    def part_being_written() -> Path | None:
        assert worker.poll() is None, "the worker stopped by itself"
        for partial in parts.glob("*.zip.*.part") if parts.is_dir() else ():
            try:
                if int(partial.name.split(".")[0]) >= first_part and partial.stat().st_size >= written:
                    return partial
            except FileNotFoundError:  # that part just completed
                continue
        return None

    partial = wait_until(part_being_written, 180, "no part was being rendered", every=0.01)
    kill_with_children(worker, horse_only)
    return int(partial.name.split(".")[0])


def submit_many(queue: RedisQueue, count: int):
    job = queue.store.create(TEMPLATE_XA.name, TEMPLATE_XA.read_bytes(), "don-vi.csv", many_units(count))
    queue.submit(job)
    return job


def complete_part_units(parts: Path) -> int:
    return PART * sum(1 for p in parts.glob("*.json") if p.name != "layout.json")


def test_worker_killed_mid_part_runs_the_part_again(tmp_path, redis, redis_url):
    queue = RedisQueue(JobStore(tmp_path), redis_url)
    job = submit_many(queue, 4 * PART)
    parts = queue.store.folder(job.id) / "parts"
    worker = start_worker(redis_url, tmp_path)
    killed = kill_mid_part(worker, parts, first_part=1, written=5 * DOCUMENT_BYTES)
    assert killed >= 1

    # Progress counts the parts whose documents are on disk, never the units
    # the dead worker had rendered into its unfinished part.
    lost = queue.status(job.id)  # the poll finds the dead worker and queues the part again
    assert lost.state == "running" and lost.total == 4 * PART
    assert lost.done == complete_part_units(parts) < lost.total
    assert PART <= lost.done <= killed * PART  # parts before the killed one, none of its units
    assert next(parts.glob(f"{killed}.zip.*.part")).stat().st_size >= 5 * DOCUMENT_BYTES  # not counted
    assert not queue.store.result_path(job).exists()
    step = redis.hget(f"docgen:steps:{job.id}", f"part-{killed}").decode()
    assert step.startswith(f"docgen-{job.id}-part-{killed}-2-")  # its second run is queued
    assert queue.status(job.id).state == "running"  # a second poll queues nothing more
    assert redis.hget(f"docgen:steps:{job.id}", f"part-{killed}").decode() == step

    again = start_worker(redis_url, tmp_path, burst=True)
    assert again.wait(timeout=300) == 0
    done = queue.status(job.id)
    assert done.state == "done", done.message
    assert done.ok == done.done == done.total == 4 * PART
    with zipfile.ZipFile(queue.store.result_path(done)) as archive:
        names = archive.namelist()
        documents = [n for n in names if n.endswith(".docx")]
        assert len(names) == len(set(names))  # each unit's document once
        assert len(documents) == 4 * PART
        assert all(malformed_parts(archive.read(n)) == {} for n in documents[:: PART // 2])
        manifest = archive.read("manifest.csv").decode("utf-8-sig")
        assert manifest.count("Xã Thử Nghiệm") == 4 * PART
    assert list(queue.store.folder(job.id).rglob("*.part")) == []  # the dead worker's half part is gone


def test_a_starting_worker_runs_the_lost_part_again(tmp_path, redis, redis_url):
    queue = RedisQueue(JobStore(tmp_path), redis_url)
    job = submit_many(queue, 2 * PART)
    killed = kill_mid_part(start_worker(redis_url, tmp_path), queue.store.folder(job.id) / "parts")
    # nobody polls the job: the next worker finds the lost part when it starts
    again = start_worker(redis_url, tmp_path, burst=True)
    assert again.wait(timeout=300) == 0
    assert redis.hget(f"docgen:attempts:{job.id}", f"part-{killed}") == b"2"
    done = queue.status(job.id)
    assert done.state == "done" and done.ok == 2 * PART, done.message
    with zipfile.ZipFile(queue.store.result_path(done)) as archive:
        documents = [n for n in archive.namelist() if n.endswith(".docx")]
    assert len(documents) == len(set(documents)) == 2 * PART


def test_a_work_horse_killed_alone_is_run_again_by_the_same_worker(tmp_path, redis, redis_url):
    queue = RedisQueue(JobStore(tmp_path), redis_url)
    job = submit_many(queue, 2 * PART)
    worker = start_worker(redis_url, tmp_path)
    try:
        killed = kill_mid_part(worker, queue.store.folder(job.id) / "parts", horse_only=True)
        def ended():  # the poll finds the part failed and runs it again
            assert worker.poll() is None, "the worker stopped"
            return (status := queue.status(job.id)).state != "running" and status

        status = wait_until(ended, 300, "the job is still running", every=0.1)
        assert status.state == "done" and status.ok == 2 * PART, status.message
        assert redis.hget(f"docgen:attempts:{job.id}", f"part-{killed}") == b"2"
    finally:
        kill_with_children(worker)


def test_part_lost_again_and_again_fails_the_job_with_a_message(tmp_path, redis, redis_url):
    queue = RedisQueue(JobStore(tmp_path), redis_url)
    job = submit_many(queue, 3 * PART)
    parts = queue.store.folder(job.id) / "parts"
    for index in range(3):  # as if every part had been lost twice already
        redis.hset(f"docgen:attempts:{job.id}", f"part-{index}", work.ATTEMPTS - 1)
    worker = start_worker(redis_url, tmp_path)
    killed = kill_mid_part(worker, parts)

    failed = queue.status(job.id)
    assert failed.state == "failed"
    first = 2 + killed * PART  # the sheet's rows, after its header
    assert failed.message.startswith(
        f"Máy tạo văn bản bị dừng đột ngột ở phần {killed + 1} của lô "
        f"({PART} đơn vị, nằm trong các dòng {first}–{first + PART - 1}), đã thử {work.ATTEMPTS} lần nên lô đã dừng")
    assert "Tệp đã tải lên vẫn được giữ" in failed.message
    assert failed.done == complete_part_units(parts) < failed.total

    # the parts still queued see the failure and stop; no ZIP is ever made
    again = start_worker(redis_url, tmp_path, burst=True)
    assert again.wait(timeout=300) == 0
    assert queue.status(job.id).state == "failed"
    assert not queue.store.result_path(job).exists()
    assert queue.store.inputs(job)[1].read_bytes() == many_units(3 * PART)


# --- the web app: Redis stopped, jobs folder unwritable, disk full ----------------------


@contextmanager
def live_app(config: dict):
    """The app under waitress on a free loopback port, with the batch clerks."""
    from waitress import create_server

    from docgen.web import create_app

    app = create_app(config)
    add_clerks(app)
    server = create_server(app, host="127.0.0.1", port=0, threads=2)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}", app
    finally:
        server.close()
        thread.join(timeout=5)


def logged_in(base: str, username: str = "lo.an"):
    import requests

    session = requests.Session()
    token = TOKEN.search(session.get(f"{base}/login").text).group(1)
    answer = session.post(f"{base}/login", allow_redirects=False,
                          data={"username": username, "password": PASSWORD, "csrf_token": token})
    assert answer.status_code == 302
    session.csrf = TOKEN.search(session.get(f"{base}/batch").text).group(1)
    return session


def post_batch(session, base: str, kept: str = "", **files):
    return session.post(f"{base}/batch", allow_redirects=False, data={"csrf_token": session.csrf, "kept": kept},
                        files={field: (name, data) for field, (name, data) in files.items()})


def kept_token(page: str) -> str:
    return re.search(r'name="kept" value="([^"]+)"', page).group(1)


def job_folders(root: Path) -> list[Path]:
    return [p for p in root.iterdir() if p.is_dir()] if root.is_dir() else []


UPLOADS = {"template": ("mau-xa.yaml", TEMPLATE_XA.read_bytes()),
           "units": ("don-vi.csv", UNITS_CSV.read_bytes())}


def test_redis_stopped_gives_503_and_no_job_then_the_kept_uploads_run(tmp_path):
    from redis import Redis
    from rq import SimpleWorker

    port = free_port()
    redis = redis_server(port, tmp_path)
    url = f"redis://127.0.0.1:{port}/0"
    jobs = tmp_path / "jobs"
    config = {"JOBS_DIR": jobs, "REDIS_URL": url, "SECRET_KEY": SECRET_KEY,
              "DATABASE_URL": f"sqlite:///{tmp_path / 'docgen.sqlite3'}"}
    try:
        with live_app(config) as (base, _):
            clerk = logged_in(base)
            earlier = post_batch(clerk, base, **UPLOADS)  # queued while Redis was up
            assert earlier.status_code == 303
            earlier_id = earlier.headers["Location"].rstrip("/").rsplit("/", 1)[1]

            redis.terminate()
            redis.wait(timeout=10)
            answer = post_batch(clerk, base, **UPLOADS)
            assert answer.status_code == 503
            assert answer.headers["Retry-After"] == "60"
            assert "Hàng đợi tạo văn bản (Redis) đang không trả lời nên chưa tạo được lô" in answer.text
            assert "Đã giữ tệp: mau-xa.yaml" in answer.text and "Đã giữ tệp: don-vi.csv" in answer.text
            assert [p.name for p in job_folders(jobs)] == [earlier_id]  # no job that would never run
            # the page and the status of the earlier job still answer
            status = clerk.get(f"{base}/api/batch/{earlier_id}")
            assert status.status_code == 200 and status.json()["state"] == "queued"
            assert clerk.get(f"{base}/batch").status_code == 200

            redis = redis_server(port, tmp_path)  # Redis is back (empty: nothing was kept)
            retry = post_batch(clerk, base, kept=kept_token(answer.text))
            assert retry.status_code == 303
            job_id = retry.headers["Location"].rstrip("/").rsplit("/", 1)[1]
            connection = Redis.from_url(url)
            SimpleWorker([QUEUE_NAME], connection=connection).work(burst=True)
            status = clerk.get(f"{base}/api/batch/{job_id}").json()
            assert status["state"] == "done" and status["ok"] == 4, status
            archive = zipfile.ZipFile(io.BytesIO(clerk.get(base + status["download"]).content))
            assert sum(n.endswith(".docx") for n in archive.namelist()) == 4
    finally:
        redis.terminate()
        redis.wait(timeout=10)


def test_unwritable_jobs_folder_gives_503_and_keeps_the_uploads(tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the jobs folder's parent should be")  # root can write anywhere else
    jobs = blocker / "jobs"
    config = {"JOBS_DIR": jobs, "SECRET_KEY": SECRET_KEY, "DATABASE_URL": f"sqlite:///{tmp_path / 'docgen.sqlite3'}"}
    with live_app(config) as (base, _):
        clerk = logged_in(base)
        assert clerk.get(f"{base}/batch").status_code == 200
        answer = post_batch(clerk, base, **UPLOADS)
        assert answer.status_code == 503
        assert "Máy chủ không ghi được vào thư mục lưu lô nên chưa tạo được lô" in answer.text
        assert "Đã giữ tệp: mau-xa.yaml" in answer.text and "Đã giữ tệp: don-vi.csv" in answer.text

        blocker.unlink()  # the administrator fixes the folder; nothing is uploaded again
        retry = post_batch(clerk, base, kept=kept_token(answer.text))
        assert retry.status_code == 303
        job_id = retry.headers["Location"].rstrip("/").rsplit("/", 1)[1]
        status = wait_until(
            lambda: (answer := clerk.get(f"{base}/api/batch/{job_id}").json())["state"] in ("done", "failed")
            and answer, 60, "the batch did not finish")
        assert status["state"] == "done" and status["ok"] == 4


def test_full_disk_gives_507_leaves_no_half_job_and_keeps_the_uploads(tmp_path, monkeypatch):
    from docgen.web import create_app

    app = create_app({"TESTING": True, "SECRET_KEY": SECRET_KEY, "JOBS_DIR": tmp_path / "jobs",
                      "DATABASE_URL": f"sqlite:///{tmp_path / 'docgen.sqlite3'}"})
    add_clerks(app)
    clerk = Clerk(app, "lo.an")
    written = []

    def disk_full(path, data):
        if written:  # the first upload fits, the second does not
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(path)
        path.write_bytes(data)

    monkeypatch.setattr(job_store, "_write_synced", disk_full)
    data = {"csrf_token": clerk.token, "template": (io.BytesIO(UPLOADS["template"][1]), "mau-xa.yaml"),
            "units": (io.BytesIO(UPLOADS["units"][1]), "don-vi.csv")}
    answer = clerk.client.post("/batch", data=data, content_type="multipart/form-data")
    assert answer.status_code == 507
    page = answer.get_data(as_text=True)
    assert "Máy chủ đã hết chỗ lưu nên chưa tạo được lô. Các tệp đã tải lên vẫn được giữ" in page
    assert "Đã giữ tệp: mau-xa.yaml" in page and "Đã giữ tệp: don-vi.csv" in page
    root = Path(app.config["JOBS_DIR"])
    assert written and job_folders(root) == []  # the half-written job was removed

    monkeypatch.undo()
    retry = clerk.client.post("/batch", data={"csrf_token": clerk.token, "kept": kept_token(page)},
                              content_type="multipart/form-data")
    assert retry.status_code == 303
    assert len(job_folders(root)) == 1
