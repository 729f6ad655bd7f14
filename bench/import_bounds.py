"""The wide-table Word file (0.6 MB, one table of a million cells, every part
compressed less than the ZIP checks allow) before and after the parsing
budget, and what ten of them at once do to other users.

Before: the file imported the way ``/api/import`` did it, in the process that
serves (here a separate Python process, with ``docgen.word.ContentLimits``
lifted so nothing refuses it early): CPU seconds, wall seconds, the growth of
its resident memory at the peak and what it keeps afterwards.

After: ``docgen serve`` (waitress, 8 threads) on a free loopback port with a
fresh SQLite database:

1. one upload of the file to ``/api/import``: the answer (413 and its
   Vietnamese message), its time, the growth of the server's resident memory
   (peak and kept) and the largest private memory of the worker process the
   server forked for it;
2. ten uploads at once while another client asks for the editor's preview
   of sample 002 (``/api/preview``) and the start page over and over: the
   answers of the ten (413 refused by the reader, 503 when the parsing
   workers and their waiting room are full) and the latency of the other
   client's requests (median, max).

Figures are printed, never asserted. Traffic goes to 127.0.0.1 only.

    .venv/bin/python bench/import_bounds.py
    .venv/bin/python bench/import_bounds.py --skip-before      # the server part only
    .venv/bin/python bench/import_bounds.py --parse-workers 2  # DOCGEN_PARSE_WORKERS
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from processes import free_port, process_tree, rss_kb  # bench/processes.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.bombs import wide_table_docx  # noqa: E402

SAMPLE = ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"
PARALLEL = 10

BEFORE = r"""
import json, resource, sys, time
from docgen.word import package
package.CONTENT_LIMITS = package.ContentLimits(*(10**12,) * 5)
from docgen.web.imports import import_file

def rss_mb():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("VmRSS:")) / 1024

data = open(sys.argv[1], "rb").read()
start = rss_mb()
cpu, wall = time.process_time(), time.perf_counter()
try:
    imported = import_file("bang-rong.docx", data)
    outcome = "đọc xong: " + imported.summary
except Exception as error:
    outcome = f"{type(error).__name__}: {str(error)[:100]}"
print(json.dumps({"cpu": time.process_time() - cpu, "wall": time.perf_counter() - wall,
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - start,
                  "kept": rss_mb() - start, "outcome": outcome}))
"""


def before(path: Path) -> None:
    print("Trước (bộ đọc không giới hạn, chạy ngay trong tiến trình phục vụ):", flush=True)
    result = subprocess.run([sys.executable, "-c", BEFORE, str(path)], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=1800)
    if result.returncode != 0:
        print(f"  tiến trình kết thúc với mã {result.returncode}: {result.stderr[-500:]}")
        return
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"  {figures['cpu']:.1f} s CPU, {figures['wall']:.1f} s, bộ nhớ tăng {figures['peak']:.0f} MB "
          f"(đỉnh), còn giữ {figures['kept']:.0f} MB; {figures['outcome']}")


def start_server(folder: Path, parse_workers: int | None) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": f"sqlite:///{folder / 'docgen.sqlite3'}",
           "DOCGEN_SECRET_KEY": secrets.token_hex(32), "DOCGEN_INSECURE_COOKIES": "1",
           "DOCGEN_JOBS_DIR": str(folder / "jobs")}
    if parse_workers:
        env["DOCGEN_PARSE_WORKERS"] = str(parse_workers)
    docgen = [sys.executable, "-m", "docgen.cli"]
    subprocess.run([*docgen, "db", "upgrade"], env=env, check=True, capture_output=True, cwd=ROOT)
    port = free_port()
    server = subprocess.Popen([*docgen, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"docgen serve exited with status {server.returncode}")
        try:
            if requests.get(f"{url}/api/samples", timeout=2).status_code == 200:
                return server, url
        except requests.RequestException:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("docgen serve did not answer within 60 s")


def private_kb(pid: int) -> int:
    """Memory of its own (not shared with the server it was forked from)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            return sum(int(line.split()[1]) for line in rollup if line.startswith(("Private_Clean:", "Private_Dirty:")))
    except OSError:
        return 0


class Watch:
    """The server's resident memory and its workers' private memory,
    sampled every 5 ms while a block runs."""

    def __init__(self, pid: int):
        self.pid, self.peak_rss, self.peak_worker = pid, 0, 0
        self._stop = threading.Event()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_rss = max(self.peak_rss, rss_kb(self.pid))
            for child in process_tree(self.pid)[1:]:
                self.peak_worker = max(self.peak_worker, private_kb(child))
            time.sleep(0.005)

    def __enter__(self) -> Watch:
        self.start_rss = rss_kb(self.pid)
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


