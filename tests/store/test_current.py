"""The derived columns the reports read instead of computing per query: ``filings.is_current`` kept right
when amendments are linked and filings reparsed, ``filing_date`` (filed, else accepted, else signed) on
filings and transaction rows, and a store of an older schema filled once when opened. On DuckDB and
PostgreSQL."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from section16.model import DocumentType, Fact, Filing, NonDerivativeHolding, NonDerivativeTransaction
from section16.model.document import Signature
from section16.store import Store, filing_rows, open_store
from section16.store.queries import HoldingsFilter, holdings_query
from section16.store.schema import SCHEMA_VERSION
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)
from tests.store.test_amendments import _filing

F4, F4A = DocumentType.FORM_4, DocumentType.FORM_4A
ORIGINAL, OTHER, AMENDMENT = "0000000001-23-000001", "0000000001-23-000002", "0000000001-23-000009"


@pytest.fixture(params=["duckdb", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "duckdb":
        target = str(tmp_path / "current.duckdb")
    else:
        target = request.getfixturevalue("postgres_url")
    with open_store(target) as s:
        yield s


def _with_trade(filing: Filing, *, signed: date | None = None) -> Filing:
    """``filing`` with one Table I row and, when given, a signature of that date."""
    assert filing.document is not None
    doc = dataclasses.replace(
        filing.document,
        non_derivative_table=(NonDerivativeTransaction(transaction_date=Fact(value=date(2023, 12, 8))),),
        owner_signatures=(Signature(signature_date=signed),) if signed else (),
    )
    return dataclasses.replace(filing, document=doc)


def _original() -> Filing:
    return _filing(ORIGINAL, F4, date(2023, 12, 12))


def _amendment() -> Filing:
    return _filing(AMENDMENT, F4A, date(2023, 12, 20), original=date(2023, 12, 12))


def _current(store: Store) -> dict[str, bool]:
    return {str(k): bool(v) for k, v in store.query("SELECT filing_key, is_current FROM filings")}


def _view(store: Store) -> set[str]:
    return {str(r[0]) for r in store.query("SELECT filing_key FROM current_filings")}


def test_linking_an_amendment_makes_its_original_not_current(store: Store) -> None:
    other = _filing(OTHER, F4, date(2023, 12, 13))
    store.write_batch([(filing_rows(f), b"x") for f in (_original(), other, _amendment())])
    assert _current(store) == {ORIGINAL: True, OTHER: True, AMENDMENT: True}
    assert store.link_amendments() == 1
    assert _current(store) == {ORIGINAL: False, OTHER: True, AMENDMENT: True}
    assert _view(store) == {OTHER, AMENDMENT}
    assert {str(r[0]) for r in store.query("SELECT filing_key FROM current_owners")} == {OTHER, AMENDMENT}


def test_reparsed_amendment_frees_its_original_until_linked_again(store: Store) -> None:
    store.write_batch([(filing_rows(f), b"x") for f in (_original(), _amendment())])
    store.link_amendments()
    # Reparse writes the amendment again, unlinked: the original is the current state until relinked.
    store.write_batch([(filing_rows(_amendment()), b"x")], replace=True)
    assert _current(store) == {ORIGINAL: True, AMENDMENT: True}
    assert store.link_amendments() == 1
    assert _current(store) == {ORIGINAL: False, AMENDMENT: True}


def test_reparsed_original_stays_amended(store: Store) -> None:
    store.write_batch([(filing_rows(f), b"x") for f in (_original(), _amendment())])
    store.link_amendments()
    store.write_batch([(filing_rows(_original()), b"x")], replace=True)
    assert _current(store) == {ORIGINAL: False, AMENDMENT: True}
    assert _view(store) == {AMENDMENT}


def test_filing_date_is_filed_else_signed_on_filings_and_rows(store: Store) -> None:
    filed = _with_trade(_original(), signed=date(2023, 12, 11))
    bare = _with_trade(_filing(OTHER, F4, None), signed=date(2023, 12, 14))
    store.write_batch([(filing_rows(f), b"x") for f in (filed, bare)])
    expected = {ORIGINAL: date(2023, 12, 12), OTHER: date(2023, 12, 14)}
    assert dict(store.query("SELECT filing_key, filing_date FROM filings")) == expected
    assert store.query("SELECT DISTINCT insider_cik FROM filings") == [("0000000001",)]
    rows = store.query("SELECT filing_key, filing_date FROM non_derivative_transactions")
    assert dict(rows) == expected


def test_a_store_of_schema_1_is_filled_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    bare = _with_trade(_filing(OTHER, F4, None), signed=date(2023, 12, 14))
    with open_store(path) as store:
        store.write_batch([(filing_rows(f), b"x") for f in (_original(), _amendment(), bare)])
        store.link_amendments()
        # As version 1 left it: no derived columns filled.
        store.query(
            "UPDATE filings SET filing_date = NULL, is_current = NULL, insider = NULL, insider_cik = NULL"
        )
        store.query("UPDATE non_derivative_transactions SET filing_date = NULL")
        store.query("UPDATE section16_meta SET value = '1' WHERE key = 'schema_version'")
    with open_store(path) as store:
        assert _current(store) == {ORIGINAL: False, AMENDMENT: True, OTHER: True}
        assert store.query("SELECT filing_date FROM filings WHERE filing_key = ?", [ORIGINAL]) == [
            (date(2023, 12, 12),)
        ]
        assert store.query("SELECT filing_date FROM non_derivative_transactions") == [(date(2023, 12, 14),)]
        assert store.query("SELECT value FROM section16_meta WHERE key = 'schema_version'") == [
            (SCHEMA_VERSION,)
        ]
        assert store.holdings_fresh()
        assert store.query("SELECT DISTINCT insider_cik FROM filings") == [("0000000001",)]


def _holding(filing: Filing, shares: int, title: str = "Common Stock") -> Filing:
    """``filing`` reporting one Table I holding of ``shares``."""
    assert filing.document is not None
    row = NonDerivativeHolding(
        security_title=Fact(value=title), shares_owned_following_transaction=Fact(value=Decimal(shares))
    )
    doc = dataclasses.replace(filing.document, non_derivative_table=(row,))
    return dataclasses.replace(filing, document=doc)


def _holdings(store: Store, *, latest: bool) -> list[tuple[object, ...]]:
    dialect = "postgres" if store.dialect == "postgres" else "duckdb"
    q = holdings_query(dialect, HoldingsFilter(include_zero=True), latest=latest)
    return store.query(q.sql, q.params)


def test_latest_holdings_table_answers_as_the_ranking_does(store: Store) -> None:
    original = _holding(_original(), 100)
    amendment = _holding(_amendment(), 150)
    other_owner = _holding(_filing(OTHER, F4, date(2023, 12, 13), owners=("0000000002",)), 7, "Preferred")
    store.write_batch([(filing_rows(f), b"x") for f in (original, other_owner)])
    assert not store.holdings_fresh()  # written, not yet ranked: the report ranks every row
    store.link_amendments()
    assert store.holdings_fresh()
    assert _holdings(store, latest=True) == _holdings(store, latest=False)
    shares = {r[11]: r[9] for r in _holdings(store, latest=True)}
    assert shares == {ORIGINAL: 100, OTHER: 7}
    # The amendment replaces the original's holding once linked.
    store.write_batch([(filing_rows(amendment), b"x")])
    store.link_amendments()
    assert {r[11]: r[9] for r in _holdings(store, latest=True)} == {AMENDMENT: 150, OTHER: 7}
    assert _holdings(store, latest=True) == _holdings(store, latest=False)
    # Reparsed with another figure, the amendment's holding follows.
    store.write_batch([(filing_rows(_holding(_amendment(), 175)), b"x")], replace=True)
    store.link_amendments()
    assert {r[11]: r[9] for r in _holdings(store, latest=True)} == {AMENDMENT: 175, OTHER: 7}
    assert _holdings(store, latest=True) == _holdings(store, latest=False)
