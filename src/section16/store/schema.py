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
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

__all__ = [
    "ADDED_COLUMNS",
    "CHILD_TABLES",
    "DERIVED_TABLES",
    "FILL_ADDED_STATEMENTS",
    "HOLDINGS_DIRTY",
    "INSIDER_TRADES",
    "INSIDER_TRADES_SQL",
    "ISSUERS_DIRTY",
    "ISSUER_ACTIVITY",
    "ISSUER_KEY_SQL",
    "ISSUER_NAMES",
    "LATEST_HOLDINGS",
    "OWNERS_DIRTY",
    "OWNER_NAMES",
    "PURCHASE_CLUSTERS",
    "REFRESH_CURRENT_SQL",
    "REFRESH_ROWS_CURRENT_SQL",
    "SCHEMA_VERSION",
    "TABLES",
    "VIEWS",
    "Column",
    "ColumnType",
    "Dialect",
    "Table",
    "create_statements",
    "fill_statements",
    "table",
]

SCHEMA_VERSION = "8"
Dialect = Literal["duckdb", "postgres"]

# Decimal precision: 38 digits with 10 after the point holds any share count, price or value filed
# (the XSD allows 4 fraction digits; real filings carry more) and a derived value shares x price.
DECIMAL_PRECISION = 38
DECIMAL_SCALE = 10


class ColumnType(StrEnum):
    """A column's logical type; :data:`_SQL_TYPES` says what it is in each dialect."""

    TEXT = "text"
    INTEGER = "integer"
    BIGINT = "bigint"
    DECIMAL = "decimal"
    DATE = "date"
    TIMESTAMP = "timestamp"
    BOOLEAN = "boolean"
    BLOB = "blob"


_SQL_TYPES: dict[Dialect, dict[ColumnType, str]] = {
    "duckdb": {
        ColumnType.TEXT: "VARCHAR",
        ColumnType.INTEGER: "INTEGER",
        ColumnType.BIGINT: "BIGINT",
        ColumnType.DECIMAL: f"DECIMAL({DECIMAL_PRECISION},{DECIMAL_SCALE})",
        ColumnType.DATE: "DATE",
        ColumnType.TIMESTAMP: "TIMESTAMP",
        ColumnType.BOOLEAN: "BOOLEAN",
        ColumnType.BLOB: "BLOB",
    },
    "postgres": {
        ColumnType.TEXT: "TEXT",
        ColumnType.INTEGER: "INTEGER",
        ColumnType.BIGINT: "BIGINT",
        ColumnType.DECIMAL: f"NUMERIC({DECIMAL_PRECISION},{DECIMAL_SCALE})",
        ColumnType.DATE: "DATE",
        ColumnType.TIMESTAMP: "TIMESTAMP",
        ColumnType.BOOLEAN: "BOOLEAN",
        ColumnType.BLOB: "BYTEA",
    },
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    """One column: name, logical type, whether it may be NULL, and what it holds."""

    name: str
    type: ColumnType
    nullable: bool = True
    doc: str = ""
    duckdb_compression: str | None = None
    """DuckDB only: the one compression its checkpoints use for this column (``USING COMPRESSION``)
    instead of trying each."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    """One table: its columns in order and its primary key (empty for row tables, which are bulk
    loaded and keyed by ``(filing_key, row_index)`` by construction, not by an index)."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    doc: str = ""

    @property
    def column_names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)

    def create_sql(self, dialect: Dialect) -> str:
        """``CREATE TABLE IF NOT EXISTS`` for this table in ``dialect``."""
        types = _SQL_TYPES[dialect]
        lines = [
            f"    {c.name} {types[c.type]}{'' if c.nullable else ' NOT NULL'}"
            + (
                f" USING COMPRESSION {c.duckdb_compression}"
                if dialect == "duckdb" and c.duckdb_compression
                else ""
            )
            for c in self.columns
        ]
        if self.primary_key:
            lines.append(f"    PRIMARY KEY ({', '.join(self.primary_key)})")
        body = ",\n".join(lines)
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n{body}\n)"


T = ColumnType


