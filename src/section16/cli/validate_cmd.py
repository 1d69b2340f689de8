"""``section16 validate FILE|DIR ...`` and ``section16 validate --db DB`` (findings as a table, JSON or CSV;
with ``--db`` the stored filings are validated and their stored findings refreshed),
``section16 deadline DATE --form N`` (the due date of a Form 3, 4 or 5 and why) and
``section16 prepare FILE.json`` (a filing written as JSON, checked, as ownership XML)."""

from __future__ import annotations

import csv
import dataclasses
import json
import sys
from datetime import date
from pathlib import Path

import click

from section16.cli import main
from section16.cli._output import emit_rows, fail
from section16.errors import Section16Error
from section16.services.prepare import TEMPLATE_FORMS, prepare, submission_file
from section16.services.prepare import template as form_template
from section16.services.reports import open_report_store
from section16.services.store_validation import DEFAULT_BATCH_SIZE, StoreValidationReport, validate_store
from section16.services.validation import validate_paths
from section16.validate import Finding, due_date
from section16.validate.deadlines import fiscal_year_end
from section16.write.edgar_submission import Enclosure

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
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--db",
    default=None,
    help="Validate the filings stored in this DuckDB file or postgresql:// URL instead of files, and "
    "refresh their stored findings.",
)
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
@click.option(
    "--refresh/--no-refresh",
    default=True,
    show_default=True,
    help="With --db: replace the stored findings of each filing with what this run finds.",
)
@click.option(
    "--batch-size", default=DEFAULT_BATCH_SIZE, show_default=True, help="With --db: filings per batch."
)
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on for long runs).")
def validate_command(
    *,
    paths: tuple[str, ...],
    db: str | None,
    fmt: str,
    xsd_dir: str | None,
    today: str | None,
    refresh: bool,
    batch_size: int,
    progress: bool | None,
) -> None:
    """Check filings against the SEC's rules and deadlines: structure, codes, arithmetic, dates,
    deadlines, and across the filings given (continuity, duplicates, empty amendments).

    Folders are read recursively. With --db (and no PATHS) the filings in a store are read again from
    their raw documents, the cross-filing rules run over each issuer's filings by the same owner(s), and
    the stored findings are replaced (--no-refresh leaves them). Prints one finding per line (rule,
    severity error/warning/info, where, message, and in JSON the SEC source of the rule). Exit code 0
    when no finding is an error, else 1.
    """
    if db is not None and paths:
        fail("validate: give PATHS or --db, not both")
    if db is None and not paths:
        fail("validate: give PATHS (files or folders) or --db DB")
    show_bar = progress if progress is not None else sys.stderr.isatty()
    when = _date(today, "--today")
    if db is not None:
        _validate_db(db, fmt, when, xsd_dir, refresh=refresh, batch_size=batch_size, show_bar=show_bar)
        return
    try:
        report = validate_paths(paths, today=when, xsd_dir=xsd_dir, progress=show_bar)
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


