"""Shared output helpers of the CLI: errors as one line on standard error, rows as table/JSON/CSV."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any

import click

from section16.errors import Section16Error

__all__ = ["FORMATS", "echo_error", "emit_rows", "fail"]

FORMATS = ("table", "json", "csv")


def echo_error(error: Section16Error | str) -> None:
    """One line on standard error, no traceback."""
    click.echo(f"error: {error}", err=True)


def fail(error: Section16Error | str, code: int = 1) -> None:
    """Print the error as one line and leave with ``code``."""
    echo_error(error)
    sys.exit(code)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return str(value)


def emit_rows(
    rows: Sequence[Mapping[str, Any]],
    fmt: str,
    *,
    columns: Sequence[str] | None = None,
    title: str | None = None,
    err: bool = False,
) -> None:
    """Write rows to standard output (standard error with ``err``) as a table, JSON (a list of objects)
    or CSV."""
    cols = list(columns) if columns is not None else (list(rows[0]) if rows else [])
    if fmt == "json":
        click.echo(
            json.dumps([{c: row.get(c) for c in cols} for row in rows], default=str, indent=2), err=err
        )
        return
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(cols)
        writer.writerows([_cell(row.get(c)) for c in cols] for row in rows)
        click.echo(buf.getvalue(), nl=False, err=err)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, show_lines=False, header_style="bold")
    for c in cols:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in cols))
    Console(width=max(100, min(200, 12 * len(cols))), soft_wrap=False, stderr=err).print(table)
