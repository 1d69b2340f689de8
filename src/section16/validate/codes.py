"""Code rules: transaction codes allowed for the form and table, acquired/disposed consistent with the
code (Form 4 General Instruction 8; spec.md section 3), direct/indirect ownership with its nature, and
footnote references that resolve."""

from __future__ import annotations

from collections.abc import Iterator

from section16.model import (
    AcquiredDisposed,
    DirectIndirect,
    Filing,
    OwnershipDocument,
    TransactionCode,
)
from section16.validate._rows import (
    NON_DERIVATIVE,
    referred_footnote_ids,
    row_footnote_ids,
    rows,
    transactions,
)
from section16.validate.findings import Finding, Severity

__all__ = ["acquired_disposed", "code_allowed", "footnote_references", "ownership_nature"]

_GI8 = "Form 4 General Instruction 8 (transaction codes)"

# ownershipDocumentCommon.xsd TRANS_CODE_PICKLIST: K is not a code but the equitySwapInvolved flag.
_SCHEMA_CODES = frozenset("ACDEFGHIJLMOPSUWXZ")
# Expiration or cancellation of derivative positions: Table II only (Instruction 8: E, H).
_DERIVATIVE_ONLY = frozenset({TransactionCode.E, TransactionCode.H})

# Acquired (A) or disposed (D) as the code requires. Exercise and conversion (M, C, O, X) acquire the
# underlying in Table I and dispose of the derivative in Table II.
_MUST = {
    TransactionCode.P: AcquiredDisposed.ACQUIRED,
    TransactionCode.S: AcquiredDisposed.DISPOSED,
    TransactionCode.A: AcquiredDisposed.ACQUIRED,
    TransactionCode.D: AcquiredDisposed.DISPOSED,
    TransactionCode.F: AcquiredDisposed.DISPOSED,
    TransactionCode.L: AcquiredDisposed.ACQUIRED,
    TransactionCode.U: AcquiredDisposed.DISPOSED,
    TransactionCode.E: AcquiredDisposed.DISPOSED,
    TransactionCode.H: AcquiredDisposed.DISPOSED,
}
_EXERCISE = frozenset({TransactionCode.M, TransactionCode.C, TransactionCode.O, TransactionCode.X})
# A purchase that is a disposal (or a sale that is an acquisition) contradicts the code's definition.
_DEFINITIONAL = frozenset({TransactionCode.P, TransactionCode.S})


def code_allowed(filing: Filing) -> Iterator[Finding]:
    """A transaction code is one the schema lists (K is the equity-swap flag, not a code) and fits its
    table: E and H expire derivative positions and belong in Table II."""
    doc = filing.document
    if doc is None:
        return
    for placed, item in transactions(doc):
        coding = item.transaction_coding
        if coding is None or coding.transaction_code is None:
            continue
        code = coding.transaction_code
        if code not in _SCHEMA_CODES:  # a StrEnum: compared and hashed as its letter
            yield placed.finding(
                rule="codes.code-allowed",
                severity=Severity.ERROR,
                message=f"transaction code {code.value!r} is not in the schema's list; "
                "an equity swap is flagged with equitySwapInvolved (printed /K)",
                source=f"{_GI8}; ownershipDocumentCommon.xsd TRANS_CODE_PICKLIST",
                field="transactionCode",
            )
        elif placed.table == NON_DERIVATIVE and code in _DERIVATIVE_ONLY:
            yield placed.finding(
                rule="codes.code-allowed",
                severity=Severity.WARNING,
                message=f"code {code.value} is the expiration of a derivative position; "
                "it belongs in Table II, not Table I",
                source=_GI8,
                field="transactionCode",
            )


