"""The ``docgen`` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .model import Plan
from .plan_io import PlanFileError, load_plan


@click.group()
def main() -> None:
    """docgen: Vietnamese plans (Kế hoạch) as Decree-30 Word documents."""


@main.command()
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="Where to write the .docx.")
def render(plan_file: Path, output: Path) -> None:
    """Render PLAN_FILE (YAML or JSON) to a .docx."""
    from .render import render_plan

    try:
        plan = load_plan(plan_file)
    except PlanFileError as error:
        for line in error.errors:
            click.echo(f"{error.source}: {line}", err=True)
        sys.exit(2)
    output.write_bytes(render_plan(plan))
    click.echo(f"{output}")


@main.command()
@click.argument("plan_file", type=click.Path(dir_okay=False, path_type=Path))
def validate(plan_file: Path) -> None:
    """Check PLAN_FILE against the plan model; print field errors."""
    try:
        load_plan(plan_file)
    except PlanFileError as error:
        for line in error.errors:
            click.echo(f"{error.source}: {line}", err=True)
        sys.exit(2)
    click.echo(f"{plan_file}: OK")


@main.command()
def schema() -> None:
    """Print the JSON Schema of a plan."""
    click.echo(json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Worker threads.")
def serve(host: str, port: int, threads: int) -> None:
    """Serve the web application for clerks (waitress)."""
    from waitress import serve as waitress_serve

    from .app import create_app

    click.echo(f"docgen: http://{host}:{port}/")
    # Bodies beyond this never reach Flask; Flask's own limit (MAX_CONTENT_LENGTH)
    # answers with a clear message well below it.
    waitress_serve(create_app(), host=host, port=port, threads=threads,
                   max_request_body_size=64 * 1024 * 1024, ident="docgen")


if __name__ == "__main__":
    main()
