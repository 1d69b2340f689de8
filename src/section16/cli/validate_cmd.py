"""``section16 validate FILE|DIR ...`` (findings as a table or JSON) and ``section16 deadline DATE --form N``
(the due date of a Form 3, 4 or 5 and why)."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import date
from pathlib import Path

import click

from section16.cli import main
from section16.cli._output import emit_rows, fail
from section16.errors import Section16Error
from section16.services.validation import validate_paths
from section16.validate import Finding, due_date
from section16.validate.deadlines import fiscal_year_end

_COLUMNS = ("severity", "rule", "file", "accession", "table", "row", "field", "message")
_TABLE = ("severity", "rule", "where", "message")


def _table_row(finding: Finding) -> dict[str, object]:
    # The table names the file by its base name; JSON and CSV keep the full path.
    short = dataclasses.replace(finding, file=Path(finding.file).name if finding.file else None)
    return {
        "severity": finding.severity.value,
        "rule": finding.rule,
        "where": short.place,
        "message": finding.message,
    }


def _date(value: str | None, what: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date YYYY-MM-DD", param_hint=what) from None


@main.command("validate")
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True
)
@click.option(
    "--xsd-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Also check each ownership XML against the SEC's XSD files in this folder.",
)
@click.option("--today", default=None, metavar="DATE", help="Dates after this are findings (default: today).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on for long runs).")
def validate_command(
    paths: tuple[str, ...], fmt: str, xsd_dir: str | None, today: str | None, progress: bool | None
) -> None:
    """Check filings against the SEC's rules and deadlines: structure, codes, arithmetic, dates,
    deadlines, and across the filings given (continuity, duplicates, empty amendments).

    Folders are read recursively. Prints one finding per line (rule, severity error/warning/info, where,
    message, and in JSON the SEC source of the rule). Exit code 0 when no finding is an error, else 1.
    """
    show_bar = progress if progress is not None else sys.stderr.isatty()
    try:
        report = validate_paths(paths, today=_date(today, "--today"), xsd_dir=xsd_dir, progress=show_bar)
    except Section16Error as exc:
        fail(exc)
        return
    if fmt == "json":
        click.echo(json.dumps([f.as_dict() for f in report.findings], indent=2, ensure_ascii=False))
    else:
        if fmt == "csv":
            emit_rows([f.as_dict() for f in report.findings], "csv", columns=[*_COLUMNS, "source"])
        elif report.findings:
            emit_rows([_table_row(f) for f in report.findings], "table", columns=_TABLE)
        counts = {s: sum(1 for f in report.findings if f.severity == s) for s in ("error", "warning", "info")}
        click.echo(
            f"{report.files} files, {report.failed} unreadable: {counts['error']} errors, "
            f"{counts['warning']} warnings, {counts['info']} info",
            err=True,
        )
    sys.exit(0 if report.ok else 1)


@main.command("deadline")
@click.argument("when", metavar="DATE")
@click.option("--form", type=click.Choice(["3", "4", "5"]), required=True, help="The form: 3, 4 or 5.")
@click.option(
    "--fiscal-year-end",
    "fiscal_year_end_mmdd",
    metavar="MMDD",
    default=None,
    help="Form 5: the issuer's fiscal year end (header FISCAL YEAR END); DATE is then any day of the year.",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def deadline_command(when: str, form: str, fiscal_year_end_mmdd: str | None, fmt: str) -> None:
    """Print the due date of a Form 3, 4 or 5 and why. DATE is the transaction date (or deemed execution
    date) for Form 4, the event date for Form 3, the fiscal year end for Form 5. Business days are
    EDGAR's (federal holidays, observed dates, extra closures), 2003-2030."""
    start = _date(when, "DATE")
    assert start is not None
    if form == "5" and fiscal_year_end_mmdd:
        start = fiscal_year_end(start, fiscal_year_end_mmdd)
    try:
        deadline = due_date(int(form), start)
    except ValueError as exc:
        fail(str(exc))
        return
    if fmt == "json":
        out = {"form": deadline.form, "start": deadline.start.isoformat(), "due": deadline.due.isoformat()}
        click.echo(json.dumps({**out, "why": deadline.why}))
    else:
        click.echo(f"Form {deadline.form} due {deadline.due.strftime('%a')} {deadline.due.isoformat()}")
        click.echo(f"why: {deadline.why}")
