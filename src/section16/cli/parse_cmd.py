"""``section16 parse FILE|DIR ...``: read filings and print them (JSON, JSON Lines, a table, or CSV)."""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from pathlib import Path

import click

from section16.cli import main
from section16.cli._output import echo_error, emit_rows, fail
from section16.model import Filing
from section16.services.reading import read_paths
from section16.write.records import filing_to_dict, transaction_rows
from section16.write.xml import write_ownership_xml

# The table view: short headings, like the columns of the printed form.
TABLE_VIEW = (
    ("accession", "accession_number"),
    ("form", "document_type"),
    ("ticker", "issuer_trading_symbol"),
    ("owner", "reporting_owner_names"),
    ("row", "kind"),
    ("security", "security_title"),
    ("date", "transaction_date"),
    ("code", "transaction_code"),
    ("shares", "transaction_shares"),
    ("price", "transaction_price_per_share"),
    ("A/D", "transaction_acquired_disposed_code"),
    ("owned after", "shares_owned_following_transaction"),
    ("D/I", "direct_or_indirect_ownership"),
)
_KIND = {
    "nonDerivativeTransaction": "I tx",
    "nonDerivativeHolding": "I hold",
    "derivativeTransaction": "II tx",
    "derivativeHolding": "II hold",
}


def _table_row(row: Mapping[str, object]) -> dict[str, object]:
    out = {heading: row.get(key) for heading, key in TABLE_VIEW}
    out["row"] = _KIND.get(str(row.get("kind")), row.get("kind"))
    return out


@main.command("parse")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "table", "csv", "xml"]),
    default="json",
    show_default=True,
    help="json: one object per filing (a list when several); jsonl: one per line; "
    "table/csv: one row per transaction or holding; xml: the ownership document written back as "
    "ownership XML in the current schema's element order (one file).",
)
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on for long runs).")
def parse_command(paths: tuple[str, ...], fmt: str, progress: bool | None) -> None:
    """Read ownership filings (XML, complete submissions .txt, dissemination .nc/.sgml) and print them.

    Folders are read recursively. A file that cannot be read is reported on standard error as
    FILE:LINE:COLUMN: what is wrong, and the batch goes on; the exit code is 1 if any file failed.
    """
    if fmt == "xml" and (len(paths) != 1 or Path(paths[0]).is_dir()):
        fail("--format xml writes one document: give exactly one file")
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
        elif fmt == "xml":
            if filing.document is None:
                fail(f"{result.path}: holds no structured ownership document to write")
            assert filing.document is not None
            click.echo(write_ownership_xml(filing.document).decode("utf-8"), nl=False)
        elif fmt == "table":
            rows.extend(_table_row(r) for r in transaction_rows(filing))
        else:
            rows.extend(dict(r) for r in transaction_rows(filing))
    if fmt == "json":
        objects = [filing_to_dict(f) for f in filings]
        payload = objects[0] if len(objects) == 1 and len(paths) == 1 else objects
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt in ("table", "csv"):
        title = f"{count} filing(s), {len(rows)} row(s)" if fmt == "table" else None
        emit_rows(rows, fmt, title=title)
    if failed:
        click.echo(f"{failed} file(s) could not be read; {count} read", err=True)
        sys.exit(1)
