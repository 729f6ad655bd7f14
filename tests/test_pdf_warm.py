"""The warm converter (docgen.pdf.warm): one soffice reused, a hung one
killed and replaced, parallel requests, PDF/A-2b, the fallback to the cold
path within the pool's budget, recycling, a failed start tried again after
a backoff, the leftovers of a dead app ended, the shutdown."""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from docgen import pdf
from docgen.pdf import cold, profiles, warm
from docgen.pdf.office import PdfError, soffice_command

from .conftest import ROOT, SAMPLES
from .waiting import wait_until

SAMPLE_001 = SAMPLES[1]

pytestmark = [
    pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed (scripts/setup.sh installs it)"),
    pytest.mark.skipif(subprocess.run(["/usr/bin/python3", "-c", "import uno"], capture_output=True).returncode != 0,
                       reason="python3-uno not installed (scripts/setup.sh installs it)"),
]


def pages(document: bytes, tmp_path) -> int:
    path = tmp_path / "out.pdf"
    path.write_bytes(document)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split(":")[1] for line in out.splitlines() if line.startswith("Pages")))


def xmp(document: bytes, tmp_path) -> str:
    path = tmp_path / "meta.pdf"
    path.write_bytes(document)
    return subprocess.run(["pdfinfo", "-meta", str(path)], capture_output=True, text=True, check=True).stdout


def alive(pid: int) -> bool:
    try:
        state = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def instances(root: Path) -> set[str]:
    """The LibreOffice instances running under ``root``: the folders (one
    per soffice) that a live oosplash or soffice.bin names."""
    found = set()
    for pid in profiles.processes_naming({str(root)}):
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().decode()
            comm = Path(f"/proc/{pid}/comm").read_text().strip()
        except OSError:
            continue
        folder = re.search(re.escape(str(root)) + r"/([^/\x00]+)", command)
        if folder and alive(pid) and comm in ("oosplash", "soffice.bin"):
            found.add(folder.group(1))
    return found


def soffice_naming(text: str) -> list[int]:
    """The live soffice.bin processes whose command line names ``text``."""
    return sorted(pid for pid, _ in profiles.processes_naming({text}).items()
                  if alive(pid) and Path(f"/proc/{pid}/comm").read_text().strip() == "soffice.bin")


@pytest.fixture
def root(tmp_path):
    """A profiles root of the test's own."""
    return tmp_path / "profiles"


@pytest.fixture
def pool(root):
    pool = warm.WarmPool(warm.Settings(pool_size=1, timeout=20, start_seconds=60, profiles=str(root)))
    yield pool
    pool.close()


@pytest.fixture
def docx(rendered):
    return rendered["002"]


def test_two_conversions_use_one_soffice(pool, docx, tmp_path):
    converter = pool.converters[0]
    assert converter.office_pids() == []  # started lazily
    first = pool.convert(docx)
    pids = converter.office_pids()
    assert len(pids) == 1 and alive(pids[0])
    second = pool.convert(docx)
    assert converter.office_pids() == pids
    assert pages(first, tmp_path) == pages(second, tmp_path) == 9


def test_hung_soffice_is_killed_and_replaced(pool, docx, tmp_path):
    converter = pool.converters[0]
    pool.convert(docx)
    [hung] = converter.office_pids()
    os.kill(hung, signal.SIGSTOP)  # soffice stops answering
    try:
        with pytest.raises(PdfError, match="quá 3 giây"):
            pool.convert(docx, timeout=3)
        assert not alive(hung)
    finally:
        if alive(hung):
            os.kill(hung, signal.SIGKILL)
    document = pool.convert(docx)
    assert pages(document, tmp_path) == 9
    [fresh] = converter.office_pids()
    assert fresh != hung


def test_soffice_killed_between_conversions_is_restarted(pool, docx, tmp_path):
    converter = pool.converters[0]
    pool.convert(docx)
    [dead] = converter.office_pids()
    os.kill(dead, signal.SIGKILL)
    assert pages(pool.convert(docx), tmp_path) == 9
    assert dead not in converter.office_pids()


