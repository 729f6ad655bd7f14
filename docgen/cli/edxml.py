"""edXML packages of the national document axis: ``edxml export|show|reply``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .common import DATABASE_URL, read_source, write_entry_file


@click.group("edxml")
def edxml_group() -> None:
    """edXML packages (QCVN 102:2016 as amended by TT 01/2022) for the national document axis."""


@edxml_group.command("export")
@click.argument("entry_id", type=click.IntRange(min=1))
@click.option("--user", "username", required=True, help="Who exports (a user of the document's unit).")
@click.option("--revoke", is_flag=True, help="The revocation message of the recalled document instead.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the package here (default: standard output).")
@DATABASE_URL
def edxml_export(entry_id: int, username: str, revoke: bool, output: Path | None, database_url: str | None) -> None:
    """The edXML package of the issued document ENTRY_ID (its register id): a new document to each recipient
    agency with a mã định danh, a replacement when it corrects a recalled one; with --revoke, the revocation
    message of a recalled document. Exit status 2 with the reason when it cannot be made."""
    from ..edxml.envelope import NEW, REVOKE
    from ..storage.outgoing import export

    write_entry_file(database_url, username, entry_id,
                     lambda session, user: export(session, user, entry_id, message=REVOKE if revoke else NEW), output)


def _package(source_file: str):
    from ..edxml import EdxmlError
    from ..edxml.reader import read

    name, data = read_source(source_file)
    try:
        return name, read(data)
    except EdxmlError as error:
        click.echo(f"{name}: {error}", err=True)
        sys.exit(2)


@edxml_group.command("show")
@click.argument("source_file", metavar="PACKAGE")
def edxml_show(source_file: str) -> None:
    """Check the package PACKAGE strictly against the schema and print what it says: sender, number and symbol,
    date, type, subject, message, recipients, files."""
    from ..edxml.envelope import BUSINESS_NAMES

    name, envelope = _package(source_file)
    lines = [
        f"Gửi: {envelope.sender.name} ({envelope.sender.organ_id})",
        f"Số, ký hiệu: {envelope.number_and_symbol}; ngày {envelope.date:%d/%m/%Y}; {envelope.type_name}",
        f"Trích yếu: {envelope.subject}",
        f"Thông điệp: {BUSINESS_NAMES[envelope.business]}" + (f" ({envelope.business_reason})"
                                                             if envelope.business_reason else ""),
        f"Mã văn bản: {envelope.document_id}",
    ]
    lines += [f"Nơi nhận: {organ.name} ({organ.organ_id})" for organ in envelope.recipients]
    lines += [f"Tệp: {attachment.name} ({len(attachment.data)} byte)" for attachment in envelope.attachments]
    click.echo("\n".join(lines))


@edxml_group.command("reply")
@click.argument("source_file", metavar="PACKAGE")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the reply (YAML).")
@click.option("--unit", default="", help="The replying unit, e.g. \"UBND xã Lộc Tấn\" (its header and place).")
@click.option("--type", "type_key", default=None, help="The reply's type, a key of `docgen types` (default: the type without a title line whose subject "
                   "starts V/v).")
def edxml_reply(source_file: str, output: Path, unit: str, type_key: str | None) -> None:
    """Start the document that answers the package PACKAGE: "Thực hiện <type> số … ngày … của …" with the
    sender's code and the package's DocumentId, the sender as recipient and "Kính gửi"."""
    from .. import doctypes
    from ..edxml import EdxmlError
    from ..edxml.reply import reply_parts
    from ..plan.blank import new_document
    from ..plan.yaml_load import dump_yaml
    from ..vietnamese.dates import vietnam_today

    name, envelope = _package(source_file)
    try:
        parts = reply_parts(envelope, type_key)
    except (EdxmlError, doctypes.UnknownDocumentType) as error:
        click.echo(f"{name}: {error}", err=True)
        sys.exit(2)
    plan = {**new_document(doctypes.get(parts["type"]), vietnam_today(), unit, blank="…"), **parts}
    output.write_text(dump_yaml(plan), encoding="utf-8")
    click.echo(str(output))
