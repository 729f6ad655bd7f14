"""Load on the web app: many clients for a while, a realistic mix.

Starts `docgen serve` (waitress) on a free loopback port with a fresh SQLite
database in a temporary folder and two accounts of one unit (a drafter and a
signing officer), and two drafts of seed 002: one the drafter keeps saving,
one submitted to the signing officer (with a second version, so its review
page shows what changed). It warms the server up, then runs CLIENTS
concurrent clients for SECONDS seconds. Each client keeps its own keep-alive
connection and picks requests in this mix:

    30 %  POST /api/preview     (seed 002, the editor's live preview)
    20 %  POST /api/render      (seed 002 -> .docx)
    20 %  POST /api/validate
    15 %  POST /api/drafts/D/versions   (a drafter saves; a conflict 409 is a normal answer)
    10 %  GET  /drafts/S/review          (the signing officer's review page)
     5 %  GET  /                         (the start page)

Every plan sent differs from the previous one (a counter in the subject), as
the editor's keystrokes do, so no answer can come from a cache of answers.
Half the clients are logged in as the drafter (they save), half as the
signing officer (they review); the other kinds are shared.

It prints p50/p95/p99 per kind and overall, throughput, the CPU time the
server and this client used, the errors (any answer other than the expected
status, or a broken connection; exit status 1) and the server's resident
memory (RSS, all its processes) at start, after warm-up and at the end.
Growth of more than 10 % after warm-up is a failure line (and exit status 1)
in runs of 20 s or more. Traffic goes to 127.0.0.1 only; the run is bounded
in time and in requests.

    .venv/bin/python bench/load.py                          # 50 clients, 60 s
    .venv/bin/python bench/load.py --workers 2              # docgen serve --workers 2
    .venv/bin/python bench/load.py --clients 4 --seconds 2  # the short form the tests run
    .venv/bin/python bench/load.py --app-root ../old        # another checkout's code, same load
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import resource
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from processes import free_port, process_tree, tree_rss_kb  # bench/processes.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "samples/002_gia_lai_50_ngay_dem.yaml"
MAX_REQUESTS = 500_000
MIX = (("preview", 30), ("render", 20), ("validate", 20), ("save", 15), ("review", 10), ("start", 5))
PASSWORD = "mat-khau-do-tai-" + "x" * 8
COUNTER = "0000000000"  # stands in the subject; each request writes its own number over it
RSS_LIMIT = 10.0  # % growth after warm-up
JUDGED_SECONDS = 20.0
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of the server's processes (living ones)."""
    total = 0
    for member in process_tree(pid):
        try:
            with open(f"/proc/{member}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            continue
    return total / TICKS


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def plan_data(root: Path) -> dict:
    sys.path.insert(0, str(root))
    from docgen.plan.files import load_plan
    from docgen.web.plans import editable_data

    return editable_data(load_plan(root / SAMPLE))


class Session:
    """Setup requests (login, drafts) through http.client, with cookies."""

    def __init__(self, port: int):
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
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
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

    def post_json(self, path: str, payload: dict, expect: int) -> dict:
        status, data = self.request("POST", path, json.dumps(payload).encode(), "application/json")
        if status != expect:
            raise SystemExit(f"POST {path} answered {status}: {data[:300]!r}")
        return json.loads(data)


class Connection:
    """The load's own HTTP/1.1 client: one keep-alive socket, requests sent
    as prepared bytes and answers read by Content-Length (or chunks), so the
    client costs as little CPU as possible on the machine it shares with the
    server."""

    def __init__(self, port: int, headers: bytes):
        self.port = port
        self.headers = headers  # Cookie and X-CSRF-Token lines
        self.sock: socket.socket | None = None
        self.buffer = b""

    def _connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=60)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buffer = b""
        return sock

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def request(self, method: bytes, path: bytes, body: bytes = b"") -> tuple[int, bytes]:
        head = method + b" " + path + b" HTTP/1.1\r\nHost: 127.0.0.1\r\n" + self.headers
        if body:
            head += b"Content-Type: application/json\r\nContent-Length: " + str(len(body)).encode() + b"\r\n"
        try:
            if self.sock is None:
                self.sock = self._connect()
            self.sock.sendall(head + b"\r\n" + body)
            return self._response()
        except (OSError, ValueError):
            self.close()
            raise

    def _fill(self) -> None:
        chunk = self.sock.recv(262144)
        if not chunk:
            raise ConnectionResetError("server closed the connection")
        self.buffer += chunk

    def _line(self) -> bytes:
        while (end := self.buffer.find(b"\r\n")) < 0:
            self._fill()
        line, self.buffer = self.buffer[:end], self.buffer[end + 2:]
        return line

    def _exactly(self, n: int) -> bytes:
        while len(self.buffer) < n:
            self._fill()
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def _response(self) -> tuple[int, bytes]:
        while (end := self.buffer.find(b"\r\n\r\n")) < 0:
            self._fill()
        head, self.buffer = self.buffer[:end], self.buffer[end + 4:]
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length, chunked, close = None, False, False
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                close = b"close" in value.lower()
        if chunked:
            parts = []
            while size := int(self._line().split(b";")[0], 16):
                parts.append(self._exactly(size))
                self._exactly(2)
            while self._line():  # trailers
                pass
            data = b"".join(parts)
        elif length is not None:
            data = self._exactly(length)
        else:  # read to the end
            try:
                while True:
                    self._fill()
            except ConnectionResetError:
                pass
            data, close = self.buffer, True
        if close:
            self.close()
        return status, data


