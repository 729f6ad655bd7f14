"""Reports of the samples, through the YAML a clerk would get."""

from __future__ import annotations

from docgen.plan.model import Plan
from docgen.plan.files import parse_plan_text, plan_to_yaml
from docgen.reports import report_from

from ..doctypes.docx_reading import word_document


def via_yaml(plan: Plan) -> Plan:
    """The plan as ``docgen report-from`` writes it and a later command reads it."""
    return parse_plan_text(plan_to_yaml(plan), "bao-cao.yaml")


def report_of(plan: Plan, **options) -> Plan:
    return via_yaml(report_from(plan, **options))


def with_results(report: Plan, results: dict[int, int | str | None], appendix: int = 0) -> dict:
    """The report's data with results typed into rows (0-based) of its first
    results column."""
    data = report.model_dump(mode="json", exclude_none=True)
    table = data["appendices"][appendix]
    key = next(c["key"] for c in table["columns"] if c.get("target"))
    for row, value in results.items():
        table["rows"][row][key] = value
    return data


def appendix_rows(data: bytes) -> list[list[str]]:
    """The last table's rows as printed, a cell spanning grid columns once."""
    table = word_document(data).tables[-1]
    return [[tc.xpath("string(.)").strip() for tc in row._tr.tc_lst] for row in table.rows]
