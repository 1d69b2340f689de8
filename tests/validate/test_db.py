"""Validating a store (section16.services.store_validation) on the crafted book of tests/validate/_book.py,
in DuckDB and in PostgreSQL: the cross-filing findings the book holds are found, the findings equal what
file mode reports for the same files, the stored findings are replaced by them, tiny batches keep each
issuer's and owner's filings together, and a raw document that no longer reads is a read.error."""

from __future__ import annotations

import gzip
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from section16.services.ingest import ingest
from section16.services.store_validation import validate_store
from section16.services.validation import validate_paths
from section16.store import Store, open_store
from section16.validate import Finding
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)
from tests.validate._book import CROSS_FINDINGS, TODAY, write_book

WHEN = date.fromisoformat(TODAY)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return write_book(tmp_path / "book")


@pytest.fixture(params=["duckdb", "postgres"])
def store(request: pytest.FixtureRequest, book: Path, tmp_path: Path) -> Iterator[Store]:
    """The book ingested (with ingest-time findings) into a fresh store of each backend."""
    target = (
        str(tmp_path / "book.duckdb")
        if request.param == "duckdb"
        else request.getfixturevalue("postgres_url")
    )
    with open_store(target) as s:
        report = ingest([book], s)
        assert not report.errors and report.added == 7
        yield s


def _as_key(finding: Finding) -> tuple[object, ...]:
    return tuple(sorted(finding.as_dict().items(), key=lambda kv: kv[0]))


def _stored(store: Store) -> Counter[tuple[object, ...]]:
    """The findings table as (filing_key, rule, severity, message, source, table, row, field, place)."""
    rows = store.query(
        "SELECT filing_key, rule_id, severity, message, rule_source, table_name, row_number, field, location "
        "FROM findings"
    )
    return Counter(tuple(r) for r in rows)


def _expected_rows(findings: list[Finding]) -> Counter[tuple[object, ...]]:
    return Counter(
        (f.accession, f.rule, f.severity.value, f.message, f.source, f.table, f.row, f.field, f.place)
        for f in findings
    )


def _run(store: Store, **kwargs: object) -> tuple[list[Finding], object]:
    found: list[Finding] = []
    report = validate_store(store, today=WHEN, on_finding=found.append, **kwargs)  # type: ignore[arg-type]
    return found, report


def test_finds_the_books_cross_filing_findings(store: Store) -> None:
    found, report = _run(store)
    assert {(f.accession, f.rule) for f in found if f.rule.startswith("across.")} == CROSS_FINDINGS
    continuity = {f.accession: f.message for f in found if f.rule == "across.holdings-continuity"}
    assert "expected 800" in continuity["0000002488-23-000003"]
    assert "expected 600" in continuity["0000002488-23-000006"]  # 2488 and 0000002488 are one issuer
    assert [f.accession for f in found if f.severity.value == "error"] == ["0000009999-23-000002"]
    assert report.filings == 7 and report.failed == 0 and report.errors == 1  # type: ignore[attr-defined]
    assert not report.ok  # type: ignore[attr-defined]


def test_equals_file_mode_and_is_stored(store: Store, book: Path) -> None:
    files = validate_paths([book], today=WHEN).findings
    before = _stored(store)
    # Ingest stores the one-filing findings only: no cross-filing ones yet.
    assert not any(rule.startswith("across.") for _, rule, *_ in before)
    found, _ = _run(store)
    assert Counter(map(_as_key, found)) == Counter(map(_as_key, files))
    after = _stored(store)
    assert after == _expected_rows(list(files))
    # A second run finds the same and stores the same (the old rows are replaced, not added to).
    again, _ = _run(store)
    assert Counter(map(_as_key, again)) == Counter(map(_as_key, files))
    assert _stored(store) == after


def test_tiny_batches_keep_groups_whole(store: Store) -> None:
    whole, _ = _run(store)
    one_by_one, report = _run(store, batch_size=1)
    assert Counter(map(_as_key, one_by_one)) == Counter(map(_as_key, whole))
    assert report.refreshed == 7  # type: ignore[attr-defined]


def test_no_refresh_leaves_stored_findings(store: Store) -> None:
    before = _stored(store)
    found, report = _run(store, refresh=False)
    assert any(f.rule == "across.duplicate" for f in found)
    assert report.refreshed == 0  # type: ignore[attr-defined]
    assert _stored(store) == before


def test_unreadable_raw_document_is_a_read_error(book: Path, tmp_path: Path) -> None:
    with open_store(tmp_path / "broken.duckdb") as store:
        ingest([book], store)
        sha = store.query("SELECT sha256 FROM filings WHERE filing_key = '0000002488-23-000003'")[0][0]
        store.query(
            "UPDATE raw_documents SET data = ? WHERE sha256 = ?", [gzip.compress(b"<notOwnership/>"), sha]
        )
        found, report = _run(store)
        errors = [f for f in found if f.rule == "read.error"]
        assert [(f.accession, f.file) for f in errors] == [
            ("0000002488-23-000003", str(book / "0000002488-23-000003.xml"))
        ]
        assert report.failed == 1 and report.filings == 7  # type: ignore[attr-defined]
        # The rest is validated: without -000003, -000006 follows -000001 (900 - 100 is 800, not 500).
        continuity = [f for f in found if f.rule == "across.holdings-continuity"]
        assert [(f.accession, "expected 800" in f.message) for f in continuity] == [
            ("0000002488-23-000006", True)
        ]
        stored = store.query("SELECT rule_id FROM findings WHERE filing_key = '0000002488-23-000003'")
        assert stored == [("read.error",)]