def start_server(root: Path, folder: Path, threads: int, workers: int) -> tuple[subprocess.Popen, int]:
    database = f"sqlite:///{folder / 'docgen.sqlite3'}"
    env = {**os.environ, "PYTHONPATH": str(root), "DATABASE_URL": database,
           "DOCGEN_SECRET_KEY": secrets.token_hex(32), "DOCGEN_INSECURE_COOKIES": "1",
           "DOCGEN_JOBS_DIR": str(folder / "jobs")}
    docgen = [sys.executable, "-m", "docgen.cli"]
    subprocess.run([*docgen, "db", "upgrade"], env=env, check=True, capture_output=True, cwd=root)
    for username, role in (("chuyenvien", "drafter"), ("lanhdao", "signer")):
        subprocess.run([*docgen, "users", "add", username, "--name", username, "--role", role,
                        "--unit", "UBND tỉnh Gia Lai", "--password-stdin"],
                       input=PASSWORD + "\n", text=True, env=env, check=True, capture_output=True, cwd=root)
    port = free_port()
    command = [*docgen, "serve", "--host", "127.0.0.1", "--port", str(port), "--threads", str(threads)]
    if workers > 1:
        command += ["--workers", str(workers)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=root)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"docgen serve exited with status {server.returncode}")
        try:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            probe.request("GET", "/api/samples")
            if probe.getresponse().status == 200:
                probe.close()
                return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("docgen serve did not answer within 60 s")


