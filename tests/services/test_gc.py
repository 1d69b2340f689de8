"""The batch GC setting is raised inside the block and put back after, even when the block fails."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from section16.model import Filing
from section16.parse import read_filing
from section16.services._gc import BATCH_THRESHOLD, fewer_collections
from section16.services.ingest import ingest
from section16.store import open_store


def test_threshold_raised_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    with fewer_collections(50_000):
        assert gc.get_threshold() == (max(50_000, before[0]), *before[1:])
    assert gc.get_threshold() == before


def test_restored_when_the_block_raises() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections(50_000):
        raise RuntimeError("boom")
    assert gc.get_threshold() == before


def test_never_lowers_a_higher_threshold() -> None:
    before = gc.get_threshold()
    gc.set_threshold(200_000, *before[1:])
    try:
        with fewer_collections(50_000):
            assert gc.get_threshold()[0] == 200_000
    finally:
        gc.set_threshold(*before)


def test_ingest_runs_with_the_batch_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[tuple[int, ...]] = []

    def spy(data: bytes, **kwargs: Any) -> Filing:
        seen.append(gc.get_threshold())
        return read_filing(data, **kwargs)

    monkeypatch.setattr("section16.services.ingest.read_filing", spy)
    doc = tmp_path / "0000000001-23-000001.xml"
    doc.write_bytes(
        b"<ownershipDocument><documentType>4</documentType><issuer><issuerCik>1</issuerCik></issuer>"
        b"</ownershipDocument>"
    )
    before = gc.get_threshold()
    with open_store(tmp_path / "s.duckdb") as store:
        report = ingest([doc], store)
    assert report.added == 1
    assert seen and seen[0][0] >= BATCH_THRESHOLD
    assert gc.get_threshold() == before
