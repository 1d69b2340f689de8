"""Who filed late (section16.services.reports.late_filings and ``section16 late``), on crafted filings
whose due dates are worked out by hand below, in DuckDB and in PostgreSQL. Findings come from the
validation that ingest runs (rule ``deadlines.late``).

ACME (CIK 1111):
  L1  Alice (CEO)     P trade Fri 2024-03-01, due Tue 03-05; bare XML signed 03-11   late (warning), 10 days
  L2  Alice (CEO)     S trade Mon 2024-03-18, due Wed 03-20; a submission accepted 03-20 at 23:00, after
                      Regulation S-T's 10 p.m. cut-off, so filed Thu 03-21          late (error), 2 days
  L3  Fund LP + Fund GP (joint)  P trade Thu 2024-03-07, due Mon 03-11; signed 03-20  late (warning), 13
  L4  Bob (Director)  P trade Tue 2024-03-05, due Thu 03-07; signed 03-06            on time
  L5  Alice 4/A of L1, signed 03-25: an amendment has no due date of its own; L1 stays late
BETA (CIK 2222):
  B1  Dave (Director) Form 3, event Tue 2024-01-02, due 10 days later Fri 01-12; signed 01-30
                                                                                     late (warning), 28
  B2  Carol (CFO)     P trade Tue 2024-09-10, due Thu 09-12; signed 09-11             on time
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from section16.cli import main
from section16.errors import QueryError
from section16.services import reports
from section16.services.ingest import ingest
from section16.services.reports import LateFilter
from section16.services.store_validation import validate_store
from section16.store import Store, open_store
from section16.store.queries import late_query
from section16.store.schema import SCHEMA_VERSION
from tests.services.test_reports import (
    _HOLDING,
    ACME,
    ALICE,
    BETA,
    BOB,
    CAROL,
    DAVE,
    FUND,
    _document,
    _trade,
)
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)


def _submission(accession: str, xml: str, *, accepted: str) -> str:
    """A complete submission around ``xml``, accepted at ``accepted`` (YYYYMMDDhhmmss) and filed that day."""
    return f"""<SEC-DOCUMENT>{accession}.txt : {accepted[:8]}
<SEC-HEADER>{accession}.hdr.sgml : {accepted[:8]}
<ACCEPTANCE-DATETIME>{accepted}
ACCESSION NUMBER:		{accession}
CONFORMED SUBMISSION TYPE:	4
PUBLIC DOCUMENT COUNT:		1
CONFORMED PERIOD OF REPORT:	20240318
FILED AS OF DATE:		{accepted[:8]}

ISSUER:

	COMPANY DATA:
		COMPANY CONFORMED NAME:			ACME CORP
		CENTRAL INDEX KEY:			0000001111
</SEC-HEADER>
<DOCUMENT>
<TYPE>4
<SEQUENCE>1
<FILENAME>form4.xml
<TEXT>
<XML>
{xml}</XML>
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


BOOK: dict[str, str] = {
    "0000001111-24-000011.xml": _document(
        issuer=ACME, owners=ALICE, rows=_trade("2024-03-01", "P", 100, 10, 100), period="2024-03-01",
        signed="2024-03-11",
    ),
    "0000001111-24-000012.txt": _submission(
        "0000001111-24-000012",
        _document(
            issuer=ACME, owners=ALICE, rows=_trade("2024-03-18", "S", 50, 11, 50), period="2024-03-18",
            signed="2024-03-20",
        ),
        accepted="20240320230000",
    ),
    "0000001111-24-000013.xml": _document(
        issuer=ACME, owners=FUND, rows=_trade("2024-03-07", "P", 2000, 11, 2000), period="2024-03-07",
        signed="2024-03-20",
    ),
    "0000001111-24-000014.xml": _document(
        issuer=ACME, owners=BOB, rows=_trade("2024-03-05", "P", 500, 12, 500), period="2024-03-05",
        signed="2024-03-06",
    ),
    "0000001111-24-000015.xml": _document(
        issuer=ACME, owners=ALICE, rows=_trade("2024-03-01", "P", 100, 10, 100), period="2024-03-01",
        signed="2024-03-25", doc_type="4/A", original="2024-03-11",
    ),
    "0000002222-24-000011.xml": _document(
        issuer=BETA, owners=DAVE, rows=_HOLDING, period="2024-01-02", signed="2024-01-30", doc_type="3"
    ),
    "0000002222-24-000012.xml": _document(
        issuer=BETA, owners=CAROL, rows=_trade("2024-09-10", "P", 10, 45, 10), period="2024-09-10",
        signed="2024-09-11",
    ),
}  # fmt: skip

