"""Row building (``section16.store.rows``) against a plain reference: the written-out row builders give,
column for column, what one generic conversion per leaf gives (over the corpus and over values of odd
types and sizes), and the derived columns are those of ``section16.store.derive``'s functions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

import pytest

from section16.model import (
    AcquiredDisposed,
    DerivativeHolding,
    DerivativeTransaction,
    DirectIndirect,
    Fact,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    Timeliness,
    TransactionCode,
    TransactionCoding,
)
from section16.parse import read_filing
from section16.store import derive, rows
from section16.store.schema import DECIMAL_PRECISION, DECIMAL_SCALE, table
from tests.conftest import corpus_files

LIMIT = Decimal(10) ** (DECIMAL_PRECISION - DECIMAL_SCALE)


def _fitted(value: Decimal) -> Decimal | None:
    """DECIMAL(38,10) the long way: rounded to 10 places, None when not finite or too large."""
    try:
        if not value.is_finite() or abs(value) >= LIMIT:
            return None
        return value.quantize(Decimal(1).scaleb(-DECIMAL_SCALE))
    except InvalidOperation:
        return None


def _leaf(fact: Any) -> tuple[Any, Any]:
    if fact is None:
        return None, None
    value = fact.value
    if value is not None and type(value) is not str:
        if isinstance(value, Enum):
            value = value.value
        elif isinstance(value, Decimal):
            value = _fitted(value)
    return value, ",".join(fact.footnote_ids) if fact.footnote_ids else None


def _reference(row: Any) -> tuple[Any, ...]:
    """A row's leaf and coding columns, one leaf at a time."""
    columns: list[Any] = []
    for name in rows._COLUMN_FIELDS[type(row)]:
        value = getattr(row, name)
        if name == "transaction_coding":
            if value is None:
                columns += [None] * 4
            else:
                code = value.transaction_code
                columns += [
                    value.transaction_form_type,
                    code.value if code is not None else None,
                    value.equity_swap_involved,
                    ",".join(value.footnote_ids) if value.footnote_ids else None,
                ]
        else:
            columns += _leaf(value)
    return tuple(columns)


BUILDERS = {
    NonDerivativeTransaction: rows._ND_TRANSACTION_ROW,
    NonDerivativeHolding: rows._ND_HOLDING_ROW,
    DerivativeTransaction: rows._D_TRANSACTION_ROW,
    DerivativeHolding: rows._D_HOLDING_ROW,
}


def _same(built: tuple[Any, ...], expected: tuple[Any, ...]) -> None:
    # repr too: Decimal('1.0') == Decimal('1.00') and -0 == 0, but the stored values must be the same.
    assert built == expected
    assert repr(built) == repr(expected)


def _corpus() -> list[Filing]:
    paths = corpus_files("xml", "*.xml") + corpus_files("submissions", "*.txt")
    return [read_filing(p.read_bytes(), name=p.name) for p in paths]


@pytest.mark.corpus
def test_builders_match_the_reference_over_the_corpus(corpus_dir: object) -> None:
    kinds: set[type] = set()
    for filing in _corpus():
        doc = filing.document
        if doc is None:
            continue
        for i, row in enumerate((*doc.non_derivative_table, *doc.derivative_table)):
            kinds.add(type(row))
            _same(BUILDERS[type(row)]("k", i, row, ("tail",)), ("k", i, *_reference(row), "tail"))
    assert kinds == set(BUILDERS)


ODD_DECIMALS = [
    Decimal("0"),
    Decimal("-0"),
    Decimal("-0.00"),
    Decimal("1.50"),
    Decimal("-12.345678901234"),
    Decimal("1E+17"),
    Decimal("123456789012345678.5"),
    Decimal("9" * 28),
    Decimal("1E+28"),
    Decimal("-1E+28"),
    Decimal("1E+40"),
    Decimal("1E-20"),
    Decimal("NaN"),
    Decimal("-Infinity"),
    Decimal("Infinity"),
]
# Values of another type than the field declares: the builders store them as the reference does.
ODD_VALUES: list[Any] = [*ODD_DECIMALS, "text", "", date(2024, 2, 29), AcquiredDisposed.DISPOSED, 7]


