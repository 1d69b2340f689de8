"""The SQL of the reports (OpenInsider-style screens over a store), written once for DuckDB and
PostgreSQL: each builder takes a dialect and a frozen filter object and returns a :class:`Query`, SQL text
plus the values it binds.

Every value a user gives (a ticker, a name, a date, a number) is a bound parameter, never text pasted into
the SQL; the only words a caller chooses that reach the SQL text (sort keys) are looked up in fixed tables.

Attribution of owners (spec.md section 8; the SEC's data-set readme counts a joint filing's transactions
once, in NONDERIV_TRANS, not once per REPORTINGOWNER): a transaction row counts once per filing. Its
"insider" is the filing's reporting owners as a group, named in filed order (``"Fund LP; Fund GP LLC"``),
``insider_cik`` the first owner's CIK, ``roles`` the union of the owners' roles. A filter on an insider's
name, CIK or role matches a filing when any of its reporting owners matches. Where a report counts
distinct insiders (cluster buys, net activity) a joint filing's owners are one insider: the filing's
sorted owner CIKs (``filings.owner_ciks``).

The reports read the amended state (spec.md section 6: a 4/A replaces the filing it amends) unless asked
for everything as filed: rows joined to ``current_filings``, or read through the ``current_*`` row views
where they are sorted before any join.

On a large store some reports read what the store keeps at ingest instead of aggregating every row, with
the same answer: ``latest_holdings`` (holdings), ``issuer_activity`` (net activity) and
``purchase_clusters`` (cluster buys), each only while fresh and for the filters it can answer
(:func:`holdings_from_latest`, :func:`net_activity_from_stored`, :func:`clusters_from_stored`). A report of
one issuer binds the keys of the issuer's filings (:func:`filing_keys_query`), and the screener can run as
two short queries (:func:`trade_rows_query`, :func:`trade_filings_query`); the services layer
(``section16.services.reports``) chooses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from section16.errors import QueryError
from section16.store.schema import Dialect

__all__ = [
    "CLUSTER_SORTS",
    "FINDING_LEVELS",
    "HOLDINGS_SORTS",
    "MAX_BOUND_KEYS",
    "NET_ACTIVITY_SORTS",
    "REPORT_INDEXES",
    "STORED_CLUSTER_WINDOW",
    "TRADE_COLUMNS",
    "TRADE_FILING_COLUMNS",
    "TRADE_ROW_COLUMNS",
    "TRADE_SORTS",
    "ClusterFilter",
    "HoldingsFilter",
    "InsidersFilter",
    "NetActivityFilter",
    "Query",
    "TradeFilter",
    "cluster_buys_query",
    "clusters_from_stored",
    "filing_keys_query",
    "holdings_from_latest",
    "holdings_query",
    "holdings_refresh_statements",
    "insiders_query",
    "issuer_refresh_statements",
    "net_activity_from_stored",
    "net_activity_query",
    "read_only_sql",
    "report_index_statements",
    "trade_filings_query",
    "trade_rows_query",
    "trades_query",
]


@dataclass(frozen=True, slots=True)
class Query:
    """SQL text, the values bound to its placeholders (in order) and the names of its result columns."""

    sql: str
    params: tuple[Any, ...] = ()
    columns: tuple[str, ...] = ()


class _Binder:
    """Collects bound values and hands out the dialect's placeholder for each."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.values: list[Any] = []

    def __call__(self, value: Any) -> str:
        self.values.append(value)
        # ``?`` in every dialect: Store.query turns it into psycopg's ``%s`` for PostgreSQL, so the SQL
        # text must hold no other ``?`` nor ``%`` (LIKE patterns are bound values).
        return "?"


