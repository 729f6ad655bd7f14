"""Latency of POST /api/render under `docgen serve` (waitress).

Starts the production server on a free loopback port, posts the seed-002
sample plan as JSON a bounded number of times from a few concurrent clients
(each with its own keep-alive connection), checks every answer is a .docx,
and prints the median and 95th percentile latency and the throughput.

    python bench/render_latency.py                 # 200 requests, 4 clients
    python bench/render_latency.py -n 500 -c 8
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from processes import free_port  # bench/processes.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"
MAX_REQUESTS = 5000


def wait_until_up(port: int, server: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"docgen serve exited with status {server.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/samples")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("docgen serve did not answer within 30 s")


def plan_json() -> bytes:
    sys.path.insert(0, str(ROOT))
    from docgen.plan.files import load_plan
    from docgen.web.plans import editable_data

    return json.dumps(editable_data(load_plan(SAMPLE)), ensure_ascii=False).encode("utf-8")


def run(port: int, body: bytes, requests: int, clients: int) -> tuple[list[float], float]:
    local = threading.local()

    def one(_: int) -> float:
        if not hasattr(local, "connection"):
            local.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        started = time.perf_counter()
        local.connection.request("POST", "/api/render", body=body,
                                 headers={"Content-Type": "application/json"})
        response = local.connection.getresponse()
        data = response.read()
        elapsed = time.perf_counter() - started
        if response.status != 200 or not data.startswith(b"PK"):
            raise RuntimeError(f"bad answer {response.status}: {data[:200]!r}")
        return elapsed

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(one, range(clients * 2)))  # warm up every connection and thread
        started = time.perf_counter()
        latencies = list(pool.map(one, range(requests)))
        wall = time.perf_counter() - started
    return latencies, wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--requests", type=int, default=200)
    parser.add_argument("-c", "--clients", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    args = parser.parse_args()
    requests = max(1, min(args.requests, MAX_REQUESTS))

    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "docgen.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--threads", str(args.threads)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT), "DOCGEN_SECRET_KEY": secrets.token_hex(32),
             "DOCGEN_INSECURE_COOKIES": "1"},
    )
    try:
        wait_until_up(port, server)
        body = plan_json()
        latencies, wall = run(port, body, requests, args.clients)
    finally:
        server.terminate()
        server.wait(timeout=10)

    ms = sorted(x * 1000 for x in latencies)
    p95 = statistics.quantiles(ms, n=100, method="inclusive")[94] if len(ms) > 1 else ms[0]
    print(f"POST /api/render, seed 002 ({len(body) / 1024:.0f} KB JSON -> .docx), "
          f"{requests} requests, {args.clients} clients, waitress {args.threads} threads, "
          f"{os.cpu_count()} CPUs")
    print(f"median {statistics.median(ms):.1f} ms   p95 {p95:.1f} ms   "
          f"min {ms[0]:.1f} ms   max {ms[-1]:.1f} ms")
    print(f"throughput {requests / wall:.1f} requests/s ({wall:.2f} s wall)")


if __name__ == "__main__":
    main()
