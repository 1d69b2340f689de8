"""Reports over a filing store, OpenInsider-style (spec.md section 8): the trade screener, cluster buys,
an issuer's insiders, one insider's trades, latest holdings, net insider activity, late filings, and
read-only SQL.

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
    LATE_GROUPS,
    LATE_SORTS,
    MAX_BOUND_KEYS,
    NET_ACTIVITY_SORTS,
    TRADE_COLUMNS,
    TRADE_FILING_COLUMNS,
    TRADE_ROW_COLUMNS,
    TRADE_SORTS,
    ClusterFilter,
    HoldingsFilter,
    InsidersFilter,
    LateFilter,
    NetActivityFilter,
    Query,
    TradeFilter,
    cluster_buys_query,
    clusters_from_stored,
    filing_keys_query,
    holdings_from_latest,
    holdings_query,
    insider_rows_from_stored,
    insider_rows_query,
    insiders_query,
    late_query,
    net_activity_from_stored,
    net_activity_query,
    read_only_sql,
    report_index_statements,
    trade_bound_query,
    trade_filings_query,
    trade_rows_query,
    trades_query,
)
from section16.store.schema import Dialect

__all__ = [
    "CLUSTER_SORTS",
    "FINDING_LEVELS",
    "HOLDINGS_SORTS",
    "LATE_GROUPS",
    "LATE_SORTS",
    "NET_ACTIVITY_SORTS",
    "ROLES",
    "TRADE_SORTS",
    "ClusterFilter",
    "HoldingsFilter",
    "InsidersFilter",
    "LateFilter",
    "NetActivityFilter",
    "Report",
    "TradeFilter",
    "cluster_buys",
    "ensure_report_indexes",
    "filing_keys",
    "holdings",
    "insider",
    "insiders",
    "late_filings",
    "net_activity",
    "open_report_store",
    "sql",
    "tidy",
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


def _dialect(store: Store) -> Dialect:
    return store.dialect


def tidy(value: Any) -> Any:
    """A stored DECIMAL(38,10) without its trailing zeros (``1500.0000000000`` -> ``1500``); any other
    value as it is."""
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


def filing_keys(
    store: Store,
    *,
    ticker: str | None = None,
    issuer_cik: str | None = None,
    insider: str | None = None,
    insider_cik: str | None = None,
) -> tuple[str, ...] | None:
    """The keys of the filings of this issuer and owner, for a report of one issuer to bind (see
    :func:`~section16.store.queries.filing_keys_query`); None when the filter names neither, or
    matches more filings than are worth binding one by one. The reports bind an issuer's keys only:
    on the 10M-row benchmark store an insider's filings, spread over many issuers, were picked faster
    by the owner condition itself (a semi-join) than by a list of their keys.

    On PostgreSQL the answer is always None: its planner applies such a list inside every index probe
    by key (with 1,000 keys, ``insiders`` of one issuer took 1.3 s on 1.7M rows instead of about 10 ms),
    and it finds an issuer's filings through its indexes anyway."""
    if store.dialect == "postgres":
        return None
    query = filing_keys_query(
        _dialect(store), ticker=ticker, issuer_cik=issuer_cik, insider=insider, insider_cik=insider_cik
    )
    if query is None:
        return None
    keys = tuple(str(r[0]) for r in store.query(query.sql, query.params))
    return keys if len(keys) <= MAX_BOUND_KEYS else None


def _run(store: Store, query: Query) -> Report:
    return _report(query.columns, store.query(query.sql, query.params))


def _report(columns: tuple[str, ...], rows: Sequence[Sequence[Any]]) -> Report:
    out: list[dict[str, Any]] = []
    for row in rows:
        record = {c: tidy(v) for c, v in zip(columns, row, strict=True)}
        if "roles" in record:
            record["roles"] = _roles(record["roles"])
        out.append(record)
    return Report(columns, tuple(out))


# How many trade rows beyond the limit the screener's sort-first path reads, to make up for rows of
# filings that an amendment superseded. None: the rows carry their filing's is_current (schema 8), so
# the rows query skips those rows itself; a row the filing look-up still drops sends the report to the
# one query.
_EXTRA_ROWS = 0
# How many filing keys one look-up of the rows' filings binds.
_KEYS_PER_LOOKUP = 500


