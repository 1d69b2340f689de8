"""An ingest into a store that holds no filing yet does not ask the store what it holds (nothing else can
write to a DuckDB file meanwhile): it still skips a second copy of a filing, by its bytes and by its
accession number, in the same batch or a later one; an ingest into a store that holds filings asks it."""

from __future__ import annotations

from pathlib import Path

import pytest

from section16.services.ingest import ingest
from section16.store import open_store
from tests.conftest import CORPUS, require_corpus

NAME = "0000002488-23-000088.xml"


@pytest.mark.parametrize("batch_size", [1, 100])
def test_second_copies_are_skipped_in_a_fresh_store(
    tmp_path: Path, batch_size: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_corpus()
    data = (CORPUS / "xml" / NAME).read_bytes()
    folder = tmp_path / "in"
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    (folder / "c").mkdir()
    (folder / "a" / NAME).write_bytes(data)
    (folder / "b" / NAME).write_bytes(data)  # the same bytes
    (folder / "c" / NAME).write_bytes(data + b"\n")  # other bytes, the same accession number
    with open_store(tmp_path / "s.duckdb") as store:
        asked: list[str] = []
        for probe in ("existing_keys", "existing_sha256"):
            real = getattr(store, probe)

            def spy(values: list[str], probe: str = probe, real: object = real) -> set[str]:
                asked.append(probe)
                return real(values)  # type: ignore[operator, no-any-return]

            monkeypatch.setattr(store, probe, spy)
        first = ingest([folder], store, batch_size=batch_size)
        assert asked == []
        again = ingest([folder], store, batch_size=batch_size)
        assert "existing_sha256" in asked and "existing_keys" in asked
        stored = store.query("SELECT filing_key, sha256 FROM filings")
    assert (first.added, first.skipped, first.failed) == (1, 2, 0)
    assert (again.added, again.skipped, again.failed) == (0, 3, 0)
    assert len(stored) == 1 and stored[0][0] == NAME.removesuffix(".xml")
