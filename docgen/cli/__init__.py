"""The ``docgen`` command line: one module per command group, put together
here. Each command is a thin delivery over the core (docs/developer.md)."""

from __future__ import annotations

import click

from . import accounts, agencies, batch, documents, edxml, register, reports, serve, signing


@click.group()
def main() -> None:
    """docgen: Vietnamese official documents (the types of docgen.doctypes: `docgen types`) as Decree-30 Word
    documents."""


for command in (
    documents.render, documents.validate, documents.import_, documents.normalize, documents.schema, documents.check,
    documents.types_, documents.new,
    serve.serve,
    batch.batch, batch.batch_plan, batch.batch_example, batch.worker, batch.jobs,
    accounts.db, accounts.users, agencies.units, agencies.agencies,
    register.issue, register.register_group, register.systems_group, register.webhooks_group, edxml.edxml_group,
    signing.sign, signing.verify, signing.signing, signing.local_signer,
    reports.report_from_command, reports.report_sheet_command, reports.report_summary_command,
):
    main.add_command(command)
