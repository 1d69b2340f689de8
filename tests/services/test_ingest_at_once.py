"""An ingest that fits one batch into a store that holds no filing writes and links at once
(``Store.write_and_link``; for DuckDB one transaction whose commit is a checkpoint): it stores what the
batch-by-batch ingest stores, row for row, and when writing at once fails it falls back to the usual
path without storing a filing twice."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from section16.services.ingest import IngestReport, ingest
from section16.store import Store, open_store
from section16.store.schema import DERIVED_TABLES, TABLES
from tests.conftest import corpus_files, require_corpus

_TABLES = [t.name for t in (*TABLES, *DERIVED_TABLES)]


def _paths() -> list[Path]:
    require_corpus()
    # Amendments and their originals among them, so that links are made.
    return corpus_files("submissions", "*.txt")[:300]


def _contents(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    return {name: store.query(f"SELECT * FROM {name} ORDER BY ALL") for name in _TABLES}


def _batch_by_batch(
    paths: list[Path], tmp_path: Path
) -> tuple[IngestReport, dict[str, list[tuple[Any, ...]]]]:
    """The report and contents of ``paths`` ingested batch by batch (40 filings a batch) into a new store."""
    with open_store(tmp_path / "reference.duckdb") as store:
        return ingest(paths, store, batch_size=40), _contents(store)


def _wal_bytes(db: Path) -> int:
    wal = db.with_name(db.name + ".wal")
    return wal.stat().st_size if wal.exists() else 0


def _spy(store: Store, monkeypatch: pytest.MonkeyPatch, name: str) -> list[int]:
    calls: list[int] = []
    real = getattr(store, name)

    def spy(*args: Any) -> Any:
        calls.append(len(args[0]) if args else 0)
        return real(*args)

    monkeypatch.setattr(store, name, spy)
    return calls


def test_at_once_stores_what_batch_by_batch_stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    paths = _paths()
    with open_store(tmp_path / "batches.duckdb") as store:
        by_batch = ingest(paths, store, batch_size=40)
        expected = _contents(store)
        logged = _wal_bytes(tmp_path / "batches.duckdb")
    with open_store(tmp_path / "once.duckdb") as store:
        at_once = _spy(store, monkeypatch, "write_and_link")
        report = ingest(paths, store)
        assert at_once == [report.added]
        # Written into the file at the commit, not into the write-ahead log (as the batches were).
        assert logged > 100_000 and _wal_bytes(tmp_path / "once.duckdb") == 0
        got = _contents(store)
        assert store.holdings_fresh() and store.issuers_fresh()
    assert (report.added, report.skipped, report.linked, report.failed) == (
        by_batch.added,
        by_batch.skipped,
        by_batch.linked,
        by_batch.failed,
    )
    assert report.linked > 0
    assert got == expected


def test_more_than_a_batch_or_a_store_with_filings_goes_batch_by_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _paths()
    with open_store(tmp_path / "s.duckdb") as store:
        at_once = _spy(store, monkeypatch, "write_and_link")
        ingest(paths, store, batch_size=100)
        assert at_once == []
        ingest([*paths, *corpus_files("xml", "*.xml")[:50]], store)  # the store holds filings now
        assert at_once == []


def test_a_failed_write_at_once_falls_back_and_stores_each_filing_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _paths()
    reference, expected = _batch_by_batch(paths, tmp_path)
    with open_store(tmp_path / "s.duckdb") as store:
        real = store.link_amendments
        failures: list[int] = []

        def link_once_failing() -> int:
            if not failures:
                failures.append(1)
                raise RuntimeError("the links failed")
            return real()

        monkeypatch.setattr(store, "link_amendments", link_once_failing)
        report = ingest(paths, store)
        # The transaction was rolled back whole; the filings were written again, then linked.
        assert failures == [1]
        assert (report.added, report.linked, report.failed) == (reference.added, reference.linked, 0)
        assert _contents(store) == expected


def test_a_write_at_once_that_stored_the_batch_before_failing_is_not_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # What a backend without one transaction for both may do: the batch stored, then the links fail.
    paths = _paths()
    reference, expected = _batch_by_batch(paths, tmp_path)
    with open_store(tmp_path / "s.duckdb") as store:

        def stored_then_failed(batch: Any) -> int:
            store.write_batch(batch)
            raise RuntimeError("the links failed")

        monkeypatch.setattr(store, "write_and_link", stored_then_failed)
        writes = _spy(store, monkeypatch, "write_batch")
        report = ingest(paths, store)
        assert writes == [reference.added]  # the one write of the batch, none after
        assert (report.added, report.linked, report.failed) == (reference.added, reference.linked, 0)
        assert _contents(store) == expected
