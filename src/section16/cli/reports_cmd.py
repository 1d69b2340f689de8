"""Report commands over a store (OpenInsider-style screens): ``section16 trades``, ``cluster-buys``,
``insiders``, ``insider``, ``holdings``, ``net-activity``, ``late``, ``short-swing`` and ``sql``. Each is a
short function over the library call of the same name in :mod:`section16.services.reports`
(``late_filings`` for ``late``; ``short-swing``'s is :func:`section16.services.short_swing.short_swing`),
printing ``--format table|json|csv``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import click

from section16.cli import main
from section16.cli._output import FORMATS, emit_rows, fail
from section16.errors import Section16Error
from section16.services import reports
from section16.services.short_swing import (
    SHORT_SWING_GROUPINGS,
    SHORT_SWING_SORTS,
    ShortSwingFilter,
    short_swing,
)
from section16.store import Store

F = TypeVar("F", bound=Callable[..., Any])

_DB_HELP = "Store: a DuckDB file, or a postgresql:// URL.  [default: ./section16.duckdb]"
_ROLE_HELP = f"Role of any reporting owner, repeatable: {', '.join(reports.ROLES)}."


class _DecimalType(click.ParamType):  # type: ignore[type-arg]
    name = "number"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Decimal:
        if isinstance(value, Decimal):
            return value
        try:
            number = Decimal(str(value).replace(",", "").replace("$", ""))
        except InvalidOperation:
            self.fail(f"{value!r} is not a number", param, ctx)
        if not number.is_finite():
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


NUMBER = _DecimalType()
DATE = click.DateTime(formats=["%Y-%m-%d"])


def _day(value: Any) -> date | None:
    return value.date() if value is not None else None


def _common(func: F) -> F:
    """--db, --format and --as-filed, shared by every report."""
    func = click.option(
        "--as-filed",
        is_flag=True,
        help="Every filing as filed, originals and their amendments both (default: amended state).",
    )(func)
    func = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)(
        func
    )
    return click.option("--db", default=None, help=_DB_HELP)(func)


# The columns a terminal table shows (JSON and CSV carry every column of the report).
_TRADE_TABLE = (
    "filing_date", "trade_date", "ticker", "insider", "roles", "trade_type", "price", "shares",
    "owned_after", "own_change", "value",
)  # fmt: skip
_HOLDINGS_TABLE = ("ticker", "insider", "roles", "tbl", "security_title", "ownership", "shares", "as_of")
_CLUSTER_TABLE = (
    "ticker", "issuer_name", "first_trade_date", "last_trade_date", "insiders", "trades", "total_value",
)  # fmt: skip
_NET_TABLE = ("ticker", "issuer_name", "buyers", "sellers", "bought_value", "sold_value", "net_value")
_LATE_TABLES = {
    "filing": (
        "filing_date", "ticker", "insider", "form", "start_date", "days_to_file", "severity", "message",
    ),
    "insider": ("insider", "roles", "late_filings", "errors", "tickers", "days_to_file", "last_late_date"),
    "issuer": (
        "ticker", "issuer_name", "late_filings", "errors", "insiders", "days_to_file", "last_late_date",
    ),
}  # fmt: skip


def _display(value: Any) -> Any:
    """A number as a terminal table shows it: at most two decimals."""
    if isinstance(value, Decimal) and value.as_tuple().exponent < -2:  # type: ignore[operator]
        return value.quantize(Decimal("0.01"))
    return value


def _own_change(row: dict[str, Any]) -> str | None:
    """OpenInsider's change in holdings: "New" when nothing was held before, ">999%" capped."""
    if row.get("ownership_change_new"):
        return "New"
    pct = row.get("ownership_change_pct")
    if pct is None:
        return None
    return ">999%" if pct > 999 else f"{pct:+.0f}%"


def _show(report: reports.Report, fmt: str, title: str, table_columns: tuple[str, ...] | None = None) -> None:
    if fmt != "table":
        emit_rows(list(report.rows), fmt, columns=report.columns)
        return
    rows = [
        {**{k: _display(v) for k, v in row.items()}, "own_change": _own_change(row)} for row in report.rows
    ]
    emit_rows(rows, fmt, columns=table_columns or report.columns, title=f"{title}: {len(report)} row(s)")


