"""Deadlines of Forms 3, 4 and 5 and the date a filing counts as filed (spec.md section 4).

- Form 3: within 10 days after the event that made the person an insider (Exchange Act Rule 16a-3(a),
  Form 3 General Instruction 2(a)); box 2 of the form is ``periodOfReport``.
- Form 4: before the end of the second business day after the transaction (Exchange Act Section 16(a)(2)(C),
  Form 4 General Instruction 2(a)); with a deemed execution date (Rule 16a-3(g)(2), (3)) count from it.
- Form 5: within 45 days after the issuer's fiscal year end (Rule 16a-3(f), Form 5 General Instruction 1(a)).
- A last day that is not a business day moves to the next business day (Exchange Act Rule 0-3).
- Filing date: Regulation S-T Rule 13(a)(4): a Form 3, 4 or 5 submitted by 10:00 p.m. Eastern Time on a
  business day is filed that day; later, or on a non-business day, on the next business day.
"""

from __future__ import annotations

import calendar as _gregorian
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from section16.model import Filing, TransactionCoding
from section16.validate._rows import FORMS, is_amendment, transactions
from section16.validate.calendar import (
    add_business_days,
    closure_reason,
    covers,
    next_business_day,
    on_or_next_business_day,
)

__all__ = [
    "GIFTS_ON_FORM4_FROM",
    "Deadline",
    "FilingDeadline",
    "due_date",
    "filing_date",
    "filing_deadline",
    "fiscal_year_end",
    "is_late",
]

# Release 34-96492 (December 2022): bona fide gifts (code G) are reported on Form 4 within two business
# days from 2023-02-27; before that they could wait for Form 5.
GIFTS_ON_FORM4_FROM = date(2023, 2, 27)

# Regulation S-T Rule 13(a)(4): Forms 3, 4 and 5 submitted by 10:00 p.m. Eastern Time.
_CUTOFF = time(22, 0)


_WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _day(d: date) -> str:
    # The English short name by table rather than strftime("%a"): the same in every locale, and this
    # runs for every deadline worked out (twice or more a filing at ingest).
    return f"{_WEEKDAY_NAMES[d.weekday()]} {d.isoformat()}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Deadline:
    """When a form is due: counted from ``start`` (the transaction, deemed execution, event or fiscal
    year end), ``due`` is the last day to file, ``why`` says how in words."""

    form: int
    start: date
    due: date
    why: str


# Forms 3 and 5 are due a number of calendar days after their start (Form 3: ten days after the event,
# Exchange Act Rule 16a-3(a); Form 5: 45 days after the fiscal year end, Rule 16a-3(f)), moved to the next
# business day when that day is not one (Rule 0-3). Form 4 is due two business days after the
# transaction (Section 16(a)(2)(C)).
_CALENDAR_DAYS = {3: (10, "event", "ten days"), 5: (45, "fiscal year end", "45 days")}


def _due(form: int, start: date) -> date:
    """The due date of a Form ``form`` counted from ``start`` (see :func:`due_date`, which says it in
    words too): every filing's deadline is worked out, the words are wanted only for a late one."""
    if form == 4:
        return add_business_days(start, 2)
    if form not in _CALENDAR_DAYS:
        raise ValueError(f"form must be 3, 4 or 5, not {form!r}")
    return on_or_next_business_day(start + timedelta(days=_CALENDAR_DAYS[form][0]))


def due_date(form: int, start: date) -> Deadline:
    """The due date of a Form ``form`` (3, 4 or 5) counted from ``start``: the transaction date or the
    deemed execution date for Form 4, the event date for Form 3, the fiscal year end for Form 5.

    ValueError when ``form`` is none of 3, 4, 5 or the dates fall outside the calendar (2003-2030).
    """
    due = _due(form, start)
    if form == 4:
        why = f"transaction {_day(start)}; two business days later is {_day(due)}"
    else:
        days, what, count = _CALENDAR_DAYS[form]
        last = start + timedelta(days=days)
        why = f"{what} {_day(start)}; {count} later is {_day(last)}"
        if due != last:
            reason = closure_reason(last)
            why += f", which is not a business day ({reason}), so the next business day {_day(due)}"
    return Deadline(form=form, start=start, due=due, why=why)


def fiscal_year_end(period_of_report: date, mmdd: str | None) -> date:
    """The fiscal year end a Form 5 reports on: the first day on or after ``period_of_report`` that has
    the month and day of the header's ``FISCAL YEAR END`` (``"1231"``); ``period_of_report`` itself when
    ``mmdd`` is absent or not a month and day. A ``"0229"`` year end is the last day of February."""
    if not mmdd or len(mmdd) != 4 or not mmdd.isdigit():
        return period_of_report
    month, day = int(mmdd[:2]), int(mmdd[2:])
    if not 1 <= month <= 12 or day < 1:
        return period_of_report
    for year in (period_of_report.year, period_of_report.year + 1):
        candidate = date(year, month, min(day, _gregorian.monthrange(year, month)[1]))
        if candidate >= period_of_report:
            return candidate
    return period_of_report  # pragma: no cover - the second year always qualifies


