"""``docgen serve``: the web app under waitress."""

from __future__ import annotations

import os
import sys

import click



@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Worker threads (per process).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Processes serving the same port (one per core uses every core).")
def serve(host: str, port: int, threads: int, workers: int) -> None:
    """Serve the web application for clerks (waitress).

    Needs DOCGEN_SECRET_KEY (at least 32 bytes); session cookies are sent
    over HTTPS only unless DOCGEN_INSECURE_COOKIES=1 (an intranet served over
    plain HTTP); DOCGEN_PROXIES=N behind N reverse proxies."""
    from waitress import serve as waitress_serve

    from ..web import ConfigError, create_app, production_config, waitress_options

    try:
        config = {**production_config(), "SERVER_THREADS": threads}
        app = create_app(config) if workers == 1 else None
    except ConfigError as error:
        click.echo(str(error), err=True)
        sys.exit(2)
    click.echo(f"docgen: http://{host}:{port}/" + (f" ({workers} processes)" if workers > 1 else ""))
    # Bodies beyond this never reach Flask; Flask's own limit (MAX_CONTENT_LENGTH)
    # answers with a clear message well below it.
    options = {"max_request_body_size": 64 * 1024 * 1024, "ident": "docgen"}
    _reap_soffice_orphans()
    if app is not None:
        waitress_serve(app, host=host, port=port, threads=threads, **options, **waitress_options(app))
        return
    from ..storage import db
    from ..web.prefork import serve_workers

    # SQLite is migrated on first use; here once, before the workers could race to it.
    engine = db.make_engine(os.environ.get("DATABASE_URL") or None)
    if db.auto_upgrades(engine):
        db.ensure_schema(engine)
    engine.dispose()

    def make_app(housekeeping: bool):  # in each worker, after the fork
        try:
            worker_app = create_app({**config, "JOBS_HOUSEKEEPING": housekeeping})
        except ConfigError as error:
            click.echo(str(error), err=True)
            sys.exit(2)
        return worker_app, {**options, **waitress_options(worker_app)}

    sys.exit(serve_workers(make_app, host, port, workers, threads))


def _reap_soffice_orphans() -> None:
    """End what a docgen killed earlier left of LibreOffice (docgen.pdf.profiles)."""
    from ..pdf import reap_orphans

    reaped = reap_orphans()
    if reaped.processes or reaped.folders:
        click.echo(f"docgen: đã dừng {len(reaped.processes)} tiến trình LibreOffice và xóa "
                   f"{len(reaped.folders)} thư mục hồ sơ do lần chạy trước để lại.", err=True)
