"""The screener's SQL (``section16 trades``, one insider's trades): :class:`TradeFilter`, the one-query
answer (:func:`trades_query`), the two short queries of its sort-first path (:func:`trade_rows_query`,
:func:`trade_filings_query`) and the filing keys a report of one issuer or owner binds
(:func:`filing_keys_query`). Attribution and the amended state: see :mod:`section16.store.queries`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from section16.errors import QueryError
from section16.store._query_parts import (
    Query,
    _Binder,
    _cik,
    _contains,
    _filings_cte,
    _issuer,
    _keys,
    _owner_filter,
    _range,
    _views,
    _where,
)
from section16.store.schema import INSIDER_TRADES_SQL, Dialect


def filing_keys_query(
    dialect: Dialect,
    *,
    ticker: str | None = None,
    issuer_cik: str | None = None,
    insider: str | None = None,
    insider_cik: str | None = None,
) -> Query | None:
    """The keys of every stored filing (current or not) of this issuer (ticker, CIK) and reporting
    owner (name, CIK), or None when none of them is given. A report of one issuer or one insider binds
    them (``keys=``) so the database picks that issuer's rows while it scans, instead of reading every
    row and joining; the report's own conditions still decide which rows count."""
    bind = _Binder(dialect)
    cond: list[str] = []
    if ticker:
        cond.append(f"f.ticker = {bind(ticker.strip().upper())}")
    if issuer_cik:
        cond.append(f"f.issuer_key = {bind(_cik(issuer_cik))} AND f.issuer_cik IS NOT NULL")
    owner: list[str] = []
    if insider:
        owner.append(_contains(bind, "LOWER(o.rpt_owner_name)", insider))
    if insider_cik:
        owner.append(f"LTRIM(o.rpt_owner_cik, '0') = {bind(_cik(insider_cik))}")
    if owner and cond:
        sql = (
            f"SELECT DISTINCT f.filing_key FROM filings f JOIN owners o ON o.filing_key = f.filing_key"
            f"{_where(cond + owner)}"
        )
    elif owner:
        sql = f"SELECT DISTINCT o.filing_key FROM owners o{_where(owner)}"
    elif cond:
        sql = f"SELECT f.filing_key FROM filings f{_where(cond)}"
    else:
        return None
    return Query(sql, tuple(bind.values), ("filing_key",))


# ---------------------------------------------------------------------------------------------- trades


@dataclass(frozen=True, slots=True, kw_only=True)
class TradeFilter:
    """The screener's filters (OpenInsider's screener). Dates are inclusive; ``codes`` are transaction
    codes (``("P", "S")``); ``roles`` any of CEO, CFO, COO, President, GC, VP, Dir, 10%, Other.

    ``current`` reads the amended state; ``include_amendments`` False leaves out 3/A, 4/A and 5/A
    filings; ``include_derivative`` adds Table II transactions to Table I's. ``sort`` is a key of
    :data:`TRADE_SORTS`, newest/largest first unless ``ascending``; ``limit`` None for every row.

    On the stored validation findings of each trade's filing (``findings``, written at ingest and
    refreshed by ``section16 validate --db``): ``has_findings`` a key of :data:`FINDING_LEVELS` keeps
    filings with a finding of that severity or worse; ``clean_only`` keeps filings without an error or
    warning finding."""

    filed_from: date | None = None
    filed_to: date | None = None
    traded_from: date | None = None
    traded_to: date | None = None
    ticker: str | None = None
    issuer_cik: str | None = None
    insider: str | None = None
    insider_cik: str | None = None
    codes: tuple[str, ...] = ()
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    roles: tuple[str, ...] = ()
    only_10b5_1: bool = False
    include_amendments: bool = True
    include_derivative: bool = False
    current: bool = True
    sort: str = "filing_date"
    ascending: bool = False
    limit: int | None = 100
    has_findings: str | None = None
    clean_only: bool = False


# A severity -> the severities "that bad or worse" (section16.validate.Severity: error, warning, info).
FINDING_LEVELS: dict[str, tuple[str, ...]] = {
    "error": ("error",),
    "warning": ("error", "warning"),
    "info": ("error", "warning", "info"),
}


