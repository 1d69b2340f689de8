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
from typing import Any

from section16.model import (
    DerivativeHolding,
    DerivativeTransaction,
    Fact,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipDocument,
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


def _leaf(fact: Fact[Any] | None) -> tuple[Any, str | None]:
    """A fact's two columns: its value as stored (an enum by its code, a decimal fitted by :func:`_dec`)
    and its footnote ids, comma-separated. One call per leaf of every row: kept flat."""
    if fact is None:
        return _NO_LEAF
    value = fact.value
    if value is not None and type(value) is not str:
        if isinstance(value, Enum):
            value = value._value_  # .value without the descriptor (a call on every enum leaf)
        elif isinstance(value, Decimal):
            value = _dec(value)
    ids = fact.footnote_ids
    return value, ",".join(ids) if ids else None


def _coding(coding: TransactionCoding | None) -> tuple[Any, ...]:
    if coding is None:
        return None, None, None, None
    code = coding.transaction_code
    return (
        coding.transaction_form_type,
        code.value if code is not None else None,
        coding.equity_swap_involved,
        ",".join(coding.footnote_ids) if coding.footnote_ids else None,
    )


def _code(coding: TransactionCoding | None) -> TransactionCode | None:
    return coding.transaction_code if coding is not None else None


def _event_date(row: NonDerivativeTransaction | DerivativeTransaction) -> date | None:
    """The date a Form 4's deadline counts from: the deemed execution date where given (Rule
    16a-3(g)(2),(3)), else the transaction date (spec.md section 4)."""
    for fact in (row.deemed_execution_date, row.transaction_date):
        if fact is not None and fact.value is not None:
            return fact.value
    return None


def _derived(
    row: NonDerivativeTransaction | DerivativeTransaction,
    *,
    table_one: bool,
    exercised: bool,
    filed: date | None,
) -> tuple[Any, ...]:
    code = _code(row.transaction_coding)
    shares = row.transaction_shares.value if row.transaction_shares else None
    price = row.transaction_price_per_share.value if row.transaction_price_per_share else None
    ad = row.transaction_acquired_disposed_code.value if row.transaction_acquired_disposed_code else None
    following = (
        row.shares_owned_following_transaction.value if row.shares_owned_following_transaction else None
    )
    signed = derive.signed_shares(shares, ad)
    before = derive.shares_owned_before(following, signed)
    pct, new = derive.ownership_change(signed, before)
    return (
        _dec(derive.transaction_value(shares, price, ad)),
        _dec(before),
        _dec(pct),
        new,
        derive.open_market(code, table_one=table_one),
        derive.trade_type(code, exercised_in_filing=exercised),
        derive.business_days_between(_event_date(row), filed),
    )


def _post(row: Any) -> tuple[Any, ...]:
    return (
        *_leaf(row.shares_owned_following_transaction),
        *_leaf(row.value_owned_following_transaction),
        *_leaf(row.direct_or_indirect_ownership),
        *_leaf(row.nature_of_ownership),
    )


def _terms(row: DerivativeTransaction | DerivativeHolding) -> tuple[Any, ...]:
    return (
        *_leaf(row.exercise_date),
        *_leaf(row.expiration_date),
        *_leaf(row.underlying_security_title),
        *_leaf(row.underlying_security_shares),
        *_leaf(row.underlying_security_value),
    )


def _document_rows(
    key: str, doc: OwnershipDocument, filed: date | None, out: dict[str, list[Row]]
) -> date | None:
    """Fill the row tables of ``out`` from ``doc``; return the earliest event date of its transactions."""
    exercised = any(
        derive.is_exercise(_code(r.transaction_coding)) for r in doc.non_derivative_transactions
    ) or any(derive.is_exercise(_code(r.transaction_coding)) for r in doc.derivative_transactions)
    earliest: date | None = None
    for i, owner in enumerate(doc.reporting_owners):
        a = owner.address
        r = owner.relationship
        out["owners"].append(
            (
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
        )
    for i, nd in enumerate(doc.non_derivative_table):
        if isinstance(nd, NonDerivativeTransaction):
            event = _event_date(nd)
            if event is not None and (earliest is None or event < earliest):
                earliest = event
            out["non_derivative_transactions"].append(
                (
                    key,
                    i,
                    *_leaf(nd.security_title),
                    *_leaf(nd.transaction_date),
                    *_leaf(nd.deemed_execution_date),
                    *_coding(nd.transaction_coding),
                    *_leaf(nd.transaction_timeliness),
                    *_leaf(nd.transaction_shares),
                    *_leaf(nd.transaction_price_per_share),
                    *_leaf(nd.transaction_acquired_disposed_code),
                    *_post(nd),
                    *_derived(nd, table_one=True, exercised=exercised, filed=filed),
                )
            )
        elif isinstance(nd, NonDerivativeHolding):
            out["non_derivative_holdings"].append(
                (key, i, *_leaf(nd.security_title), *_coding(nd.transaction_coding), *_post(nd))
            )
    for i, d in enumerate(doc.derivative_table):
        if isinstance(d, DerivativeTransaction):
            event = _event_date(d)
            if event is not None and (earliest is None or event < earliest):
                earliest = event
            out["derivative_transactions"].append(
                (
                    key,
                    i,
                    *_leaf(d.security_title),
                    *_leaf(d.conversion_or_exercise_price),
                    *_leaf(d.transaction_date),
                    *_leaf(d.deemed_execution_date),
                    *_coding(d.transaction_coding),
                    *_leaf(d.transaction_timeliness),
                    *_leaf(d.transaction_shares),
                    *_leaf(d.transaction_total_value),
                    *_leaf(d.transaction_price_per_share),
                    *_leaf(d.transaction_acquired_disposed_code),
                    *_terms(d),
                    *_post(d),
                    *_derived(d, table_one=False, exercised=exercised, filed=filed),
                )
            )
        elif isinstance(d, DerivativeHolding):
            out["derivative_holdings"].append(
                (
                    key,
                    i,
                    *_leaf(d.security_title),
                    *_leaf(d.conversion_or_exercise_price),
                    *_coding(d.transaction_coding),
                    *_terms(d),
                    *_post(d),
                )
            )
    for i, note in enumerate(doc.footnotes):
        out["footnotes"].append((key, i, note.id, note.text))
    for i, sig in enumerate(doc.owner_signatures):
        out["signatures"].append((key, i, sig.signature_name, sig.signature_date))
    for i, un in enumerate(doc.unparsed):
        out["unparsed"].append((key, i, un.path, un.text))
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


def filing_rows(filing: Filing, findings: Sequence[Any] = (), *, key: str | None = None) -> FilingRows:
    """Every row ``filing`` puts in the store (but its raw bytes), derived measures filled, under
    ``key`` (default :func:`filing_key`; reparse keeps the key a filing is stored under)."""
    key = key or filing_key(filing)
    out: dict[str, list[Row]] = {t.name: [] for t in TABLES}
    header = filing.header
    doc = filing.document
    filed = header.filed_as_of_date if header is not None else None
    earliest = _document_rows(key, doc, filed, out) if doc is not None else None
    issuer = doc.issuer if doc is not None else None
    owners = doc.reporting_owners if doc is not None else ()
    header_issuer = header.issuer if header is not None else None
    doc_type = doc.document_type if doc is not None else None
    src = filing.source
    filing_date = _filing_date(filed, header.acceptance_datetime if header else None, doc)
    for name in ("non_derivative_transactions", "derivative_transactions"):
        # is_current: True until the store links an amendment of this filing (as filings.is_current).
        out[name] = [(*row, filing_date, True) for row in out[name]]
    out["filings"].append(
        (
            key,
            filing.accession_number,
            src.sha256,
            src.format.value,
            src.name,
            src.size,
            src.document_filename,
            "\n".join(src.notes) or None,
            doc is not None,
            doc.schema_version if doc else None,
            doc_type.value if doc_type else None,
            doc_type.form if doc_type else None,
            doc_type.is_amendment if doc_type else None,
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
            derive.business_days_between(earliest, filed),
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
    del out["raw_documents"], out["section16_meta"]
    return FilingRows(key=key, sha256=src.sha256, tables=out)
