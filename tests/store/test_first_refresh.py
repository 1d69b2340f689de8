"""A store's first refresh (every summary empty, every filing pending) fills the summaries from every
filing without the deletes and the gathering of dirty keys: the rows it writes are those the partial
refresh writes for the same filings, on DuckDB and PostgreSQL, and a later refresh is partial again."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from section16.services.ingest import ingest
from section16.services.synth import synthesize
from section16.store import Store, open_store
from section16.store.schema import DERIVED_TABLES
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)

_SUMMARIES = [t.name for t in DERIVED_TABLES if not t.name.endswith("_dirty")]


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    synthesize(folder, filings=600, seed=3)
    return folder


@pytest.fixture(params=["duckdb", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    target = (
        str(tmp_path / "s.duckdb") if request.param == "duckdb" else request.getfixturevalue("postgres_url")
    )
    with open_store(target) as s:
        yield s


def _spy_statements(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    runs: list[list[str]] = []
    real = store._run_all

    def run_all(statements: Sequence[str]) -> None:
        runs.append(list(statements))
        real(statements)

    monkeypatch.setattr(store, "_run_all", run_all)
    return runs


def _rows(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    # PostgreSQL has no ORDER BY ALL: the rows are sorted here (None first, as a tuple of
    # (is-not-None, value) per column).
    out = {}
    for name in _SUMMARIES:
        rows = store.query(f"SELECT * FROM {name}")
        out[name] = sorted(rows, key=lambda r: tuple((v is not None, v) for v in r))
    return out


def test_first_refresh_writes_what_the_partial_refresh_writes(
    store: Store, synth_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runs = _spy_statements(store, monkeypatch)
    report = ingest([synth_dir], store, validate=True)
    assert report.added == 600 and not report.errors
    # The first refresh was the whole one: no dirty keys gathered, nothing deleted from a summary.
    first = " ".join(runs[-1])
    assert "INSERT INTO latest_holdings" in first
    assert "_holding_groups" not in first and "_dirty_issuers" not in first
    assert "DELETE FROM latest_holdings" not in first
    whole = _rows(store)
    assert all(whole[name] for name in ("latest_holdings", "insider_trades", "issuer_activity"))
    assert store.holdings_fresh() and store.issuers_fresh()

    # Every filing, issuer and owner pending again: the summaries are not empty now, so the partial
    # refresh deletes and computes every one of them again, and must come to the same rows.
    store.query("INSERT INTO holdings_dirty SELECT filing_key FROM filings")
    store.query("INSERT INTO issuers_dirty SELECT DISTINCT issuer_key FROM filings")
    store.query(
        "INSERT INTO owners_dirty SELECT DISTINCT LTRIM(rpt_owner_cik, '0') FROM owners "
        "WHERE rpt_owner_cik IS NOT NULL"
    )
    assert store.refresh_holdings() == 600
    partial = " ".join(runs[-1])
    assert "_holding_groups" in partial and "DELETE FROM latest_holdings" in partial
    assert _rows(store) == whole
    assert store.holdings_fresh() and store.issuers_fresh()


def test_the_refresh_is_partial_unless_every_filing_is_pending_and_the_summaries_are_empty(
    store: Store, synth_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest([synth_dir], store, validate=False)
    whole = _rows(store)
    runs = _spy_statements(store, monkeypatch)
    key = store.filing_keys()[0]
    # Summaries there, one filing pending: partial, and the same rows.
    store.query("INSERT INTO holdings_dirty VALUES (?)", [key])
    assert store.refresh_holdings() == 1
    assert "_holding_groups" in " ".join(runs[-1])
    assert _rows(store) == whole
    # Summaries empty, but only one filing pending: partial, so only that filing's groups are ranked.
    for name in _SUMMARIES:
        store.query(f"DELETE FROM {name}")
    store.query("INSERT INTO holdings_dirty VALUES (?)", [key])
    assert store.refresh_holdings() == 1
    assert "_holding_groups" in " ".join(runs[-1])
    ranked = store.query("SELECT DISTINCT filing_key FROM latest_holdings")
    assert ranked and len(ranked) < len({r[2] for r in whole["latest_holdings"]})
