"""Filings as the SEC's Insider Transactions Data Sets: the eight tab-separated tables the SEC publishes
quarterly (``{YYYY}q{N}_form345.zip``), with the SEC's table and column names in the SEC's order.

Tables (spec.md section 7, the SEC's data-set readme): SUBMISSION, REPORTINGOWNER, NONDERIV_TRANS,
NONDERIV_HOLDING, DERIV_TRANS, DERIV_HOLDING, FOOTNOTES, OWNER_SIGNATURE; every table is keyed by
ACCESSION_NUMBER, the four row tables also by a surrogate key ``*_SK``.

Rules, where the SEC's readme is silent they are ours, and we keep to them (reading back an export gives
the same rows):

- **Footnote twins**: every field the XML lets carry footnotes has a ``<COLUMN>_FN`` twin placed right
  after it, holding the ids comma-separated as filed (``F1,F3``), as the SEC's DERIV_HOLDING table does
  (``corpus/datasets/``). The footnotes of ``<transactionCoding>`` as a whole go to
  ``EQUITY_SWAP_TRANS_CD_FN`` in the transaction tables (after EQUITY_SWAP_INVOLVED, as in the readme)
  and to ``TRANS_FORM_TYPE_FN`` in the holding tables.
- **Dates** ``DD-MON-YYYY`` with English upper-case months (``08-DEC-2023``).
- **Booleans** ``1`` / ``0``; empty when the element was absent.
- **Numbers** in plain notation with the digits as filed (``1500.00``, never ``1.5E+3``).
- **Empty** cells for absent values and for values that could not be read as their type.
- **Tab, newline and carriage return** inside a value are each replaced by one space, so that every
  row is one line of tab-separated cells (the SEC's files have no quoting).
- **FILING_DATE** is the header's ``FILED AS OF DATE`` when the filing was read from a complete
  submission; empty for a bare XML document, which carries no filing date.
- **RPTOWNER_RELATIONSHIP** lists the boxes ticked, in the form's order, comma-separated:
  ``Director,Officer,TenPercentOwner,Other``. **FILE_NUMBER** is the ``SEC FILE NUMBER`` of the
  header's REPORTING-OWNER block with the same CIK, when there is a header.
- **Surrogate keys** ``*_SK`` count 1, 2, 3... per table across one export, in the order filings are
  added and rows were filed.
- A filing without an accession number or without an ownership document cannot be keyed and raises
  :class:`DatasetError`; a second filing with an accession number already exported raises
  :class:`DuplicateAccessionError`. Nothing is written for either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum, StrEnum
from typing import Any

from section16.errors import DatasetError, DuplicateAccessionError, ParseError
from section16.model import (
    DerivativeHolding,
    DerivativeTransaction,
    Fact,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    ReportingOwner,
)

__all__ = [
    "TABLES",
    "Cell",
    "ColumnKind",
    "DatasetError",
    "DuplicateAccessionError",
    "SecDatasetBuilder",
    "dataset_rows",
    "format_cell",
    "format_date",
    "format_rows",
    "read_dataset_tsv",
    "table_columns",
    "write_dataset_tsv",
]

Cell = str | Decimal | date | bool | int | None
"""A typed cell before formatting: text, number, date, flag, surrogate key or empty."""


class ColumnKind(StrEnum):
    """The type of a column's cells; the Parquet writer maps each to an Arrow type."""

    TEXT = "text"
    DATE = "date"
    NUMBER = "number"
    FLAG = "flag"
    KEY = "key"


@dataclass(frozen=True, slots=True)
class _Column:
    name: str
    kind: ColumnKind
    get: Callable[[Any], Cell]


def _code(value: object) -> Cell:
    return value.value if isinstance(value, Enum) else value  # type: ignore[return-value]


def _fact(name: str, field: str, kind: ColumnKind) -> list[_Column]:
    """A footnoted leaf and its ``_FN`` twin."""

    def value(row: Any) -> Cell:
        fact: Fact[Any] | None = getattr(row, field)
        return None if fact is None else _code(fact.value)

    def ids(row: Any) -> Cell:
        fact: Fact[Any] | None = getattr(row, field)
        return ",".join(fact.footnote_ids) if fact is not None and fact.footnote_ids else None

    return [_Column(name, kind, value), _Column(f"{name}_FN", ColumnKind.TEXT, ids)]


def _coding(field: str, kind: ColumnKind = ColumnKind.TEXT) -> Callable[[Any], Cell]:
    def get(row: Any) -> Cell:
        coding = row.transaction_coding
        return None if coding is None else _code(getattr(coding, field))

    return get


def _coding_ids(row: Any) -> Cell:
    coding = row.transaction_coding
    return ",".join(coding.footnote_ids) if coding is not None and coding.footnote_ids else None


