"""The ownership document: one ``<ownershipDocument>`` of a Form 3, 4 or 5 (or amendment), every element
and attribute of the EDGAR Ownership XML schemas X0203-X0609, typed.

Names follow the XML in snake_case (``sharesOwnedFollowingTransaction`` ->
``shares_owned_following_transaction``). Container elements that only group leaves
(``transactionAmounts``, ``postTransactionAmounts``, ``ownershipNature``, ``underlyingSecurity``) are
flattened into the row. Every leaf that the schema lets carry footnotes is a :class:`Fact`: its value and
the ids of the footnotes attached to exactly that value.

A leaf that is absent from the XML is ``None``; a leaf that is present but empty is ``Fact(None)``; a leaf
whose text could not be read as its type keeps ``value=None`` and its text is kept, with its XPath, in
:attr:`OwnershipDocument.unparsed`, so nothing that was filed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

from section16.model.codes import (
    AcquiredDisposed,
    DirectIndirect,
    DocumentType,
    Timeliness,
    TransactionCode,
)

__all__ = [
    "Address",
    "DerivativeHolding",
    "DerivativeRow",
    "DerivativeTransaction",
    "Extra",
    "Fact",
    "Footnote",
    "Issuer",
    "NonDerivativeHolding",
    "NonDerivativeRow",
    "NonDerivativeTransaction",
    "OwnershipDocument",
    "Relationship",
    "ReportingOwner",
    "Signature",
    "TransactionCoding",
    "Unparsed",
    "ValuePlace",
]

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Fact(Generic[T]):
    """A value as filed and the footnotes attached to it (``<value>`` plus ``<footnoteId id="..."/>``).

    ``value`` is ``None`` when the element had no value: given only by a footnote (a price "see F2"),
    empty, or not readable as its type (then the text is in ``OwnershipDocument.unparsed``).
    """

    value: T | None = None
    footnote_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Footnote:
    """``<footnote id="F1">text</footnote>`` in ``<footnotes>``."""

    id: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Issuer:
    """``<issuer>``."""

    issuer_cik: str | None = None
    issuer_name: str | None = None
    issuer_trading_symbol: str | None = None
    issuer_foreign_trading_symbol: str | None = None  # X0609


@dataclass(frozen=True, slots=True, kw_only=True)
class Address:
    """``<reportingOwnerAddress>``."""

    rpt_owner_street1: str | None = None
    rpt_owner_street2: str | None = None
    rpt_owner_city: str | None = None
    rpt_owner_state: str | None = None
    rpt_owner_zip_code: str | None = None
    rpt_owner_state_description: str | None = None
    rpt_owner_good_address: bool | None = None
    rpt_owner_non_us_address_flag: bool | None = None  # X0609
    rpt_owner_non_us_state_territory: str | None = None  # X0609
    rpt_owner_country: str | None = None  # X0609


@dataclass(frozen=True, slots=True, kw_only=True)
class Relationship:
    """``<reportingOwnerRelationship>``: box 5 of Form 4 (box 4 of Form 3)."""

    is_director: bool | None = None
    is_officer: bool | None = None
    is_ten_percent_owner: bool | None = None
    is_other: bool | None = None
    officer_title: str | None = None
    other_text: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportingOwner:
    """``<reportingOwner>``: one of the 1-10 persons filing jointly. ``rpt_owner_name`` as filed
    (often "LAST FIRST")."""

    rpt_owner_cik: str | None = None
    rpt_owner_ccc: str | None = None
    rpt_owner_name: str | None = None
    address: Address | None = None
    relationship: Relationship | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class TransactionCoding:
    """``<transactionCoding>``: form type (the "V" column when 5 on a Form 4), code, equity swap (the
    "/K" after the code), and footnotes attached to the coding as a whole. On Form 5 holdings only the
    form type (3 or 4: a holding that should have been reported on that form) and footnotes occur."""

    transaction_form_type: str | None = None
    transaction_code: TransactionCode | None = None
    equity_swap_involved: bool | None = None
    footnote_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class NonDerivativeTransaction:
    """``<nonDerivativeTransaction>``: a row of Table I that reports a transaction."""

    security_title: Fact[str] | None = None
    transaction_date: Fact[date] | None = None
    deemed_execution_date: Fact[date] | None = None
    transaction_coding: TransactionCoding | None = None
    transaction_timeliness: Fact[Timeliness] | None = None
    transaction_shares: Fact[Decimal] | None = None
    transaction_price_per_share: Fact[Decimal] | None = None
    transaction_acquired_disposed_code: Fact[AcquiredDisposed] | None = None
    shares_owned_following_transaction: Fact[Decimal] | None = None
    value_owned_following_transaction: Fact[Decimal] | None = None
    direct_or_indirect_ownership: Fact[DirectIndirect] | None = None
    nature_of_ownership: Fact[str] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class NonDerivativeHolding:
    """``<nonDerivativeHolding>``: a row of Table I that reports a holding."""

    security_title: Fact[str] | None = None
    transaction_coding: TransactionCoding | None = None  # Form 5 only: form type 3 or 4
    shares_owned_following_transaction: Fact[Decimal] | None = None
    value_owned_following_transaction: Fact[Decimal] | None = None
    direct_or_indirect_ownership: Fact[DirectIndirect] | None = None
    nature_of_ownership: Fact[str] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DerivativeTransaction:
    """``<derivativeTransaction>``: a row of Table II that reports a transaction."""

    security_title: Fact[str] | None = None
    conversion_or_exercise_price: Fact[Decimal] | None = None
    transaction_date: Fact[date] | None = None
    deemed_execution_date: Fact[date] | None = None
    transaction_coding: TransactionCoding | None = None
    transaction_timeliness: Fact[Timeliness] | None = None
    transaction_shares: Fact[Decimal] | None = None
    transaction_total_value: Fact[Decimal] | None = None
    transaction_price_per_share: Fact[Decimal] | None = None
    transaction_acquired_disposed_code: Fact[AcquiredDisposed] | None = None
    exercise_date: Fact[date] | None = None
    expiration_date: Fact[date] | None = None
    underlying_security_title: Fact[str] | None = None
    underlying_security_shares: Fact[Decimal] | None = None
    underlying_security_value: Fact[Decimal] | None = None
    shares_owned_following_transaction: Fact[Decimal] | None = None
    value_owned_following_transaction: Fact[Decimal] | None = None
    direct_or_indirect_ownership: Fact[DirectIndirect] | None = None
    nature_of_ownership: Fact[str] | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DerivativeHolding:
    """``<derivativeHolding>``: a row of Table II that reports a holding."""

    security_title: Fact[str] | None = None
    conversion_or_exercise_price: Fact[Decimal] | None = None
    transaction_coding: TransactionCoding | None = None  # Form 5 only: form type 3 or 4
    exercise_date: Fact[date] | None = None
    expiration_date: Fact[date] | None = None
    underlying_security_title: Fact[str] | None = None
    underlying_security_shares: Fact[Decimal] | None = None
    underlying_security_value: Fact[Decimal] | None = None
    shares_owned_following_transaction: Fact[Decimal] | None = None
    value_owned_following_transaction: Fact[Decimal] | None = None
    direct_or_indirect_ownership: Fact[DirectIndirect] | None = None
    nature_of_ownership: Fact[str] | None = None


NonDerivativeRow = NonDerivativeTransaction | NonDerivativeHolding
DerivativeRow = DerivativeTransaction | DerivativeHolding


@dataclass(frozen=True, slots=True, kw_only=True)
class Signature:
    """``<ownerSignature>``."""

    signature_name: str | None = None
    signature_date: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Unparsed:
    """Text of a typed element that could not be read as its type, kept with the element's XPath
    (e.g. ``/ownershipDocument/nonDerivativeTable/nonDerivativeTransaction[2]/transactionAmounts/
    transactionShares/value``, text ``"See footnote"``)."""

    path: str
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ValuePlace:
    """Where a value of a document recovered from a rendered copy (the HTML view, a PDF, converted text)
    was read, and how sure the reader is of it. ``path`` names the value in the model, by attribute
    names and 0-based positions (``non_derivative_table[1].transaction_shares``,
    ``reporting_owners[0].address.rpt_owner_city``, ``issuer.issuer_name``); a value's footnote ids come
    from the same place. ``place`` says where in the copy: a page and line, a line, or a table cell.
    ``confidence`` (0 to 1) is the share of such values the reader reads right on the project's benchmark
    of rendered corpus filings, lowered for a value it deduced rather than read."""

    path: str
    place: str
    confidence: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Extra:
    """An element the schemas do not define, kept whole: its parent's XPath and its XML."""

    parent_path: str
    xml: str


