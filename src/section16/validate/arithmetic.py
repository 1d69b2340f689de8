"""Arithmetic rules: the amount owned after consecutive rows of one security and ownership agrees with
what was acquired or disposed between them, and prices, values and share counts are plausible."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import fields
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from section16.model import (
    AcquiredDisposed,
    DerivativeTransaction,
    Fact,
    Filing,
    NonDerivativeTransaction,
    TransactionCode,
)
from section16.validate._rows import (
    DERIVATIVE_TYPES,
    TRANSACTION_TYPES,
    PlacedRow,
    placed_rows,
    transactions,
    written_out,
    xml_name,
)
from section16.validate.findings import Finding, Severity

__all__ = ["TOLERANCE", "holdings_chain", "plausible_amounts", "row_key"]

TOLERANCE = Decimal("1")
"""Shares owned may differ by this much from the running sum before a row is flagged: filers round
fractional shares (dividend reinvestment) differently from row to row."""

_TABLES = "Form 4 Table I columns 4-5 and Table II columns 7 and 9 (amounts and amounts owned following)"


def row_key(placed: PlacedRow, *, within_filing: bool = True) -> tuple[str, str, str, str]:
    """What makes rows one position: table, security title, direct/indirect and the nature of indirect
    ownership, compared without case or surrounding white space. In Table II the derivative's terms
    (conversion or exercise price, exercise and expiration dates, underlying security) are part of the
    title: two option grants with different strikes are two positions."""
    # Worked out once per row and kind: holdings_chain and plausible_amounts both ask for it.
    known = placed.key_within if within_filing else placed.key_across
    if known is not None:
        return known
    item = placed.item
    kind = item.direct_or_indirect_ownership.value if item.direct_or_indirect_ownership else None
    title = _term(item.security_title)
    if isinstance(item, DERIVATIVE_TYPES):
        terms = (
            _term(item.conversion_or_exercise_price, within_filing),
            _term(item.exercise_date, within_filing),
            _term(item.expiration_date, within_filing),
            _term(item.underlying_security_title, within_filing),
        )
        title += "|" + "|".join(terms)
    nature = _term(item.nature_of_ownership)
    if item.nature_of_ownership is not None and item.nature_of_ownership.footnote_ids:
        # "See footnotes" with different footnotes: different holders (a trust, a fund...).
        nature += "|" + ",".join(sorted(item.nature_of_ownership.footnote_ids))
    key = (placed.table, title, kind._value_ if kind else "", nature)
    if within_filing:
        placed.key_within = key
    else:
        placed.key_across = key
    return key


def _term(fact: Fact[Decimal] | Fact[date] | Fact[str] | None, footnotes: bool = False) -> str:
    if fact is None:
        return ""
    if fact.value is None:
        if not footnotes:
            return ""
        # A term given only by a footnote (an RSU award's vesting dates "see F3"): awards told apart
        # by their footnotes are different positions.
        return "see " + ",".join(sorted(fact.footnote_ids)) if fact.footnote_ids else ""
    if isinstance(fact.value, Decimal):
        return format(fact.value.normalize(), "f")
    return _text_term(fact.value)


@lru_cache(maxsize=4096, typed=True)
def _text_term(value: object) -> str:
    """A title, date or other value as compared: lower case, white space collapsed (titles and dates
    repeat from row to row and filing to filing, so each is worked out once)."""
    return " ".join(str(value).lower().split())


def _signed_change(item: NonDerivativeTransaction | DerivativeTransaction) -> Decimal | None:
    fact = item.transaction_shares
    shares = fact.value if fact is not None else None
    direction = item.transaction_acquired_disposed_code
    if shares is None or direction is None or direction.value is None:
        return None
    return shares if direction.value == AcquiredDisposed.ACQUIRED else -shares


def holdings_chain(filing: Filing) -> Iterator[Finding]:
    """For consecutive transactions of the same position (table, security, ownership), the shares owned
    after the later one equal those after the earlier one plus what it acquired or minus what it
    disposed of."""
    doc = filing.document
    if doc is None:
        return
    placed_transactions = transactions(doc)
    if len(placed_transactions) < 2:
        return  # a chain needs a row before the row
    last: dict[tuple[str, str, str, str], Decimal] = {}
    for placed, item in placed_transactions:
        owned = item.shares_owned_following_transaction
        after = owned.value if owned is not None else None
        key = row_key(placed)
        before = last.get(key)
        change = _signed_change(item) if before is not None and after is not None else None
        if before is not None and after is not None and change is not None:
            expected = before + change
            if abs(expected - after) > TOLERANCE:
                yield placed.finding(
                    rule="arithmetic.holdings-chain",
                    severity=Severity.WARNING,
                    message=f"owned after this row is {after:,}, but the previous row of this security and "
                    f"ownership left {before:,} and this row {'adds' if change >= 0 else 'removes'} "
                    f"{abs(change):,}: expected {expected:,}",
                    source=_TABLES,
                    field="sharesOwnedFollowingTransaction",
                )
        if after is not None:
            last[key] = after
        else:
            last.pop(key, None)


_OPEN_MARKET = frozenset({TransactionCode.P, TransactionCode.S})
_MAGNITUDE = Decimal(100)  # prices of one security on one filing this many times apart: a slipped decimal


_AMOUNTS = (
    "transaction_shares",
    "transaction_price_per_share",
    "transaction_total_value",
    "shares_owned_following_transaction",
    "value_owned_following_transaction",
    "conversion_or_exercise_price",
    "underlying_security_shares",
)
_ZERO = Decimal(0)


def _amount_names(kind: type) -> tuple[str, ...]:
    """The amounts a row type has (a holding has no transaction amounts)."""
    names = {spec.name for spec in fields(kind)}
    return tuple(name for name in _AMOUNTS if name in names)


def _negative_test(kind: type) -> Callable[[Any], bool]:
    """``negative(row)``: True when one of a ``kind`` row's amounts is negative (the findings of
    :func:`_negative` are made only then)."""
    lines = ["def negative(row):"]
    for name in _amount_names(kind):
        lines += [
            f"    f = row.{name}",
            "    if isinstance(f, Fact):",
            "        v = f.value",
            "        # type() first: the plain Decimal every reader makes, without an isinstance call.",
            "        if (type(v) is Decimal or isinstance(v, Decimal)) and v < _ZERO:",
            "            return True",
        ]
    lines.append("    return False")
    return written_out("negative", lines, {"Fact": Fact, "Decimal": Decimal, "_ZERO": _ZERO})


_NEGATIVE_TESTS: dict[type, Callable[[Any], bool]] = {}


def _has_negative(item: object) -> bool:
    """True when one of ``item``'s amounts is negative."""
    kind = type(item)
    negative = _NEGATIVE_TESTS.get(kind)
    if negative is None:
        negative = _NEGATIVE_TESTS[kind] = _negative_test(kind)
    return negative(item)


