"""Speed of the reader of Word content (docgen.word) on plans of a given
length: reading a .docx (read_word), the Word side of import (read_docx)
and `docgen check` of a .docx (check_docx) and of a plan (check_plan, which
renders the plan and reads it back).

The long plan is seed 002's sample with its sections repeated until the
document has about --pages pages (counted by LibreOffice when it is
installed, else estimated).

    python bench/word_reader.py               # ~20 pages, 30 rounds
    python bench/word_reader.py --pages 40 -n 50
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.checks import check_docx, check_plan  # noqa: E402
from docgen.importing.from_docx import read_docx  # noqa: E402
from docgen.plan.model import Plan  # noqa: E402
from docgen.plan.files import load_plan  # noqa: E402
from docgen.document.render import render_plan  # noqa: E402
from docgen.word import read_word  # noqa: E402

SAMPLE = ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"


def pages_of(docx: bytes) -> int | None:
    import shutil
    import subprocess
    import tempfile

    from docgen import pdf

    if not pdf.available() or not shutil.which("pdfinfo"):
        return None
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf.docx_to_pdf(docx))
        file.flush()
        info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True).stdout
    for line in info.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return None


def long_plan(copies: int) -> Plan:
    data = load_plan(SAMPLE).model_dump(mode="json")
    data["sections"] = data["sections"] * copies
    for section in data["sections"]:
        section["number"] = None  # numbered in order
    return Plan.model_validate(data)


def timed(function, rounds: int) -> tuple[float, float, float]:
    """Median and p95 wall time and median CPU time, in ms (CPU time says
    more on a machine shared with other work)."""
    function()
    times, cpu = [], []
    for _ in range(rounds):
        start, start_cpu = time.perf_counter(), time.process_time()
        function()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    times.sort()
    return (statistics.median(times) * 1000, times[max(0, int(len(times) * 0.95) - 1)] * 1000,
            statistics.median(cpu) * 1000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("-n", "--rounds", type=int, default=30)
    args = parser.parse_args()
    base = render_plan(load_plan(SAMPLE))
    base_pages = pages_of(base)
    copies = max(1, math.ceil(args.pages / base_pages)) if base_pages else max(1, args.pages // 7)
    plan = long_plan(copies)
    docx = render_plan(plan)
    pages = pages_of(docx)
    paragraphs = sum(1 for _ in read_word(docx).paragraphs())
    print(f"plan: seed 002 with its sections x{copies}: {pages or '?'} pages, {paragraphs} paragraphs, "
          f"{len(docx) // 1024} KB")
    for name, function in [
        ("read_word (the reader)", lambda: read_word(docx)),
        ("read_docx (Word side of import)", lambda: read_docx(docx)),
        ("check_docx", lambda: check_docx(docx)),
        ("check_plan (render + read back)", lambda: check_plan(plan)),
        ("check_plan, seed 002 as it is", lambda: check_plan(load_plan(SAMPLE))),
    ]:
        median, p95, cpu = timed(function, args.rounds)
        print(f"{name:34} median {median:7.1f} ms   p95 {p95:7.1f} ms   CPU {cpu:7.1f} ms")


if __name__ == "__main__":
    main()
