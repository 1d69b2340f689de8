"""Derived measures users expect (spec.md section 8, OpenInsider's conventions): transaction value, shares
owned before and the change in holdings, open-market classification, trade type labels, roles from the
relationship, and the filing delay in business days. Pure functions over model values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from section16.model import AcquiredDisposed, Relationship, TransactionCode

__all__ = [
    "ROLE_ORDER",
    "business_days_between",
    "open_market",
    "ownership_change",
    "roles",
    "shares_owned_before",
    "signed_shares",
    "trade_type",
    "transaction_value",
]

# Trade type labels by transaction code (spec.md section 8; Form 4 General Instruction 8 for the codes
# OpenInsider does not label: a short name of the code's meaning).
_TRADE_TYPES: dict[TransactionCode, str] = {
    TransactionCode.P: "Purchase",
    TransactionCode.S: "Sale",
    TransactionCode.F: "Tax",
    TransactionCode.M: "OptEx",
    TransactionCode.X: "OptEx",
    TransactionCode.O: "OptEx",  # exercise of an out-of-the-money derivative: "as M" (spec.md section 3)
    TransactionCode.A: "Grant",
    TransactionCode.D: "Sale to issuer",
    TransactionCode.G: "Gift",
    TransactionCode.C: "Cnv",
    TransactionCode.W: "Inherited",
    TransactionCode.J: "Other",
    TransactionCode.E: "Expire short",
    TransactionCode.H: "Expire long",
    TransactionCode.I: "Discretionary",
    TransactionCode.K: "Swap",
    TransactionCode.L: "Small acq",
    TransactionCode.U: "Tender",
    TransactionCode.Z: "Voting trust",
}
_EXERCISE_CODES = frozenset({TransactionCode.M, TransactionCode.X})


def trade_type(code: TransactionCode | None, *, exercised_in_filing: bool = False) -> str | None:
    """OpenInsider's trade type for ``code``: ``"Sale+OE"`` for a sale (S) when the same owner exercised
    options (M or X) in the same filing (spec.md section 8), else the label of the code."""
    if code is None:
        return None
    if code is TransactionCode.S and exercised_in_filing:
        return "Sale+OE"
    return _TRADE_TYPES.get(code)


def is_exercise(code: TransactionCode | None) -> bool:
    """True for M and X, the option exercises that make a same-filing sale "Sale+OE"."""
    return code in _EXERCISE_CODES


def open_market(code: TransactionCode | None, *, table_one: bool) -> str | None:
    """``"purchase"`` for P, ``"sale"`` for S, in Table I only ("open-market means P or S in Table I",
    spec.md section 8); None otherwise."""
    if not table_one:
        return None
    if code is TransactionCode.P:
        return "purchase"
    if code is TransactionCode.S:
        return "sale"
    return None


def signed_shares(shares: Decimal | None, acquired_disposed: AcquiredDisposed | None) -> Decimal | None:
    """The shares with the sign of the transaction: negative for D (disposed), positive for A."""
    if shares is None or acquired_disposed is None:
        return None
    return -shares if acquired_disposed is AcquiredDisposed.DISPOSED else shares


def transaction_value(
    shares: Decimal | None, price: Decimal | None, acquired_disposed: AcquiredDisposed | None
) -> Decimal | None:
    """Shares x price, negative for D (spec.md section 8); None when any part is missing."""
    signed = signed_shares(shares, acquired_disposed)
    if signed is None or price is None:
        return None
    return signed * price


def shares_owned_before(following: Decimal | None, signed: Decimal | None) -> Decimal | None:
    """Shares owned before the trade: owned following minus the signed shares."""
    if following is None or signed is None:
        return None
    return following - signed


def ownership_change(signed: Decimal | None, before: Decimal | None) -> tuple[Decimal | None, bool | None]:
    """(percent change in holdings, is new): ``100 x signed / before``; ``(None, True)`` when there was
    nothing before ("New", spec.md section 8); ``(None, None)`` when unknown."""
    if signed is None or before is None:
        return None, None
    if before == 0:
        return None, True
    return signed * 100 / before, False


# Officer titles -> normalised roles. Order matters only for readability; a title can hold several.
_TITLE_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("CEO", re.compile(r"\bc\.?e\.?o\b|chief\s+executive|principal\s+executive", re.I)),
    ("CFO", re.compile(r"\bc\.?f\.?o\b|chief\s+financial|principal\s+financial|treasurer", re.I)),
    ("COO", re.compile(r"\bc\.?o\.?o\b|chief\s+operating", re.I)),
    ("President", re.compile(r"(?<!vice\s)(?<!vice-)\bpresident\b|\bpres\b", re.I)),
    ("GC", re.compile(r"general\s+counsel|chief\s+legal|\bclo\b|\bgc\b", re.I)),
    ("VP", re.compile(r"vice\s*-?\s*pres|\b[se]?vp\b|\bv\.p\.", re.I)),
)
ROLE_ORDER = ("CEO", "CFO", "COO", "President", "GC", "VP", "Dir", "10%", "Other")


@lru_cache(maxsize=4096)
def _title_roles(title: str) -> frozenset[str]:
    """The roles an officer title names (six patterns searched; titles repeat from filing to filing, so
    each is searched once)."""
    return frozenset(role for role, pattern in _TITLE_ROLES if pattern.search(title))


def roles(relationship: Relationship | None) -> tuple[str, ...]:
    """Normalised roles from the relationship flags and the officer title (spec.md section 8), in
    :data:`ROLE_ORDER`: an officer whose title names none of CEO, CFO, COO, President, GC or VP is
    "Other", as is an owner ticking "Other"."""
    if relationship is None:
        return ()
    found: set[str] = set()
    title = relationship.officer_title or ""
    if relationship.is_officer or title:
        matched = _title_roles(title)
        found |= matched
        if relationship.is_officer and not matched:
            found.add("Other")
    if relationship.is_director:
        found.add("Dir")
    if relationship.is_ten_percent_owner:
        found.add("10%")
    if relationship.is_other:
        found.add("Other")
    return tuple(r for r in ROLE_ORDER if r in found)


def _weekday_count(start: date, end: date) -> int:
    """Weekdays after ``start`` up to and including ``end`` (negative when end is before start)."""
    if end < start:
        return -_weekday_count(end, start)
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    day = start + timedelta(days=weeks * 7)
    for _ in range(rest):
        day += timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    return count


def _calendar_counter() -> Callable[[date, date], int] | None:
    """A counter over engineer E's EDGAR business-day calendar (``section16.validate.calendar``, federal
    holidays and closures, spec.md section 4), when installed; None otherwise."""
    try:
        from section16.validate import calendar
    except ImportError:
        return None
    between = getattr(calendar, "business_days_between", None)
    covers = getattr(calendar, "covers", None)
    if not callable(between) or not callable(covers):
        return None

    def count(start: date, end: date) -> int:
        if not (covers(start) and covers(end)):
            return _weekday_count(start, end)
        return int(between(start, end))

    return count


_COUNTER = _calendar_counter()


def business_days_between(start: date | None, end: date | None) -> int | None:
    """Business days after ``start`` up to and including ``end`` (0 on the same day, 2 from a Friday to
    the Tuesday after): EDGAR's calendar when ``section16.validate.calendar`` is installed (a weekday
    count outside the years it covers), else a weekday count."""
    if start is None or end is None:
        return None
    if _COUNTER is not None:
        return _COUNTER(start, end)
    return _weekday_count(start, end)
