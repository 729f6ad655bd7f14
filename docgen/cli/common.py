"""What every command group shares: reading a plan file or a source file, the
database and jobs options, exiting with the reason."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..plan.files import PlanFileError, label_notices, load_plan_data, parse_plan_data


def plan_and_notices(plan_file: Path):
    """The plan and the labels typed in it that are not printed, or exit 2
    with the field errors on stderr."""
    try:
        data = load_plan_data(plan_file)
        return parse_plan_data(data, str(plan_file)), label_notices(data)
    except PlanFileError as error:
        for line in error.errors:
            click.echo(f"{error.source}: {line}", err=True)
        sys.exit(2)


def read_source(source_file: str) -> tuple[str, bytes]:
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


def refused(name: str, error: Exception):
    click.echo(f"{name}: không nhập được: {error}", err=True)
    sys.exit(2)


def jobs_store(jobs_dir: Path | None, days: str | None):
    """The job store and the retention in days, or exit 2 with the reason."""
    from ..jobs.expiry import JobsDaysError, jobs_days
    from ..jobs.store import DEFAULT_ROOT, JobStore

    try:
        return JobStore(jobs_dir or DEFAULT_ROOT), jobs_days(days)
    except JobsDaysError as error:
        click.echo(str(error), err=True)
        sys.exit(2)


JOBS_DIR = click.option("--jobs-dir", envvar="DOCGEN_JOBS_DIR", default=None,
                         type=click.Path(file_okay=False, path_type=Path),
                         help="Batch jobs (default: $DOCGEN_JOBS_DIR, else instance/jobs).")


JOBS_DAYS = click.option("--days", envvar="DOCGEN_JOBS_DAYS", default=None,
                          help="Days a job's files are kept after it ended "
                               "(default: $DOCGEN_JOBS_DAYS, else 7).")


DATABASE_URL = click.option(
    "--database-url", envvar="DATABASE_URL", default=None,
    help="Database (default: $DATABASE_URL, else instance/docgen.sqlite3).")


def database(database_url: str | None):
    """A session factory on a database whose schema is the newest: an SQLite
    file is migrated on first use; otherwise one Vietnamese line says to run
    `docgen db upgrade` (exit status 2), never a traceback."""
    from ..storage import db as storage_db

    engine = storage_db.make_engine(database_url)
    try:
        storage_db.ensure_schema(engine)
    except storage_db.SchemaNotReady as error:
        click.echo(str(error), err=True)
        sys.exit(2)
    return storage_db.make_sessionmaker(engine)


def account(session, username: str):
    """The account USERNAME, or exit 2 saying it does not exist."""
    from ..storage.users import find_user

    user = find_user(session, username)
    if user is None:
        click.echo(f"{username}: không có tài khoản này (docgen users list).", err=True)
        sys.exit(2)
    return user


def write_entry_file(database_url: str | None, username: str, entry_id: int, make,
                     output: Path | None, errors: tuple = ()) -> None:
    """``make(session, user)`` -> (file name, bytes) of the register entry
    ENTRY_ID for the account USERNAME, written to ``output`` (its path
    echoed) or to standard output; a StorageError (or one of ``errors``) is
    exit status 2 with the reason."""
    from ..storage.errors import StorageError

    with database(database_url)() as session:
        user = account(session, username)
        try:
            _, data = make(session, user)
        except (StorageError, *errors) as error:
            click.echo(f"văn bản {entry_id}: {error}", err=True)
            sys.exit(2)
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        output.write_bytes(data)
        click.echo(str(output))
