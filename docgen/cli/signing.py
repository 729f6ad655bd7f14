"""Digital signatures: ``sign``, ``verify``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import plan_and_notices


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
def verify(pdf_file: Path) -> None:
    """List FILE.pdf's signatures: who, when, intact, covering the whole
    file, trusted. Exit status 1 when the file has no signature or was
    changed after a signature (other than by later signatures)."""
    from ..signing import SigningError
    from ..signing.verify import verify_pdf

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