def _findings_filter(bind: _Binder, conditions: list[str], has: str | None, clean_only: bool) -> None:
    """Conditions on the stored findings of the filing of ``t.filing_key``."""
    if has is not None and clean_only:
        raise QueryError("give has_findings or clean_only, not both: a filing with findings is not clean")
    if has is not None and has not in FINDING_LEVELS:
        raise QueryError(f"unknown finding severity {has!r}; one of {', '.join(FINDING_LEVELS)}")
    levels = FINDING_LEVELS[has] if has is not None else FINDING_LEVELS["warning"] if clean_only else ()
    if not levels:
        return
    found = (
        "EXISTS (SELECT 1 FROM findings x WHERE x.filing_key = t.filing_key "
        f"AND x.severity IN ({', '.join(bind(level) for level in levels)}))"
    )
    conditions.append(f"NOT {found}" if clean_only else found)


# Sort keys -> SQL over the ``page`` columns; ties broken by filing and row so the order is total.
TRADE_SORTS: dict[str, str] = {
    "filing_date": "filing_date",
    "trade_date": "trade_date",
    "ticker": "ticker",
    "value": "value",
    "abs_value": "ABS(value)",
    "price": "price",
    "shares": "shares",
    "delay": "filing_delay_days",
}


def _trade_rows(current: bool, include_derivative: bool, *, rows_current: bool) -> str:
    v = _views(current, rows_current=rows_current)
    common = (
        "t.filing_key, t.row_index, t.security_title, t.transaction_date AS trade_date, "
        "t.transaction_code AS code, t.equity_swap_involved, t.trade_type, "
        "t.transaction_price_per_share AS price, "
        "CASE WHEN t.transaction_acquired_disposed_code = 'D' THEN -t.transaction_shares "
        "ELSE t.transaction_shares END AS shares, "
        "t.shares_owned_following_transaction AS owned_after, t.ownership_change_pct, "
        "t.ownership_change_new, t.transaction_value AS value, t.direct_or_indirect_ownership, "
        "t.filing_date, t.is_current"
    )
    sql = f"SELECT 'I' AS tbl, {common} FROM {v['non_derivative_transactions']} t"
    if include_derivative:
        sql += f" UNION ALL SELECT 'II' AS tbl, {common} FROM {v['derivative_transactions']} t"
    return sql


# Sort keys that are columns of the filing, not of the trade row.
_FILING_SORTS = frozenset({"ticker", "delay"})

_TRADE_COLUMNS = (
    "p.filing_date, p.trade_date, p.ticker, p.issuer_name, p.insider, p.insider_cik, p.roles, "
    "p.trade_type, p.code, p.tbl, p.security_title, p.price, p.shares, p.owned_after, "
    "p.ownership_change_pct, p.ownership_change_new, p.value, p.direct_or_indirect_ownership, "
    "p.aff10b5_one, p.document_type, p.filing_delay_days, p.filing_key, p.row_index"
)


_TRADE_OUT = tuple(c.strip().split(".")[-1] for c in _TRADE_COLUMNS.split(","))
TRADE_COLUMNS = _TRADE_OUT  # the screener's result columns, in order


def _sorted_first(flt: TradeFilter) -> bool:
    """Whether the screener can sort and limit the trade rows before it joins their filings: no
    condition needs the filing (ticker, issuer, 10b5-1, amendments), the sort key is a row's, and there
    is a limit."""
    return (
        not (flt.ticker or flt.issuer_cik or flt.only_10b5_1 or not flt.include_amendments)
        and flt.sort not in _FILING_SORTS
        and flt.limit is not None
    )