def _like_pattern(text: str) -> str:
    """``%text%`` for a case-insensitive substring match, with LIKE's wildcards in ``text`` escaped."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _cik(text: str) -> str:
    """A CIK without its leading zeros: filers write ``0000320193`` and ``320193`` for the same one."""
    return text.strip().lstrip("0") or "0"


# The filing date: ``filings.filing_date``, derived at ingest (section16.store.rows): the header's FILED
# AS OF DATE, else the acceptance date, else (a bare XML document, which carries no filing date) the
# latest signature date, which Form 4 General Instruction 7 makes the day the form is signed for filing.
_FILING_DATE = "f.filing_date"
# A ticker as users type it: filers write "aapl", " AAPL" and "AAPL"; ``filings.ticker`` holds it
# upper-cased and trimmed, and ``filings.issuer_key`` the CIK without its leading zeros (else the
# ticker), both derived at ingest (schema.ISSUER_KEY_SQL), so lookups and groupings compare a stored
# column instead of computing a function of every filing.


def _views(current: bool, *, rows_current: bool = False) -> dict[str, str]:
    """Where each report reads from: the ``current_filings`` view for the amended state, and the row
    tables themselves. A row joined to ``current_filings`` is a row of a current filing, which is all
    the ``current_*`` row views check, so rows go through those views (an anti-join of every row) only
    where they are used before the join (``rows_current``: the screener's sort-then-join path)."""
    prefix = "current_" if current else ""
    rows_prefix = prefix if rows_current else ""
    return {
        "filings": f"{prefix}filings",
        **{
            name: f"{rows_prefix}{name}"
            for name in (
                "owners",
                "non_derivative_transactions",
                "derivative_transactions",
                "non_derivative_holdings",
                "derivative_holdings",
            )
        },
    }


def _filings_cte(current: bool, extra: str = "") -> str:
    v = _views(current)
    return (
        f"SELECT f.filing_key, f.accession_number, f.document_type, f.is_amendment, f.aff10b5_one, "
        f"f.issuer_cik, f.issuer_key, f.issuer_name, f.ticker, f.owner_ciks, f.filing_delay_days, "
        f"{_FILING_DATE} AS filing_date, f.insider, f.insider_cik, f.insider_roles{extra} "
        f"FROM {v['filings']} f"
    )


def _owner_filter(
    bind: _Binder,
    conditions: list[str],
    *,
    current: bool,
    name: str | None,
    cik: str | None,
    roles: tuple[str, ...],
    key: str = "f.filing_key",
) -> None:
    """Conditions that a filing has a reporting owner with this name, CIK and any of these roles."""
    owner: list[str] = []
    if name:
        owner.append(f"LOWER(o.rpt_owner_name) LIKE {bind(_like_pattern(name))} ESCAPE '\\'")
    if cik:
        owner.append(f"LTRIM(o.rpt_owner_cik, '0') = {bind(_cik(cik))}")
    if roles:
        # owners.roles is "CEO,Dir": match whole items.
        owner.append(
            "(" + " OR ".join(f"(',' || o.roles || ',') LIKE {bind(f'%,{r},%')}" for r in roles) + ")"
        )
    if owner:
        table = _views(current)["owners"]
        conditions.append(
            f"EXISTS (SELECT 1 FROM {table} o WHERE o.filing_key = {key} AND {' AND '.join(owner)})"
        )


def _range(bind: _Binder, conditions: list[str], expr: str, low: Any, high: Any) -> None:
    if low is not None:
        conditions.append(f"{expr} >= {bind(low)}")
    if high is not None:
        conditions.append(f"{expr} <= {bind(high)}")


def _issuer(bind: _Binder, conditions: list[str], ticker: str | None, issuer_cik: str | None) -> None:
    if ticker:
        conditions.append(f"f.ticker = {bind(ticker.strip().upper())}")
    if issuer_cik:
        # issuer_key is the CIK without leading zeros where the filing has a CIK.
        conditions.append(f"f.issuer_key = {bind(_cik(issuer_cik))} AND f.issuer_cik IS NOT NULL")


def _where(conditions: list[str]) -> str:
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


# At most this many filing keys are bound as a list of values (:func:`filing_keys_query`); more, and the
# report runs without them (the same answer, scanning every row).
MAX_BOUND_KEYS = 5000


def _keys(bind: _Binder, conditions: list[str], column: str, keys: Sequence[str] | None) -> None:
    """``column IN (k1, k2, ...)`` for the filing keys ``keys`` (None: no condition). A list of values
    is a filter the database applies while it scans the row table, reading the other columns only for
    the rows that match; a join or ``IN (subquery)`` reads every row first."""
    if keys is not None:
        marks = ", ".join(bind(k) for k in keys) if keys else "NULL"
        conditions.append(f"{column} IN ({marks})")


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
        owner.append(f"LOWER(o.rpt_owner_name) LIKE {bind(_like_pattern(insider))} ESCAPE '\\'")
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
        "t.filing_date"
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
_CLUSTER_OUT = (
    "ticker",
    "issuer_name",
    "issuer_cik",
    "first_trade_date",
    "last_trade_date",
    "insiders",
    "filings",
    "trades",
    "shares",
    "total_value",
)
_HOLDINGS_OUT = (
    "ticker",
    "issuer_name",
    "insider",
    "insider_cik",
    "roles",
    "tbl",
    "security_title",
    "ownership",
    "nature_of_ownership",
    "shares",
    "as_of",
    "filing_key",
)
_INSIDERS_OUT = (
    "ticker",
    "insider",
    "insider_cik",
    "roles",
    "filings",
    "first_filed",
    "last_filed",
    "last_trade_date",
    "last_trade_code",
    "last_trade_value",
    "shares_held",
)
_NET_OUT = (
    "ticker",
    "issuer_name",
    "issuer_cik",
    "buyers",
    "sellers",
    "purchases",
    "sales",
    "bought_value",
    "sold_value",
    "net_value",
    "trades",
)


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
    dialect: Dialect, flt: TradeFilter, *, keys: Sequence[str] | None = None, extra: int = 0
) -> Query | None:
    """The screener's first ``limit + extra`` trade rows as the row tables hold them (every filing,
    current or not), sorted, before any join; None where :func:`trades_query` cannot sort before it
    joins. With :func:`trade_filings_query` for their filings, the rows of filings that are current
    (amended state) in this order are the screener's rows, as long as ``limit`` of them remain or the
    query returned fewer rows than it asked for (then there are no more); otherwise run
    :func:`trades_query`. Two short queries instead of one that reads every filing for the join and
    checks every row against every superseded filing."""
    if not _sorted_first(flt):
        return None
    assert flt.limit is not None
    bind = _Binder(dialect)
    tcond, _, order = _trade_conditions(bind, _Binder(dialect), flt, keys, prelimit=True)
    sql = (
        f"WITH t AS ({_trade_rows(False, flt.include_derivative, rows_current=False)}) "
        f"SELECT {', '.join('t.' + c for c in TRADE_ROW_COLUMNS)} FROM t{_where(tcond)} "
        f"ORDER BY {order} LIMIT {bind(int(flt.limit) + int(extra))}"
    )
    return Query(sql, tuple(bind.values), TRADE_ROW_COLUMNS)


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


