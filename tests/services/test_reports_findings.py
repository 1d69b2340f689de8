"""The trades screener filtered on stored validation findings (``TradeFilter.has_findings`` /
``clean_only``, ``section16 trades --has-findings/--clean-only``), over the crafted book of
tests/validate/_book.py in DuckDB and PostgreSQL: ingest stores the one-filing findings, and
``validate --db`` (services.store_validation) adds the cross-filing ones the filter then sees.

Findings of the book (see tests/validate/_book.py): 0000009999-23-000002 has an error; -000003, -000004,
-000005 and -000006 of 0000002488 have cross-filing warnings; -000001 of each issuer is clean."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from section16.cli import main
from section16.errors import QueryError
from section16.services import reports
from section16.services.ingest import ingest
from section16.services.reports import TradeFilter
from section16.services.store_validation import validate_store
from section16.store import Store, open_store
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)
from tests.validate._book import TODAY, write_book

ALL = [
    "0000002488-23-000001",
    "0000002488-23-000003",
    "0000002488-23-000004",
    "0000002488-23-000005",
    "0000002488-23-000006",
    "0000009999-23-000001",
    "0000009999-23-000002",
]


@pytest.fixture(params=["duckdb", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    target = (
        str(tmp_path / "book.duckdb")
        if request.param == "duckdb"
        else request.getfixturevalue("postgres_url")
    )
    with open_store(target) as s:
        assert not ingest([write_book(tmp_path / "book")], s).errors
        yield s


def _keys(store: Store, **kw: object) -> list[str]:
    flt = TradeFilter(current=False, limit=None, **kw)  # type: ignore[arg-type]
    return sorted({row["filing_key"] for row in reports.trades(store, flt).rows})


def test_filter_on_findings_before_and_after_validate_db(store: Store) -> None:
    assert _keys(store) == ALL
    # At ingest only the one-filing rules ran: the one error, no warnings.
    assert _keys(store, has_findings="error") == ["0000009999-23-000002"]
    assert _keys(store, has_findings="warning") == ["0000009999-23-000002"]
    assert _keys(store, clean_only=True) == [k for k in ALL if k != "0000009999-23-000002"]
    validate_store(store, today=date.fromisoformat(TODAY))
    assert _keys(store, has_findings="error") == ["0000009999-23-000002"]
    assert _keys(store, has_findings="warning") == [
        "0000002488-23-000003",
        "0000002488-23-000004",
        "0000002488-23-000005",
        "0000002488-23-000006",
        "0000009999-23-000002",
    ]
    assert _keys(store, has_findings="info") == _keys(store, has_findings="warning")
    assert _keys(store, clean_only=True) == ["0000002488-23-000001", "0000009999-23-000001"]
    # Combined with the other filters, every value bound.
    assert _keys(store, has_findings="warning", issuer_cik="9999") == ["0000009999-23-000002"]


def test_bad_findings_filters_are_query_errors(store: Store) -> None:
    with pytest.raises(QueryError, match="not both"):
        reports.trades(store, TradeFilter(has_findings="error", clean_only=True))
    with pytest.raises(QueryError, match="unknown finding severity 'fatal'"):
        reports.trades(store, TradeFilter(has_findings="fatal"))


def test_trades_command_has_findings_and_clean_only(tmp_path: Path) -> None:
    db = str(tmp_path / "book.duckdb")
    with open_store(db) as s:
        ingest([write_book(tmp_path / "book")], s)
    runner = CliRunner()
    assert runner.invoke(main, ["validate", "--db", db, "--today", TODAY, "--no-progress"]).exit_code == 1

    def keys(*args: str) -> list[str]:
        result = runner.invoke(main, ["trades", "--db", db, "--as-filed", "--format", "json", *args])
        assert result.exit_code == 0, result.output
        return sorted({row["filing_key"] for row in json.loads(result.stdout)})

    assert keys("--has-findings", "error") == ["0000009999-23-000002"]
    assert keys("--clean-only") == ["0000002488-23-000001", "0000009999-23-000001"]
    both = runner.invoke(main, ["trades", "--db", db, "--has-findings", "error", "--clean-only"])
    assert both.exit_code == 1 and len(both.stderr.splitlines()) == 1 and "not both" in both.stderr
    bad = runner.invoke(main, ["trades", "--db", db, "--has-findings", "fatal"])
    assert bad.exit_code == 2