def _trade_conditions(
    bind: _Binder, fbind: _Binder, flt: TradeFilter, keys: Sequence[str] | None, *, prelimit: bool
) -> tuple[list[str], list[str], str]:
    """The screener's conditions on the trade rows alone (``tcond``, the filing date being copied onto
    each row), on their filings (``fcond``), and the ORDER BY."""
    if flt.sort not in TRADE_SORTS:
        raise QueryError(f"unknown sort {flt.sort!r}; one of {', '.join(TRADE_SORTS)}")
    tcond: list[str] = []
    fcond: list[str] = []
    _keys(bind, tcond, "t.filing_key", keys)
    _range(bind, tcond, "t.filing_date", flt.filed_from, flt.filed_to)
    _range(bind, tcond, "t.trade_date", flt.traded_from, flt.traded_to)
    _issuer(fbind, fcond, flt.ticker, flt.issuer_cik)
    if flt.codes:
        tcond.append(f"t.code IN ({', '.join(bind(c.strip().upper()) for c in flt.codes)})")
    _range(bind, tcond, "t.value", flt.min_value, flt.max_value)
    _range(bind, tcond, "t.price", flt.min_price, flt.max_price)
    if flt.only_10b5_1:
        # aff10b5One (X0508+): the trade was made under a Rule 10b5-1(c) plan (Form 4 box added 2023).
        fcond.append("f.aff10b5_one")
    if not flt.include_amendments:
        fcond.append("NOT COALESCE(f.is_amendment, FALSE)")
    _owner_filter(
        bind,
        tcond,
        current=flt.current,
        name=flt.insider,
        cik=flt.insider_cik,
        roles=flt.roles,
        # Before the join the row's key is at hand; after it the filing's (a smaller side to filter).
        key="t.filing_key" if prelimit else "f.filing_key",
    )
    _findings_filter(bind, tcond, flt.has_findings, flt.clean_only)
    direction = "ASC" if flt.ascending else "DESC"
    order = f"{TRADE_SORTS[flt.sort]} {direction} NULLS LAST, filing_key {direction}, row_index"
    return tcond, fcond, order


def trades_query(dialect: Dialect, flt: TradeFilter, *, keys: Sequence[str] | None = None) -> Query:
    """The screener: one row per transaction (once per filing, see the module docstring). ``keys``,
    when given, holds every filing the filter's issuer and owner conditions can match
    (:func:`filing_keys_query`): the rows are picked by them first."""
    # Values are bound in the order their placeholders appear in the SQL text: one binder per part.
    bind = _Binder(dialect)
    fbind = _Binder(dialect)
    prelimit = _sorted_first(flt)
    # With no condition on the filings and a sort key of the rows, the rows are sorted and limited
    # before any join: a top-N over one table instead of a join of every row.
    tcond, fcond, order = _trade_conditions(bind, fbind, flt, keys, prelimit=prelimit)
    rows = f"t AS ({_trade_rows(flt.current, flt.include_derivative, rows_current=prelimit)})"
    if prelimit:
        assert flt.limit is not None and not fcond
        rows += f", c AS (SELECT t.* FROM t{_where(tcond)} ORDER BY {order} LIMIT {bind(int(flt.limit))})"
        source, cond = "c AS t", fcond
    else:
        source, cond = "t", tcond + fcond
    bind.values.extend(fbind.values)
    limit = f" LIMIT {bind(int(flt.limit))}" if flt.limit is not None else ""
    sql = (
        f"WITH f AS ({_filings_cte(flt.current)}), {rows}, "
        f"page AS (SELECT t.*, f.ticker, f.issuer_name, f.aff10b5_one, f.document_type, "
        f"f.filing_delay_days, f.insider, f.insider_cik, f.insider_roles AS roles "
        f"FROM {source} JOIN f ON f.filing_key = t.filing_key{_where(cond)} "
        f"ORDER BY {order}{limit}) "
        f"SELECT {_TRADE_COLUMNS} FROM page p "
        f"ORDER BY {order.replace('filing_key', 'p.filing_key').replace('row_index', 'p.row_index')}"
    )
    return Query(sql, tuple(bind.values), _TRADE_OUT)


# The columns of a trade row (``_trade_rows``), as :func:`trade_rows_query` returns them.
TRADE_ROW_COLUMNS = (
    "tbl",
    "filing_key",
    "row_index",
    "security_title",
    "trade_date",
    "code",
    "equity_swap_involved",
    "trade_type",
    "price",
    "shares",
    "owned_after",
    "ownership_change_pct",
    "ownership_change_new",
    "value",
    "direct_or_indirect_ownership",
    "filing_date",
)
# The columns of a filing that a trade shows, as :func:`trade_filings_query` returns them.
TRADE_FILING_COLUMNS = (
    "filing_key",
    "ticker",
    "issuer_name",
    "aff10b5_one",
    "document_type",
    "filing_delay_days",
    "insider",
    "insider_cik",
    "roles",
)


