"""Reports over a filing store, OpenInsider-style (spec.md section 8): the trade screener, cluster buys,
an issuer's insiders, one insider's trades, latest holdings, net insider activity, and read-only SQL.

Each report is a function over a :class:`~section16.store.base.Store` and a frozen filter object, and
returns a :class:`Report` (column names and rows as dicts); the SQL is in
:mod:`section16.store.queries`, one text for DuckDB and PostgreSQL, every filter value a bound parameter.
Reports read the amended state (``current_*`` views) unless a filter says ``current=False``.

How owners are attributed (a joint filing's trade counts once per filing, not once per owner): see
:mod:`section16.store.queries`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from section16.errors import NotFound
from section16.store import Store, open_store
from section16.store.derive import ROLE_ORDER
from section16.store.queries import (
    CLUSTER_SORTS,
    FINDING_LEVELS,
    HOLDINGS_SORTS,
    NET_ACTIVITY_SORTS,
    TRADE_SORTS,
    ClusterFilter,
    HoldingsFilter,
    InsidersFilter,
    NetActivityFilter,
    Query,
    TradeFilter,
    cluster_buys_query,
    clusters_from_stored,
    holdings_from_latest,
    holdings_query,
    insiders_query,
    net_activity_from_stored,
    net_activity_query,
    read_only_sql,
    report_index_statements,
    trades_query,
)

__all__ = [
    "CLUSTER_SORTS",
    "FINDING_LEVELS",
    "HOLDINGS_SORTS",
    "NET_ACTIVITY_SORTS",
    "ROLES",
    "TRADE_SORTS",
    "ClusterFilter",
    "HoldingsFilter",
    "InsidersFilter",
    "NetActivityFilter",
    "Report",
    "TradeFilter",
    "cluster_buys",
    "ensure_report_indexes",
    "holdings",
    "insider",
    "insiders",
    "net_activity",
    "open_report_store",
    "sql",
    "trades",
]

ROLES = ROLE_ORDER


@dataclass(frozen=True, slots=True)
class Report:
    """A report's result: column names in order and one dict per row."""

    columns: tuple[str, ...]
    rows: tuple[dict[str, Any], ...]

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Any]:
        """The values of one column, in row order."""
        return [row[name] for row in self.rows]


def open_report_store(db: str | os.PathLike[str] | None = None) -> Store:
    """The store ``db`` names, for reading: a ``postgresql://`` URL or an existing DuckDB file
    (``./section16.duckdb`` when None). Raises :class:`NotFound` rather than create an empty file."""
    target = os.fspath(db) if db is not None else "section16.duckdb"
    is_file = not target.startswith(("postgresql://", "postgres://")) and target != ":memory:"
    if is_file and not Path(target).is_file():
        raise NotFound(f"{target}: no store there; create one with `section16 ingest PATH --db {target}`")
    return open_store(target)


def ensure_report_indexes(store: Store) -> int:
    """Create the indexes the reports use where the backend needs them (PostgreSQL); return how many
    statements ran. Idempotent."""
    statements = report_index_statements(_dialect(store))
    for statement in statements:
        store.query(statement)
    return len(statements)


def _dialect(store: Store) -> Any:
    return "postgres" if store.dialect == "postgres" else "duckdb"


def _tidy(value: Any) -> Any:
    """A stored DECIMAL(38,10) without its trailing zeros (``1500.0000000000`` -> ``1500``)."""
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.normalize()
    return value


def _roles(joined: str | None) -> str | None:
    """The union of owners' roles (``"CEO,Dir,Dir,10%"``) in the order of :data:`ROLES`."""
    if not joined:
        return None
    found = {r for r in joined.split(",") if r}
    ordered = [r for r in ROLE_ORDER if r in found] + sorted(found - set(ROLE_ORDER))
    return ",".join(ordered) or None


def _run(store: Store, query: Query) -> Report:
    rows = store.query(query.sql, query.params)
    out: list[dict[str, Any]] = []
    for row in rows:
        record = {c: _tidy(v) for c, v in zip(query.columns, row, strict=True)}
        if "roles" in record:
            record["roles"] = _roles(record["roles"])
        out.append(record)
    return Report(query.columns, tuple(out))


