"""``section16 export --format sec-datasets|parquet|jsonl|csv OUT FILE|DIR ...``: write filings into a
folder as the SEC's Insider Transactions Data Sets, Parquet, JSON Lines or CSV
(:func:`section16.services.export.export`)."""

from __future__ import annotations

import sys
from typing import cast

import click

from section16.cli import main
from section16.cli._output import fail
from section16.errors import Section16Error
from section16.services.export import FORMATS, ExportFormat, export


@main.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="sec-datasets",
    show_default=True,
    help="sec-datasets: the SEC's eight TSV tables (SUBMISSION.tsv ...); parquet: the same tables and "
    "transactions.parquet; jsonl: filings.jsonl, every field; csv: transactions.csv, one row per "
    "transaction or holding.",
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar (default: on when stderr is a terminal)."
)
@click.argument("out", type=click.Path(file_okay=False))
@click.argument("paths", nargs=-1, required=True, type=click.Path())
def export_command(fmt: str, progress: bool | None, out: str, paths: tuple[str, ...]) -> None:
    """Export the filings in FILE|DIR ... (folders read recursively) into the folder OUT.

    A file that cannot be exported is reported on standard error as FILE:LINE:COLUMN: what is wrong,
    and the batch goes on; the exit code is 1 if any file failed. A filing whose accession number was
    already exported (the same filing as .txt and .xml) is skipped and counted.
    """
    show_bar = progress if progress is not None else sys.stderr.isatty()
    try:
        report = export(paths, out, format=cast(ExportFormat, fmt), progress=show_bar)
    except Section16Error as exc:
        fail(exc)
        return
    for issue in report.errors:
        click.echo(issue.message, err=True)
    rows = ", ".join(f"{name} {count}" for name, count in report.rows_written.items())
    summary = (
        f"{report.files_read} file(s) read, {report.filings_written} filing(s) written to {report.out_dir}"
        f" ({rows})"
    )
    if report.skipped:
        summary += f"; {len(report.skipped)} duplicate(s) skipped"
    if report.errors:
        summary += f"; {len(report.errors)} file(s) failed"
    click.echo(summary)
    if report.errors:
        sys.exit(1)