def _c(name: str, type_: ColumnType, doc: str = "", *, nullable: bool = True) -> Column:
    return Column(name=name, type=type_, nullable=nullable, doc=doc)


def _leaf(name: str, type_: ColumnType, doc: str = "") -> tuple[Column, Column]:
    """A footnotable leaf: its value and its footnote ids (``<name>_fn``)."""
    return (
        _c(name, type_, doc),
        _c(f"{name}_fn", T.TEXT, f"footnote ids attached to {name}, comma-separated"),
    )


_KEY = _c("filing_key", T.TEXT, "accession number, else 'sha256:<hex>'", nullable=False)
_ROW = _c("row_index", T.INTEGER, "0-based position of the row in its table as filed", nullable=False)

FILINGS = Table(
    name="filings",
    doc="One row per filing: the ownership document's top-level facts, the header's, and the source.",
    primary_key=("filing_key",),
    columns=(
        _KEY,
        _c("accession_number", T.TEXT, "from the submission header, else from the file name"),
        _c("sha256", T.TEXT, "SHA-256 of the source bytes; raw_documents.sha256", nullable=False),
        _c("source_format", T.TEXT, "SourceFormat value: ownership-xml, submission-text, ..."),
        _c("source_name", T.TEXT, "file name (or archive member) the filing was read from"),
        _c("source_size", T.BIGINT, "size of the source bytes"),
        _c("document_filename", T.TEXT, "the ownership XML's <FILENAME> inside a submission"),
        _c("reader_notes", T.TEXT, "what the reader worked around, one note per line"),
        _c("has_document", T.BOOLEAN, "false when the source held no ownership document"),
        _c("schema_version", T.TEXT),
        _c("document_type", T.TEXT, "3, 3/A, 4, 4/A, 5, 5/A"),
        _c("form", T.INTEGER, "3, 4 or 5, amendment or not"),
        _c("is_amendment", T.BOOLEAN),
        _c("period_of_report", T.DATE),
        _c("date_of_original_submission", T.DATE),
        _c("no_securities_owned", T.BOOLEAN),
        _c("not_subject_to_section16", T.BOOLEAN),
        _c("form3_holdings_reported", T.BOOLEAN),
        _c("form4_transactions_reported", T.BOOLEAN),
        _c("aff10b5_one", T.BOOLEAN),
        _c("issuer_cik", T.TEXT),
        _c("issuer_name", T.TEXT),
        _c("issuer_trading_symbol", T.TEXT),
        _c("issuer_foreign_trading_symbol", T.TEXT),
        _c("remarks", T.TEXT),
        _c("owner_count", T.INTEGER),
        _c("owner_ciks", T.TEXT, "the reporting owners' CIKs, sorted, comma-separated"),
        _c("submission_type", T.TEXT, "header CONFORMED SUBMISSION TYPE"),
        _c("filed_date", T.DATE, "header FILED AS OF DATE"),
        _c("acceptance_datetime", T.TIMESTAMP, "header ACCEPTANCE-DATETIME, US Eastern time"),
        _c("fiscal_year_end", T.TEXT, "issuer's FISCAL YEAR END from the header, MMDD"),
        _c("earliest_transaction_date", T.DATE, "derived: min over rows of deemed execution else trade date"),
        _c("filing_delay_days", T.INTEGER, "derived: business days, earliest_transaction_date to filed_date"),
        _c("amends_accession", T.TEXT, "filing_key of the filing this amendment amends, when determined"),
        _c(
            "filing_date",
            T.DATE,
            "derived: filed_date, else the acceptance date, else the latest signature date (a bare XML "
            "carries no filing date; Form 4 General Instruction 7 makes it the day the form is signed)",
        ),
        _c(
            "is_current",
            T.BOOLEAN,
            "derived: false when a later amendment amends this filing (kept by the store at ingest and "
            "amendment linking; the current_* views filter on it)",
        ),
        _c(
            "insider", T.TEXT, "derived: the reporting owners' names as filed, in filed order, '; '-separated"
        ),
        _c("insider_cik", T.TEXT, "derived: the first reporting owner's CIK"),
        _c(
            "insider_roles",
            T.TEXT,
            "derived: the owners' roles (owners.roles) in filed order, comma-separated",
        ),
        _c(
            "issuer_key",
            T.TEXT,
            "derived: the issuer as the reports group and look it up: the CIK without leading zeros, "
            "else the ticker (upper-cased, trimmed), else ''",
        ),
        _c("ticker", T.TEXT, "derived: issuer_trading_symbol upper-cased and trimmed of spaces"),
    ),
)

