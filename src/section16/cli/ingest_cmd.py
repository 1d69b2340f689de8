"""``section16 ingest PATH ... [--db DB]`` and ``section16 reparse [--db DB]``: store filings in DuckDB
(default ``./section16.duckdb``) or PostgreSQL (``--db postgresql://...``), and re-read what is stored."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import click

from section16.cli import main
from section16.cli._output import echo_error, fail
from section16.errors import Section16Error
from section16.services.ingest import DEFAULT_BATCH_SIZE, IngestReport, ingest, reparse
from section16.store import open_store

_DB_HELP = "Store: a DuckDB file, or a postgresql:// URL.  [default: ./section16.duckdb]"


@contextmanager
def _progress_bar(label: str, show: bool) -> Iterator[Callable[[int, int], None] | None]:
    if not show:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _finish(report: IngestReport, verb: str) -> None:
    for error in report.errors:
        echo_error(str(error))
    click.echo(
        f"{verb} {report.added} filing(s); {report.skipped} already stored; "
        f"{report.linked} amendment(s) linked; {report.failed} failed",
        err=True,
    )
    if report.failed:
        sys.exit(1)


@main.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--batch-size", default=DEFAULT_BATCH_SIZE, show_default=True, help="Filings per transaction.")
@click.option("--validate/--no-validate", default=True, show_default=True, help="Store validation findings.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on at a terminal).")
def ingest_command(
    paths: tuple[str, ...], db: str | None, batch_size: int, validate: bool, progress: bool | None
) -> None:
    """Store filings: files, folders (recursively), .zip and .tar.gz archives of filings.

    Idempotent: a filing already stored (same accession number, else same bytes) is skipped. Each batch
    is one transaction, so an interrupted run leaves no half-written filing; run it again to finish.
    A file that cannot be read is listed on standard error and the batch goes on; exit code 1 then.
    """
    show = progress if progress is not None else sys.stderr.isatty()
    try:
        with open_store(db) as store, _progress_bar("ingesting", show) as bar:
            report = ingest(paths, store, batch_size=batch_size, validate=validate, progress=bar)
    except Section16Error as exc:
        fail(exc)
    _finish(report, "stored")


@main.command("reparse")
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--batch-size", default=DEFAULT_BATCH_SIZE, show_default=True, help="Filings per transaction.")
@click.option("--validate/--no-validate", default=True, show_default=True, help="Store validation findings.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on at a terminal).")
def reparse_command(db: str | None, batch_size: int, validate: bool, progress: bool | None) -> None:
    """Re-read every stored raw document with the current reader and rewrite its rows."""
    show = progress if progress is not None else sys.stderr.isatty()
    try:
        with open_store(db) as store, _progress_bar("reparsing", show) as bar:
            report = reparse(store, batch_size=batch_size, validate=validate, progress=bar)
    except Section16Error as exc:
        fail(exc)
    _finish(report, "reparsed")
