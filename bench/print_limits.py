"""How long LibreOffice takes to print (PDF) a plan grown along one
dimension, at docgen's limits (``docgen.plan.model``: recipients, appendix rows,
columns and cells, one paragraph, the whole text), all of them at once, and
past them: the limits must leave the PDF well inside its time-out
(``DOCGEN_PDF_TIMEOUT``, 60 s) on a busy machine.

Each plan is sample 002 with one dimension grown; past a limit the model
refuses the plan, so those are validated with the limits switched off for
a moment, to show what a limit protects from. Each conversion is one cold
``soffice --convert-to`` (the slowest path); a conversion still running at
``--timeout`` seconds is stopped and printed as such.

    .venv/bin/python bench/print_limits.py
    .venv/bin/python bench/print_limits.py --past      # also 2x and 4x the limits (slow)
"""

from __future__ import annotations

import argparse
import copy
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docgen.plan import model  # noqa: E402
from docgen.vietnamese import vn  # noqa: E402
from docgen.pdf import PdfError, cold  # noqa: E402
from docgen.plan.files import PlanFileError, load_plan, parse_plan_data  # noqa: E402
from docgen.document.render import render_plan  # noqa: E402
from docgen.web.plans import editable_data  # noqa: E402

SAMPLE = ROOT / "samples" / "002_gia_lai_50_ngay_dem.yaml"
SENTENCE = "Tuyên truyền, vận động người dân cài đặt và kích hoạt ứng dụng VNeID mức độ 2. "


def grown(base: dict, recipients: int = 0, rows: int = 0, columns: int = 0, paragraph: int = 0,
          text: int = 0) -> dict:
    """Sample 002 with ``recipients``, an appendix of ``rows`` rows and
    ``columns`` columns (its own six and number columns added), a paragraph
    of ``paragraph`` characters and about ``text`` characters more."""
    data = copy.deepcopy(base)
    if recipients:
        data["recipients"] = [{"name": f"UBND xã số {n}", "purpose": "thực hiện"} for n in range(recipients)]
    if rows:
        appendix = data["appendices"][0]
        first = appendix["rows"][0]
        added = [f"x{n}" for n in range(max(0, columns - len(appendix["columns"])))]
        appendix["columns"] += [{"key": key, "title": f"Cột {key}", "type": "number"} for key in added]
        appendix["rows"] = [{**first, "unit": f"Xã số {n}", **{key: n for key in added}} for n in range(rows)]
    blocks = data["sections"][0]["blocks"]
    if paragraph:
        blocks.append({"kind": "paragraph", "text": (SENTENCE * (paragraph // len(SENTENCE) + 1))[:paragraph]})
    if text:
        piece = (SENTENCE * 250)[:19_000]
        blocks += [{"kind": "paragraph", "text": piece} for _ in range(text // len(piece))]
    return data


def plan_of(data: dict):
    """The plan and what the model says of it; past a limit, the plan
    anyway (built with the limits switched off), to measure it."""
    try:
        return parse_plan_data(data), "hợp lệ"
    except PlanFileError as error:
        return _unchecked(data), f"bị từ chối: {error.errors[0].message[:60]}…"


LIMITS = ("MAX_RECIPIENTS", "MAX_APPENDIX_ROWS", "MAX_APPENDIX_COLUMNS", "MAX_APPENDIX_CELLS",
          "MAX_FIELD_CHARS", "MAX_DOCUMENT_CHARS")


def _unchecked(data: dict):
    """The plan past the limits, the limits switched off for the moment."""
    saved = {name: getattr(model, name) for name in LIMITS}
    for name in LIMITS:
        setattr(model, name, 10**12)
    try:
        return parse_plan_data(data)
    finally:
        for name, value in saved.items():
            setattr(model, name, value)


def measure(name: str, data: dict, timeout: float) -> None:
    plan, verdict = plan_of(data)
    document = render_plan(plan)
    began = time.perf_counter()
    try:
        cold.convert(document, archive=False, timeout=timeout)
        print(f"  {name:<44} {time.perf_counter() - began:6.1f} s   ({verdict})", flush=True)
    except PdfError:
        print(f"  {name:<44} quá {timeout:.0f} s, dừng   ({verdict})", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--past", action="store_true", help="also twice and four times the limits")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a conversion is stopped")
    args = parser.parse_args()
    base = editable_data(load_plan(SAMPLE))
    n = vn.format_number
    print(f"PDF (soffice --convert-to) của mẫu 002 lớn dần; thời hạn {args.timeout:.0f} s:")
    measure("mẫu 002 như có", base, args.timeout)
    cases = [
        (f"{n(model.MAX_RECIPIENTS)} nơi nhận", {"recipients": model.MAX_RECIPIENTS}),
        (f"{n(model.MAX_APPENDIX_ROWS)} dòng phụ lục × 8 cột", {"rows": model.MAX_APPENDIX_ROWS, "columns": 8}),
        (f"400 dòng × {model.MAX_APPENDIX_COLUMNS} cột", {"rows": 400, "columns": model.MAX_APPENDIX_COLUMNS}),
        (f"một đoạn {n(model.MAX_FIELD_CHARS)} ký tự", {"paragraph": model.MAX_FIELD_CHARS}),
        (f"{n(model.MAX_DOCUMENT_CHARS)} ký tự (đoạn 19.000 ký tự)", {"text": model.MAX_DOCUMENT_CHARS - 60_000}),
        ("tất cả các giới hạn cùng lúc", {"recipients": model.MAX_RECIPIENTS, "rows": model.MAX_APPENDIX_ROWS,
                                          "columns": 8,
                                          "paragraph": model.MAX_FIELD_CHARS,
                                          "text": model.MAX_DOCUMENT_CHARS - 120_000}),
    ]
    for name, sizes in cases:
        measure(name, grown(base, **sizes), args.timeout)
    if args.past:
        for factor in (2, 4):
            for name, sizes in cases[:4]:
                past = {k: v * factor if k != "columns" else v for k, v in sizes.items()}
                measure(f"{factor} × ({name})", grown(base, **past), args.timeout)
        measure("190 dòng × 63 cột (bảng rộng nhất của Word)", grown(base, rows=190, columns=63), args.timeout)


if __name__ == "__main__":
    main()
