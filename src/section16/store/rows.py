"""A filing as table rows: :func:`filing_rows` turns one :class:`~section16.model.Filing` into a tuple per
row of every table in :mod:`section16.store.schema`, values in the columns' order, derived measures
filled. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache
from operator import attrgetter
from typing import Any

from section16.model import (
    AcquiredDisposed,
    DerivativeHolding,
    DerivativeTransaction,
    DocumentType,
    Fact,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipDocument,
    ReportingOwner,
    TransactionCode,
    TransactionCoding,
)
from section16.store import derive
from section16.store.schema import DECIMAL_PRECISION, DECIMAL_SCALE, TABLES

__all__ = ["FilingRows", "filing_key", "filing_rows", "finding_rows"]

Row = tuple[Any, ...]

_QUANTUM = Decimal(1).scaleb(-DECIMAL_SCALE)
_DECIMAL_LIMIT = Decimal(10) ** (DECIMAL_PRECISION - DECIMAL_SCALE)


def filing_key(filing: Filing) -> str:
    """The filing's key in a store: its accession number, else ``sha256:<hex>`` of its bytes."""
    return filing.accession_number or f"sha256:{filing.source.sha256}"


@dataclass(slots=True)
class FilingRows:
    """The rows of one filing, by table name (``raw_documents`` and ``section16_meta`` are not here)."""

    key: str
    sha256: str
    tables: dict[str, list[Row]] = field(default_factory=dict)


def _dec(value: Decimal | None) -> Decimal | None:
    """A decimal fitted to the store's DECIMAL(38,10): rounded to 10 places; None when it is not finite
    or too large to store (its text stays in the raw document)."""
    if value is None:
        return None
    try:
        if not value.is_finite() or abs(value) >= _DECIMAL_LIMIT:
            return None
        return value.quantize(_QUANTUM)
    except InvalidOperation:
        return None


_NO_LEAF: tuple[None, None] = (None, None)


def _put(row: list[Any], facts: tuple[Fact[Any] | None, ...]) -> None:
    """Append the two columns of each of ``facts`` to ``row``: the value as stored (an enum by its code, a
    decimal fitted by :func:`_dec`) and the footnote ids, comma-separated. The hot path of row building
    (some 56 leaves a filing): one call per group of leaves, :func:`_dec` inlined for the plain
    ``Decimal`` that nearly every number is."""
    append = row.append
    for fact in facts:
        if fact is None:
            append(None)
            append(None)
            continue
        value = fact.value
        if value is not None:
            kind = type(value)
            if kind is Decimal:
                # _dec, inlined: DECIMAL(38,10), None when not finite or too large to store.
                try:
                    value = (
                        value.quantize(_QUANTUM)
                        if value.is_finite() and abs(value) < _DECIMAL_LIMIT
                        else None
                    )
                except InvalidOperation:
                    value = None
            elif kind is not str:
                if isinstance(value, Enum):
                    value = value._value_
                elif isinstance(value, Decimal):
                    value = _dec(value)
        ids = fact.footnote_ids
        append(value)
        append(",".join(ids) if ids else None)


def _put_coding(row: list[Any], coding: TransactionCoding | None) -> TransactionCode | None:
    """Append the coding's four columns to ``row``; return its transaction code."""
    if coding is None:
        row += _NO_CODING
        return None
    code = coding.transaction_code
    ids = coding.footnote_ids
    row += (
        coding.transaction_form_type,
        code._value_ if code is not None else None,  # .value without the enum's descriptor
        coding.equity_swap_involved,
        ",".join(ids) if ids else None,
    )
    return code


_NO_CODING = (None, None, None, None)

# The leaves of each row kind, in the columns' order (section16.store._schema_tables), read in one go.
_ND_TRANSACTION_HEAD = attrgetter("security_title", "transaction_date", "deemed_execution_date")
_ND_TRANSACTION_AMOUNTS_AND_POST = attrgetter(
    "transaction_timeliness",
    "transaction_shares",
    "transaction_price_per_share",
    "transaction_acquired_disposed_code",
    "shares_owned_following_transaction",
    "value_owned_following_transaction",
    "direct_or_indirect_ownership",
    "nature_of_ownership",
)
_POST = attrgetter(
    "shares_owned_following_transaction",
    "value_owned_following_transaction",
    "direct_or_indirect_ownership",
    "nature_of_ownership",
)
_D_TRANSACTION_HEAD = attrgetter(
    "security_title", "conversion_or_exercise_price", "transaction_date", "deemed_execution_date"
)
_D_TRANSACTION_AMOUNTS_TERMS_AND_POST = attrgetter(
    "transaction_timeliness",
    "transaction_shares",
    "transaction_total_value",
    "transaction_price_per_share",
    "transaction_acquired_disposed_code",
    "exercise_date",
    "expiration_date",
    "underlying_security_title",
    "underlying_security_shares",
    "underlying_security_value",
    "shares_owned_following_transaction",
    "value_owned_following_transaction",
    "direct_or_indirect_ownership",
    "nature_of_ownership",
)
_D_HOLDING_HEAD = attrgetter("security_title", "conversion_or_exercise_price")
# Derivative terms, then the post-transaction amounts and ownership (the columns follow each other).
_TERMS_AND_POST = attrgetter(
    "exercise_date",
    "expiration_date",
    "underlying_security_title",
    "underlying_security_shares",
    "underlying_security_value",
    "shares_owned_following_transaction",
    "value_owned_following_transaction",
    "direct_or_indirect_ownership",
    "nature_of_ownership",
)
_EXERCISES = frozenset({TransactionCode.M, TransactionCode.X})  # derive.is_exercise
_DISPOSED = AcquiredDisposed.DISPOSED
_SALE = TransactionCode.S


