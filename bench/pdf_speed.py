"""Word -> PDF: the cold path (one ``soffice --convert-to`` per document)
against the warm converter (a running soffice driven over UNO), per sample.

Prints, for each sample, the median of N conversions in milliseconds by each
path, and the warm converter's start (soffice launch and UNO connection,
paid once per process). Also checks that both paths give the same number of
pages. Timings are printed, never asserted.

    python bench/pdf_speed.py                 # 5 cold and 20 warm conversions per sample
    python bench/pdf_speed.py --cold 3 --warm 50 --archive
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.pdf import cold, warm  # noqa: E402
from docgen.plan.files import load_plan  # noqa: E402
from docgen.document.render import render_plan  # noqa: E402


def pages(document: bytes) -> int:
    out = subprocess.run(["pdfinfo", "-"], input=document, capture_output=True, check=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def timed(convert, runs: int) -> tuple[float, bytes]:
    times, document = [], b""
    for _ in range(runs):
        began = time.perf_counter()
        document = convert()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", type=int, default=5, help="cold conversions per sample (median)")
    parser.add_argument("--warm", type=int, default=20, help="warm conversions per sample (median)")
    parser.add_argument("--archive", action="store_true", help="PDF/A-2b instead of plain PDF")
    args = parser.parse_args()
    if not (1 <= args.cold <= 50 and 1 <= args.warm <= 500):
        parser.error("--cold 1..50, --warm 1..500")

    samples = {p.name[:3]: render_plan(load_plan(p)) for p in sorted((ROOT / "samples").glob("*.yaml"))}
    pool = warm.WarmPool(warm.Settings(pool_size=1))
    try:
        began = time.perf_counter()
        pool.convert(samples["001"], archive=args.archive)  # starts soffice and the bridge
        start = (time.perf_counter() - began) * 1000
        kind = "PDF/A-2b" if args.archive else "PDF"
        print(f"{kind}; warm converter start + first conversion (sample 001): {start:.0f} ms")
        print(f"{'sample':<8}{'pages':>6}{'cold ms':>10}{'warm ms':>10}{'speed-up':>10}")
        for number, docx in samples.items():
            cold_ms, cold_pdf = timed(lambda: cold.convert(docx, archive=args.archive, timeout=120), args.cold)
            pool.convert(docx, archive=args.archive)  # the first of a new document warms caches
            warm_ms, warm_pdf = timed(lambda: pool.convert(docx, archive=args.archive), args.warm)
            if pages(cold_pdf) != pages(warm_pdf):
                sys.exit(f"sample {number}: cold {pages(cold_pdf)} pages, warm {pages(warm_pdf)}")
            print(f"{number:<8}{pages(warm_pdf):>6}{cold_ms:>10.0f}{warm_ms:>10.0f}{cold_ms / warm_ms:>9.1f}x")
        print(f"(median of {args.cold} cold and {args.warm} warm conversions; "
              f"warm = one soffice over UNO, {pool.converters[0].office_pids()} soffice.bin)")
    finally:
        pool.close()


if __name__ == "__main__":
    main()
