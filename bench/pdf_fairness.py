"""PDFs and everyone else (issue 20, item 7): a preview's latency while 8
slow PDFs are in flight, and soffice's memory over many conversions with
and without recycling. Figures are printed, never asserted.

1. The app under waitress (8 threads, as ``docgen serve``) in a process of
   its own, for this tree and, with ``--before REV``, for the code of
   ``REV`` too (``git archive``, e.g. main). 8 clients each ask for the PDF
   of a large plan (``--rows`` appendix rows, ~10 s of LibreOffice each);
   a second later a preview (``POST /api/preview``, no PDF) is sent and
   timed, then a small ordinary PDF. The 8 are sent anonymously and, where
   the tree has the PDF gate, also by 8 logged-in users.
2. One warm converter converts sample 002 ``--conversions`` times (300),
   then one large plan; soffice's resident memory (VmRSS of soffice.bin) is
   printed every 50 conversions, without recycling and with the default
   (DOCGEN_PDF_RECYCLE=200, DOCGEN_PDF_MAX_RSS_MB=300).

    python bench/pdf_fairness.py --before main
    python bench/pdf_fairness.py --skip-server --conversions 300
"""

from __future__ import annotations

import argparse
import copy
import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.pdf import warm  # noqa: E402
from docgen.plan.files import load_plan, parse_plan_data  # noqa: E402
from docgen.document.render import render_plan  # noqa: E402
from docgen.web.plans import editable_data  # noqa: E402

SAMPLE = ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"
PASSWORD = "mat-khau-du-dai"
USERS = [f"nv{n}" for n in range(1, 10)]  # 8 for the slow PDFs, 1 for the ordinary one

SERVER = """
import sys
try:
    from docgen.web import create_app  # the factory's home since the package restructure
except ImportError:
    from docgen.app import create_app
from docgen.storage.users import create_user
from docgen.web.database import database
from waitress import serve

folder, port = sys.argv[1], int(sys.argv[2])
app = create_app({"DATABASE_URL": f"sqlite:///{folder}/db.sqlite3", "JOBS_DIR": f"{folder}/jobs",
                  "PDF_PAGES_DIR": f"{folder}/pages", "SERVER_THREADS": 8})
with app.app_context():
    for name in sys.argv[3:]:
        create_user(database(), name, name.upper(), "drafter", "UBND xã Thử", %r)
import docgen
print("gate" if "docgen.pdf_gate" in app.extensions else "no gate", docgen.__file__, flush=True)
serve(app, host="127.0.0.1", port=port, threads=8, ident="docgen")
""" % PASSWORD


class Client:
    """One browser: a session cookie and its CSRF token."""

    def __init__(self, port: int, username: str | None = None):
        self.port, self.cookie = port, None
        self.token = json.loads(self.request("GET", "/api/csrf-token")[1])["token"]
        if username:
            form = re.search(r'name="csrf_token" value="([^"]+)"', self.request("GET", "/login")[1].decode()).group(1)
            status, _ = self.request("POST", "/login", f"username={username}&password={PASSWORD}&csrf_token={form}"
                                     .encode(), {"Content-Type": "application/x-www-form-urlencoded"})
            assert status == 302, f"login {username}: {status}"
            self.token = json.loads(self.request("GET", "/api/csrf-token")[1])["token"]

    def request(self, method, target, body=None, headers=None) -> tuple[int, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        sent = dict(headers or {})
        if self.cookie:
            sent["Cookie"] = f"docgen_session={self.cookie}"
        try:
            connection.request(method, target, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            if name == "docgen_session":
                self.cookie = rest.split(";", 1)[0] or None
        return response.status, data

    def post(self, target, plan) -> tuple[int, bytes]:
        return self.request("POST", target, json.dumps(plan).encode(),
                            {"Content-Type": "application/json", "X-CSRF-Token": self.token})


def large_plan(rows: int) -> dict:
    plan = editable_data(load_plan(SAMPLE))
    sample_rows = plan["appendices"][0]["rows"]
    plan["appendices"][0]["rows"] = [dict(sample_rows[i % len(sample_rows)]) for i in range(rows)]
    return plan


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(tree: Path, folder: Path) -> tuple[subprocess.Popen, int, bool]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1",
           "DOCGEN_SECRET_KEY": secrets.token_hex(32), "DOCGEN_PDF_PROFILES": str(folder / "profiles")}
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(folder), str(port), *USERS],
                              stdout=subprocess.PIPE, text=True, env=env, cwd=folder)
    gated = server.stdout.readline().startswith("gate ")
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server, port, gated
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"the server of {tree} did not start")
            time.sleep(0.1)


