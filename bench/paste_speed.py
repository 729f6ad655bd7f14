"""Speed of reading a pasted Excel block (docgen.sheets.table_reading.read_grid,
what POST /api/appendix/paste and /api/appendix/rows do).

The largest block the editor accepts in height (5.000 lines) with ten figure
columns, written the Vietnamese way (``16.283``) and, with the same values,
the English way (``16,283``: every cell reads two ways until the block's
``1,234,567`` settles it). Prints the median of a few runs; each run reads
the figures afresh (the reader's cache is cleared).

    python bench/paste_speed.py        # 5 runs each
    python bench/paste_speed.py -n 9
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from docgen.vietnamese import vn  # noqa: E402
from docgen.sheets.table_reading import read_grid  # noqa: E402

LINES, COLUMNS = 5000, 10


def block(mark: str) -> list[list[str]]:
    random.seed(1)
    header = ["Đơn vị"] + [f"Cột {i}" for i in range(COLUMNS)]
    lines = [[f"Xã {n}"] + [f"{random.randint(1000, 999_999):,}".replace(",", mark) for _ in range(COLUMNS)]
             for n in range(LINES)]
    lines[0][1] = "1" + mark + "234" + mark + "567"
    return [header] + lines


def median_seconds(grid, runs: int) -> float:
    times = []
    for _ in range(runs):
        vn.figure_readings.cache_clear()
        start = time.perf_counter()
        read_grid(grid, [], fresh=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5, help="runs of each block")
    runs = parser.parse_args().n
    for name, mark in (("Vietnamese (16.283)", "."), ("English (16,283)", ",")):
        print(f"{LINES} lines x {COLUMNS} figure columns, {name}: {median_seconds(block(mark), runs):.2f} s")


if __name__ == "__main__":
    main()
