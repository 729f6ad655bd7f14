"""The register of issued documents: ``issue``, ``register list``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import doctypes
from ..vietnamese.dates import short_date
from .common import DATABASE_URL, account, database, write_entry_file


@click.command("issue")
@click.argument("draft_id", type=click.IntRange(min=1))
@click.option("--user", "username", required=True, help="The văn thư who issues (role registrar).")
@click.option("--replaces", type=click.IntRange(min=1), default=None,
              help="Register id of the recalled document this one corrects.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the issued .docx here.")
@click.option("--confirm", is_flag=True,
              help="Issue even when the header names another body or the checks report errors.")
@click.option("--file", "file_notation", default="",
              help="Case file (hồ sơ) the document goes in, its number and symbol (up to 20 characters): "
                   "Decree 30 metadata FileNotation; the order in the file is counted.")
@click.option("--copies", default="", help="Number of copies issued (1-999); default: one per recipient "
                                           "and the file copy.")
@click.option("--reply-by", "reply_by", default="",
              help="Reply deadline (20/12/2026); default: the plan's.")
@click.option("--keeper", default="", help="Unit or person keeping the file copy (the register's column 6); "
                                           "default: the plan's \"Lưu\" line.")
@DATABASE_URL
def issue(draft_id: int, username: str, replaces: int | None, output: Path | None, confirm: bool,
          file_notation: str, copies: str, reply_by: str, keeper: str, database_url: str | None) -> None:
    """Issue the approved draft DRAFT_ID: next number of the unit's register,
    today's date in Vietnam, final .docx stored with its SHA-256. As on the
    web, a header of another body or errors left by the checks stop it
    (exit status 3) unless --confirm is given."""
    from ..storage import register as register_store
    from ..storage.errors import NeedsConfirmation, StorageError

    options = {"file_notation": "--file", "copies": "--copies", "reply_by": "--reply-by", "keeper": "--keeper"}
    try:
        details = register_store.issue_details(file_notation=file_notation, copies=copies, reply_by=reply_by,
                                               keeper=keeper)
    except register_store.SearchError as error:
        click.echo(f"{options[error.field]}: {error}", err=True)
        sys.exit(2)
    with database(database_url)() as session:
        user = account(session, username)
        try:
            entry = register_store.issue(session, user, draft_id, replaces=replaces, confirmed=confirm,
                                         details=details)
        except NeedsConfirmation as error:  # the core's concerns: said here, asked with --confirm
            for concern in error.concerns:
                click.echo(f"dự thảo {draft_id}: {concern}", err=True)
            click.echo("Chưa ban hành. Đọc lại rồi chạy lại với --confirm nếu vẫn ban hành.", err=True)
            sys.exit(3)
        except StorageError as error:
            click.echo(f"dự thảo {draft_id}: {error}", err=True)
            sys.exit(2)
        if output is not None:
            output.write_bytes(entry.docx)
        click.echo(f"{entry.number_text}\t{short_date(entry.issued_on)}\t{entry.subject}\t{entry.sha256}")


@click.group("register")
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
@DATABASE_URL
def register_list(unit_name: str, number: str, date_from: str | None, date_to: str | None,
                  subject: str, xlsx: Path | None, database_url: str | None) -> None:
    """List the unit's register in the order of the book: number, date,
    subject, signer, recipients, who issued it, SHA-256, recall."""
    from sqlalchemy import select

    from ..sheets.register_sheet import note, register_xlsx
    from ..storage import register as register_store
    from ..storage.models import Unit

    with database(database_url)() as session:
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


@register_group.command("metadata")
@click.argument("entry_id", type=click.IntRange(min=1))
@click.option("--user", "username", required=True, help="Who asks (a user of the document's unit).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the XML file here (default: standard output).")
@DATABASE_URL
def register_metadata(entry_id: int, username: str, output: Path | None, database_url: str | None) -> None:
    """The Decree 30 metadata (Appendix VI, 16 fields) of the issued document
    ENTRY_ID (its register id) as the XML file that goes beside its PDF; the
    issued PDF is made first when it is not made yet (LibreOffice)."""
    from ..pdf.office import PdfError
    from ..storage.outgoing import metadata_file

    write_entry_file(database_url, username, entry_id,
                     lambda session, user: metadata_file(session, user, entry_id), output, (PdfError,))


@register_group.command("book")
@click.option("--user", "username", required=True, help="Who prints it (a user of the unit).")
@click.option("--year", type=click.IntRange(2000, 2999), required=True, help="The year of the book, e.g. 2026.")
@click.option("--volume", default="01", show_default=True, help="Quyển số printed on the cover.")
@click.option("--paper", type=click.Choice(["A3", "A4"]), default="A3", show_default=True,
              help="Landscape paper: 20 documents a page on A3, 7 on A4.")
@click.option("--docx", "as_docx", is_flag=True, help="Write the .docx instead of the PDF (no LibreOffice needed).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the book.")
@DATABASE_URL
def register_book(username: str, year: int, volume: str, paper: str, as_docx: bool, output: Path,
                  database_url: str | None) -> None:
    """The unit's register of YEAR as Decree 30's book (Appendix IV) to print
    and bind: the cover (SỔ ĐĂNG KÝ VĂN BẢN ĐI, Năm, Từ ngày … đến ngày …),
    the 10 columns with their titles on every page, the closing note."""
    from ..pdf.office import PdfError
    from ..storage.book import book_file
    from ..storage.errors import StorageError

    with database(database_url)() as session:
        user = account(session, username)
        try:
            book, data = book_file(session, user, year, pdf=not as_docx, volume=volume, paper=paper)
        except (StorageError, PdfError) as error:
            click.echo(f"sổ năm {year}: {error}", err=True)
            sys.exit(2)
    output.write_bytes(data)
    click.echo(f"{output}: {len(book.rows)} văn bản")


@register_group.command("sent")
@click.argument("entry_id", type=click.IntRange(min=1))
@click.option("--user", "username", required=True, help="The văn thư who records it (role registrar).")
@click.option("--receiver", required=True, help="Who signed for it (the book's column 9, Ký nhận).")
@click.option("--date", "sent_on", default="", help="The day it was handed over (default: today in Vietnam).")
@DATABASE_URL
def register_sent(entry_id: int, username: str, receiver: str, sent_on: str, database_url: str | None) -> None:
    """Record that the issued document ENTRY_ID was handed over (the book's
    columns 8 and 9: ngày chuyển, ký nhận). An edXML package the văn thư
    exports records it by itself, as sent electronically."""
    from ..storage import register as register_store
    from ..storage.errors import StorageError

    from ..vietnamese.dates import read_date

    try:
        day = read_date(sent_on.strip()) if sent_on.strip() else None
    except ValueError as error:
        click.echo(f"--date: {error}; gõ như 04/12/2026.", err=True)
        sys.exit(2)
    with database(database_url)() as session:
        user = account(session, username)
        try:
            dispatch = register_store.mark_sent(session, user, entry_id, receiver, sent_on=day)
        except StorageError as error:
            click.echo(f"văn bản {entry_id}: {error}", err=True)
            sys.exit(2)
        click.echo(f"{short_date(dispatch.sent_on)}\t{dispatch.receiver}")


@click.group("systems")
def systems_group() -> None:
    """E-office systems that pull a unit's issued documents (with a token) and receive its webhooks."""


