"""The records of a ``section16 synth`` simulation: :class:`SynthFiling` (what a run yields), an insider
with its options, vesting tranches and transactions deferred to Form 5, the footnote numbering of one
document, and the constants of the simulated world (security titles, the days the rules changed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from section16.model import (
    AcquiredDisposed,
    DirectIndirect,
    Footnote,
    OwnershipDocument,
    ReportingOwner,
    SubmissionHeader,
    TransactionCode,
)

__all__ = [
    "COMMON",
    "DIRECT",
    "GIFTS_ON_FORM4_FROM",
    "GIFT_NOTES",
    "INDIRECT",
    "LAST_SIMULATED_YEAR",
    "OFFICER_TITLES",
    "OPTION",
    "X0508_FROM",
    "ZERO",
    "A",
    "D",
    "Deferred",
    "Insider",
    "Notes",
    "Option",
    "SynthFiling",
    "long_date",
]

LAST_SIMULATED_YEAR = 2029
"""The business-day calendar ends in 2030; activity stops a year before so every deadline is known."""

COMMON = "Common Stock"
OPTION = "Stock Option (Right to Buy)"
X0508_FROM = date(2023, 4, 1)  # aff10b5One, schema X0508 (Release 33-11138, effective 2023-04-01)
GIFTS_ON_FORM4_FROM = date(2023, 2, 27)  # amended Rule 16a-3(g)(1): gifts on Form 4 within 2 business days
ZERO = Decimal(0)
A, D = AcquiredDisposed.ACQUIRED, AcquiredDisposed.DISPOSED
DIRECT, INDIRECT = DirectIndirect.DIRECT, DirectIndirect.INDIRECT


@dataclass(frozen=True, slots=True, kw_only=True)
class SynthFiling:
    """One generated filing: the document, the header of the submission that carries it, and the kinds
    of activity it shows (``"plan-sale"``, ``"cluster-purchase"``...). ``amends`` is the accession number
    of the filing a 4/A corrects."""

    accession_number: str
    document: OwnershipDocument
    header: SubmissionHeader
    kinds: frozenset[str]
    amends: str | None = None


@dataclass(slots=True)
class Option:
    grant_day: date
    strike: Decimal
    expiration: date
    granted: int
    outstanding: int


@dataclass(frozen=True, slots=True)
class Deferred:
    """A transaction made now and reported on the Form 5 for the fiscal year (its position already moved)."""

    day: date
    code: TransactionCode
    shares: int
    price: Decimal
    ad: AcquiredDisposed
    indirect: bool
    note: str
    after: int


@dataclass(slots=True)
class Insider:
    pid: int
    role: str  # ceo, cfo, officer, director, fund
    owners: tuple[ReportingOwner, ...]
    signers: tuple[str, ...]
    joined: date
    trust: str | None = None  # nature of an indirect holding ("By Trust")
    trust_note: str | None = None
    own_note: str | None = None  # footnote on a fund's direct ownership
    plan_adopted: date | None = None
    options: list[Option] = field(default_factory=list)
    tranches: list[tuple[date, int]] = field(default_factory=list)  # restricted stock vesting
    deferred: list[Deferred] = field(default_factory=list)  # reported on the next Form 5

    @property
    def is_officer(self) -> bool:
        return self.role in {"ceo", "cfo", "officer"}


class Notes:
    """Footnotes of one document, numbered F1, F2... in order of first use, one id per distinct text."""

    __slots__ = ("ids", "notes")

    def __init__(self) -> None:
        self.ids: dict[str, str] = {}
        self.notes: list[Footnote] = []

    def __call__(self, text: str | None) -> tuple[str, ...]:
        if text is None:
            return ()
        found = self.ids.get(text)
        if found is None:
            found = self.ids[text] = f"F{len(self.notes) + 1}"
            self.notes.append(Footnote(id=found, text=text))
        return (found,)


def long_date(day: date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


OFFICER_TITLES = (
    "Chief Operating Officer",
    "General Counsel and Secretary",
    "Chief Technology Officer",
    "EVP, Sales",
    "Chief Accounting Officer",
    "President, Americas",
)
GIFT_NOTES = (
    "Represents a bona fide gift of shares to a charitable organization for no consideration.",
    "Represents a bona fide gift of shares to a family member for estate planning purposes.",
    "Shares donated to a donor-advised fund.",
)
