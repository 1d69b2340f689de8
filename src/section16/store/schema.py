"""The tables of a section16 store, described once and rendered as SQL for each dialect (DuckDB,
PostgreSQL).

Tables follow the model (``section16.model``) and name columns as the model names fields, which are the
XML's names in snake_case. Every filing is keyed by ``filing_key``: its accession number where known,
else ``"sha256:" + the SHA-256 of its bytes`` (a bare XML file not named by accession). Child tables
carry ``filing_key`` and the 0-based index of the row in its table as filed.

A leaf the schema lets carry footnotes is two columns: its value and ``<name>_fn``, the footnote ids
attached to exactly that value, comma-separated (``"F1,F3"``) as in the SEC's Insider Transactions Data
Sets (spec.md section 7). A leaf that is absent, or present but empty, is NULL (with ``_fn`` NULL when no
footnote is attached).

Derived columns (spec.md section 8) are computed at ingest by ``section16.store.derive`` and say so in
their description: ``transaction_value``, ``shares_owned_before``, ``ownership_change_pct``,
``ownership_change_new``, ``open_market``, ``trade_type``, ``roles``, ``filing_delay_days``.

``current_*`` views show the amended state: a filing that a later amendment amends
(``filings.amends_accession``, which holds the original's ``filing_key``) is left out of them, and the
amendment shown instead; the original stays in the tables. ``filings.is_current`` records it, kept by
the store whenever filings are written or linked.

The descriptions live by concern: how a column and a table are described and rendered
(``_schema_columns``), the tables of the model (``_schema_tables``) and the derived summary tables with
their fill SQL (``_schema_derived``); here the schema version, the views, the statements that keep the
amended state, upgrade an older store and create everything, and every public name in one import.
"""

from __future__ import annotations

from section16.store._schema_columns import (
    DECIMAL_PRECISION,
    DECIMAL_SCALE,
    SQL_TYPES,
    Column,
    ColumnType,
    Dialect,
    Table,
)
from section16.store._schema_derived import (
    DERIVED_TABLES,
    HOLDINGS_DIRTY,
    INSIDER_TRADES,
    INSIDER_TRADES_SQL,
    ISSUER_ACTIVITY,
    ISSUER_NAMES,
    ISSUERS_DIRTY,
    LATE_FILINGS,
    LATE_FILINGS_SQL,
    LATE_ROWS_SQL,
    LATE_RULE,
    LATEST_HOLDINGS,
    OWNER_NAMES,
    OWNERS_DIRTY,
    PURCHASE_CLUSTERS,
)
from section16.store._schema_tables import (
    CHILD_TABLES,
    DERIVATIVE_HOLDINGS,
    DERIVATIVE_TRANSACTIONS,
    FILINGS,
    FINDINGS,
    FOOTNOTES,
    META,
    NON_DERIVATIVE_HOLDINGS,
    NON_DERIVATIVE_TRANSACTIONS,
    OWNERS,
    RAW_DOCUMENTS,
    SIGNATURES,
    TABLES,
    UNPARSED,
)

__all__ = [
    "ADDED_COLUMNS",
    "CHILD_TABLES",
    "DECIMAL_PRECISION",
    "DECIMAL_SCALE",
    "DERIVATIVE_HOLDINGS",
    "DERIVATIVE_TRANSACTIONS",
    "DERIVED_TABLES",
    "FILINGS",
    "FILL_ADDED_STATEMENTS",
    "FINDINGS",
    "FOOTNOTES",
    "HOLDINGS_DIRTY",
    "INSIDER_TRADES",
    "INSIDER_TRADES_SQL",
    "ISSUERS_DIRTY",
    "ISSUER_ACTIVITY",
    "ISSUER_KEY_SQL",
    "ISSUER_NAMES",
    "LATEST_HOLDINGS",
    "LATE_FILINGS",
    "LATE_FILINGS_SQL",
    "LATE_ROWS_SQL",
    "LATE_RULE",
    "META",
    "NON_DERIVATIVE_HOLDINGS",
    "NON_DERIVATIVE_TRANSACTIONS",
    "OWNERS",
    "OWNERS_DIRTY",
    "OWNER_NAMES",
    "PURCHASE_CLUSTERS",
    "RAW_DOCUMENTS",
    "REFRESH_CURRENT_SQL",
    "REFRESH_ROWS_CURRENT_SQL",
    "SCHEMA_VERSION",
    "SIGNATURES",
    "TABLES",
    "UNPARSED",
    "VIEWS",
    "Column",
    "ColumnType",
    "Dialect",
    "Table",
    "create_statements",
    "fill_statements",
    "table",
]

