"""Batch jobs: the in-process queue, and RQ on a real Redis server with a
batch split into parts that several workers share."""

from __future__ import annotations

import zipfile


from docgen.word import document_text, malformed_parts
from docgen.jobs import work
from docgen.jobs.queues import QUEUE_NAME, LocalQueue, RedisQueue
from docgen.jobs.store import JobStore

from ..batch.helpers import TEMPLATE_XA, UNITS_CSV
from ..web.batch_accounts import Clerk, add_clerks
from ..waiting import wait_until


def get_user_by_name(username: str):
    from sqlalchemy import select

    from docgen.storage.models import User
    from docgen.web.database import database

    return database().scalar(select(User).where(User.username == username))


def submit(queue, units: bytes | None = None, unit_id: int | None = None):
    job = queue.store.create(TEMPLATE_XA.name, TEMPLATE_XA.read_bytes(),
                             UNITS_CSV.name, units if units is not None else UNITS_CSV.read_bytes(),
                             unit_id=unit_id)
    queue.submit(job)
    return job


def wait_done(queue, job_id, seconds=60):
    return wait_until(lambda: (job := queue.status(job_id)).state in ("done", "failed") and job,
                      seconds, lambda: f"job {job_id} still {queue.status(job_id).state}")


def zip_documents(path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def unit_names() -> list[str]:
    lines = UNITS_CSV.read_text(encoding="utf-8-sig").splitlines()[1:]
    return [line.split(",")[0] for line in lines if line.strip()]


def test_local_queue_runs_a_batch(tmp_path):
    queue = LocalQueue(JobStore(tmp_path))
    job = wait_done(queue, submit(queue).id)
    assert job.state == "done", job.message
    assert job.ok == job.total == len(unit_names()) and job.invalid == 0
    assert job.message == "Đã tạo 4 văn bản; không văn bản nào có lỗi hay cảnh báo khi kiểm tra."
    files = zip_documents(queue.store.result_path(job))
    assert "manifest.csv" in files
    docs = {n: b for n, b in files.items() if n.endswith(".docx")}
    assert len(docs) == len(unit_names())
    text = document_text(docs["Xa-Loc-Tan.docx"])
    assert "XÃ LỘC TẤN" in text and "Lê Văn Tâm" in text
    assert all(malformed_parts(b) == {} for b in docs.values())


def test_local_queue_reports_unusable_inputs(tmp_path):
    queue = LocalQueue(JobStore(tmp_path))
    job = wait_done(queue, submit(queue, units="Tên đơn vị\n".encode()).id)
    assert job.state == "failed"
    assert "don_vi_mau.csv" in job.message


def test_local_queue_resumes_jobs_left_by_a_stopped_process(tmp_path):
    store = JobStore(tmp_path)
    job = store.create(TEMPLATE_XA.name, TEMPLATE_XA.read_bytes(), UNITS_CSV.name, UNITS_CSV.read_bytes())
    job.state, job.done = "running", 3  # the process died mid-way
    store.save(job)
    queue = LocalQueue(JobStore(tmp_path))  # a new web process
    assert wait_done(queue, job.id).state == "done"


def test_only_the_housekeeping_queue_resumes_jobs(tmp_path):
    """`docgen serve --workers N`: the other workers leave unfinished jobs to
    the first one, so no job runs twice."""
    store = JobStore(tmp_path)
    job = store.create(TEMPLATE_XA.name, TEMPLATE_XA.read_bytes(), UNITS_CSV.name, UNITS_CSV.read_bytes())
    job.state, job.done = "running", 3
    store.save(job)
    idle = LocalQueue(JobStore(tmp_path), housekeeping=False)
    idle._executor.shutdown(wait=True)  # whatever it had been given has run (resuming is queued at once)
    left = store.get(job.id)
    assert (left.state, left.done) == ("running", 3)
    assert wait_done(LocalQueue(JobStore(tmp_path)), job.id).state == "done"


def test_rq_splits_a_batch_into_parts_and_matches_a_local_run(tmp_path, redis, redis_url, monkeypatch):
    from rq import SimpleWorker

    monkeypatch.setattr(work, "PART_SIZE", 2)  # the sample table in parts of two units
    remote = RedisQueue(JobStore(tmp_path / "rq"), redis_url)
    job = submit(remote)
    assert remote.status(job.id).state == "queued"
    assert remote.queue.count == 1
    # one worker drains the queue: prepare, three parts, assemble
    SimpleWorker([QUEUE_NAME], connection=redis).work(burst=True)
    done = remote.status(job.id)
    assert done.state == "done", done.message
    parts = sorted(p.name for p in (remote.store.folder(job.id) / "parts").glob("*.zip"))
    count = -(-len(unit_names()) // 2)
    assert count >= 2 and parts == [f"{i}.zip" for i in range(count)]

    local = LocalQueue(JobStore(tmp_path / "local"))
    reference = wait_done(local, submit(local).id)
    ours = zip_documents(remote.store.result_path(done))
    theirs = zip_documents(local.store.result_path(reference))
    assert ours.keys() == theirs.keys()
    assert list(ours) == list(theirs)  # same order: Vietnamese order of units
    assert ours["manifest.csv"] == theirs["manifest.csv"]
    for name in ours:
        if name.endswith(".docx"):
            assert ours[name] == theirs[name]


def test_rq_job_survives_a_restart_of_the_web_process(tmp_path, redis, redis_url):
    from rq import SimpleWorker

    from docgen.web import create_app

    config = {"TESTING": True, "SECRET_KEY": "x", "JOBS_DIR": tmp_path / "jobs", "REDIS_URL": redis_url,
              "DATABASE_URL": f"sqlite:///{tmp_path / 'docgen.sqlite3'}"}
    first = create_app(config)
    add_clerks(first)
    with first.app_context():
        unit_id = get_user_by_name("lo.an").unit_id
    queue = first.extensions["docgen.jobs"]
    job = submit(queue, unit_id=unit_id)
    del first, queue  # the web process stops before any worker ran
    second = create_app(config)  # and starts again
    SimpleWorker([QUEUE_NAME], connection=redis).work(burst=True)
    answer = Clerk(second, "lo.an").get(f"/api/batch/{job.id}").get_json()
    assert answer["state"] == "done" and answer["done"] == answer["total"] == len(unit_names())
    assert answer["download"].endswith("/plans.zip")


def test_rq_part_over_a_limit_fails_the_job_naming_the_unit(tmp_path, redis, redis_url, monkeypatch):
    from rq import SimpleWorker

    monkeypatch.setattr(work, "PART_SIZE", 2)
    remote = RedisQueue(JobStore(tmp_path), redis_url)
    template = TEMPLATE_XA.read_text(encoding="utf-8").replace(
        "{{ chi_tieu }}", '{{ "a" * 200000000 }}{{ chi_tieu }}', 1).encode("utf-8")
    job = remote.store.create(TEMPLATE_XA.name, template, UNITS_CSV.name, UNITS_CSV.read_bytes())
    remote.submit(job)
    SimpleWorker([QUEUE_NAME], connection=redis).work(burst=True)  # prepare, parts, assemble
    failed = remote.status(job.id)
    assert failed.state == "failed"
    assert failed.message.startswith("Đơn vị “Thị trấn Lộc Ninh” (dòng 4): chỗ điền ở")
    assert "tạo ra chuỗi dài 200.000.000 ký tự" in failed.message
    assert not remote.store.result_path(job).exists()  # assemble saw the failure and stopped