def _run(
    db: str | None,
    fmt: str,
    title: str,
    call: Callable[[Store], reports.Report],
    table_columns: tuple[str, ...] | None = None,
) -> None:
    try:
        with reports.open_report_store(db) as store:
            report = call(store)
    except Section16Error as exc:
        fail(exc)
        return
    _show(report, fmt, title, table_columns)


def _codes(codes: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for item in codes:
        out.extend(c.strip().upper() for c in item.split(",") if c.strip())
    return tuple(out)


@main.command("trades")
@_common
@click.option("--filed-from", type=DATE, help="Filing date on or after (YYYY-MM-DD).")
@click.option("--filed-to", type=DATE, help="Filing date on or before.")
@click.option("--traded-from", type=DATE, help="Trade date on or after.")
@click.option("--traded-to", type=DATE, help="Trade date on or before.")
@click.option("--ticker", help="Issuer trading symbol (any case).")
@click.option("--issuer-cik", help="Issuer CIK (leading zeros optional).")
@click.option("--insider", help="Part of a reporting owner's name as filed (any case).")
@click.option("--insider-cik", help="A reporting owner's CIK.")
@click.option("--code", "codes", multiple=True, help="Transaction code(s): P, S, A, M... (repeat or P,S).")
@click.option("--min-value", type=NUMBER, help="Value (shares x price, sales negative) at least.")
@click.option("--max-value", type=NUMBER, help="Value at most.")
@click.option("--min-price", type=NUMBER, help="Price per share at least.")
@click.option("--max-price", type=NUMBER, help="Price per share at most.")
@click.option("--role", "roles", multiple=True, help=_ROLE_HELP)
@click.option("--10b5-1", "only_10b5_1", is_flag=True, help="Only filings marked made under a 10b5-1 plan.")
@click.option("--exclude-amended", is_flag=True, help="Leave out 3/A, 4/A and 5/A filings.")
@click.option("--derivative", is_flag=True, help="Include Table II (derivative) transactions.")
@click.option(
    "--has-findings",
    type=click.Choice(list(reports.FINDING_LEVELS)),
    help="Only filings with a stored validation finding this bad or worse (refresh: validate --db).",
)
@click.option("--clean-only", is_flag=True, help="Only filings without an error or warning finding.")
@click.option(
    "--sort", type=click.Choice(list(reports.TRADE_SORTS)), default="filing_date", show_default=True
)
@click.option("--ascending", is_flag=True, help="Oldest / smallest first.")
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True, help="0 for all.")
def trades_command(
    *,
    db: str | None,
    fmt: str,
    as_filed: bool,
    filed_from: Any,
    filed_to: Any,
    traded_from: Any,
    traded_to: Any,
    ticker: str | None,
    issuer_cik: str | None,
    insider: str | None,
    insider_cik: str | None,
    codes: tuple[str, ...],
    min_value: Decimal | None,
    max_value: Decimal | None,
    min_price: Decimal | None,
    max_price: Decimal | None,
    roles: tuple[str, ...],
    only_10b5_1: bool,
    exclude_amended: bool,
    derivative: bool,
    has_findings: str | None,
    clean_only: bool,
    sort: str,
    ascending: bool,
    limit: int,
) -> None:
    """Screen insider trades (OpenInsider's screener): one row per transaction; a joint filing's
    transaction is one row with its owners named together."""
    flt = reports.TradeFilter(
        filed_from=_day(filed_from),
        filed_to=_day(filed_to),
        traded_from=_day(traded_from),
        traded_to=_day(traded_to),
        ticker=ticker,
        issuer_cik=issuer_cik,
        insider=insider,
        insider_cik=insider_cik,
        codes=_codes(codes),
        min_value=min_value,
        max_value=max_value,
        min_price=min_price,
        max_price=max_price,
        roles=roles,
        only_10b5_1=only_10b5_1,
        include_amendments=not exclude_amended,
        include_derivative=derivative,
        current=not as_filed,
        sort=sort,
        ascending=ascending,
        limit=limit or None,
        has_findings=has_findings,
        clean_only=clean_only,
    )
    _run(db, fmt, "trades", lambda s: reports.trades(s, flt), _TRADE_TABLE)