_ADDRESS = (
    "rpt_owner_street1",
    "rpt_owner_street2",
    "rpt_owner_city",
    "rpt_owner_state",
    "rpt_owner_zip_code",
    "rpt_owner_state_description",
)

OWNERS = Table(
    name="owners",
    doc="One row per reporting owner of a filing, in filed order.",
    columns=(
        _KEY,
        _c("owner_index", T.INTEGER, "0-based position among the filing's reporting owners", nullable=False),
        _c("rpt_owner_cik", T.TEXT),
        _c("rpt_owner_ccc", T.TEXT),
        _c("rpt_owner_name", T.TEXT, "as filed"),
        *(_c(n, T.TEXT) for n in _ADDRESS),
        _c("rpt_owner_good_address", T.BOOLEAN),
        _c("rpt_owner_non_us_address_flag", T.BOOLEAN),
        _c("rpt_owner_non_us_state_territory", T.TEXT),
        _c("rpt_owner_country", T.TEXT),
        _c("is_director", T.BOOLEAN),
        _c("is_officer", T.BOOLEAN),
        _c("is_ten_percent_owner", T.BOOLEAN),
        _c("is_other", T.BOOLEAN),
        _c("officer_title", T.TEXT),
        _c("other_text", T.TEXT),
        _c("roles", T.TEXT, "derived: CEO,CFO,COO,President,GC,VP,Dir,10%,Other, comma-separated"),
    ),
)

# Leaves shared by the row tables, in the XML's element order.
_CODING = (
    _c("transaction_form_type", T.TEXT, "3, 4 or 5 (5 on a Form 4 is the 'V' column)"),
    _c("transaction_code", T.TEXT),
    _c("equity_swap_involved", T.BOOLEAN, "the '/K' after the code"),
    _c("transaction_coding_fn", T.TEXT, "footnote ids attached to transactionCoding"),
)
_POST_AND_NATURE = (
    *_leaf("shares_owned_following_transaction", T.DECIMAL),
    *_leaf("value_owned_following_transaction", T.DECIMAL),
    *_leaf("direct_or_indirect_ownership", T.TEXT, "D or I"),
    *_leaf("nature_of_ownership", T.TEXT),
)
_DERIVATIVE_TERMS = (
    *_leaf("exercise_date", T.DATE),
    *_leaf("expiration_date", T.DATE),
    *_leaf("underlying_security_title", T.TEXT),
    *_leaf("underlying_security_shares", T.DECIMAL),
    *_leaf("underlying_security_value", T.DECIMAL),
)
_DERIVED_TRANSACTION = (
    _c("transaction_value", T.DECIMAL, "derived: shares x price, negative for D"),
    _c("shares_owned_before", T.DECIMAL, "derived: shares owned following - signed shares"),
    _c("ownership_change_pct", T.DECIMAL, "derived: 100 x signed shares / shares owned before"),
    _c("ownership_change_new", T.BOOLEAN, "derived: true when shares owned before is 0 ('New')"),
    _c("open_market", T.TEXT, "derived: 'purchase' (P) or 'sale' (S) in Table I, else NULL"),
    _c("trade_type", T.TEXT, "derived: OpenInsider's label for the code (Purchase, Sale, OptEx...)"),
    _c("filing_delay_days", T.INTEGER, "derived: business days from deemed else trade date to filed"),
    _c("filing_date", T.DATE, "derived: filings.filing_date of the row's filing (sorts need no join)"),
    _c(
        "is_current",
        T.BOOLEAN,
        "derived: filings.is_current of the row's filing, kept with it (sorts skip superseded rows)",
    ),
)

