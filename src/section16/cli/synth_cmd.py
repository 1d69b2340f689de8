"""``section16 synth --filings N --seed S --out DIR``: write invented, realistic ownership filings for
demos and benchmarks (:func:`section16.services.synth.synthesize`)."""

from __future__ import annotations

import os
import sys
from datetime import datetime

import click

from section16.cli import main
from section16.cli._output import fail
from section16.errors import Section16Error
from section16.services.synth import DEFAULT_START, DEFAULT_YEARS, synthesize


@main.command("synth")
@click.option("--filings", "-n", type=int, default=1000, show_default=True, help="How many filings to write.")
@click.option("--seed", type=int, default=0, show_default=True, help="The same seed gives the same files.")
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder to write into (one sub-folder per issuer).",
)
@click.option(
    "--submissions/--no-submissions",
    default=False,
    help="Also write each filing as a complete submission ACCESSION.txt with an SEC header.",
)
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=DEFAULT_START.isoformat(),
    show_default=True,
    help="First day of activity.",
)
@click.option(
    "--years", type=int, default=DEFAULT_YEARS, show_default=True, help="Years the activity is spread over."
)
@click.option(
    "--jobs", "-j", type=int, default=1, show_default=True, help="Processes to use; 0 = one per CPU."
)
@click.option(
    "--progress/--no-progress", default=None, help="Progress bar (default: on when stderr is a terminal)."
)
def synth_command(
    *,
    filings: int,
    seed: int,
    out: str,
    submissions: bool,
    start: datetime,
    years: int,
    jobs: int,
    progress: bool | None,
) -> None:
    """Write FILINGS invented Form 3, 4 and 5 filings (and 4/A amendments) into OUT.

    Files are OUT/ISSUER_CIK/ACCESSION.xml (and ACCESSION.txt with --submissions). Issuers, insiders and
    their trades are made up, deterministic for a seed, and every file reads back with `section16 parse`.
    """
    show_bar = progress if progress is not None else sys.stderr.isatty()
    workers = jobs if jobs > 0 else (os.cpu_count() or 1)
    try:
        if show_bar:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            columns = (TextColumn("synth"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
                task = bar.add_task("synth", total=max(filings, 0))
                summary = synthesize(
                    out,
                    filings=filings,
                    seed=seed,
                    submissions=submissions,
                    jobs=workers,
                    start=start.date(),
                    years=years,
                    progress=lambda done: bar.advance(task, done),
                )
        else:
            summary = synthesize(
                out,
                filings=filings,
                seed=seed,
                submissions=submissions,
                jobs=workers,
                start=start.date(),
                years=years,
            )
    except Section16Error as exc:
        fail(exc)
        return
    click.echo(
        f"{summary.filings} filing(s) of {summary.issuers} issuer(s), "
        f"{summary.files} file(s) in {summary.out}"
    )
    click.echo(", ".join(f"{kind} {count}" for kind, count in summary.kinds.items()))
