"""The store's tables of the model (``section16.model``): one row per filing (:data:`FILINGS`) and
the child tables (:data:`CHILD_TABLES`: owners, the rows of Tables I and II, footnotes, signatures,
unparsed text, findings), the original bytes (:data:`RAW_DOCUMENTS`) and the store's own facts
(:data:`META`).

Columns are named as the model names fields, which are the XML's names in snake_case. Every filing is
keyed by ``filing_key``; child tables carry it and the 0-based index of the row in its table as filed.
Derived columns (spec.md section 8) are computed at ingest by ``section16.store.derive`` and say so in
their description.
"""

from __future__ import annotations

from section16.store._schema_columns import KEY, ROW, Column, ColumnType, Table, col, leaf

__all__ = [
    "CHILD_TABLES",
    "DERIVATIVE_HOLDINGS",
    "DERIVATIVE_TRANSACTIONS",
    "FILINGS",
    "FINDINGS",
    "FOOTNOTES",
    "META",
    "NON_DERIVATIVE_HOLDINGS",
    "NON_DERIVATIVE_TRANSACTIONS",
    "OWNERS",
    "RAW_DOCUMENTS",
    "SIGNATURES",
    "TABLES",
    "UNPARSED",
]

T = ColumnType

FILINGS = Table(
    name="filings",
    doc="One row per filing: the ownership document's top-level facts, the header's, and the source.",
    primary_key=("filing_key",),
    columns=(
        KEY,
        col("accession_number", T.TEXT, "from the submission header, else from the file name"),
        col("sha256", T.TEXT, "SHA-256 of the source bytes; raw_documents.sha256", nullable=False),
        col("source_format", T.TEXT, "SourceFormat value: ownership-xml, submission-text, ..."),
        col("source_name", T.TEXT, "file name (or archive member) the filing was read from"),
        col("source_size", T.BIGINT, "size of the source bytes"),
        col("document_filename", T.TEXT, "the ownership XML's <FILENAME> inside a submission"),
        col("reader_notes", T.TEXT, "what the reader worked around, one note per line"),
        col("has_document", T.BOOLEAN, "false when the source held no ownership document"),
        col("schema_version", T.TEXT),
        col("document_type", T.TEXT, "3, 3/A, 4, 4/A, 5, 5/A"),
        col("form", T.INTEGER, "3, 4 or 5, amendment or not"),
        col("is_amendment", T.BOOLEAN),
        col("period_of_report", T.DATE),
        col("date_of_original_submission", T.DATE),
        col("no_securities_owned", T.BOOLEAN),
        col("not_subject_to_section16", T.BOOLEAN),
        col("form3_holdings_reported", T.BOOLEAN),
        col("form4_transactions_reported", T.BOOLEAN),
        col("aff10b5_one", T.BOOLEAN),
        col("issuer_cik", T.TEXT),
        col("issuer_name", T.TEXT),
        col("issuer_trading_symbol", T.TEXT),
        col("issuer_foreign_trading_symbol", T.TEXT),
        col("remarks", T.TEXT),
        col("owner_count", T.INTEGER),
        col("owner_ciks", T.TEXT, "the reporting owners' CIKs, sorted, comma-separated"),
        col("submission_type", T.TEXT, "header CONFORMED SUBMISSION TYPE"),
        col("filed_date", T.DATE, "header FILED AS OF DATE"),
        col("acceptance_datetime", T.TIMESTAMP, "header ACCEPTANCE-DATETIME, US Eastern time"),
        col("fiscal_year_end", T.TEXT, "issuer's FISCAL YEAR END from the header, MMDD"),
        col(
            "earliest_transaction_date", T.DATE, "derived: min over rows of deemed execution else trade date"
        ),
        col(
            "filing_delay_days", T.INTEGER, "derived: business days, earliest_transaction_date to filed_date"
        ),
        col("amends_accession", T.TEXT, "filing_key of the filing this amendment amends, when determined"),
        col(
            "filing_date",
            T.DATE,
            "derived: filed_date, else the acceptance date, else the latest signature date (a bare XML "
            "carries no filing date; Form 4 General Instruction 7 makes it the day the form is signed)",
        ),
        col(
            "is_current",
            T.BOOLEAN,
            "derived: false when a later amendment amends this filing (kept by the store at ingest and "
            "amendment linking; the current_* views filter on it)",
        ),
        col(
            "insider", T.TEXT, "derived: the reporting owners' names as filed, in filed order, '; '-separated"
        ),
        col("insider_cik", T.TEXT, "derived: the first reporting owner's CIK"),
        col(
            "insider_roles",
            T.TEXT,
            "derived: the owners' roles (owners.roles) in filed order, comma-separated",
        ),
        col(
            "issuer_key",
            T.TEXT,
            "derived: the issuer as the reports group and look it up: the CIK without leading zeros, "
            "else the ticker (upper-cased, trimmed), else ''",
        ),
        col("ticker", T.TEXT, "derived: issuer_trading_symbol upper-cased and trimmed of spaces"),
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
        KEY,
        col("owner_index", T.INTEGER, "0-based position among the filing's reporting owners", nullable=False),
        col("rpt_owner_cik", T.TEXT),
        col("rpt_owner_ccc", T.TEXT),
        col("rpt_owner_name", T.TEXT, "as filed"),
        *(col(n, T.TEXT) for n in _ADDRESS),
        col("rpt_owner_good_address", T.BOOLEAN),
        col("rpt_owner_non_us_address_flag", T.BOOLEAN),
        col("rpt_owner_non_us_state_territory", T.TEXT),
        col("rpt_owner_country", T.TEXT),
        col("is_director", T.BOOLEAN),
        col("is_officer", T.BOOLEAN),
        col("is_ten_percent_owner", T.BOOLEAN),
        col("is_other", T.BOOLEAN),
        col("officer_title", T.TEXT),
        col("other_text", T.TEXT),
        col("roles", T.TEXT, "derived: CEO,CFO,COO,President,GC,VP,Dir,10%,Other, comma-separated"),
    ),
)

