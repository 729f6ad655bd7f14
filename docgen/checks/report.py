"""Checks of a report (Báo cáo) as data: what it reports on, the period it
covers, its results against their targets, and what is left to fill in.

- ``report.no_reference``: a report that names no document it reports on
  (neither ``reference`` nor an opening typed "Thực hiện … số …");
- ``report.reference_number``: the document reported on has no number or day;
- ``report.period_outside``: the reporting period is not inside the plan's
  campaign (its dates as the report keeps them);
- ``report.result_under_target`` / ``report.result_over_target``: a result
  below its target (warning) or above it (info), with the row and column;
- ``report.result_missing``: results not entered yet.

The "…" that ``docgen report-from`` leaves where the clerk writes the facts
and the signer are errors of every document (``content.to_fill``,
:mod:`docgen.checks.to_fill`).

A result that is not a number never reaches these checks: the plan model
refuses it with its row and column, as the results sheets' reader does.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from ..vietnamese import dates, vn
from .. import doctypes
from ..plan.appendix import format_value
from ..plan.labels import field_label
from ..plan.model import Appendix, Plan
from .findings import Finding, Where, excerpt

REPORT = doctypes.REPORT


def is_report(plan: Plan) -> bool:
    return doctypes.for_plan(plan).key == REPORT


def check_report(plan: Plan) -> list[Finding]:
    """The report findings of ``plan``, each with
    the plan's field it concerns. A plan that is not a report gets the
    results checks only when its appendix has results columns."""
    findings = _results(plan)
    if is_report(plan):
        findings = _reference(plan) + _period(plan) + findings
    data = plan.model_dump(mode="json", exclude_none=True)
    return [_labelled(f, data) for f in findings]


def _labelled(finding: Finding, data) -> Finding:
    from dataclasses import replace

    return replace(finding, label=field_label(finding.path, data)) if finding.path else finding


def _cites_in_opening(plan: Plan) -> bool:
    """An opening typed by hand that already cites a document ("Thực hiện
    Kế hoạch số …")."""
    prefixes = [t.implementing_prefix.casefold() for t in doctypes.ALL.values()]
    return any(vn.nfc(text).strip().casefold().startswith(prefixes_item)
               for text in plan.opening for prefixes_item in prefixes)


def _reference(plan: Plan) -> list[Finding]:
    reference = plan.reference
    if reference is None and _cites_in_opening(plan):
        return []
    if reference is None:
        return [Finding(
            "report.no_reference", "warning", Where("opening"),
            "báo cáo không ghi văn bản được báo cáo (“Thực hiện … số … ngày … của …”)",
            "điền phần “Văn bản được báo cáo”: loại, số, ký hiệu, ngày và cơ quan ban hành",
            path="reference",
        )]
    missing = [word for word, absent in (("số", reference.number is None), ("ngày", reference.date.day is None))
               if absent]
    if missing:
        return [Finding(
            "report.reference_number", "warning", Where("opening"),
            f"văn bản được báo cáo chưa có {' và '.join(missing)} ({reference.type_name} còn là dự thảo?)",
            "điền số và ngày ban hành của văn bản được báo cáo khi đã có",
            path="reference.number" if reference.number is None else "reference.date.day",
        )]
    return []


def _period(plan: Plan) -> list[Finding]:
    period, campaign = plan.period, plan.campaign
    if period is None or campaign is None or not (campaign.start or campaign.end):
        return []
    shown = f"{dates.short_date(period.start)} - {dates.short_date(period.end)}"
    problems = []
    if campaign.start and period.start < campaign.start:
        problems.append(f"bắt đầu ({dates.short_date(period.start)}) trước ngày bắt đầu của đợt "
                        f"({dates.short_date(campaign.start)})")
    if campaign.end and period.end > campaign.end:
        problems.append(f"kết thúc ({dates.short_date(period.end)}) sau ngày kết thúc của đợt "
                        f"({dates.short_date(campaign.end)})")
    if not problems:
        return []
    return [Finding(
        "report.period_outside", "warning", Where("document", excerpt=f"kỳ báo cáo {shown}"),
        "kỳ báo cáo không nằm trong thời gian của đợt: " + "; ".join(problems),
        "sửa kỳ báo cáo cho nằm trong đợt, hoặc sửa ngày của đợt theo văn bản được báo cáo",
        path="period",
    )]


def _exact(value) -> Fraction:
    return Fraction(Decimal(repr(value))) if isinstance(value, float) else Fraction(value)


def _appendix_where(plan: Plan, index: int, text: str) -> Where:
    numeral = vn.roman(index + 1) if len(plan.appendices) > 1 else None
    return Where("appendix", numeral, None, excerpt(text))


def _row_name(appendix: Appendix, row: dict, number: int) -> str:
    name_column = next((c for c in appendix.columns if c.type == "text"), None)
    name = str(row.get(name_column.key) or "") if name_column else ""
    return f"dòng {number}" + (f" ({name})" if name else "")


def _results(plan: Plan) -> list[Finding]:
    out = []
    for index, appendix in enumerate(plan.appendices):
        by_key = {c.key: c for c in appendix.columns}
        for column in (c for c in appendix.columns if c.target):
            target_column = by_key[column.target]
            missing = []
            for number, row in enumerate(appendix.rows, start=1):
                result, target = row.get(column.key), row.get(column.target)
                if result is None:
                    missing.append(number)
                    continue
                if target is None or result == target:
                    continue
                where_text = f"{_row_name(appendix, row, number)}, cột “{column.title}”"
                path = f"appendices.{index}.rows.{number - 1}.{column.key}"
                shown_result, shown_target = format_value(column, result), format_value(target_column, target)
                rate = f" (đạt {vn.format_percent(_exact(result) / _exact(target))})" if target else ""
                if result < target:
                    out.append(Finding(
                        "report.result_under_target", "warning", _appendix_where(plan, index, where_text),
                        f"kết quả {shown_result} chưa đạt chỉ tiêu {shown_target}{rate}",
                        "kiểm tra số liệu; nêu nguyên nhân ở mục Khó khăn, vướng mắc", path=path,
                    ))
                else:
                    out.append(Finding(
                        "report.result_over_target", "info", _appendix_where(plan, index, where_text),
                        f"kết quả {shown_result} vượt chỉ tiêu {shown_target}{rate}",
                        "kiểm tra lại số liệu nếu vượt nhiều bất thường", path=path,
                    ))
            if missing:
                shown = ", ".join(str(n) for n in missing[:10]) + (", …" if len(missing) > 10 else "")
                out.append(Finding(
                    "report.result_missing", "warning",
                    _appendix_where(plan, index, f"cột “{column.title}”"),
                    f"cột “{column.title}” còn {len(missing)} dòng chưa có kết quả (dòng {shown})",
                    f"nhập kết quả so với cột “{target_column.title}”",
                    path=f"appendices.{index}.rows.{missing[0] - 1}.{column.key}",
                ))
    return out
