"""The province's summary report: the report on its plan (as
``report_from`` derives it) with the appendix's results the total of the
units' results sheets, row by row. The total row and "Tỷ lệ đạt" are the
appendix's own arithmetic: the rate of the totals, not a sum of rates
(:mod:`docgen.plan.appendix`, as seed 002 computes its total row).
"""

from __future__ import annotations

import hashlib
from fractions import Fraction

from ..plan.model import Period, Plan
from .derive import report_from
from .sheet import ResultsSheetError, read_results_sheet


def summary_report(plan: Plan, sheets: list[tuple[str, bytes]], *, period: Period | None = None,
                   appendix: int = 0) -> Plan:
    """The report on ``plan`` with results from ``sheets`` (file name, bytes)
    summed into its appendix ``appendix`` (0-based). A line reported by
    several sheets (say, a district's communes) adds up. Raises
    :class:`ResultsSheetError` with every problem of every sheet."""
    report = report_from(plan, period=period)
    if not 0 <= appendix < len(report.appendices):
        raise ResultsSheetError([f"chỉ có {len(report.appendices)} phụ lục có chỉ tiêu, "
                                 f"không có phụ lục thứ {appendix + 1}"])
    if not sheets:
        raise ResultsSheetError(["chưa có bảng kết quả nào của các đơn vị"])
    target = report.appendices[appendix]
    totals: dict[tuple[int, str], Fraction] = {}
    problems: list[str] = []
    first_of: dict[str, str] = {}
    for name, content in sheets:
        digest = hashlib.sha256(content).hexdigest()
        if digest in first_of:
            problems.append(f"{name}: trùng nội dung với tệp {first_of[digest]} (một bảng chỉ cộng một lần)")
            continue
        first_of[digest] = name
        try:
            results = read_results_sheet(name, content, target)
        except ResultsSheetError as error:
            problems.extend(error.problems)
            continue
        for line in results:
            for key, value in line.results.items():
                totals[(line.row, key)] = totals.get((line.row, key), Fraction(0)) + Fraction(str(value))
    if problems:
        raise ResultsSheetError(problems)
    data = report.model_dump(mode="json", exclude_none=True)
    rows = data["appendices"][appendix]["rows"]
    for (row, key), value in totals.items():
        rows[row][key] = int(value) if value.denominator == 1 else float(value)
    return Plan.model_validate(data)