# Leaves shared by the row tables, in the XML's element order.
_CODING = (
    col("transaction_form_type", T.TEXT, "3, 4 or 5 (5 on a Form 4 is the 'V' column)"),
    col("transaction_code", T.TEXT),
    col("equity_swap_involved", T.BOOLEAN, "the '/K' after the code"),
    col("transaction_coding_fn", T.TEXT, "footnote ids attached to transactionCoding"),
)
_POST_AND_NATURE = (
    *leaf("shares_owned_following_transaction", T.DECIMAL),
    *leaf("value_owned_following_transaction", T.DECIMAL),
    *leaf("direct_or_indirect_ownership", T.TEXT, "D or I"),
    *leaf("nature_of_ownership", T.TEXT),
)
_DERIVATIVE_TERMS = (
    *leaf("exercise_date", T.DATE),
    *leaf("expiration_date", T.DATE),
    *leaf("underlying_security_title", T.TEXT),
    *leaf("underlying_security_shares", T.DECIMAL),
    *leaf("underlying_security_value", T.DECIMAL),
)
_DERIVED_TRANSACTION = (
    col("transaction_value", T.DECIMAL, "derived: shares x price, negative for D"),
    col("shares_owned_before", T.DECIMAL, "derived: shares owned following - signed shares"),
    col("ownership_change_pct", T.DECIMAL, "derived: 100 x signed shares / shares owned before"),
    col("ownership_change_new", T.BOOLEAN, "derived: true when shares owned before is 0 ('New')"),
    col("open_market", T.TEXT, "derived: 'purchase' (P) or 'sale' (S) in Table I, else NULL"),
    col("trade_type", T.TEXT, "derived: OpenInsider's label for the code (Purchase, Sale, OptEx...)"),
    col("filing_delay_days", T.INTEGER, "derived: business days from deemed else trade date to filed"),
    col("filing_date", T.DATE, "derived: filings.filing_date of the row's filing (sorts need no join)"),
    col(
        "is_current",
        T.BOOLEAN,
        "derived: filings.is_current of the row's filing, kept with it (sorts skip superseded rows)",
    ),
)