@dataclass(frozen=True, slots=True, kw_only=True)
class OwnershipDocument:
    """``<ownershipDocument>``. Table rows keep the order they were filed in, transactions and holdings
    interleaved; :attr:`non_derivative_transactions` and friends pick them out."""

    schema_version: str | None = None
    document_type: DocumentType | None = None
    period_of_report: date | None = None
    date_of_original_submission: date | None = None
    no_securities_owned: bool | None = None
    not_subject_to_section16: bool | None = None
    form3_holdings_reported: bool | None = None
    form4_transactions_reported: bool | None = None
    issuer: Issuer | None = None
    reporting_owners: tuple[ReportingOwner, ...] = ()
    aff10b5_one: bool | None = None
    non_derivative_table: tuple[NonDerivativeRow, ...] = ()
    derivative_table: tuple[DerivativeRow, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    remarks: str | None = None
    owner_signatures: tuple[Signature, ...] = ()
    unparsed: tuple[Unparsed, ...] = ()
    extras: tuple[Extra, ...] = ()
    places: tuple[ValuePlace, ...] = ()  # a rendered copy's: where each value was read (empty for XML)

    @property
    def non_derivative_transactions(self) -> tuple[NonDerivativeTransaction, ...]:
        """Table I rows that are transactions, in filed order."""
        return tuple(r for r in self.non_derivative_table if isinstance(r, NonDerivativeTransaction))

    @property
    def non_derivative_holdings(self) -> tuple[NonDerivativeHolding, ...]:
        """Table I rows that are holdings, in filed order."""
        return tuple(r for r in self.non_derivative_table if isinstance(r, NonDerivativeHolding))

    @property
    def derivative_transactions(self) -> tuple[DerivativeTransaction, ...]:
        """Table II rows that are transactions, in filed order."""
        return tuple(r for r in self.derivative_table if isinstance(r, DerivativeTransaction))

    @property
    def derivative_holdings(self) -> tuple[DerivativeHolding, ...]:
        """Table II rows that are holdings, in filed order."""
        return tuple(r for r in self.derivative_table if isinstance(r, DerivativeHolding))

    def footnote(self, footnote_id: str) -> Footnote | None:
        """The footnote with this id (``"F1"``), or None when the document has none such."""
        for note in self.footnotes:
            if note.id == footnote_id:
                return note
        return None

    @property
    def is_amendment(self) -> bool:
        """True for 3/A, 4/A and 5/A."""
        return self.document_type is not None and self.document_type.is_amendment
