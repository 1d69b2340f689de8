"""``section16 validate --db``, run in-process over the crafted book of tests/validate/_book.py stored in
DuckDB and PostgreSQL: output as JSON, CSV and table equal to file mode's findings, the summary line, the
exit codes, and one-line errors for a missing store and for PATHS given with --db."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from section16.cli import main
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)
from tests.validate._book import CROSS_FINDINGS, TODAY, write_book
from tests.validate._xml import document


def _ingest(db: str, *paths: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", *map(str, paths), "--db", db, "--no-progress"])
    assert result.exit_code == 0, result.output


def _validate(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["validate", *args, "--today", TODAY, "--no-progress"])
    return result.exit_code, result.stdout, result.stderr


def _multiset(findings: list[dict[str, object]]) -> Counter[str]:
    return Counter(json.dumps(f, sort_keys=True) for f in findings)


@pytest.fixture(params=["duckdb", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    target = (
        str(tmp_path / "book.duckdb")
        if request.param == "duckdb"
        else request.getfixturevalue("postgres_url")
    )
    _ingest(target, write_book(tmp_path / "book"))
    return target


def test_json_equals_file_mode_and_exit_1(db: str, tmp_path: Path) -> None:
    code, out, err = _validate("--db", db, "--format", "json")
    assert code == 1  # the book holds one error (codes.acquired-disposed)
    found = json.loads(out)
    assert {(f["accession"], f["rule"]) for f in found if f["rule"].startswith("across.")} == CROSS_FINDINGS
    file_code, file_out, _ = _validate(str(tmp_path / "book"), "--format", "json")
    assert file_code == 1
    assert _multiset(found) == _multiset(json.loads(file_out))
    assert err.splitlines() == [
        "7 filings, 0 unreadable: 1 errors, 4 warnings, 0 info; findings of 7 filings stored"
    ]


def test_csv_and_table(db: str) -> None:
    code, out, _ = _validate("--db", db, "--format", "csv")
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 5
    assert {r["rule"] for r in rows} >= {
        "across.duplicate",
        "across.empty-amendment",
        "codes.acquired-disposed",
    }
    assert list(rows[0]) == [
        "severity",
        "rule",
        "file",
        "accession",
        "table",
        "row",
        "field",
        "message",
        "source",
    ]
    code, out, _ = _validate("--db", db, "--no-refresh")
    assert code == 1
    assert "across.holdings-continuity" in out and "0000002488-23-000006.xml" in out


def test_no_refresh_says_so(db: str) -> None:
    _, _, err = _validate("--db", db, "--no-refresh", "--format", "json")
    assert err.strip().endswith("stored findings left as they were")


def test_clean_store_exits_0(tmp_path: Path) -> None:
    clean = tmp_path / "0000002488-23-000001.xml"
    clean.write_bytes(document())
    db = str(tmp_path / "clean.duckdb")
    _ingest(db, clean)
    code, out, err = _validate("--db", db, "--format", "json")
    assert (code, json.loads(out)) == (0, [])
    assert err.startswith("1 filings, 0 unreadable: 0 errors")


def test_errors_are_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    code, _, err = _validate("--db", str(missing))
    assert code == 1 and len(err.splitlines()) == 1 and str(missing) in err and "no store there" in err
    assert not missing.exists()  # validate does not create an empty store
    code, _, err = _validate("--db", str(missing), str(tmp_path))
    assert code == 1 and err.splitlines() == ["error: validate: give PATHS or --db, not both"]
    code, _, err = _validate()
    assert code == 1 and err.splitlines() == ["error: validate: give PATHS (files or folders) or --db DB"]