SCHEMA_VERSION = "9"


def table(name: str) -> Table:
    """The table called ``name``; KeyError when there is none."""
    for t in TABLES:
        if t.name == name:
            return t
    raise KeyError(name)


# The amended state: a filing is current unless a later filing amends it. ``filings.is_current`` holds
# that, kept by the store (:data:`REFRESH_CURRENT_SQL`), so the views filter on a column instead of
# checking every row against every amendment. A child row's filing is looked up among the few filings
# that are not current (an anti-join with a small build side).
_CURRENT_FILINGS = "SELECT f.* FROM filings f WHERE f.is_current IS NOT FALSE"
VIEWS: dict[str, str] = {
    "current_filings": _CURRENT_FILINGS,
    **{
        f"current_{t.name}": (
            f"SELECT r.* FROM {t.name} r WHERE NOT EXISTS "
            f"(SELECT 1 FROM filings a WHERE a.filing_key = r.filing_key AND a.is_current = FALSE)"
        )
        for t in CHILD_TABLES
    },
}

# Whether each filing of ``{keys}`` (a subquery of filing keys) is current: no filing amends it.
REFRESH_CURRENT_SQL = (
    "UPDATE filings SET is_current = NOT EXISTS "
    "(SELECT 1 FROM filings a WHERE a.amends_accession = filings.filing_key) "
    "WHERE filing_key IN ({keys})"
)
# Then the same on the transaction rows of those filings (run after REFRESH_CURRENT_SQL).
REFRESH_ROWS_CURRENT_SQL: tuple[str, ...] = tuple(
    f"UPDATE {name} SET is_current = f.is_current FROM filings f WHERE f.filing_key = {name}.filing_key "
    f"AND {name}.filing_key IN ({{keys}}) AND {name}.is_current IS DISTINCT FROM f.is_current"
    for name in ("non_derivative_transactions", "derivative_transactions")
)

# The issuer key of a filing row ``f`` (filings.issuer_key): what the reports group by and look issuers
# up by. Filers write "0000320193" and "320193" for the same CIK; a filing without a CIK (the XSD requires
# one) falls back to its ticker.
ISSUER_KEY_SQL = "COALESCE(LTRIM({f}.issuer_cik, '0'), UPPER(TRIM({f}.issuer_trading_symbol)), '')"

# Columns added after schema version 1, and how rows stored before them get their values: run once on
# opening a store whose recorded schema version is older (each statement only touches rows still NULL).
ADDED_COLUMNS: tuple[tuple[str, str], ...] = (
    ("filings", "filing_date"),
    ("filings", "is_current"),
    ("filings", "insider"),
    ("filings", "insider_cik"),
    ("filings", "insider_roles"),
    ("filings", "issuer_key"),
    ("filings", "ticker"),
    ("non_derivative_transactions", "filing_date"),
    ("derivative_transactions", "filing_date"),
    ("non_derivative_transactions", "is_current"),
    ("derivative_transactions", "is_current"),
)
# (schema version that introduced it, statement): a store of an older version runs the statement once.
FILL_ADDED_STATEMENTS: tuple[tuple[int, str], ...] = (
    (
        2,
        "UPDATE filings SET filing_date = COALESCE(filed_date, CAST(acceptance_datetime AS DATE), "
        "(SELECT MAX(s.signature_date) FROM signatures s WHERE s.filing_key = filings.filing_key)), "
        "is_current = NOT EXISTS (SELECT 1 FROM filings a WHERE a.amends_accession = filings.filing_key) "
        "WHERE is_current IS NULL",
    ),
    *(
        (
            3,
            f"UPDATE {name} SET filing_date = f.filing_date FROM filings f "
            f"WHERE f.filing_key = {name}.filing_key AND {name}.filing_date IS NULL "
            "AND f.filing_date IS NOT NULL",
        )
        for name in ("non_derivative_transactions", "derivative_transactions")
    ),
    (
        5,
        "UPDATE filings SET insider = o.insider, insider_cik = o.insider_cik, insider_roles = o.roles "
        "FROM (SELECT filing_key, "
        "string_agg(COALESCE(rpt_owner_name, ''), '; ' ORDER BY owner_index) AS insider, "
        "MIN(CASE WHEN owner_index = 0 THEN rpt_owner_cik END) AS insider_cik, "
        "string_agg(roles, ',' ORDER BY owner_index) AS roles FROM owners GROUP BY filing_key) o "
        "WHERE o.filing_key = filings.filing_key AND filings.insider IS NULL",
    ),
    (
        6,
        f"UPDATE filings SET issuer_key = {ISSUER_KEY_SQL.format(f='filings')}, "
        "ticker = UPPER(TRIM(issuer_trading_symbol)) WHERE issuer_key IS NULL",
    ),
    # latest_holdings is built for every filing by the next refresh (Store.refresh_holdings); version 5
    # added the owners it carries.
    (5, "INSERT INTO holdings_dirty SELECT filing_key FROM filings"),
    # issuer_activity and purchase_clusters: every issuer, by the next refresh.
    (6, "INSERT INTO issuers_dirty SELECT DISTINCT issuer_key FROM filings"),
    (
        6,
        "INSERT INTO owners_dirty SELECT DISTINCT LTRIM(rpt_owner_cik, '0') FROM owners "
        "WHERE rpt_owner_cik IS NOT NULL",
    ),
    # The rows of superseded filings (rows stored before version 8 hold NULL: not superseded).
    *(
        (
            8,
            f"UPDATE {name} SET is_current = FALSE WHERE filing_key IN "
            "(SELECT filing_key FROM filings WHERE is_current = FALSE)",
        )
        for name in ("non_derivative_transactions", "derivative_transactions")
    ),
    # insider_trades: every stored row at once, sorted (the refresh adds the rows of later filings).
    (7, "INSERT INTO insider_trades " + INSIDER_TRADES_SQL.format(where="")),
    # late_filings: every late filing found so far (the refresh adds those of later filings).
    (9, LATE_FILINGS_SQL.format(keys="SELECT filing_key FROM filings")),
)


