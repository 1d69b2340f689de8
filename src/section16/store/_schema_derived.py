"""The store's derived tables: summaries that the reports read instead of scanning every row
(:data:`LATEST_HOLDINGS`, :data:`ISSUER_ACTIVITY`, :data:`PURCHASE_CLUSTERS`, the search's
:data:`ISSUER_NAMES` and :data:`OWNER_NAMES`, the screener's :data:`INSIDER_TRADES` and the late
filings' :data:`LATE_FILINGS`, each with the SQL that fills it), and the queues of what must be
computed again (:data:`HOLDINGS_DIRTY`, :data:`ISSUERS_DIRTY`, :data:`OWNERS_DIRTY`). The store keeps
them up to date for the filings written or linked since its last refresh; each table's description says
what it holds.
"""

from __future__ import annotations

from section16.store._schema_columns import KEY, ROW, ColumnType, Table, col

__all__ = [
    "DERIVED_TABLES",
    "HOLDINGS_DIRTY",
    "INSIDER_TRADES",
    "INSIDER_TRADES_SQL",
    "ISSUERS_DIRTY",
    "ISSUER_ACTIVITY",
    "ISSUER_NAMES",
    "LATEST_HOLDINGS",
    "LATE_FILINGS",
    "LATE_FILINGS_SQL",
    "LATE_ROWS_SQL",
    "LATE_RULE",
    "OWNERS_DIRTY",
    "OWNER_NAMES",
    "PURCHASE_CLUSTERS",
]

T = ColumnType

