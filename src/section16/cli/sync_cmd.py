"""``section16 sync`` and ``section16 watch``: fetch ownership filings from EDGAR into a store.

Both need a User-Agent naming you and an e-mail (``--user-agent`` or ``SECTION16_USER_AGENT``, SEC fair
access) and take one base URL (``--edgar-url`` or ``SECTION16_EDGAR_URL``, default https://www.sec.gov).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import click

from section16.cli import main
from section16.cli._output import echo_error, fail
from section16.edgar import EdgarClient, default_cache_dir
from section16.errors import ConfigError, Section16Error
from section16.services.sync import DEFAULT_WORKERS, Selection, SyncReport, sync, sync_feed
from section16.services.watch import Action, WatchRound, exec_action, load_screen, watch, webhook_action
from section16.store import open_store

_DB_HELP = "Store: a DuckDB file, or a postgresql:// URL.  [default: ./section16.duckdb]"


def _edgar_options(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--cache",
        "cache_dir",
        default=None,
        type=click.Path(file_okay=False),
        help="Cache folder of fetched documents.  [default: $SECTION16_CACHE or ~/.cache/section16/edgar]",
    )(func)
    func = click.option(
        "--edgar-url",
        default=None,
        envvar="SECTION16_EDGAR_URL",
        help="EDGAR base URL (a mirror, a test server).  [env: SECTION16_EDGAR_URL; default: https://www.sec.gov]",
    )(func)
    func = click.option(
        "--user-agent",
        default=None,
        envvar="SECTION16_USER_AGENT",
        help="Your name and e-mail, sent with every request (SEC fair access).  [env: SECTION16_USER_AGENT]",
    )(func)
    return func


def _client(user_agent: str | None, edgar_url: str | None, cache_dir: str | None) -> EdgarClient:
    return EdgarClient(user_agent=user_agent, base_url=edgar_url, cache=cache_dir or default_cache_dir())


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"{option} {value!r}: expected a date as YYYY-MM-DD") from None


def _forms(value: str) -> tuple[str, ...]:
    forms = tuple(f.strip().upper() for f in value.split(",") if f.strip())
    if not forms or any(f.removesuffix("/A") not in ("3", "4", "5") for f in forms):
        raise ConfigError(f"--forms {value!r}: expected some of 3,4,5 (each includes its /A)")
    return forms


@contextmanager
def _progress_bar(show: bool) -> Iterator[Callable[[int, int], None] | None]:
    if not show:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("syncing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True
    ) as bar:
        task = bar.add_task("syncing", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _finish(report: SyncReport) -> None:
    for error in report.errors:
        echo_error(str(error))
    click.echo(report.summary(), err=True)
    if report.failed:
        sys.exit(1)


@main.command("sync")
@click.option("--ticker", default=None, help="An issuer's ticker (looked up in company_tickers.json).")
@click.option("--cik", default=None, help="An issuer's (or any filer's) CIK.")
@click.option("--insider", default=None, help="A reporting owner's CIK: every filing they are named on.")
@click.option(
    "--since", default=None, help="First filing date, YYYY-MM-DD (alone: every filing from EDGAR's indexes)."
)
@click.option("--until", default=None, help="Last filing date, YYYY-MM-DD.  [default: today]")
@click.option(
    "--forms", default="3,4,5", show_default=True, help="Forms, comma-separated; each includes its /A."
)
@click.option(
    "--feed", is_flag=True, help="With --since/--until: whole days from EDGAR's daily Feed archives."
)
@click.option("--db", default=None, help=_DB_HELP)
@click.option(
    "--workers", default=DEFAULT_WORKERS, show_default=True, help="Fetching threads (one 10/s limit)."
)
@click.option("--validate/--no-validate", default=True, show_default=True, help="Store validation findings.")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: on at a terminal).")
@_edgar_options
def sync_command(
    *,
    ticker: str | None,
    cik: str | None,
    insider: str | None,
    since: str | None,
    until: str | None,
    forms: str,
    feed: bool,
    db: str | None,
    workers: int,
    validate: bool,
    progress: bool | None,
    user_agent: str | None,
    edgar_url: str | None,
    cache_dir: str | None,
) -> None:
    """Fetch ownership filings from EDGAR into a store: a company's (--ticker, --cik), an insider's
    (--insider), or every one filed in a date range (--since/--until, from EDGAR's indexes).

    Each filing's complete submission .txt is fetched once (a local cache keeps every document), read,
    validated and stored. Interrupted, run it again: stored filings are skipped without a request and
    fetched ones come from the cache. Exit code 1 when any filing failed.
    """
    show = progress if progress is not None else sys.stderr.isatty()
    try:
        selection = Selection(
            ticker=ticker,
            cik=cik,
            insider=insider,
            since=_day(since, "--since"),
            until=_day(until, "--until"),
            forms=_forms(forms),
        )
        if feed and (selection.since is None or ticker or cik or insider):
            raise ConfigError("--feed takes --since DATE [--until DATE] and no --ticker, --cik or --insider")
        with (
            _client(user_agent, edgar_url, cache_dir) as client,
            open_store(db) as store,
            _progress_bar(show) as bar,
        ):
            if feed and selection.since is not None:
                report = sync_feed(
                    client,
                    store,
                    selection.since,
                    selection.until or date.today(),
                    forms=selection.forms,
                    validate=validate,
                    progress=bar,
                )
            else:
                report = sync(client, store, selection, workers=workers, validate=validate, progress=bar)
    except Section16Error as exc:
        fail(exc)
    _finish(report)


@main.command("watch")
@click.option("--interval", default=60.0, show_default=True, help="Seconds between polls of the Atom feed.")
@click.option("--once", is_flag=True, help="Poll once and stop.")
@click.option(
    "--forms", default="3,4,5", show_default=True, help="Forms, comma-separated; each includes its /A."
)
@click.option(
    "--screen", default=None, type=click.Path(dir_okay=False), help="A saved screen: JSON of trades filters."
)
@click.option(
    "--exec", "command", default=None, help="Shell command run per matching filing, its JSON on stdin."
)
@click.option("--webhook", default=None, help="URL that receives each matching filing's JSON as a POST.")
@click.option("--db", default=None, help=_DB_HELP)
@_edgar_options
def watch_command(
    *,
    interval: float,
    once: bool,
    forms: str,
    screen: str | None,
    command: str | None,
    webhook: str | None,
    db: str | None,
    user_agent: str | None,
    edgar_url: str | None,
    cache_dir: str | None,
) -> None:
    """Poll EDGAR's latest filings (Atom), store the new ownership filings, and run an action on those
    matching a saved screen (--screen FILE, JSON of the trades filters: {"codes": ["P"]}; without it,
    every new filing): --exec "cmd" gets the filing JSON on standard input, --webhook URL a POST.
    One line per poll on standard error. Stop with Ctrl-C; --once polls once (exit code 1 if anything
    failed)."""
    failed = False
    try:
        chosen = _forms(forms)
        flt = load_screen(screen) if screen else None
        with _client(user_agent, edgar_url, cache_dir) as client, open_store(db) as store:
            actions: list[Action] = []
            if command:
                actions.append(exec_action(command))
            if webhook:
                actions.append(webhook_action(webhook, user_agent=client.user_agent))

            def report(result: WatchRound) -> None:
                nonlocal failed
                for error in result.sync.errors:
                    echo_error(str(error))
                for message in result.action_errors:
                    echo_error(message)
                failed = failed or bool(result.sync.errors or result.action_errors)
                click.echo(result.summary(), err=True)

            watch(
                client,
                store,
                interval=interval,
                once=once,
                forms=chosen,
                screen=flt,
                actions=actions,
                on_round=report,
            )
    except KeyboardInterrupt:
        return
    except Section16Error as exc:
        fail(exc)
    if failed:
        sys.exit(1)
