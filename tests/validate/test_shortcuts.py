"""The rules' shortcuts give what the long way gives: the deadline decided without its words
(``deadlines.is_late``), business days added by table lookup, footnote references collected in one
read per row, rows that hold every required element skipped, prices grouped by position only when a
filing's prices are 100 times apart."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from section16.model import (
    DerivativeHolding,
    DerivativeTransaction,
    Fact,
    Filing,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    TransactionCode,
    TransactionCoding,
)
from section16.parse import read_filing
from section16.validate import Finding, arithmetic, calendar
from section16.validate._rows import referred_footnote_ids, row_footnote_ids, rows
from section16.validate.arithmetic import plausible_amounts
from section16.validate.codes import footnote_references
from section16.validate.deadlines import filing_deadline, is_late
from section16.validate.structure import _FOOTNOTE_ID, _FOOTNOTE_IDS, _complete, required_elements
from tests.conftest import corpus_files
from tests.validate._xml import document, filing, submission, tx


def _walked(day: date, count: int) -> date:
    """The ``count``-th business day after ``day``, found by walking day by day."""
    current = day
    for _ in range(count):
        current += timedelta(days=1)
        while not calendar.is_business_day(current):
            current += timedelta(days=1)
    return current


def test_add_business_days_is_the_walk_day_by_day() -> None:
    day = date(calendar.FIRST_YEAR, 1, 1)
    last = date(calendar.LAST_YEAR, 12, 15)  # room for the walk to stay in the calendar
    while day <= last:
        for count in (0, 1, 2, 3, 5):
            assert calendar.add_business_days(day, count) == _walked(day, count), (day, count)
        day += timedelta(days=1)


def test_add_business_days_past_the_calendar_is_an_error() -> None:
    with pytest.raises(ValueError, match="2031-01-01 is outside the EDGAR business-day calendar"):
        calendar.add_business_days(date(calendar.LAST_YEAR, 12, 30), 3)


def _corpus_filings() -> list[Filing]:
    paths = corpus_files("xml", "*.xml") + corpus_files("submissions", "*.txt")
    return [read_filing(p.read_bytes(), name=p.name) for p in paths]


@pytest.mark.corpus
def test_is_late_agrees_with_filing_deadline(corpus_dir: Path) -> None:
    filings = _corpus_filings()
    late = 0
    for one in filings:
        measured = filing_deadline(one)
        assert is_late(one) is bool(measured is not None and measured.late), one.source.name
        late += is_late(one)
    assert late > 0  # the corpus has late filings: both answers are exercised


def test_is_late_on_inline_submissions() -> None:
    late = filing(submission(document(), accepted="20231212221500"), name="a.txt")
    on_time = filing(submission(document(), accepted="20231212213000"), name="b.txt")
    assert is_late(late) and not is_late(on_time)
    original_date = "<dateOfOriginalSubmission>2023-12-12</dateOfOriginalSubmission>"
    amendment = filing(document(form="4/A", extra_top=original_date))
    assert filing_deadline(amendment) is None and not is_late(amendment)


@pytest.mark.corpus
def test_referred_footnote_ids_are_those_of_the_rows(corpus_dir: Path) -> None:
    referring = 0
    for one in _corpus_filings():
        if one.document is None:
            continue
        placed = list(rows(one.document))
        expected = {footnote_id for p in placed for _, footnote_id in row_footnote_ids(p.item)}
        assert referred_footnote_ids(p.item for p in placed) == expected, one.source.name
        referring += bool(expected)
    assert referring > 100


def test_an_undefined_reference_is_still_found_beside_defined_ones() -> None:
    rows_xml = tx(coding_note='<footnoteId id="F1"/>') + tx(coding_note='<footnoteId id="F3"/>')
    notes = '<footnote id="F1">cited</footnote><footnote id="F2">not</footnote>'
    found = filing(rows=rows_xml, footnotes=notes)
    result = [(f.rule, f.row, f.field) for f in footnote_references(found)]
    assert result == [
        ("codes.footnote-reference", 2, "transactionCoding"),
        ("codes.footnote-unused", 2, "id"),
    ]


def test_a_complete_row_is_skipped_and_an_incomplete_one_is_not() -> None:
    clean = filing()
    assert clean.document is not None
    assert all(_complete(p.item) for p in rows(clean.document))
    empty = tx().replace("<value>D</value></directOrIndirectOwnership>", "</directOrIndirectOwnership>")
    no_ownership = filing(rows=empty)
    assert no_ownership.document is not None
    assert not any(_complete(p.item) for p in rows(no_ownership.document))
    assert [f.field for f in required_elements(no_ownership)] == ["directOrIndirectOwnership"]


def test_prices_far_apart_in_different_securities_are_not_a_slipped_decimal() -> None:
    cheap = tx(shares="100", after="900", price="1.00")
    dear = tx(shares="100", after="900", price="150.00").replace("Common Stock", "Class B Stock")
    assert not [f for f in _plausible(cheap + dear) if "slipped" in f.message]
    slipped = tx(shares="100", after="900", price="1.00") + tx(shares="50", after="850", price="150.00")
    assert [f.row for f in _plausible(slipped) if "slipped" in f.message] == [2]


def _plausible(rows_xml: str) -> list[Finding]:
    return list(plausible_amounts(filing(rows=rows_xml)))


def test_footnote_ids_set_is_the_schema_pattern() -> None:
    import re

    candidates = {f"F{n}" for n in range(0, 1000)} | {"F01", "f1", "F", "F1 ", " F1", "G1", "F٣"}
    assert {c for c in candidates if _FOOTNOTE_ID.fullmatch(c)} == {
        c for c in candidates if c in _FOOTNOTE_IDS
    }
    assert re.fullmatch(_FOOTNOTE_ID, "F99") and "F99" in _FOOTNOTE_IDS


ROW_TYPES = (NonDerivativeTransaction, NonDerivativeHolding, DerivativeTransaction, DerivativeHolding)


def _negative_the_long_way(item: object) -> bool:
    for spec in fields(item):  # type: ignore[arg-type]
        fact = getattr(item, spec.name)
        amount = spec.name in arithmetic._AMOUNTS
        if amount and isinstance(fact, Fact) and isinstance(fact.value, Decimal) and fact.value < 0:
            return True
    return False


def _complete_the_long_way(item: object) -> bool:
    transaction = isinstance(item, (NonDerivativeTransaction, DerivativeTransaction))
    derivative = isinstance(item, (DerivativeTransaction, DerivativeHolding))
    valued = ["security_title", "direct_or_indirect_ownership", "shares_owned_following_transaction"]
    if transaction:
        valued += ["transaction_date", "transaction_acquired_disposed_code", "transaction_shares"]
    if derivative:
        valued.append("underlying_security_title")
    for name in valued:
        value = getattr(item, name)
        if value is None or (isinstance(value, Fact) and value.value is None):
            return False
    if derivative and any(
        getattr(item, n) is None for n in ("conversion_or_exercise_price", "exercise_date", "expiration_date")
    ):
        return False
    coding = getattr(item, "transaction_coding", None)
    return not transaction or (coding is not None and coding.transaction_code is not None)


@pytest.mark.parametrize("kind", ROW_TYPES, ids=lambda k: k.__name__)
def test_written_out_row_tests_match_the_long_way(kind: type) -> None:
    names = [spec.name for spec in fields(kind) if spec.name != "transaction_coding"]
    facts: list[object] = [
        None,
        Fact(None),
        Fact(Decimal("5")),
        Fact(Decimal("-5")),
        Fact(Decimal("-0")),
        Fact("text"),
        Fact(None, ("F1",)),
    ]
    codings = [None, TransactionCoding(), TransactionCoding(transaction_code=TransactionCode.S)]
    for position, name in enumerate(names):
        for fact in facts:
            for coding in codings:
                values = {n: Fact(Decimal("1")) for n in names} | {name: fact}
                if "transaction_coding" in {spec.name for spec in fields(kind)}:
                    values["transaction_coding"] = coding
                row = kind(**values)
                assert arithmetic._has_negative(row) == _negative_the_long_way(row), (name, fact)
                assert _complete(row) == _complete_the_long_way(row), (name, fact, coding)
                assert referred_footnote_ids([row]) == {i for _, i in row_footnote_ids(row)}, position


@pytest.mark.corpus
def test_written_out_row_tests_over_the_corpus(corpus_dir: Path) -> None:
    for one in _corpus_filings():
        if one.document is None:
            continue
        for item in (*one.document.non_derivative_table, *one.document.derivative_table):
            assert arithmetic._has_negative(item) == _negative_the_long_way(item), one.source.name
            assert _complete(item) == _complete_the_long_way(item), one.source.name
