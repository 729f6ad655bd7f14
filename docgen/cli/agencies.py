"""Agency codes and numbering series: ``units code``, ``units series list|set|remove``, ``agencies import|list``."""

from __future__ import annotations

import sys

import click

from .common import DATABASE_URL, database, read_source


@click.group()
def units() -> None:
    """Issuing bodies (đơn vị) and their mã định danh."""


@units.command("code")
@click.argument("unit_name")
@click.argument("code", required=False)
@DATABASE_URL
def units_code(unit_name: str, code: str | None, database_url: str | None) -> None:
    """Set the mã định danh CODE (up to 13 characters, e.g. 000.00.31.H41) of the unit UNIT_NAME; without CODE,
    print it."""
    from ..storage.agencies import set_unit_code
    from ..storage.errors import StorageError
    from ..storage.models import Unit
    from sqlalchemy import select

    with database(database_url)() as session:
        if code is None:
            unit = session.scalar(select(Unit).where(Unit.name == " ".join(unit_name.split())))
            if unit is None:
                click.echo(f"Không có đơn vị “{unit_name}”.", err=True)
                sys.exit(2)
            click.echo(f"{unit.name}: {unit.code or 'chưa có mã định danh'}")
            return
        try:
            unit = set_unit_code(session, unit_name, code)
        except StorageError as error:
            click.echo(f"{unit_name}: {error}", err=True)
            sys.exit(2)
        click.echo(f"{unit.name}: mã định danh {unit.code}")


@click.group()
def agencies() -> None:
    """The directory of agencies (danh bạ cơ quan) documents are sent to, with their mã định danh."""


@agencies.command("import")
@click.argument("source_file", metavar="FILE")
@DATABASE_URL
def agencies_import(source_file: str, database_url: str | None) -> None:
    """Add or update the agencies of FILE (.csv or .xlsx; a header row with "Mã định danh", "Tên cơ quan" and
    optionally "Cơ quan chủ quản"). Nothing is imported when a row is wrong: every wrong row and column is named."""
    from ..sheets.agencies import AgencyFileError, read_agencies
    from ..storage.agencies import import_directory

    name, content = read_source(source_file)
    try:
        rows = read_agencies(name, content)
    except AgencyFileError as error:
        for problem in error.problems:
            click.echo(f"{name}: {problem}", err=True)
        sys.exit(2)
    with database(database_url)() as session:
        summary = import_directory(session, rows)
    click.echo(f"{name}: {summary}")


@agencies.command("list")
@click.option("--search", "text", default="", help="Part of the name or the code.")
@DATABASE_URL
def agencies_list(text: str, database_url: str | None) -> None:
    """The directory's agencies (at most 30; --search to narrow), one per line: code, name."""
    from ..storage.agencies import search

    with database(database_url)() as session:
        for agency in search(session, None, text):
            click.echo(f"{agency.code}\t{agency.name}" + (f"\t{agency.in_charge}" if agency.in_charge else ""))


@units.group("series")
def units_series() -> None:
    """Numbering series of a unit's register (dãy số): types sharing one series, a secret series."""


@units_series.command("list")
@click.argument("unit_name")
@DATABASE_URL
def units_series_list(unit_name: str, database_url: str | None) -> None:
    """The series of the unit UNIT_NAME: key, name, types, secret; and what
    the types in no series do."""
    from sqlalchemy import select

    from ..storage.models import Unit
    from ..storage.numbering import SECRET_DEFAULT, unit_series

    with database(database_url)() as session:
        unit = session.scalar(select(Unit).where(Unit.name == " ".join(unit_name.split())))
        if unit is None:
            click.echo(f"Không có đơn vị “{unit_name}”.", err=True)
            sys.exit(2)
        for series in unit_series(session, unit.id):
            click.echo("\t".join([series.key, series.name, ",".join(series.type_keys) or "mọi loại",
                                  "mật" if series.secret else "thường"]))
        click.echo(f"(các loại khác: mỗi ký hiệu một dãy số; văn bản mật không thuộc dãy nào: {SECRET_DEFAULT[1:]})")


@units_series.command("set")
@click.argument("unit_name")
@click.argument("key")
@click.option("--name", default="", help="What the series is called, e.g. \"Văn bản hành chính\".")
@click.option("--types", "type_keys", default="",
              help="Comma-separated type keys that share the series (the keys `docgen types` lists).")
@click.option("--secret", is_flag=True, help="A series for secret documents (of --types; of every type "
                                             "when --types is empty).")
@DATABASE_URL
def units_series_set(unit_name: str, key: str, name: str, type_keys: str, secret: bool,
                     database_url: str | None) -> None:
    """Add or change the series KEY (capitals, digits, - or _) of the unit UNIT_NAME."""
    from ..storage.errors import StorageError
    from ..storage.numbering import set_series

    with database(database_url)() as session:
        try:
            series = set_series(session, unit_name, key, name, type_keys.split(","), secret=secret)
        except StorageError as error:
            click.echo(f"{unit_name}: {error}", err=True)
            sys.exit(2)
        click.echo(f"{series.key}\t{series.name}\t{','.join(series.type_keys) or 'mọi loại'}"
                   f"\t{'mật' if series.secret else 'thường'}")


@units_series.command("remove")
@click.argument("unit_name")
@click.argument("key")
@DATABASE_URL
def units_series_remove(unit_name: str, key: str, database_url: str | None) -> None:
    """Remove the series KEY of the unit UNIT_NAME: its types number per symbol again."""
    from ..storage.errors import StorageError
    from ..storage.numbering import remove_series

    with database(database_url)() as session:
        try:
            remove_series(session, unit_name, key)
        except StorageError as error:
            click.echo(f"{unit_name}: {error}", err=True)
            sys.exit(2)
        click.echo(f"đã bỏ dãy số {key.upper()}")