def acquired_disposed(filing: Filing) -> Iterator[Finding]:
    """``transactionAcquiredDisposedCode`` agrees with the code: P, A, L acquire; S, D, F, U, E, H
    dispose; M, C, O, X acquire in Table I and dispose in Table II."""
    doc = filing.document
    if doc is None:
        return
    for placed, item in transactions(doc):
        coding = item.transaction_coding
        fact = item.transaction_acquired_disposed_code
        if coding is None or coding.transaction_code is None or fact is None or fact.value is None:
            continue
        code = coding.transaction_code
        expected = _MUST.get(code)
        if code in _EXERCISE:
            expected = (
                AcquiredDisposed.ACQUIRED if placed.table == NON_DERIVATIVE else AcquiredDisposed.DISPOSED
            )
        if expected is None or fact.value == expected:
            continue
        where = "Table I" if placed.table == NON_DERIVATIVE else "Table II"
        meaning = "an acquisition" if expected == AcquiredDisposed.ACQUIRED else "a disposition"
        yield placed.finding(
            rule="codes.acquired-disposed",
            severity=Severity.ERROR if code in _DEFINITIONAL else Severity.WARNING,
            message=f"code {code.value} in {where} is {meaning} ({expected.value}), "
            f"but the row says {fact.value.value}",
            source=f"{_GI8}; spec.md section 3",
            field="transactionAcquiredDisposedCode",
        )


def ownership_nature(filing: Filing) -> Iterator[Finding]:
    """Indirect ownership (I) states its nature (Form 4 Table I column 7, Table II column 11: "Nature of
    Indirect Beneficial Ownership"); direct ownership (D) has none."""
    doc = filing.document
    if doc is None:
        return
    source = "Form 4 General Instruction 4(b)(iv) and Table I column 7 / Table II column 11"
    for placed in rows(doc):
        item = placed.item
        kind = item.direct_or_indirect_ownership.value if item.direct_or_indirect_ownership else None
        nature = item.nature_of_ownership
        stated = nature is not None and (bool(nature.value) or bool(nature.footnote_ids))
        if kind == DirectIndirect.INDIRECT and not stated:
            yield placed.finding(
                rule="codes.ownership-nature",
                severity=Severity.WARNING,
                message="indirect ownership (I) without its nature (by trust, by spouse, ...)",
                source=source,
                field="natureOfOwnership",
            )
        elif kind == DirectIndirect.DIRECT and nature is not None and nature.value:
            yield placed.finding(
                rule="codes.ownership-nature",
                severity=Severity.INFO,
                message=f"direct ownership (D) with a nature of indirect ownership {nature.value!r}",
                source=source,
                field="natureOfOwnership",
            )


def footnote_references(filing: Filing) -> Iterator[Finding]:
    """Every ``footnoteId`` names a footnote of the document, and every footnote is referred to
    (ownershipDocumentCommon.xsd: FIDREF refers to a FID)."""
    doc = filing.document
    if doc is None:
        return
    defined = {note.id for note in doc.footnotes}
    used = referred_footnote_ids(placed.item for placed in rows(doc))
    if not used <= defined:
        yield from _undefined_references(doc, defined)
    for number, note in enumerate(doc.footnotes, start=1):
        if note.id not in used:
            yield Finding(
                rule="codes.footnote-unused",
                severity=Severity.INFO,
                message=f"footnote {note.id} is not referred to from any table row",
                source="EDGAR Ownership XML Technical Specification: a footnote explains values citing it",
                table="footnotes",
                row=number,
                field="id",
            )


def _undefined_references(doc: OwnershipDocument, defined: set[str]) -> Iterator[Finding]:
    """A finding for each reference to a footnote not in ``defined``, in row and field order (walked
    field by field only when there is one: most filings refer to their own footnotes alone)."""
    for placed in rows(doc):
        for field, footnote_id in row_footnote_ids(placed.item):
            if footnote_id not in defined:
                yield placed.finding(
                    rule="codes.footnote-reference",
                    severity=Severity.ERROR,
                    message=f"footnote {footnote_id} is referred to but not in <footnotes>",
                    source="ownershipDocumentCommon.xsd: FOOTNOTE_ID/@id (FIDREF) refers to footnote/@id",
                    field=field,
                )
