"""The ``docgen`` command line."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import doctypes
from .dates import short_date
from .model import Plan
from .plan_io import PlanFileError, label_notices, load_plan, load_plan_data, parse_plan_data


def _plan_and_notices(plan_file: Path):
    """The plan and the labels typed in it that are not printed, or exit 2
    with the field errors on stderr."""
    try:
        data = load_plan_data(plan_file)
        return parse_plan_data(data, str(plan_file)), label_notices(data)
    except PlanFileError as error:
        for line in error.errors:
            click.echo(f"{error.source}: {line}", err=True)
        sys.exit(2)


@click.group()
def main() -> None:
    """docgen: Vietnamese official documents (plans, reports: docgen.doctypes) as Decree-30 Word documents."""


@main.command()
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the .docx (the .pdf with --pdf).")
@click.option("--pdf", "as_pdf", is_flag=True, help="Write the PDF (LibreOffice) instead of the .docx.")
@click.option("--pdf-a", "archive", is_flag=True, help="Write a PDF/A-2b file, for archiving (implies --pdf).")
def render(plan_file: Path, output: Path, as_pdf: bool, archive: bool) -> None:
    """Render PLAN_FILE (YAML or JSON) to a .docx, or a PDF with --pdf.

    Exit status: 0 written, 1 the PDF could not be made (the message says
    why), 2 the plan has errors."""
    from .render import render_plan

    plan, notices = _plan_and_notices(plan_file)
    for notice in notices:
        click.echo(f"{plan_file}: {notice}", err=True)
    document = render_plan(plan)
    if as_pdf or archive:
        from .pdf import PdfError, docx_to_pdf

        try:
            document = docx_to_pdf(document, archive=archive)
        except PdfError as error:
            click.echo(f"{plan_file}: {error}", err=True)
            sys.exit(1)
    output.write_bytes(document)
    click.echo(f"{output}")


@main.command()
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
def validate(plan_file: Path) -> None:
    """Check PLAN_FILE against the plan model; print field errors, and the
    labels typed at the start of a title or item that the model took off."""
    _, notices = _plan_and_notices(plan_file)
    for notice in notices:
        click.echo(f"{plan_file}: {notice}")
    click.echo(f"{plan_file}: OK")


def _read_source(source_file: str) -> tuple[str, bytes]:
    """The name to cite and the bytes of FILE (``-``: standard input), or
    exit 2 with the reason."""
    name = "stdin" if source_file == "-" else source_file
    try:
        return name, sys.stdin.buffer.read() if source_file == "-" else Path(source_file).read_bytes()
    except FileNotFoundError:
        click.echo(f"{name}: không tìm thấy tệp", err=True)
    except (IsADirectoryError, PermissionError) as error:
        click.echo(f"{name}: không đọc được tệp ({error.strerror})", err=True)
    sys.exit(2)


def _refused(name: str, error: Exception):
    click.echo(f"{name}: không nhập được: {error}", err=True)
    sys.exit(2)


@main.command("import")
@click.argument("source_file", metavar="FILE")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the plan (YAML).")
def import_(source_file: str, output: Path) -> None:
    """Read an existing plan (FILE: .docx, .txt, or - for text on stdin) into
    a plan file; what could not be placed is listed on stderr with its
    paragraph number."""
    from .importing.importer import import_bytes, warning_lines
    from .importing.parse import ImportRefused
    from .plan_io import plan_to_yaml

    name, data = _read_source(source_file)
    try:
        result = import_bytes(data, name)
    except ImportRefused as error:
        _refused(name, error)
    output.write_text(plan_to_yaml(result.plan), encoding="utf-8")
    for line in warning_lines(result, name):
        click.echo(line, err=True)
    click.echo(f"{output}")


@main.command()
@click.argument("source_file", metavar="FILE")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the re-laid-out .docx.")
def normalize(source_file: str, output: Path) -> None:
    """Re-issue an existing plan (FILE: .docx, .txt, or - on stdin) in the
    Decree-30 layout: import it, then render it as `docgen render` does. The
    import's warnings go to stderr, as `docgen import` prints them."""
    from .importing.importer import warning_lines
    from .importing.normalize import normalize_bytes
    from .importing.parse import ImportRefused

    name, data = _read_source(source_file)
    try:
        result = normalize_bytes(data, name)
    except ImportRefused as error:
        _refused(name, error)
    output.write_bytes(result.docx)
    for line in warning_lines(result.imported, name):
        click.echo(line, err=True)
    click.echo(f"{output}")


