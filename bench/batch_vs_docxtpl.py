"""`docgen batch` against a plain docxtpl loop, on the same template and units.

Generates a units table of 3,321 synthetic communes (.xlsx; as many as the
country has after the 2025 reorganisation, names unique), then, ``--runs``
times, in one run:

1. ``docgen batch samples/batch/template_xa.yaml units.xlsx -o plans.zip`` as a
   subprocess (the whole command: starting Python, reading the sheet,
   validating, rendering on every core, writing the ZIP), sampling the RSS of
   its process tree (parent + workers, from /proc) every 20 ms;
2. with ``--compare DIR``, the same command from another checkout (the code
   before a change), on the same sheet;
3. a plain docxtpl loop: per unit, the same derived plan and context, then
   ``DocxTemplate(templates_docx/plan.docx)`` + ``.render(context)`` + save
   (``--baseline-units`` of them: its rate per unit does not depend on the
   count);
4. ``docgen batch`` on a 10,000-unit sheet (``--memory-units``): peak RSS of
   the process tree, and its rate;

each line with the machine's load average (1 minute) before and after, since
the machine is shared. The first run's ZIP is checked: every .docx
well-formed, its SHA-256 as in manifest.csv, and (for ``--check`` units,
spread over the table) its text identical to the unit's plan rendered alone
through the CLI path (``docgen batch-plan`` -> YAML -> ``docgen render``,
in-process). Figures are printed, never asserted.

    python bench/batch_vs_docxtpl.py                       # 3 runs, 3,321 + 10,000 units
    python bench/batch_vs_docxtpl.py --compare ../old      # and the code of another checkout
    python bench/batch_vs_docxtpl.py --short               # a few seconds (tests/bench)
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from processes import tree_rss_kb  # bench/processes.py, beside this script

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TEMPLATE = ROOT / "samples" / "batch" / "template_xa.yaml"
SYLLABLES = ("An Bình Hòa Lộc Tân Phú Thạnh Hưng Long Đông Tây Nam Bắc Trung Mỹ Thuận Phước "
             "Hiệp Thành Quang Ia Kha Grai Đak Pơ Chư Sê Krông Ea Ân Ðức Sơn Hải").split()
SIGNERS = ("Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Hoàng Thị Én")


def units_sheet(count: int, seed: int = 2023) -> bytes:
    from openpyxl import Workbook

    rng = random.Random(seed)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Đơn vị")
    sheet.append(["Tên đơn vị", "Cơ quan chủ quản", "Người ký", "Chức vụ ký", "Chỉ tiêu", "Đã thực hiện"])
    names: set[str] = set()
    while len(names) < count:
        level = rng.choice(("Xã",) * 8 + ("Phường", "Thị trấn"))
        name = f"{level} {rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        if name in names:
            name = f"{name} {len(names) + 1}"
        names.add(name)
        target = rng.randint(800, 20000)
        sheet.append([name, f"UBND HUYỆN {rng.choice(SYLLABLES).upper()}", rng.choice(SIGNERS),
                      "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", target, rng.randint(0, target)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def docxtpl_loop(template, units, limit: int) -> tuple[float, int]:
    """Seconds for ``limit`` units the plain docxtpl way, and the count."""
    from docxtpl import DocxTemplate

    from docgen.batch import derive_plan
    from docgen.document.context import build_context
    from docgen.document.render import TEMPLATE_PATH, jinja_environment

    environment = jinja_environment()
    started = time.perf_counter()
    done = 0
    for unit in units[:limit]:
        plan = derive_plan(template, unit).plan
        document = DocxTemplate(str(TEMPLATE_PATH))
        document.render(build_context(plan), environment)
        document.save(io.BytesIO())
        done += 1
    return time.perf_counter() - started, done


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_docgen(units_file: Path, output: Path, root: Path = ROOT) -> tuple[float, float, float, int, str]:
    """Wall seconds, CPU seconds and peak RSS (MB) of the process tree, exit
    code and stdout of ``docgen batch`` from the checkout ``root``. (The
    CPU time of the workers counts: ``docgen batch`` waits for them.)"""
    cpu = _children_cpu()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "docgen.cli", "batch", str(TEMPLATE), str(units_file), "-o", str(output)],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss_kb(process.pid))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = process.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    return wall, _children_cpu() - cpu, peak / 1024, process.returncode, stdout.decode("utf-8", "replace").strip()


def verify(zip_path: Path, template, units, check: int) -> tuple[int, int]:
    """(documents checked well-formed, documents compared with the CLI path)."""
    from click.testing import CliRunner

    from docgen.cli import main
    from docgen.word import document_text, malformed_parts

    with zipfile.ZipFile(zip_path) as archive:
        manifest = list(csv.DictReader(io.StringIO(archive.read("manifest.csv").decode("utf-8-sig"))))
        files = {row["Đơn vị"]: row for row in manifest if row["Trạng thái"] == "đã tạo"}
        for row in files.values():
            docx = archive.read(row["Tệp"])
            if hashlib.sha256(docx).hexdigest() != row["SHA-256"]:
                raise SystemExit(f"SHA-256 differs for {row['Tệp']}")
            if malformed_parts(docx):
                raise SystemExit(f"malformed XML in {row['Tệp']}: {malformed_parts(docx)}")
        step = max(1, len(units) // max(1, check))
        runner = CliRunner()
        compared = 0
        with tempfile.TemporaryDirectory() as scratch:
            scratch = Path(scratch)
            units_file = scratch / "units.xlsx"
            units_file.write_bytes(template["sheet"])
            for unit in units[::step][:check]:
                plan_file, alone = scratch / "plan.yaml", scratch / "alone.docx"
                for args in (["batch-plan", str(TEMPLATE), str(units_file), "--unit", unit.name, "-o", str(plan_file)],
                             ["render", str(plan_file), "-o", str(alone)]):
                    result = runner.invoke(main, args)
                    if result.exit_code != 0:
                        raise SystemExit(f"{' '.join(args[:1])} failed for {unit.name}: {result.output}")
                if document_text(alone.read_bytes()) != document_text(archive.read(files[unit.name]["Tệp"])):
                    raise SystemExit(f"text differs from the CLI path for {unit.name}")
                compared += 1
    return len(files), compared


def load() -> float:
    return os.getloadavg()[0]


def docgen_line(run: int, label: str, units: int, units_file: Path, output: Path, root: Path = ROOT) -> dict:
    before = load()
    wall, cpu, peak_mb, code, summary = run_docgen(units_file, output, root)
    after = load()
    if code != 0:
        raise SystemExit(f"{label}: docgen batch exited {code}: {summary}")
    print(f"run {run}  {label:<24} {units:6d} units {wall:7.2f} s {units / wall:7.1f} plans/s  "
          f"CPU {cpu:6.1f} s  peak RSS {peak_mb:6.1f} MB  load {before:.2f} -> {after:.2f}", flush=True)
    return {"seconds": wall, "rate": units / wall, "rss": peak_mb, "cpu": cpu}


def baseline_line(run: int, template, units, limit: int) -> dict:
    before = load()
    cpu = time.process_time()
    seconds, done = docxtpl_loop(template, units, limit)
    cpu = time.process_time() - cpu
    after = load()
    print(f"run {run}  {'docxtpl loop':<24} {done:6d} units {seconds:7.2f} s {done / seconds:7.1f} plans/s  "
          f"CPU {cpu:6.1f} s  {'':19} load {before:.2f} -> {after:.2f}", flush=True)
    return {"seconds": seconds, "rate": done / seconds, "cpu": cpu}


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _spread(values: list[float], digits: int = 1) -> str:
    return (f"{_median(values):.{digits}f} (runs: " + ", ".join(f"{v:.{digits}f}" for v in values) + ")")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--units", type=int, default=3321)
    parser.add_argument("--memory-units", type=int, default=10_000,
                        help="units of the memory run (0: none)")
    parser.add_argument("--baseline-units", type=int, default=300,
                        help="units of the docxtpl loop in each run (0: all)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--check", type=int, default=40,
                        help="units compared with the CLI path (spread over the table)")
    parser.add_argument("--compare", type=Path, metavar="DIR",
                        help="also run `docgen batch` from this checkout (e.g. the code before a change)")
    parser.add_argument("--short", action="store_true",
                        help="a few seconds: 200 units, 400 for memory, 20 in the loop, one run")
    args = parser.parse_args()
    if args.short:
        args.units, args.memory_units, args.baseline_units, args.runs, args.check = 200, 400, 20, 1, 2

    from docgen.batch import load_template, read_units

    print(f"batch_vs_docxtpl: template {TEMPLATE.relative_to(ROOT)}, {os.cpu_count()} CPUs, "
          f"{args.runs} run(s), load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        sheet = units_sheet(args.units)
        units_file = work / "units.xlsx"
        units_file.write_bytes(sheet)
        memory_file = work / "memory.xlsx"
        if args.memory_units:
            memory_file.write_bytes(units_sheet(args.memory_units))
        template = load_template(TEMPLATE)
        units = read_units(units_file.name, sheet).units
        limit = min(args.baseline_units or len(units), len(units))

        docgen, compared, baseline, memory = [], [], [], []
        checked = None
        for run in range(1, args.runs + 1):
            docgen.append(docgen_line(run, "docgen batch", len(units), units_file, work / "plans.zip"))
            if checked is None:
                checked = verify(work / "plans.zip", {"sheet": sheet}, units, args.check)
            if args.compare:
                compared.append(docgen_line(run, f"docgen batch ({args.compare.name})", len(units), units_file,
                                            work / "compare.zip", args.compare.resolve()))
            baseline.append(baseline_line(run, template, units, limit))
            if args.memory_units:
                memory.append(docgen_line(run, "docgen batch (memory)", args.memory_units, memory_file,
                                          work / "memory.zip"))
            for leftover in work.glob("*.zip"):
                leftover.unlink()

    rate = [r["rate"] for r in docgen]
    loop = [r["rate"] for r in baseline]
    print(f"docgen batch : {_spread(rate)} plans/s for {len(units)} units, "
          f"{_spread([r['seconds'] for r in docgen], 2)} s, CPU {_spread([r['cpu'] for r in docgen])} s, "
          f"peak RSS {_spread([r['rss'] for r in docgen])} MB")
    if compared:
        print(f"{args.compare.name:<13}: {_spread([r['rate'] for r in compared])} plans/s, "
              f"CPU {_spread([r['cpu'] for r in compared])} s, peak RSS {_spread([r['rss'] for r in compared])} MB")
    print(f"docxtpl loop : {_spread(loop)} plans/s ({limit} units a run), "
          f"CPU {_spread([r['cpu'] * len(units) / limit for r in baseline])} s for {len(units)} units")
    print(f"speedup      : {_median(rate) / _median(loop):.1f}x (medians)")
    if memory:
        print(f"memory run   : {args.memory_units} units, peak RSS {_spread([r['rss'] for r in memory])} MB, "
              f"{_spread([r['rate'] for r in memory])} plans/s")
    well_formed, same = checked
    print(f"check        : {well_formed} documents well-formed, SHA-256 as in the manifest; "
          f"{same} compared with the CLI path: same text")


if __name__ == "__main__":
    main()