@main.command("cluster-buys")
@_common
@click.option("--window", "window_days", type=click.IntRange(min=0), default=7, show_default=True,
              help="Days allowed between one purchase's trade date and the next in a cluster.")  # fmt: skip
@click.option("--min-insiders", type=click.IntRange(min=1), default=2, show_default=True)
@click.option("--traded-from", type=DATE, help="Trade date on or after (YYYY-MM-DD).")
@click.option("--traded-to", type=DATE, help="Trade date on or before.")
@click.option("--ticker", help="Issuer trading symbol (any case).")
@click.option("--min-value", type=NUMBER, help="Cluster total value at least.")
@click.option("--exclude-amended", is_flag=True, help="Leave out 4/A filings.")
@click.option("--sort", type=click.Choice(list(reports.CLUSTER_SORTS)), default="last_trade_date",
              show_default=True)  # fmt: skip
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True, help="0 for all.")
def cluster_buys_command(
    *,
    db: str | None,
    fmt: str,
    as_filed: bool,
    window_days: int,
    min_insiders: int,
    traded_from: Any,
    traded_to: Any,
    ticker: str | None,
    min_value: Decimal | None,
    exclude_amended: bool,
    sort: str,
    limit: int,
) -> None:
    """Cluster buys: open-market purchases (P) of one issuer by two or more distinct insiders with trade
    dates within the window of each other; total value and counts per cluster."""
    flt = reports.ClusterFilter(
        window_days=window_days,
        min_insiders=min_insiders,
        traded_from=_day(traded_from),
        traded_to=_day(traded_to),
        ticker=ticker,
        min_value=min_value,
        include_amendments=not exclude_amended,
        current=not as_filed,
        sort=sort,
        limit=limit or None,
    )
    _run(db, fmt, "cluster buys", lambda s: reports.cluster_buys(s, flt), _CLUSTER_TABLE)


@main.command("insiders")
@_common
@click.option("--ticker", help="Issuer trading symbol (any case).")
@click.option("--issuer-cik", help="Issuer CIK.")
def insiders_command(
    db: str | None, fmt: str, as_filed: bool, ticker: str | None, issuer_cik: str | None
) -> None:
    """An issuer's insiders: roles, filings, last trade and shares held (Table I, latest reported)."""
    if not (ticker or issuer_cik):
        fail("insiders: give --ticker or --issuer-cik")
    flt = reports.InsidersFilter(ticker=ticker, issuer_cik=issuer_cik, current=not as_filed)
    _run(db, fmt, f"insiders of {ticker or issuer_cik}", lambda s: reports.insiders(s, flt))


@main.command("insider")
@_common
@click.argument("who")
@click.option("--derivative", is_flag=True, help="Include Table II (derivative) transactions.")
@click.option("--limit", type=click.IntRange(min=0), default=0, show_default=True, help="0 for all.")
def insider_command(
    *, db: str | None, fmt: str, as_filed: bool, who: str, derivative: bool, limit: int
) -> None:
    """Every trade of one insider across issuers: WHO is a CIK or part of a name as filed."""
    flt = reports.TradeFilter(
        include_derivative=derivative, current=not as_filed, sort="trade_date", limit=limit or None
    )
    _run(db, fmt, f"trades of {who}", lambda s: reports.insider(s, who, flt), _TRADE_TABLE)


@main.command("holdings")
@_common
@click.option("--ticker", help="Issuer trading symbol (any case).")
@click.option("--issuer-cik", help="Issuer CIK.")
@click.option("--insider", help="Part of a reporting owner's name as filed.")
@click.option("--insider-cik", help="A reporting owner's CIK.")
@click.option("--role", "roles", multiple=True, help=_ROLE_HELP)
@click.option("--as-of", type=DATE, help="Holdings as reported in filings on or before this date.")
@click.option("--derivative", is_flag=True, help="Include Table II (derivative) holdings.")
@click.option("--include-zero", is_flag=True, help="Keep positions last reported as 0.")
@click.option("--sort", type=click.Choice(list(reports.HOLDINGS_SORTS)), default="ticker", show_default=True)
@click.option("--limit", type=click.IntRange(min=0), default=1000, show_default=True, help="0 for all.")
def holdings_command(
    *,
    db: str | None,
    fmt: str,
    as_filed: bool,
    ticker: str | None,
    issuer_cik: str | None,
    insider: str | None,
    insider_cik: str | None,
    roles: tuple[str, ...],
    as_of: Any,
    derivative: bool,
    include_zero: bool,
    sort: str,
    limit: int,
) -> None:
    """Latest reported holdings per issuer, insider, security, direct/indirect and nature."""
    flt = reports.HoldingsFilter(
        ticker=ticker,
        issuer_cik=issuer_cik,
        insider=insider,
        insider_cik=insider_cik,
        roles=roles,
        as_of=_day(as_of),
        include_derivative=derivative,
        include_zero=include_zero,
        current=not as_filed,
        sort=sort,
        limit=limit or None,
    )
    _run(db, fmt, "holdings", lambda s: reports.holdings(s, flt), _HOLDINGS_TABLE)


