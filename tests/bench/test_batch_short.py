"""bench/batch_vs_docxtpl.py in its short form: both paths run on the same
units in one run and the figures are printed, with the load average (the
full run is `bench/batch_vs_docxtpl.py`, figures in docs/developer.md, "Benches"; timings are
printed, never asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NUMBER = r"\d+\.\d+"


def test_batch_bench_short_form_prints_both_rates_memory_and_load():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "batch_vs_docxtpl.py"), "--short"],
                          capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert re.search(r"^batch_vs_docxtpl: .* load average \S+ \S+ \S+$", out, re.M)
    for label, units in (("docgen batch", 200), ("docxtpl loop", 20), (r"docgen batch \(memory\)", 400)):
        assert re.search(rf"^run 1  {label} +{units} units +{NUMBER} s +{NUMBER} plans/s  CPU +{NUMBER} s  "
                         rf".*load {NUMBER} -> {NUMBER}$", out, re.M), (label, out)
    assert re.search(rf"^docgen batch : {NUMBER} \(runs: {NUMBER}\) plans/s for 200 units", out, re.M), out
    assert re.search(rf"^docxtpl loop : {NUMBER} \(runs: {NUMBER}\) plans/s \(20 units a run\)", out, re.M), out
    assert re.search(rf"^memory run   : 400 units, peak RSS {NUMBER} \(runs: {NUMBER}\) MB", out, re.M), out
    assert re.search(r"^check        : 200 documents well-formed, SHA-256 as in the manifest; "
                     r"2 compared with the CLI path: same text$", out, re.M), out
