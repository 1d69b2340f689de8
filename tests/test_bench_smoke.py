"""The parse benchmark runs end to end on a slice of the corpus and prints well-formed JSON.

Only the shape of the output is checked: a test never asserts a time (STYLE.md, Tests).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, require_corpus

BENCH = REPO / "bench" / "bench_parse.py"
LIMIT = 20


def _run_bench(corpus: Path, *extra: str) -> tuple[str, dict[str, Any]]:
    cmd = [sys.executable, str(BENCH), "--corpus", str(corpus), "--limit", str(LIMIT), "--repeat", "1"]
    done = subprocess.run(
        [*cmd, "--no-peer", *extra], capture_output=True, text=True, check=False, timeout=300
    )
    assert done.returncode == 0, done.stderr
    # The JSON object is the last thing on stdout, after the table; it starts at a line that is "{".
    lines = done.stdout.splitlines()
    start = lines.index("{")
    return "\n".join(lines[:start]), json.loads("\n".join(lines[start:]))


@pytest.mark.corpus
def test_bench_prints_a_table_and_well_formed_json() -> None:
    corpus = require_corpus()
    table, result = _run_bench(corpus, "--suite", "xml")

    assert result["bench"] == "parse"
    assert result["repeat"] == 1
    machine = result["machine"]
    assert isinstance(machine, dict)
    assert isinstance(machine["nproc"], int) and machine["nproc"] >= 1
    assert set(machine) >= {"python", "platform", "lxml", "date"}

    suites = result["suites"]
    assert isinstance(suites, dict) and list(suites) == ["xml"]
    xml = suites["xml"]
    assert xml["files"] == LIMIT
    assert xml["peer"] is None and "--no-peer" in xml["peer_error"]
    assert xml["section16_error"] is None, xml["section16_error"]
    for tool in ("floor", "section16"):
        row = xml[tool]
        assert row["tool"] == tool
        assert row["files"] == LIMIT
        assert 0 <= row["failures"] <= LIMIT
        assert len(row["fail_examples"]) == min(row["failures"], 8)
        assert len(row["rounds_s"]) == 1
        assert isinstance(row["best_s"], float) and row["best_s"] == min(row["rounds_s"])
        assert isinstance(row["ms_per_filing"], float)
    assert xml["section16"]["detail"].startswith("section16.parse.")
    assert isinstance(xml["section16"]["crashes"], int)
    assert 0 <= xml["section16"]["crashes"] <= xml["section16"]["failures"]
    assert xml["floor"]["crashes"] is None
    assert isinstance(xml["caveats"], list)
    assert isinstance(xml["ratios"]["section16_over_floor"], float)
    assert xml["ratios"]["peer_over_section16"] is None
    assert xml["goals"]["peer_over_section16_met"] is None
    assert isinstance(xml["goals"]["section16_over_floor_met"], bool)

    assert "== xml: 20 files, best of 1" in table
    assert "section16/floor = " in table


@pytest.mark.corpus
def test_bench_reads_the_submission_suite() -> None:
    corpus = require_corpus()
    _, result = _run_bench(corpus, "--suite", "submissions")
    suites = result["suites"]
    assert isinstance(suites, dict)
    submissions = suites["submissions"]
    assert submissions["files"] == LIMIT
    assert submissions["floor"]["files"] == LIMIT
    assert submissions["section16_error"] is None, submissions["section16_error"]
    row = submissions["section16"]
    assert row["detail"] == "section16.parse.read_filing"
    assert row["files"] == LIMIT
    assert 0 <= row["crashes"] <= row["failures"] <= LIMIT
