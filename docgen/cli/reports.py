"""The report commands of the ``docgen`` command line: ``report-from``,
``report-sheet`` and ``report-summary`` (docgen.reports)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from pydantic import ValidationError

from ..plan.model import Period, Plan
from ..plan.files import plan_to_yaml
from .common import plan_and_notices

SHEET_FILES = (".xlsx", ".csv")


def _plan(path: Path) -> Plan:
    """The plan, or exit 2 with its field errors (as every command reads one)."""
    return plan_and_notices(path)[0]


def _period(plan: Plan, start: str | None, end: str | None) -> Period | None:
    """The period from the options, a missing end taken from the plan's
    campaign; None when neither option is given."""
    if start is None and end is None:
        return None
    campaign = plan.campaign
    start = start or (campaign.start.isoformat() if campaign and campaign.start else None)
    end = end or (campaign.end.isoformat() if campaign and campaign.end else None)
    if start is None or end is None:
        click.echo("--period-start/--period-end: văn bản không có ngày của đợt, cần ghi cả hai ngày", err=True)
        sys.exit(2)
    try:
        return Period(start=start, end=end)
    except ValidationError as error:
        for item in error.errors():
            option = {"start": "--period-start", "end": "--period-end"}.get(str(item["loc"][0]) if item["loc"] else "",
                                                                           "--period-start/--period-end")
            click.echo(f"{option}: {item['msg'].removeprefix('Value error, ')}", err=True)
        sys.exit(2)


def _sheet_files(paths: tuple[Path, ...]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix.lower() in SHEET_FILES and not p.name.startswith("~$"))
        else:
            files.append(path)
    return files


_PERIOD_OPTIONS = (
    click.option("--period-start", default=None, help="First day reported on (01/9/2023); default: the campaign's."),
    click.option("--period-end", default=None, help="Last day reported on (20/10/2023); default: the campaign's."),
)


def _with_period(command):
    for option in reversed(_PERIOD_OPTIONS):
        command = option(command)
    return command


@click.command("report-from")
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the report (YAML).")
@click.option("--unit", "unit_name", default=None,
              help="The reporting unit, e.g. \"UBND xã Ia Kha\"; default: the plan's own unit.")
@_with_period
def report_from_command(plan_file: Path, output: Path, unit_name: str | None,
                        period_start: str | None, period_end: str | None) -> None:
    """Derive a report (Báo cáo) on PLAN_FILE: the reporting unit's header,
    "Thực hiện Kế hoạch số …", the results per task group to fill in, the
    appendix's targets with a results column, difficulties and proposals."""
    from ..reports import report_from

    plan = _plan(plan_file)
    try:
        report = report_from(plan, unit=unit_name, period=_period(plan, period_start, period_end))
    except ValueError as error:
        click.echo(f"--unit: {error}", err=True)
        sys.exit(2)
    output.write_text(plan_to_yaml(report), encoding="utf-8")
    click.echo(f"{output}")


@click.command("report-sheet")
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the results sheet (.xlsx).")
@click.option("--unit", "unit_name", default=None,
              help="Only this unit's lines, e.g. \"UBND huyện Đak Pơ\"; default: every line.")
@click.option("--appendix", type=click.IntRange(min=1), default=1, show_default=True,
              help="Which appendix of the plan holds the targets.")
def report_sheet_command(plan_file: Path, output: Path, unit_name: str | None, appendix: int) -> None:
    """Write the results sheet (.xlsx) a unit fills in: one row per
    target line of PLAN_FILE's appendix, a results column beside each
    target; `docgen report-summary` totals the filled sheets."""
    from ..reports import ResultsSheetError, report_from, results_sheet

    plan = _plan(plan_file)
    report = report_from(plan, unit=unit_name)
    if not report.appendices:
        click.echo(f"{plan_file}: không có phụ lục chỉ tiêu (cột số) để lập bảng kết quả", err=True)
        sys.exit(2)
    if appendix > len(report.appendices):
        click.echo(f"--appendix: chỉ có {len(report.appendices)} phụ lục chỉ tiêu", err=True)
        sys.exit(2)
    try:
        output.write_bytes(results_sheet(report.appendices[appendix - 1]))
    except ResultsSheetError as error:
        click.echo(f"{plan_file}: {error}", err=True)
        sys.exit(2)
    click.echo(f"{output}")


@click.command("report-summary")
@click.argument("sheets", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--plan", "plan_file", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The plan reported on (the province's plan, with the targets' appendix).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the summary report (YAML).")
@click.option("--appendix", type=click.IntRange(min=1), default=1, show_default=True,
              help="Which appendix of the plan holds the targets.")
@_with_period
def report_summary_command(sheets: tuple[Path, ...], plan_file: Path, output: Path, appendix: int,
                           period_start: str | None, period_end: str | None) -> None:
    """Total the units' results SHEETS (.xlsx/.csv files, or folders of
    them) into the summary report on the plan: each line's results
    summed, the total row and "Tỷ lệ đạt" computed from the totals."""
    from ..reports import ResultsSheetError, summary_report

    plan = _plan(plan_file)
    files = _sheet_files(sheets)
    try:
        report = summary_report(plan, [(str(f), f.read_bytes()) for f in files],
                                period=_period(plan, period_start, period_end), appendix=appendix - 1)
    except ResultsSheetError as error:
        for problem in error.problems:
            click.echo(problem, err=True)
        sys.exit(2)
    output.write_text(plan_to_yaml(report), encoding="utf-8")
    click.echo(f"{output}: {len(files)} bảng kết quả")