@systems_group.command("add")
@click.argument("unit_name")
@click.argument("name")
@click.option("--webhook", "webhook_url", default=None,
              help="Address (https://…) to POST issue, recall and replace events to, signed with HMAC-SHA256.")
@DATABASE_URL
def systems_add(unit_name: str, name: str, webhook_url: str | None, database_url: str | None) -> None:
    """Register the e-office system NAME for the unit UNIT_NAME; prints its
    token (and webhook secret) once: give them to the system's operator."""
    from ..storage import eoffice
    from ..storage.errors import StorageError

    with database(database_url)() as session:
        try:
            system, token = eoffice.add_system(session, unit_name, name, webhook_url=webhook_url)
        except StorageError as error:
            click.echo(f"{unit_name}: {error}", err=True)
            sys.exit(2)
        click.echo(f"hệ thống {system.id}: {system.name} ({system.unit.name})")
        click.echo(f"token: {token}")
        if system.webhook_secret:
            click.echo(f"webhook secret: {system.webhook_secret}")


@systems_group.command("list")
@DATABASE_URL
def systems_list(database_url: str | None) -> None:
    """Every system: id, unit, name, webhook address, active or not."""
    from ..storage import eoffice

    with database(database_url)() as session:
        for system in eoffice.systems(session):
            click.echo("\t".join([str(system.id), system.unit.name, system.name, system.webhook_url or "-",
                                  "đang dùng" if system.active else "đã tắt"]))


@systems_group.command("disable")
@click.argument("system_id", type=click.IntRange(min=1))
@DATABASE_URL
def systems_disable(system_id: int, database_url: str | None) -> None:
    """Turn the system SYSTEM_ID off: its token stops working, no more webhooks."""
    from ..storage import eoffice
    from ..storage.errors import StorageError

    with database(database_url)() as session:
        try:
            system = eoffice.set_active(session, system_id, False)
        except StorageError as error:
            click.echo(str(error), err=True)
            sys.exit(2)
        click.echo(f"đã tắt hệ thống {system.id}: {system.name}")


@click.group("webhooks")
def webhooks_group() -> None:
    """Webhook deliveries to the e-office systems."""


@webhooks_group.command("send")
@click.option("--loop", is_flag=True, help="Keep sending, every --every seconds (else send what is due once).")
@click.option("--every", type=click.IntRange(5, 3600), default=60, show_default=True,
              help="Seconds between rounds with --loop.")
@DATABASE_URL
def webhooks_send(loop: bool, every: int, database_url: str | None) -> None:
    """Post the deliveries that are due (retrying failed ones after 1, 5,
    15, 60, 180, 720 minutes); prints how many were delivered and failed."""
    import time

    from ..jobs.webhooks import send_due

    while True:
        with database(database_url)() as session:
            delivered, failed = send_due(session)
        click.echo(f"đã gửi {delivered}, lỗi {failed}")
        if not loop:
            return
        time.sleep(every)


@webhooks_group.command("list")
@click.option("--pending", is_flag=True, help="Only those not delivered.")
@DATABASE_URL
def webhooks_list(pending: bool, database_url: str | None) -> None:
    """The last 50 deliveries: id, system, event, document, attempts, state, last error."""
    from sqlalchemy import select

    from ..storage.models import WebhookDelivery

    with database(database_url)() as session:
        query = select(WebhookDelivery).order_by(WebhookDelivery.id.desc()).limit(50)
        if pending:
            query = query.where(WebhookDelivery.delivered_at.is_(None))
        for delivery in session.scalars(query):
            state = ("đã gửi" if delivery.delivered_at else "bỏ" if delivery.next_attempt_at is None
                     else "chờ gửi lại" if delivery.attempts else "chờ gửi")
            click.echo("\t".join([str(delivery.id), delivery.system.name, delivery.event, str(delivery.document_id),
                                  str(delivery.attempts), state, delivery.last_error or ""]).rstrip("\t"))