def session(url: str) -> requests.Session:
    client = requests.Session()
    client.headers["X-CSRF-Token"] = client.get(f"{url}/api/csrf-token", timeout=30).json()["token"]
    return client


def upload(url: str, data: bytes) -> tuple[int, str, float]:
    client = session(url)
    began = time.perf_counter()
    response = client.post(f"{url}/api/import", files={"file": ("bang-rong.docx", data)}, timeout=300)
    took = time.perf_counter() - began
    return response.status_code, response.json()["errors"][0]["message"], took


def after(data: bytes, parse_workers: int | None) -> None:
    from docgen.plan.files import load_plan
    from docgen.web.plans import editable_data

    plan = editable_data(load_plan(SAMPLE))
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as folder:
        server, url = start_server(Path(folder), parse_workers)
        try:
            other, pages = requests.Session(), requests.Session()  # a script's API calls carry no cookie
            for _ in range(3):  # warm up: the preview and the import path once each
                other.post(f"{url}/api/preview", json=plan, timeout=60)
                session(url).post(f"{url}/api/import", json={"text": "KẾ HOẠCH\nI. MỤC ĐÍCH"}, timeout=60)
            print(f"Sau (docgen serve, 8 luồng{', ' + str(parse_workers) + ' tiến trình đọc' if parse_workers else ''}):")
            with Watch(server.pid) as watch:
                status, message, took = upload(url, data)
            time.sleep(0.5)
            kept = rss_kb(server.pid) - watch.start_rss
            print(f"  một tệp: {status} sau {took:.2f} s; máy chủ tăng {(watch.peak_rss - watch.start_rss) / 1024:.1f} MB "
                  f"(đỉnh), còn giữ {kept / 1024:.1f} MB; tiến trình đọc dùng riêng tối đa "
                  f"{watch.peak_worker / 1024:.1f} MB")
            print(f"  lời báo: “{message}”")

            answers: list[tuple[int, str, float]] = []
            latencies: dict[str, list[float]] = {"preview": [], "start": []}
            done = threading.Event()

            def attacker() -> None:
                answers.append(upload(url, data))

            def user() -> None:
                while not done.is_set():
                    for kind, call in (("preview", lambda: other.post(f"{url}/api/preview", json=plan, timeout=60)),
                                       ("start", lambda: pages.get(f"{url}/", timeout=60))):
                        began = time.perf_counter()
                        status = call().status_code
                        latencies[kind].append(time.perf_counter() - began)
                        if status != 200:
                            raise SystemExit(f"{kind} answered {status}")

            watcher = threading.Thread(target=user)
            watcher.start()
            time.sleep(0.5)
            attackers = [threading.Thread(target=attacker) for _ in range(PARALLEL)]
            began = time.perf_counter()
            with Watch(server.pid) as watch:
                for thread in attackers:
                    thread.start()
                for thread in attackers:
                    thread.join()
            spent = time.perf_counter() - began
            time.sleep(0.5)
            done.set()
            watcher.join()
            counts: dict[int, int] = {}
            for status, _, _ in answers:
                counts[status] = counts.get(status, 0) + 1
            print(f"  {PARALLEL} tệp cùng lúc: xong sau {spent:.2f} s; trả lời "
                  + ", ".join(f"{count} × {status}" for status, count in sorted(counts.items()))
                  + f"; chậm nhất {max(t for _, _, t in answers):.2f} s; máy chủ tăng "
                    f"{(watch.peak_rss - watch.start_rss) / 1024:.1f} MB (đỉnh)")
            for kind, times in latencies.items():
                print(f"  người dùng khác, {kind}: {len(times)} yêu cầu, trung vị {statistics.median(times) * 1000:.0f} ms, "
                      f"chậm nhất {max(times) * 1000:.0f} ms")
        finally:
            server.terminate()
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-before", action="store_true", help="only the server part")
    parser.add_argument("--parse-workers", type=int, default=None, help="DOCGEN_PARSE_WORKERS of the server")
    args = parser.parse_args()
    data = wide_table_docx()
    print(f"Tệp: {len(data) / 1024:.0f} KB, một bảng 5.000 cột × 200 dòng (1.000.000 ô)", flush=True)
    with tempfile.NamedTemporaryFile(suffix=".docx") as file:
        file.write(data)
        file.flush()
        if not args.skip_before:
            before(Path(file.name))
    after(data, args.parse_workers)


if __name__ == "__main__":
    main()