class _Streamed:
    """Writes findings as they come: JSON as one array (the layout of ``json.dumps(..., indent=2)``),
    CSV row by row; the table gathers them (a terminal table is printed whole)."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.count = 0
        self.table: list[dict[str, object]] = []
        self.csv = csv.writer(sys.stdout, lineterminator="\n")
        if fmt == "csv":
            self.csv.writerow([*_COLUMNS, "source"])

    def __call__(self, finding: Finding) -> None:
        if self.fmt == "json":
            body = json.dumps(finding.as_dict(), indent=2, ensure_ascii=False).replace("\n", "\n  ")
            sys.stdout.write(("[\n  " if self.count == 0 else ",\n  ") + body)
        elif self.fmt == "csv":
            row = finding.as_dict()
            self.csv.writerow(["" if row[c] is None else row[c] for c in [*_COLUMNS, "source"]])
        else:
            self.table.append(_table_row(finding))
        self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            sys.stdout.write("\n]\n" if self.count else "[]\n")
        elif self.fmt == "table" and self.table:
            emit_rows(self.table, "table", columns=_TABLE)
        sys.stdout.flush()


def _validate_db(
    db: str,
    fmt: str,
    when: date | None,
    xsd_dir: str | None,
    *,
    refresh: bool,
    batch_size: int,
    show_bar: bool,
) -> None:
    from section16.cli.ingest_cmd import _progress_bar

    out = _Streamed(fmt)
    report: StoreValidationReport | None = None
    try:
        with open_report_store(db) as store, _progress_bar("validating", show_bar) as bar:
            report = validate_store(
                store,
                today=when,
                xsd_dir=xsd_dir,
                refresh=refresh,
                batch_size=batch_size,
                on_finding=out,
                progress=bar,
            )
    except Section16Error as exc:
        out.close()
        fail(exc)
        return
    out.close()
    assert report is not None
    counts = report.counts
    stored = (
        f"; findings of {report.refreshed} filings stored"
        if refresh
        else "; stored findings left as they were"
    )
    click.echo(
        f"{report.filings} filings, {report.failed} unreadable: {counts['error']} errors, "
        f"{counts['warning']} warnings, {counts['info']} info{stored}",
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


def _attachment(value: str) -> Enclosure:
    """``TYPE:FILE`` of ``--attach``: the file's bytes, named by its base name."""
    kind, colon, name = value.partition(":")
    if not colon or not kind or not name:
        raise click.BadParameter(f"{value!r} is not TYPE:FILE (EX-24:poa.txt)", param_hint="--attach")
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        raise click.BadParameter(
            f"{name}: cannot read: {exc.strerror or exc}", param_hint="--attach"
        ) from None
    return Enclosure(name=Path(name).name, document_type=kind, data=data)


def _write(target: str, data: bytes) -> None:
    if target == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        Path(target).write_bytes(data)
    except OSError as exc:
        fail(f"{target}: cannot write: {exc.strerror or exc}")


@main.command("prepare")
@click.argument("path", type=click.Path(dir_okay=False), required=False)
@click.option(
    "--template",
    type=click.Choice(TEMPLATE_FORMS),
    default=None,
    help="Print a complete Form 3, 4 or 5 as JSON to start from (invented names and numbers).",
)
@click.option("--out", "-o", default=None, metavar="FILE",
              help="Where the XML goes ('-': standard output).  [default: PATH with .xml]")  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
    help="How the findings are printed.",
)  # fmt: skip
@click.option("--xsd-dir", type=click.Path(file_okay=False), default=None,
              help="Also check the XML (and submission file) against the SEC's XSD files here.")  # fmt: skip
@click.option("--today", default=None, metavar="DATE", help="Dates after this are findings (default: today).")
@click.option("--force", is_flag=True, help="Write even when a finding is an error.")
@click.option("--submission", default=None, metavar="FILE",
              help="Also write the EDGAR submission file (edgarSubmission) carrying the XML.")  # fmt: skip
@click.option("--primary-name", default=None, metavar="NAME",
              help="The XML's file name in the submission.  [default: form4.xml, form4a.xml...]")  # fmt: skip
@click.option("--attach", "attachments", multiple=True, metavar="TYPE:FILE",
              help="A supporting document of the submission, repeatable: EX-24:poa.txt.")  # fmt: skip
@click.option("--live", is_flag=True, help="Mark the submission LIVE (default: TEST).")
@click.option("--contact-name", default=None, help="The submission's point of contact.")
@click.option("--contact-phone", default=None)
@click.option("--contact-email", default=None)
@click.option("--notify", multiple=True, metavar="EMAIL", help="An address EDGAR notifies, repeatable.")
@click.option("--db", default=None,
              help="A store (DuckDB file or postgresql:// URL) whose trades of the same insider are "
              "matched with this filing's for short-swing profits.")  # fmt: skip