# --------------------------------------------------------------------------------------- cluster buys


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterFilter:
    """Cluster buys: open-market purchases (P in Table I) of one issuer by at least ``min_insiders``
    distinct insiders, each trade date within ``window_days`` of the one before it in the cluster."""

    window_days: int = 7
    min_insiders: int = 2
    traded_from: date | None = None
    traded_to: date | None = None
    ticker: str | None = None
    min_value: Decimal | None = None
    include_amendments: bool = True
    current: bool = True
    sort: str = "last_trade_date"
    limit: int | None = 100


CLUSTER_SORTS: dict[str, str] = {
    "last_trade_date": "last_trade_date DESC",
    "first_trade_date": "first_trade_date DESC",
    "value": "total_value DESC",
    "insiders": "insiders DESC",
    "ticker": "ticker ASC",
}


# The window the store keeps clusters for (``purchase_clusters``): the command's and the web's default.
STORED_CLUSTER_WINDOW = 7

_CLUSTER_AGG = (
    "MAX(p.ticker) AS ticker, MAX(p.issuer_name) AS issuer_name, MAX(p.issuer_cik) AS issuer_cik, "
    "MIN(p.trade_date) AS first_trade_date, MAX(p.trade_date) AS last_trade_date, "
    "COUNT(DISTINCT COALESCE(p.owner_ciks, p.filing_key)) AS insiders, "
    "COUNT(DISTINCT p.filing_key) AS filings, COUNT(*) AS trades, SUM(p.shares) AS shares, "
    "SUM(p.value) AS total_value"
)


def _clusters_sql(current: bool, f_where: str, cond: list[str], window: str) -> str:
    """Per issuer and cluster, the cluster's figures (``GROUP BY`` issuer key and cluster, no HAVING):
    open-market purchases (P, Table I) of the filings of ``f_where`` matching ``cond``, split into
    clusters where the gap between consecutive distinct trade dates exceeds ``window`` days. The islands
    are numbered over the issuer's distinct trade dates, so every row of a date lands in one cluster
    whatever order rows of the same date come in."""
    v = _views(current)
    return (
        f"WITH f AS ({_filings_cte(current)}{f_where}), "
        f"p AS (SELECT f.issuer_key, f.issuer_cik, f.issuer_name, f.ticker, f.owner_ciks, "
        f"f.filing_key, t.transaction_date AS trade_date, t.transaction_shares AS shares, "
        f"t.transaction_value AS value FROM {v['non_derivative_transactions']} t "
        f"JOIN f ON f.filing_key = t.filing_key{_where(cond)}), "
        f"d AS (SELECT x.issuer_key, x.trade_date, CASE WHEN x.trade_date - LAG(x.trade_date) OVER "
        f"(PARTITION BY x.issuer_key ORDER BY x.trade_date) <= {window} THEN 0 ELSE 1 END AS starts "
        f"FROM (SELECT DISTINCT issuer_key, trade_date FROM p) x), "
        f"k AS (SELECT d.issuer_key, d.trade_date, SUM(d.starts) OVER (PARTITION BY d.issuer_key "
        f"ORDER BY d.trade_date ROWS UNBOUNDED PRECEDING) AS cluster FROM d) "
        f"SELECT p.issuer_key, {_CLUSTER_AGG} FROM p JOIN k ON k.issuer_key = p.issuer_key "
        f"AND k.trade_date = p.trade_date GROUP BY p.issuer_key, k.cluster"
    )


def clusters_from_stored(flt: ClusterFilter) -> bool:
    """Whether ``flt`` can be answered from ``purchase_clusters`` (when it is fresh): the amended state,
    the stored window, amendments included, and no filter that picks rows before they are clustered
    (a trade-date range or a ticker changes the clusters themselves)."""
    return (
        flt.current
        and flt.include_amendments
        and flt.window_days == STORED_CLUSTER_WINDOW
        and flt.traded_from is None
        and flt.traded_to is None
        and not flt.ticker
    )


def cluster_buys_query(dialect: Dialect, flt: ClusterFilter, *, stored: bool = False) -> Query:
    """Purchase clusters: islands of P rows per issuer where consecutive trade dates are at most
    ``window_days`` apart, kept when they hold ``min_insiders`` distinct insiders (owner groups). With
    ``stored`` (only where :func:`clusters_from_stored` and the table is fresh) the clusters are read
    from ``purchase_clusters``: the same answer without clustering every purchase."""
    if flt.sort not in CLUSTER_SORTS:
        raise QueryError(f"unknown sort {flt.sort!r}; one of {', '.join(CLUSTER_SORTS)}")
    if flt.window_days < 0:
        raise QueryError("window_days must be 0 or more")
    bind = _Binder(dialect)
    order = f"ORDER BY {CLUSTER_SORTS[flt.sort]}, ticker, first_trade_date"
    columns = ", ".join(_CLUSTER_OUT)
    if stored:
        if not clusters_from_stored(flt):
            raise QueryError("these cluster-buys filters cannot be read from purchase_clusters")
        where = [f"insiders >= {bind(int(flt.min_insiders))}"]
        if flt.min_value is not None:
            where.append(f"total_value >= {bind(flt.min_value)}")
        limit = f" LIMIT {bind(int(flt.limit))}" if flt.limit is not None else ""
        sql = f"SELECT {columns} FROM purchase_clusters{_where(where)} {order}{limit}"
        return Query(sql, tuple(bind.values), _CLUSTER_OUT)
    cond = ["t.transaction_code = 'P'", "t.transaction_date IS NOT NULL"]
    _range(bind, cond, "t.transaction_date", flt.traded_from, flt.traded_to)
    _issuer(bind, cond, flt.ticker, None)
    if not flt.include_amendments:
        cond.append("NOT COALESCE(f.is_amendment, FALSE)")
    window = bind(int(flt.window_days))
    having = [f"insiders >= {bind(int(flt.min_insiders))}"]
    if flt.min_value is not None:
        having.append(f"total_value >= {bind(flt.min_value)}")
    limit = f" LIMIT {bind(int(flt.limit))}" if flt.limit is not None else ""
    sql = (
        f"SELECT {columns} FROM ({_clusters_sql(flt.current, '', cond, window)}) c"
        f"{_where(having)} {order}{limit}"
    )
    return Query(sql, tuple(bind.values), _CLUSTER_OUT)


