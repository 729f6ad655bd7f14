"""The database and the accounts: ``db upgrade``, ``users add|passwd|deactivate|activate|list``."""

from __future__ import annotations

import sys

import click

from .common import DATABASE_URL, account, database
from .signing import give_new_account_demo_certificates


@click.group()
def db() -> None:
    """The database of drafts, accounts and the audit log."""


@db.command("upgrade")
@DATABASE_URL
def db_upgrade(database_url: str | None) -> None:
    """Create the tables, or bring them to the newest revision."""
    from ..storage import db as storage_db

    engine = storage_db.make_engine(database_url)
    storage_db.upgrade(engine)
    click.echo(f"{engine.url.render_as_string(hide_password=True)}: "
               f"lược đồ ở phiên bản {storage_db.current_revision(engine)}")


@click.group()
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
@DATABASE_URL
def users_add(username: str, full_name: str, role: str, unit_name: str, password_stdin: bool,
              database_url: str | None) -> None:
    """Create the account USERNAME (password asked twice, never on the command line)."""
    from ..storage.errors import UserError
    from ..storage.users import create_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu")
    with database(database_url)() as session:
        try:
            user = create_user(session, username, full_name, role, unit_name, password)
        except UserError as error:
            click.echo(f"{username}: {error}", err=True)
            sys.exit(2)
        click.echo(f"{user.username}: {user.full_name}, {user.role_label}, {user.unit.name}")
        give_new_account_demo_certificates(database_url, user)


@users.command("passwd")
@click.argument("username")
@click.option("--password-stdin", is_flag=True,
              help="Read the new password from the first line of standard input.")
@DATABASE_URL
def users_passwd(username: str, password_stdin: bool, database_url: str | None) -> None:
    """Set a new password for USERNAME; every session of the account ends."""
    from ..storage.errors import UserError
    from ..storage.users import set_password

    with database(database_url)() as session:
        user = account(session, username)
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
@DATABASE_URL
def users_deactivate(username: str, database_url: str | None) -> None:
    """Lock the account USERNAME: its sessions end at once, login is refused."""
    from ..storage.users import set_active

    with database(database_url)() as session:
        user = account(session, username)
        set_active(session, user, False)
        click.echo(f"{user.username}: đã khóa tài khoản; mọi phiên đăng nhập đã kết thúc.")


@users.command("activate")
@click.argument("username")
@DATABASE_URL
def users_activate(username: str, database_url: str | None) -> None:
    """Unlock the account USERNAME (its password is unchanged)."""
    from ..storage.users import set_active

    with database(database_url)() as session:
        user = account(session, username)
        set_active(session, user, True)
        click.echo(f"{user.username}: đã mở lại tài khoản.")


@users.command("list")
@DATABASE_URL
def users_list(database_url: str | None) -> None:
    """List the accounts by unit."""
    from ..storage.users import list_users

    with database(database_url)() as session:
        for user in list_users(session):
            state = "" if user.active else " (đã khóa)"
            click.echo(f"{user.unit.name}\t{user.username}\t{user.full_name}\t{user.role_label}{state}")
