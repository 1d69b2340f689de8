"""A filing as table rows: :func:`filing_rows` turns one :class:`~section16.model.Filing` into a tuple per
row of every table in :mod:`section16.store.schema`, values in the columns' order, derived measures
filled. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache
from typing import Any, get_args, get_type_hints

from section16.model import (
    AcquiredDisposed,
    DerivativeHolding,
    DerivativeTransaction,
    DirectIndirect,
    DocumentType,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipDocument,
    Relationship,
    ReportingOwner,
    Timeliness,
    TransactionCode,
)
from section16.store import derive
from section16.store.schema import DECIMAL_PRECISION, DECIMAL_SCALE, TABLES

__all__ = ["FilingRows", "filing_key", "filing_rows", "finding_rows"]

Row = tuple[Any, ...]

_QUANTUM = Decimal(1).scaleb(-DECIMAL_SCALE)
_DECIMAL_LIMIT = Decimal(10) ** (DECIMAL_PRECISION - DECIMAL_SCALE)
_LOWEST = -_DECIMAL_LIMIT


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
        # Not finite (a comparison with NaN raises; infinities are out of range) or too large: None.
        return value.quantize(_QUANTUM) if _LOWEST < value < _DECIMAL_LIMIT else None
    except InvalidOperation:
        return None


def _stored(value: Any) -> Any:
    """A fact's value as stored: an enum by its code, a decimal fitted by :func:`_dec`, else as it is."""
    if value is not None and type(value) is not str:
        if isinstance(value, Enum):
            return value._value_  # .value without the descriptor
        if isinstance(value, Decimal):
            return _dec(value)
    return value


# The model fields of each row type in the columns' order (section16.store._schema_tables): each leaf
# is two columns (value, footnote ids), the coding four.
_POST_FIELDS = (
    "shares_owned_following_transaction",
    "value_owned_following_transaction",
    "direct_or_indirect_ownership",
    "nature_of_ownership",
)
_TERM_FIELDS = (
    "exercise_date",
    "expiration_date",
    "underlying_security_title",
    "underlying_security_shares",
    "underlying_security_value",
)
_COLUMN_FIELDS: dict[type, tuple[str, ...]] = {
    NonDerivativeTransaction: (
        "security_title",
        "transaction_date",
        "deemed_execution_date",
        "transaction_coding",
        "transaction_timeliness",
        "transaction_shares",
        "transaction_price_per_share",
        "transaction_acquired_disposed_code",
        *_POST_FIELDS,
    ),
    NonDerivativeHolding: ("security_title", "transaction_coding", *_POST_FIELDS),
    DerivativeTransaction: (
        "security_title",
        "conversion_or_exercise_price",
        "transaction_date",
        "deemed_execution_date",
        "transaction_coding",
        "transaction_timeliness",
        "transaction_shares",
        "transaction_total_value",
        "transaction_price_per_share",
        "transaction_acquired_disposed_code",
        *_TERM_FIELDS,
        *_POST_FIELDS,
    ),
    DerivativeHolding: (
        "security_title",
        "conversion_or_exercise_price",
        "transaction_coding",
        *_TERM_FIELDS,
        *_POST_FIELDS,
    ),
}


def _builder_source(kind: type) -> str:
    """Python source of the row builder of ``kind``: ``build(key, index, row, tail)`` returns the row's
    tuple ``(key, index, <its columns>, *tail)``. Written out field by field from the model's field
    types (as :mod:`dataclasses` writes ``__init__``): every row of every filing is built, and a loop over
    the leaves with a type test per value costs about twice as much. A value of another type than the
    field's declared one goes through :func:`_stored`, so the columns are :func:`_stored`'s whatever
    the value."""
    hints = get_type_hints(kind)
    lines = ["def build(key, index, row, tail):"]
    names: list[str] = []
    for name in _COLUMN_FIELDS[kind]:
        n = len(names)
        if name == "transaction_coding":
            a, b, c, d = (f"c{n + j}" for j in range(4))
            names += [a, b, c, d]
            lines += [
                f"    g = row.{name}",
                "    if g is None:",
                f"        {a} = {b} = {c} = {d} = None",
                "    else:",
                f"        {a} = g.transaction_form_type",
                f"        {b} = g.transaction_code",
                f"        if {b} is not None:",
                f"            {b} = {b}._value_",
                f"        {c} = g.equity_swap_involved",
                f"        {d} = g.footnote_ids",
                f"        {d} = ','.join({d}) if {d} else None",
            ]
            continue
        value, ids = f"c{n}", f"c{n + 1}"
        names += [value, ids]
        (fact_type,) = (t for t in get_args(hints[name]) if t is not type(None))
        (declared,) = get_args(fact_type)
        lines += [
            f"    f = row.{name}",
            "    if f is None:",
            f"        {value} = {ids} = None",
            "    else:",
            "        v = f.value",
        ]
        if declared is Decimal:
            lines += [
                "        if v is not None:",
                "            if type(v) is Decimal:",
                "                try:",
                "                    v = v.quantize(_QUANTUM) if _LOWEST < v < _DECIMAL_LIMIT else None",
                "                except InvalidOperation:",
                "                    v = None",
                "            else:",
                "                v = _stored(v)",
            ]
        elif issubclass(declared, Enum):
            lines += [
                "        if v is not None:",
                f"            v = v._value_ if type(v) is {declared.__name__} else _stored(v)",
            ]
        else:  # str, date: stored as they are
            lines += [
                f"        if v is not None and type(v) is not {declared.__name__}:",
                "            v = _stored(v)",
            ]
        lines += [
            f"        {value} = v",
            f"        {ids} = f.footnote_ids",
            f"        {ids} = ','.join({ids}) if {ids} else None",
        ]
    lines.append(f"    return (key, index, {', '.join(names)}, *tail)")
    return "\n".join(lines) + "\n"