def numbered(template: bytes, n: int) -> bytes:
    return template.replace(COUNTER.encode(), f"{n:010d}".encode(), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--clients", type=int, default=50)
    parser.add_argument("-s", "--seconds", type=float, default=60.0)
    parser.add_argument("--threads", type=int, default=8, help="waitress threads (per worker)")
    parser.add_argument("--workers", type=int, default=1, help="docgen serve --workers (processes)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--app-root", type=Path, default=ROOT,
                        help="checkout whose docgen is served (default: this one)")
    args = parser.parse_args()
    clients_n = max(1, min(args.clients, 200))
    seconds = max(1.0, min(args.seconds, 600.0))
    root = args.app_root.resolve()

    load_before = os.getloadavg()
    plan = plan_data(root)
    plan["subject"] = f"{plan['subject']} {COUNTER}"
    plan_body = json.dumps(plan, ensure_ascii=False).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="docgen-load-") as folder:
        server, port = start_server(root, Path(folder), args.threads, args.workers)
        rss_first = tree_rss_kb(server.pid) / 1024
        try:
            drafter, signer = Session(port), Session(port)
            drafter.login("chuyenvien")
            signer.login("lanhdao")
            saved = drafter.post_json("/api/drafts", {"plan": json.loads(numbered(plan_body, 0))}, 201)
            reviewed = drafter.post_json("/api/drafts", {"plan": json.loads(numbered(plan_body, 0))}, 201)
            drafter.post_json(f"/api/drafts/{reviewed['id']}/versions",
                              {"plan": json.loads(numbered(plan_body, 1)), "base_version": 1}, 201)
            status, data = drafter.request("POST", f"/drafts/{reviewed['id']}/submit")
            if status != 302:
                raise SystemExit(f"submitting draft {reviewed['id']} answered {status}: {data[:200]!r}")
            drafter.request("GET", f"/drafts/{reviewed['id']}")  # shows (and clears) the flashed notice
            version = {"n": saved["version"]}
            save_path = f"/api/drafts/{saved['id']}/versions".encode()
            review_path = f"/drafts/{reviewed['id']}/review".encode()
            save_template = (b'{"base_version": BASE, "plan": ' + plan_body + b"}")

            def headers(session: Session) -> bytes:
                cookie = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
                return f"Cookie: {cookie}\r\nX-CSRF-Token: {session.token}\r\n".encode()

            logged_in = {"drafter": headers(drafter), "signer": headers(signer)}
            counter = {"n": 1}
            lock = threading.Lock()

            def next_number() -> int:
                with lock:
                    counter["n"] += 1
                    return counter["n"]

            def one(client: Connection, kind: str) -> int:
                """200 for an expected answer, else minus the status."""
                if kind in ("preview", "render", "validate"):
                    status, data = client.request(b"POST", b"/api/" + kind.encode(),
                                                  numbered(plan_body, next_number()))
                    ok = status == 200 and (kind != "render" or data.startswith(b"PK"))
                    return 200 if ok else -status
                if kind == "save":
                    body = numbered(save_template.replace(b"BASE", str(version["n"]).encode(), 1),
                                    next_number())
                    status, data = client.request(b"POST", save_path, body)
                    if status == 201:
                        number = json.loads(data)["version"]
                    elif status == 409:
                        number = json.loads(data)["latest"]["version"]
                    else:
                        return -status
                    with lock:
                        version["n"] = max(version["n"], number)
                    return 200
                status, _ = client.request(b"GET", review_path if kind == "review" else b"/")
                return 200 if status == 200 else -status

            kinds = [kind for kind, weight in MIX for _ in range(weight)]
            results: list[tuple[str, float, int]] = []
            errors: list[str] = []
            count = {"n": 0}

            def worker(index: int, until: float, record: bool) -> None:
                rng = random.Random(args.seed * 1000 + index)
                drafting = index % 2 == 1  # drafters save, signing officers review
                client = Connection(port, logged_in["drafter" if drafting else "signer"])
                mine: list[tuple[str, float, int]] = []
                failed: list[str] = []
                while time.monotonic() < until:
                    with lock:
                        if count["n"] >= MAX_REQUESTS:
                            break
                        count["n"] += 1
                    kind = rng.choice(kinds)
                    if kind == "save" and not drafting or kind == "review" and drafting:
                        kind = "preview"
                    started = time.perf_counter()
                    try:
                        outcome = one(client, kind)
                        detail = f"{kind}: HTTP {-outcome}"
                    except (OSError, ValueError) as error:
                        outcome, detail = -1, f"{kind}: {type(error).__name__}"
                    mine.append((kind, time.perf_counter() - started, outcome))
                    if outcome < 0:
                        failed.append(detail)
                client.close()
                if record:
                    with lock:
                        results.extend(mine)
                        errors.extend(failed)

            def run(duration: float, record: bool) -> float:
                until = time.monotonic() + duration
                threads = [threading.Thread(target=worker, args=(i, until, record)) for i in range(clients_n)]
                started = time.perf_counter()
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join()
                return time.perf_counter() - started

            run(min(10.0, seconds / 4), record=False)  # warm-up: every thread, cache and connection
            rss_start = tree_rss_kb(server.pid) / 1024
            server_cpu, client_cpu = cpu_seconds(server.pid), own_cpu_seconds()
            wall = run(seconds, record=True)
            server_cpu, client_cpu = cpu_seconds(server.pid) - server_cpu, own_cpu_seconds() - client_cpu
            rss_end = tree_rss_kb(server.pid) / 1024
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

    cpus = os.cpu_count() or 1
    load_after = os.getloadavg()
    served = "waitress, " + (f"{args.workers} workers x {args.threads} threads" if args.workers > 1
                             else f"{args.threads} threads")
    print(f"docgen serve ({served}), {clients_n} clients for {seconds:g} s, {cpus} CPUs, "
          f"client on the same machine")
    print(f"{'kind':<9} {'count':>6}   {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7}")
    for kind, _ in MIX:
        print(line(kind, [elapsed for k, elapsed, _ in results if k == kind]))
    print(line("all", [elapsed for _, elapsed, _ in results]))
    print(f"throughput {len(results) / wall:.1f} requests/s ({len(results)} in {wall:.1f} s)")
    print(f"CPU of the {cpus} CPUs: server {server_cpu / wall / cpus * 100:.0f} %, "
          f"this client {client_cpu / wall / cpus * 100:.0f} % "
          f"(load average {load_before[0]:.2f} before, {load_after[0]:.2f} after)")
    growth = (rss_end - rss_start) / rss_start * 100 if rss_start else float("nan")
    print(f"server RSS {rss_first:.0f} MB at start, {rss_start:.0f} MB after warm-up, "
          f"{rss_end:.0f} MB at the end ({growth:+.1f} % after warm-up)")
    failed = False
    if growth > RSS_LIMIT:
        if seconds >= JUDGED_SECONDS:
            print(f"FAIL: the server's memory grew {growth:.1f} % after warm-up (limit {RSS_LIMIT:g} %)")
            failed = True
        else:
            print(f"(memory growth not judged in a run shorter than {JUDGED_SECONDS:g} s)")
    print(f"errors {len(errors)}" + (": " + ", ".join(sorted(set(errors))[:10]) if errors else ""))
    if errors or failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
