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


if __name__ == "__main__":
    main()
