"""The warm converter (docgen.pdf.warm): one soffice reused, a hung one
killed and replaced, parallel requests, PDF/A-2b, the fallback to the cold
path, the shutdown."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import threading

import pytest

from docgen import pdf
from docgen.pdf import cold, warm
from docgen.pdf.office import PdfError

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


@pytest.fixture
def pool():
    pool = warm.WarmPool(warm.Settings(pool_size=1, timeout=20, start_seconds=60))
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


def test_warm_path_can_be_switched_off(monkeypatch):
    warm.shutdown()
    monkeypatch.setenv("DOCGEN_PDF_WARM", "0")
    try:
        assert warm.shared_pool() is None
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
