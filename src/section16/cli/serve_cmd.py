"""``section16 serve``: the web UI and JSON API (:func:`section16.web.create_app`) over a store, served by
uvicorn, bound to 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import click

from section16.cli import main
from section16.cli._output import fail
from section16.errors import Section16Error


@main.command("serve")
@click.option(
    "--db", default=None, help="Store: a DuckDB file, or a postgresql:// URL.  [default: ./section16.duckdb]"
)
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to bind (0.0.0.0 for every one)."
)
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8016, show_default=True, help="Port to listen on."
)
def serve_command(*, db: str | None, host: str, port: int) -> None:
    """Serve the web UI (latest filings, screener, cluster buys, issuer, insider and filing pages) and
    the JSON API (/api/..., described at /api/openapi.json) over a store, read-only."""
    import uvicorn

    from section16.web import create_app

    try:
        app = create_app(db)
    except Section16Error as exc:
        fail(exc)
        return
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"section16: serving {db or 'section16.duckdb'} at http://{shown}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