LATEST_HOLDINGS = Table(
    name="latest_holdings",
    doc=(
        "Derived: the latest reported holding per issuer, owner group, table, security, D/I and nature "
        "in the amended state, as the holdings report ranks them (section16.store.queries), kept by the "
        "store for the groups of the filings in holdings_dirty."
    ),
    columns=(
        col("group_key", T.TEXT, "issuer (CIK, else ticker) and owner group (owner CIKs, else filing key)"),
        col("tbl", T.TEXT, "I (Table I) or II"),
        KEY,
        ROW,
        col("security_title", T.TEXT),
        col("ownership", T.TEXT, "D or I"),
        col("nature_of_ownership", T.TEXT),
        col("shares", T.DECIMAL, "shares owned following the row"),
        col("filing_date", T.DATE),
        col("ticker", T.TEXT, "upper-cased, trimmed"),
        col("issuer_name", T.TEXT),
        col("issuer_cik", T.TEXT),
        col("insider", T.TEXT, "the filing's owners' names in filed order, '; '-separated"),
        col("insider_cik", T.TEXT, "the first owner's CIK"),
        col("roles", T.TEXT, "the owners' roles, comma-separated"),
    ),
)
HOLDINGS_DIRTY = Table(
    name="holdings_dirty",
    doc="Derived: filings written or linked since latest_holdings was last brought up to date.",
    columns=(KEY,),
)
ISSUERS_DIRTY = Table(
    name="issuers_dirty",
    doc=(
        "Derived: issuers (filings.issuer_key) whose summaries must be computed again although none of "
        "their stored filings is in holdings_dirty (a reparse that moved a filing to another issuer)."
    ),
    columns=(col("issuer_key", T.TEXT),),
)
ISSUER_ACTIVITY = Table(
    name="issuer_activity",
    doc=(
        "Derived: the net-activity report per issuer over every open-market row (P and S in Table I) "
        "of the amended state, kept by the store for the issuers of the filings written or linked since "
        "(section16.store.queries.net_activity_query reads it when no filter picks rows)."
    ),
    columns=(
        col("issuer_key", T.TEXT, "filings.issuer_key"),
        col("ticker", T.TEXT),
        col("issuer_name", T.TEXT),
        col("issuer_cik", T.TEXT),
        col("buyers", T.BIGINT, "distinct owner groups with a purchase"),
        col("sellers", T.BIGINT, "distinct owner groups with a sale"),
        col("purchases", T.BIGINT),
        col("sales", T.BIGINT),
        col("bought_value", T.DECIMAL),
        col("sold_value", T.DECIMAL),
        col("net_value", T.DECIMAL),
        col("trades", T.BIGINT),
    ),
)
PURCHASE_CLUSTERS = Table(
    name="purchase_clusters",
    doc=(
        "Derived: the cluster-buys report's clusters per issuer for the default window "
        "(section16.store.queries.STORED_CLUSTER_WINDOW days), every cluster whatever its insiders, "
        "kept by the store for the issuers of the filings written or linked since."
    ),
    columns=(
        col("issuer_key", T.TEXT, "filings.issuer_key"),
        col("ticker", T.TEXT),
        col("issuer_name", T.TEXT),
        col("issuer_cik", T.TEXT),
        col("first_trade_date", T.DATE),
        col("last_trade_date", T.DATE),
        col("insiders", T.BIGINT, "distinct owner groups"),
        col("filings", T.BIGINT),
        col("trades", T.BIGINT),
        col("shares", T.DECIMAL),
        col("total_value", T.DECIMAL),
    ),
)
ISSUER_NAMES = Table(
    name="issuer_names",
    doc=(
        "Derived: per issuer CIK (without leading zeros), issuer name and ticker as filed, how many "
        "stored filings (current or not) carry them; the search's issuers, kept with issuer_activity."
    ),
    columns=(
        col("issuer_key", T.TEXT, "filings.issuer_key: the CIK without leading zeros"),
        col("issuer_name", T.TEXT),
        col("ticker", T.TEXT, "filings.ticker"),
        col("filings", T.BIGINT),
    ),
)
OWNERS_DIRTY = Table(
    name="owners_dirty",
    doc=(
        "Derived: reporting owners (CIK without leading zeros) whose owner_names rows must be counted "
        "again although none of their stored filings is in holdings_dirty (a reparse)."
    ),
    columns=(col("owner_key", T.TEXT),),
)
OWNER_NAMES = Table(
    name="owner_names",
    doc=(
        "Derived: per reporting owner CIK (without leading zeros) and name as filed, how many owner "
        "rows (stored filings, current or not) carry them; the search's insiders."
    ),
    columns=(
        col("owner_key", T.TEXT, "owners.rpt_owner_cik without leading zeros"),
        col("rpt_owner_name", T.TEXT),
        col("owners", T.BIGINT),
    ),
)
INSIDER_TRADES = Table(
    name="insider_trades",
    doc=(
        "Derived: every transaction row (Table I and II) once per reporting owner of its filing, with "
        "that owner's name, CIK and roles, as the screener shows the row; stored sorted by owner name "
        "and CIK at each refresh, so one insider's rows are read without scanning every row. Kept by the "
        "store for the filings in holdings_dirty (section16.store.queries_trades.insider_rows_query)."
    ),
    columns=(
        col("name_key", T.TEXT, "LOWER(owners.rpt_owner_name)"),
        col("owner_key", T.TEXT, "owners.rpt_owner_cik without leading zeros"),
        col("owner_roles", T.TEXT, "owners.roles"),
        col("tbl", T.TEXT, "I (Table I) or II"),
        KEY,
        ROW,
        col("security_title", T.TEXT),
        col("trade_date", T.DATE, "transaction_date"),
        col("code", T.TEXT, "transaction_code"),
        col("equity_swap_involved", T.BOOLEAN),
        col("trade_type", T.TEXT),
        col("price", T.DECIMAL, "transaction_price_per_share"),
        col("shares", T.DECIMAL, "transaction_shares, negative for D"),
        col("owned_after", T.DECIMAL, "shares_owned_following_transaction"),
        col("ownership_change_pct", T.DECIMAL),
        col("ownership_change_new", T.BOOLEAN),
        col("value", T.DECIMAL, "transaction_value"),
        col("direct_or_indirect_ownership", T.TEXT),
        col("filing_date", T.DATE),
        # The filing's columns a trade shows (they change only when the filing is written again).
        col("ticker", T.TEXT, "filings.ticker"),
        col("issuer_name", T.TEXT),
        col("aff10b5_one", T.BOOLEAN),
        col("document_type", T.TEXT),
        col("filing_delay_days", T.INTEGER),
        col("insider", T.TEXT, "filings.insider: every owner of the filing"),
        col("insider_cik", T.TEXT, "filings.insider_cik"),
        col("insider_roles", T.TEXT, "filings.insider_roles"),
        col("is_current", T.BOOLEAN, "filings.is_current (every change of it marks the filing dirty)"),
    ),
)
LATE_FILINGS = Table(
    name="late_filings",
    doc=(
        "Derived: the filings validation found filed after their due date (findings of rule "
        "deadlines.late), with the columns of the filing the late-filings report shows; kept by the "
        "store for the filings in holdings_dirty, and rebuilt when `section16 validate --db` replaces "
        "the findings."
    ),
    columns=(
        KEY,
        col("severity", T.TEXT, "error (measured from EDGAR's acceptance time) or warning (signature date)"),
        col("message", T.TEXT, "the finding's message: when the form was due and why"),
        col("filing_date", T.DATE),
        col("ticker", T.TEXT, "filings.ticker"),
        col("issuer_key", T.TEXT, "filings.issuer_key"),
        col("issuer_cik", T.TEXT),
        col("issuer_name", T.TEXT),
        col("insider", T.TEXT, "filings.insider: every owner of the filing"),
        col("insider_cik", T.TEXT, "filings.insider_cik"),
        col("roles", T.TEXT, "filings.insider_roles"),
        col("owner_ciks", T.TEXT, "filings.owner_ciks: the insider as a group"),
        col("document_type", T.TEXT),
        col("start_date", T.DATE, "the earliest transaction date, else the period of report"),
        col("days_to_file", T.INTEGER, "calendar days from start_date to filing_date"),
        col("accession_number", T.TEXT),
    ),
)
DERIVED_TABLES: tuple[Table, ...] = (
    LATEST_HOLDINGS,
    HOLDINGS_DIRTY,
    ISSUERS_DIRTY,
    ISSUER_ACTIVITY,
    PURCHASE_CLUSTERS,
    ISSUER_NAMES,
    OWNERS_DIRTY,
    OWNER_NAMES,
    INSIDER_TRADES,
    LATE_FILINGS,
)

