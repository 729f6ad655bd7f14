"""bench/load.py in its short form: the mix of requests runs against a real
`docgen serve` without a single error (the full run is `bench/load.py`,
figures in docs/developer.md, "Benches"; timings are printed, never asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("workers", [1, 2])
def test_load_mix_short_form_has_no_errors(workers):
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "load.py"), "--clients", "4", "--seconds", "2",
                           "--workers", str(workers)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[-1] == "errors 0"
    kinds = {line.split()[0] for line in lines[2:9]}
    assert kinds == {"preview", "render", "validate", "save", "review", "start", "all"}
    assert any(line.startswith("throughput ") for line in lines)
    assert any(line.startswith("server RSS ") for line in lines)
    assert any(line.startswith("CPU of the ") for line in lines)
