"""Signing time for sample 002's PDF (9 pages): the signer's signature, the
organisation's after it, and verifying the twice-signed file, each the
median of N runs in milliseconds, with a throwaway test CA
(scripts/make-test-ca.py). The PDF is made once, beforehand, and is not
timed. Timings are printed, never asserted.

    python bench/sign_speed.py            # 10 runs each
    python bench/sign_speed.py --runs 30
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.pdf import docx_to_pdf  # noqa: E402
from docgen.plan.files import load_plan  # noqa: E402
from docgen.document.render import render_plan  # noqa: E402
from docgen.signing.identities import for_unit, for_user, load_secrets  # noqa: E402
from docgen.signing.sign import sign_pdf  # noqa: E402
from docgen.signing.verify import trusted_roots, verify_pdf  # noqa: E402

SAMPLE = ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"


def median_ms(step, runs: int):
    times, result = [], None
    for _ in range(runs):
        began = time.perf_counter()
        result = step()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), min(times), max(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    plan = load_plan(SAMPLE)
    pdf = docx_to_pdf(render_plan(plan))
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make-test-ca.py"), folder],
                       check=True, capture_output=True)
        secrets = load_secrets(Path(folder) / "signing.toml")
        signer, unit = for_user("long", secrets), for_unit("UBND tỉnh Gia Lai", secrets)
        roots = trusted_roots(list(secrets.trusted))
        steps = [
            ("signer (find block, image, PAdES)",
             lambda: sign_pdf(pdf, signer, "signer", authority=plan.signer.authority)),
        ]
        once = steps[0][1]()
        steps.append(("organisation (seal + text, PAdES)",
                      lambda: sign_pdf(once, unit, "organisation")))
        twice = steps[1][1]()
        steps.append(("verify both signatures", lambda: verify_pdf(twice, roots)))
        print(f"sample 002: {len(pdf) // 1024} KiB PDF -> {len(once) // 1024} KiB signed once, "
              f"{len(twice) // 1024} KiB twice; {args.runs} runs each")
        for label, step in steps:
            median, low, high, _ = median_ms(step, args.runs)
            print(f"  {label:36} median {median:6.0f} ms  (min {low:.0f}, max {high:.0f})")


if __name__ == "__main__":
    main()
