"""A real ``section16 ingest`` subprocess killed with SIGKILL mid-way, then run again: every filing is
stored exactly once and none is half-written (each batch is one transaction)."""

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
from section16.store.schema import CHILD_TABLES
from tests.conftest import require_corpus

pytestmark = [pytest.mark.corpus, pytest.mark.slow]

# Runs the ingest service with small batches and says on stdout when each batch is committed, so the
# test can kill it after some batches are in and while later ones are being written.
_RUNNER = """
import sys
from section16.services.ingest import ingest
from section16.store import open_store

def said(done, total):
    print(done, flush=True)

with open_store(sys.argv[1]) as store:
    ingest(sys.argv[2:], store, batch_size=25, progress=said)
print("done", flush=True)
"""


def _run_and_kill(db: str, paths: list[str], after_lines: int, delay: float) -> bool:
    """Start an ingest, SIGKILL it after ``after_lines`` committed batches plus ``delay`` seconds; True
    when it was killed before finishing."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _RUNNER, db, *paths],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    for lines, line in enumerate(proc.stdout, start=1):
        if line.strip() == "done":
            break
        if lines >= after_lines:
            time.sleep(delay)  # land inside the next batch's reading or writing
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    proc.stdout.close()
    return proc.returncode == -signal.SIGKILL


def _state(db: str) -> dict[str, object]:
    with open_store(db) as store:
        keys = store.query("SELECT filing_key, count(*) FROM filings GROUP BY filing_key HAVING count(*) > 1")
        orphans = {
            t.name: store.query(
                f"SELECT count(*) FROM {t.name} r WHERE NOT EXISTS "
                "(SELECT 1 FROM filings f WHERE f.filing_key = r.filing_key)"
            )[0][0]
            for t in CHILD_TABLES
        }
        counts = {t.name: store.count(t.name) for t in CHILD_TABLES}
        return {
            "duplicates": keys,
            "orphans": orphans,
            "counts": counts,
            "filings": store.count("filings"),
            "raw": store.count("raw_documents"),
        }


_CLI = "from section16.cli import main; main()"


def _ingest_cli(db: str, paths: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _CLI, "ingest", "--no-progress", "--db", db, *paths],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("backend", ["duckdb", "postgres"])
def test_killed_ingest_then_rerun_stores_each_filing_once(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    corpus = require_corpus()
    paths = [str(corpus / "xml"), str(corpus / "submissions")]
    if backend == "duckdb":
        db, reference = str(tmp_path / "killed.duckdb"), str(tmp_path / "clean.duckdb")
    else:
        db = request.getfixturevalue("postgres_url")
        reference = request.getfixturevalue("postgres_url")

    with open_store(reference) as store:
        ingest(paths, store)
    expected = _state(reference)

    killed = [
        _run_and_kill(db, paths, after_lines, delay)
        for after_lines, delay in ((2, 0.0), (3, 0.01), (4, 0.03), (2, 0.05))
    ]
    assert any(killed), "no run was killed before it finished: the test did not test anything"
    mid = _state(db)
    assert mid["duplicates"] == []
    assert mid["orphans"] == dict.fromkeys(expected["counts"], 0)  # type: ignore[arg-type]
    assert mid["filings"] <= expected["filings"]  # type: ignore[operator]

    done = _ingest_cli(db, paths)
    assert done.returncode == 0, done.stderr
    assert _state(db) == expected
