"""A batch through Redis restarted mid-way, as the fault report did it:
3,000 units in parts of 400 on RQ, one `docgen worker`, and Redis (no
persistence, so it comes back empty) stopped and started again once
RESTART_AT units are rendered. Prints when the restart happened, when the
batch ended and how long after the restart, and the same batch's time
without a restart (``--no-baseline`` skips it). Checks that the ZIP holds
each unit's document once. Nobody polls the job's page: the worker alone
finds what Redis lost. Redis and the worker are private, on loopback, and
stopped at the end. Timings are printed, never asserted.

    .venv/bin/python bench/redis_restart.py                    # 3,000 units, restart at 400
    .venv/bin/python bench/redis_restart.py --units 1000 --restart-at 200 --down 5
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.jobs.queues import RedisQueue  # noqa: E402
from docgen.jobs.store import JobStore  # noqa: E402

TEMPLATE = ROOT / "samples" / "batch" / "template_xa.yaml"
HEADER = "Tên đơn vị,Cơ quan chủ quản,Người ký,Chức vụ ký,Chỉ tiêu,Đã thực hiện,Số hộ dân"


def units_csv(count: int) -> bytes:
    rows = [HEADER] + [f"Xã Thử Nghiệm {i:04d},UBND TỈNH ĐỒNG THÁP,Nguyễn Văn An,"
                       f"TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH,{1000 + i},{300 + i},{2000 + i}"
                       for i in range(1, count + 1)]
    return ("\n".join(rows) + "\n").encode("utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_redis(port: int, folder: Path) -> subprocess.Popen:
    process = subprocess.Popen([shutil.which("redis-server") or "redis-server", "--port", str(port),
                                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from redis import Redis

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if Redis(port=port).ping():
                return process
        except Exception:
            time.sleep(0.05)
    raise SystemExit("redis-server did not start")


def units_done(parts: Path) -> int:
    """Units of the complete parts (their documents are on disk)."""
    total = 0
    for summary in parts.glob("*.json") if parts.is_dir() else ():
        if summary.name != "layout.json":
            try:
                total += len(json.loads(summary.read_text(encoding="utf-8"))["entries"])
            except (OSError, ValueError):
                pass
    return total


def one_batch(units: int, restart_at: int | None, down: float, part_size: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-redis-restart-") as folder:
        folder = Path(folder)
        port = free_port()
        redis = start_redis(port, folder)
        url = f"redis://127.0.0.1:{port}/0"
        queue = RedisQueue(JobStore(folder / "jobs"), url)
        env = dict(os.environ, PYTHONPATH=str(ROOT), DOCGEN_BATCH_PART_SIZE=str(part_size))
        log = (folder / "worker.log").open("wb")
        worker = subprocess.Popen([sys.executable, "-m", "docgen.cli", "worker", "--redis-url", url,
                                   "--jobs-dir", str(folder / "jobs")], env=env, cwd=ROOT,
                                  start_new_session=True, stdout=log, stderr=log)
        try:
            time.sleep(2)  # the worker's start is not the batch's time
            job = queue.store.create(TEMPLATE.name, TEMPLATE.read_bytes(), "don-vi.csv", units_csv(units))
            started = time.monotonic()
            queue.submit(job)
            parts = queue.store.folder(job.id) / "parts"
            restarted = None
            while True:
                state = queue.store.get(job.id)  # the folder, not the page: nobody polls
                if state.state in ("done", "failed"):
                    break
                if restart_at is not None and restarted is None and units_done(parts) >= restart_at:
                    at = units_done(parts)
                    redis.terminate()
                    redis.wait(timeout=10)
                    time.sleep(down)
                    redis = start_redis(port, folder)
                    restarted = time.monotonic()
                    print(f"  Redis restarted at {at}/{units} units, {restarted - started:.1f} s in, "
                          f"down {down:g} s; it came back empty")
                if worker.poll() is not None:
                    raise SystemExit(f"docgen worker stopped (exit {worker.returncode}); see its log")
                if time.monotonic() - started > 3600:
                    raise SystemExit("the batch did not end within an hour")
                time.sleep(0.1)
            ended = time.monotonic()
            with zipfile.ZipFile(queue.store.result_path(state)) as archive:
                documents = [n for n in archive.namelist() if n.endswith(".docx")]
            return {"state": state.state, "ok": state.ok, "seconds": ended - started,
                    "after_restart": ended - restarted if restarted else None,
                    "documents": len(documents), "unique": len(set(documents)),
                    "worker_alive": worker.poll() is None,
                    "reconnected": b"starting it again" in (folder / "worker.log").read_bytes()
                    or b"registered again" in (folder / "worker.log").read_bytes()}
        finally:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                try:
                    worker.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    os.killpg(worker.pid, signal.SIGKILL)
            log.close()
            redis.terminate()
            redis.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=3000)
    parser.add_argument("--restart-at", type=int, default=400)
    parser.add_argument("--down", type=float, default=1.0, help="seconds Redis stays down")
    parser.add_argument("--part-size", type=int, default=400)
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    print(f"{args.units} units in parts of {args.part_size}, one docgen worker")
    runs = [("Redis restarted", args.restart_at)] + ([] if args.no_baseline else [("no restart", None)])
    for label, restart_at in runs:
        result = one_batch(args.units, restart_at, args.down, args.part_size)
        line = (f"{label:16s} {result['state']}, {result['ok']} documents ({result['unique']} distinct names "
                f"of {result['documents']} in the ZIP) in {result['seconds']:.1f} s")
        if result["after_restart"] is not None:
            line += (f", {result['after_restart']:.1f} s after the restart; worker alive: "
                     f"{result['worker_alive']}, saw Redis come back: {result['reconnected']}")
        print(line)


if __name__ == "__main__":
    main()
