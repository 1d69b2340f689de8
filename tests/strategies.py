"""Hypothesis strategies that build valid, varied :class:`~section16.model.OwnershipDocument` objects.

Shared by the round-trip, validation and store tests. Two flavours:

- ``ownership_documents()``: every form (3, 3/A, 4, 4/A, 5, 5/A), 1-10 reporting owners, the row kinds of
  the form interleaved, footnote-only Facts, empty Facts, optional leaves left out, footnotes, remarks
  with ``&<>``, unicode, decimals with up to 6 fraction digits, and (with ``kept=True``, the default)
  texts the reader could not type (``OwnershipDocument.unparsed``) and unknown elements
  (``OwnershipDocument.extras``). Each such document is what the reader gives for some XML: texts are
  stripped and non-empty, unparsed texts sit on an element that is there, in document order.
- ``ownership_documents(schema_complete=True)``: documents whose XML is valid against the official
  v5.5 XSD of their form (``corpus/schema/ownership*Document.xsd.xml``): every element the schema
  requires is there, lengths, patterns and enumerations are kept (4 fraction digits, footnote ids that
  refer to footnotes, ...), no unparsed texts and no unknown elements.

The rules of the schema used here are cited from ``ownershipDocumentCommon.xsd`` and the per-form XSDs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from hypothesis import strategies as st
from lxml import etree

from section16.model import (
    AcquiredDisposed,
    Address,
    DerivativeHolding,
    DerivativeTransaction,
    DirectIndirect,
    DocumentType,
    Extra,
    Fact,
    Footnote,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipDocument,
    Relationship,
    ReportingOwner,
    Signature,
    Timeliness,
    TransactionCode,
    TransactionCoding,
    Unparsed,
)

__all__ = ["footnote_texts", "ownership_documents", "texts"]

T = TypeVar("T")
Draw = Any  # hypothesis' draw function

# XML 1.0 characters only: no control characters (tab and newline aside), surrogates, private-use or
# unassigned code points (U+FFFE/U+FFFF are unassigned). Carriage returns are left out: XML parsers turn
# them into newlines.
_CHARACTERS = st.characters(
    exclude_categories=("Cc", "Cs", "Co", "Cn"), include_characters="\t\n"
) | st.sampled_from("&<>\"'; #F1")
_SPECIAL = st.sampled_from(
    ["PG&E", "AT&T Inc.", "<b>bold</b>", "a < b > c", "PG&amp;E", "Müller ÆØÅ 株式会社"]
)

_CODES = list(TransactionCode)
_CODES_IN_XSD = [c for c in TransactionCode if c is not TransactionCode.K]  # TRANS_CODE_PICKLIST has no K
# rptOwnerState / rptOwnerCountry enumerations of ownershipDocumentCommon.xsd (a few of each).
_STATES = ["CA", "NY", "TX", "DE", "MA", "IL", "PR", "DC", "1V", "2J"]
_COUNTRIES = ["A0", "A6", "Z4", "B2", "Y6"]
_ZIP = st.text(alphabet="0123456789ABCDEFGHJKLMNPRSTUVWXYZ #-", min_size=1, max_size=10)
_SCHEMA_VERSIONS = ["X0609", "X0508", "X0407", "X0306", "X0303", "X0202"]
_EXTRA_TAGS = ["filerComment", "agentReference", "internalCode", "legacyField"]
# Texts that are no decimal, no date and no code (what filers put where a number or date goes).
_WORDS = ["See footnote", "Various", "N/A", "Immediately", "Upon vesting", "TBD", "See Remarks (1)"]


def texts(max_size: int = 40, *, min_size: int = 1) -> st.SearchStrategy[str]:
    """Non-empty text as the reader keeps it: no padding white space, any XML character (``&<>``,
    quotes, unicode, inner new lines), now and then a classic (``PG&E``)."""
    plain = st.text(_CHARACTERS, min_size=min_size, max_size=max_size).map(str.strip).filter(bool)
    return plain | _SPECIAL.filter(lambda s: len(s) <= max_size)


def footnote_texts() -> st.SearchStrategy[str]:
    """Footnote text: sentences with ``&<>`` and unicode, up to a few hundred characters."""
    return texts(300)


def _decimals(schema: bool) -> st.SearchStrategy[Decimal]:
    """Share counts, prices and values: up to 6 fraction digits (4 for the XSD's POSITIVE_DECIMAL, which
    also caps the value at 999999999999.9999)."""
    places = st.integers(0, 4 if schema else 6)
    return places.flatmap(
        lambda p: st.decimals(min_value=0, max_value=10**9, places=p, allow_nan=False, allow_infinity=False)
    )


_DATES = st.dates(min_value=date(1995, 1, 1), max_value=date(2035, 12, 31))


@dataclass(frozen=True)
class _Ctx:
    """What the leaves of one document draw from."""

    form: DocumentType
    schema: bool
    footnote_ids: tuple[str, ...]

    @property
    def form_number(self) -> int:
        return self.form.form


def _ids(draw: Draw, ctx: _Ctx, *, at_least_one: bool = False) -> tuple[str, ...]:
    if not ctx.footnote_ids:
        return ()
    ids = draw(
        st.lists(
            st.sampled_from(ctx.footnote_ids), min_size=1 if at_least_one else 0, max_size=3, unique=True
        )
    )
    return tuple(ids)


def _fact(
    draw: Draw,
    ctx: _Ctx,
    values: st.SearchStrategy[T],
    *,
    required: bool,
    footnote_only: bool = False,
    value_optional: bool = False,
    footnotes: bool = True,
) -> Fact[T] | None:
    """A leaf that may carry footnotes.

    ``required``: the XSD requires the element; ``footnote_only``: the XSD lets a footnote stand in for
    the value (OPT_NUMBER_WITH_FOOTNOTE, OPT_DATE_WITH_FOOTNOTE); ``value_optional``: the XSD lets the
    element be empty (DATE_AND_OR_FOOTNOTE, TRANSACTION_TIMELINESS); ``footnotes``: the XSD allows
    ``footnoteId`` here. Outside schema mode any leaf may be absent, empty or footnote-only."""
    if ctx.schema:
        if not required and draw(st.booleans()):
            return None
        ids = _ids(draw, ctx) if footnotes else ()
        if footnote_only and ctx.footnote_ids and draw(st.integers(0, 3)) == 0:
            return Fact(None, _ids(draw, ctx, at_least_one=True))
        if value_optional and draw(st.integers(0, 3)) == 0:
            return Fact(None, ids)
        return Fact(draw(values), ids)
    shape = draw(st.integers(0, 9))
    if shape == 0:
        return None
    if shape == 1:
        return Fact(None, _ids(draw, ctx))  # empty or footnote-only
    return Fact(draw(values), _ids(draw, ctx))


def _opt(draw: Draw, ctx: _Ctx, values: st.SearchStrategy[T], *, required: bool = False) -> T | None:
    """A plain leaf: required ones are always there in schema mode, anything may be absent otherwise."""
    if (ctx.schema and required) or draw(st.booleans()):
        return draw(values)
    return None


# -- rows -----------------------------------------------------------------------------------------


def _coding(draw: Draw, ctx: _Ctx, *, holding: bool) -> TransactionCoding | None:
    """transactionCoding: on a Form 4/5 transaction form type, code and swap flag are required
    (TRANSACTION_CODING_FOR_4/5); on a Form 5 holding only form type ``3`` and footnotes
    (TRANSACTION_CODE_FOR_HOLDING); Form 3 and Form 4 holdings have none."""
    if holding:
        if ctx.form_number != 5 or draw(st.booleans()):
            return None
        return TransactionCoding(
            transaction_form_type=_opt(draw, ctx, st.just("3")), footnote_ids=_ids(draw, ctx)
        )
    if ctx.schema and draw(st.integers(0, 4)) == 0:
        return None
    form_types = st.sampled_from(["4", "5"])
    codes = st.sampled_from(_CODES_IN_XSD if ctx.schema else _CODES)
    return TransactionCoding(
        transaction_form_type=_opt(draw, ctx, form_types, required=True),
        transaction_code=_opt(draw, ctx, codes, required=True),
        equity_swap_involved=_opt(draw, ctx, st.booleans(), required=True),
        footnote_ids=_ids(draw, ctx),
    )


def _nature(draw: Draw, ctx: _Ctx) -> dict[str, Any]:
    return {
        "direct_or_indirect_ownership": _fact(
            draw, ctx, st.sampled_from(list(DirectIndirect)), required=True
        ),
        "nature_of_ownership": _fact(draw, ctx, texts(100), required=False),
    }


def _post(draw: Draw, ctx: _Ctx, *, present: bool = True) -> dict[str, Any]:
    """postTransactionAmounts: shares or value (a choice in POST_TRANSACTION_AMOUNTS)."""
    if ctx.schema:
        if not present:
            return {}
        key = draw(
            st.sampled_from(["shares_owned_following_transaction", "value_owned_following_transaction"])
        )
        return {key: _fact(draw, ctx, _decimals(True), required=True)}
    return {
        "shares_owned_following_transaction": _fact(draw, ctx, _decimals(False), required=True),
        "value_owned_following_transaction": _fact(draw, ctx, _decimals(False), required=False)
        if draw(st.integers(0, 4)) == 0
        else None,
    }


def _timeliness(draw: Draw, ctx: _Ctx) -> Fact[Timeliness] | None:
    # Form 5 uses TRANSACTION_TIMELINESS_NOFOOT: a value and no footnotes.
    return _fact(
        draw,
        ctx,
        st.sampled_from(list(Timeliness)),
        required=False,
        value_optional=True,
        footnotes=ctx.form_number != 5,
    )


def _underlying(draw: Draw, ctx: _Ctx) -> dict[str, Any]:
    """underlyingSecurity: a title, then shares or value, both optional (UNDERLYING_SECURITY)."""
    out: dict[str, Any] = {"underlying_security_title": _fact(draw, ctx, texts(60), required=True)}
    which = draw(st.sampled_from(["underlying_security_shares", "underlying_security_value", None]))
    if which is not None:
        out[which] = _fact(draw, ctx, _decimals(ctx.schema), required=True, footnote_only=True)
    return out


def _non_derivative_transaction(draw: Draw, ctx: _Ctx) -> NonDerivativeTransaction:
    dec = _decimals(ctx.schema)
    return NonDerivativeTransaction(
        security_title=_fact(draw, ctx, texts(60), required=True),
        transaction_date=_fact(draw, ctx, _DATES, required=True),
        deemed_execution_date=_fact(draw, ctx, _DATES, required=False, value_optional=True),
        transaction_coding=_coding(draw, ctx, holding=False),
        transaction_timeliness=_timeliness(draw, ctx),
        transaction_shares=_fact(draw, ctx, dec, required=True),
        transaction_price_per_share=_fact(draw, ctx, dec, required=True, footnote_only=True),
        transaction_acquired_disposed_code=_fact(
            draw, ctx, st.sampled_from(list(AcquiredDisposed)), required=True
        ),
        **_post(draw, ctx),
        **_nature(draw, ctx),
    )


def _derivative_transaction(draw: Draw, ctx: _Ctx) -> DerivativeTransaction:
    dec = _decimals(ctx.schema)
    amount = draw(st.sampled_from(["transaction_shares", "transaction_total_value"]))
    amounts: dict[str, Any] = {amount: _fact(draw, ctx, dec, required=True)}
    if not ctx.schema and draw(st.booleans()):
        other = "transaction_total_value" if amount == "transaction_shares" else "transaction_shares"
        amounts[other] = _fact(draw, ctx, dec, required=False)
    return DerivativeTransaction(
        security_title=_fact(draw, ctx, texts(60), required=True),
        conversion_or_exercise_price=_fact(draw, ctx, dec, required=True, footnote_only=True),
        transaction_date=_fact(draw, ctx, _DATES, required=True),
        deemed_execution_date=_fact(draw, ctx, _DATES, required=False, value_optional=True),
        transaction_coding=_coding(draw, ctx, holding=False),
        transaction_timeliness=_timeliness(draw, ctx),
        transaction_price_per_share=_fact(draw, ctx, dec, required=True, footnote_only=True),
        # DERIV_TRANSACT_NO_FOOT: the acquired/disposed code of Table II carries no footnotes.
        transaction_acquired_disposed_code=_fact(
            draw, ctx, st.sampled_from(list(AcquiredDisposed)), required=True, footnotes=False
        ),
        exercise_date=_fact(draw, ctx, _DATES, required=True, footnote_only=True),
        expiration_date=_fact(draw, ctx, _DATES, required=True, footnote_only=True),
        **amounts,
        **_underlying(draw, ctx),
        **_post(draw, ctx),
        **_nature(draw, ctx),
    )


def _non_derivative_holding(draw: Draw, ctx: _Ctx) -> NonDerivativeHolding:
    return NonDerivativeHolding(
        security_title=_fact(draw, ctx, texts(60), required=True),
        transaction_coding=_coding(draw, ctx, holding=True),
        **_post(draw, ctx),
        **_nature(draw, ctx),
    )


def _derivative_holding(draw: Draw, ctx: _Ctx) -> DerivativeHolding:
    dec = _decimals(ctx.schema)
    return DerivativeHolding(
        security_title=_fact(draw, ctx, texts(60), required=True),
        conversion_or_exercise_price=_fact(draw, ctx, dec, required=True, footnote_only=True),
        transaction_coding=_coding(draw, ctx, holding=True),
        exercise_date=_fact(draw, ctx, _DATES, required=True, footnote_only=True),
        expiration_date=_fact(draw, ctx, _DATES, required=True, footnote_only=True),
        **_underlying(draw, ctx),
        # A Form 3 derivative holding has no postTransactionAmounts (ownership3Document.xsd).
        **_post(draw, ctx, present=ctx.form_number != 3),
        **_nature(draw, ctx),
    )


def _table(draw: Draw, ctx: _Ctx, *, derivative: bool) -> tuple[Any, ...]:
    """Up to 8 rows, transactions and holdings interleaved; Form 3 reports holdings only."""
    if derivative:
        kinds = (
            [_derivative_holding] if ctx.form_number == 3 else [_derivative_transaction, _derivative_holding]
        )
    else:
        kinds = (
            [_non_derivative_holding]
            if ctx.form_number == 3
            else [_non_derivative_transaction, _non_derivative_holding]
        )
    makers = draw(st.lists(st.sampled_from(kinds), max_size=8))
    return tuple(make(draw, ctx) for make in makers)


# -- people -----------------------------------------------------------------------------------------


def _address(draw: Draw, ctx: _Ctx) -> Address | None:
    if draw(st.integers(0, 3)) == 0:
        return None
    # REPORTING_ADDRESS: street 40, city 30, territory 40, state and country enumerated, zip 10 of
    # [0-9A-Za-z #-], state description 50.
    zip_code = _ZIP.map(str.strip).filter(bool)
    return Address(
        rpt_owner_street1=_opt(draw, ctx, texts(40)),
        rpt_owner_street2=_opt(draw, ctx, texts(40)),
        rpt_owner_city=_opt(draw, ctx, texts(30)),
        rpt_owner_state=_opt(draw, ctx, st.sampled_from(_STATES) if ctx.schema else texts(10)),
        rpt_owner_zip_code=_opt(draw, ctx, zip_code),
        rpt_owner_state_description=_opt(draw, ctx, texts(50)),
        rpt_owner_good_address=_opt(draw, ctx, st.booleans()),
        rpt_owner_non_us_address_flag=_opt(draw, ctx, st.booleans()),
        rpt_owner_non_us_state_territory=_opt(draw, ctx, texts(40)),
        rpt_owner_country=_opt(draw, ctx, st.sampled_from(_COUNTRIES) if ctx.schema else texts(10)),
    )


def _relationship(draw: Draw, ctx: _Ctx) -> Relationship | None:
    if not ctx.schema and draw(st.integers(0, 5)) == 0:
        return None
    return Relationship(
        is_director=_opt(draw, ctx, st.booleans()),
        is_officer=_opt(draw, ctx, st.booleans()),
        is_ten_percent_owner=_opt(draw, ctx, st.booleans()),
        is_other=_opt(draw, ctx, st.booleans()),
        officer_title=_opt(draw, ctx, texts(30)),  # STRING_30
        other_text=_opt(draw, ctx, texts(30)),
    )


_CIK = st.integers(1, 9_999_999_999).map(lambda n: f"{n:010d}")


def _owner(draw: Draw, ctx: _Ctx) -> ReportingOwner:
    ccc = st.text("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789#$@*", min_size=8, max_size=8)  # REPORTING_ID: length 8
    return ReportingOwner(
        rpt_owner_cik=_opt(draw, ctx, _CIK, required=True),
        rpt_owner_ccc=_opt(draw, ctx, ccc) if draw(st.integers(0, 4)) == 0 else None,
        rpt_owner_name=_opt(draw, ctx, texts(150)),
        address=_address(draw, ctx),
        relationship=_relationship(draw, ctx),
    )


def _issuer(draw: Draw, ctx: _Ctx) -> Issuer | None:
    if not ctx.schema and draw(st.integers(0, 9)) == 0:
        return None
    symbol = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ.-", min_size=1, max_size=5).filter(lambda s: s.strip() == s)
    return Issuer(
        issuer_cik=_opt(draw, ctx, _CIK, required=True),
        issuer_name=_opt(draw, ctx, texts(150)),
        issuer_trading_symbol=_opt(draw, ctx, symbol, required=True),  # 1-10 characters
        issuer_foreign_trading_symbol=_opt(draw, ctx, texts(14)) if draw(st.integers(0, 4)) == 0 else None,
    )


# -- what the reader keeps aside --------------------------------------------------------------------

# Row leaves that may hold unreadable text, in schema order, with their place under the row.
_ROW_TYPED_LEAVES = (
    ("conversion_or_exercise_price", "conversionOrExercisePrice"),
    ("transaction_date", "transactionDate"),
    ("deemed_execution_date", "deemedExecutionDate"),
    ("transaction_coding", "transactionCoding"),  # its transactionCode may be unreadable ("V")
    ("transaction_timeliness", "transactionTimeliness"),
    ("transaction_shares", "transactionAmounts/transactionShares"),
    ("transaction_total_value", "transactionAmounts/transactionTotalValue"),
    ("transaction_price_per_share", "transactionAmounts/transactionPricePerShare"),
    ("transaction_acquired_disposed_code", "transactionAmounts/transactionAcquiredDisposedCode"),
    ("exercise_date", "exerciseDate"),
    ("expiration_date", "expirationDate"),
    ("underlying_security_shares", "underlyingSecurity/underlyingSecurityShares"),
    ("underlying_security_value", "underlyingSecurity/underlyingSecurityValue"),
    ("shares_owned_following_transaction", "postTransactionAmounts/sharesOwnedFollowingTransaction"),
    ("value_owned_following_transaction", "postTransactionAmounts/valueOwnedFollowingTransaction"),
    ("direct_or_indirect_ownership", "ownershipNature/directOrIndirectOwnership"),
)
_ROW_TAGS = {
    NonDerivativeTransaction: "nonDerivativeTransaction",
    NonDerivativeHolding: "nonDerivativeHolding",
    DerivativeTransaction: "derivativeTransaction",
    DerivativeHolding: "derivativeHolding",
}


def _extra(draw: Draw, parent_path: str) -> Extra:
    """An element the schemas do not define, serialised as the reader keeps it."""
    element = etree.Element(draw(st.sampled_from(_EXTRA_TAGS)))
    if draw(st.booleans()):
        element.set("kind", draw(texts(10)))
    element.text = draw(texts(30))
    return Extra(parent_path=parent_path, xml=etree.tostring(element, encoding="unicode"))


def _kept(draw: Draw, doc: OwnershipDocument) -> OwnershipDocument:
    """Add unreadable texts (only on leaves that are there without a value, as the reader finds them)
    and unknown elements, both in the order the writer puts them in the XML."""
    unparsed: list[Unparsed] = []
    words = st.sampled_from(_WORDS)
    root = "/ownershipDocument"
    if doc.period_of_report is None and draw(st.integers(0, 3)) == 0:
        unparsed.append(Unparsed(path=f"{root}/periodOfReport", text=draw(words)))
    for n, owner in enumerate(doc.reporting_owners, 1):
        rel = owner.relationship
        if rel is not None and rel.is_director is None and draw(st.integers(0, 3)) == 0:
            path = f"{root}/reportingOwner[{n}]/reportingOwnerRelationship/isDirector"
            unparsed.append(Unparsed(path=path, text=draw(words)))
    for table, rows in (
        ("nonDerivativeTable", doc.non_derivative_table),
        ("derivativeTable", doc.derivative_table),
    ):
        counts: dict[str, int] = {}
        for row in rows:
            tag = _ROW_TAGS[type(row)]
            n = counts[tag] = counts.get(tag, 0) + 1
            row_path = f"{root}/{table}/{tag}[{n}]"
            for name, place in _ROW_TYPED_LEAVES:
                if name == "transaction_coding":
                    coding = row.transaction_coding
                    if (
                        coding is not None
                        and coding.transaction_code is None
                        and draw(st.integers(0, 2)) == 0
                    ):
                        unparsed.append(Unparsed(path=f"{row_path}/{place}/transactionCode", text="V"))
                    continue
                fact = getattr(row, name, None)
                if fact is not None and fact.value is None and draw(st.integers(0, 2)) == 0:
                    unparsed.append(Unparsed(path=f"{row_path}/{place}/value", text=draw(words)))
    extras: list[Extra] = []
    # Parents in the order the writer closes them: issuer, owners, each row's leaves and containers,
    # rows and tables, then the root.
    parents: list[str] = []
    if doc.issuer is not None:
        parents.append(f"{root}/issuer")
    parents += [f"{root}/reportingOwner[{n}]" for n in range(1, len(doc.reporting_owners) + 1)]
    for table, rows in (
        ("nonDerivativeTable", doc.non_derivative_table),
        ("derivativeTable", doc.derivative_table),
    ):
        counts = {}
        for row in rows:
            tag = _ROW_TAGS[type(row)]
            n = counts[tag] = counts.get(tag, 0) + 1
            row_path = f"{root}/{table}/{tag}[{n}]"
            if row.security_title is not None:  # inside a leaf that is there (an unknown child of a Fact)
                parents.append(f"{row_path}/securityTitle")
            parents.append(f"{row_path}/ownershipNature")  # inside a container, written for it if need be
            parents.append(row_path)
        if rows:
            parents.append(f"{root}/{table}")
    parents.append(root)
    for parent in parents:
        if draw(st.integers(0, 5)) == 0:
            extras.extend(_extra(draw, parent) for _ in range(draw(st.integers(1, 2))))
    return replace(doc, unparsed=tuple(unparsed), extras=tuple(extras))


# -- the document ---------------------------------------------------------------------------------


@st.composite
def _documents(
    draw: Draw, schema_complete: bool, forms: tuple[DocumentType, ...], kept: bool
) -> OwnershipDocument:
    form = draw(st.sampled_from(forms))
    number = form.form
    schema = schema_complete
    ids = draw(st.lists(st.integers(1, 99), max_size=8, unique=True))
    footnotes = tuple(Footnote(id=f"F{n}", text=draw(footnote_texts())) for n in ids)
    ctx = _Ctx(form=form, schema=schema, footnote_ids=tuple(note.id for note in footnotes))
    bool_leaf = st.booleans()
    doc = OwnershipDocument(
        schema_version=draw(st.sampled_from([*_SCHEMA_VERSIONS, None])),
        document_type=None if not schema and draw(st.integers(0, 19)) == 13 else form,
        period_of_report=_opt(draw, ctx, _DATES, required=True),
        # dateOfOriginalSubmission: required on amendments, absent otherwise (ownership*ADocument.xsd).
        date_of_original_submission=_opt(draw, ctx, _DATES, required=True) if form.is_amendment else None,
        no_securities_owned=_opt(draw, ctx, bool_leaf) if number == 3 else None,
        not_subject_to_section16=_opt(draw, ctx, bool_leaf) if number != 3 else None,
        form3_holdings_reported=_opt(draw, ctx, bool_leaf) if number == 5 else None,
        form4_transactions_reported=_opt(draw, ctx, bool_leaf) if number == 5 else None,
        issuer=_issuer(draw, ctx),
        reporting_owners=tuple(_owner(draw, ctx) for _ in range(draw(st.integers(1, 10)))),
        # aff10b5One: required on Forms 4 and 5 (X0508 and later), optional on Form 3.
        aff10b5_one=_opt(draw, ctx, bool_leaf, required=number != 3),
        non_derivative_table=_table(draw, ctx, derivative=False),
        derivative_table=_table(draw, ctx, derivative=True),
        footnotes=footnotes,
        remarks=_opt(draw, ctx, texts(2000)),
        owner_signatures=tuple(
            Signature(
                signature_name=_opt(draw, ctx, texts(255), required=True),
                signature_date=_opt(draw, ctx, _DATES, required=True),
            )
            for _ in range(draw(st.integers(1, 10) if schema else st.integers(0, 3)))
        ),
    )
    if kept and not schema:
        doc = _kept(draw, doc)
    return doc


def ownership_documents(
    *,
    schema_complete: bool = False,
    forms: tuple[DocumentType, ...] = tuple(DocumentType),
    kept: bool = True,
) -> st.SearchStrategy[OwnershipDocument]:
    """Ownership documents of the given forms (all six by default).

    ``schema_complete=True``: the written XML validates against the XSD of the document's form.
    ``kept=False``: no unparsed texts and no unknown elements (they are never made in schema mode)."""
    return _documents(schema_complete, forms, kept)