@main.command()
def schema() -> None:
    """Print the JSON Schema of a plan."""
    click.echo(json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Worker threads (per process).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes serving the same port (one per core uses every core).")
def serve(host: str, port: int, threads: int, workers: int) -> None:
    """Serve the web application for clerks (waitress).

    Needs DOCGEN_SECRET_KEY (at least 32 bytes); session cookies are sent
    over HTTPS only unless DOCGEN_INSECURE_COOKIES=1 (an intranet served over
    plain HTTP); DOCGEN_PROXIES=N behind N reverse proxies."""
    from waitress import serve as waitress_serve

    from .app import ConfigError, create_app, production_config, waitress_options

    try:
        config = production_config()
        app = create_app(config) if workers == 1 else None
    except ConfigError as error:
        click.echo(str(error), err=True)
        sys.exit(2)
    click.echo(f"docgen: http://{host}:{port}/" + (f" ({workers} processes)" if workers > 1 else ""))
    # Bodies beyond this never reach Flask; Flask's own limit (MAX_CONTENT_LENGTH)
    # answers with a clear message well below it.
    options = {"max_request_body_size": 64 * 1024 * 1024, "ident": "docgen"}
    if app is not None:
        waitress_serve(app, host=host, port=port, threads=threads, **options, **waitress_options(app))
        return
    from .storage import db
    from .web.prefork import serve_workers

    # SQLite is migrated on first use; here once, before the workers could race to it.
    engine = db.make_engine(os.environ.get("DATABASE_URL") or None)
    if db.auto_upgrades(engine):
        db.ensure_schema(engine)
    engine.dispose()

    def make_app(housekeeping: bool):  # in each worker, after the fork
        try:
            worker_app = create_app({**config, "JOBS_HOUSEKEEPING": housekeeping})
        except ConfigError as error:
            click.echo(str(error), err=True)
            sys.exit(2)
        return worker_app, {**options, **waitress_options(worker_app)}

    sys.exit(serve_workers(make_app, host, port, workers, threads))


# --- batch: one plan per unit ------------------------------------------------------


def _batch_inputs(template_file: Path, units_file: Path, parent_file: Path | None, appendix: int):
    """The template, the units table and the parent plan, or exit 2 with the
    problems on stderr. A plan (.yaml/.yml/.json, or a Word file .docx read
    as `docgen import` reads it) as units source gives its appendix's rows as
    units and is itself the parent plan; a Word plan's import warnings go to
    stderr."""
    from .batch.inputs import BatchInputError, load_inputs

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


@main.command()
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

    from .batch.pool import Workers
    from .batch.runner import warm_worker

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
    from .batch import TemplatePlanError, run_batch
    from .batch.limits import LimitConfigError, RenderLimitError
    from .pdf import PdfError

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


@main.command("batch-plan")
@_with_batch_inputs
@click.option("--unit", "unit_name", required=True, help="The unit's name (column ten_don_vi).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the unit's plan (.yaml) or document (.docx).")
def batch_plan(template_file: Path, units_file: Path, parent_file: Path | None, appendix: int,
               unit_name: str, output: Path) -> None:
    """One unit's plan from a batch, as YAML (to check or edit, then `docgen
    render`) or, when OUTPUT ends in .docx, as the document."""
    from .batch import derive_plan
    from .batch.template import LimitExceeded
    from .plan_io import plan_to_yaml
    from .vn import same_text

    template, units, parent = _batch_inputs(template_file, units_file, parent_file, appendix)
    unit = next((u for u in units.units if same_text(u.name, unit_name, casefold=True)), None)
    if unit is None:
        problems = [e for e in units.errors if e.unit and same_text(e.unit, unit_name, casefold=True)]
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
        from .render import render_plan

        output.write_bytes(render_plan(derived.plan))
    else:
        output.write_text(plan_to_yaml(derived.plan), encoding="utf-8")
    click.echo(f"{output}")


@main.command("batch-example")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the example units sheet (.xlsx).")
@click.option("--province", default=None,
              help="List every commune, ward and special zone of this province (after the 2025 "
                   "reorganisation), e.g. \"Gia Lai\", instead of two example rows.")
def batch_example(output: Path, province: str | None) -> None:
    """Write the example units sheet (the documented columns, two rows), or a
    province's sheet of all its units."""
    from .batch import example_sheet_bytes
    from .batch.example import province_sheet
    from .batch.official_units import UnknownProvince

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


@main.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def check(path: Path, as_json: bool) -> None:
    """Check PATH (a plan in YAML/JSON, or a .docx) against Decree 30 and itself.

    Prints one line per finding; exit status 1 if any is an error, 2 if the
    file cannot be read."""
    from .checks import UnreadableDocument, check_docx, check_plan, has_errors

    try:
        if path.suffix.lower() == ".docx":
            findings = check_docx(path.read_bytes())
        else:
            findings = check_plan(load_plan(path))
    except PlanFileError as error:
        for line in error.errors:
            click.echo(f"{error.source}: {line}", err=True)
        sys.exit(2)
    except (OSError, UnreadableDocument) as error:
        click.echo(f"{path}: không đọc được tệp .docx ({error})", err=True)
        sys.exit(2)
    if as_json:
        click.echo(json.dumps({
            "file": str(path),
            "errors": sum(f.severity == "error" for f in findings),
            "warnings": sum(f.severity == "warning" for f in findings),
            "findings": [f.to_dict() for f in findings],
        }, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(finding.line())
        if not findings:
            click.echo(f"{path}: không phát hiện vấn đề")
    sys.exit(1 if has_errors(findings) else 0)


def _jobs_store(jobs_dir: Path | None, days: str | None):
    """The job store and the retention in days, or exit 2 with the reason."""
    from .jobs.expiry import JobsDaysError, jobs_days
    from .jobs.store import DEFAULT_ROOT, JobStore

    try:
        return JobStore(jobs_dir or DEFAULT_ROOT), jobs_days(days)
    except JobsDaysError as error:
        click.echo(str(error), err=True)
        sys.exit(2)


_JOBS_DIR = click.option("--jobs-dir", envvar="DOCGEN_JOBS_DIR", default=None,
                         type=click.Path(file_okay=False, path_type=Path),
                         help="Batch jobs (default: $DOCGEN_JOBS_DIR, else instance/jobs).")
_JOBS_DAYS = click.option("--days", envvar="DOCGEN_JOBS_DAYS", default=None,
                          help="Days a job's files are kept after it ended "
                               "(default: $DOCGEN_JOBS_DAYS, else 7).")


@main.command()
@click.option("--redis-url", envvar="REDIS_URL", required=True,
              help="Redis of the job queue (default: $REDIS_URL).")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
@_JOBS_DIR
@_JOBS_DAYS
def worker(redis_url: str, burst: bool, jobs_dir: Path | None, days: str | None) -> None:
    """Run batch jobs from the RQ queue (start one or more per machine; every
    machine needs the same DOCGEN_JOBS_DIR, e.g. a network share). Deletes
    expired jobs at start and daily, as `docgen jobs clean` does; at start,
    also queues again the steps of jobs whose worker died."""
    from redis import Redis
    from rq import Queue, Worker

    from .jobs.expiry import start_daily_clean
    from .jobs.queues import QUEUE_NAME
    from .jobs.work import reap_all

    store, days_kept = _jobs_store(jobs_dir, days)
    start_daily_clean(store, days_kept)
    connection = Redis.from_url(redis_url)
    reap_all(Queue(QUEUE_NAME, connection=connection), store)  # steps of workers that died
    Worker([QUEUE_NAME], connection=connection).work(burst=burst)


@main.group()
def jobs() -> None:
    """Batch jobs started from the web (their uploads and results)."""


@jobs.command("clean")
@_JOBS_DIR
@_JOBS_DAYS
def jobs_clean(jobs_dir: Path | None, days: str | None) -> None:
    """Delete the folders of jobs that ended more than --days days ago
    (uploads, result ZIP, status). Jobs still queued or running are kept."""
    from .jobs.expiry import clean

    store, days_kept = _jobs_store(jobs_dir, days)
    deleted = clean(store, days_kept)
    for job_id in deleted:
        click.echo(f"{store.root / job_id}")
    click.echo(f"Đã xóa {len(deleted)} lô hết hạn (giữ {days_kept:g} ngày sau khi kết thúc).")


# --- storage: the database and the accounts ---------------------------------------

_DATABASE_URL = click.option(
    "--database-url", envvar="DATABASE_URL", default=None,
    help="Database (default: $DATABASE_URL, else instance/docgen.sqlite3).")


def _database(database_url: str | None):
    """A session factory on a database whose schema is the newest: an SQLite
    file is migrated on first use; otherwise one Vietnamese line says to run
    `docgen db upgrade` (exit status 2), never a traceback."""
    from .storage import db as storage_db

    engine = storage_db.make_engine(database_url)
    try:
        storage_db.ensure_schema(engine)
    except storage_db.SchemaNotReady as error:
        click.echo(str(error), err=True)
        sys.exit(2)
    return storage_db.make_sessionmaker(engine)


@main.group()
def db() -> None:
    """The database of drafts, accounts and the audit log."""


@db.command("upgrade")
@_DATABASE_URL
def db_upgrade(database_url: str | None) -> None:
    """Create the tables, or bring them to the newest revision."""
    from .storage import db as storage_db

    engine = storage_db.make_engine(database_url)
    storage_db.upgrade(engine)
    click.echo(f"{engine.url.render_as_string(hide_password=True)}: "
               f"lược đồ ở phiên bản {storage_db.current_revision(engine)}")


@main.group()
def users() -> None:
    """Accounts of drafters (chuyên viên), signing officers (lãnh đạo), records
    clerks (văn thư) and admins."""


@users.command("add")
@click.argument("username")
@click.option("--name", "full_name", required=True, help="Full name, e.g. \"Nguyễn Văn An\".")
@click.option("--role", required=True, type=click.Choice(["drafter", "signer", "registrar", "admin"]),
              help="drafter = chuyên viên, signer = lãnh đạo (approves), registrar = văn thư "
                   "(issues and numbers), admin = quản trị.")
@click.option("--unit", "unit_name", required=True,
              help="Issuing body, e.g. \"UBND xã Lộc Tấn\" (created if new).")
@click.option("--password-stdin", is_flag=True,
              help="Read the password from the first line of standard input instead of a prompt.")
@_DATABASE_URL
def users_add(username: str, full_name: str, role: str, unit_name: str, password_stdin: bool,
              database_url: str | None) -> None:
    """Create the account USERNAME (password asked twice, never on the command line)."""
    from .storage.errors import UserError
    from .storage.users import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
    with _database(database_url)() as session:
        try:
            user = create_user(session, username, full_name, role, unit_name, password)
        except UserError as error:
            click.echo(f"{username}: {error}", err=True)
            sys.exit(2)
        click.echo(f"{user.username}: {user.full_name}, {user.role_label}, {user.unit.name}")


def _account(session, username: str):
    """The account USERNAME, or exit 2 saying it does not exist."""
    from .storage.users import find_user

    user = find_user(session, username)
    if user is None:
        click.echo(f"{username}: không có tài khoản này (docgen users list).", err=True)
        sys.exit(2)
    return user


@users.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True,
              help="Read the new password from the first line of standard input.")
@_DATABASE_URL
def users_passwd(username: str, password_stdin: bool, database_url: str | None) -> None:
    """Set a new password for USERNAME; every session of the account ends."""
    from .storage.errors import UserError
    from .storage.users import set_password

    with _database(database_url)() as session:
        user = _account(session, username)
        if password_stdin:
            password = sys.stdin.readline().rstrip("\r\n")
        else:
            password = click.prompt("Mật khẩu mới", hide_input=True,
                                    confirmation_prompt="Nhập lại mật khẩu mới")
        try:
            set_password(session, user, password)
        except UserError as error:
            click.echo(f"{user.username}: {error}", err=True)
            sys.exit(2)
        click.echo(f"{user.username}: đã đổi mật khẩu; mọi phiên đăng nhập đã kết thúc.")


@users.command("deactivate")
@click.argument("username")
@_DATABASE_URL
def users_deactivate(username: str, database_url: str | None) -> None:
    """Lock the account USERNAME: its sessions end at once, login is refused."""
    from .storage.users import set_active

    with _database(database_url)() as session:
        user = _account(session, username)
        set_active(session, user, False)
        click.echo(f"{user.username}: đã khóa tài khoản; mọi phiên đăng nhập đã kết thúc.")


@users.command("activate")
@click.argument("username")
@_DATABASE_URL
def users_activate(username: str, database_url: str | None) -> None:
    """Unlock the account USERNAME (its password is unchanged)."""
    from .storage.users import set_active

    with _database(database_url)() as session:
        user = _account(session, username)
        set_active(session, user, True)
        click.echo(f"{user.username}: đã mở lại tài khoản.")


@users.command("list")
@_DATABASE_URL
def users_list(database_url: str | None) -> None:
    """List the accounts by unit."""
    from .storage.users import list_users

    with _database(database_url)() as session:
        for user in list_users(session):
            state = "" if user.active else " (đã khóa)"
            click.echo(f"{user.unit.name}\t{user.username}\t{user.full_name}\t{user.role_label}{state}")


@main.command("issue")
@click.argument("draft_id", type=click.IntRange(min=1))
@click.option("--user", "username", required=True, help="The văn thư who issues (role registrar).")
@click.option("--replaces", type=click.IntRange(min=1), default=None,
              help="Register id of the recalled document this one corrects.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the issued .docx here.")
@click.option("--confirm", is_flag=True,
              help="Issue even when the header names another body or the checks report errors.")
@_DATABASE_URL
def issue(draft_id: int, username: str, replaces: int | None, output: Path | None, confirm: bool,
          database_url: str | None) -> None:
    """Issue the approved draft DRAFT_ID: next number of the unit's register,
    today's date in Vietnam, final .docx stored with its SHA-256. As on the
    web, a header of another body or errors left by the checks stop it
    (exit status 3) unless --confirm is given."""
    from .checks import check_plan
    from .storage import drafts as drafts_store
    from .storage import register as register_store
    from .storage.errors import StorageError

    with _database(database_url)() as session:
        user = _account(session, username)
        try:
            draft = drafts_store.get_draft(session, user, draft_id)
            approved = draft.approved_document
            if (user.role in register_store.ISSUERS and approved is not None
                    and draft.issued_document is None and not confirm):
                plan = drafts_store.plan_of(approved.version)
                errors = sum(f.severity == "error" for f in check_plan(plan, docx=approved.docx))
                concerns = register_store.issuing_concerns(plan, user.unit.name, errors)
                if concerns:
                    for concern in concerns:
                        click.echo(f"dự thảo {draft_id}: {concern}", err=True)
                    click.echo("Chưa ban hành. Đọc lại rồi chạy lại với --confirm nếu vẫn ban hành.", err=True)
                    sys.exit(3)
            entry = register_store.issue(session, user, draft_id, replaces=replaces)
        except StorageError as error:
            click.echo(f"dự thảo {draft_id}: {error}", err=True)
            sys.exit(2)
        if output is not None:
            output.write_bytes(entry.docx)
        click.echo(f"{entry.number_text}\t{short_date(entry.issued_on)}\t{entry.subject}\t{entry.sha256}")


@main.group("register")
def register_group() -> None:
    """The register of issued documents (sổ đăng ký văn bản đi) of a unit."""


@register_group.command("list")
@click.option("--unit", "unit_name", required=True, help="The unit, e.g. \"UBND xã Lộc Tấn\".")
@click.option("--number", default="", help=f"Number, e.g. 5 or 05/{doctypes.get(None).default_symbol}.")
@click.option("--from", "date_from", default=None, help="Issued on or after (03/12/2026 or 2026-12-03).")
@click.option("--to", "date_to", default=None, help="Issued on or before.")
@click.option("--subject", default="", help="Words of the subject (diacritics optional).")
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the rows as an .xlsx sheet instead of printing them.")
@_DATABASE_URL
def register_list(unit_name: str, number: str, date_from: str | None, date_to: str | None,
                  subject: str, xlsx: Path | None, database_url: str | None) -> None:
    """List the unit's register in the order of the book: number, date,
    subject, signer, recipients, who issued it, SHA-256, recall."""
    from sqlalchemy import select

    from .register_sheet import note, register_xlsx
    from .storage import register as register_store
    from .storage.models import Unit

    with _database(database_url)() as session:
        unit = session.scalar(select(Unit).where(Unit.name == " ".join(unit_name.split())))
        if unit is None:
            click.echo(f"--unit: không có đơn vị “{unit_name}” (docgen users list).", err=True)
            sys.exit(2)
        options = {"number": "--number", "date_from": "--from", "date_to": "--to"}
        try:
            rows = register_store.unit_entries(
                session, unit.id, number=number, subject=subject,
                date_from=register_store.search_date(date_from, "date_from"),
                date_to=register_store.search_date(date_to, "date_to"))
        except register_store.SearchError as error:
            click.echo(f"{options[error.field]}: {error}", err=True)
            sys.exit(2)
        if xlsx is not None:
            xlsx.write_bytes(register_xlsx(unit.name, rows))
            click.echo(f"{xlsx}: {len(rows)} văn bản")
            return
        for entry in rows:
            click.echo("\t".join([entry.number_text, short_date(entry.issued_on), entry.subject,
                                  entry.signer, str(entry.recipients), entry.issued_by.full_name,
                                  entry.sha256, note(entry)]).rstrip("\t"))


@main.command()
@click.argument("pdf_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                metavar="FILE.pdf")
@click.option("--as", "role", type=click.Choice(["signer", "organisation"]), required=True,
              help="signer: the signing officer's signature; organisation: the unit's seal, after it.")
@click.option("--user", "login", help="The signer's login (their certificate in the secrets file).")
@click.option("--unit", "unit_name", help="The unit's name (its certificate in the secrets file).")
@click.option("--plan", "plan_file", type=click.Path(dir_okay=False, path_type=Path),
              help="The plan file: its signer's name and authority lines locate the signer block.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the signed PDF.")
def sign(pdf_file: Path, role: str, login: str | None, unit_name: str | None,
         plan_file: Path | None, output: Path) -> None:
    """Sign FILE.pdf (PAdES) as the signer (--user LOGIN) or the
    organisation (--unit NAME), with the certificates of
    DOCGEN_SIGNING_SECRETS. Exit status 1 with the reason when it cannot."""
    from .signing import SigningError, identities
    from .signing.sign import sign_pdf

    if (role == "signer") != bool(login) or (role == "organisation") != bool(unit_name):
        raise click.UsageError("--as signer needs --user LOGIN; --as organisation needs --unit NAME.")
    signer = _plan_and_notices(plan_file)[0].signer if plan_file else None
    try:
        identity = identities.for_user(login) if login else identities.for_unit(unit_name)
        signed = sign_pdf(pdf_file.read_bytes(), identity, role,
                          signer_name=signer.name if signer else None,
                          authority=signer.authority if signer else None)
    except SigningError as error:
        click.echo(f"{pdf_file}: {error}", err=True)
        sys.exit(1)
    output.write_bytes(signed)
    click.echo(f"{output}")


@main.command()
@click.argument("pdf_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                metavar="FILE.pdf")
def verify(pdf_file: Path) -> None:
    """List FILE.pdf's signatures: who, when, intact, covering the whole
    file, trusted. Exit status 1 when the file has no signature or was
    changed after a signature (other than by later signatures)."""
    from .signing import SigningError
    from .signing.verify import verify_pdf

    try:
        reports = verify_pdf(pdf_file.read_bytes())
    except SigningError as error:
        click.echo(f"{pdf_file}: {error}", err=True)
        sys.exit(1)
    if not reports:
        click.echo(f"{pdf_file}: không có chữ ký số nào.", err=True)
        sys.exit(1)
    yes = {True: "có", False: "KHÔNG", None: "chưa cấu hình CA"}
    for number, report in enumerate(reports, 1):
        when = report.when.isoformat() if report.when else "?"
        click.echo(f"{number}. {report.signer} ({report.field}), ký lúc {when}")
        click.echo(f"   nguyên vẹn: {yes[report.intact]}; phủ toàn bộ tệp: {yes[report.whole_file]}"
                   + ("" if report.whole_file else
                      f"; sửa đổi sau khi ký: {'chỉ thêm chữ ký' if report.changes_allowed else 'CÓ (' + report.changes + ')'}")
                   + f"; CA tin cậy: {yes[report.trusted]}")
    bad = [report for report in reports if not report.ok]
    if bad:
        click.echo(f"{pdf_file}: tệp đã bị thay đổi sau khi ký hoặc chữ ký không hợp lệ "
                   f"({', '.join(report.signer for report in bad)}).", err=True)
        sys.exit(1)
    click.echo(f"{pdf_file}: {len(reports)} chữ ký hợp lệ.")


from .report_commands import add_report_commands  # noqa: E402 - the report commands join main here

add_report_commands(main)


if __name__ == "__main__":
    main()
