"""Commands on one document: ``render``, ``validate``, ``import``, ``normalize``,
``schema``, ``check``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..plan.model import Plan
from ..plan.files import PlanFileError, load_plan
from .common import plan_and_notices, read_source, refused


@click.command()
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the .docx (the .pdf with --pdf).")
@click.option("--pdf", "as_pdf", is_flag=True, help="Write the PDF (LibreOffice) instead of the .docx.")
@click.option("--pdf-a", "archive", is_flag=True, help="Write a PDF/A-2b file, for archiving (implies --pdf).")
def render(plan_file: Path, output: Path, as_pdf: bool, archive: bool) -> None:
    """Render PLAN_FILE (YAML or JSON) to a .docx, or a PDF with --pdf.

    Exit status: 0 written, 1 the PDF could not be made (the message says
    why), 2 the plan has errors."""
    from ..document.render import render_plan

    plan, notices = plan_and_notices(plan_file)
    for notice in notices:
        click.echo(f"{plan_file}: {notice}", err=True)
    document = render_plan(plan)
    if as_pdf or archive:
        from ..pdf import PdfError, docx_to_pdf

        try:
            document = docx_to_pdf(document, archive=archive)
        except PdfError as error:
            click.echo(f"{plan_file}: {error}", err=True)
            sys.exit(1)
    output.write_bytes(document)
    click.echo(f"{output}")


@click.command()
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
def validate(plan_file: Path) -> None:
    """Check PLAN_FILE against the plan model; print field errors, and the
    labels typed at the start of a title or item that the model took off."""
    _, notices = plan_and_notices(plan_file)
    for notice in notices:
        click.echo(f"{plan_file}: {notice}")
    click.echo(f"{plan_file}: OK")


@click.command("import")
@click.argument("source_file", metavar="FILE")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the plan (YAML).")
def import_(source_file: str, output: Path) -> None:
    """Read an existing plan (FILE: .docx, .txt, or - for text on stdin) into
    a plan file; what could not be placed is listed on stderr with its
    paragraph number."""
    from ..importing.importer import import_bytes, warning_lines
    from ..importing.parse import ImportRefused
    from ..plan.files import plan_to_yaml
    from ..plan.yaml_load import dump_yaml

    name, data = read_source(source_file)
    try:
        result = import_bytes(data, name, incomplete=True)
    except ImportRefused as error:
        refused(name, error)
    if result.plan is not None:
        output.write_text(plan_to_yaml(result.plan), encoding="utf-8")
    else:  # what the document does not state is left out for the clerk to fill
        output.write_text(dump_yaml(result.data), encoding="utf-8")
    for line in warning_lines(result, name):
        click.echo(line, err=True)
    for error in result.errors:
        click.echo(f"{output}: chưa đủ để dùng: {error}", err=True)
    click.echo(f"{output}")


@click.command()
@click.argument("source_file", metavar="FILE")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the re-laid-out .docx.")
def normalize(source_file: str, output: Path) -> None:
    """Re-issue an existing plan (FILE: .docx, .txt, or - on stdin) in the
    Decree-30 layout: import it, then render it as `docgen render` does. The
    import's warnings go to stderr, as `docgen import` prints them."""
    from ..importing.importer import warning_lines
    from ..importing.normalize import normalize_bytes
    from ..importing.parse import ImportRefused

    name, data = read_source(source_file)
    try:
        result = normalize_bytes(data, name)
    except ImportRefused as error:
        refused(name, error)
    output.write_bytes(result.docx)
    for line in warning_lines(result.imported, name):
        click.echo(line, err=True)
    click.echo(f"{output}")


@click.command()
def schema() -> None:
    """Print the JSON Schema of a plan."""
    click.echo(json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2))


@click.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
def check(path: Path, as_json: bool) -> None:
    """Check PATH (a plan in YAML/JSON, or a .docx) against Decree 30 and itself.

    Prints one line per finding; exit status 1 if any is an error, 2 if the
    file cannot be read."""
    from ..checks import UnreadableDocument, check_docx, check_plan, has_errors

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


@click.command("types")
def types_() -> None:
    """List the document types (docgen.doctypes): key, name, symbol, layout."""
    from .. import doctypes

    for kind in doctypes.ALL.values():
        issued = "" if kind.standalone else " (chỉ ban hành kèm theo quyết định)"
        click.echo(f"{kind.key}\t{kind.name}\t{kind.default_symbol}\t{kind.layout}{issued}")


@click.command("new")
@click.argument("type_key", metavar="TYPE")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the new document (YAML).")
@click.option("--unit", default="", help="The issuing unit, e.g. \"UBND xã Lộc Hòa\" (its header and place).")
def new(type_key: str, output: Path, unit: str) -> None:
    """Write a new document of TYPE (see `docgen types`) to fill in: the parts
    its type has, as the editor's "Văn bản mới" starts it."""
    from .. import doctypes
    from ..plan.blank import new_document
    from ..plan.yaml_load import dump_yaml
    from ..reports.unit import ReportingUnit
    from ..vietnamese.dates import vietnam_today

    try:
        kind = doctypes.get(type_key)
    except doctypes.UnknownDocumentType as error:
        raise click.UsageError(str(error)) from None
    if not kind.standalone:
        raise click.UsageError(f"{kind.name} chỉ ban hành kèm theo một quyết định (phần “attached”)")
    header = {"issuing_body": ["ỦY BAN NHÂN DÂN", "…"], "place": "…"}
    if unit.strip():
        own = ReportingUnit.named(unit, "")
        header = {"issuing_body": own.issuing_body, "issuer_name": own.issuer_name, "place": own.place}
    output.write_text(dump_yaml(new_document(kind, header, vietnam_today())), encoding="utf-8")
    click.echo(f"{output}")