NON_DERIVATIVE_TRANSACTIONS = Table(
    name="non_derivative_transactions",
    doc="Table I rows that report a transaction (nonDerivativeTransaction).",
    columns=(
        KEY,
        ROW,
        *leaf("security_title", T.TEXT),
        *leaf("transaction_date", T.DATE),
        *leaf("deemed_execution_date", T.DATE),
        *_CODING,
        *leaf("transaction_timeliness", T.TEXT, "E or L"),
        *leaf("transaction_shares", T.DECIMAL),
        *leaf("transaction_price_per_share", T.DECIMAL),
        *leaf("transaction_acquired_disposed_code", T.TEXT, "A or D"),
        *_POST_AND_NATURE,
        *_DERIVED_TRANSACTION,
    ),
)

NON_DERIVATIVE_HOLDINGS = Table(
    name="non_derivative_holdings",
    doc="Table I rows that report a holding (nonDerivativeHolding).",
    columns=(
        KEY,
        ROW,
        *leaf("security_title", T.TEXT),
        *_CODING,
        *_POST_AND_NATURE,
    ),
)

DERIVATIVE_TRANSACTIONS = Table(
    name="derivative_transactions",
    doc="Table II rows that report a transaction (derivativeTransaction).",
    columns=(
        KEY,
        ROW,
        *leaf("security_title", T.TEXT),
        *leaf("conversion_or_exercise_price", T.DECIMAL),
        *leaf("transaction_date", T.DATE),
        *leaf("deemed_execution_date", T.DATE),
        *_CODING,
        *leaf("transaction_timeliness", T.TEXT, "E or L"),
        *leaf("transaction_shares", T.DECIMAL),
        *leaf("transaction_total_value", T.DECIMAL),
        *leaf("transaction_price_per_share", T.DECIMAL),
        *leaf("transaction_acquired_disposed_code", T.TEXT, "A or D"),
        *_DERIVATIVE_TERMS,
        *_POST_AND_NATURE,
        *_DERIVED_TRANSACTION,
    ),
)

DERIVATIVE_HOLDINGS = Table(
    name="derivative_holdings",
    doc="Table II rows that report a holding (derivativeHolding).",
    columns=(
        KEY,
        ROW,
        *leaf("security_title", T.TEXT),
        *leaf("conversion_or_exercise_price", T.DECIMAL),
        *_CODING,
        *_DERIVATIVE_TERMS,
        *_POST_AND_NATURE,
    ),
)

FOOTNOTES = Table(
    name="footnotes",
    doc="<footnotes>: one row per footnote, in filed order.",
    columns=(
        KEY,
        col("footnote_index", T.INTEGER, nullable=False),
        col("footnote_id", T.TEXT, "F1, F2, ..."),
        col("footnote_text", T.TEXT),
    ),
)

SIGNATURES = Table(
    name="signatures",
    doc="<ownerSignature>: one row per signature, in filed order.",
    columns=(
        KEY,
        col("signature_index", T.INTEGER, nullable=False),
        col("signature_name", T.TEXT),
        col("signature_date", T.DATE),
    ),
)

UNPARSED = Table(
    name="unparsed",
    doc="Text of typed elements that could not be read as their type, with the element's XPath.",
    columns=(
        KEY,
        col("unparsed_index", T.INTEGER, nullable=False),
        col("path", T.TEXT),
        col("text", T.TEXT),
    ),
)

FINDINGS = Table(
    name="findings",
    doc="Validation findings (section16.validate) computed at ingest, when validation is installed.",
    columns=(
        KEY,
        col("finding_index", T.INTEGER, nullable=False),
        col("rule_id", T.TEXT),
        col("severity", T.TEXT, "error, warning or info"),
        col("message", T.TEXT),
        col("rule_source", T.TEXT, "the SEC document the rule comes from"),
        col("table_name", T.TEXT, "nonDerivativeTable, derivativeTable, reportingOwner, ..."),
        col("row_number", T.INTEGER, "1-based row in filed order"),
        col("field", T.TEXT, "the field as the XML names it"),
        col("location", T.TEXT, "where, in one string"),
    ),
)

RAW_DOCUMENTS = Table(
    name="raw_documents",
    doc="The original bytes of every source, compressed, by SHA-256 (reparse reads them back).",
    primary_key=("sha256",),
    columns=(
        col("sha256", T.TEXT, nullable=False),
        col("size", T.BIGINT, "uncompressed size"),
        col("compression", T.TEXT, "lz4 (or gzip, before)"),
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
    columns=(col("key", T.TEXT, nullable=False), col("value", T.TEXT)),
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