L1, L2, L3, B1 = (
    "0000001111-24-000011",
    "0000001111-24-000012",
    "0000001111-24-000013",
    "0000002222-24-000011",
)


@pytest.fixture(scope="module")
def book_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("late")
    for name, text in BOOK.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(params=["duckdb", "postgres"])
def store(request: pytest.FixtureRequest, book_dir: Path, tmp_path: Path) -> Iterator[Store]:
    """The book in a fresh store of each backend, validated at ingest (the default)."""
    target = (
        str(tmp_path / "late.duckdb")
        if request.param == "duckdb"
        else request.getfixturevalue("postgres_url")
    )
    with open_store(target) as s:
        report = ingest([book_dir], s)
        assert not report.errors, report.errors
        assert report.linked == 1  # L5 to L1
        yield s


def _keys(report: reports.Report) -> list[str]:
    return [row["filing_key"] for row in report.rows]


def test_late_filings_newest_first_with_the_due_date_said(store: Store) -> None:
    report = reports.late_filings(store)
    # L2 and L3 share a filing date: the later key first. L4, B2 were on time; L5 is an amendment.
    assert _keys(report) == [L3, L2, L1, B1]
    by_key = {row["filing_key"]: row for row in report.rows}
    assert by_key[L1]["severity"] == "warning"  # a bare XML: measured from its signature date
    assert "due 2024-03-05" in by_key[L1]["message"]
    assert by_key[L2]["severity"] == "error"  # measured from EDGAR's acceptance time
    assert "due 2024-03-20" in by_key[L2]["message"] and "2024-03-21" in by_key[L2]["message"]
    assert [by_key[k]["days_to_file"] for k in (L1, L2, L3, B1)] == [10, 2, 13, 28]
    assert by_key[B1]["form"] == "3" and by_key[B1]["start_date"] == date(2024, 1, 2)
    assert by_key[L3]["insider"] == "Fund LP; Fund GP LLC"
    assert by_key[L2]["filing_date"] == date(2024, 3, 20)


def test_filters(store: Store) -> None:
    def keys(**kw: object) -> list[str]:
        return sorted(_keys(reports.late_filings(store, LateFilter(**kw))))  # type: ignore[arg-type]

    assert keys(errors_only=True) == [L2]
    assert keys(ticker="beta") == [B1]
    assert keys(issuer_cik="1111") == [L1, L2, L3]
    assert keys(insider="gp llc") == [L3]  # any owner of a joint filing
    assert keys(insider_cik="101") == [L1, L2]
    assert keys(roles=("CEO",)) == [L1, L2]
    assert keys(forms=(3,)) == [B1]
    assert keys(forms=(4,)) == [L1, L2, L3]
    assert keys(min_days=12) == [L3, B1]
    assert keys(filed_from=date(2024, 3, 12), filed_to=date(2024, 3, 31)) == [L2, L3]
    assert keys(ticker="ACME' OR '1'='1") == []  # bound, not pasted
    assert store.count("filings") == len(BOOK)


def test_sort_and_limit(store: Store) -> None:
    report = reports.late_filings(store, LateFilter(sort="days", limit=2))
    assert _keys(report) == [B1, L3]
    report = reports.late_filings(store, LateFilter(sort="days", ascending=True, limit=1))
    assert _keys(report) == [L2]
    with pytest.raises(QueryError, match="unknown sort 'late' for late filings by filing"):
        reports.late_filings(store, LateFilter(sort="late"))
    with pytest.raises(QueryError, match="unknown grouping"):
        reports.late_filings(store, LateFilter(by="owner"))