NON_DERIVATIVE_TRANSACTIONS = Table(
    name="non_derivative_transactions",
    doc="Table I rows that report a transaction (nonDerivativeTransaction).",
    columns=(
        _KEY,
        _ROW,
        *_leaf("security_title", T.TEXT),
        *_leaf("transaction_date", T.DATE),
        *_leaf("deemed_execution_date", T.DATE),
        *_CODING,
        *_leaf("transaction_timeliness", T.TEXT, "E or L"),
        *_leaf("transaction_shares", T.DECIMAL),
        *_leaf("transaction_price_per_share", T.DECIMAL),
        *_leaf("transaction_acquired_disposed_code", T.TEXT, "A or D"),
        *_POST_AND_NATURE,
        *_DERIVED_TRANSACTION,
    ),
)

NON_DERIVATIVE_HOLDINGS = Table(
    name="non_derivative_holdings",
    doc="Table I rows that report a holding (nonDerivativeHolding).",
    columns=(
        _KEY,
        _ROW,
        *_leaf("security_title", T.TEXT),
        *_CODING,
        *_POST_AND_NATURE,
    ),
)

DERIVATIVE_TRANSACTIONS = Table(
    name="derivative_transactions",
    doc="Table II rows that report a transaction (derivativeTransaction).",
    columns=(
        _KEY,
        _ROW,
        *_leaf("security_title", T.TEXT),
        *_leaf("conversion_or_exercise_price", T.DECIMAL),
        *_leaf("transaction_date", T.DATE),
        *_leaf("deemed_execution_date", T.DATE),
        *_CODING,
        *_leaf("transaction_timeliness", T.TEXT, "E or L"),
        *_leaf("transaction_shares", T.DECIMAL),
        *_leaf("transaction_total_value", T.DECIMAL),
        *_leaf("transaction_price_per_share", T.DECIMAL),
        *_leaf("transaction_acquired_disposed_code", T.TEXT, "A or D"),
        *_DERIVATIVE_TERMS,
        *_POST_AND_NATURE,
        *_DERIVED_TRANSACTION,
    ),
)

DERIVATIVE_HOLDINGS = Table(
    name="derivative_holdings",
    doc="Table II rows that report a holding (derivativeHolding).",
    columns=(
        _KEY,
        _ROW,
        *_leaf("security_title", T.TEXT),
        *_leaf("conversion_or_exercise_price", T.DECIMAL),
        *_CODING,
        *_DERIVATIVE_TERMS,
        *_POST_AND_NATURE,
    ),
)

FOOTNOTES = Table(
    name="footnotes",
    doc="<footnotes>: one row per footnote, in filed order.",
    columns=(
        _KEY,
        _c("footnote_index", T.INTEGER, nullable=False),
        _c("footnote_id", T.TEXT, "F1, F2, ..."),
        _c("footnote_text", T.TEXT),
    ),
)

SIGNATURES = Table(
    name="signatures",
    doc="<ownerSignature>: one row per signature, in filed order.",
    columns=(
        _KEY,
        _c("signature_index", T.INTEGER, nullable=False),
        _c("signature_name", T.TEXT),
        _c("signature_date", T.DATE),
    ),
)

UNPARSED = Table(
    name="unparsed",
    doc="Text of typed elements that could not be read as their type, with the element's XPath.",
    columns=(
        _KEY,
        _c("unparsed_index", T.INTEGER, nullable=False),
        _c("path", T.TEXT),
        _c("text", T.TEXT),
    ),
)

FINDINGS = Table(
    name="findings",
    doc="Validation findings (section16.validate) computed at ingest, when validation is installed.",
    columns=(
        _KEY,
        _c("finding_index", T.INTEGER, nullable=False),
        _c("rule_id", T.TEXT),
        _c("severity", T.TEXT, "error, warning or info"),
        _c("message", T.TEXT),
        _c("rule_source", T.TEXT, "the SEC document the rule comes from"),
        _c("table_name", T.TEXT, "nonDerivativeTable, derivativeTable, reportingOwner, ..."),
        _c("row_number", T.INTEGER, "1-based row in filed order"),
        _c("field", T.TEXT, "the field as the XML names it"),
        _c("location", T.TEXT, "where, in one string"),
    ),
)