def _has_exercise(doc: OwnershipDocument) -> bool:
    """True when the filing exercises options (M or X), which makes its sales "Sale+OE"
    (derive.trade_type)."""
    for table, kind in (
        (doc.non_derivative_table, NonDerivativeTransaction),
        (doc.derivative_table, DerivativeTransaction),
    ):
        for r in table:
            if isinstance(r, kind):
                coding = r.transaction_coding
                if coding is not None and coding.transaction_code in _EXERCISES:
                    return True
    return False


# (open_market, trade_type) by (code, Table I, an exercise in the filing), as derive's functions give them.
_LABELS: dict[tuple[TransactionCode | None, bool, bool], tuple[str | None, str | None]] = {
    (code, table_one, exercised): (
        derive.open_market(code, table_one=table_one),
        derive.trade_type(code, exercised_in_filing=exercised),
    )
    for code in (*TransactionCode, None)
    for table_one in (True, False)
    for exercised in (True, False)
}


@lru_cache(maxsize=1024)
def _business_days(start: date | None, end: date | None) -> int | None:
    """``derive.business_days_between``, remembered: a filing's rows share their dates (a pure function
    of two dates, so the memo cannot go stale)."""
    return derive.business_days_between(start, end)


def _put_derived(
    out: list[Any],
    row: NonDerivativeTransaction | DerivativeTransaction,
    code: TransactionCode | None,
    table_one: bool,
    exercised: bool,
    *,
    filed: date | None,
) -> date | None:
    """Append the derived columns (spec.md section 8); return the row's event date. The arithmetic is
    that of ``derive.signed_shares``, ``transaction_value``, ``shares_owned_before`` and
    ``ownership_change``, written out once here (each signed amount worked out once, not per
    measure)."""
    # The date a Form 4's deadline counts from: the deemed execution date where given (Rule
    # 16a-3(g)(2),(3)), else the transaction date (spec.md section 4).
    when = row.deemed_execution_date
    event = when.value if when is not None else None
    if event is None:
        when = row.transaction_date
        event = when.value if when is not None else None
    fact = row.transaction_shares
    shares = fact.value if fact is not None else None
    direction = row.transaction_acquired_disposed_code
    ad = direction.value if direction is not None else None
    signed = None if shares is None or ad is None else (-shares if ad is _DISPOSED else shares)
    value = before = pct = new = None
    if signed is not None:
        fact = row.transaction_price_per_share
        price = fact.value if fact is not None else None
        if price is not None:
            value = _dec(signed * price)
        fact = row.shares_owned_following_transaction
        following = fact.value if fact is not None else None
        if following is not None:
            owned_before = following - signed
            before = _dec(owned_before)
            if owned_before == 0:
                new = True
            else:
                pct, new = _dec(signed * 100 / owned_before), False
    labels = (
        _LABELS.get((code, table_one, exercised)) if code is None or type(code) is TransactionCode else None
    )
    if labels is None:
        labels = (
            derive.open_market(code, table_one=table_one),
            derive.trade_type(code, exercised_in_filing=exercised),
        )
    out += (value, before, pct, new, *labels, _business_days(event, filed))
    return event


def _owner_row(key: str, i: int, owner: ReportingOwner) -> Row:
    a = owner.address
    r = owner.relationship
    return (
        key,
        i,
        owner.rpt_owner_cik,
        owner.rpt_owner_ccc,
        owner.rpt_owner_name,
        *(
            (
                a.rpt_owner_street1,
                a.rpt_owner_street2,
                a.rpt_owner_city,
                a.rpt_owner_state,
                a.rpt_owner_zip_code,
                a.rpt_owner_state_description,
                a.rpt_owner_good_address,
                a.rpt_owner_non_us_address_flag,
                a.rpt_owner_non_us_state_territory,
                a.rpt_owner_country,
            )
            if a is not None
            else (None,) * 10
        ),
        *(
            (
                r.is_director,
                r.is_officer,
                r.is_ten_percent_owner,
                r.is_other,
                r.officer_title,
                r.other_text,
            )
            if r is not None
            else (None,) * 6
        ),
        ",".join(derive.roles(r)) or None,
    )