def stop_server(server: subprocess.Popen) -> None:
    server.send_signal(signal.SIGINT)  # atexit ends its soffice
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def fairness(tree: Path, label: str, rows: int) -> None:
    plan, big = editable_data(load_plan(SAMPLE)), large_plan(rows)
    print(f"\n== {label}: 8 PDFs of a {len(json.dumps(big)) // 1024} KB plan ({rows} appendix rows) "
          f"in flight, 8 server threads")
    with tempfile.TemporaryDirectory(prefix="docgen-fairness-") as folder:
        server, port, gated = start_server(tree, Path(folder))
        try:
            warmup = Client(port, USERS[-1]).post("/api/render?format=pdf", plan)  # starts soffice
            print(f"   (warm-up PDF: {warmup[0]}; PDF gate: {'yes' if gated else 'no'})")
            senders = [("anonymous", [Client(port) for _ in range(8)])]
            if gated:
                senders.append(("logged-in", [Client(port, name) for name in USERS[:8]]))
            for who, clients in senders:
                one_round(who, clients, Client(port, USERS[-1]), big, plan)
        finally:
            stop_server(server)


def one_round(who: str, clients: list[Client], clerk: Client, big: dict, plan: dict) -> None:
    answers: list[tuple[int, float]] = [None] * len(clients)
    began = time.perf_counter()

    def send(index):
        status, _ = clients[index].post("/api/render?format=pdf", big)
        answers[index] = (status, time.perf_counter() - began)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(clients))]
    for thread in threads:
        thread.start()
    time.sleep(1.0)
    sent = time.perf_counter()
    status, _ = clerk.post("/api/preview", plan)
    preview = time.perf_counter() - sent
    sent = time.perf_counter()
    pdf_status, _ = clerk.post("/api/render?format=pdf", plan)
    ordinary = time.perf_counter() - sent
    for thread in threads:
        thread.join()
    summary = {}
    for code, seconds in answers:
        summary.setdefault(code, []).append(seconds)
    described = ", ".join(f"{len(times)} x {code} in {min(times):.1f}-{max(times):.1f} s"
                          for code, times in sorted(summary.items()))
    print(f"   {who} slow PDFs: {described}")
    print(f"   preview sent 1 s after them: {status} in {preview * 1000:.0f} ms; "
          f"then a clerk's ordinary PDF (sample 002): {pdf_status} in {ordinary:.1f} s")


def memory(conversions: int, rows: int) -> None:
    docx = render_plan(load_plan(SAMPLE))
    big = render_plan(parse_plan_data(large_plan(rows), "plan"))
    print(f"\n== soffice resident memory (MB) over {conversions} conversions of sample 002, then one "
          f"{rows}-row plan")
    for label, settings in [("no recycling", dict(recycle=0, max_rss_mb=0)),
                            ("DOCGEN_PDF_RECYCLE=200, DOCGEN_PDF_MAX_RSS_MB=300", {})]:
        with tempfile.TemporaryDirectory(prefix="docgen-rss-") as folder:
            pool = warm.WarmPool(warm.Settings(timeout=300, profiles=folder, **settings))
            converter = pool.converters[0]
            try:
                figures, pids, slowest = [], set(), 0.0
                for number in range(1, conversions + 1):
                    began = time.perf_counter()
                    pool.convert(docx)
                    slowest = max(slowest, time.perf_counter() - began)
                    pids.update(converter.office_pids())
                    if number == 1 or number % 50 == 0:
                        figures.append(f"{number}: {converter.rss_mb():.0f}" if converter.office_pids()
                                       else f"{number}: recycled")
                pool.convert(big)
                after_big = converter.rss_mb()
                print(f"   {label}: " + ", ".join(figures))
                print(f"      after the large plan: " + (f"{after_big:.0f}" if after_big else "recycled")
                      + f"; soffice processes used: {len(pids)}; slowest conversion {slowest:.2f} s")
            finally:
                pool.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="REV", help="also run the server part on the code of REV (git)")
    parser.add_argument("--rows", type=int, default=2000, help="appendix rows of the slow plan")
    parser.add_argument("--conversions", type=int, default=300)
    parser.add_argument("--skip-server", action="store_true", help="only the memory part")
    parser.add_argument("--skip-memory", action="store_true", help="only the server part")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    if not args.skip_server:
        if args.before:
            with tempfile.TemporaryDirectory(prefix="docgen-before-") as tree:
                archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.before, "docgen", "templates_docx", "samples"],
                                         check=True, capture_output=True).stdout
                subprocess.run(["tar", "-x", "-C", tree], input=archive, check=True)
                fairness(Path(tree), f"before ({args.before})", args.rows)
        fairness(ROOT, "after (this tree)", args.rows)
    if not args.skip_memory:
        memory(args.conversions, args.rows)


if __name__ == "__main__":
    main()