# The rows of ``insider_trades`` for the filings that ``{where}`` (a condition on ``x.filing_key``)
# picks, with the columns of their filing that a trade shows, in the table's order: by owner name and
# CIK, so that one insider's rows lie together (DuckDB reads only the row groups whose min/max can hold
# them, and the names compress into few dictionary entries per segment).
_INSIDER_ROW = (
    "t.filing_key, t.row_index, t.security_title, t.transaction_date, t.transaction_code, "
    "t.equity_swap_involved, t.trade_type, t.transaction_price_per_share, "
    "CASE WHEN t.transaction_acquired_disposed_code = 'D' THEN -t.transaction_shares "
    "ELSE t.transaction_shares END, t.shares_owned_following_transaction, t.ownership_change_pct, "
    "t.ownership_change_new, t.transaction_value, t.direct_or_indirect_ownership, t.filing_date"
)
INSIDER_TRADES_SQL = (
    "SELECT LOWER(o.rpt_owner_name), LTRIM(o.rpt_owner_cik, '0'), o.roles, x.*, f.ticker, "
    "f.issuer_name, f.aff10b5_one, f.document_type, f.filing_delay_days, f.insider, f.insider_cik, "
    "f.insider_roles, f.is_current FROM ("
    f"SELECT 'I' AS tbl, {_INSIDER_ROW} FROM non_derivative_transactions t UNION ALL "
    f"SELECT 'II' AS tbl, {_INSIDER_ROW} FROM derivative_transactions t) x "
    "JOIN owners o ON o.filing_key = x.filing_key JOIN filings f ON f.filing_key = x.filing_key{where} "
    "ORDER BY 1 NULLS LAST, 2 NULLS LAST, x.filing_key, x.tbl, x.row_index"
)

# The rows of ``late_filings`` for the filings that ``{keys}`` (a subquery of filing keys, or ``filings``
# for every one) names: the worst finding of rule deadlines.late of each (the rule gives one a filing),
# with the columns of its filing. The clock of ``days_to_file`` starts at the earliest transaction, else
# at the period of report (a Form 3's event).
_START = "COALESCE(f.earliest_transaction_date, f.period_of_report)"
LATE_RULE = "deadlines.late"
"""The validation rule whose findings say a filing was filed after its due date."""
LATE_ROWS_SQL = (
    "SELECT f.filing_key, g.severity, g.message, f.filing_date, f.ticker, f.issuer_key, f.issuer_cik, "
    "f.issuer_name, f.insider, f.insider_cik, f.insider_roles AS roles, f.owner_ciks, f.document_type, "
    f"{_START} AS start_date, f.filing_date - {_START} AS days_to_file, f.accession_number "
    "FROM filings f JOIN ("
    "SELECT filing_key, severity, message FROM (SELECT filing_key, severity, message, ROW_NUMBER() OVER "
    "(PARTITION BY filing_key ORDER BY severity, finding_index) AS n FROM findings "
    f"WHERE rule_id = '{LATE_RULE}' AND filing_key IN ({{keys}})) x WHERE n = 1"
    ") g ON g.filing_key = f.filing_key"
)
LATE_FILINGS_SQL = f"INSERT INTO late_filings ({', '.join(LATE_FILINGS.column_names)}) {LATE_ROWS_SQL}"