T, D, N, FL = ColumnKind.TEXT, ColumnKind.DATE, ColumnKind.NUMBER, ColumnKind.FLAG

# Columns of the four row tables after ACCESSION_NUMBER and the *_SK (the SEC's data-set readme; the
# DERIV_HOLDING order checked against corpus/datasets/aidanbaughan/DerivHoldings2024.csv).
_TRANSACTION_CODING = [
    _Column("TRANS_FORM_TYPE", T, _coding("transaction_form_type")),
    _Column("TRANS_CODE", T, _coding("transaction_code")),
    _Column("EQUITY_SWAP_INVOLVED", FL, _coding("equity_swap_involved")),
    _Column("EQUITY_SWAP_TRANS_CD_FN", T, _coding_ids),
]
_HOLDING_CODING = [
    _Column("TRANS_FORM_TYPE", T, _coding("transaction_form_type")),
    _Column("TRANS_FORM_TYPE_FN", T, _coding_ids),
]
_POST = [
    *_fact("SHRS_OWND_FOLWNG_TRANS", "shares_owned_following_transaction", N),
    *_fact("VALU_OWND_FOLWNG_TRANS", "value_owned_following_transaction", N),
    *_fact("DIRECT_INDIRECT_OWNERSHIP", "direct_or_indirect_ownership", T),
    *_fact("NATURE_OF_OWNERSHIP", "nature_of_ownership", T),
]
_UNDERLYING = [
    *_fact("EXERCISE_DATE", "exercise_date", D),
    *_fact("EXPIRATION_DATE", "expiration_date", D),
    *_fact("UNDLYNG_SEC_TITLE", "underlying_security_title", T),
    *_fact("UNDLYNG_SEC_SHARES", "underlying_security_shares", N),
    *_fact("UNDLYNG_SEC_VALUE", "underlying_security_value", N),
]
_ROW_COLUMNS: dict[str, list[_Column]] = {
    "NONDERIV_TRANS": [
        *_fact("SECURITY_TITLE", "security_title", T),
        *_fact("TRANS_DATE", "transaction_date", D),
        *_fact("DEEMED_EXECUTION_DATE", "deemed_execution_date", D),
        *_TRANSACTION_CODING,
        *_fact("TRANS_TIMELINESS", "transaction_timeliness", T),
        *_fact("TRANS_SHARES", "transaction_shares", N),
        *_fact("TRANS_PRICEPERSHARE", "transaction_price_per_share", N),
        *_fact("TRANS_ACQUIRED_DISP_CD", "transaction_acquired_disposed_code", T),
        *_POST,
    ],
    "NONDERIV_HOLDING": [
        *_fact("SECURITY_TITLE", "security_title", T),
        *_HOLDING_CODING,
        *_POST,
    ],
    "DERIV_TRANS": [
        *_fact("SECURITY_TITLE", "security_title", T),
        *_fact("CONV_EXERCISE_PRICE", "conversion_or_exercise_price", N),
        *_fact("TRANS_DATE", "transaction_date", D),
        *_fact("DEEMED_EXECUTION_DATE", "deemed_execution_date", D),
        *_TRANSACTION_CODING,
        *_fact("TRANS_TIMELINESS", "transaction_timeliness", T),
        *_fact("TRANS_SHARES", "transaction_shares", N),
        *_fact("TRANS_TOTAL_VALUE", "transaction_total_value", N),
        *_fact("TRANS_PRICEPERSHARE", "transaction_price_per_share", N),
        *_fact("TRANS_ACQUIRED_DISP_CD", "transaction_acquired_disposed_code", T),
        *_UNDERLYING,
        *_POST,
    ],
    "DERIV_HOLDING": [
        *_fact("SECURITY_TITLE", "security_title", T),
        *_fact("CONV_EXERCISE_PRICE", "conversion_or_exercise_price", N),
        *_HOLDING_CODING,
        *_UNDERLYING,
        *_POST,
    ],
}
_ROW_TABLE_OF: dict[type, str] = {
    NonDerivativeTransaction: "NONDERIV_TRANS",
    NonDerivativeHolding: "NONDERIV_HOLDING",
    DerivativeTransaction: "DERIV_TRANS",
    DerivativeHolding: "DERIV_HOLDING",
}

