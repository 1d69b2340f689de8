"""The SQL of the per-issuer reports: cluster buys, latest holdings, an issuer's insiders and net
activity, and the statements that keep their stored tables (``latest_holdings``, ``issuer_activity``,
``purchase_clusters``, ``issuer_names``, ``owner_names``) up to date. Attribution and the amended state:
see :mod:`section16.store.queries`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from section16.errors import QueryError
from section16.store._query_parts import (
    Query,
    _Binder,
    _filings_cte,
    _issuer,
    _keys,
    _owner_filter,
    _range,
    _views,
    _where,
)
from section16.store.schema import Dialect

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


def holdings_refresh_statements(*, whole: bool = False) -> list[str]:
    """The statements that bring ``latest_holdings`` up to date for the filings in ``holdings_dirty``
    (the same text for DuckDB and PostgreSQL): the groups of those filings, as stored now and as the
    table has them, are deleted and ranked again; the pending filings are cleared last.

    ``whole``: every stored filing is pending and ``latest_holdings`` is empty (a store's first
    refresh), so every group is ranked, with nothing to delete and no groups to gather first."""
    insert = (
        "INSERT INTO latest_holdings (group_key, tbl, filing_key, row_index, security_title, ownership, "
        "nature_of_ownership, shares, filing_date, ticker, issuer_name, issuer_cik, insider, insider_cik, "
        "roles) "
    )
    out = (
        "SELECT l.group_key, l.tbl, l.filing_key, l.row_index, l.security_title, l.ownership, "
        "l.nature_of_ownership, l.shares, l.filing_date, l.ticker, l.issuer_name, l.issuer_cik, "
        "l.insider, l.insider_cik, l.insider_roles FROM l"
    )
    if whole:
        # Every group of every filing; the IS NOT NULL keeps what the IN of the partial refresh keeps.
        where = f" WHERE {_GROUP_KEY} IS NOT NULL"
        return [
            insert + _latest_holdings_sql(True, True, where, ["h.shares IS NOT NULL"]) + out,
            "DELETE FROM holdings_dirty",
        ]
    groups = "SELECT group_key FROM _holding_groups"
    return [
        "DROP TABLE IF EXISTS _holding_groups",
        f"CREATE TEMPORARY TABLE _holding_groups AS SELECT DISTINCT {_GROUP_KEY} AS group_key "
        "FROM filings f WHERE f.filing_key IN (SELECT filing_key FROM holdings_dirty) "
        "UNION SELECT group_key FROM latest_holdings "
        "WHERE filing_key IN (SELECT filing_key FROM holdings_dirty)",
        f"DELETE FROM latest_holdings WHERE group_key IN ({groups})",
        insert
        + _latest_holdings_sql(True, True, f" WHERE {_GROUP_KEY} IN ({groups})", ["h.shares IS NOT NULL"])
        + out,
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


def issuer_refresh_statements(*, whole: bool = False) -> list[str]:
    """The statements that bring ``issuer_activity``, ``purchase_clusters``, ``issuer_names`` and
    ``owner_names`` up to date (the same text for DuckDB and PostgreSQL): the issuers and owners of the
    filings in ``holdings_dirty`` and those in ``issuers_dirty`` and ``owners_dirty`` are deleted and
    computed again; the dirty tables are cleared last (``holdings_dirty`` by
    :func:`holdings_refresh_statements`, which runs after these).

    ``whole``: every stored filing is pending and these four tables are empty (a store's first
    refresh), so every issuer and owner is computed, with nothing to delete and no keys to gather
    first (an issuer or owner queued without a stored filing has no rows either way)."""
    window = str(int(STORED_CLUSTER_WINDOW))
    if whole:
        # IS NOT NULL keeps what the IN of the partial refresh keeps (a NULL key is never in it).
        issuer_where = "f.issuer_key IS NOT NULL"
        owner_where = ""
        before_issuers: list[str] = []
        before_owners: list[str] = []
        after_issuers: list[str] = []
        after_owners: list[str] = []
    else:
        issuers = "SELECT issuer_key FROM _dirty_issuers"
        issuer_where = f"f.issuer_key IN ({issuers})"
        owner_where = "AND LTRIM(o.rpt_owner_cik, '0') IN (SELECT owner_key FROM _dirty_owners) "
        before_issuers = [
            "DROP TABLE IF EXISTS _dirty_issuers",
            "CREATE TEMPORARY TABLE _dirty_issuers AS SELECT DISTINCT f.issuer_key FROM filings f "
            "WHERE f.filing_key IN (SELECT filing_key FROM holdings_dirty) AND f.issuer_key IS NOT NULL "
            "UNION SELECT issuer_key FROM issuers_dirty WHERE issuer_key IS NOT NULL",
            *(f"DELETE FROM {t} WHERE issuer_key IN ({issuers})" for t in _ISSUER_SUMMARIES),
        ]
        # The search's insiders: owners of the dirty filings, and those a reparse took off a filing.
        before_owners = [
            "DROP TABLE IF EXISTS _dirty_owners",
            "CREATE TEMPORARY TABLE _dirty_owners AS SELECT DISTINCT LTRIM(o.rpt_owner_cik, '0') "
            "AS owner_key FROM owners o WHERE o.filing_key IN (SELECT filing_key FROM holdings_dirty) "
            "AND o.rpt_owner_cik IS NOT NULL UNION SELECT owner_key FROM owners_dirty",
            "DELETE FROM owner_names WHERE owner_key IN (SELECT owner_key FROM _dirty_owners)",
        ]
        after_issuers = ["DROP TABLE _dirty_issuers"]
        after_owners = ["DROP TABLE _dirty_owners"]
    f_where = f" WHERE {issuer_where}"
    clusters = _clusters_sql(
        True, f_where, ["t.transaction_code = 'P'", "t.transaction_date IS NOT NULL"], window
    )
    return [
        *before_issuers,
        f"INSERT INTO issuer_activity (issuer_key, {', '.join(_NET_OUT)}) "
        + _net_sql(True, f_where, ["t.transaction_code IN ('P', 'S')"]),
        f"INSERT INTO purchase_clusters (issuer_key, {', '.join(_CLUSTER_OUT)}) {clusters}",
        "INSERT INTO issuer_names (issuer_key, issuer_name, ticker, filings) "
        "SELECT f.issuer_key, f.issuer_name, f.ticker, COUNT(*) FROM filings f "
        f"WHERE f.issuer_cik IS NOT NULL AND {issuer_where} "
        "GROUP BY f.issuer_key, f.issuer_name, f.ticker",
        *after_issuers,
        "DELETE FROM issuers_dirty",
        *before_owners,
        "INSERT INTO owner_names (owner_key, rpt_owner_name, owners) "
        "SELECT LTRIM(o.rpt_owner_cik, '0'), o.rpt_owner_name, COUNT(*) FROM owners o "
        f"WHERE o.rpt_owner_cik IS NOT NULL {owner_where}"
        "GROUP BY LTRIM(o.rpt_owner_cik, '0'), o.rpt_owner_name",
        *after_owners,
        "DELETE FROM owners_dirty",
    ]


# The summaries kept per issuer, which the partial refresh deletes for the dirty issuers first.
_ISSUER_SUMMARIES = ("issuer_activity", "purchase_clusters", "issuer_names")
