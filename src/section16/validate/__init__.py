"""Validation: model -> findings. Pure functions, no I/O.

A rule is a plain function ``(filing) -> Iterable[Finding]``; :data:`RULES` lists the rules over one
filing and :data:`CROSS_RULES` those over a sequence of filings. Callers extend them by passing their
own lists (``validate_filing(filing, rules=[*DEFAULT_RULES, my_rule])``), as beancount's
``ops/validation.py`` does. Findings are data (:class:`Finding`), never exceptions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from datetime import date

from section16.model import Filing
from section16.validate import across, arithmetic, codes, dates, structure
from section16.validate.calendar import add_business_days, is_business_day, next_business_day
from section16.validate.deadlines import Deadline, FilingDeadline, due_date, filing_date, filing_deadline
from section16.validate.findings import CrossRule, Finding, Rule, Severity

__all__ = [
    "CROSS_RULES",
    "DEFAULT_RULES",
    "RULES",
    "CrossRule",
    "Deadline",
    "FilingDeadline",
    "Finding",
    "Rule",
    "Severity",
    "add_business_days",
    "due_date",
    "filing_date",
    "filing_deadline",
    "is_business_day",
    "next_business_day",
    "rule_id",
    "validate_filing",
    "validate_filings",
]

RULES: tuple[Rule, ...] = (
    structure.required_elements,
    structure.form_elements,
    structure.aff10b5_one,
    structure.limits,
    structure.footnote_ids,
    structure.unreadable_values,
    structure.unknown_elements,
    codes.code_allowed,
    codes.acquired_disposed,
    codes.ownership_nature,
    codes.footnote_references,
    arithmetic.holdings_chain,
    arithmetic.plausible_amounts,
    dates.transaction_before_signature,
    dates.period_of_report,
    dates.deemed_execution,
    dates.late_filing,
)
"""The rules over one filing, in the order they run. ``dates.not_in_future(today)`` joins them when
:func:`validate_filing` is given ``today``."""

DEFAULT_RULES = RULES

CROSS_RULES: tuple[CrossRule, ...] = (
    across.holdings_continuity,
    across.duplicates,
    across.empty_amendments,
)
"""The rules over a sequence of filings."""


def rule_id(rule: Rule | CrossRule) -> str:
    """A rule function's dotted name (``structure.required_elements``), for listings."""
    module = rule.__module__.rsplit(".", 1)[-1]
    return f"{module}.{rule.__name__}"


def _sorted(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(
        findings,
        key=lambda f: (f.file or "", f.accession or "", f.severity.rank, f.table or "", f.row or 0, f.rule),
    )


def validate_filing(
    filing: Filing, *, rules: Sequence[Rule] = DEFAULT_RULES, today: date | None = None
) -> list[Finding]:
    """Run ``rules`` over ``filing``; findings carry the filing's accession number and file name, worst
    first within the filing. With ``today``, dates after it are findings too (``dates.future``). A
    filing without an ownership document gives no findings."""
    chosen: Sequence[Rule] = rules if today is None else (*rules, dates.not_in_future(today))
    accession = filing.accession_number
    name = filing.source.name
    found: list[Finding] = []
    for rule in chosen:
        for finding in rule(filing):
            found.append(
                dataclasses.replace(
                    finding, accession=finding.accession or accession, file=finding.file or name
                )
            )
    return _sorted(found)


def validate_filings(
    filings: Iterable[Filing],
    *,
    rules: Sequence[Rule] = DEFAULT_RULES,
    cross_rules: Sequence[CrossRule] = CROSS_RULES,
    today: date | None = None,
) -> list[Finding]:
    """Run the one-filing ``rules`` over each filing and the ``cross_rules`` over all of them."""
    batch = tuple(filings)
    found: list[Finding] = []
    for filing in batch:
        found.extend(validate_filing(filing, rules=rules, today=today))
    for cross in cross_rules:
        found.extend(cross(batch))
    return _sorted(found)