_SUBMISSION = [
    ("ACCESSION_NUMBER", T),
    ("FILING_DATE", D),
    ("PERIOD_OF_REPORT", D),
    ("DATE_OF_ORIG_SUB", D),
    ("NO_SECURITIES_OWNED", FL),
    ("NOT_SUBJECT_SEC16", FL),
    ("FORM3_HOLDINGS_REPORTED", FL),
    ("FORM4_TRANS_REPORTED", FL),
    ("DOCUMENT_TYPE", T),
    ("ISSUERCIK", T),
    ("ISSUERNAME", T),
    ("ISSUERTRADINGSYMBOL", T),
    ("REMARKS", T),
    ("AFF10B5ONE", FL),
]
_REPORTINGOWNER = [
    (name, T)
    for name in (
        "ACCESSION_NUMBER",
        "RPTOWNERCIK",
        "RPTOWNERNAME",
        "RPTOWNER_RELATIONSHIP",
        "RPTOWNER_TITLE",
        "RPTOWNER_TXT",
        "RPTOWNER_STREET1",
        "RPTOWNER_STREET2",
        "RPTOWNER_CITY",
        "RPTOWNER_STATE",
        "RPTOWNER_ZIPCODE",
        "RPTOWNER_STATE_DESC",
        "FILE_NUMBER",
    )
]

TABLES: dict[str, tuple[tuple[str, ColumnKind], ...]] = {
    "SUBMISSION": tuple(_SUBMISSION),
    "REPORTINGOWNER": tuple(_REPORTINGOWNER),
    **{
        table: (
            ("ACCESSION_NUMBER", T),
            (f"{table}_SK", ColumnKind.KEY),
            *((c.name, c.kind) for c in columns),
        )
        for table, columns in _ROW_COLUMNS.items()
    },
    "FOOTNOTES": (("ACCESSION_NUMBER", T), ("FOOTNOTE_ID", T), ("FOOTNOTE_TXT", T)),
    "OWNER_SIGNATURE": (("ACCESSION_NUMBER", T), ("OWNERSIGNATURENAME", T), ("OWNERSIGNATUREDATE", D)),
}
"""The eight tables in the SEC's order, each with its columns (name, kind) in the SEC's order."""


def table_columns(table: str) -> tuple[str, ...]:
    """The column names of ``table`` (``"SUBMISSION"``...), in order."""
    return tuple(name for name, _kind in TABLES[table])


# --- building rows -----------------------------------------------------------------------------------


def _cik_key(cik: str | None) -> str | None:
    return cik.lstrip("0") or "0" if cik else None


def _relationship(owner: ReportingOwner) -> str | None:
    rel = owner.relationship
    if rel is None:
        return None
    boxes = [
        label
        for label, ticked in (
            ("Director", rel.is_director),
            ("Officer", rel.is_officer),
            ("TenPercentOwner", rel.is_ten_percent_owner),
            ("Other", rel.is_other),
        )
        if ticked
    ]
    return ",".join(boxes) or None


class SecDatasetBuilder:
    """Turns filings into typed rows of the eight tables, numbering the surrogate keys across every
    filing added and refusing an accession number twice. :meth:`add` returns the rows of one filing, so
    a caller can stream them to files; :func:`format_rows` makes them text."""

    def __init__(self) -> None:
        self._next_sk = dict.fromkeys(_ROW_COLUMNS, 1)
        self._seen: dict[str, str | None] = {}

    def add(self, filing: Filing) -> dict[str, list[tuple[Cell, ...]]]:
        """The rows of ``filing`` for each of the eight tables (empty lists included).

        Raises :class:`DatasetError` when the filing has no accession number or no ownership document,
        :class:`DuplicateAccessionError` when its accession number was added before."""
        source = filing.source.name
        accession = filing.accession_number
        document = filing.document
        if not accession:
            raise DatasetError(
                "no accession number (neither a submission header nor a file name like "
                "0000002488-23-000088.xml gives one); the data sets are keyed by it",
                source=source,
            )
        if document is None:
            raise DatasetError(
                f"{accession} holds no ownership document to export",
                source=source,
                accession_number=accession,
            )
        if accession in self._seen:
            raise DuplicateAccessionError(
                f"{accession} was already exported from {self._seen[accession] or 'an earlier input'}",
                source=source,
                accession_number=accession,
            )
        self._seen[accession] = source
        header = filing.header
        issuer = document.issuer
        rows: dict[str, list[tuple[Cell, ...]]] = {table: [] for table in TABLES}
        rows["SUBMISSION"].append(
            (
                accession,
                header.filed_as_of_date if header else None,
                document.period_of_report,
                document.date_of_original_submission,
                document.no_securities_owned,
                document.not_subject_to_section16,
                document.form3_holdings_reported,
                document.form4_transactions_reported,
                _code(document.document_type),
                issuer.issuer_cik if issuer else None,
                issuer.issuer_name if issuer else None,
                issuer.issuer_trading_symbol if issuer else None,
                document.remarks,
                document.aff10b5_one,
            )
        )
        file_numbers = {
            _cik_key(e.cik): e.sec_file_number for e in (header.reporting_owners if header else ()) if e.cik
        }
        for owner in document.reporting_owners:
            rel = owner.relationship
            address = owner.address
            rows["REPORTINGOWNER"].append(
                (
                    accession,
                    owner.rpt_owner_cik,
                    owner.rpt_owner_name,
                    _relationship(owner),
                    rel.officer_title if rel else None,
                    rel.other_text if rel else None,
                    address.rpt_owner_street1 if address else None,
                    address.rpt_owner_street2 if address else None,
                    address.rpt_owner_city if address else None,
                    address.rpt_owner_state if address else None,
                    address.rpt_owner_zip_code if address else None,
                    address.rpt_owner_state_description if address else None,
                    file_numbers.get(_cik_key(owner.rpt_owner_cik)),
                )
            )
        for row in (*document.non_derivative_table, *document.derivative_table):
            table = _ROW_TABLE_OF[type(row)]
            sk = self._next_sk[table]
            self._next_sk[table] = sk + 1
            rows[table].append((accession, sk, *(c.get(row) for c in _ROW_COLUMNS[table])))
        for note in document.footnotes:
            rows["FOOTNOTES"].append((accession, note.id, note.text))
        for signature in document.owner_signatures:
            rows["OWNER_SIGNATURE"].append((accession, signature.signature_name, signature.signature_date))
        return rows