# ------------------------------------------------------------------------------------------- holdings


@dataclass(frozen=True, slots=True, kw_only=True)
class HoldingsFilter:
    """Latest reported holdings: per issuer, insider (owner group), security (Table I or II), direct or
    indirect and nature of ownership, the shares owned following the latest row that reports them
    (a transaction's ``sharesOwnedFollowingTransaction`` or a holding row)."""

    ticker: str | None = None
    issuer_cik: str | None = None
    insider: str | None = None
    insider_cik: str | None = None
    roles: tuple[str, ...] = ()
    as_of: date | None = None
    include_derivative: bool = False
    include_zero: bool = False
    current: bool = True
    sort: str = "ticker"
    limit: int | None = 1000


HOLDINGS_SORTS: dict[str, str] = {
    "ticker": "ticker ASC, insider ASC, security_title ASC",
    "shares": "shares DESC, ticker ASC",
    "as_of": "as_of DESC, ticker ASC",
    "insider": "insider ASC, ticker ASC",
}


def _holding_rows(current: bool, include_derivative: bool) -> str:
    v = _views(current)
    cols = (
        "filing_key, row_index, security_title, shares_owned_following_transaction AS shares, "
        "direct_or_indirect_ownership AS ownership, nature_of_ownership"
    )
    parts = [
        f"SELECT 'I' AS tbl, {cols}, transaction_date AS row_date FROM {v['non_derivative_transactions']}",
        f"SELECT 'I' AS tbl, {cols}, CAST(NULL AS DATE) AS row_date FROM {v['non_derivative_holdings']}",
    ]
    if include_derivative:
        parts += [
            f"SELECT 'II' AS tbl, {cols}, transaction_date AS row_date FROM {v['derivative_transactions']}",
            f"SELECT 'II' AS tbl, {cols}, CAST(NULL AS DATE) AS row_date FROM {v['derivative_holdings']}",
        ]
    return " UNION ALL ".join(parts)


def holdings_from_latest(flt: HoldingsFilter) -> bool:
    """Whether the report ``flt`` asks for can be read from the ``latest_holdings`` table (when it is
    fresh): the amended state, no date cut-off, and no filter that chooses rows before they are ranked
    (a ticker, issuer or owner filter picks the latest row among the matching filings)."""
    return (
        flt.current
        and flt.as_of is None
        and not (flt.ticker or flt.issuer_cik or flt.insider or flt.insider_cik or flt.roles)
    )


# The holding group of a filing: its issuer (CIK, else ticker) and owner group; the latest_holdings rows
# of a group are ranked again together.
_GROUP_KEY = "f.issuer_key || '|' || COALESCE(f.owner_ciks, f.filing_key)"


def _latest_holdings_sql(current: bool, include_derivative: bool, f_where: str, cond: list[str]) -> str:
    """The ranking of the holdings report: per group the latest row, with its filing's owners."""
    return (
        f"WITH f AS ({_filings_cte(current, f', {_GROUP_KEY} AS group_key')}{f_where}), "
        f"h AS ({_holding_rows(current, include_derivative)}), "
        f"r AS (SELECT h.*, f.group_key, f.filing_date, f.ticker, f.issuer_name, f.issuer_cik, f.owner_ciks, "
        f"f.insider, f.insider_cik, f.insider_roles, "
        f"ROW_NUMBER() OVER (PARTITION BY f.issuer_key, "
        f"COALESCE(f.owner_ciks, f.filing_key), h.tbl, UPPER(TRIM(h.security_title)), h.ownership, "
        f"UPPER(TRIM(COALESCE(h.nature_of_ownership, ''))) "
        f"ORDER BY f.filing_date DESC NULLS LAST, h.row_date DESC NULLS LAST, f.filing_key DESC, "
        f"h.row_index DESC) AS rn "
        f"FROM h JOIN f ON f.filing_key = h.filing_key{_where(cond)}), "
        f"l AS (SELECT * FROM r WHERE rn = 1) "
    )