def test_by_insider_counts_a_joint_filing_once(store: Store) -> None:
    rows = reports.late_filings(store, LateFilter(by="insider")).rows
    assert [(r["insider"], r["late_filings"], r["errors"], r["days_to_file"]) for r in rows] == [
        ("Alice Able", 2, 1, 10),
        ("Fund LP; Fund GP LLC", 1, 0, 13),  # last late 03-20: before Dave's 01-30
        ("Dave Dunn", 1, 0, 28),
    ]
    alice = rows[0]
    assert (alice["tickers"], alice["issuers"], alice["roles"]) == ("ACME", 1, "CEO")
    assert (alice["first_late_date"], alice["last_late_date"]) == (date(2024, 3, 11), date(2024, 3, 20))


def test_by_issuer(store: Store) -> None:
    rows = reports.late_filings(store, LateFilter(by="issuer")).rows
    assert [
        (r["ticker"], r["late_filings"], r["errors"], r["insiders"], r["days_to_file"]) for r in rows
    ] == [
        ("ACME", 3, 1, 2, 13),
        ("BETA", 1, 0, 1, 28),
    ]


def test_a_store_ingested_without_validation_has_no_late_findings(book_dir: Path, tmp_path: Path) -> None:
    with open_store(str(tmp_path / "plain.duckdb")) as s:
        ingest([book_dir], s, validate=False)
        assert reports.late_filings(s).rows == ()


def test_late_command(book_dir: Path, tmp_path: Path) -> None:
    target = str(tmp_path / "cli.duckdb")
    with open_store(target) as s:
        ingest([book_dir], s)
    runner = CliRunner()
    result = runner.invoke(main, ["late", "--db", target, "--by", "insider", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert [row["insider"] for row in json.loads(result.stdout)] == [
        "Alice Able",
        "Fund LP; Fund GP LLC",
        "Dave Dunn",
    ]
    result = runner.invoke(main, ["late", "--db", target, "--errors-only"])
    assert result.exit_code == 0 and "late filings by filing: 1 row(s)" in result.stdout
    result = runner.invoke(main, ["late", "--db", target, "--sort", "late"])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("error:") and "unknown sort 'late'" in result.stderr


def test_the_stored_table_answers_as_the_findings_themselves(store: Store) -> None:
    """late_filings (kept at ingest) and the same rows computed from findings and filings agree, for
    every grouping and a few filters."""
    assert store.holdings_fresh()
    dialect = reports._dialect(store)
    for flt in (
        LateFilter(),
        LateFilter(by="insider"),
        LateFilter(by="issuer", sort="days", ascending=True),
        LateFilter(ticker="acme", errors_only=True),
        LateFilter(insider="fund", min_days=5, forms=(4,)),
        LateFilter(limit=None, sort="days"),
    ):
        stored = late_query(dialect, flt, stored=True)
        computed = late_query(dialect, flt, stored=False)
        assert "FROM late_filings f" in stored.sql and "FROM late_filings f" not in computed.sql
        assert store.query(stored.sql, stored.params) == store.query(computed.sql, computed.params), flt


def test_validate_db_fills_the_table_again(book_dir: Path, tmp_path: Path) -> None:
    """A store ingested without validation has no late filings; ``validate --db`` finds them and the
    report reads them from the table it filled."""
    with open_store(str(tmp_path / "later.duckdb")) as s:
        ingest([book_dir], s, validate=False)
        assert reports.late_filings(s).rows == ()
        validate_store(s, today=date(2025, 1, 1))
        assert s.count("late_filings") == 4 and s.holdings_fresh()
        assert _keys(reports.late_filings(s)) == [L3, L2, L1, B1]


def test_a_store_of_schema_8_gets_its_late_filings_when_opened(book_dir: Path, tmp_path: Path) -> None:
    path = str(tmp_path / "v8.duckdb")
    with open_store(path) as s:
        ingest([book_dir], s)
        s.query("DROP TABLE late_filings")
        s.query("UPDATE section16_meta SET value = '8' WHERE key = 'schema_version'")
    with open_store(path) as s:
        assert s.query("SELECT value FROM section16_meta WHERE key = 'schema_version'") == [(SCHEMA_VERSION,)]
        assert sorted(k for (k,) in s.query("SELECT filing_key FROM late_filings")) == sorted(
            [L1, L2, L3, B1]
        )
