"""`docgen batch` against a plain docxtpl loop, on the same template and units.

Generates a units table of 3,321 synthetic communes (.xlsx), then in one run:

1. a plain docxtpl loop: per unit, the same derived plan and context, then
   ``DocxTemplate(templates_docx/plan.docx)`` + ``.render(context)`` + save;
2. ``docgen batch samples/batch/template_xa.yaml units.xlsx -o plans.zip`` as a
   subprocess (the whole command: reading the sheet, validating, rendering on
   every core, writing the ZIP), sampling the RSS of its process tree
   (parent + workers, from /proc) every 20 ms;

and checks the ZIP: every .docx well-formed, its SHA-256 as in manifest.csv,
and (for ``--check`` units, spread over the table) its text identical to the
unit's plan rendered alone through the CLI path (``docgen batch-plan`` ->
YAML -> ``docgen render``, done in-process).

    python bench/batch_vs_docxtpl.py                    # 3,321 units, full baseline
    python bench/batch_vs_docxtpl.py --baseline-units 300   # baseline extrapolated
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

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
    from docgen.context import build_context
    from docgen.render import TEMPLATE_PATH, jinja_environment

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


def _tree(pid: int) -> list[int]:
    out = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return out
    for child in children:
        out += _tree(int(child))
    return out


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_docgen(units_file: Path, output: Path) -> tuple[float, float, int, str]:
    """Wall seconds, peak RSS of the process tree (MB), exit code, stdout."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "docgen.cli", "batch", str(TEMPLATE), str(units_file), "-o", str(output)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, sum(_rss_kb(pid) for pid in _tree(process.pid)))
            stop.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = process.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    return wall, peak / 1024, process.returncode, stdout.decode("utf-8", "replace").strip()


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--units", type=int, default=3321)
    parser.add_argument("--baseline-units", type=int, default=0,
                        help="docxtpl loop over this many units and extrapolate (default: all)")
    parser.add_argument("--check", type=int, default=40,
                        help="units compared with the CLI path (spread over the table)")
    args = parser.parse_args()

    from docgen.batch import load_template, read_units

    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        sheet = units_sheet(args.units)
        units_file = work / "units.xlsx"
        units_file.write_bytes(sheet)
        template = load_template(TEMPLATE)
        units = read_units(units_file.name, sheet).units

        wall, peak_mb, code, summary = run_docgen(units_file, work / "plans.zip")
        if code != 0:
            raise SystemExit(f"docgen batch exited {code}: {summary}")
        size_mb = (work / "plans.zip").stat().st_size / 1e6
        well_formed, compared = verify(work / "plans.zip", {"sheet": sheet}, units, args.check)

        limit = args.baseline_units or len(units)
        seconds, done = docxtpl_loop(template, units, limit)
        baseline = seconds * len(units) / done

    print(f"{len(units)} units, template {TEMPLATE.relative_to(ROOT)}, {os.cpu_count()} CPUs")
    label = "" if done == len(units) else f" (measured on {done} units, extrapolated)"
    print(f"docxtpl loop : {baseline:7.2f} s  {len(units) / baseline:7.1f} docs/s{label}")
    print(f"docgen batch : {wall:7.2f} s  {len(units) / wall:7.1f} docs/s  (whole command: {summary})")
    print(f"speedup      : {baseline / wall:7.1f}x")
    print(f"peak RSS     : {peak_mb:7.1f} MB (parent + workers, summed, sampled every 20 ms)")
    print(f"ZIP          : {size_mb:7.1f} MB; {well_formed} documents well-formed, SHA-256 as in the "
          f"manifest; {compared} compared with the CLI path: same text")


if __name__ == "__main__":
    main()