def test_parallel_requests_each_get_a_soffice_of_their_own(rendered, tmp_path):
    pool = warm.WarmPool(warm.Settings(pool_size=2, timeout=60))
    results: dict[str, bytes] = {}
    errors: list[Exception] = []

    def convert(number: str) -> None:
        try:
            results[number] = pool.convert(rendered[number])
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    try:
        threads = [threading.Thread(target=convert, args=(n,)) for n in ("000", "001", "002", "003")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert {n: pages(results[n], tmp_path) for n in results} == {"000": 8, "001": 5, "002": 9, "003": 6}
        offices = [pid for converter in pool.converters for pid in converter.office_pids()]
        assert 1 <= len(offices) <= 2 and len(set(offices)) == len(offices)
    finally:
        pool.close()
    assert not any(alive(pid) for pid in offices)


def test_close_ends_soffice(docx):
    pool = warm.WarmPool(warm.Settings(pool_size=1))
    pool.convert(docx)
    [pid] = pool.converters[0].office_pids()
    bridge = pool.converters[0].bridge.pid
    pool.close()
    assert not alive(pid) and not alive(bridge)
    assert not pool.converters[0].folder.exists()


@pytest.mark.parametrize("path", ["warm", "cold"])
def test_archive_option_makes_pdf_a_2b(pool, docx, tmp_path, path):
    convert = pool.convert if path == "warm" else lambda d, archive: cold.convert(d, archive=archive, timeout=120)
    archived = xmp(convert(docx, archive=True), tmp_path)
    assert "<pdfaid:part>2</pdfaid:part>" in archived
    assert "<pdfaid:conformance>B</pdfaid:conformance>" in archived
    assert "pdfaid" not in xmp(convert(docx, archive=False), tmp_path)


def test_falls_back_to_the_cold_path_and_logs_it(monkeypatch, docx, tmp_path, caplog):
    """No Python with ``uno``: the warm converter cannot start, the cold
    path converts, and the log says so."""
    warm.shutdown()
    monkeypatch.setenv("DOCGEN_PDF_PYTHON", str(tmp_path / "no-python"))
    try:
        with caplog.at_level(logging.WARNING, logger="docgen.pdf"):
            document = pdf.docx_to_pdf(docx)
        assert pages(document, tmp_path) == 9
        assert "converting with a cold soffice --convert-to" in caplog.text
        assert "no-python" in caplog.text
    finally:
        warm.shutdown()


def test_warm_path_can_be_switched_off(monkeypatch, docx, tmp_path):
    warm.shutdown()
    monkeypatch.setenv("DOCGEN_PDF_WARM", "0")
    try:
        assert warm.shared_pool().converters == []
        assert pages(pdf.docx_to_pdf(docx), tmp_path) == 9  # cold
    finally:
        warm.shutdown()


@pytest.mark.parametrize("name, value", [("DOCGEN_PDF_POOL", "abc"), ("DOCGEN_PDF_POOL", "0"),
                                         ("DOCGEN_PDF_TIMEOUT", "-1")])
def test_bad_setting_is_named(name, value):
    with pytest.raises(PdfError, match=f"Cấu hình {name} phải là số từ .* không phải “{value}”"):
        warm.Settings.from_env({name: value})


def test_a_file_libreoffice_cannot_read_fails_with_a_message(pool, docx, tmp_path):
    with pytest.raises(PdfError, match="LibreOffice không"):
        pool.convert(b"PK\x03\x04 this is no docx")
    assert pages(pool.convert(docx), tmp_path) == 9  # the converter still works


def test_soffice_ends_when_docgen_is_killed(tmp_path):
    """A process killed without running atexit (SIGKILL) leaves no soffice:
    the bridge sees its input close and ends soffice."""
    script = tmp_path / "convert.py"
    script.write_text(
        "import os, sys, time\n"
        "from docgen.pdf import warm\n"
        "from docgen.plan.files import load_plan\n"
        "from docgen.document.render import render_plan\n"
        "pool = warm.shared_pool()\n"
        f"pool.convert(render_plan(load_plan({str(SAMPLE_001)!r})))\n"
        "print(pool.converters[0].office_pids()[0], flush=True)\n"
        "time.sleep(600)\n")
    child = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        office = int(child.stdout.readline())
        assert alive(office)
    finally:
        child.kill()
        child.wait()
    try:
        wait_until(lambda: not alive(office), 30, "soffice outlived the process that started it")
    finally:
        if alive(office):
            os.kill(office, signal.SIGKILL)


# --- the pool's budget: DOCGEN_PDF_POOL soffice at most, cold ones included --------


def peak_of(count, work) -> int:
    """The most ``count()`` gave, sampled every 20 ms while ``work()`` runs."""
    peak, done = 0, threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            peak = max(peak, count())
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    try:
        work()
    finally:
        done.set()
        sampler.join()
    return peak


def in_parallel(convert, documents: list[bytes]) -> list:
    results: list = [None] * len(documents)

    def one(index):
        try:
            results[index] = convert(documents[index])
        except Exception as error:  # noqa: BLE001 - asserted by the caller
            results[index] = error

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(documents))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.mark.slow
def test_cold_conversions_never_exceed_the_pool_size(rendered, root, tmp_path):
    """Issue 20: with the warm path off (or unable to start), 11 requests
    ran 11 soffice at once (1.3 GB). Three at once now run two at a time."""
    pool = warm.WarmPool(warm.Settings(enabled=False, pool_size=2, timeout=120, profiles=str(root)))
    documents = [rendered[n] for n in ("001", "002", "003")]
    results: list = []
    peak = peak_of(lambda: len(instances(root)),
                   lambda: results.extend(in_parallel(pool.convert, documents)))
    assert [pages(r, tmp_path) if isinstance(r, bytes) else r for r in results] == [5, 9, 6]
    assert peak == 2