RAW_DOCUMENTS = Table(
    name="raw_documents",
    doc="The original bytes of every source, compressed, by SHA-256 (reparse reads them back).",
    primary_key=("sha256",),
    columns=(
        _c("sha256", T.TEXT, nullable=False),
        _c("size", T.BIGINT, "uncompressed size"),
        _c("compression", T.TEXT, "lz4 (or gzip, before)"),
        # The blobs are LZ4 frames already: DuckDB's default tries dictionary and FSST compression on
        # them at every checkpoint (a third of the corpus ingest's final checkpoint) for little; zstd
        # checkpoints them about 2.4x faster and writes 0.6 of the bytes (the corpus xml suite).
        Column(name="data", type=T.BLOB, duckdb_compression="zstd"),
    ),
)

META = Table(
    name="section16_meta",
    doc="Facts about the store itself: schema_version.",
    primary_key=("key",),
    columns=(_c("key", T.TEXT, nullable=False), _c("value", T.TEXT)),
)

CHILD_TABLES: tuple[Table, ...] = (
    OWNERS,
    NON_DERIVATIVE_TRANSACTIONS,
    NON_DERIVATIVE_HOLDINGS,
    DERIVATIVE_TRANSACTIONS,
    DERIVATIVE_HOLDINGS,
    FOOTNOTES,
    SIGNATURES,
    UNPARSED,
    FINDINGS,
)
TABLES: tuple[Table, ...] = (FILINGS, *CHILD_TABLES, RAW_DOCUMENTS, META)