def _document_rows(
    key: str,
    doc: OwnershipDocument,
    filed: date | None,
    filing_date: date | None,
    out: dict[str, list[Row]],
) -> date | None:
    """Fill the row tables of ``out`` from ``doc``; return the earliest event date of its transactions.
    Transaction rows end with ``filing_date`` and ``is_current`` (True until the store links an
    amendment of this filing, as filings.is_current)."""
    # Whether the filing exercises options: asked at its first sale (derive.trade_type's "Sale+OE"); the
    # labels of other codes do not depend on it.
    exercised: bool | None = None
    earliest: date | None = None
    owners = out["owners"]
    for i, owner in enumerate(doc.reporting_owners):
        owners.append(_owner_row(key, i, owner))
    nd_transactions = out["non_derivative_transactions"]
    nd_holdings = out["non_derivative_holdings"]
    row: list[Any]
    for i, nd in enumerate(doc.non_derivative_table):
        if isinstance(nd, NonDerivativeTransaction):
            row = [key, i]
            _put(row, _ND_TRANSACTION_HEAD(nd))
            code = _put_coding(row, nd.transaction_coding)
            _put(row, _ND_TRANSACTION_AMOUNTS_AND_POST(nd))
            if code is _SALE and exercised is None:
                exercised = _has_exercise(doc)
            event = _put_derived(row, nd, code, True, exercised or False, filed=filed)
            if event is not None and (earliest is None or event < earliest):
                earliest = event
            row.append(filing_date)
            row.append(True)
            nd_transactions.append(tuple(row))
        elif isinstance(nd, NonDerivativeHolding):
            row = [key, i]
            _put(row, (nd.security_title,))
            _put_coding(row, nd.transaction_coding)
            _put(row, _POST(nd))
            nd_holdings.append(tuple(row))
    d_transactions = out["derivative_transactions"]
    d_holdings = out["derivative_holdings"]
    for i, d in enumerate(doc.derivative_table):
        if isinstance(d, DerivativeTransaction):
            row = [key, i]
            _put(row, _D_TRANSACTION_HEAD(d))
            code = _put_coding(row, d.transaction_coding)
            _put(row, _D_TRANSACTION_AMOUNTS_TERMS_AND_POST(d))
            if code is _SALE and exercised is None:
                exercised = _has_exercise(doc)
            event = _put_derived(row, d, code, False, exercised or False, filed=filed)
            if event is not None and (earliest is None or event < earliest):
                earliest = event
            row.append(filing_date)
            row.append(True)
            d_transactions.append(tuple(row))
        elif isinstance(d, DerivativeHolding):
            row = [key, i]
            _put(row, _D_HOLDING_HEAD(d))
            _put_coding(row, d.transaction_coding)
            _put(row, _TERMS_AND_POST(d))
            d_holdings.append(tuple(row))
    if doc.footnotes:
        out["footnotes"] += [(key, i, note.id, note.text) for i, note in enumerate(doc.footnotes)]
    if doc.owner_signatures:
        out["signatures"] += [
            (key, i, sig.signature_name, sig.signature_date) for i, sig in enumerate(doc.owner_signatures)
        ]
    if doc.unparsed:
        out["unparsed"] += [(key, i, un.path, un.text) for i, un in enumerate(doc.unparsed)]
    return earliest


def _finding_rows(key: str, findings: Iterable[Any]) -> list[Row]:
    """Rows of the findings table from ``section16.validate`` findings (read by attribute, so that the
    store does not depend on the validation package being installed)."""
    rows: list[Row] = []
    for i, f in enumerate(findings):
        severity = getattr(f, "severity", None)
        rows.append(
            (
                key,
                i,
                getattr(f, "rule", None),
                getattr(severity, "value", severity),
                getattr(f, "message", None),
                getattr(f, "source", None),
                getattr(f, "table", None),
                getattr(f, "row", None),
                getattr(f, "field", None),
                getattr(f, "place", None),
            )
        )
    return rows


def finding_rows(key: str, findings: Iterable[Any]) -> list[Row]:
    """Rows of the ``findings`` table for the filing ``key`` (``finding_index`` in the order given), as
    :func:`filing_rows` writes them; ``section16 validate --db`` rewrites them with this."""
    return _finding_rows(key, findings)


