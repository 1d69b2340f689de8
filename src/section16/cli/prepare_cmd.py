"""``section16 prepare FILE.json``: a Form 3, 4 or 5 written as JSON turned into ownership XML for EDGAR,
checked by every validation rule first (a face over :func:`section16.services.prepare.prepare`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from section16.cli import main
from section16.cli._output import emit_rows, fail
from section16.cli.validate_cmd import _COLUMNS, _TABLE, _date, _table_row
from section16.errors import Section16Error
from section16.services.prepare import TEMPLATE_FORMS, prepare
from section16.services.prepare import template as form_template


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
              help="Also check the XML against the SEC's XSD files in this folder.")  # fmt: skip
@click.option("--today", default=None, metavar="DATE", help="Dates after this are findings (default: today).")
@click.option("--force", is_flag=True, help="Write the XML even when a finding is an error.")
def prepare_command(
    *,
    path: str | None,
    template: str | None,
    out: str | None,
    fmt: str,
    xsd_dir: str | None,
    today: str | None,
    force: bool,
) -> None:
    """Prepare a filing: read PATH, a Form 3, 4 or 5 as JSON (the document that `section16 parse
    --format json` prints, or its whole record), check it by every validation rule and write it as
    ownership XML. Exit code 0 when no finding is an error; with an error the XML is not written (unless
    --force) and the exit code is 1. --template 3|4|5 prints a complete form as JSON to start from."""
    if template is not None:
        if path is not None:
            fail("prepare: give PATH or --template, not both")
        click.echo(json.dumps(form_template(template), indent=2, ensure_ascii=False))
        return
    if path is None:
        fail("prepare: give PATH (a filing as JSON), or --template 3|4|5 for one to start from")
        return
    when = _date(today, "--today")
    source = Path(path)
    try:
        data = source.read_bytes()
    except OSError as exc:
        fail(f"{path}: cannot read: {exc.strerror or exc}")
        return
    try:
        prepared = prepare(data, name=path, today=when, xsd_dir=Path(xsd_dir) if xsd_dir else None)
    except Section16Error as exc:
        fail(exc)
        return
    target = out if out is not None else str(source.with_suffix(".xml"))
    if target == str(source):
        fail(f"{path}: the XML would overwrite its input; give --out")
    findings = prepared.findings
    to_stdout = target == "-"
    # With the XML on standard output the findings go to standard error.
    if fmt == "json":
        click.echo(json.dumps([f.as_dict() for f in findings], indent=2, ensure_ascii=False), err=to_stdout)
    elif fmt == "csv":
        emit_rows([f.as_dict() for f in findings], "csv", columns=[*_COLUMNS, "source"], err=to_stdout)
    elif findings:
        emit_rows([_table_row(f) for f in findings], "table", columns=_TABLE, err=to_stdout)
    counts = {s: sum(1 for f in findings if f.severity.value == s) for s in ("error", "warning", "info")}
    written = prepared.ok or force
    if written:
        if to_stdout:
            sys.stdout.buffer.write(prepared.xml)
            sys.stdout.flush()
        else:
            try:
                Path(target).write_bytes(prepared.xml)
            except OSError as exc:
                fail(f"{target}: cannot write: {exc.strerror or exc}")
    what = (
        ("written to standard output" if to_stdout else f"written to {target}") if written else "not written"
    )
    click.echo(
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info; XML {what}", err=True
    )
    sys.exit(0 if prepared.ok else 1)