@pytest.mark.slow
def test_a_warm_converter_that_cannot_start_leaves_the_budget_to_cold_ones(rendered, root, tmp_path):
    """No Python with ``uno``: every request goes cold, one soffice at a
    time with DOCGEN_PDF_POOL=1."""
    pool = warm.WarmPool(warm.Settings(pool_size=1, timeout=120, profiles=str(root),
                                       python=str(tmp_path / "no-python")))
    documents = [rendered[n] for n in ("001", "003")]
    results: list = []
    peak = peak_of(lambda: len(instances(root)),
                   lambda: results.extend(in_parallel(pool.convert, documents)))
    assert [pages(r, tmp_path) if isinstance(r, bytes) else r for r in results] == [5, 6]
    assert peak == 1
    assert pool.failed_starts >= 1 and pool.converters[0].office_pids() == []


# --- recycling ------------------------------------------------------------------------


@pytest.mark.slow
def test_converter_is_recycled_after_n_conversions(root, docx, tmp_path):
    pool = warm.WarmPool(warm.Settings(recycle=2, max_rss_mb=0, timeout=60, profiles=str(root)))
    converter = pool.converters[0]
    try:
        pool.convert(docx)
        [first] = converter.office_pids()
        pool.convert(docx)  # the second: then it is ended
        assert converter.office_pids() == [] and not alive(first)
        assert pages(pool.convert(docx), tmp_path) == 9
        [second] = converter.office_pids()
        assert second != first
        pool.convert(docx)
        assert not alive(second)
    finally:
        pool.close()


@pytest.mark.slow
def test_converter_is_recycled_past_the_memory_limit(root, docx, tmp_path, caplog):
    """A soffice past DOCGEN_PDF_MAX_RSS_MB (here 50 MB; one takes ~150)
    is ended after its conversion; the next request starts a fresh one."""
    pool = warm.WarmPool(warm.Settings(recycle=0, max_rss_mb=50, timeout=60, profiles=str(root)))
    converter = pool.converters[0]
    try:
        with caplog.at_level(logging.INFO, logger="docgen.pdf"):
            pool.convert(docx)
            first = int(re.search(r"soffice pid (\d+) in", caplog.text).group(1))
        resident = re.search(r"recycling the warm PDF converter \(soffice pid (\d+)\): (\d+) MB resident, "
                             r"over 50 MB", caplog.text)
        assert resident and int(resident.group(1)) == first and int(resident.group(2)) > 50
        assert converter.office_pids() == [] and converter.rss_mb() == 0 and not alive(first)
        assert pages(pool.convert(docx), tmp_path) == 9
        assert converter.office is None  # recycled again
    finally:
        pool.close()


# --- a converter that cannot start: backoff, not 5 minutes ----------------------------


def test_backoff_doubles_up_to_a_minute():
    assert [warm.backoff_seconds(n) for n in range(1, 10)] == [1, 2, 4, 8, 16, 32, 60, 60, 60]


