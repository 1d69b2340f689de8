"""Rules across filings: pure functions over a sequence of :class:`Filing` (read from files now, fed by
the store later). Holdings after one filing agree with the next filing's starting point for the same
owner and security; the same content filed twice; amendments that change nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

from section16.model import (
    DerivativeTransaction,
    Filing,
    NonDerivativeTransaction,
    OwnershipDocument,
)
from section16.validate._rows import TRANSACTION_TYPES, fact_value, rows
from section16.validate.arithmetic import TOLERANCE, row_key
from section16.validate.findings import Finding, Severity

__all__ = ["duplicates", "empty_amendments", "holdings_continuity", "located"]


def located(finding: Finding, filing: Filing) -> Finding:
    """``finding`` with the filing's accession number and file name filled in."""
    return dataclasses.replace(finding, accession=filing.accession_number, file=filing.source.name)


def _name(filing: Filing) -> str:
    return filing.accession_number or filing.source.name or filing.source.sha256[:12]


def _owners(doc: OwnershipDocument) -> tuple[str, ...]:
    return tuple(sorted(o.rpt_owner_cik.lstrip("0") for o in doc.reporting_owners if o.rpt_owner_cik))


def _issuer(doc: OwnershipDocument) -> str:
    return doc.issuer.issuer_cik.lstrip("0") if doc.issuer and doc.issuer.issuer_cik else ""


def _order(filing: Filing) -> tuple[date, datetime, str]:
    doc = filing.document
    assert doc is not None
    when = [
        d
        for r in rows(doc)
        if isinstance(r.item, TRANSACTION_TYPES)
        and r.item.transaction_date is not None
        and (d := r.item.transaction_date.value) is not None
    ]
    first = min(when) if when else doc.period_of_report or date.min
    accepted = (
        filing.header.acceptance_datetime if filing.header and filing.header.acceptance_datetime else None
    )
    return first, accepted or datetime.min, _name(filing)


_Key = tuple[str, tuple[str, ...], str, str, str, str]
_CONTINUITY = "Form 4 Table I column 5 / Table II column 9 (amount owned following reported transactions)"


def _continuity(
    item: NonDerivativeTransaction | DerivativeTransaction, previous: tuple[Decimal, Filing]
) -> str | None:
    after = fact_value(item.shares_owned_following_transaction)
    shares = fact_value(item.transaction_shares)
    direction = item.transaction_acquired_disposed_code
    if after is None or shares is None or direction is None or direction.value is None:
        return None
    before, earlier = previous
    change = shares if direction.value == "A" else -shares
    if abs(before + change - after) <= TOLERANCE:
        return None
    return (
        f"owned after is {after:,}; the previous filing {_name(earlier)} left {before:,}, "
        f"and this row changes it by {change:+,}: expected {before + change:,}"
    )


def holdings_continuity(filings: tuple[Filing, ...]) -> Iterator[Finding]:
    """For each issuer, reporting owner(s) and position (table, security, direct/indirect, nature), the
    first transaction of a filing starts from what the previous filing (by transaction date, then
    acceptance) left owned: previous amount plus or minus the shares of that transaction equals the
    amount owned after it. Originals only: an amendment restates, it does not follow on."""
    originals: list[Filing] = []
    known: set[object] = set()
    for filing in filings:
        doc = filing.document
        if doc is None or doc.is_amendment or doc in known or (filing.accession_number or doc) in known:
            continue  # one filing read twice (bare XML and submission) is one filing here
        known.update((doc, filing.accession_number or doc))
        originals.append(filing)
    last: dict[_Key, tuple[Decimal, Filing]] = {}
    for filing in sorted(originals, key=_order):
        doc = filing.document
        assert doc is not None
        seen: set[_Key] = set()
        after_filing: dict[_Key, Decimal] = {}
        for placed in rows(doc):
            key: _Key = (_issuer(doc), _owners(doc), *row_key(placed, within_filing=False))
            item = placed.item
            previous = last.get(key)
            if isinstance(item, TRANSACTION_TYPES) and key not in seen and previous:
                message = _continuity(item, previous)
                if message is not None:
                    yield located(
                        placed.finding(
                            rule="across.holdings-continuity",
                            severity=Severity.WARNING,
                            message=message,
                            source=_CONTINUITY,
                            field="sharesOwnedFollowingTransaction",
                        ),
                        filing,
                    )
            seen.add(key)
            after = fact_value(item.shares_owned_following_transaction)
            if after is not None:
                after_filing[key] = after
        for key, amount in after_filing.items():
            last[key] = (amount, filing)


def duplicates(filings: tuple[Filing, ...]) -> Iterator[Finding]:
    """The same ownership document filed (or read) more than once: the later copies are flagged."""
    first: dict[OwnershipDocument, Filing] = {}
    for filing in filings:
        doc = filing.document
        if doc is None:
            continue
        original = first.get(doc)
        if original is None:
            first[doc] = filing
            continue
        if original.accession_number and original.accession_number == filing.accession_number:
            message = f"the same filing {_name(filing)} read twice (also from {original.source.name})"
        else:
            message = f"same ownership document as {_name(original)}"
        yield located(
            Finding(
                rule="across.duplicate",
                severity=Severity.WARNING,
                message=message,
                source="Exchange Act Rule 16a-3: one report per change; a second identical one duplicates it",
            ),
            filing,
        )


def _substance(doc: OwnershipDocument) -> OwnershipDocument:
    """What an amendment may change: everything but the form's amendment marks and the signatures."""
    form = doc.document_type
    if form is not None and form.is_amendment:
        form = type(form)(form.value[0])
    return dataclasses.replace(
        doc,
        document_type=form,
        date_of_original_submission=None,
        owner_signatures=(),
        schema_version=None,
        unparsed=(),
        extras=(),
    )


def empty_amendments(filings: tuple[Filing, ...]) -> Iterator[Finding]:
    """An amendment (3/A, 4/A, 5/A) whose content, leaving aside the amendment marks and signatures, is
    that of an original it could amend (same issuer, owners, form and period): it corrects nothing."""
    originals: dict[OwnershipDocument, Filing] = {}
    for filing in filings:
        if filing.document is not None and not filing.document.is_amendment:
            originals.setdefault(_substance(filing.document), filing)
    for filing in filings:
        doc = filing.document
        if doc is None or not doc.is_amendment:
            continue
        original = originals.get(_substance(doc))
        if original is None:
            continue
        yield located(
            Finding(
                rule="across.empty-amendment",
                severity=Severity.WARNING,
                message=f"amendment changes nothing in {_name(original)} but the form type and signatures",
                source="Form 4 General Instruction 6 (amendments correct an earlier filing)",
            ),
            filing,
        )