def trade_rows_query(
    dialect: Dialect,
    flt: TradeFilter,
    *,
    keys: Sequence[str] | None = None,
    extra: int = 0,
    bound: Any = None,
) -> Query | None:
    """The screener's first ``limit + extra`` trade rows as the row tables hold them (in the amended
    state by the rows' own ``is_current``, else every filing), sorted, before any join; None where
    :func:`trades_query` cannot sort before it joins. With :func:`trade_filings_query` for their
    filings, the rows of filings that are current (amended state, checked again on the filing) in this
    order are the screener's rows, as long as ``limit`` of them remain or the query returned fewer rows
    than it asked for (then there are no more); otherwise run :func:`trades_query`. Two short queries
    instead of one that reads every filing for the join and checks every row against every superseded
    filing.

    ``bound``, when given, is the sort key of the last of those rows (:func:`trade_bound_query`): only
    rows that sort no later are read, so the database reads every column of those few rows instead of
    every row that passes the filters (late materialisation, by hand)."""
    if not _sorted_first(flt):
        return None
    assert flt.limit is not None
    bind = _Binder(dialect)
    tcond, _, order = _trade_conditions(bind, _Binder(dialect), flt, keys, prelimit=True)
    if flt.current:
        # The amended state: rows of superseded filings skipped as they are scanned (the row's copy of
        # filings.is_current), so superseded rows take no place among the first.
        tcond.append("t.is_current IS NOT FALSE")
    if bound is not None:
        # ORDER BY key DESC NULLS LAST (or ASC): the first rows have a key at least (most) ``bound``.
        tcond.append(f"{TRADE_SORTS[flt.sort]} {'<=' if flt.ascending else '>='} {bind(bound)}")
    sql = (
        f"WITH t AS ({_trade_rows(False, flt.include_derivative, rows_current=False)}) "
        f"SELECT {', '.join('t.' + c for c in TRADE_ROW_COLUMNS)} FROM t{_where(tcond)} "
        f"ORDER BY {order} LIMIT {bind(int(flt.limit) + int(extra))}"
    )
    return Query(sql, tuple(bind.values), TRADE_ROW_COLUMNS)


def trade_bound_query(
    dialect: Dialect, flt: TradeFilter, *, keys: Sequence[str] | None = None, extra: int = 0
) -> Query | None:
    """The sort key of the last of :func:`trade_rows_query`'s rows (the ``limit + extra``-th), or no
    row when fewer rows pass the filters; the query reads only the sort key of the rows that pass (a
    top-N over one column), and its answer lets :func:`trade_rows_query` read the other columns of
    the first rows only. A NULL key bounds nothing (NULLs sort last). None where
    :func:`trade_rows_query` is None."""
    if not _sorted_first(flt):
        return None
    assert flt.limit is not None
    bind = _Binder(dialect)
    tcond, _, _ = _trade_conditions(bind, _Binder(dialect), flt, keys, prelimit=True)
    if flt.current:
        tcond.append("t.is_current IS NOT FALSE")
    key = TRADE_SORTS[flt.sort]
    direction = "ASC" if flt.ascending else "DESC"
    sql = (
        f"WITH t AS ({_trade_rows(False, flt.include_derivative, rows_current=False)}) "
        f"SELECT {key} FROM t{_where(tcond)} ORDER BY {key} {direction} NULLS LAST "
        f"LIMIT 1 OFFSET {bind(int(flt.limit) + int(extra) - 1)}"
    )
    return Query(sql, tuple(bind.values), ("bound",))


def trade_filings_query(dialect: Dialect, keys: Sequence[str]) -> Query:
    """The filings ``keys`` as a trade shows them (:data:`TRADE_FILING_COLUMNS`), then
    ``filings.is_current``: the amended state is the filings whose ``is_current`` is not false (as
    ``current_filings`` has it). The keys alone pick the filings, so DuckDB looks them up in the primary
    key's index; a condition on another column beside them makes it scan every filing."""
    bind = _Binder(dialect)
    cond: list[str] = []
    _keys(bind, cond, "f.filing_key", keys)
    sql = (
        "SELECT f.filing_key, f.ticker, f.issuer_name, f.aff10b5_one, f.document_type, "
        f"f.filing_delay_days, f.insider, f.insider_cik, f.insider_roles, f.is_current "
        f"FROM filings f{_where(cond)}"
    )
    return Query(sql, tuple(bind.values), (*TRADE_FILING_COLUMNS, "is_current"))


# --------------------------------------------------------------------------------- one insider's rows


