"""A sync interrupted between discovery and fetch: the next run re-discovers with conditional requests
(EDGAR answers 304 with no body, the listing comes from the cache) and fetches each filing once; the
reason section16 keeps no separate sync-state record (see ``section16.services.sync``)."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from section16.services.sync import Selection, sync
from section16.store import open_store

ABBOTT = "1800"


class InterruptError(Exception):
    pass


def _interrupt_before_fetching(done: int, total: int) -> None:
    raise InterruptError  # the first progress call comes after discovery, before any fetch


@pytest.mark.parametrize(
    "selection",
    [Selection(cik=ABBOTT), Selection(since=date(2020, 3, 2), until=date(2020, 3, 20))],
    ids=["company", "date-range"],
)
def test_rediscovery_after_an_interruption_is_conditional_and_nothing_is_fetched_twice(
    fake_edgar, client, tmp_path, selection
):
    db = tmp_path / "db.duckdb"
    with open_store(db) as store, pytest.raises(InterruptError):
        sync(client, store, selection, progress=_interrupt_before_fetching, today=date(2024, 1, 1))
    listings = [e for e in fake_edgar.log if not e.path.endswith(".txt")]
    assert listings and all(e.status in (200, 404) for e in listings)
    assert not [e for e in fake_edgar.log if e.path.endswith(".txt")]
    fake_edgar.log.clear()
    with open_store(db) as store:
        report = sync(client, store, selection, today=date(2024, 1, 1))
        assert report.errors == [] and report.added == report.listed > 0
    again = [e for e in fake_edgar.log if not e.path.endswith(".txt")]
    assert [e.path for e in again] == [e.path for e in listings]  # the same listings, asked again...
    assert {e.status for e in again} <= {304, 404}  # ...answered "not modified" (or still absent)
    fetched = Counter(e.path for e in fake_edgar.log if e.path.endswith(".txt"))
    assert len(fetched) == report.added and set(fetched.values()) == {1}