RowBuilder = Callable[[str, int, Any, tuple[Any, ...]], Row]


def _builder(kind: type) -> RowBuilder:
    """Compile :func:`_builder_source` of ``kind``."""
    scope: dict[str, Any] = {
        "Decimal": Decimal,
        "InvalidOperation": InvalidOperation,
        "_QUANTUM": _QUANTUM,
        "_LOWEST": _LOWEST,
        "_DECIMAL_LIMIT": _DECIMAL_LIMIT,
        "_stored": _stored,
        "str": str,
        "date": date,
        **{t.__name__: t for t in (Timeliness, AcquiredDisposed, DirectIndirect)},
    }
    exec(compile(_builder_source(kind), f"<section16.store.rows builder of {kind.__name__}>", "exec"), scope)
    build: RowBuilder = scope["build"]
    return build


_ND_TRANSACTION_ROW = _builder(NonDerivativeTransaction)
_ND_HOLDING_ROW = _builder(NonDerivativeHolding)
_D_TRANSACTION_ROW = _builder(DerivativeTransaction)
_D_HOLDING_ROW = _builder(DerivativeHolding)


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


# (open_market, trade_type) by code, for [Table II, Table I][no exercise, an exercise in the filing], as
# derive's functions give them.
_LABELS: tuple[tuple[dict[TransactionCode | None, tuple[str | None, str | None]], ...], ...] = tuple(
    tuple(
        {
            code: (
                derive.open_market(code, table_one=table_one),
                derive.trade_type(code, exercised_in_filing=exercised),
            )
            for code in (*TransactionCode, None)
        }
        for exercised in (False, True)
    )
    for table_one in (False, True)
)


@lru_cache(maxsize=1024)
def _business_days(start: date | None, end: date | None) -> int | None:
    """``derive.business_days_between``, remembered: a filing's rows share their dates (a pure function
    of two dates, so the memo cannot go stale)."""
    return derive.business_days_between(start, end)


def _derived(
    row: NonDerivativeTransaction | DerivativeTransaction,
    code: TransactionCode | None,
    table_one: bool,
    exercised: bool,
    dates: tuple[date | None, date | None],
) -> tuple[tuple[Any, ...], date | None]:
    """The columns after a transaction's leaves: the derived ones (spec.md section 8), then
    ``filing_date`` and ``is_current`` (True until the store links an amendment of this filing, as
    filings.is_current); and the row's event date. ``dates`` is (filed as of, filing date). The
    arithmetic is that of ``derive.signed_shares``, ``transaction_value``, ``shares_owned_before`` and
    ``ownership_change``, written out once here (each signed amount worked out once, not per
    measure)."""
    filed, filing_date = dates
    # The date a Form 4's deadline counts from: the deemed execution date where given (Rule
    # 16a-3(g)(2),(3)), else the transaction date (spec.md section 4).
    when = row.deemed_execution_date
    event = when.value if when is not None else None
    if event is None:
        when = row.transaction_date
        event = when.value if when is not None else None
    value = before = pct = new = None
    fact = row.transaction_shares
    direction = row.transaction_acquired_disposed_code
    shares = fact.value if fact is not None else None
    ad = direction.value if direction is not None else None
    if shares is not None and ad is not None:
        signed = -shares if ad is _DISPOSED else shares
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
        _LABELS[table_one][exercised].get(code) if code is None or type(code) is TransactionCode else None
    )
    if labels is None:
        labels = (
            derive.open_market(code, table_one=table_one),
            derive.trade_type(code, exercised_in_filing=exercised),
        )
    days = None if event is None or filed is None else _business_days(event, filed)
    return (value, before, pct, new, labels[0], labels[1], days, filing_date, True), event


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
        _roles(r),
    )


@lru_cache(maxsize=1024)
def _roles(relationship: Relationship | None) -> str | None:
    """The owner's ``roles`` column: ``derive.roles`` comma-separated, remembered per relationship (a
    frozen value; insiders file again and again with the same one)."""
    return ",".join(derive.roles(relationship)) or None


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
    dates = (filed, filing_date)
    for i, nd in enumerate(doc.non_derivative_table):
        if isinstance(nd, NonDerivativeTransaction):
            coding = nd.transaction_coding
            code = coding.transaction_code if coding is not None else None
            if code is _SALE and exercised is None:
                exercised = _has_exercise(doc)
            tail, event = _derived(nd, code, True, exercised or False, dates)
            if event is not None and (earliest is None or event < earliest):
                earliest = event
            nd_transactions.append(_ND_TRANSACTION_ROW(key, i, nd, tail))
        elif isinstance(nd, NonDerivativeHolding):
            nd_holdings.append(_ND_HOLDING_ROW(key, i, nd, ()))
    d_transactions = out["derivative_transactions"]
    d_holdings = out["derivative_holdings"]
    for i, d in enumerate(doc.derivative_table):
        if isinstance(d, DerivativeTransaction):
            coding = d.transaction_coding
            code = coding.transaction_code if coding is not None else None
            if code is _SALE and exercised is None:
                exercised = _has_exercise(doc)
            tail, event = _derived(d, code, False, exercised or False, dates)
            if event is not None and (earliest is None or event < earliest):
                earliest = event
            d_transactions.append(_D_TRANSACTION_ROW(key, i, d, tail))
        elif isinstance(d, DerivativeHolding):
            d_holdings.append(_D_HOLDING_ROW(key, i, d, ()))
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
            None if earliest is None or filed is None else _business_days(earliest, filed),
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