@main.command("net-activity")
@_common
@click.option("--traded-from", type=DATE, help="Trade date on or after (YYYY-MM-DD).")
@click.option("--traded-to", type=DATE, help="Trade date on or before.")
@click.option("--ticker", help="Issuer trading symbol (any case).")
@click.option("--role", "roles", multiple=True, help=_ROLE_HELP)
@click.option("--exclude-amended", is_flag=True, help="Leave out 4/A filings.")
@click.option("--sort", type=click.Choice(list(reports.NET_ACTIVITY_SORTS)), default="net", show_default=True)
@click.option("--ascending", is_flag=True, help="Most net selling first.")
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True, help="0 for all.")
def net_activity_command(
    *,
    db: str | None,
    fmt: str,
    as_filed: bool,
    traded_from: Any,
    traded_to: Any,
    ticker: str | None,
    roles: tuple[str, ...],
    exclude_amended: bool,
    sort: str,
    ascending: bool,
    limit: int,
) -> None:
    """Net insider buying per issuer: open-market purchases (P) and sales (S), values and the net."""
    flt = reports.NetActivityFilter(
        traded_from=_day(traded_from),
        traded_to=_day(traded_to),
        ticker=ticker,
        roles=roles,
        include_amendments=not exclude_amended,
        current=not as_filed,
        sort=sort,
        ascending=ascending,
        limit=limit or None,
    )
    _run(db, fmt, "net activity", lambda s: reports.net_activity(s, flt), _NET_TABLE)


@main.command("late")
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
@click.option(
    "--by", type=click.Choice(reports.LATE_GROUPS), default="filing", show_default=True,
    help="One row per late filing, or per insider or issuer with counts.",
)  # fmt: skip
@click.option("--filed-from", type=DATE, help="Filing date on or after (YYYY-MM-DD).")
@click.option("--filed-to", type=DATE, help="Filing date on or before.")
@click.option("--ticker", help="Issuer trading symbol (any case).")
@click.option("--issuer-cik", help="Issuer CIK (leading zeros optional).")
@click.option("--insider", help="Part of a reporting owner's name as filed (any case).")
@click.option("--insider-cik", help="A reporting owner's CIK.")
@click.option("--role", "roles", multiple=True, help=_ROLE_HELP)
@click.option(
    "--form", "forms", type=click.Choice(["3", "4", "5"]), multiple=True, help="Form 3, 4 or 5 (repeat)."
)
@click.option(
    "--min-days", type=click.IntRange(min=0),
    help="Calendar days from the earliest trade (a Form 3: its event) to filing, at least.",
)  # fmt: skip
@click.option(
    "--errors-only", is_flag=True,
    help="Only filings found late from EDGAR's acceptance time (not only from a signature date).",
)  # fmt: skip
@click.option(
    "--sort", type=click.Choice(sorted({k for sorts in reports.LATE_SORTS.values() for k in sorts})),
    help="filing_date, days or ticker per filing; late, days, last, name (insider) or ticker (issuer) "
    "per group.  [default: filing_date per filing, late per group]",
)  # fmt: skip
@click.option("--ascending", is_flag=True, help="Oldest / fewest first.")
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True, help="0 for all.")
def late_command(
    *,
    db: str | None,
    fmt: str,
    by: str,
    filed_from: Any,
    filed_to: Any,
    ticker: str | None,
    issuer_cik: str | None,
    insider: str | None,
    insider_cik: str | None,
    roles: tuple[str, ...],
    forms: tuple[str, ...],
    min_days: int | None,
    errors_only: bool,
    sort: str | None,
    ascending: bool,
    limit: int,
) -> None:
    """Who filed late: filings validation found filed after their due date (Section 16(a)(2)), one row
    each or per insider or issuer; every filing as filed (an amendment does not undo lateness). Read from
    the findings that ingest stores (see validate --db)."""
    flt = reports.LateFilter(
        filed_from=_day(filed_from),
        filed_to=_day(filed_to),
        ticker=ticker,
        issuer_cik=issuer_cik,
        insider=insider,
        insider_cik=insider_cik,
        roles=roles,
        forms=tuple(int(form) for form in forms),
        min_days=min_days,
        errors_only=errors_only,
        by=by,
        sort=sort,
        ascending=ascending,
        limit=limit or None,
    )
    _run(db, fmt, f"late filings by {by}", lambda s: reports.late_filings(s, flt), _LATE_TABLES[by])


