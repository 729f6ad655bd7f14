"""Digital signatures: ``sign``, ``verify``, ``signing demo-identity``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import DATABASE_URL, database, plan_and_notices


@click.command()
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
    from ..signing import SigningError, identities
    from ..signing.sign import sign_pdf

    if (role == "signer") != bool(login) or (role == "organisation") != bool(unit_name):
        raise click.UsageError("--as signer needs --user LOGIN; --as organisation needs --unit NAME.")
    signer = plan_and_notices(plan_file)[0].signer if plan_file else None
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


@click.command()
@click.argument("pdf_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                metavar="FILE.pdf")
@click.option("--ca", "ca_files", multiple=True,
              type=click.Path(dir_okay=False, exists=True, path_type=Path), metavar="CA.pem",
              help="Trust this CA certificate (PEM or DER; repeatable) instead of the "
                   "secrets file's `trusted`.")
def verify(pdf_file: Path, ca_files: tuple[Path, ...]) -> None:
    """List FILE.pdf's signatures: who, when, intact, covering the whole
    file, trusted. Exit status 1, with the reason, when the file has no
    signature, a signature is broken, anything but later signatures, their
    validation data (DSS) and timestamps was added after a signature, or no
    configured CA issued a signer's certificate (none configured included)."""
    from ..signing import SigningError
    from ..signing.verify import trusted_roots, verify_pdf

    try:
        roots = trusted_roots(list(ca_files)) if ca_files else None
        reports = verify_pdf(pdf_file.read_bytes(), roots)
    except SigningError as error:
        click.echo(f"{pdf_file}: {error}", err=True)
        sys.exit(1)
    if not reports:
        click.echo(f"{pdf_file}: không có chữ ký số nào.", err=True)
        sys.exit(1)
    yes = {True: "có", False: "KHÔNG", None: "chưa cấu hình CA"}
    for number, report in enumerate(reports, 1):
        when = report.when.isoformat() if report.when else "?"
        what = "dấu thời gian của " if report.timestamp else ""
        click.echo(f"{number}. {what}{report.signer} ({report.field}), ký lúc {when}")
        after = ("" if report.whole_file else "; sửa đổi sau khi ký: "
                 + ("chỉ thêm chữ ký" if report.changes_allowed else "CÓ"))
        click.echo(f"   nguyên vẹn: {yes[report.intact]}; phủ toàn bộ tệp: {yes[report.whole_file]}"
                   f"{after}; CA tin cậy: {yes[report.trusted]}")
    bad = [report for report in reports if not report.ok]
    if bad:
        click.echo(f"{pdf_file}: bị từ chối:", err=True)
        for report in bad:
            for problem in report.problems:
                click.echo(f"  - {report.signer} ({report.field}): {problem}.", err=True)
        sys.exit(1)
    click.echo(f"{pdf_file}: {len(reports)} chữ ký hợp lệ.")


@click.group()
def signing() -> None:
    """Certificates for digital signatures (ký số)."""


@signing.command("demo-identity")
@click.argument("names", nargs=-1, required=True, metavar="LOGIN|UNIT...")
@DATABASE_URL
def signing_demo_identity(names: tuple[str, ...], database_url: str | None) -> None:
    """Give the account LOGIN (and its unit, if the unit has none) or the
    unit UNIT a test certificate of the demo CA, with a signature or seal
    image. Only for a demo CA (scripts/make-test-ca.py): the secrets file of
    DOCGEN_SIGNING_SECRETS, else instance/signing/ when the database is the
    instance's own. Real certificates are refused."""
    from sqlalchemy import select

    from ..signing import SigningError
    from ..storage.models import Unit
    from ..storage.users import find_user

    try:
        secrets = _demo_ca(database_url, quiet=False)
    except SigningError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    with database(database_url)() as session:
        for name in names:
            user = find_user(session, name)
            unit = None if user else session.scalar(select(Unit).where(Unit.name == " ".join(name.split())))
            if user is None and unit is None:
                click.echo(f"“{name}”: không có tài khoản hay đơn vị này (docgen users list).", err=True)
                sys.exit(2)
            try:
                _demo_certificates(secrets, user, unit.name if unit else user.unit.name)
            except SigningError as error:
                click.echo(f"“{name}”: {error}", err=True)
                sys.exit(1)


def _demo_ca(database_url: str | None, quiet: bool = True) -> Path | None:
    """The secrets file of the demo CA new accounts get test certificates
    from: DOCGEN_SIGNING_SECRETS, else instance/signing/ when the database
    is the instance's own; None (``quiet``) or a SigningError when that is
    no demo CA."""
    from ..base.package_data import instance_dir
    from ..signing import SigningError, demo_ca

    try:
        secrets = demo_ca.demo_secrets(instance_dir() if database_url is None else None)
        demo_ca.open_demo(secrets)
    except SigningError:
        if quiet:
            return None
        raise
    return secrets


def _demo_certificates(secrets: Path, user=None, unit_name: str | None = None, *,
                       say_existing: bool = True) -> None:
    """Test certificates from the demo CA ``secrets`` for the account
    ``user`` and the unit ``unit_name`` that have none; one line for what
    was given."""
    from ..signing import demo_ca

    given = []
    if user is not None:
        if demo_ca.add_user(secrets, user.username, user.full_name):
            given.append(f"người dùng “{user.username}” ({user.full_name})")
        elif say_existing:
            click.echo(f"Người dùng “{user.username}” đã có chứng thư số.")
    if unit_name:
        if demo_ca.add_unit(secrets, unit_name):
            given.append(f"đơn vị “{unit_name}”")
        elif say_existing and user is None:
            click.echo(f"Đơn vị “{unit_name}” đã có chứng thư số.")
    if given:
        click.echo(f"Đã cấp chứng thư số thử nghiệm (CA thử nghiệm {secrets.parent}) cho "
                   + " và ".join(given) + ".")


def give_new_account_demo_certificates(database_url: str | None, user) -> None:
    """In the demo (a demo CA configured, or in instance/signing/): a test
    certificate for a new signing officer, and for a unit that has none, so
    that ký số works for accounts made after the demo CA."""
    from ..signing import SigningError

    secrets = _demo_ca(database_url)
    if secrets is None:
        return
    try:
        _demo_certificates(secrets, user if user.role == "signer" else None, user.unit.name,
                           say_existing=False)
    except (SigningError, OSError) as error:
        click.echo(f"{user.username}: chưa cấp được chứng thư số thử nghiệm: {error}", err=True)
