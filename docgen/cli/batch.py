"""Batch commands: ``batch``, ``batch-plan``, ``batch-example``, ``worker``, ``jobs clean``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import JOBS_DAYS, JOBS_DIR, jobs_store


def _batch_inputs(template_file: Path, units_file: Path, parent_file: Path | None, appendix: int):
    """The template, the units table and the parent plan, or exit 2 with the
    problems on stderr. A plan (.yaml/.yml/.json, or a Word file .docx read
    as `docgen import` reads it) as units source gives its appendix's rows as
    units and is itself the parent plan; a Word plan's import warnings go to
    stderr."""
    from ..batch.inputs import BatchInputError, load_inputs

    def read(path: Path) -> tuple[str, bytes]:
        try:
            return str(path), path.read_bytes()
        except OSError:
            raise BatchInputError([f"{path}: không mở được tệp"]) from None

    try:
        inputs = load_inputs(read(template_file), read(units_file),
                             read(parent_file) if parent_file else None, appendix)
    except BatchInputError as error:
        for line in error.messages:
            click.echo(line, err=True)
        sys.exit(2)
    for line in inputs.warnings:
        click.echo(line, err=True)
    return inputs.template, inputs.units, inputs.parent


_BATCH_INPUTS = [
    click.argument("template_file", type=click.Path(dir_okay=False, path_type=Path)),
    click.argument("units_file", type=click.Path(dir_okay=False, path_type=Path)),
    click.option("--parent", "parent_file", type=click.Path(dir_okay=False, path_type=Path),
                 help="The document the units implement (.yaml/.json or .docx), for the \"Thực hiện … số …\" sentence."),
    click.option("--appendix", default=1, show_default=True, type=click.IntRange(min=1),
                 help="Which appendix of a plan given as UNITS_FILE lists the units."),
]


def _with_batch_inputs(command):
    for decorator in reversed(_BATCH_INPUTS):
        command = decorator(command)
    return command


@click.command()
@_with_batch_inputs
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the ZIP.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per CPU).")
@click.option("--pdf", "with_pdf", is_flag=True, help="Put each plan's PDF beside its .docx in the ZIP.")
def batch(template_file: Path, units_file: Path, parent_file: Path | None, appendix: int,
          output: Path, workers: int | None, with_pdf: bool) -> None:
    """One plan per unit: TEMPLATE_FILE (a plan with {{ placeholders }}) filled
    from each row of UNITS_FILE (.xlsx, .csv, or a plan whose appendix lists
    the units), into a ZIP of .docx files with manifest.csv and loi.csv.

    Exit status: 0 all rendered, 1 some rows invalid (see loi.csv), 2 nothing
    rendered (template or table unusable)."""
    import os

    from ..batch.pool import Workers
    from ..batch.runner import warm_worker

    # Forked before the sheet is read, the workers do not carry it; they
    # compile the Word template while it is read.
    with Workers(workers or os.cpu_count() or 1, warm_worker) as pool:
        result = _batch_run(template_file, units_file, parent_file, appendix, output, workers, pool, with_pdf)
    for problem in result.errors[:20]:
        click.echo(f"{units_file}: {problem}", err=True)
    if len(result.errors) > 20:
        click.echo(f"… và {len(result.errors) - 20} lỗi khác (xem loi.csv trong tệp ZIP)", err=True)
    flagged = [e for e in result.entries if e.file and e.errors]
    for entry in flagged[:20]:
        click.echo(f"{entry.file}: {entry.errors} lỗi, {entry.warnings} cảnh báo khi kiểm tra; {entry.first}", err=True)
    if len(flagged) > 20:
        click.echo(f"… và {len(flagged) - 20} văn bản khác có lỗi (xem manifest.csv trong tệp ZIP)", err=True)
    click.echo(f"{output}: {result.summary}")
    sys.exit(1 if result.failed else 0)


def _batch_run(template_file: Path, units_file: Path, parent_file: Path | None, appendix: int,
               output: Path, workers: int | None, pool, with_pdf: bool = False):
    """``docgen batch`` once its worker processes are started: the result,
    or exit 2 with the messages."""
    from ..batch import TemplatePlanError, run_batch
    from ..batch.limits import LimitConfigError, RenderLimitError
    from ..pdf import PdfError

    template, units, parent = _batch_inputs(template_file, units_file, parent_file, appendix)
    temporary = output.with_name(output.name + ".part")
    with click.progressbar(length=max(1, len(units.units)), label="Đang tạo văn bản",
                           file=sys.stderr, show_pos=True) as bar:
        shown = 0

        def progress(done: int, total: int) -> None:
            nonlocal shown
            bar.length = max(1, total)
            bar.update(done - shown)
            shown = done

        try:
            with temporary.open("wb") as stream:
                result = run_batch(template, units, stream, parent=parent, progress=progress,
                                   workers=workers, pool=pool, pdf=with_pdf)
        except TemplatePlanError as error:
            temporary.unlink(missing_ok=True)
            click.echo("", err=True)
            for line in error.errors:
                click.echo(f"{template_file}: {line}", err=True)
            sys.exit(2)
        except (RenderLimitError, LimitConfigError, PdfError) as error:  # a unit over a limit; a bad setting; no PDF
            temporary.unlink(missing_ok=True)
            click.echo("", err=True)
            click.echo(f"{template_file}: {getattr(error, 'message', error)}", err=True)
            sys.exit(2)
    temporary.replace(output)
    return result


@click.command("batch-plan")
@_with_batch_inputs
@click.option("--unit", "unit_name", required=True, help="The unit's name (column ten_don_vi).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the unit's plan (.yaml) or document (.docx).")
def batch_plan(template_file: Path, units_file: Path, parent_file: Path | None, appendix: int,
               unit_name: str, output: Path) -> None:
    """One unit's plan from a batch, as YAML (to check or edit, then `docgen
    render`) or, when OUTPUT ends in .docx, as the document."""
    from ..batch import derive_plan
    from ..batch.template import LimitExceeded
    from ..plan.files import plan_to_yaml
    from ..vietnamese.names import same_unit

    template, units, parent = _batch_inputs(template_file, units_file, parent_file, appendix)
    unit = next((u for u in units.units if same_unit(u.name, unit_name)), None)
    if unit is None:
        problems = [e for e in units.errors if e.unit and same_unit(e.unit, unit_name)]
        for problem in problems:
            click.echo(f"{units_file}: {problem}", err=True)
        if not problems:
            click.echo(f"{units_file}: không có đơn vị “{unit_name}”", err=True)
        sys.exit(2)
    try:
        derived = derive_plan(template, unit, parent)
    except LimitExceeded as error:  # runs here without the batch's time limit: the sandbox's still hold
        click.echo(f"{template_file}: {unit.name}: {error}", err=True)
        sys.exit(2)
    if derived.plan is None:
        for line in derived.errors:
            click.echo(f"{unit_name}: {line}", err=True)
        sys.exit(2)
    if output.suffix.lower() == ".docx":
        from ..document.render import render_plan

        output.write_bytes(render_plan(derived.plan))
    else:
        output.write_text(plan_to_yaml(derived.plan), encoding="utf-8")
    click.echo(f"{output}")


@click.command("batch-example")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the example units sheet (.xlsx).")
@click.option("--province", default=None,
              help="List every commune, ward and special zone of this province (after the 2025 "
                   "reorganisation), e.g. \"Gia Lai\", instead of two example rows.")
def batch_example(output: Path, province: str | None) -> None:
    """Write the example units sheet (the documented columns, two rows), or a
    province's sheet of all its units."""
    from ..batch import example_sheet_bytes
    from ..batch.example import province_sheet
    from ..batch.official_units import UnknownProvince

    if province is None:
        output.write_bytes(example_sheet_bytes())
        click.echo(f"{output}")
        return
    try:
        name, count, sheet = province_sheet(province)
    except UnknownProvince as error:
        click.echo(f"--province: {error}", err=True)
        sys.exit(2)
    output.write_bytes(sheet)
    click.echo(f"{output}: {count} đơn vị của {name}")


@click.command()
@click.option("--redis-url", envvar="REDIS_URL", required=True,
              help="Redis of the job queue (default: $REDIS_URL).")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@JOBS_DIR
@JOBS_DAYS
def worker(redis_url: str, burst: bool, jobs_dir: Path | None, days: str | None) -> None:
    """Run batch jobs from the RQ queue (start one or more per machine; every
    machine needs the same DOCGEN_JOBS_DIR, e.g. a network share). Deletes
    expired jobs at start and daily, as `docgen jobs clean` does; at start,
    and when Redis comes back empty after a restart, also queues again the
    steps of jobs whose worker died or that Redis lost. Waits for Redis
    when it does not answer, at start too, instead of stopping."""
    from ..jobs.expiry import start_daily_clean
    from ..jobs.worker import run

    store, days_kept = jobs_store(jobs_dir, days)
    start_daily_clean(store, days_kept)
    run(redis_url, store, burst=burst)


@click.group()
def jobs() -> None:
    """Batch jobs started from the web (their uploads and results)."""


@jobs.command("clean")
@JOBS_DIR
@JOBS_DAYS
def jobs_clean(jobs_dir: Path | None, days: str | None) -> None:
    """Delete the folders of jobs that ended more than --days days ago
    (uploads, result ZIP, status). Jobs still queued or running are kept."""
    from ..jobs.expiry import clean

    store, days_kept = jobs_store(jobs_dir, days)
    deleted = clean(store, days_kept)
    for job_id in deleted:
        click.echo(f"{store.root / job_id}")
    click.echo(f"Đã xóa {len(deleted)} lô hết hạn (giữ {days_kept:g} ngày sau khi kết thúc).")