def _filing_date(filed: date | None, accepted: datetime | None, doc: OwnershipDocument | None) -> date | None:
    """The filing date the reports sort and filter by: the header's FILED AS OF DATE, else the
    acceptance date, else (a bare XML document, which carries no filing date) the latest signature
    date, which Form 4 General Instruction 7 makes the day the form is signed for filing."""
    if filed is not None:
        return filed
    if accepted is not None:
        return accepted.date()
    signed = [s.signature_date for s in doc.owner_signatures if s.signature_date] if doc else []
    return max(signed, default=None)


def _insider(owners: Sequence[Row]) -> tuple[str | None, str | None, str | None]:
    """The filing's owners as the reports name them (a joint filing's trade counts once, spec.md
    section 8): names as filed in filed order ("; "), the first owner's CIK, and the owners' roles."""
    if not owners:
        return None, None, None
    roles = [r[-1] for r in owners if r[-1] is not None]
    return "; ".join(r[4] or "" for r in owners), owners[0][2], ",".join(roles) if roles else None


def _issuer_key(cik: str | None, symbol: str | None) -> tuple[str, str | None]:
    """(issuer_key, ticker) as the reports look issuers up (schema.ISSUER_KEY_SQL, computed here the
    way that SQL computes it): the CIK without leading zeros (filers write ``0000320193`` and
    ``320193``), else the ticker; the ticker upper-cased and trimmed of spaces (``" aapl"``)."""
    ticker = symbol.strip(" ").upper() if symbol is not None else None
    if cik is not None:
        return cik.lstrip("0"), ticker
    return (ticker if ticker is not None else ""), ticker


# A document type's three columns (document_type, form, is_amendment), as the model's properties give them.
_DOCUMENT_TYPE_COLUMNS = {kind: (kind.value, kind.form, kind.is_amendment) for kind in DocumentType}
_NO_DOCUMENT_TYPE = (None, None, None)

# The tables a filing's rows go to, in the schema's order (raw documents and the store's metadata are
# written by the store itself).
_ROW_TABLES = tuple(t.name for t in TABLES if t.name not in ("raw_documents", "section16_meta"))


def filing_rows(filing: Filing, findings: Sequence[Any] = (), *, key: str | None = None) -> FilingRows:
    """Every row ``filing`` puts in the store (but its raw bytes), derived measures filled, under
    ``key`` (default :func:`filing_key`; reparse keeps the key a filing is stored under)."""
    key = key or filing_key(filing)
    out: dict[str, list[Row]] = {name: [] for name in _ROW_TABLES}
    header = filing.header
    doc = filing.document
    filed = header.filed_as_of_date if header is not None else None
    filing_date = _filing_date(filed, header.acceptance_datetime if header else None, doc)
    earliest = _document_rows(key, doc, filed, filing_date, out) if doc is not None else None
    issuer = doc.issuer if doc is not None else None
    owners = doc.reporting_owners if doc is not None else ()
    header_issuer = header.issuer if header is not None else None
    doc_type = doc.document_type if doc is not None else None
    src = filing.source
    out["filings"].append(
        (
            key,
            filing.accession_number,
            src.sha256,
            src.format._value_,  # .value without the enum's descriptor
            src.name,
            src.size,
            src.document_filename,
            "\n".join(src.notes) or None,
            doc is not None,
            doc.schema_version if doc else None,
            *(_DOCUMENT_TYPE_COLUMNS[doc_type] if doc_type is not None else _NO_DOCUMENT_TYPE),
            doc.period_of_report if doc else None,
            doc.date_of_original_submission if doc else None,
            doc.no_securities_owned if doc else None,
            doc.not_subject_to_section16 if doc else None,
            doc.form3_holdings_reported if doc else None,
            doc.form4_transactions_reported if doc else None,
            doc.aff10b5_one if doc else None,
            issuer.issuer_cik if issuer else None,
            issuer.issuer_name if issuer else None,
            issuer.issuer_trading_symbol if issuer else None,
            issuer.issuer_foreign_trading_symbol if issuer else None,
            doc.remarks if doc else None,
            len(owners),
            ",".join(sorted(o.rpt_owner_cik for o in owners if o.rpt_owner_cik)) or None,
            header.submission_type if header else None,
            filed,
            header.acceptance_datetime if header else None,
            header_issuer.fiscal_year_end if header_issuer else None,
            earliest,
            _business_days(earliest, filed),
            None,  # amends_accession: linked by the store once the original is known
            filing_date,
            True,  # is_current: the store clears it when an amendment of this filing is linked
            *_insider(out["owners"]),
            *_issuer_key(
                issuer.issuer_cik if issuer else None, issuer.issuer_trading_symbol if issuer else None
            ),
        )
    )
    out["findings"] = _finding_rows(key, findings)
    return FilingRows(key=key, sha256=src.sha256, tables=out)