_SHORT_SWING_TABLES = {
    "pair": (
        "ticker", "insider", "purchase_date", "purchase_price", "sale_date", "sale_price", "shares",
        "profit",
    ),
    "insider": (
        "ticker", "insider", "security_title", "purchases", "sales", "shares", "profit",
        "first_trade_date", "last_trade_date",
    ),
}  # fmt: skip


@main.command("short-swing")
@_common
@click.option("--by", type=click.Choice(SHORT_SWING_GROUPINGS), default="pair", show_default=True,
              help="pair: one row per purchase and sale matched; insider: totals per insider, issuer "
              "and security.")  # fmt: skip
@click.option("--ticker", help="Issuer trading symbol (any case).")
@click.option("--issuer-cik", help="Issuer CIK.")
@click.option("--insider", help="Part of a reporting owner's name, any case.")
@click.option("--insider-cik", help="A reporting owner's CIK.")
@click.option("--role", "roles", multiple=True, type=click.Choice(list(reports.ROLES)), help=_ROLE_HELP)
@click.option("--traded-from", type=DATE, help="Match only trades dated on or after (YYYY-MM-DD).")
@click.option("--traded-to", type=DATE, help="Match only trades dated on or before.")
@click.option("--min-profit", type=NUMBER, help="Rows with at least this profit.")
@click.option("--sort", type=click.Choice(SHORT_SWING_SORTS), default="profit", show_default=True,
              help="profit: largest first; date: latest first; ticker.")  # fmt: skip
@click.option("--limit", type=click.IntRange(min=0), default=100, show_default=True, help="0 for all.")
def short_swing_command(
    *,
    db: str | None,
    fmt: str,
    as_filed: bool,
    by: str,
    ticker: str | None,
    issuer_cik: str | None,
    insider: str | None,
    insider_cik: str | None,
    roles: tuple[str, ...],
    traded_from: Any,
    traded_to: Any,
    min_profit: Decimal | None,
    sort: str,
    limit: int,
) -> None:
    """Short-swing profits (Section 16(b)): an insider's open-market purchases and sales (P, S in Table
    I) of one issuer's security within less than six months, matched for the largest profit (lowest
    price in, highest price out; losses not offset)."""
    flt = ShortSwingFilter(
        ticker=ticker,
        issuer_cik=issuer_cik,
        insider=insider,
        insider_cik=insider_cik,
        roles=roles,
        traded_from=_day(traded_from),
        traded_to=_day(traded_to),
        min_profit=min_profit,
        by=by,
        current=not as_filed,
        sort=sort,
        limit=limit or None,
    )
    _run(db, fmt, "short-swing profits", lambda s: short_swing(s, flt), _SHORT_SWING_TABLES[by])


@main.command("sql")
@click.argument("query")
@click.argument("params", nargs=-1)
@click.option("--db", default=None, help=_DB_HELP)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True)
def sql_command(query: str, params: tuple[str, ...], db: str | None, fmt: str) -> None:
    """Run one read-only SELECT on the store (tables and current_* views); PARAMS bind to ? marks."""
    try:
        report = reports.sql(db, query, list(params))
    except Section16Error as exc:
        fail(exc)
        return
    _show(report, fmt, "sql")