def _trades_sorted_first(store: Store, flt: TradeFilter, keys: tuple[str, ...] | None) -> Report | None:
    """The screener's answer in two short queries where it can sort the rows before joining their
    filings (:func:`~section16.store.queries.trade_rows_query`): the first rows as stored, then their
    filings in the amended state; None when too many of those rows were of superseded filings to be
    sure of the answer, or the filter does not allow it (then :func:`trades_query` runs)."""
    dialect = _dialect(store)
    if flt.limit is None or flt.limit > 2000:
        return None
    bound = None
    if keys is None:
        # First the sort key of the last row wanted (one column read), then the rows up to it.
        bq = trade_bound_query(dialect, flt, extra=_EXTRA_ROWS)
        found = store.query(bq.sql, bq.params) if bq is not None else []
        bound = found[0][0] if found else None
    query = trade_rows_query(dialect, flt, keys=keys, extra=_EXTRA_ROWS, bound=bound)
    if query is None:
        return None
    rows = store.query(query.sql, query.params)
    if not rows:
        return _report(TRADE_COLUMNS, [])
    key_at = TRADE_ROW_COLUMNS.index("filing_key")
    wanted = list(dict.fromkeys(str(r[key_at]) for r in rows))
    filings: dict[str, tuple[Any, ...]] = {}
    # In chunks: DuckDB looks a short list of keys up in the primary key's index, a long one it scans.
    for start in range(0, len(wanted), _KEYS_PER_LOOKUP):
        fq = trade_filings_query(dialect, wanted[start : start + _KEYS_PER_LOOKUP])
        # The amended state: filings whose is_current is not false (current_filings).
        for f in store.query(fq.sql, fq.params):
            if not (flt.current and f[-1] is False):
                filings[str(f[0])] = f[:-1]
    kept = [r for r in rows if r[key_at] in filings]
    if len(kept) < flt.limit and len(rows) == flt.limit + _EXTRA_ROWS:
        return None  # more superseded rows than the margin: more rows may follow
    out = []
    for row in kept[: flt.limit]:
        record = dict(zip(TRADE_ROW_COLUMNS, row, strict=True))
        filing = dict(zip(TRADE_FILING_COLUMNS, filings[str(record["filing_key"])], strict=True))
        record.update(filing)
        out.append(tuple(record[c] for c in TRADE_COLUMNS))
    return _report(TRADE_COLUMNS, out)


def trades(store: Store, flt: TradeFilter | None = None) -> Report:
    """The screener: one row per transaction matching ``flt`` (OpenInsider's screener filters),
    sorted and limited as it says. A joint filing's transaction is one row, its owners named together."""
    flt = flt or TradeFilter()
    if insider_rows_from_stored(flt) and store.holdings_fresh():
        # One insider's rows, read from insider_trades, where the store keeps them together.
        return _run(store, insider_rows_query(_dialect(store), flt))
    keys = filing_keys(store, ticker=flt.ticker, issuer_cik=flt.issuer_cik)
    report = _trades_sorted_first(store, flt, keys)
    return report if report is not None else _run(store, trades_query(_dialect(store), flt, keys=keys))


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
    keys = filing_keys(store, ticker=flt.ticker, issuer_cik=flt.issuer_cik)
    report = _run(store, insiders_query(_dialect(store), flt, keys=keys))
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
    keys = None
    if not latest:
        keys = filing_keys(store, ticker=flt.ticker, issuer_cik=flt.issuer_cik)
    return _run(store, holdings_query(_dialect(store), flt, latest=latest, keys=keys))


def net_activity(store: Store, flt: NetActivityFilter | None = None) -> Report:
    """Net insider buying per issuer over a period: open-market purchases and sales and the net value.
    Read from the store's ``issuer_activity`` table where the filters allow and it is up to date, else
    aggregated from every open-market row (the same answer)."""
    flt = flt or NetActivityFilter()
    stored = net_activity_from_stored(flt) and store.issuers_fresh()
    return _run(store, net_activity_query(_dialect(store), flt, stored=stored))


def late_filings(store: Store, flt: LateFilter | None = None) -> Report:
    """Who filed late: the filings validation found filed after their due date (rule ``deadlines.late``:
    an error when measured from EDGAR's acceptance time, a warning when only from the signature date),
    one row each with the finding's message (the due date and how it was counted), or grouped per
    insider or per issuer (``flt.by``) with counts and the longest delay. Read from the findings the
    store keeps (through its ``late_filings`` table while that is up to date): a store ingested with
    ``--no-validate`` has none until ``section16 validate --db``."""
    stored = store.holdings_fresh()
    return _run(store, late_query(_dialect(store), flt or LateFilter(), stored=stored))


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
        tuple(columns), tuple({c: tidy(v) for c, v in zip(columns, row, strict=True)} for row in rows)
    )
