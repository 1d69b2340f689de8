"""Date rules: transactions not after the signature or the filing, nothing in the future (``today`` is
a parameter: the rules stay pure), the period of report equal to the earliest transaction, deemed
execution dates within Rule 16a-3(g)(2), and the filing deadline met (spec.md section 4)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from section16.model import DerivativeTransaction, Filing, NonDerivativeTransaction
from section16.validate._rows import FORMS, PlacedRow, Transaction, transactions
from section16.validate.calendar import add_business_days, covers
from section16.validate.deadlines import filing_deadline, is_late
from section16.validate.findings import Finding, Rule, Severity

__all__ = [
    "deemed_execution",
    "late_filing",
    "not_in_future",
    "period_of_report",
    "transaction_before_signature",
]


def _transactions(filing: Filing) -> tuple[tuple[PlacedRow, Transaction], ...]:
    doc = filing.document
    return () if doc is None else transactions(doc)


def _when(item: NonDerivativeTransaction | DerivativeTransaction) -> date | None:
    return item.transaction_date.value if item.transaction_date else None


def transaction_before_signature(filing: Filing) -> Iterator[Finding]:
    """A transaction is reported after it happens: its date is not after the signature date, nor after
    the date EDGAR accepted the filing (Exchange Act Section 16(a)(2))."""
    doc = filing.document
    if doc is None:
        return
    signed = max(
        (s.signature_date for s in doc.owner_signatures if s.signature_date is not None), default=None
    )
    accepted = (
        filing.header.acceptance_datetime.date()
        if filing.header and filing.header.acceptance_datetime
        else None
    )
    if signed is None and accepted is None:
        return
    for placed, item in _transactions(filing):
        fact = item.transaction_date
        when = fact.value if fact is not None else None
        if when is None:
            continue
        if signed is not None and when > signed:
            yield placed.finding(
                rule="dates.after-signature",
                severity=Severity.ERROR,
                message=f"transaction date {when} is after the signature date {signed}",
                source="Exchange Act Section 16(a)(2)(C): a Form 4 reports a change that has happened",
                field="transactionDate",
            )
        if accepted is not None and when > accepted:
            yield placed.finding(
                rule="dates.after-signature",
                severity=Severity.ERROR,
                message=f"transaction date {when} is after EDGAR accepted the filing on {accepted}",
                source="Exchange Act Section 16(a)(2)(C); submission header ACCEPTANCE-DATETIME",
                field="transactionDate",
            )


def not_in_future(today: date) -> Rule:
    """A rule: no period of report, transaction, deemed execution or signature date after ``today``."""

    def rule(filing: Filing) -> Iterator[Finding]:
        doc = filing.document
        if doc is None:
            return

        def future(when: date | None, table: str | None, row: int | None, field: str) -> Iterator[Finding]:
            if when is not None and when > today:
                yield Finding(
                    rule="dates.future",
                    severity=Severity.ERROR,
                    message=f"{field} {when} is in the future (today is {today})",
                    source="Exchange Act Section 16(a): filings report what has happened",
                    table=table,
                    row=row,
                    field=field,
                )

        yield from future(doc.period_of_report, None, None, "periodOfReport")
        for placed, item in _transactions(filing):
            yield from future(_when(item), placed.table, placed.row, "transactionDate")
            deemed = item.deemed_execution_date.value if item.deemed_execution_date else None
            yield from future(deemed, placed.table, placed.row, "deemedExecutionDate")
        for number, signature in enumerate(doc.owner_signatures, start=1):
            yield from future(signature.signature_date, "ownerSignature", number, "signatureDate")

    rule.__name__ = rule.__qualname__ = "not_in_future"
    return rule


def period_of_report(filing: Filing) -> Iterator[Finding]:
    """On Form 4 the period of report (box 3, "Date of Earliest Transaction Required to be Reported") is
    the earliest transaction date; on Form 5 (fiscal year end) no transaction is after it."""
    doc = filing.document
    if doc is None or doc.document_type is None or doc.period_of_report is None:
        return
    dates = [
        fact.value
        for _, item in _transactions(filing)
        if (fact := item.transaction_date) is not None and fact.value is not None
    ]
    if not dates:
        return
    earliest, latest = min(dates), max(dates)
    form = FORMS[doc.document_type]
    if form == 4 and earliest != doc.period_of_report:
        yield Finding(
            rule="dates.period-of-report",
            severity=Severity.WARNING,
            message=f"periodOfReport {doc.period_of_report} is not the earliest transaction date {earliest}",
            source="Form 4 box 3 (Date of Earliest Transaction Required to be Reported); spec.md section 2",
            field="periodOfReport",
        )
    if form == 5 and latest > doc.period_of_report:
        yield Finding(
            rule="dates.period-of-report",
            severity=Severity.WARNING,
            message=f"transaction date {latest} is after the period of report {doc.period_of_report} "
            "(the fiscal year end the Form 5 covers)",
            source="Form 5 box 3 (Statement for Issuer's Fiscal Year Ended)",
            field="periodOfReport",
        )


def deemed_execution(filing: Filing) -> Iterator[Finding]:
    """A deemed execution date is not before the transaction and at most the third business day after
    it (Rule 16a-3(g)(2), (3))."""
    for placed, item in _transactions(filing):
        deemed = item.deemed_execution_date.value if item.deemed_execution_date else None
        if deemed is None:
            continue  # the usual row: no deemed execution date
        when = _when(item)
        if when is None:
            continue
        source = "Exchange Act Rule 16a-3(g)(2), (3); Form 4 Table I column 2A"
        if deemed < when:
            yield placed.finding(
                rule="dates.deemed-execution",
                severity=Severity.ERROR,
                message=f"deemed execution date {deemed} is before the transaction date {when}",
                source=source,
                field="deemedExecutionDate",
            )
        elif covers(when) and covers(deemed) and deemed > add_business_days(when, 3):
            yield placed.finding(
                rule="dates.deemed-execution",
                severity=Severity.WARNING,
                message=f"deemed execution date {deemed} is later than the third business day after the "
                f"transaction {when} ({add_business_days(when, 3)})",
                source=source,
                field="deemedExecutionDate",
            )


def late_filing(filing: Filing) -> Iterator[Finding]:
    """The filing was filed by its due date (spec.md section 4). Measured from the acceptance
    date-time when the submission header gives it (Regulation S-T Rule 13(a)(4)); else from the
    header's filing date; else, as a warning, from the signature date."""
    if not is_late(filing):
        return
    measured = filing_deadline(filing)
    assert measured is not None
    deadline = measured.deadline
    by_signature = measured.filed_basis == "signature"
    what = "signed" if by_signature else "filed"
    yield Finding(
        rule="deadlines.late",
        severity=Severity.WARNING if by_signature else Severity.ERROR,
        message=f"Form {deadline.form} {what} {measured.filed}, due {deadline.due} ({deadline.why})",
        source="Exchange Act Section 16(a)(2) and Rule 16a-3; Exchange Act Rule 0-3; "
        "Regulation S-T Rule 13(a)(4)",
        field="signatureDate" if by_signature else None,
    )
