"""The report commands (section16 trades, cluster-buys, insiders, insider, holdings, net-activity, sql)
over the crafted book of tests/services/test_reports.py in a DuckDB store: formats, exit codes and
one-line errors."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from section16.cli import main
from section16.services.ingest import ingest
from section16.store import open_store
from tests.services.test_reports import BOOK


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("book")
    for accession, xml in BOOK.items():
        (folder / f"{accession}.xml").write_text(xml, encoding="utf-8")
    target = str(folder / "book.duckdb")
    with open_store(target) as store:
        assert not ingest([folder], store, validate=False).errors
    return target


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_trades_json_carries_every_column(db: str) -> None:
    code, out, _ = _run("trades", "--db", db, "--ticker", "acme", "--code", "P,S", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["filing_key"] for r in rows] == [
        "0000001111-24-000004",
        "0000001111-24-000005",
        "0000001111-24-000003",
        "0000001111-24-000001",
    ]
    assert rows[2]["insider"] == "Fund LP; Fund GP LLC"
    assert rows[0]["value"] == "-4000"


def test_cluster_buys_csv(db: str) -> None:
    code, out, _ = _run("cluster-buys", "--db", db, "--format", "csv", "--window", "2")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["ticker"], r["insiders"], r["total_value"]) for r in rows] == [("ACME", "2", "29200")]


def test_table_output_of_each_report(db: str) -> None:
    for args in (
        ("trades", "--min-value", "10000"),
        ("insiders", "--ticker", "BETA"),
        ("insider", "Carol"),
        ("holdings", "--ticker", "BETA"),
        ("net-activity",),
        ("cluster-buys",),
    ):
        code, out, err = _run(*args, "--db", db)
        assert code == 0, err
        assert "row(s)" in out
    code, out, _ = _run("insider", "105", "--db", db)
    assert "New" in out and "Carol Cole" in out


def test_sql_command_binds_parameters(db: str) -> None:
    query = "SELECT issuer_trading_symbol AS t, count(*) AS n FROM filings WHERE issuer_cik = ? GROUP BY 1"
    code, out, _ = _run("sql", query, "0000002222", "--db", db, "--format", "json")
    assert code == 0
    assert json.loads(out) == [{"t": "beta", "n": 4}]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("sql", "DELETE FROM filings"), "one SELECT"),
        (("insider", "Nobody"), "no trades"),
        (("insiders", "--ticker", "NOPE"), "no filings"),
    ],
)
def test_errors_are_one_line_with_exit_code_1(db: str, args: tuple[str, ...], message: str) -> None:
    code, _, err = _run(*args, "--db", db)
    assert code == 1
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_missing_store_names_the_file(tmp_path: Path) -> None:
    absent = tmp_path / "none.duckdb"
    code, _, err = _run("trades", "--db", str(absent))
    assert code == 1
    assert str(absent) in err
    assert not absent.exists()