def fill_statements(stored_version: str) -> list[str]:
    """The statements that bring a store whose recorded schema version is ``stored_version`` up to
    :data:`SCHEMA_VERSION` (all of them when the recorded version is not a number)."""
    try:
        stored = int(stored_version)
    except ValueError:
        stored = 0
    return [sql for since, sql in FILL_ADDED_STATEMENTS if stored < since]


_INDEXES: tuple[tuple[str, str, str], ...] = (
    ("filings_accession", "filings", "accession_number"),
    ("filings_sha256", "filings", "sha256"),
    ("filings_issuer", "filings", "issuer_cik"),
    ("filings_amends", "filings", "amends_accession"),
    ("latest_holdings_group", "latest_holdings", "group_key"),
    ("latest_holdings_key", "latest_holdings", "filing_key"),
    ("filings_issuer_key", "filings", "issuer_key"),
    ("filings_ticker", "filings", "ticker"),
    ("issuer_activity_key", "issuer_activity", "issuer_key"),
    ("purchase_clusters_key", "purchase_clusters", "issuer_key"),
    ("issuer_names_key", "issuer_names", "issuer_key"),
    ("owner_names_key", "owner_names", "owner_key"),
    ("insider_trades_owner", "insider_trades", "owner_key"),
    ("insider_trades_key", "insider_trades", "filing_key"),
    ("late_filings_key", "late_filings", "filing_key"),
)


def create_statements(dialect: Dialect, *, new: bool = False) -> list[str]:
    """Every statement that creates the store's tables, indexes and views in ``dialect``; each is
    idempotent (``IF NOT EXISTS`` / ``OR REPLACE``). ``new``: the store holds no table yet, so the
    columns added since version 1 are not added again (each ``CREATE TABLE`` has them)."""
    statements = [t.create_sql(dialect) for t in (*TABLES, *DERIVED_TABLES)]
    types = SQL_TYPES[dialect]
    for table_name, column_name in () if new else ADDED_COLUMNS:
        column = next(c for c in table(table_name).columns if c.name == column_name)
        statements.append(
            f"ALTER TABLE {table_name} ADD COLUMN IF NOT EXISTS {column_name} {types[column.type]}"
        )
    if dialect == "postgres":
        # Rows are read by filing; DuckDB's zone maps serve that without an index (an ART index would
        # slow its bulk loads, and DuckDB rewrites an UPDATE of an indexed column as delete + insert),
        # PostgreSQL needs them.
        statements.extend(
            f"CREATE INDEX IF NOT EXISTS {t.name}_key ON {t.name} (filing_key)" for t in CHILD_TABLES
        )
        statements.extend(f"CREATE INDEX IF NOT EXISTS {n} ON {t} ({c})" for n, t, c in _INDEXES)
    statements.extend(f"CREATE OR REPLACE VIEW {name} AS {sql}" for name, sql in VIEWS.items())
    return statements