def prepare_command(
    *,
    path: str | None,
    template: str | None,
    out: str | None,
    fmt: str,
    xsd_dir: str | None,
    today: str | None,
    force: bool,
    submission: str | None,
    primary_name: str | None,
    attachments: tuple[str, ...],
    live: bool,
    contact_name: str | None,
    contact_phone: str | None,
    contact_email: str | None,
    notify: tuple[str, ...],
    db: str | None,
) -> None:
    """Prepare a filing: read PATH, a Form 3, 4 or 5 as JSON (the document that `section16 parse
    --format json` prints, or its whole record), check it by every validation rule and EDGAR's rules for
    a submission, and write it as ownership XML (and, with --submission, the EDGAR submission file that
    carries it and its attachments). With --db its open-market trades are matched with the insider's
    stored trades for short-swing profits (warnings). Exit code 0 when no finding is an error; with an
    error nothing is written (unless --force) and the exit code is 1. --template 3|4|5 prints a
    complete form as JSON to start from."""
    if template is not None:
        if path is not None:
            fail("prepare: give PATH or --template, not both")
        click.echo(json.dumps(form_template(template), indent=2, ensure_ascii=False))
        return
    if path is None:
        fail("prepare: give PATH (a filing as JSON), or --template 3|4|5 for one to start from")
        return
    when = _date(today, "--today")
    enclosed = [_attachment(a) for a in attachments]
    source = Path(path)
    try:
        data = source.read_bytes()
    except OSError as exc:
        fail(f"{path}: cannot read: {exc.strerror or exc}")
        return
    schemas = Path(xsd_dir) if xsd_dir else None
    target = out if out is not None else str(source.with_suffix(".xml"))
    if submission == "-" and target == "-":
        fail("prepare: the XML and the submission file cannot both go to standard output")
    files = [Path(f).resolve() for f in (path, target, submission) if f is not None and f != "-"]
    if len(set(files)) < len(files):
        fail(f"{path}: the input, the XML (--out) and --submission must be three different files")
    try:
        if db is not None:
            with open_report_store(db) as store:
                prepared = prepare(data, name=path, today=when, xsd_dir=schemas, store=store)
        else:
            prepared = prepare(data, name=path, today=when, xsd_dir=schemas)
        wrapped = (
            submission_file(
                prepared,
                primary_name=primary_name,
                live=live,
                attachments=enclosed,
                contact_name=contact_name,
                contact_phone=contact_phone,
                contact_email=contact_email,
                notify=notify,
                file=Path(submission).name if submission != "-" else "<submission>",
                xsd_dir=schemas,
            )
            if submission is not None
            else None
        )
    except Section16Error as exc:
        fail(exc)
        return
    findings = [*prepared.findings, *(wrapped.findings if wrapped is not None else ())]
    findings.sort(key=lambda f: f.severity.rank)
    to_stdout = "-" in (target, submission)
    # With a file on standard output the findings go to standard error.
    if fmt == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], indent=2, ensure_ascii=False), err=to_stdout)
    elif fmt == "csv":
        emit_rows([f.as_dict() for f in findings], "csv", columns=[*_COLUMNS, "source"], err=to_stdout)
    elif findings:
        emit_rows([_table_row(f) for f in findings], "table", columns=_TABLE, err=to_stdout)
    counts = {s: sum(1 for f in findings if f.severity.value == s) for s in ("error", "warning", "info")}
    ok = not counts["error"]
    written = ok or force
    if written:
        _write(target, prepared.xml)
        if wrapped is not None and submission is not None:
            _write(submission, wrapped.data)
    places = [t if t != "-" else "standard output" for t in (target, submission) if t is not None]
    what = f"written to {' and '.join(places)}" if written else "not written"
    click.echo(
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info; "
        f"{'XML and submission' if submission else 'XML'} {what}",
        err=True,
    )
    sys.exit(0 if ok else 1)
