"""Speed of `docgen import` on a 20-page plan.

Builds the plan: the seed-002 sample with its sections repeated until the
rendered .docx has 20 pages (counted through LibreOffice when it is
installed; otherwise the sections are repeated 3 times, about 20 pages),
renders it, and times, as the median of a bounded number of runs:

- the .docx: the Word reader (docgen.importing.from_docx, once merged) and
  the parser, i.e. import_bytes on the file's bytes;
- the same document's text, pasted: the text reader and the parser.

    python bench/import_speed.py            # 20 runs each
    python bench/import_speed.py -n 50

Target: under 300 ms for the .docx (issue 12).
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen import pdf  # noqa: E402
from docgen.word import document_text  # noqa: E402
from docgen.importing.importer import import_bytes  # noqa: E402
from docgen.plan.files import load_plan  # noqa: E402
from docgen.document.render import render_plan  # noqa: E402

SAMPLE = ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"
MAX_RUNS = 1000


def pages(docx: bytes) -> int | None:
    if not pdf.available():
        return None
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.docx_to_pdf(docx, timeout=120)))


def twenty_pages() -> tuple[bytes, int | None, int]:
    plan = load_plan(SAMPLE)
    sections = list(plan.sections)
    copies, docx, counted = 3, b"", None
    for copies in range(2, 8):
        plan.sections = sections * copies
        docx = render_plan(plan)
        counted = pages(docx)
        if counted is None or counted >= 20:
            break
    return docx, counted, copies


def timed(run, times: int) -> float:
    durations = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        durations.append((time.perf_counter() - start) * 1000)
    return statistics.median(durations)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=20, help="runs of each measure (at most 1000)")
    runs = min(max(parser.parse_args().n, 1), MAX_RUNS)
    docx, counted, copies = twenty_pages()
    text = document_text(docx).encode("utf-8")
    shown = f"{counted} pages" if counted else "about 20 pages (LibreOffice absent: not counted)"
    print(f"plan: seed 002 with its sections x{copies}, {shown}, {len(docx) // 1024} KiB .docx, "
          f"{len(text) // 1024} KiB of text")
    paragraphs = len(import_bytes(text, "plan.txt").plan.sections)
    print(f"sections imported: {paragraphs}")
    print(f"text  (from_text + parse): {timed(lambda: import_bytes(text, 'plan.txt'), runs):.0f} ms median of {runs}")
    if importlib.util.find_spec("docgen.importing.from_docx"):
        print(f".docx (from_docx + parse): {timed(lambda: import_bytes(docx, 'plan.docx'), runs):.0f} ms median of {runs}")
    else:
        print(".docx: docgen.importing.from_docx (the Word reader) is not in this checkout")


if __name__ == "__main__":
    main()