@pytest.mark.parametrize("value", ODD_VALUES, ids=repr)
def test_builders_match_the_reference_on_odd_values(value: Any) -> None:
    fact = Fact(value, ("F1", "F2"))
    for kind, build in BUILDERS.items():
        names = [n for n in rows._COLUMN_FIELDS[kind] if n != "transaction_coding"]
        row = kind(**{n: fact for n in names})
        _same(build("k", 3, row, ()), ("k", 3, *_reference(row)))
        empty = kind(**{n: Fact(None) for n in names})
        _same(build("k", 0, empty, ()), ("k", 0, *_reference(empty)))


def test_builders_on_typed_facts_and_codings() -> None:
    coding = TransactionCoding(
        transaction_form_type="4", transaction_code=TransactionCode.S, equity_swap_involved=False
    )
    row = NonDerivativeTransaction(
        security_title=Fact("Common Stock", ("F1",)),
        transaction_date=Fact(date(2024, 1, 2)),
        transaction_coding=coding,
        transaction_timeliness=Fact(Timeliness.LATE),
        transaction_shares=Fact(Decimal("100")),
        transaction_price_per_share=Fact(None, ("F2",)),
        transaction_acquired_disposed_code=Fact(AcquiredDisposed.DISPOSED),
        shares_owned_following_transaction=Fact(Decimal("900.125")),
        direct_or_indirect_ownership=Fact(DirectIndirect.INDIRECT),
        nature_of_ownership=Fact("By trust"),
    )
    built = rows._ND_TRANSACTION_ROW("k", 0, row, ())
    _same(built, ("k", 0, *_reference(row)))
    assert built[8:12] == ("4", "S", False, None)
    assert built[12] == "L" and type(built[12]) is str  # the code, not the enum
    assert len(built) == len(table("non_derivative_transactions").columns) - 9  # derived, date, current


def _transactions() -> list[tuple[NonDerivativeTransaction | DerivativeTransaction, bool]]:
    found: list[tuple[NonDerivativeTransaction | DerivativeTransaction, bool]] = []
    for filing in _corpus():
        if filing.document is not None:
            found += [(r, True) for r in filing.document.non_derivative_transactions]
            found += [(r, False) for r in filing.document.derivative_transactions]
    return found


@pytest.mark.corpus
def test_derived_columns_are_derives_over_the_corpus(corpus_dir: object) -> None:
    filed = date(2024, 3, 1)
    for row, table_one in _transactions():
        code = row.transaction_coding.transaction_code if row.transaction_coding else None
        shares = row.transaction_shares.value if row.transaction_shares else None
        price = row.transaction_price_per_share.value if row.transaction_price_per_share else None
        ad = row.transaction_acquired_disposed_code.value if row.transaction_acquired_disposed_code else None
        following = (
            row.shares_owned_following_transaction.value if row.shares_owned_following_transaction else None
        )
        signed = derive.signed_shares(shares, ad)
        before = derive.shares_owned_before(following, signed)
        pct, new = derive.ownership_change(signed, before)
        event = next(
            (f.value for f in (row.deemed_execution_date, row.transaction_date) if f and f.value), None
        )
        for exercised in (False, True):
            expected = (
                _fitted(v) if (v := derive.transaction_value(shares, price, ad)) is not None else None,
                _fitted(before) if before is not None else None,
                _fitted(pct) if pct is not None else None,
                new,
                derive.open_market(code, table_one=table_one),
                derive.trade_type(code, exercised_in_filing=exercised),
                derive.business_days_between(event, filed),
                date(2024, 3, 4),
                True,
            )
            tail, got_event = rows._derived(row, code, table_one, exercised, (filed, date(2024, 3, 4)))
            _same(tail, expected)
            assert got_event == event
