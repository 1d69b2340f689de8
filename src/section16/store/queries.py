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

The SQL is split by report: :mod:`section16.store.queries_trades` (the screener),
:mod:`section16.store.queries_issuers` (cluster buys, holdings, insiders, net activity and the stored
summaries), :mod:`section16.store.queries_late` (late filings, from the validation findings), over the
shared pieces of :mod:`section16.store._query_parts`; this module gathers them (the names others import
from it) and holds the PostgreSQL report indexes and the read-only SQL runner.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from section16.errors import QueryError
from section16.store._query_parts import MAX_BOUND_KEYS, Query
from section16.store.queries_issuers import (
    CLUSTER_SORTS,
    HOLDINGS_SORTS,
    NET_ACTIVITY_SORTS,
    STORED_CLUSTER_WINDOW,
    ClusterFilter,
    HoldingsFilter,
    InsidersFilter,
    NetActivityFilter,
    cluster_buys_query,
    clusters_from_stored,
    holdings_from_latest,
    holdings_query,
    holdings_refresh_statements,
    insiders_query,
    issuer_refresh_statements,
    net_activity_from_stored,
    net_activity_query,
)
from section16.store.queries_late import (
    LATE_GROUPS,
    LATE_RULE,
    LATE_SORTS,
    LateFilter,
    late_query,
    late_rebuild_statements,
    late_refresh_statements,
)
from section16.store.queries_trades import (
    FINDING_LEVELS,
    TRADE_COLUMNS,
    TRADE_FILING_COLUMNS,
    TRADE_ROW_COLUMNS,
    TRADE_SORTS,
    TradeFilter,
    filing_keys_query,
    insider_refresh_statements,
    insider_rows_from_stored,
    insider_rows_query,
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
    "LATE_RULE",
    "LATE_SORTS",
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
    "LateFilter",
    "NetActivityFilter",
    "Query",
    "TradeFilter",
    "cluster_buys_query",
    "clusters_from_stored",
    "filing_keys_query",
    "holdings_from_latest",
    "holdings_query",
    "holdings_refresh_statements",
    "insider_refresh_statements",
    "insider_rows_from_stored",
    "insider_rows_query",
    "insiders_query",
    "issuer_refresh_statements",
    "late_query",
    "late_rebuild_statements",
    "late_refresh_statements",
    "net_activity_from_stored",
    "net_activity_query",
    "read_only_sql",
    "report_index_statements",
    "trade_bound_query",
    "trade_filings_query",
    "trade_rows_query",
    "trades_query",
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
    # The screener sorts newest or largest first with NULLS LAST, an order an ascending index read
    # backwards does not give (NULLS FIRST): without these PostgreSQL scanned and sorted every row for
    # the latest 100 trades (150-250 ms on 1.7M rows; 2 ms with them).
    ("rpt_ndt_filing_date_desc", "non_derivative_transactions", "(filing_date DESC NULLS LAST)"),
    ("rpt_dt_filing_date_desc", "derivative_transactions", "(filing_date DESC NULLS LAST)"),
    ("rpt_ndt_date_desc", "non_derivative_transactions", "(transaction_date DESC NULLS LAST)"),
    ("rpt_dt_date_desc", "derivative_transactions", "(transaction_date DESC NULLS LAST)"),
    ("rpt_ndt_value_desc", "non_derivative_transactions", "(transaction_value DESC NULLS LAST)"),
)

# Trigram indexes for the searches by part of a name (``LIKE '%...%'``), which a btree cannot serve:
# one insider's trades by name read 245 ms on 1.7M rows without, 12 ms with. They need the pg_trgm
# extension (in PostgreSQL's contrib, trusted since version 13); where it cannot be created, the
# searches scan as before.
TRIGRAM_INDEXES: tuple[tuple[str, str, str], ...] = (
    ("rpt_insider_trades_name", "insider_trades", "name_key"),
    ("rpt_owners_name", "owners", "LOWER(rpt_owner_name)"),
    ("rpt_owner_names_name", "owner_names", "LOWER(rpt_owner_name)"),
    ("rpt_issuer_names_name", "issuer_names", "LOWER(issuer_name)"),
)


def report_index_statements(dialect: Dialect) -> list[str]:
    """``CREATE INDEX IF NOT EXISTS`` for :data:`REPORT_INDEXES` and, where the pg_trgm extension can be
    created, :data:`TRIGRAM_INDEXES` (PostgreSQL only; none for DuckDB)."""
    if dialect != "postgres":
        return []
    statements = [f"CREATE INDEX IF NOT EXISTS {n} ON {t} {e}" for n, t, e in REPORT_INDEXES]
    # (No percent sign in these blocks: the store binds parameters with psycopg's %s.)
    statements.append(
        "DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; "
        "EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'pg_trgm cannot be created here'; END $$"
    )
    statements += [
        "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN "
        f"CREATE INDEX IF NOT EXISTS {n} ON {t} USING gin (({e}) gin_trgm_ops); END IF; END $$"
        for n, t, e in TRIGRAM_INDEXES
    ]
    return statements


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
