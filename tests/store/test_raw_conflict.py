"""A raw document that is already stored does not sink a batch: DuckDB writes raw documents with a plain
INSERT first and, should one of them be stored already, the whole batch again with ON CONFLICT DO
NOTHING; a filing key stored already still fails the batch."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from section16.parse import read_filing
from section16.store import filing_rows
from section16.store.duckdb import DuckDBStore
from tests.conftest import CORPUS, require_corpus

NAME = "0000002488-23-000088.xml"


def test_bytes_stored_under_another_key_are_kept_once(tmp_path: Path) -> None:
    require_corpus()
    data = (CORPUS / "xml" / NAME).read_bytes()
    filing = read_filing(data, name=NAME)
    with DuckDBStore(tmp_path / "s.duckdb") as store:
        store.write_batch([(filing_rows(filing), data)])
        store.write_batch([(filing_rows(filing, key="copy-of-it"), data)])
        keys = sorted(str(r[0]) for r in store.query("SELECT filing_key FROM filings"))
        raw = store.query("SELECT sha256, size FROM raw_documents")
        assert keys == ["0000002488-23-000088", "copy-of-it"]
        assert raw == [(filing.source.sha256, len(data))]
        assert store.count("owners") == 2 * len(filing.document.reporting_owners)  # type: ignore[union-attr]
        with pytest.raises(duckdb.ConstraintException):
            store.write_batch([(filing_rows(filing), data)])
        assert store.count("filings") == 2
        assert [d.data for d in store.raw_documents(["copy-of-it"])] == [data]