LATEST_HOLDINGS = Table(
    name="latest_holdings",
    doc=(
        "Derived: the latest reported holding per issuer, owner group, table, security, D/I and nature "
        "in the amended state, as the holdings report ranks them (section16.store.queries), kept by the "
        "store for the groups of the filings in holdings_dirty."
    ),
    columns=(
        _c("group_key", T.TEXT, "issuer (CIK, else ticker) and owner group (owner CIKs, else filing key)"),
        _c("tbl", T.TEXT, "I (Table I) or II"),
        _KEY,
        _ROW,
        _c("security_title", T.TEXT),
        _c("ownership", T.TEXT, "D or I"),
        _c("nature_of_ownership", T.TEXT),
        _c("shares", T.DECIMAL, "shares owned following the row"),
        _c("filing_date", T.DATE),
        _c("ticker", T.TEXT, "upper-cased, trimmed"),
        _c("issuer_name", T.TEXT),
        _c("issuer_cik", T.TEXT),
        _c("insider", T.TEXT, "the filing's owners' names in filed order, '; '-separated"),
        _c("insider_cik", T.TEXT, "the first owner's CIK"),
        _c("roles", T.TEXT, "the owners' roles, comma-separated"),
    ),
)
HOLDINGS_DIRTY = Table(
    name="holdings_dirty",
    doc="Derived: filings written or linked since latest_holdings was last brought up to date.",
    columns=(_KEY,),
)
ISSUERS_DIRTY = Table(
    name="issuers_dirty",
    doc=(
        "Derived: issuers (filings.issuer_key) whose summaries must be computed again although none of "
        "their stored filings is in holdings_dirty (a reparse that moved a filing to another issuer)."
    ),
    columns=(_c("issuer_key", T.TEXT),),
)
ISSUER_ACTIVITY = Table(
    name="issuer_activity",
    doc=(
        "Derived: the net-activity report per issuer over every open-market row (P and S in Table I) "
        "of the amended state, kept by the store for the issuers of the filings written or linked since "
        "(section16.store.queries.net_activity_query reads it when no filter picks rows)."
    ),
    columns=(
        _c("issuer_key", T.TEXT, "filings.issuer_key"),
        _c("ticker", T.TEXT),
        _c("issuer_name", T.TEXT),
        _c("issuer_cik", T.TEXT),
        _c("buyers", T.BIGINT, "distinct owner groups with a purchase"),
        _c("sellers", T.BIGINT, "distinct owner groups with a sale"),
        _c("purchases", T.BIGINT),
        _c("sales", T.BIGINT),
        _c("bought_value", T.DECIMAL),
        _c("sold_value", T.DECIMAL),
        _c("net_value", T.DECIMAL),
        _c("trades", T.BIGINT),
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
        _c("issuer_key", T.TEXT, "filings.issuer_key"),
        _c("ticker", T.TEXT),
        _c("issuer_name", T.TEXT),
        _c("issuer_cik", T.TEXT),
        _c("first_trade_date", T.DATE),
        _c("last_trade_date", T.DATE),
        _c("insiders", T.BIGINT, "distinct owner groups"),
        _c("filings", T.BIGINT),
        _c("trades", T.BIGINT),
        _c("shares", T.DECIMAL),
        _c("total_value", T.DECIMAL),
    ),
)
ISSUER_NAMES = Table(
    name="issuer_names",
    doc=(
        "Derived: per issuer CIK (without leading zeros), issuer name and ticker as filed, how many "
        "stored filings (current or not) carry them; the search's issuers, kept with issuer_activity."
    ),
    columns=(
        _c("issuer_key", T.TEXT, "filings.issuer_key: the CIK without leading zeros"),
        _c("issuer_name", T.TEXT),
        _c("ticker", T.TEXT, "filings.ticker"),
        _c("filings", T.BIGINT),
    ),
)
OWNERS_DIRTY = Table(
    name="owners_dirty",
    doc=(
        "Derived: reporting owners (CIK without leading zeros) whose owner_names rows must be counted "
        "again although none of their stored filings is in holdings_dirty (a reparse)."
    ),
    columns=(_c("owner_key", T.TEXT),),
)
OWNER_NAMES = Table(
    name="owner_names",
    doc=(
        "Derived: per reporting owner CIK (without leading zeros) and name as filed, how many owner "
        "rows (stored filings, current or not) carry them; the search's insiders."
    ),
    columns=(
        _c("owner_key", T.TEXT, "owners.rpt_owner_cik without leading zeros"),
        _c("rpt_owner_name", T.TEXT),
        _c("owners", T.BIGINT),
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
        _c("name_key", T.TEXT, "LOWER(owners.rpt_owner_name)"),
        _c("owner_key", T.TEXT, "owners.rpt_owner_cik without leading zeros"),
        _c("owner_roles", T.TEXT, "owners.roles"),
        _c("tbl", T.TEXT, "I (Table I) or II"),
        _KEY,
        _ROW,
        _c("security_title", T.TEXT),
        _c("trade_date", T.DATE, "transaction_date"),
        _c("code", T.TEXT, "transaction_code"),
        _c("equity_swap_involved", T.BOOLEAN),
        _c("trade_type", T.TEXT),
        _c("price", T.DECIMAL, "transaction_price_per_share"),
        _c("shares", T.DECIMAL, "transaction_shares, negative for D"),
        _c("owned_after", T.DECIMAL, "shares_owned_following_transaction"),
        _c("ownership_change_pct", T.DECIMAL),
        _c("ownership_change_new", T.BOOLEAN),
        _c("value", T.DECIMAL, "transaction_value"),
        _c("direct_or_indirect_ownership", T.TEXT),
        _c("filing_date", T.DATE),
        # The filing's columns a trade shows (they change only when the filing is written again).
        _c("ticker", T.TEXT, "filings.ticker"),
        _c("issuer_name", T.TEXT),
        _c("aff10b5_one", T.BOOLEAN),
        _c("document_type", T.TEXT),
        _c("filing_delay_days", T.INTEGER),
        _c("insider", T.TEXT, "filings.insider: every owner of the filing"),
        _c("insider_cik", T.TEXT, "filings.insider_cik"),
        _c("insider_roles", T.TEXT, "filings.insider_roles"),
        _c("is_current", T.BOOLEAN, "filings.is_current (every change of it marks the filing dirty)"),
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
)


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
)


def create_statements(dialect: Dialect) -> list[str]:
    """Every statement that creates the store's tables, indexes and views in ``dialect``; each is
    idempotent (``IF NOT EXISTS`` / ``OR REPLACE``)."""
    statements = [t.create_sql(dialect) for t in (*TABLES, *DERIVED_TABLES)]
    types = _SQL_TYPES[dialect]
    for table_name, column_name in ADDED_COLUMNS:
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