def holdings_refresh_statements() -> list[str]:
    """The statements that bring ``latest_holdings`` up to date for the filings in ``holdings_dirty``
    (the same text for DuckDB and PostgreSQL): the groups of those filings, as stored now and as the
    table has them, are deleted and ranked again; the pending filings are cleared last."""
    groups = "SELECT group_key FROM _holding_groups"
    return [
        "DROP TABLE IF EXISTS _holding_groups",
        f"CREATE TEMPORARY TABLE _holding_groups AS SELECT DISTINCT {_GROUP_KEY} AS group_key "
        "FROM filings f WHERE f.filing_key IN (SELECT filing_key FROM holdings_dirty) "
        "UNION SELECT group_key FROM latest_holdings "
        "WHERE filing_key IN (SELECT filing_key FROM holdings_dirty)",
        f"DELETE FROM latest_holdings WHERE group_key IN ({groups})",
        "INSERT INTO latest_holdings (group_key, tbl, filing_key, row_index, security_title, ownership, "
        "nature_of_ownership, shares, filing_date, ticker, issuer_name, issuer_cik, insider, insider_cik, "
        "roles) "
        + _latest_holdings_sql(True, True, f" WHERE {_GROUP_KEY} IN ({groups})", ["h.shares IS NOT NULL"])
        + "SELECT l.group_key, l.tbl, l.filing_key, l.row_index, l.security_title, l.ownership, "
        "l.nature_of_ownership, l.shares, l.filing_date, l.ticker, l.issuer_name, l.issuer_cik, "
        "l.insider, l.insider_cik, l.insider_roles FROM l",
        "DROP TABLE _holding_groups",
        "DELETE FROM holdings_dirty",
    ]


def holdings_query(
    dialect: Dialect, flt: HoldingsFilter, *, latest: bool = False, keys: Sequence[str] | None = None
) -> Query:
    """The latest holding per (issuer, insider, table, security, D/I, nature); the latest is the one of
    the latest filing (by filing date), and within a filing the last row as filed. With ``latest``
    (only where :func:`holdings_from_latest` and the table is fresh) the ranked rows are read from
    ``latest_holdings`` instead of ranked again: the same answer, without sorting every row. ``keys``:
    as for :func:`trades_query`."""
    if flt.sort not in HOLDINGS_SORTS:
        raise QueryError(f"unknown sort {flt.sort!r}; one of {', '.join(HOLDINGS_SORTS)}")
    if latest:
        if not holdings_from_latest(flt):
            raise QueryError("these holdings filters cannot be read from latest_holdings")
        bind = _Binder(dialect)
        where = [] if flt.include_derivative else ["tbl = 'I'"]
        if not flt.include_zero:
            where.append("shares <> 0")
        limit = f" LIMIT {bind(int(flt.limit))}" if flt.limit is not None else ""
        sql = (
            "SELECT ticker, issuer_name, insider, insider_cik, roles, tbl, security_title, ownership, "
            "nature_of_ownership, shares, filing_date AS as_of, filing_key FROM latest_holdings"
            f"{_where(where)} ORDER BY {HOLDINGS_SORTS[flt.sort]}, filing_key, tbl, row_index{limit}"
        )
        return Query(sql, tuple(bind.values), _HOLDINGS_OUT)
    bind = _Binder(dialect)
    cond = ["h.shares IS NOT NULL"]
    _keys(bind, cond, "h.filing_key", keys)
    _issuer(bind, cond, flt.ticker, flt.issuer_cik)
    if flt.as_of is not None:
        cond.append(f"f.filing_date <= {bind(flt.as_of)}")
    _owner_filter(bind, cond, current=flt.current, name=flt.insider, cik=flt.insider_cik, roles=flt.roles)
    outer = [] if flt.include_zero else ["l.shares <> 0"]
    limit = f" LIMIT {bind(int(flt.limit))}" if flt.limit is not None else ""
    sql = (
        _latest_holdings_sql(flt.current, flt.include_derivative, "", cond)
        + "SELECT l.ticker, l.issuer_name, l.insider, l.insider_cik, l.insider_roles AS roles, l.tbl, "
        "l.security_title, "
        "l.ownership, l.nature_of_ownership, l.shares, l.filing_date AS as_of, l.filing_key "
        f"FROM l{_where(outer)} "
        f"ORDER BY {HOLDINGS_SORTS[flt.sort]}, l.filing_key, l.tbl, l.row_index{limit}"
    )
    return Query(sql, tuple(bind.values), _HOLDINGS_OUT)


# ------------------------------------------------------------------------------------------- insiders


@dataclass(frozen=True, slots=True, kw_only=True)
class InsidersFilter:
    """An issuer's insiders: every reporting owner (one row per owner CIK) of the issuer's filings."""

    ticker: str | None = None
    issuer_cik: str | None = None
    current: bool = True