def trades(store: Store, flt: TradeFilter | None = None) -> Report:
    """The screener: one row per transaction matching ``flt`` (OpenInsider's screener filters),
    sorted and limited as it says. A joint filing's transaction is one row, its owners named together."""
    return _run(store, trades_query(_dialect(store), flt or TradeFilter()))


def insider(store: Store, who: str, flt: TradeFilter | None = None) -> Report:
    """Every trade of one insider across issuers, newest first: ``who`` is a CIK (digits) or part of a
    name as filed (``"Shustov"``); other filters of ``flt`` apply (its limit defaults to none)."""
    who = who.strip()
    if not who:
        raise NotFound("insider: give a name or a CIK")
    base = flt or TradeFilter(limit=None, sort="trade_date")
    if who.isdigit():
        base = replace(base, insider_cik=who, insider=None)
    else:
        base = replace(base, insider=who, insider_cik=None)
    report = trades(store, base)
    if not report.rows:
        raise NotFound(f"insider {who!r}: no trades in the store match")
    return report


def cluster_buys(store: Store, flt: ClusterFilter | None = None) -> Report:
    """Cluster buys: open-market purchases of one issuer by two or more distinct insiders (by default)
    with trade dates each within ``window_days`` (7 by default) of the previous one; per cluster the
    dates, insiders, filings, trades, shares and total value. Read from the store's
    ``purchase_clusters`` table where the filters allow and it is up to date, else clustered from every
    purchase (the same answer)."""
    flt = flt or ClusterFilter()
    stored = clusters_from_stored(flt) and store.issuers_fresh()
    return _run(store, cluster_buys_query(_dialect(store), flt, stored=stored))


def insiders(store: Store, flt: InsidersFilter) -> Report:
    """An issuer's insiders: per reporting owner, name and roles as of the latest filing, how many
    filings, first and last filing date, the last trade and the shares held."""
    report = _run(store, insiders_query(_dialect(store), flt))
    if not report.rows:
        issuer = flt.ticker or flt.issuer_cik
        raise NotFound(f"issuer {issuer!r}: no filings in the store")
    return report


def holdings(store: Store, flt: HoldingsFilter | None = None) -> Report:
    """The latest reported holding per issuer, insider, security, direct/indirect and nature. Read from
    the store's ``latest_holdings`` table where the filters allow and it is up to date, else ranked
    from every row (the same answer)."""
    flt = flt or HoldingsFilter()
    latest = holdings_from_latest(flt) and store.holdings_fresh()
    return _run(store, holdings_query(_dialect(store), flt, latest=latest))


def net_activity(store: Store, flt: NetActivityFilter | None = None) -> Report:
    """Net insider buying per issuer over a period: open-market purchases and sales and the net value.
    Read from the store's ``issuer_activity`` table where the filters allow and it is up to date, else
    aggregated from every open-market row (the same answer)."""
    flt = flt or NetActivityFilter()
    stored = net_activity_from_stored(flt) and store.issuers_fresh()
    return _run(store, net_activity_query(_dialect(store), flt, stored=stored))


def sql(
    db: str | os.PathLike[str] | None, text: str, params: Sequence[Any] | Mapping[str, Any] = ()
) -> Report:
    """Run one read-only SELECT against the store ``db`` names, on a connection of its own opened
    read-only (DuckDB ``read_only``, PostgreSQL ``default_transaction_read_only``): anything that
    would write fails. Close any read-write store of the same DuckDB file first."""
    target = os.fspath(db) if db is not None else "section16.duckdb"
    if not target.startswith(("postgresql://", "postgres://")) and not Path(target).is_file():
        raise NotFound(f"{target}: no store there; create one with `section16 ingest PATH --db {target}`")
    columns, rows = read_only_sql(target, text, params)
    return Report(
        tuple(columns), tuple({c: _tidy(v) for c, v in zip(columns, row, strict=True)} for row in rows)
    )
