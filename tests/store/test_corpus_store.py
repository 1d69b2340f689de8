"""The whole corpus into DuckDB and into PostgreSQL: same row counts, same rows for a few queries,
idempotent re-runs, and reparse rewriting the same rows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from section16.services.ingest import IngestReport, ingest, reparse
from section16.store import Store, open_store
from section16.store.schema import CHILD_TABLES, FILINGS, VIEWS
from tests.conftest import require_corpus

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

ROW_TABLES = [FILINGS.name, *(t.name for t in CHILD_TABLES), "raw_documents"]


def _corpus_paths() -> list[Path]:
    corpus = require_corpus()
    return [corpus / "xml", corpus / "submissions", corpus / "odd"]


@pytest.fixture(scope="module")
def duck(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, IngestReport]]:
    paths = _corpus_paths()
    with open_store(tmp_path_factory.mktemp("duck") / "corpus.duckdb") as store:
        yield store, ingest(paths, store, batch_size=200)


@pytest.fixture(scope="module")
def pg(postgres_server: str) -> Iterator[tuple[Store, IngestReport]]:
    import psycopg

    paths = _corpus_paths()
    with psycopg.connect(postgres_server, autocommit=True) as con:
        con.execute(b"DROP DATABASE IF EXISTS corpus_module")
        con.execute(b"CREATE DATABASE corpus_module")
    with open_store(postgres_server.rsplit("/", 1)[0] + "/corpus_module") as store:
        yield store, ingest(paths, store, batch_size=200)


def test_corpus_ingests_into_duckdb(duck: tuple[Store, IngestReport]) -> None:
    store, report = duck
    # Only the rate-limit page saved under a Form 4 name (corpus/odd) is not a filing.
    assert [Path(e.name).parent.name for e in report.errors] == ["odd"]
    assert report.added == store.count("filings") > 1000
    assert store.count("raw_documents") == store.count("filings")
    # Every row belongs to a stored filing (none half-written).
    for table in CHILD_TABLES:
        orphans = store.query(
            f"SELECT count(*) FROM {table.name} r WHERE NOT EXISTS "
            "(SELECT 1 FROM filings f WHERE f.filing_key = r.filing_key)"
        )
        assert orphans == [(0,)], table.name
    assert store.count("non_derivative_transactions") > 1000
    assert (
        store.count("owners")
        >= store.count("filings") - store.query("SELECT count(*) FROM filings WHERE NOT has_document")[0][0]
    )


def test_duckdb_and_postgres_agree(duck: tuple[Store, IngestReport], pg: tuple[Store, IngestReport]) -> None:
    d, p = duck[0], pg[0]
    for name in [*ROW_TABLES, *VIEWS]:
        assert d.count(name) == p.count(name), name
    queries = [
        "SELECT filing_key, sha256, document_type, period_of_report, issuer_cik, owner_ciks, filed_date, "
        "acceptance_datetime, earliest_transaction_date, filing_delay_days, amends_accession "
        "FROM filings ORDER BY filing_key",
        "SELECT filing_key, row_index, transaction_code, transaction_shares, transaction_price_per_share, "
        "transaction_value, shares_owned_before, ownership_change_pct, ownership_change_new, open_market, "
        "trade_type, transaction_shares_fn FROM non_derivative_transactions ORDER BY filing_key, row_index",
        "SELECT filing_key, owner_index, rpt_owner_cik, rpt_owner_name, roles FROM owners "
        "ORDER BY filing_key, owner_index",
        "SELECT filing_key, row_index, security_title, exercise_date, underlying_security_shares, "
        "conversion_or_exercise_price_fn FROM derivative_holdings ORDER BY filing_key, row_index",
        "SELECT filing_key, footnote_index, footnote_id, footnote_text FROM footnotes "
        "ORDER BY filing_key, footnote_index",
    ]
    for sql in queries:
        assert d.query(sql) == p.query(sql), sql


def test_ingest_again_adds_nothing(duck: tuple[Store, IngestReport]) -> None:
    store, _ = duck
    before = {t: store.count(t) for t in ROW_TABLES}
    again = ingest(_corpus_paths(), store)
    assert again.added == 0
    assert again.skipped > 1000
    assert {t: store.count(t) for t in ROW_TABLES} == before


def test_reparse_rewrites_the_same_rows(duck: tuple[Store, IngestReport]) -> None:
    store, _ = duck
    sql = (
        "SELECT filing_key, row_index, transaction_date, transaction_value, trade_type "
        "FROM non_derivative_transactions ORDER BY filing_key, row_index"
    )
    rows_before = store.query(sql)
    links_before = store.query("SELECT filing_key, amends_accession FROM filings ORDER BY filing_key")
    before = {t: store.count(t) for t in ROW_TABLES}
    report = reparse(store)
    assert report.errors == []
    assert report.added == before["filings"]
    assert {t: store.count(t) for t in ROW_TABLES} == before
    assert store.query(sql) == rows_before
    assert store.query("SELECT filing_key, amends_accession FROM filings ORDER BY filing_key") == links_before


def test_postgres_ingest_again_adds_nothing(pg: tuple[Store, IngestReport]) -> None:
    store, first = pg
    assert first.added == store.count("filings")
    again = ingest(_corpus_paths(), store)
    assert again.added == 0
    assert store.count("filings") == first.added
