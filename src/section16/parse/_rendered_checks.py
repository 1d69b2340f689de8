"""Checks that use a printed form's own arithmetic to catch misreads of a rendered copy (a PDF or
converted text), reported as reader notes and never used to change a value.

- Holdings: in Table I, a transaction row's "Amount of Securities Beneficially Owned Following Reported
  Transaction(s)" (column 5) should equal the previous row's for the same security and ownership form,
  plus the amount when coded (A), minus it when (D) (Form 4 General Instruction 4(c)(iii) asks for the
  total owned after each reported transaction). A mismatch is often a misread digit or a swapped column;
  it can also be a true filing quirk, so it is a note, not an error.
- Dates: a transaction or signature date outside 1990..2100, or a transaction after the signature date.
- Values that could not be read (a code that is not a transaction code, a number that is not a number)
  are counted; their text is kept in ``unparsed``.

Pure: model in, notes out.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from section16.model import AcquiredDisposed, NonDerivativeTransaction, OwnershipDocument

__all__ = ["rendered_notes"]


def _plausible(when: date) -> bool:
    return 1990 <= when.year <= 2100


def rendered_notes(doc: OwnershipDocument) -> tuple[str, ...]:
    """Notes on arithmetic and dates that do not agree in a document read from a rendered copy."""
    notes: list[str] = []
    last: dict[tuple[str | None, str | None, str | None], Decimal] = {}
    for i, row in enumerate(doc.non_derivative_table, start=1):
        key = (
            row.security_title.value if row.security_title else None,
            str(row.direct_or_indirect_ownership.value) if row.direct_or_indirect_ownership else None,
            row.nature_of_ownership.value if row.nature_of_ownership else None,
        )
        after = (
            row.shares_owned_following_transaction.value if row.shares_owned_following_transaction else None
        )
        if isinstance(row, NonDerivativeTransaction) and after is not None and key in last:
            shares = row.transaction_shares.value if row.transaction_shares else None
            code = (
                row.transaction_acquired_disposed_code.value
                if row.transaction_acquired_disposed_code
                else None
            )
            if shares is not None and code is not None:
                sign = 1 if code is AcquiredDisposed.ACQUIRED else -1
                expected = last[key] + sign * shares
                if expected != after:
                    notes.append(
                        f"check /nonDerivativeTable/row[{i}]: owned following {after} but the row before "
                        f"({last[key]}) {'+' if sign > 0 else '-'} {shares} ({code.value}) is {expected}: "
                        "a misread number or code?"
                    )
        if after is not None:
            last[key] = after
    signed = [s.signature_date for s in doc.owner_signatures if s.signature_date is not None]
    latest_signature = max(signed) if signed else None
    tables: tuple[tuple[str, tuple[object, ...]], ...] = (
        ("nonDerivativeTable", doc.non_derivative_table),
        ("derivativeTable", doc.derivative_table),
    )
    for table, rows in tables:
        for i, item in enumerate(rows, start=1):
            fact = getattr(item, "transaction_date", None)
            when = fact.value if fact is not None else None
            if not isinstance(when, date):
                continue
            if not _plausible(when):
                notes.append(f"check /{table}/row[{i}]/transactionDate: {when} is not a plausible date")
            elif latest_signature is not None and when > latest_signature:
                notes.append(
                    f"check /{table}/row[{i}]/transactionDate: {when} is after the signature date "
                    f"{latest_signature}"
                )
    for when in signed:
        if not _plausible(when):
            notes.append(f"check /ownerSignature/signatureDate: {when} is not a plausible date")
    if doc.unparsed:
        notes.append(
            f"{len(doc.unparsed)} printed value(s) could not be read; their text is kept in unparsed"
        )
    return tuple(notes)
