"""``section16 short-swing``: Section 16(b) short-swing profits from the store, a face over
:func:`section16.services.short_swing.short_swing`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import click

from section16.cli import main
from section16.cli.reports_cmd import _ROLE_HELP, DATE, NUMBER, _common, _day, _run
from section16.services import reports
from section16.services.short_swing import (
    SHORT_SWING_GROUPINGS,
    SHORT_SWING_SORTS,
    ShortSwingFilter,
    short_swing,
)

_TABLES = {
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
    _run(db, fmt, "short-swing profits", lambda s: short_swing(s, flt), _TABLES[by])
