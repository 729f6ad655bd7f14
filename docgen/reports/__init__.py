"""Báo cáo, the report that follows a plan.

- :func:`report_from`: a report derived from a plan (``docgen report-from``),
  for the plan's own unit or for a unit the plan gave tasks to;
- :func:`results_sheet` / :func:`read_results_sheet`: the results sheet a
  unit fills in, one row per target line (``docgen report-sheet``);
- :func:`summary_report`: the province's summary report, totalling the
  units' results sheets (``docgen report-summary``).

Everything here builds a plan model of type ``bao_cao``; rendering and
checking are the core's, as for any plan.
"""

from .derive import report_from
from .sheet import ResultsSheetError, read_results_sheet, results_sheet
from .summary import summary_report

__all__ = ["ResultsSheetError", "read_results_sheet", "report_from", "results_sheet", "summary_report"]