def insiders_query(dialect: Dialect, flt: InsidersFilter, *, keys: Sequence[str] | None = None) -> Query:
    """Per owner of the issuer's filings (one row per owner CIK): name and roles as of the latest
    filing, filings, first and last filing date, the last Table I transaction (date, code, value) and
    ``shares_held``, the sum of the latest Table I shares owned per security, direct or indirect and
    nature of ownership. Here each owner of a joint filing holds what the filing reports: each joint
    filer reports the securities as beneficially owned (Form 4 General Instruction 5(b)(v)). ``keys``:
    as for :func:`trades_query`."""
    if not (flt.ticker or flt.issuer_cik):
        raise QueryError("insiders needs a ticker or an issuer CIK")
    bind = _Binder(dialect)
    v = _views(flt.current)
    cond: list[str] = []
    _issuer(bind, cond, flt.ticker, flt.issuer_cik)
    # The issuer's filings' keys (when given) pick rows while each row table is scanned; in SQL-text
    # order: owners, transactions, holdings.
    okeys: list[str] = []
    _keys(bind, okeys, "o.filing_key", keys)
    tkeys: list[str] = []
    _keys(bind, tkeys, "t.filing_key", keys)
    hkeys = ["h.shares IS NOT NULL"]
    _keys(bind, hkeys, "h.filing_key", keys)
    sql = (
        f"WITH f AS ({_filings_cte(flt.current)}), "
        f"fi AS (SELECT * FROM f{_where(cond)}), "
        f"o AS (SELECT COALESCE(LTRIM(o.rpt_owner_cik, '0'), LOWER(o.rpt_owner_name)) AS owner_key, "
        f"o.rpt_owner_cik, o.rpt_owner_name, o.roles, fi.filing_key, fi.filing_date, fi.ticker, "
        f"ROW_NUMBER() OVER (PARTITION BY COALESCE(LTRIM(o.rpt_owner_cik, '0'), LOWER(o.rpt_owner_name)) "
        f"ORDER BY fi.filing_date DESC NULLS LAST, fi.filing_key DESC) AS rn "
        f"FROM {v['owners']} o JOIN fi ON fi.filing_key = o.filing_key{_where(okeys)}), "
        f"t AS (SELECT o.owner_key, t.transaction_date, t.transaction_code, t.transaction_value, "
        f"ROW_NUMBER() OVER (PARTITION BY o.owner_key ORDER BY t.transaction_date DESC NULLS LAST, "
        f"o.filing_date DESC NULLS LAST, t.filing_key DESC, t.row_index DESC) AS rn "
        f"FROM {v['non_derivative_transactions']} t JOIN o ON o.filing_key = t.filing_key{_where(tkeys)}), "
        f"s AS (SELECT owner_key, COUNT(DISTINCT filing_key) AS filings, MIN(filing_date) AS first_filed, "
        f"MAX(filing_date) AS last_filed FROM o GROUP BY owner_key), "
        f"h AS (SELECT o.owner_key, h.shares, ROW_NUMBER() OVER (PARTITION BY o.owner_key, "
        f"UPPER(TRIM(h.security_title)), h.ownership, UPPER(TRIM(COALESCE(h.nature_of_ownership, ''))) "
        f"ORDER BY o.filing_date DESC NULLS LAST, h.row_date DESC NULLS LAST, h.filing_key DESC, "
        f"h.row_index DESC) AS rn FROM ({_holding_rows(flt.current, False)}) h "
        f"JOIN o ON o.filing_key = h.filing_key{_where(hkeys)}), "
        f"hs AS (SELECT owner_key, SUM(shares) AS shares_held FROM h WHERE rn = 1 GROUP BY owner_key) "
        f"SELECT o.ticker, o.rpt_owner_name AS insider, o.rpt_owner_cik AS insider_cik, o.roles, "
        f"s.filings, s.first_filed, s.last_filed, t.transaction_date AS last_trade_date, "
        f"t.transaction_code AS last_trade_code, t.transaction_value AS last_trade_value, hs.shares_held "
        f"FROM o JOIN s ON s.owner_key = o.owner_key LEFT JOIN hs ON hs.owner_key = o.owner_key "
        f"LEFT JOIN t ON t.owner_key = o.owner_key AND t.rn = 1 "
        f"WHERE o.rn = 1 ORDER BY s.last_filed DESC NULLS LAST, o.rpt_owner_name"
    )
    return Query(sql, tuple(bind.values), _INSIDERS_OUT)


# --------------------------------------------------------------------------------------- net activity


@dataclass(frozen=True, slots=True, kw_only=True)
class NetActivityFilter:
    """Net insider buying per issuer over a period: open-market purchases (P) and sales (S) in Table I
    (spec.md section 8), their values, and the net (purchases + sales, sales being negative)."""

    traded_from: date | None = None
    traded_to: date | None = None
    ticker: str | None = None
    roles: tuple[str, ...] = ()
    include_amendments: bool = True
    current: bool = True
    sort: str = "net"
    ascending: bool = False
    limit: int | None = 100


NET_ACTIVITY_SORTS: dict[str, str] = {
    "net": "net_value",
    "bought": "bought_value",
    "sold": "sold_value",
    "trades": "trades",
    "ticker": "ticker",
}


_WHO = "COALESCE(f.owner_ciks, f.filing_key)"
_NET_AGG = (
    "MAX(f.ticker) AS ticker, MAX(f.issuer_name) AS issuer_name, MAX(f.issuer_cik) AS issuer_cik, "
    f"COUNT(DISTINCT CASE WHEN t.transaction_code = 'P' THEN {_WHO} END) AS buyers, "
    f"COUNT(DISTINCT CASE WHEN t.transaction_code = 'S' THEN {_WHO} END) AS sellers, "
    "SUM(CASE WHEN t.transaction_code = 'P' THEN 1 ELSE 0 END) AS purchases, "
    "SUM(CASE WHEN t.transaction_code = 'S' THEN 1 ELSE 0 END) AS sales, "
    "COALESCE(SUM(CASE WHEN t.transaction_code = 'P' THEN t.transaction_value END), 0) AS bought_value, "
    "COALESCE(SUM(CASE WHEN t.transaction_code = 'S' THEN t.transaction_value END), 0) AS sold_value, "
    "COALESCE(SUM(t.transaction_value), 0) AS net_value, COUNT(*) AS trades"
)


def _net_sql(current: bool, f_where: str, cond: list[str]) -> str:
    """Per issuer (``filings.issuer_key``) the net-activity figures of the open-market rows of the
    filings of ``f_where`` matching ``cond`` (which holds the P/S condition)."""
    v = _views(current)
    return (
        f"WITH f AS ({_filings_cte(current)}{f_where}) "
        f"SELECT f.issuer_key, {_NET_AGG} "
        f"FROM {v['non_derivative_transactions']} t JOIN f ON f.filing_key = t.filing_key"
        f"{_where(cond)} GROUP BY f.issuer_key"
    )