def insider_rows_from_stored(flt: TradeFilter) -> bool:
    """Whether the screener's rows for ``flt`` can be read from ``insider_trades`` (when it is fresh):
    the filter names an insider (name or CIK), no condition needs the filing (ticker, issuer, 10b5-1,
    amendments) and the sort key is a row's. Any limit, or none."""
    return (
        bool(flt.insider or flt.insider_cik)
        and not (flt.ticker or flt.issuer_cik or flt.only_10b5_1 or not flt.include_amendments)
        and flt.sort not in _FILING_SORTS
    )


def insider_rows_query(dialect: Dialect, flt: TradeFilter) -> Query:
    """The screener's rows for a filter that names an insider (:func:`insider_rows_from_stored`), read
    from ``insider_trades`` alone, in :data:`TRADE_COLUMNS`: the rows of the filings that have a
    reporting owner with this name, CIK and roles (the same owner, as ``_owner_filter`` asks), each row
    once however many of its filing's owners match, in the amended state unless ``flt.current`` is
    false (rows of filings an amendment superseded left out, as ``current_filings`` does), sorted and
    limited. The table is sorted by owner name and CIK and carries the filing's columns, so DuckDB reads
    the row groups that hold this insider and no filing is looked up."""
    if not insider_rows_from_stored(flt):
        raise QueryError("this screener filter cannot be read from insider_trades")
    obind = _Binder(dialect)
    owner: list[str] = []
    if flt.insider:
        owner.append(_contains(obind, "t.name_key", flt.insider))
    if flt.insider_cik:
        owner.append(f"t.owner_key = {obind(_cik(flt.insider_cik))}")
    if flt.roles:
        # owners.roles is "CEO,Dir": match whole items.
        roles = " OR ".join(f"(',' || t.owner_roles || ',') LIKE {obind(f'%,{r},%')}" for r in flt.roles)
        owner.append(f"({roles})")
    if not flt.include_derivative:
        owner.append("t.tbl = 'I'")
    if flt.current:
        # The amended state: the filing's is_current as stored with the row (current_filings).
        owner.append("t.is_current IS NOT FALSE")
    # The other conditions apply to the rows as trade_rows_query reads them, after the owner's rows
    # are picked; the owner conditions are not repeated there.
    bind = _Binder(dialect)
    rest = replace(flt, insider=None, insider_cik=None, roles=())
    tcond, _, order = _trade_conditions(bind, _Binder(dialect), rest, None, prelimit=True)
    limit = f" LIMIT {bind(int(flt.limit))}" if flt.limit is not None else ""
    inner = (*TRADE_ROW_COLUMNS, *_INSIDER_FILING_COLUMNS)
    sql = (
        f"SELECT {', '.join('t.' + c for c in _INSIDER_OUT)} FROM (SELECT DISTINCT "
        f"{', '.join('t.' + c for c in inner)} FROM insider_trades t{_where(owner)}) t{_where(tcond)} "
        f"ORDER BY {order}{limit}"
    )
    return Query(sql, (*obind.values, *bind.values), TRADE_COLUMNS)


# insider_trades' columns of the filing, and where the screener's columns are found among them.
_INSIDER_FILING_COLUMNS = (
    "ticker",
    "issuer_name",
    "aff10b5_one",
    "document_type",
    "filing_delay_days",
    "insider",
    "insider_cik",
    "insider_roles",
)
_INSIDER_OUT = tuple("insider_roles AS roles" if c == "roles" else c for c in TRADE_COLUMNS)


def insider_refresh_statements(*, whole: bool = False) -> list[str]:
    """The statements that bring ``insider_trades`` up to date for the filings in ``holdings_dirty``
    (the same text for DuckDB and PostgreSQL): their rows are deleted and written again from the row
    tables and owners as stored now, sorted by owner. ``holdings_dirty`` is cleared by
    :func:`~section16.store.queries_issuers.holdings_refresh_statements`, which runs after these.

    ``whole``: every stored filing is pending and ``insider_trades`` is empty (a store's first
    refresh): every row is written, with nothing to delete."""
    if whole:
        return ["INSERT INTO insider_trades " + INSIDER_TRADES_SQL.format(where="")]
    dirty = "SELECT filing_key FROM holdings_dirty"
    return [
        f"DELETE FROM insider_trades WHERE filing_key IN ({dirty})",
        "INSERT INTO insider_trades " + INSIDER_TRADES_SQL.format(where=f" WHERE x.filing_key IN ({dirty})"),
    ]
