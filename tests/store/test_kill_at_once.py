"""An ingest that fits one batch into a new DuckDB store is one transaction whose commit is a checkpoint
(``DuckDBStore.write_and_link``): a ``section16 ingest`` subprocess killed with SIGKILL at any moment
leaves either no filing or every filing (rows, links and summaries), and a run after it stores each
filing exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from section16.services.ingest import ingest
from section16.store import open_store
from tests.conftest import require_corpus
from tests.store.test_kill import _ingest_cli
from tests.store.test_kill import _state as _rows_state

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

# Says "start" once imports are done, right before the ingest, so that the kill lands in the ingest.
_RUNNER = """
import sys
from section16.services.ingest import ingest
from section16.store import open_store

print("start", flush=True)
with open_store(sys.argv[1]) as store:
    ingest(sys.argv[2:], store)
print("done", flush=True)
"""


def _state(db: str) -> dict[str, object]:
    """The rows' state (test_kill's) and what linking and the refresh made of them."""
    with open_store(db) as store:
        derived = {
            "links": store.query("SELECT count(*) FROM filings WHERE amends_accession IS NOT NULL")[0][0],
            "latest_holdings": store.count("latest_holdings"),
            "insider_trades": store.count("insider_trades"),
            "pending": store.count("holdings_dirty"),
        }
    return {**_rows_state(db), **derived}


def _run_and_kill(db: str, paths: list[str], delay: float) -> bool:
    """Start an ingest, SIGKILL it ``delay`` seconds after it starts; True when it was killed before
    finishing."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _RUNNER, db, *paths],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "start"
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    return proc.returncode == -signal.SIGKILL


def test_killed_ingest_at_once_leaves_all_or_nothing(tmp_path: Path) -> None:
    corpus = require_corpus()
    paths = [str(corpus / "xml")]  # about 1,200 filings: one batch
    reference = str(tmp_path / "clean.duckdb")
    with open_store(reference) as store:
        ingest(paths, store)
    expected = _state(reference)
    assert expected["links"] and expected["latest_holdings"] and not expected["pending"]
    zero = {"filings": 0, "raw": 0, "links": 0, "latest_holdings": 0, "insider_trades": 0}
    counts = expected["counts"]
    assert isinstance(counts, dict)
    empty = {**expected, **zero, "counts": dict.fromkeys(counts, 0)}

    killed = 0
    # From early in the reading to about where the commit runs (the ingest takes about a second).
    for n, delay in enumerate((0.05, 0.4, 0.7, 0.85, 1.0, 1.15, 1.3)):
        db = str(tmp_path / f"killed-{n}.duckdb")
        killed += _run_and_kill(db, paths, delay)
        assert _state(db) in (empty, expected), delay
        done = _ingest_cli(db, paths)
        assert done.returncode == 0, done.stderr
        assert _state(db) == expected
    assert killed, "no run was killed before it finished: the test did not test anything"
