"""Load on the web app: many clients for a while, a realistic mix.

Starts `docgen serve` (waitress) on a free loopback port with a fresh SQLite
database and two accounts of one unit (a drafter and a signing officer),
warms it up, then runs CLIENTS concurrent clients for SECONDS seconds. Each
client keeps its own keep-alive connection and picks requests in this mix:

    30 %  POST /api/preview     (seed 002, the editor's live preview)
    20 %  POST /api/render      (seed 002 -> .docx)
    20 %  POST /api/validate
    15 %  POST /api/drafts/D/versions   (a drafter saves; a conflict 409 is a normal answer)
    10 %  GET  /drafts/D/review          (the signing officer's review page)
     5 %  GET  /                         (the start page)

It prints throughput, p50/p95/p99 per kind and overall, the errors (any
answer other than the expected status, or a broken connection), and the
server's resident memory (RSS) after warm-up and at the end. Traffic goes to
127.0.0.1 only; the run is bounded in time and in requests.

    .venv/bin/python bench/load.py                       # 50 clients, 60 s
    .venv/bin/python bench/load.py --clients 5 --seconds 3   # the short form CI runs
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"
MAX_REQUESTS = 200_000
MIX = (("preview", 30), ("render", 20), ("validate", 20), ("save", 15), ("review", 10), ("start", 5))
PASSWORD = "mat-khau-do-tai-" + "x" * 8


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def plan_data() -> dict:
    sys.path.insert(0, str(ROOT))
    from docgen.plan_io import load_plan
    from docgen.web.plans import editable_data

    return editable_data(load_plan(SAMPLE))


class Client:
    """One keep-alive connection with its own cookies and CSRF token."""

    def __init__(self, port: int):
        self.port = port
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}
        self.token: str | None = None

    def request(self, method: str, path: str, body: bytes | None = None,
                content_type: str | None = None) -> tuple[int, bytes]:
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.token and method != "GET":
            headers["X-CSRF-Token"] = self.token
        try:
            self.connection.request(method, path, body=body, headers=headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            raise
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, data

    def login(self, username: str) -> None:
        status, page = self.request("GET", "/login")
        token = re.search(rb'name="csrf_token" value="([^"]+)"', page)
        form = f"username={username}&password={PASSWORD}"
        if token:
            form += f"&csrf_token={token.group(1).decode()}"
        status, _ = self.request("POST", "/login", form.encode(), "application/x-www-form-urlencoded")
        if status != 302:
            raise SystemExit(f"login as {username} answered {status}")
        status, data = self.request("GET", "/api/csrf-token")
        self.token = json.loads(data)["token"] if status == 200 else None


def start_server(folder: Path, threads: int) -> tuple[subprocess.Popen, int]:
    database = f"sqlite:///{folder / 'docgen.sqlite3'}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": database,
           "DOCGEN_SECRET_KEY": secrets.token_hex(32), "DOCGEN_INSECURE_COOKIES": "1",
           "DOCGEN_JOBS_DIR": str(folder / "jobs")}
    docgen = [sys.executable, "-m", "docgen.cli"]
    subprocess.run([*docgen, "db", "upgrade"], env=env, check=True, capture_output=True)
    for username, role in (("chuyenvien", "drafter"), ("lanhdao", "signer")):
        subprocess.run([*docgen, "users", "add", username, "--name", username, "--role", role,
                        "--unit", "UBND tỉnh Gia Lai", "--password-stdin"],
                       input=PASSWORD + "\n", text=True, env=env, check=True, capture_output=True)
    port = free_port()
    server = subprocess.Popen([*docgen, "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--threads", str(threads)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"docgen serve exited with status {server.returncode}")
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/api/samples")
            if probe.getresponse().status == 200:
                return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("docgen serve did not answer within 60 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--clients", type=int, default=50)
    parser.add_argument("-s", "--seconds", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=8, help="waitress worker threads")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    clients_n = max(1, min(args.clients, 200))
    seconds = max(1.0, min(args.seconds, 600.0))

    plan = plan_data()
    plan_body = json.dumps(plan, ensure_ascii=False).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="docgen-load-") as folder:
        server, port = start_server(Path(folder), args.threads)
        try:
            drafter, signer = Client(port), Client(port)
            drafter.login("chuyenvien")
            signer.login("lanhdao")
            status, data = drafter.request("POST", "/api/drafts", json.dumps({"plan": plan}).encode(),
                                           "application/json")
            if status != 201:
                raise SystemExit(f"creating the draft answered {status}: {data[:200]!r}")
            draft = json.loads(data)
            draft_id, version = draft["id"], {"n": draft["version"]}
            cookies = {"drafter": drafter, "signer": signer}

            def one(client: Client, kind: str) -> int:
                if kind == "preview":
                    status, _ = client.request("POST", "/api/preview", plan_body, "application/json")
                    return 200 if status == 200 else -status
                if kind == "render":
                    status, data = client.request("POST", "/api/render", plan_body, "application/json")
                    return 200 if status == 200 and data.startswith(b"PK") else -status
                if kind == "validate":
                    status, _ = client.request("POST", "/api/validate", plan_body, "application/json")
                    return 200 if status == 200 else -status
                if kind == "save":
                    body = json.dumps({"plan": plan, "base_version": version["n"]}).encode()
                    status, data = client.request("POST", f"/api/drafts/{draft_id}/versions", body,
                                                  "application/json")
                    if status == 201:
                        version["n"] = max(version["n"], json.loads(data)["version"])
                    elif status == 409:
                        version["n"] = max(version["n"], json.loads(data)["latest"]["version"])
                    return 200 if status in (201, 409) else -status
                if kind == "review":
                    status, _ = client.request("GET", f"/drafts/{draft_id}/review")
                    return 200 if status == 200 else -status
                status, _ = client.request("GET", "/")
                return 200 if status == 200 else -status

            def make_client(index: int) -> Client:
                client = Client(port)
                source = cookies["drafter" if index % 2 else "signer"]
                client.cookies, client.token = dict(source.cookies), source.token
                return client

            kinds = [kind for kind, weight in MIX for _ in range(weight)]
            results: list[tuple[str, float, int]] = []
            errors: list[str] = []
            lock = threading.Lock()
            count = {"n": 0}

            def worker(index: int, until: float, record: bool) -> None:
                rng = random.Random(args.seed * 1000 + index)
                client = make_client(index)
                while time.monotonic() < until:
                    with lock:
                        if count["n"] >= MAX_REQUESTS:
                            return
                        count["n"] += 1
                    kind = rng.choice(kinds)
                    if kind == "save" and index % 2 == 0 or kind == "review" and index % 2:
                        kind = "preview"  # drafters save, signing officers review
                    started = time.perf_counter()
                    try:
                        outcome = one(client, kind)
                    except (OSError, http.client.HTTPException) as error:
                        outcome = -1
                        detail = f"{kind}: {type(error).__name__}"
                    else:
                        detail = f"{kind}: HTTP {-outcome}"
                    elapsed = time.perf_counter() - started
                    if record:
                        with lock:
                            results.append((kind, elapsed, outcome))
                            if outcome < 0:
                                errors.append(detail)

            def run(duration: float, record: bool) -> float:
                until = time.monotonic() + duration
                threads = [threading.Thread(target=worker, args=(i, until, record)) for i in range(clients_n)]
                started = time.perf_counter()
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                return time.perf_counter() - started

            run(min(5.0, seconds / 4), record=False)  # warm-up: every thread, cache and connection
            rss_start = rss_mb(server.pid)
            wall = run(seconds, record=True)
            rss_end = rss_mb(server.pid)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()

    def line(label: str, latencies: list[float]) -> str:
        ms = sorted(x * 1000 for x in latencies)
        if len(ms) < 2:
            return f"{label:<9} {len(ms):>6}"
        q = statistics.quantiles(ms, n=100, method="inclusive")
        return f"{label:<9} {len(ms):>6}   {q[49]:7.1f} {q[94]:7.1f} {q[98]:7.1f}"

    print(f"docgen serve (waitress, {args.threads} threads), {clients_n} clients for {seconds:g} s, "
          f"{os.cpu_count()} CPUs, client on the same machine")
    print(f"{'kind':<9} {'count':>6}   {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for kind, _ in MIX:
        print(line(kind, [elapsed for k, elapsed, _ in results if k == kind]))
    print(line("all", [elapsed for _, elapsed, _ in results]))
    print(f"throughput {len(results) / wall:.1f} requests/s ({len(results)} in {wall:.1f} s)")
    growth = (rss_end - rss_start) / rss_start * 100 if rss_start else float("nan")
    print(f"server RSS {rss_start:.0f} MB after warm-up, {rss_end:.0f} MB at the end ({growth:+.1f} %)")
    print(f"errors {len(errors)}" + (": " + ", ".join(sorted(set(errors))[:10]) if errors else ""))
    if errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
