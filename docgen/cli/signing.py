"""Digital signatures: ``sign``, ``verify``, ``signing demo-identity``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import DATABASE_URL, database, plan_and_notices


@click.command()
@click.argument("pdf_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                metavar="FILE.pdf")
@click.option("--as", "role", type=click.Choice(["signer", "organisation", "attachment"]), required=True,
              help="signer: the signing officer's signature; organisation: the unit's seal, after it; "
                   "attachment: the unit's signature on a separate attached file (text block, "
                   "top right of page 1).")
@click.option("--number", help="attachment: the number and symbol of the document it goes with.")
@click.option("--user", "login", help="The signer's login (their certificate in the secrets file).")
@click.option("--unit", "unit_name", help="The unit's name (its certificate in the secrets file).")
@click.option("--plan", "plan_file", type=click.Path(dir_okay=False, path_type=Path),
              help="The plan file: its signer's name and authority lines locate the signer block.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the signed PDF.")
def sign(pdf_file: Path, role: str, number: str | None, login: str | None, unit_name: str | None,
         plan_file: Path | None, output: Path) -> None:
    """Sign FILE.pdf (PAdES) as the signer (--user LOGIN) or the
    organisation (--unit NAME), with the PKCS#12 files of
    DOCGEN_SIGNING_SECRETS (demos and tests), timestamped by its TSA when
    it names one. Exit status 1 with the reason when it cannot."""
    from ..signing import SigningError, identities
    from ..signing.sign import Finishing, sign_pdf

    if (role == "signer") != bool(login) or (role != "signer") != bool(unit_name):
        raise click.UsageError("--as signer needs --user LOGIN; --as organisation and --as "
                               "attachment need --unit NAME.")
    signer = plan_and_notices(plan_file)[0].signer if plan_file else None
    try:
        identity = identities.for_user(login) if login else identities.for_unit(unit_name)
        signed = sign_pdf(pdf_file.read_bytes(), identity, role,
                          signer_name=signer.name if signer else None,
                          authority=signer.authority if signer else None, number=number,
                          finishing=Finishing.of(identities.load_secrets()))
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
@click.option("--offline", is_flag=True,
              help="Do not fetch a CRL for a certificate whose revocation data is not in the file.")
def verify(pdf_file: Path, ca_files: tuple[Path, ...], offline: bool) -> None:
    """List FILE.pdf's signatures: who, when, intact, covering the whole
    file, trusted. Exit status 1, with the reason, when the file has no
    signature, a signature is broken, anything but later signatures, their
    validation data (DSS) and timestamps was added after a signature, or no
    configured CA issued a signer's certificate (none configured included),
    a signature's timestamp is broken or from an untrusted TSA, or a
    signer's certificate was revoked before the signature's time (the
    timestamp's). Each signature's PAdES level (B-B, B-T with a timestamp,
    B-LT with revocation data in the file), its timestamp's time and
    authority and its certificate's revocation status are printed."""
    from ..signing import SigningError
    from ..signing.verify import trusted_roots, verify_pdf

    try:
        roots = trusted_roots(list(ca_files)) if ca_files else None
        reports = verify_pdf(pdf_file.read_bytes(), roots, online=not offline)
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
        if report.level:
            stamp = (f"dấu thời gian {report.timestamp_time.isoformat()} của "
                     f"{report.timestamp_authority}" + ("" if report.timestamp_ok else " (KHÔNG hợp lệ)")
                     if report.timestamp_time else "không có dấu thời gian")
            click.echo(f"   mức PAdES: {report.level}; {stamp}; thu hồi: "
                       f"{report.revocation.describe()}")
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


@signing.command("method")
@click.argument("name", metavar="LOGIN|UNIT")
@click.argument("method", type=click.Choice(["token", "csc", "hsm", "p12"]))
@click.option("--provider", help="csc: the provider's name in the secrets file ([csc.NAME]); "
                                 "hsm: the HSM's name ([hsm.NAME]).")
@click.option("--credential", help="csc: the credential ID at the provider; hsm: the key's label.")
@click.option("--certificate", "certificate_file", metavar="CERT.pem",
              type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="The account's certificate (PEM or DER): its SHA-256 fingerprint is stored; "
                   "only that certificate may sign for the account.")
@click.option("--serial", help="Or: the subject serial number of the account's certificates "
                               "(a renewed certificate keeps it).")
@DATABASE_URL
def signing_method(name: str, method: str, provider: str | None, credential: str | None,
                   certificate_file: Path | None, serial: str | None,
                   database_url: str | None) -> None:
    """Set how the account LOGIN (its own signature) or the unit UNIT (the
    organisation's) signs: token (a USB token on the officer's computer,
    through docgen local-signer), csc (remote signing, confirmed on the
    phone), hsm (a key on the server's HSM), p12 (a PKCS#12 file of the
    secrets file: demos and tests only)."""
    from ..storage.errors import StorageError
    from ..storage.signing_methods import read_certificate, set_method

    with database(database_url)() as session:
        try:
            certificate = read_certificate(certificate_file.read_bytes()) if certificate_file else None
            setting = set_method(session, name, method, provider=provider, credential=credential,
                                 certificate=certificate, serial=serial)
        except StorageError as error:
            click.echo(f"“{name}”: {error.message}", err=True)
            sys.exit(2)
        click.echo(f"“{name}”: {setting.method_label}"
                   + (f", dịch vụ {provider}" if provider else "")
                   + (f", chứng thư SHA-256 {setting.cert_sha256}" if setting.cert_sha256 else "")
                   + (f", serial {setting.cert_serial}" if setting.cert_serial else "") + ".")


@signing.command("methods")
@DATABASE_URL
def signing_methods(database_url: str | None) -> None:
    """List how each user and unit signs (those not listed: their PKCS#12
    file in the secrets file, if any)."""
    from ..storage.signing_methods import all_settings

    with database(database_url)() as session:
        for setting in all_settings(session):
            who = (f"người dùng {setting.user.username} ({setting.user.full_name})" if setting.user
                   else f"đơn vị {setting.unit.name}")
            click.echo(f"{who}: {setting.method_label}"
                       + (f"; {setting.provider}" if setting.provider else "")
                       + (f"; {setting.credential}" if setting.credential else "")
                       + (f"; SHA-256 {setting.cert_sha256}" if setting.cert_sha256 else "")
                       + (f"; serial {setting.cert_serial}" if setting.cert_serial else ""))


@click.command("local-signer")
@click.option("--module", required=True, metavar="LIB.so",
              help="The token's PKCS#11 library (its driver), e.g. the Ban Cơ yếu's or the CA's.")
@click.option("--allow-origin", "origins", multiple=True, required=True, metavar="URL",
              help="The docgen site allowed to ask for signatures (repeatable), e.g. "
                   "https://docgen.example.gov.vn")
@click.option("--token", "token_label", help="Only the token with this label.")
@click.option("--port", type=int, default=8911, show_default=True,
              help="The port on 127.0.0.1 (the site's DOCGEN_LOCAL_SIGNER_URL names it).")
def local_signer(module: str, origins: tuple[str, ...], token_label: str | None, port: int) -> None:
    """Run the signing tool on the officer's computer: 127.0.0.1 only,
    for the allowed sites only, after pairing with the code it shows; it
    signs with the USB token (the PIN typed on the page goes to the token,
    never to the server). Ctrl+C stops it."""
    from ..signing.local_signer import LocalSigner, serve

    signer = LocalSigner(module, list(origins), token_label,
                         say=lambda text: (click.echo(text), sys.stdout.flush()))
    try:
        server = serve(signer, port)
    except OSError as error:
        click.echo(f"Không mở được cổng 127.0.0.1:{port}: {error}", err=True)
        sys.exit(1)
    click.echo(f"Công cụ ký số đang chạy tại http://127.0.0.1:{server.server_address[1]} "
               f"cho {', '.join(origins)}.", err=False)
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
