"""Structure rules: what the EDGAR Ownership XML schemas (v5.5, ``ownership{3,4,5}[A]Document.xsd``) require
and allow for each document type, checked on the model so they apply whatever the source format."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from section16.model import (
    DerivativeHolding,
    DerivativeTransaction,
    DocumentType,
    Fact,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
)
from section16.validate._rows import (
    DERIVATIVE_TYPES,
    FORMS,
    TRANSACTION_TYPES,
    PlacedRow,
    is_amendment,
    rows,
    written_out,
    xml_name,
)
from section16.validate.findings import Finding, Severity

__all__ = [
    "aff10b5_one",
    "footnote_ids",
    "form_elements",
    "limits",
    "required_elements",
    "unknown_elements",
    "unreadable_values",
]

_XSD = "EDGAR Ownership XML Technical Specification v5.5, ownership{form}Document.xsd"
_COMMON = "EDGAR Ownership XML Technical Specification v5.5, ownershipDocumentCommon.xsd"

# Fields whose <value> the schema requires (NUMBER_WITH_FOOTNOTE, DATE_WITH_FOOTNOTE, ACQ_DISP_CODE,
# OWNERSHIP_TYPE, SECURITY_TITLE) and those that may be a footnote alone (OPT_*_WITH_FOOTNOTE).
_TRANSACTION_VALUE_REQUIRED = (
    "security_title",
    "transaction_date",
    "transaction_acquired_disposed_code",
    "direct_or_indirect_ownership",
)
_HOLDING_VALUE_REQUIRED = ("security_title", "direct_or_indirect_ownership")
_DERIVATIVE_PRESENT_REQUIRED = ("conversion_or_exercise_price", "exercise_date", "expiration_date")


# The schema file's form part by document type: ownership{3,3A,4,4A,5,5A}Document.xsd.
_FORM_NAMES = {kind: kind.value.replace("/", "") for kind in DocumentType}


def _form(filing: Filing) -> str:
    doc = filing.document
    return _FORM_NAMES[doc.document_type] if doc and doc.document_type else "*"


def _missing(placed: PlacedRow, name: str, unparsed_paths: tuple[str, ...]) -> bool:
    value = getattr(placed.item, name)
    if value is None:
        return True
    if isinstance(value, Fact) and value.value is None:
        # An unreadable value is reported by ``unreadable_values``, not here.
        prefix = f"{placed.xpath}/"
        return not any(p.startswith(prefix) and f"/{xml_name(name)}" in p for p in unparsed_paths)
    return False


# A row that has every element the checks below ask for, each with its value (the usual row), gives
# no finding: per row type, the facts whose value is looked for, the elements whose presence is, and
# whether a transaction code is.
_VALUED = ("security_title", "direct_or_indirect_ownership", "shares_owned_following_transaction")
_VALUED_TRANSACTION = (
    *_VALUED,
    "transaction_date",
    "transaction_acquired_disposed_code",
    "transaction_shares",
)
_COMPLETE_FIELDS: dict[type, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    NonDerivativeTransaction: (_VALUED_TRANSACTION, (), True),
    NonDerivativeHolding: (_VALUED, (), False),
    DerivativeTransaction: (
        (*_VALUED_TRANSACTION, "underlying_security_title"),
        _DERIVATIVE_PRESENT_REQUIRED,
        True,
    ),
    DerivativeHolding: ((*_VALUED, "underlying_security_title"), _DERIVATIVE_PRESENT_REQUIRED, False),
}


def _complete_test(kind: type) -> Callable[[Any], bool]:
    """``complete(row)`` for a ``kind`` row: every fact looked for has a value, every element looked for
    is there, and a transaction has its code."""
    valued, present, coded = _COMPLETE_FIELDS[kind]
    lines = ["def complete(row):"]
    for name in valued:
        lines += [
            f"    f = row.{name}",
            "    if f is None or (isinstance(f, Fact) and f.value is None):",
            "        return False",
        ]
    for name in present:
        lines += [f"    if row.{name} is None:", "        return False"]
    if coded:
        lines += [
            "    g = row.transaction_coding",
            "    if g is None or g.transaction_code is None:",
            "        return False",
        ]
    lines.append("    return True")
    return written_out("complete", lines, {"Fact": Fact})


_COMPLETE = {kind: _complete_test(kind) for kind in _COMPLETE_FIELDS}


def _complete(item: object) -> bool:
    """True when ``item`` has every element :func:`required_elements` looks for, with its value."""
    complete = _COMPLETE.get(type(item))
    return complete is not None and complete(item)


def required_elements(filing: Filing) -> Iterator[Finding]:
    """Elements the schema requires (minOccurs="1") and that are absent or empty."""
    doc = filing.document
    if doc is None:
        return

    def need(field: str, table: str | None = None, row: int | None = None, what: str = "") -> Finding:
        return Finding(
            rule="structure.required",
            severity=Severity.ERROR,
            message=f"{what or field} is required and missing or empty",
            source=_XSD.format(form=_form(filing)),
            table=table,
            row=row,
            field=field,
        )

    if doc.document_type is None:
        yield need("documentType")
    if doc.period_of_report is None:
        yield need("periodOfReport")
    if is_amendment(doc) and doc.date_of_original_submission is None:
        yield need("dateOfOriginalSubmission", what="dateOfOriginalSubmission (an amendment names it)")
    if doc.issuer is None:
        yield need("issuer")
    else:
        if not doc.issuer.issuer_cik:
            yield need("issuerCik", "issuer")
        if not doc.issuer.issuer_trading_symbol:
            yield need("issuerTradingSymbol", "issuer")
    for number, owner in enumerate(doc.reporting_owners, start=1):
        if not owner.rpt_owner_cik:
            yield need("rptOwnerCik", "reportingOwner", number)
    for number, signature in enumerate(doc.owner_signatures, start=1):
        if not signature.signature_name:
            yield need("signatureName", "ownerSignature", number)
        if signature.signature_date is None:
            yield need("signatureDate", "ownerSignature", number)
    unparsed = tuple(u.path for u in doc.unparsed)
    form3 = doc.document_type is not None and FORMS[doc.document_type] == 3
    for placed in rows(doc):
        item = placed.item
        if _complete(item):
            continue
        names = _TRANSACTION_VALUE_REQUIRED if placed.is_transaction else _HOLDING_VALUE_REQUIRED
        for name in names:
            if _missing(placed, name, unparsed):
                yield need(xml_name(name), placed.table, placed.row)
        if placed.is_transaction:
            assert isinstance(item, TRANSACTION_TYPES)
            coding = item.transaction_coding
            if coding is None or coding.transaction_code is None:
                yield need("transactionCode", placed.table, placed.row)
            shares_missing = _missing(placed, "transaction_shares", unparsed)
            if isinstance(item, DerivativeTransaction):
                shares_missing = shares_missing and _missing(placed, "transaction_total_value", unparsed)
            if shares_missing:
                yield need("transactionShares", placed.table, placed.row)
        # ownership3Document.xsd: a Form 3 DERIVATIVE_HOLDING has no postTransactionAmounts.
        form3_derivative = form3 and isinstance(item, DerivativeHolding)
        if (
            not form3_derivative
            and _missing(placed, "shares_owned_following_transaction", unparsed)
            and _missing(placed, "value_owned_following_transaction", unparsed)
        ):
            yield need(
                "sharesOwnedFollowingTransaction",
                placed.table,
                placed.row,
                "sharesOwnedFollowingTransaction or valueOwnedFollowingTransaction",
            )
        if isinstance(item, DERIVATIVE_TYPES):
            for name in _DERIVATIVE_PRESENT_REQUIRED:
                if getattr(item, name) is None:
                    yield need(xml_name(name), placed.table, placed.row)
            if _missing(placed, "underlying_security_title", unparsed):
                yield need("underlyingSecurityTitle", placed.table, placed.row)


def form_elements(filing: Filing) -> Iterator[Finding]:
    """Elements the schema of this document type does not allow: transactions on a Form 3 (holdings
    only), ``noSecuritiesOwned`` off Form 3, ``notSubjectToSection16`` on Form 3, the Form 5 flags off
    Form 5, ``dateOfOriginalSubmission`` on an original, a coding on a Form 3/4 holding, a
    ``transactionFormType`` the form does not list, ``postTransactionAmounts`` on a Form 3 derivative
    holding."""
    doc = filing.document
    if doc is None or doc.document_type is None:
        return
    form = FORMS[doc.document_type]

    def bad(message: str, field: str, table: str | None = None, row: int | None = None) -> Finding:
        return Finding(
            rule="structure.form-elements",
            severity=Severity.ERROR,
            message=message,
            source=_XSD.format(form=_form(filing)),
            table=table,
            row=row,
            field=field,
        )

    if form != 3 and doc.no_securities_owned is not None:
        yield bad(f"noSecuritiesOwned is a Form 3 element, not allowed on Form {form}", "noSecuritiesOwned")
    if form == 3 and doc.not_subject_to_section16 is not None:
        yield bad("notSubjectToSection16 is not allowed on Form 3", "notSubjectToSection16")
    if form != 5:
        for name, flag in (
            ("form3HoldingsReported", doc.form3_holdings_reported),
            ("form4TransactionsReported", doc.form4_transactions_reported),
        ):
            if flag is not None:
                yield bad(f"{name} is a Form 5 element, not allowed on Form {form}", name)
    if not is_amendment(doc) and doc.date_of_original_submission is not None:
        yield bad("dateOfOriginalSubmission is only allowed on an amendment", "dateOfOriginalSubmission")
    for placed in rows(doc):
        if form == 3 and placed.is_transaction:
            yield bad(
                "Form 3 reports holdings only; this row is a transaction",
                "transactionDate",
                placed.table,
                placed.row,
            )
            continue
        item = placed.item
        if (
            form == 3
            and isinstance(item, DerivativeHolding)
            and (
                item.shares_owned_following_transaction is not None
                or item.value_owned_following_transaction is not None
            )
        ):
            # ownership3Document.xsd: DERIVATIVE_HOLDING is title, exercise price, dates, underlying
            # securities and nature of ownership; the amount held is the underlying securities'.
            yield bad(
                "a Form 3 derivative holding has no postTransactionAmounts; the amount held is "
                "underlyingSecurityShares",
                "postTransactionAmounts",
                placed.table,
                placed.row,
            )
        coding = placed.item.transaction_coding
        if coding is None or coding.transaction_form_type is None:
            continue
        kind = coding.transaction_form_type
        if placed.is_transaction:
            if kind not in ("4", "5"):
                yield bad(
                    f"transactionFormType {kind!r} is not allowed on a transaction (4 or 5)",
                    "transactionFormType",
                    placed.table,
                    placed.row,
                )
        elif form != 5:
            yield bad(
                f"a holding on Form {form} has no transactionCoding",
                "transactionCoding",
                placed.table,
                placed.row,
            )
        elif kind not in ("3", ""):
            # ownership5Document.xsd: TRANS_FORM5_HOLDING_TYPE_PICKLIST is "[3]{0,1}".
            yield bad(
                f"transactionFormType {kind!r} is not allowed on a Form 5 holding (3)",
                "transactionFormType",
                placed.table,
                placed.row,
            )


# aff10b5One appears with schema X0407 (EDGAR Release 23.1, for Release 33-11138, effective
# 2023-04-01): every X0407 document in the corpus carries it; the v5.5 XSDs (X0508) make it required
# on Forms 4 and 5.
_AFF_FROM = "X0407"


def aff10b5_one(filing: Filing) -> Iterator[Finding]:
    """The Rule 10b5-1(c) checkbox (``aff10b5One``): required on Forms 4 and 5 from schema X0508, optional
    on Form 3, unknown before X0508."""
    doc = filing.document
    if doc is None or doc.document_type is None or not doc.schema_version:
        return
    version = doc.schema_version.strip().upper()

    def source() -> str:
        return f"{_XSD.format(form=_form(filing))}; Release 33-11138 (Form 4/5 Rule 10b5-1(c) checkbox)"

    if version < _AFF_FROM and doc.aff10b5_one is not None:
        yield Finding(
            rule="structure.aff10b5one",
            severity=Severity.ERROR,
            message=f"aff10b5One is not in schema {version} (it appears in {_AFF_FROM})",
            source=source(),
            field="aff10b5One",
        )
    if version >= _AFF_FROM and FORMS[doc.document_type] in (4, 5) and doc.aff10b5_one is None:
        yield Finding(
            rule="structure.aff10b5one",
            severity=Severity.ERROR,
            message=f"aff10b5One (the Rule 10b5-1(c) checkbox) is required in schema {version}",
            source=source(),
            field="aff10b5One",
        )


_MAX_ROWS = 30  # NONDERIVATIVE_TABLE / DERIVATIVE_TABLE: <xs:choice maxOccurs="30">
_MAX_OWNERS = 10  # reportingOwner maxOccurs="10"; ownerSignature maxOccurs="10"
_MAX_FOOTNOTES = 99  # FOOTNOTE_GROUP: footnote maxOccurs="99"
_MAX_REMARKS = 2000  # STRING_2000
_MAX_TITLE = 60  # SECURITY_TITLE value maxLength 60
_MAX_NATURE = 100  # INDIRECT_NATURE value maxLength 100


def limits(filing: Filing) -> Iterator[Finding]:
    """Counts and lengths the schema caps: 30 rows per table, 1-10 reporting owners and signatures, 99
    footnotes, remarks of 2000 characters, security titles of 60, nature of ownership of 100."""
    doc = filing.document
    if doc is None:
        return

    def over(
        message: str, table: str | None = None, row: int | None = None, field: str | None = None
    ) -> Finding:
        return Finding(
            rule="structure.limits",
            severity=Severity.ERROR,
            message=message,
            source=f"{_XSD.format(form=_form(filing))}; {_COMMON}",
            table=table,
            row=row,
            field=field,
        )

    for table, items in (
        ("nonDerivativeTable", doc.non_derivative_table),
        ("derivativeTable", doc.derivative_table),
    ):
        if len(items) > _MAX_ROWS:
            yield over(f"{len(items)} rows; the schema allows at most {_MAX_ROWS}", table)
    for name, count in (
        ("reportingOwner", len(doc.reporting_owners)),
        ("ownerSignature", len(doc.owner_signatures)),
    ):
        if not 1 <= count <= _MAX_OWNERS:
            yield over(f"{count} {name} elements; the schema allows 1 to {_MAX_OWNERS}", name)
    if len(doc.footnotes) > _MAX_FOOTNOTES:
        yield over(f"{len(doc.footnotes)} footnotes; the schema allows at most {_MAX_FOOTNOTES}", "footnotes")
    if doc.remarks is not None and len(doc.remarks) > _MAX_REMARKS:
        yield over(
            f"remarks of {len(doc.remarks)} characters; the schema allows {_MAX_REMARKS}", field="remarks"
        )
    for placed in rows(doc):
        title = placed.item.security_title
        if title is not None and title.value is not None and len(title.value) > _MAX_TITLE:
            yield over(
                f"securityTitle of {len(title.value)} characters; the schema allows {_MAX_TITLE}",
                placed.table,
                placed.row,
                "securityTitle",
            )
        nature = placed.item.nature_of_ownership
        if nature is not None and nature.value is not None and len(nature.value) > _MAX_NATURE:
            yield over(
                f"natureOfOwnership of {len(nature.value)} characters; the schema allows {_MAX_NATURE}",
                placed.table,
                placed.row,
                "natureOfOwnership",
            )


_FOOTNOTE_ID = re.compile(r"F[1-9][0-9]?")  # ownershipDocumentCommon.xsd: FID / FIDREF pattern
# Every id the pattern matches (F1 to F99), for a set look-up instead of a regular expression per note.
_FOOTNOTE_IDS = frozenset(f"F{n}" for n in range(1, 100))


def footnote_ids(filing: Filing) -> Iterator[Finding]:
    """Footnote ids follow the schema's pattern ``F[1-9][0-9]?`` (F1-F99) and are unique."""
    doc = filing.document
    if doc is None:
        return
    seen: set[str] = set()
    for number, note in enumerate(doc.footnotes, start=1):
        if note.id not in _FOOTNOTE_IDS:
            yield Finding(
                rule="structure.footnote-id",
                severity=Severity.ERROR,
                message=f"footnote id {note.id!r} does not match F1-F99",
                source=f"{_COMMON}, type FID",
                table="footnotes",
                row=number,
                field="id",
            )
        if note.id in seen:
            yield Finding(
                rule="structure.footnote-id",
                severity=Severity.ERROR,
                message=f"footnote id {note.id!r} is used for more than one footnote",
                source=f"{_COMMON}, type FID (xs:ID: unique)",
                table="footnotes",
                row=number,
                field="id",
            )
        seen.add(note.id)


def unreadable_values(filing: Filing) -> Iterator[Finding]:
    """Values that could not be read as their schema type (a number with text in it, a date that is
    none), which the schema would reject; the reader kept the text."""
    doc = filing.document
    if doc is None:
        return
    for item in doc.unparsed:
        steps = item.path.split("/")
        element = steps[-2] if steps[-1] == "value" and len(steps) > 1 else steps[-1]
        yield Finding(
            rule="structure.unreadable-value",
            severity=Severity.ERROR,
            message=f"{item.text!r} is not a value of this element's type, at {item.path}",
            source=_COMMON,
            field=element,
        )


def unknown_elements(filing: Filing) -> Iterator[Finding]:
    """Elements no ownership schema defines (kept whole by the reader)."""
    doc = filing.document
    if doc is None:
        return
    for extra in doc.extras:
        tag = re.match(r"\s*<([\w:.-]+)", extra.xml)
        name = tag[1] if tag else "?"
        yield Finding(
            rule="structure.unknown-element",
            severity=Severity.WARNING,
            message=f"<{name}> is not an element of the ownership schemas, under {extra.parent_path}",
            source=_XSD.format(form=_form(filing)),
            field=tag[1] if tag else None,
        )
