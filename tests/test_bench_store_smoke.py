"""The ingest and report benchmarks run end to end on tiny sizes and print well-formed JSON.

Only the shape and the counts of the output are checked: a test never asserts a time (STYLE.md, Tests).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, require_corpus

LIMIT = 15
FILINGS = 40


def _run(script: str, *args: str) -> tuple[str, dict[str, Any]]:
    cmd = [sys.executable, str(REPO / "bench" / script), *args]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    start = lines.index("{")  # the JSON object follows the table, from a line that is "{"
    return "\n".join(lines[:start]), json.loads("\n".join(lines[start:]))


@pytest.mark.corpus
@pytest.mark.slow
def test_bench_ingest_on_a_slice_of_the_corpus_and_a_few_synth_filings(tmp_path: Path) -> None:
    corpus = require_corpus()
    args = ["--corpus", str(corpus), "--limit", str(LIMIT), "--repeat", "1", "--no-peer"]
    table, result = _run("bench_ingest.py", *args, "--filings", str(FILINGS), "--work", str(tmp_path))

    assert result["bench"] == "ingest" and result["validate"] is True and result["duckdb_threads"] == 1
    # "one core": the process is pinned to one of the cores it may use, and the table says which
    assert result["pinned_to_core"] in os.sched_getaffinity(0)
    assert f"process pinned to core {result['pinned_to_core']}" in table
    assert set(result["corpus"]) == {"xml", "submissions"}
    for suite, got in result["corpus"].items():
        row = got["section16"]
        # every file of the slice is one filing, stored or failed; none vanishes
        assert row["filings"] + row["failures"] + row["skipped"] == LIMIT, suite
        assert row["filings"] >= LIMIT - 1
        assert row["rounds_s"] == [row["seconds"]]
        assert row["filings_per_s"] > 0 and row["transaction_rows"] > 0
        assert got["peer"] is None and "--no-peer" in got["peer_error"]
        assert got["section16_over_peer"] is None
        assert f"corpus/{suite}" in table
    synth = result["synth"]["section16"]
    assert synth["filings"] == FILINGS and synth["failures"] == 0
    assert (tmp_path / f"synth-{FILINGS}" / ".complete").is_file()
    assert f"synth/{FILINGS}" in table


@pytest.mark.slow
def test_bench_reports_builds_a_replicated_store_and_times_every_report(tmp_path: Path) -> None:
    table, result = _run(
        "bench_reports.py",
        "--rows",
        "150",
        "--filings",
        str(FILINGS),
        "--work",
        str(tmp_path),
        "--repeat",
        "1",
    )
    database = result["database"]
    assert database["built"] is True and database["transaction_rows"] >= 150
    reports = result["reports"]
    assert len(reports) == 15  # 13 reports of issue 3, and short-swing of a ticker and an insider
    for got in reports:
        assert got["rows"] > 0, got["report"]
        assert len(got["runs_ms"]) == 1 and got["median_ms"] == got["runs_ms"][0]
        assert got["report"][:40] in table
    # the second run reuses the database
    _, again = _run(
        "bench_reports.py",
        "--rows",
        "150",
        "--filings",
        str(FILINGS),
        "--work",
        str(tmp_path),
        "--repeat",
        "1",
    )
    assert again["database"]["built"] is False
    assert again["database"]["transaction_rows"] == database["transaction_rows"]
    # The copies are in the derived tables: what the reports read from them is what every row gives.
    from section16.services import reports as r
    from section16.store.duckdb import DuckDBStore
    from section16.store.queries import holdings_query, net_activity_query

    with DuckDBStore(database["db"]) as store:
        assert store.holdings_fresh() and store.issuers_fresh()
        copies = store.query("SELECT count(*) FROM issuer_activity WHERE ticker LIKE '%.%'")[0][0]
        assert copies > 0
        for stored in (True, False):
            q = net_activity_query("duckdb", r.NetActivityFilter(limit=None), stored=stored)
            assert len(store.query(q.sql, q.params)) == store.count("issuer_activity")
        latest = holdings_query("duckdb", r.HoldingsFilter(limit=None), latest=True)
        ranked = holdings_query("duckdb", r.HoldingsFilter(limit=None))
        assert store.query(latest.sql, latest.params) == store.query(ranked.sql, ranked.params)