def net_activity_from_stored(flt: NetActivityFilter) -> bool:
    """Whether ``flt`` can be answered from ``issuer_activity`` (when it is fresh): the amended state,
    amendments included, and no filter that picks rows (trade dates, ticker, roles)."""
    return (
        flt.current
        and flt.include_amendments
        and flt.traded_from is None
        and flt.traded_to is None
        and not flt.ticker
        and not flt.roles
    )


def net_activity_query(dialect: Dialect, flt: NetActivityFilter, *, stored: bool = False) -> Query:
    """Per issuer: buyers, sellers (distinct insiders), purchases, sales, their values and the net.
    With ``stored`` (only where :func:`net_activity_from_stored` and the table is fresh) the figures
    are read from ``issuer_activity``: the same answer without aggregating every open-market row."""
    if flt.sort not in NET_ACTIVITY_SORTS:
        raise QueryError(f"unknown sort {flt.sort!r}; one of {', '.join(NET_ACTIVITY_SORTS)}")
    bind = _Binder(dialect)
    direction = "ASC" if flt.ascending else "DESC"
    order = f"ORDER BY {NET_ACTIVITY_SORTS[flt.sort]} {direction}, ticker"
    columns = ", ".join(_NET_OUT)
    if stored:
        if not net_activity_from_stored(flt):
            raise QueryError("these net-activity filters cannot be read from issuer_activity")
        limit = f" LIMIT {bind(int(flt.limit))}" if flt.limit is not None else ""
        return Query(f"SELECT {columns} FROM issuer_activity {order}{limit}", tuple(bind.values), _NET_OUT)
    cond = ["t.transaction_code IN ('P', 'S')"]
    _range(bind, cond, "t.transaction_date", flt.traded_from, flt.traded_to)
    _issuer(bind, cond, flt.ticker, None)
    if not flt.include_amendments:
        cond.append("NOT COALESCE(f.is_amendment, FALSE)")
    _owner_filter(bind, cond, current=flt.current, name=None, cik=None, roles=flt.roles)
    limit = f" LIMIT {bind(int(flt.limit))}" if flt.limit is not None else ""
    sql = f"SELECT {columns} FROM ({_net_sql(flt.current, '', cond)}) n {order}{limit}"
    return Query(sql, tuple(bind.values), _NET_OUT)


# ------------------------------------------------------------------------------- summaries per issuer


def issuer_refresh_statements() -> list[str]:
    """The statements that bring ``issuer_activity``, ``purchase_clusters``, ``issuer_names`` and
    ``owner_names`` up to date (the same text for DuckDB and PostgreSQL): the issuers and owners of the
    filings in ``holdings_dirty`` and those in ``issuers_dirty`` and ``owners_dirty`` are deleted and
    computed again; the dirty tables are cleared last (``holdings_dirty`` by
    :func:`holdings_refresh_statements`, which runs after these)."""
    issuers = "SELECT issuer_key FROM _dirty_issuers"
    f_where = f" WHERE f.issuer_key IN ({issuers})"
    window = str(int(STORED_CLUSTER_WINDOW))
    clusters = _clusters_sql(
        True, f_where, ["t.transaction_code = 'P'", "t.transaction_date IS NOT NULL"], window
    )
    return [
        "DROP TABLE IF EXISTS _dirty_issuers",
        "CREATE TEMPORARY TABLE _dirty_issuers AS SELECT DISTINCT f.issuer_key FROM filings f "
        "WHERE f.filing_key IN (SELECT filing_key FROM holdings_dirty) AND f.issuer_key IS NOT NULL "
        "UNION SELECT issuer_key FROM issuers_dirty WHERE issuer_key IS NOT NULL",
        f"DELETE FROM issuer_activity WHERE issuer_key IN ({issuers})",
        f"INSERT INTO issuer_activity (issuer_key, {', '.join(_NET_OUT)}) "
        + _net_sql(True, f_where, ["t.transaction_code IN ('P', 'S')"]),
        f"DELETE FROM purchase_clusters WHERE issuer_key IN ({issuers})",
        f"INSERT INTO purchase_clusters (issuer_key, {', '.join(_CLUSTER_OUT)}) {clusters}",
        f"DELETE FROM issuer_names WHERE issuer_key IN ({issuers})",
        "INSERT INTO issuer_names (issuer_key, issuer_name, ticker, filings) "
        "SELECT f.issuer_key, f.issuer_name, f.ticker, COUNT(*) FROM filings f "
        f"WHERE f.issuer_cik IS NOT NULL AND f.issuer_key IN ({issuers}) "
        "GROUP BY f.issuer_key, f.issuer_name, f.ticker",
        "DROP TABLE _dirty_issuers",
        "DELETE FROM issuers_dirty",
        # The search's insiders: owners of the dirty filings, and those a reparse took off a filing.
        "DROP TABLE IF EXISTS _dirty_owners",
        "CREATE TEMPORARY TABLE _dirty_owners AS SELECT DISTINCT LTRIM(o.rpt_owner_cik, '0') AS owner_key "
        "FROM owners o WHERE o.filing_key IN (SELECT filing_key FROM holdings_dirty) "
        "AND o.rpt_owner_cik IS NOT NULL UNION SELECT owner_key FROM owners_dirty",
        "DELETE FROM owner_names WHERE owner_key IN (SELECT owner_key FROM _dirty_owners)",
        "INSERT INTO owner_names (owner_key, rpt_owner_name, owners) "
        "SELECT LTRIM(o.rpt_owner_cik, '0'), o.rpt_owner_name, COUNT(*) FROM owners o "
        "WHERE o.rpt_owner_cik IS NOT NULL "
        "AND LTRIM(o.rpt_owner_cik, '0') IN (SELECT owner_key FROM _dirty_owners) "
        "GROUP BY LTRIM(o.rpt_owner_cik, '0'), o.rpt_owner_name",
        "DROP TABLE _dirty_owners",
        "DELETE FROM owners_dirty",
    ]


