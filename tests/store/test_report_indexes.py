"""The PostgreSQL report indexes (``ensure_report_indexes``): created once, idempotent, the descending
ones the screener's newest-first order uses, and the trigram ones for searches by part of a name."""

from __future__ import annotations

from section16.services import reports
from section16.store import Store, open_store
from section16.store.queries import REPORT_INDEXES, TRIGRAM_INDEXES, report_index_statements
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)


def test_duckdb_needs_none() -> None:
    assert report_index_statements("duckdb") == []


def test_postgres_gets_every_index_once(postgres_url: str) -> None:  # noqa: F811
    def indexes(store: Store) -> set[str]:
        rows = store.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")
        return {str(name) for (name,) in rows}

    with open_store(postgres_url) as store:
        before = indexes(store)
        assert reports.ensure_report_indexes(store) == len(report_index_statements("postgres"))
        names = indexes(store)
        assert names > before
        reports.ensure_report_indexes(store)  # a second time: nothing fails, nothing more is made
        assert indexes(store) == names
        assert {n for n, _, _ in REPORT_INDEXES} <= names
        assert "rpt_ndt_filing_date_desc" in names
        has_trgm = store.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if has_trgm:  # Debian's postgresql ships it; a server without contrib searches by scanning
            assert {n for n, _, _ in TRIGRAM_INDEXES} <= names
        # The screener and the searches give their answers with the indexes there.
        assert reports.trades(store).rows == ()
        assert reports.trades(store, reports.TradeFilter(insider="nobody")).rows == ()