def _negative(placed: PlacedRow) -> Iterator[Finding]:
    for name in _amount_names(type(placed.item)):
        fact = getattr(placed.item, name)
        if isinstance(fact, Fact) and isinstance(fact.value, Decimal) and fact.value < 0:
            yield placed.finding(
                rule="arithmetic.plausible",
                severity=Severity.ERROR,
                message=f"{xml_name(name)} is negative ({fact.value}); amounts are never negative",
                source="ownershipDocumentCommon.xsd POSITIVE_DECIMAL (minInclusive 0)",
                field=xml_name(name),
            )


def plausible_amounts(filing: Filing) -> Iterator[Finding]:
    """No negative amounts; no zero price on an open-market purchase or sale (P, S); no zero shares in
    a transaction; acquired shares not more than owned after (direct, Table I); prices of the same
    security on one filing within a factor of 100 of each other."""
    doc = filing.document
    if doc is None:
        return
    priced: list[tuple[Decimal, PlacedRow]] = []
    for placed in placed_rows(doc):
        item = placed.item
        if _has_negative(item):
            yield from _negative(placed)
        if not isinstance(item, TRANSACTION_TYPES):
            continue
        coding = item.transaction_coding
        code = coding.transaction_code if coding else None
        fact = item.transaction_price_per_share
        price = fact.value if fact is not None else None
        fact = item.transaction_shares
        shares = fact.value if fact is not None else None
        if code in _OPEN_MARKET and price == 0:
            yield placed.finding(
                rule="arithmetic.plausible",
                severity=Severity.WARNING,
                message=f"price 0 on an open-market {'purchase' if code == TransactionCode.P else 'sale'} "
                f"({code})",
                source="Form 4 General Instruction 8 (P, S) and Table I column 4 (price)",
                field="transactionPricePerShare",
            )
        if shares == 0:
            yield placed.finding(
                rule="arithmetic.plausible",
                severity=Severity.WARNING,
                message="a transaction of 0 shares",
                source=_TABLES,
                field="transactionShares",
            )
        fact = item.shares_owned_following_transaction
        after = fact.value if fact is not None else None
        direction = item.transaction_acquired_disposed_code
        if (
            isinstance(item, NonDerivativeTransaction)
            and shares is not None
            and after is not None
            and direction is not None
            and direction.value == AcquiredDisposed.ACQUIRED
            and shares > after + TOLERANCE
        ):
            yield placed.finding(
                rule="arithmetic.plausible",
                severity=Severity.WARNING,
                message=f"acquired {shares:,} but owns only {after:,} after: shares owned cannot be less "
                "than shares just acquired",
                source=_TABLES,
                field="sharesOwnedFollowingTransaction",
            )
        if code in _OPEN_MARKET and price is not None and price > 0:
            priced.append((price, placed))
    # A price at least _MAGNITUDE times the lowest of its security needs one that far from the lowest
    # of the filing: when none is, no security's prices are, and the rows need no grouping.
    if not priced or max(p for p, _ in priced) / min(p for p, _ in priced) < _MAGNITUDE:
        return
    prices: dict[tuple[str, str, str, str], list[tuple[Decimal, PlacedRow]]] = {}
    for price, placed in priced:
        prices.setdefault(row_key(placed), []).append((price, placed))
    for found in prices.values():
        low = min(p for p, _ in found)
        for price, placed in found:
            if price / low >= _MAGNITUDE:
                yield placed.finding(
                    rule="arithmetic.plausible",
                    severity=Severity.WARNING,
                    message=f"price {price:,} is {price / low:,.0f} times the lowest price {low:,} of this "
                    "security on the filing: a slipped decimal point?",
                    source="Form 4 Table I column 4 (price)",
                    field="transactionPricePerShare",
                )