# ---------------------------------------------------------------------------------------- indexes

# Indexes the reports use on PostgreSQL (DuckDB scans with zone maps and hash joins; an ART index there
# slows bulk loads and does not serve range scans). Each is (name, table, expression).
REPORT_INDEXES: tuple[tuple[str, str, str], ...] = (
    ("rpt_filings_filed", "filings", "(filed_date)"),
    ("rpt_filings_filing_date", "filings", "(filing_date)"),
    ("rpt_ndt_filing_date", "non_derivative_transactions", "(filing_date)"),
    ("rpt_dt_filing_date", "derivative_transactions", "(filing_date)"),
    ("rpt_holdings_ticker", "latest_holdings", "(ticker, insider, security_title)"),
    ("rpt_owners_cik", "owners", "(LTRIM(rpt_owner_cik, '0'))"),
    ("rpt_ndt_date", "non_derivative_transactions", "(transaction_date)"),
    ("rpt_ndt_code_date", "non_derivative_transactions", "(transaction_code, transaction_date)"),
    ("rpt_ndt_value", "non_derivative_transactions", "(transaction_value)"),
    ("rpt_dt_date", "derivative_transactions", "(transaction_date)"),
)


def report_index_statements(dialect: Dialect) -> list[str]:
    """``CREATE INDEX IF NOT EXISTS`` for :data:`REPORT_INDEXES` (PostgreSQL only; none for DuckDB)."""
    if dialect != "postgres":
        return []
    return [f"CREATE INDEX IF NOT EXISTS {n} ON {t} {e}" for n, t, e in REPORT_INDEXES]


# ------------------------------------------------------------------------------------- read-only SQL


def read_only_sql(
    target: str, text: str, params: Sequence[Any] | Mapping[str, Any] = ()
) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Run one SELECT on a connection of its own that cannot write: DuckDB opened ``read_only`` (and
    the statement checked to be one SELECT), PostgreSQL in a ``READ ONLY`` transaction of a session
    whose default is read-only, the statement prepared (one statement only). Returns the column names
    and the rows; :class:`QueryError` when the statement is not a single query or the database
    rejects it."""
    if target.startswith(("postgresql://", "postgres://")):
        return _postgres_read_only(target, text, params)
    return _duckdb_read_only(target, text, params)


def _duckdb_read_only(
    path: str, text: str, params: Sequence[Any] | Mapping[str, Any]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    import duckdb

    try:
        con = duckdb.connect(path, read_only=True)
    except duckdb.Error as exc:
        raise QueryError(f"{path}: cannot open the store read-only: {exc}") from exc
    try:
        try:
            statements = con.extract_statements(text)
        except duckdb.Error as exc:
            raise QueryError(f"sql: {exc}") from exc
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            kinds = ", ".join(s.type.name for s in statements) or "nothing"
            raise QueryError(f"sql: give one SELECT statement (got {kinds}); the store is read-only here")
        try:
            cur = con.execute(text, params if isinstance(params, Mapping) else list(params))
            columns = [d[0] for d in cur.description or ()]
            return columns, cur.fetchall()
        except duckdb.Error as exc:
            raise QueryError(f"sql: {exc}") from exc
    finally:
        con.close()


def _psycopg_params(text: str, params: Sequence[Any] | Mapping[str, Any]) -> tuple[str, Any]:
    """The statement and values as psycopg takes them: ``?`` placeholders (as DuckDB and
    :meth:`Store.query` take them) become ``%s``; named values use psycopg's ``%(name)s``. Without
    values the text goes as written (a ``%`` or ``?`` in it stays literal)."""
    if isinstance(params, Mapping):
        return text, dict(params) if params else None
    if not params:
        return text, None
    return text.replace("%", "%%").replace("?", "%s"), list(params)


def _postgres_read_only(
    url: str, text: str, params: Sequence[Any] | Mapping[str, Any]
) -> tuple[list[str], list[tuple[Any, ...]]]:
    import psycopg

    try:
        con = psycopg.connect(url, options="-c default_transaction_read_only=on")
    except psycopg.Error as exc:
        raise QueryError(f"cannot connect to PostgreSQL: {exc}".strip()) from exc
    try:
        con.read_only = True
        try:
            with con.cursor() as cur:
                # prepare=True sends the text with the extended protocol, which takes one statement
                # only: no "COMMIT; DELETE ..." past the read-only transaction.
                sql, bound = _psycopg_params(text, params)
                cur.execute(sql.encode(), bound, prepare=True)
                columns = [d.name for d in cur.description or ()]
                rows = cur.fetchall() if cur.description is not None else []
            con.rollback()
            return columns, rows
        except psycopg.Error as exc:
            raise QueryError(f"sql: {str(exc).strip()}") from exc
    finally:
        con.close()
