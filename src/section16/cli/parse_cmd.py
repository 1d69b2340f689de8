"""``section16 parse FILE|DIR ...``: read filings and print them (JSON, JSON Lines, a table, or CSV)."""

from __future__ import annotations

import json
import sys

import click

from section16.cli import main
from section16.cli._output import echo_error, emit_rows
from section16.model import Filing
from section16.services.reading import read_paths
from section16.write.records import filing_to_dict, transaction_rows

TABLE_COLUMNS = (
    "accession_number",
    "document_type",
    "issuer_trading_symbol",
    "rpt_owner_name",
    "table",
    "security_title",
    "transaction_date",
    "transaction_code",
    "transaction_shares",
    "transaction_price_per_share",
    "transaction_acquired_disposed_code",
    "shares_owned_following_transaction",
    "direct_or_indirect_ownership",
)


@main.command("parse")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "table", "csv"]),
    default="json",
    show_default=True,
    help="json: one object per filing (a list when several); jsonl: one per line; "
    "table/csv: one row per transaction or holding.",
)
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on for long runs).")
def parse_command(paths: tuple[str, ...], fmt: str, progress: bool | None) -> None:
    """Read ownership filings (XML, complete submissions .txt, dissemination .nc/.sgml) and print them.

    Folders are read recursively. A file that cannot be read is reported on standard error as
    FILE:LINE:COLUMN: what is wrong, and the batch goes on; the exit code is 1 if any file failed.
    """
    show_bar = progress if progress is not None else sys.stderr.isatty()
    failed = 0
    filings: list[Filing] = []
    rows: list[dict[str, object]] = []
    count = 0
    for result in read_paths(paths, progress=show_bar):
        if result.error is not None:
            failed += 1
            echo_error(result.error)
            continue
        filing = result.filing
        assert filing is not None
        count += 1
        if fmt == "jsonl":
            click.echo(json.dumps(filing_to_dict(filing), ensure_ascii=False))
        elif fmt == "json":
            filings.append(filing)
        else:
            rows.extend(transaction_rows(filing))
    if fmt == "json":
        objects = [filing_to_dict(f) for f in filings]
        payload = objects[0] if len(objects) == 1 and len(paths) == 1 else objects
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt in ("table", "csv"):
        columns = TABLE_COLUMNS if fmt == "table" else None
        title = f"{count} filing(s), {len(rows)} row(s)" if fmt == "table" else None
        emit_rows(rows, fmt, columns=columns, title=title)
    if failed:
        click.echo(f"{failed} file(s) could not be read; {count} read", err=True)
        sys.exit(1)