@pytest.mark.slow
def test_a_failed_start_is_tried_again_after_a_backoff(root, docx, tmp_path, caplog):
    """The Python with ``uno`` missing, then back: cold conversions serve
    meanwhile, and the warm converter runs again within seconds (it was
    switched off for 5 minutes)."""
    python = tmp_path / "python3"
    python.symlink_to(tmp_path / "missing")
    pool = warm.WarmPool(warm.Settings(timeout=60, profiles=str(root), python=str(python)))
    converter = pool.converters[0]
    try:
        with caplog.at_level(logging.WARNING, logger="docgen.pdf"):
            assert pages(pool.convert(docx), tmp_path) == 9  # cold
        assert "starting it again in 1 s" in caplog.text
        assert pool.failed_starts == 1 and converter.office_pids() == []
        wait_until(lambda: time.monotonic() >= pool.next_start, 5, "no second start within 5 s")
        pool.convert(docx)  # tries again, fails again: 2 s
        assert pool.failed_starts == 2 and "starting it again in 2 s" in caplog.text

        python.unlink()
        python.symlink_to("/usr/bin/python3")
        wait_until(lambda: time.monotonic() >= pool.next_start, 5, "no third start within 5 s")
        assert pages(pool.convert(docx), tmp_path) == 9
        assert len(converter.office_pids()) == 1 and pool.failed_starts == 0  # warm again
    finally:
        pool.close()


# --- what a dead app left behind ------------------------------------------------------


def dead_pid() -> tuple[int, str]:
    """The pid and start time of a process that ended."""
    process = subprocess.Popen(["sleep", "30"])
    started = profiles.start_time(process.pid)
    process.kill()
    process.wait()
    return process.pid, started


@pytest.mark.slow
def test_leftovers_of_a_dead_app_are_ended_when_a_pool_is_made(root, tmp_path):
    """Issue 20: an app killed while its soffice was starting left
    soffice.bin and its profile folder, which a restarted app never ended.
    Here: a soffice of a dead owner under the profiles root, as that app left
    it; the next pool ends it and removes its folder; a living app's folder
    is left alone."""
    root.mkdir()
    pid, started = dead_pid()
    folder = root / f"warm-{pid}-0123456789ab"
    folder.mkdir()
    (folder / profiles.OWNER).write_text(f"{pid} {started}\n")
    left = subprocess.Popen(soffice_command(folder / "profile", f"--accept=pipe,name=docgen-{folder.name};urp;"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_until(lambda: soffice_naming(folder.name), 60, "the left soffice did not start")
        orphans = soffice_naming(folder.name)
        living = profiles.new_folder(root, "warm")  # this test process's
        pool = warm.WarmPool(warm.Settings(profiles=str(root)))
        try:
            assert not any(alive(pid) for pid in orphans)
            assert not folder.exists() and living.exists()
            assert soffice_naming(folder.name) == []
        finally:
            pool.close()
        left.wait(10)  # oosplash ended with it
    finally:
        if left.poll() is None:
            os.killpg(left.pid, signal.SIGKILL)
            left.wait()


@pytest.mark.slow
def test_soffice_ends_when_docgen_is_killed_while_it_starts(root, tmp_path):
    """The app killed before its soffice answered: the bridge connects,
    finds nobody to tell and ends soffice."""
    script = tmp_path / "starting.py"
    script.write_text(
        "import sys\n"
        "from docgen.pdf import warm\n"
        f"pool = warm.WarmPool(warm.Settings(profiles={str(root)!r}))\n"
        "pool.convert(sys.stdin.buffer.read())\n")
    app = subprocess.Popen([sys.executable, str(script)], stdin=subprocess.PIPE, stderr=subprocess.DEVNULL,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    seen: set[int] = set()

    def running() -> set[int]:  # oosplash, soffice.bin (restarted once on a new profile), the bridge
        found = {pid for pid in profiles.processes_naming({str(root)}) if alive(pid)}
        seen.update(found)
        return found

    try:
        app.stdin.write(b"any")
        app.stdin.close()
        wait_until(lambda: soffice_naming(str(root)), 60, "the app's soffice did not start")
        app.kill()  # while soffice starts: the bridge has not connected yet
        app.wait()
        wait_until(lambda: not running(), 60, "soffice outlived the app that was starting it")
    finally:
        app.kill()
        for pid in seen:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_a_folder_names_its_owner(root):
    root.mkdir()
    mine = profiles.new_folder(root, "cold")
    assert profiles.owner_alive(mine)
    finished = subprocess.Popen(["true"])
    finished.wait()
    (mine / profiles.OWNER).write_text(f"{finished.pid} 12345\n")
    assert not profiles.owner_alive(mine)
    # The same pid, another process (pid reuse): not the owner.
    (mine / profiles.OWNER).write_text(f"{os.getpid()} 1\n")
    assert not profiles.owner_alive(mine)