# --- text --------------------------------------------------------------------------------------------

_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_FLATTEN = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def format_date(value: date) -> str:
    """``DD-MON-YYYY`` as in the SEC's data sets: ``08-DEC-2023`` (English months, whatever the
    locale)."""
    return f"{value.day:02d}-{_MONTHS[value.month - 1]}-{value.year:04d}"


def format_cell(value: Cell) -> str:
    """One cell as text by the rules of the module docstring."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.translate(_FLATTEN)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def format_rows(rows: Iterable[Sequence[Cell]]) -> list[tuple[str, ...]]:
    """Typed rows as text rows."""
    return [tuple(format_cell(v) for v in row) for row in rows]


def dataset_rows(filings: Iterable[Filing]) -> dict[str, list[tuple[str, ...]]]:
    """The eight tables of ``filings`` as text rows, by table name in the SEC's order. Raises
    :class:`DatasetError` on the first filing that cannot be keyed (see :meth:`SecDatasetBuilder.add`)."""
    builder = SecDatasetBuilder()
    tables: dict[str, list[tuple[str, ...]]] = {table: [] for table in TABLES}
    for filing in filings:
        for table, rows in builder.add(filing).items():
            tables[table].extend(format_rows(rows))
    return tables


def write_dataset_tsv(table: str, rows: Iterable[Sequence[str]], *, header: bool = True) -> bytes:
    """``rows`` of ``table`` as the SEC's TSV: UTF-8, a header row of the column names, cells separated
    by tabs, lines ended by ``\\n``. With ``header=False`` only the rows (to append to a file)."""
    width = len(TABLES[table])
    lines = ["\t".join(table_columns(table))] if header else []
    for row in rows:
        if len(row) != width:
            raise ValueError(f"{table}: a row of {len(row)} cells, the table has {width} columns")
        lines.append("\t".join(cell.translate(_FLATTEN) for cell in row))
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def read_dataset_tsv(data: bytes, *, table: str, source: str | None = None) -> list[tuple[str, ...]]:
    """The rows of one table from its TSV (as :func:`write_dataset_tsv` or the SEC writes it).

    The header must name the columns of ``table`` in order; every row must have as many cells.
    Raises :class:`~section16.errors.ParseError` naming ``source``, the line and the column otherwise."""
    name = source or f"{table}.tsv"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ParseError(f"not UTF-8: {exc.reason}", source=name, line=line) from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    expected = table_columns(table)
    if not lines:
        raise ParseError(f"empty file; expected the {table} header row", source=name, line=1)
    found = tuple(lines[0].rstrip("\r").split("\t"))
    if found != expected:
        column = next((i for i, (a, b) in enumerate(zip(found, expected, strict=False)) if a != b), None)
        if column is None:
            column = min(len(found), len(expected))
        raise ParseError(
            f"header is not the {table} table's: column {column + 1} is "
            f"{found[column] if column < len(found) else 'missing'!r}, expected "
            f"{expected[column] if column < len(expected) else 'none'!r}",
            source=name,
            line=1,
            column=column + 1,
        )
    rows: list[tuple[str, ...]] = []
    for number, text_line in enumerate(lines[1:], start=2):
        cells = tuple(text_line.rstrip("\r").split("\t"))
        if len(cells) != len(expected):
            raise ParseError(
                f"{len(cells)} cells, the {table} table has {len(expected)} columns",
                source=name,
                line=number,
                column=len(text_line) + 1,
            )
        rows.append(cells)
    return rows