def filing_date(accepted: datetime) -> date:
    """The filing date of a Form 3, 4 or 5 accepted at ``accepted`` (Eastern Time, as in the submission
    header): that day when a business day and at or before 10:00 p.m., else the next business day
    (Regulation S-T Rule 13(a)(4))."""
    day = accepted.date()
    if closure_reason(day) is None and accepted.time() <= _CUTOFF:
        return day
    return next_business_day(day)


@dataclass(frozen=True, slots=True, kw_only=True)
class FilingDeadline:
    """A filing measured against its deadline. ``filed`` is the filing date and ``filed_basis`` where it
    came from (``"acceptance"``, ``"filed-as-of"``, ``"signature"``); ``late`` is None when there is no
    filing date to compare."""

    deadline: Deadline
    filed: date | None
    filed_basis: str | None
    late: bool | None


def _counts_for_form4(coding: TransactionCoding | None, start: date, code_is_gift: bool) -> bool:
    # Form 4 General Instruction 2(a)(ii): a transaction reported early (form type 5, the "V" column)
    # is not due on Form 4.
    if coding is not None and coding.transaction_form_type == "5":
        return False
    return not (code_is_gift and start < GIFTS_ON_FORM4_FROM)


def _form4_start(filing: Filing) -> date | None:
    doc = filing.document
    assert doc is not None
    earliest: date | None = None
    # The transactions of Table I, then of Table II (doc.non_derivative_transactions and
    # doc.derivative_transactions, as the rules' placed rows hold them).
    for _, row in transactions(doc):
        when = row.transaction_date.value if row.transaction_date else None
        deemed = row.deemed_execution_date.value if row.deemed_execution_date else None
        start = deemed or when
        if start is None:
            continue
        coding = row.transaction_coding
        gift = coding is not None and coding.transaction_code is not None and coding.transaction_code == "G"
        if _counts_for_form4(coding, start, gift) and (earliest is None or start < earliest):
            earliest = start
    return earliest


def _fiscal_year_end_mmdd(filing: Filing) -> str | None:
    header = filing.header
    if header is None:
        return None
    if header.issuer is not None and header.issuer.fiscal_year_end:
        return header.issuer.fiscal_year_end
    for label, value in header.fields:
        if label.startswith("ISSUER/") and label.endswith("FISCAL YEAR END"):
            return value.strip()
    return None


def _filed(filing: Filing) -> tuple[date | None, str | None]:
    header = filing.header
    if (
        header is not None
        and header.acceptance_datetime is not None
        and covers(header.acceptance_datetime.date())
    ):
        return filing_date(header.acceptance_datetime), "acceptance"
    if header is not None and header.filed_as_of_date is not None:
        return header.filed_as_of_date, "filed-as-of"
    doc = filing.document
    if doc is not None:
        signed = [s.signature_date for s in doc.owner_signatures if s.signature_date is not None]
        if signed:
            return max(signed), "signature"
    return None, None


def _measured(filing: Filing) -> tuple[int, date, date | None, str | None] | None:
    """What a filing's deadline is measured from and against: (form, start, filing date, its basis);
    None when it has none to compute (see :func:`filing_deadline`)."""
    doc = filing.document
    if doc is None or doc.document_type is None or is_amendment(doc):
        return None
    form = FORMS[doc.document_type]
    start: date | None
    if form == 4:
        start = _form4_start(filing)
    elif form == 3:
        start = doc.period_of_report
    else:
        start = (
            fiscal_year_end(doc.period_of_report, _fiscal_year_end_mmdd(filing))
            if doc.period_of_report is not None
            else None
        )
    if start is None or not covers(start) or not covers(start + timedelta(days=60)):
        return None
    filed, basis = _filed(filing)
    if filed is not None and not covers(filed):
        filed, basis = None, None
    return form, start, filed, basis


def filing_deadline(filing: Filing) -> FilingDeadline | None:
    """The deadline of ``filing`` and whether it was met; None when it has none to compute: an amendment
    (amendments correct, they have no deadline of their own), a Form 4 with no dated transaction due on
    Form 4, a document without a type or date, or dates outside the calendar (2003-2030)."""
    measured = _measured(filing)
    if measured is None:
        return None
    form, start, filed, basis = measured
    deadline = due_date(form, start)
    late = None if filed is None else filed > deadline.due
    return FilingDeadline(deadline=deadline, filed=filed, filed_basis=basis, late=late)


def is_late(filing: Filing) -> bool:
    """True when ``filing`` was filed after its due date (``filing_deadline(filing).late``), worked out
    without the deadline's words: the validation asks this of every filing."""
    measured = _measured(filing)
    if measured is None:
        return False
    form, start, filed, _ = measured
    return filed is not None and filed > _due(form, start)
