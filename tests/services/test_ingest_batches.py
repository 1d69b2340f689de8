"""Ingest over several batches, the next batch's files read by a loader thread while one is parsed: the
same filings, counts and errors as a plain loop, in source order."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from section16.services.ingest import SourceItem, ingest
from section16.store import open_store
from tests.conftest import CORPUS, require_corpus

NAMES = [
    "0000002488-23-000088.xml",
    "0000899243-23-002551.xml",
    "0000899243-23-004992.xml",
    "0000797468-23-000042.xml",
    "0000899140-23-000516.xml",
]


@pytest.mark.parametrize("batch_size", [1, 2, 3, 100])
def test_batches_store_every_filing_once_and_report_errors_in_order(tmp_path: Path, batch_size: int) -> None:
    require_corpus()
    folder = tmp_path / "in"
    folder.mkdir()
    for name in NAMES:
        shutil.copy(CORPUS / "xml" / name, folder / name)
    (folder / "0000000001-23-000001.xml").write_bytes(b"<ownershipDocument><issuer>")  # truncated
    (folder / "copy").mkdir()
    shutil.copy(CORPUS / "xml" / NAMES[0], folder / "copy" / NAMES[0])  # the same filing again
    with open_store(tmp_path / "s.duckdb") as store:
        report = ingest([folder], store, batch_size=batch_size)
        again = ingest([folder], store, batch_size=batch_size)
        keys = {str(r[0]) for r in store.query("SELECT filing_key FROM filings")}
    assert report.seen == 7 and report.added == 5 and report.skipped == 1
    assert [e.name for e in report.errors] == [str(folder / "0000000001-23-000001.xml")]
    assert keys == {name.removesuffix(".xml") for name in NAMES}
    assert again.added == 0 and again.skipped == 6 and len(again.errors) == 1


def test_a_source_that_cannot_be_loaded_is_reported_and_the_rest_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_corpus()
    good = [SourceItem(name, (CORPUS / "xml" / name).read_bytes) for name in NAMES[:3]]

    def broken() -> bytes:
        raise OSError("disk gone")

    items = [good[0], SourceItem("lost.xml", broken), *good[1:]]
    monkeypatch.setattr("section16.services.ingest.sources", lambda paths: (items, []))
    with open_store(tmp_path / "s.duckdb") as store:
        report = ingest(["ignored"], store, batch_size=2)
    assert report.added == 3 and report.seen == 4
    assert [e.name for e in report.errors] == ["lost.xml"]
    assert "disk gone" in str(report.errors[0])
