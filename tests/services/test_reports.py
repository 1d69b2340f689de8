"""Reports over a store (section16.services.reports) on crafted filings whose answers are worked out by
hand below, in DuckDB and in PostgreSQL: amendments applied, a joint filing counted once, filters bound
as parameters (a hostile ticker is harmless), clusters, holdings, net activity and read-only SQL.

The crafted book (bare XML, so each filing's date is its signature date):

ACME (CIK 1111):
  A1  Alice (CIK 101, CEO)       P 1000 @ 10   2024-03-01  owns 1000    signed 03-04
  A2  Bob (CIK 102, Director)    P  500 @ 12   2024-03-05  owns 1500    signed 03-06   (amended by A5)
  A3  Fund LP + Fund GP (joint, 10% owners, CIKs 103, 104)
                                 P 2000 @ 11   2024-03-07  owns 10000   signed 03-08
  A4  Alice, 10b5-1              S  200 @ 20   2024-06-03  owns 800     signed 06-04
                                 + Table II M 100 @ 5 (options)
  A5  Bob 4/A of A2              P  600 @ 12   2024-03-05  owns 1600    signed 03-10
BETA (CIK 2222, ticker filed as "beta"):
  B0  Dave (CIK 106, Director) Form 3: holds 5000 Common Stock       signed 01-15
  B1  Carol (CIK 105, CFO)       P  100 @ 50   2024-03-02  owns 100     signed 03-04
  B2  Dave                       S  300 @ 40   2024-09-10  owns 4700    signed 09-11
  B3  Carol                      P   10 @ 45   2024-09-12  owns 110     signed 09-13
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from section16.errors import NotFound, QueryError
from section16.services import reports
from section16.services.ingest import ingest
from section16.services.reports import (
    ClusterFilter,
    HoldingsFilter,
    InsidersFilter,
    NetActivityFilter,
    TradeFilter,
)
from section16.store import Store, open_store
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)

ACME = ("0000001111", "Acme Corp", "ACME")
BETA = ("0000002222", "Beta Inc", "beta")


def _owner(cik: str, name: str, *, director: bool = False, title: str = "", ten: bool = False) -> str:
    return f"""
  <reportingOwner>
    <reportingOwnerId><rptOwnerCik>{cik}</rptOwnerCik><rptOwnerName>{name}</rptOwnerName></reportingOwnerId>
    <reportingOwnerRelationship>
      <isDirector>{int(director)}</isDirector><isOfficer>{int(bool(title))}</isOfficer>
      <isTenPercentOwner>{int(ten)}</isTenPercentOwner><isOther>0</isOther>
      <officerTitle>{title}</officerTitle>
    </reportingOwnerRelationship>
  </reportingOwner>"""


def _trade(day: str, code: str, shares: int, price: int, after: int) -> str:
    ad = "D" if code in ("S", "F", "D") else "A"
    return f"""
    <nonDerivativeTransaction>
      <securityTitle><value>Common Stock</value></securityTitle>
      <transactionDate><value>{day}</value></transactionDate>
      <transactionCoding><transactionFormType>4</transactionFormType><transactionCode>{code}</transactionCode>
        <equitySwapInvolved>0</equitySwapInvolved></transactionCoding>
      <transactionAmounts>
        <transactionShares><value>{shares}</value></transactionShares>
        <transactionPricePerShare><value>{price}</value></transactionPricePerShare>
        <transactionAcquiredDisposedCode><value>{ad}</value></transactionAcquiredDisposedCode>
      </transactionAmounts>
      <postTransactionAmounts><sharesOwnedFollowingTransaction><value>{after}</value>
        </sharesOwnedFollowingTransaction></postTransactionAmounts>
      <ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership></ownershipNature>
    </nonDerivativeTransaction>"""


_HOLDING = """
    <nonDerivativeHolding>
      <securityTitle><value>Common Stock</value></securityTitle>
      <postTransactionAmounts><sharesOwnedFollowingTransaction><value>5000</value>
        </sharesOwnedFollowingTransaction></postTransactionAmounts>
      <ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership></ownershipNature>
    </nonDerivativeHolding>"""

_OPTION_EXERCISE = """
  <derivativeTable>
    <derivativeTransaction>
      <securityTitle><value>Stock Option</value></securityTitle>
      <conversionOrExercisePrice><value>5</value></conversionOrExercisePrice>
      <transactionDate><value>2024-06-03</value></transactionDate>
      <transactionCoding><transactionFormType>4</transactionFormType><transactionCode>M</transactionCode>
        <equitySwapInvolved>0</equitySwapInvolved></transactionCoding>
      <transactionAmounts>
        <transactionShares><value>100</value></transactionShares>
        <transactionPricePerShare><value>5</value></transactionPricePerShare>
        <transactionAcquiredDisposedCode><value>D</value></transactionAcquiredDisposedCode>
      </transactionAmounts>
      <underlyingSecurity><underlyingSecurityTitle><value>Common Stock</value></underlyingSecurityTitle>
        <underlyingSecurityShares><value>100</value></underlyingSecurityShares></underlyingSecurity>
      <postTransactionAmounts><sharesOwnedFollowingTransaction><value>900</value>
        </sharesOwnedFollowingTransaction></postTransactionAmounts>
      <ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership></ownershipNature>
    </derivativeTransaction>
  </derivativeTable>"""


def _document(
    *,
    issuer: tuple[str, str, str],
    owners: str,
    rows: str,
    period: str,
    signed: str,
    doc_type: str = "4",
    original: str | None = None,
    plan: bool = False,
    derivative: str = "",
) -> str:
    amendment = f"<dateOfOriginalSubmission>{original}</dateOfOriginalSubmission>" if original else ""
    cik, name, symbol = issuer
    return f"""<?xml version="1.0"?>
<ownershipDocument>
  <schemaVersion>X0508</schemaVersion>
  <documentType>{doc_type}</documentType>
  <periodOfReport>{period}</periodOfReport>
  {amendment}
  <issuer><issuerCik>{cik}</issuerCik><issuerName>{name}</issuerName>
    <issuerTradingSymbol>{symbol}</issuerTradingSymbol></issuer>
  {owners}
  <aff10b5One>{int(plan)}</aff10b5One>
  <nonDerivativeTable>{rows}
  </nonDerivativeTable>{derivative}
  <ownerSignature><signatureName>/s/ signer</signatureName>
    <signatureDate>{signed}</signatureDate></ownerSignature>
</ownershipDocument>
"""


ALICE = _owner("0000000101", "Alice Able", title="Chief Executive Officer")
BOB = _owner("0000000102", "Bob Baker", director=True)
FUND = _owner("0000000103", "Fund LP", ten=True) + _owner("0000000104", "Fund GP LLC", ten=True)
CAROL = _owner("0000000105", "Carol Cole", title="CFO")
DAVE = _owner("0000000106", "Dave Dunn", director=True)

BOOK: dict[str, str] = {
    "0000001111-24-000001": _document(
        issuer=ACME,
        owners=ALICE,
        rows=_trade("2024-03-01", "P", 1000, 10, 1000),
        period="2024-03-01",
        signed="2024-03-04",
    ),
    "0000001111-24-000002": _document(
        issuer=ACME,
        owners=BOB,
        rows=_trade("2024-03-05", "P", 500, 12, 1500),
        period="2024-03-05",
        signed="2024-03-06",
    ),
    "0000001111-24-000003": _document(
        issuer=ACME,
        owners=FUND,
        rows=_trade("2024-03-07", "P", 2000, 11, 10000),
        period="2024-03-07",
        signed="2024-03-08",
    ),
    "0000001111-24-000004": _document(
        issuer=ACME,
        owners=ALICE,
        rows=_trade("2024-06-03", "S", 200, 20, 800),
        period="2024-06-03",
        signed="2024-06-04",
        plan=True,
        derivative=_OPTION_EXERCISE,
    ),
    "0000001111-24-000005": _document(
        issuer=ACME,
        owners=BOB,
        rows=_trade("2024-03-05", "P", 600, 12, 1600),
        period="2024-03-05",
        signed="2024-03-10",
        doc_type="4/A",
        original="2024-03-06",
    ),
    "0000002222-24-000000": _document(
        issuer=BETA, owners=DAVE, rows=_HOLDING, period="2024-01-12", signed="2024-01-15", doc_type="3"
    ),
    "0000002222-24-000001": _document(
        issuer=BETA,
        owners=CAROL,
        rows=_trade("2024-03-02", "P", 100, 50, 100),
        period="2024-03-02",
        signed="2024-03-04",
    ),
    "0000002222-24-000002": _document(
        issuer=BETA,
        owners=DAVE,
        rows=_trade("2024-09-10", "S", 300, 40, 4700),
        period="2024-09-10",
        signed="2024-09-11",
    ),
    "0000002222-24-000003": _document(
        issuer=BETA,
        owners=CAROL,
        rows=_trade("2024-09-12", "P", 10, 45, 110),
        period="2024-09-12",
        signed="2024-09-13",
    ),
}


@pytest.fixture(scope="module")
def book_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("book")
    for accession, xml in BOOK.items():
        (folder / f"{accession}.xml").write_text(xml, encoding="utf-8")
    return folder


def _load(store: Store, folder: Path) -> Store:
    report = ingest([folder], store, validate=False)
    assert not report.errors, report.errors
    assert report.linked == 1  # the 4/A to its original
    return store


@pytest.fixture(params=["duckdb", "postgres"])
def store(request: pytest.FixtureRequest, book_dir: Path, tmp_path: Path) -> Iterator[Store]:
    """The crafted book in a fresh store of each backend."""
    if request.param == "duckdb":
        target = str(tmp_path / "book.duckdb")
    else:
        target = request.getfixturevalue("postgres_url")
    with open_store(target) as s:
        _load(s, book_dir)
        reports.ensure_report_indexes(s)
        s.db_target = target  # type: ignore[attr-defined]
        yield s


def _keys(report: reports.Report) -> list[str]:
    return [row["filing_key"] for row in report.rows]


# ------------------------------------------------------------------------------------------ trades


def test_trades_default_is_table_one_current_newest_filing_first(store: Store) -> None:
    report = reports.trades(store)
    assert _keys(report) == [
        "0000002222-24-000003",
        "0000002222-24-000002",
        "0000001111-24-000004",
        "0000001111-24-000005",  # the 4/A stands in for 000002
        "0000001111-24-000003",
        "0000002222-24-000001",
        "0000001111-24-000001",
    ]
    assert report.rows[0]["filing_date"] == date(2024, 9, 13)
    bob = report.rows[3]
    assert (bob["shares"], bob["price"], bob["value"], bob["owned_after"]) == (600, 12, 7200, 1600)
    assert bob["document_type"] == "4/A"


def test_joint_filing_counts_once_with_every_owner_named(store: Store) -> None:
    rows = reports.trades(store, TradeFilter(ticker="ACME", codes=("P",))).rows
    joint = [r for r in rows if r["filing_key"] == "0000001111-24-000003"]
    assert len(joint) == 1
    assert joint[0]["insider"] == "Fund LP; Fund GP LLC"
    assert joint[0]["insider_cik"] == "0000000103"
    assert joint[0]["roles"] == "10%"
    # Either owner finds it, still once.
    assert _keys(reports.trades(store, TradeFilter(insider_cik="104"))) == ["0000001111-24-000003"]
    assert _keys(reports.trades(store, TradeFilter(insider="gp llc"))) == ["0000001111-24-000003"]


def test_as_filed_shows_the_original_and_the_amendment(store: Store) -> None:
    keys = _keys(reports.trades(store, TradeFilter(current=False, insider="Bob")))
    assert sorted(keys) == ["0000001111-24-000002", "0000001111-24-000005"]
    assert _keys(reports.trades(store, TradeFilter(insider="Bob"))) == ["0000001111-24-000005"]
    assert _keys(reports.trades(store, TradeFilter(insider="Bob", include_amendments=False))) == []


def test_trade_filters(store: Store) -> None:
    def keys(**kw: object) -> list[str]:
        return sorted(_keys(reports.trades(store, TradeFilter(**kw))))  # type: ignore[arg-type]

    assert keys(codes=("S",)) == ["0000001111-24-000004", "0000002222-24-000002"]
    assert keys(ticker=" Beta ") == [
        "0000002222-24-000001",
        "0000002222-24-000002",
        "0000002222-24-000003",
    ]
    assert keys(issuer_cik="2222") == keys(ticker="BETA")
    assert keys(min_value=Decimal(10000)) == ["0000001111-24-000001", "0000001111-24-000003"]
    assert keys(max_value=Decimal(-5000)) == ["0000002222-24-000002"]  # sales are negative
    assert keys(min_price=Decimal(40), max_price=Decimal(45)) == [
        "0000002222-24-000002",
        "0000002222-24-000003",
    ]
    assert keys(roles=("CEO",)) == ["0000001111-24-000001", "0000001111-24-000004"]
    assert keys(roles=("CFO", "10%")) == [
        "0000001111-24-000003",
        "0000002222-24-000001",
        "0000002222-24-000003",
    ]
    assert keys(only_10b5_1=True) == ["0000001111-24-000004"]
    assert keys(filed_from=date(2024, 6, 1), filed_to=date(2024, 9, 11)) == [
        "0000001111-24-000004",
        "0000002222-24-000002",
    ]
    assert keys(traded_from=date(2024, 3, 2), traded_to=date(2024, 3, 5)) == [
        "0000001111-24-000005",
        "0000002222-24-000001",
    ]


def test_derivative_rows_only_when_asked(store: Store) -> None:
    without = reports.trades(store, TradeFilter(ticker="ACME", traded_from=date(2024, 6, 1)))
    assert [r["tbl"] for r in without.rows] == ["I"]
    both = reports.trades(
        store, TradeFilter(ticker="ACME", traded_from=date(2024, 6, 1), include_derivative=True)
    )
    assert sorted((r["tbl"], r["code"], r["trade_type"]) for r in both.rows) == [
        ("I", "S", "Sale+OE"),
        ("II", "M", "OptEx"),
    ]


def test_sort_and_limit(store: Store) -> None:
    top = reports.trades(store, TradeFilter(sort="value", limit=2))
    assert top.column("value") == [22000, 10000]
    low = reports.trades(store, TradeFilter(sort="value", ascending=True, limit=1))
    assert low.column("value") == [-12000]
    with pytest.raises(QueryError, match="unknown sort"):
        reports.trades(store, TradeFilter(sort="value; DROP TABLE filings"))


@pytest.mark.parametrize(
    "hostile",
    [
        "ACME' OR '1'='1",
        "x'; DROP TABLE filings; --",
        "%",
        "?",
        "ACME%",
    ],
)
def test_hostile_filter_values_are_bound_not_pasted(store: Store, hostile: str) -> None:
    before = store.count("filings")
    assert reports.trades(store, TradeFilter(ticker=hostile)).rows == ()
    assert reports.trades(store, TradeFilter(insider=hostile)).rows == ()
    assert reports.holdings(store, HoldingsFilter(ticker=hostile)).rows == ()
    assert reports.net_activity(store, NetActivityFilter(ticker=hostile)).rows == ()
    assert reports.cluster_buys(store, ClusterFilter(ticker=hostile)).rows == ()
    assert store.count("filings") == before == len(BOOK)


# ------------------------------------------------------------------------------------ cluster buys


def test_cluster_buys_count_distinct_insiders_within_the_window(store: Store) -> None:
    report = reports.cluster_buys(store)
    assert len(report.rows) == 1  # BETA's two purchases are one insider's
    cluster = report.rows[0]
    assert cluster["ticker"] == "ACME"
    assert (cluster["first_trade_date"], cluster["last_trade_date"]) == (date(2024, 3, 1), date(2024, 3, 7))
    assert (cluster["insiders"], cluster["filings"], cluster["trades"]) == (3, 3, 3)
    assert cluster["total_value"] == 10000 + 7200 + 22000  # Bob's amended purchase, the joint one once


def test_cluster_window_is_configurable(store: Store) -> None:
    assert reports.cluster_buys(store, ClusterFilter(window_days=1)).rows == ()
    two = reports.cluster_buys(store, ClusterFilter(window_days=2)).rows
    assert [(r["first_trade_date"], r["insiders"], r["total_value"]) for r in two] == [
        (date(2024, 3, 5), 2, 7200 + 22000)
    ]
    assert reports.cluster_buys(store, ClusterFilter(min_insiders=4)).rows == ()
    as_filed = reports.cluster_buys(store, ClusterFilter(current=False)).rows
    assert as_filed[0]["trades"] == 4  # original and amendment both
    assert as_filed[0]["insiders"] == 3


# ------------------------------------------------------------------------------- insiders, insider


def test_insiders_of_an_issuer(store: Store) -> None:
    report = reports.insiders(store, InsidersFilter(ticker="acme"))
    by_name = {r["insider"]: r for r in report.rows}
    assert set(by_name) == {"Alice Able", "Bob Baker", "Fund LP", "Fund GP LLC"}
    alice = by_name["Alice Able"]
    assert alice["roles"] == "CEO"
    assert (alice["last_trade_date"], alice["last_trade_code"], alice["last_trade_value"]) == (
        date(2024, 6, 3),
        "S",
        -4000,
    )
    assert alice["shares_held"] == 800
    assert alice["filings"] == 2
    assert by_name["Bob Baker"]["shares_held"] == 1600
    assert by_name["Bob Baker"]["filings"] == 1  # the amendment; the original is superseded
    assert by_name["Fund GP LLC"]["shares_held"] == 10000
    with pytest.raises(NotFound):
        reports.insiders(store, InsidersFilter(ticker="NOPE"))


def test_insider_by_cik_or_name_across_issuers(store: Store) -> None:
    alice = reports.insider(store, "101")
    assert [r["trade_date"] for r in alice.rows] == [date(2024, 6, 3), date(2024, 3, 1)]
    assert reports.insider(store, "carol").column("ticker") == ["BETA", "BETA"]
    with pytest.raises(NotFound):
        reports.insider(store, "Nobody Atall")


# ------------------------------------------------------------------------------ holdings, activity


def test_latest_holdings(store: Store) -> None:
    rows = reports.holdings(store, HoldingsFilter(ticker="BETA")).rows
    assert {(r["insider"], r["shares"], r["as_of"]) for r in rows} == {
        ("Dave Dunn", 4700, date(2024, 9, 11)),
        ("Carol Cole", 110, date(2024, 9, 13)),
    }
    acme = reports.holdings(store, HoldingsFilter(ticker="ACME", sort="shares")).rows
    assert [(r["insider"], r["shares"]) for r in acme] == [
        ("Fund LP; Fund GP LLC", 10000),
        ("Bob Baker", 1600),
        ("Alice Able", 800),
    ]
    dave_then = reports.holdings(store, HoldingsFilter(insider_cik="106", as_of=date(2024, 6, 30))).rows
    assert [(r["shares"], r["as_of"]) for r in dave_then] == [(5000, date(2024, 1, 15))]
    options = reports.holdings(store, HoldingsFilter(ticker="ACME", include_derivative=True)).rows
    assert ("II", "Stock Option", 900) in {(r["tbl"], r["security_title"], r["shares"]) for r in options}


def test_net_activity(store: Store) -> None:
    rows = {r["ticker"]: r for r in reports.net_activity(store).rows}
    acme, beta = rows["ACME"], rows["BETA"]
    assert (acme["buyers"], acme["sellers"], acme["purchases"], acme["sales"]) == (3, 1, 3, 1)
    assert (acme["bought_value"], acme["sold_value"], acme["net_value"]) == (39200, -4000, 35200)
    assert (beta["bought_value"], beta["sold_value"], beta["net_value"]) == (5450, -12000, -6550)
    assert list(rows) == ["ACME", "BETA"]  # most net buying first
    march = reports.net_activity(store, NetActivityFilter(traded_to=date(2024, 3, 31))).rows
    assert [(r["ticker"], r["net_value"]) for r in march] == [("ACME", 39200), ("BETA", 5000)]
    directors = reports.net_activity(store, NetActivityFilter(roles=("Dir",))).rows
    assert [(r["ticker"], r["net_value"]) for r in directors] == [("ACME", 7200), ("BETA", -12000)]


# --------------------------------------------------------------------------------------------- sql


def test_sql_reads_and_refuses_to_write(store: Store) -> None:
    target = store.db_target  # type: ignore[attr-defined]
    if store.dialect == "duckdb":
        store.close()  # DuckDB: one process holds a file read-write or many read-only
    query = "SELECT count(*) AS n FROM current_non_derivative_transactions WHERE transaction_code = ?"
    report = reports.sql(target, query, ["P"])
    assert report.columns == ("n",)
    assert report.rows == ({"n": 5},)
    for statement in (
        "DELETE FROM filings",
        "DROP TABLE filings",
        "SELECT 1; DELETE FROM filings",
        "COMMIT; DELETE FROM filings",
        "CREATE TABLE x AS SELECT 1",
    ):
        with pytest.raises(QueryError):
            reports.sql(target, statement)
    assert reports.sql(target, "SELECT count(*) AS n FROM filings").rows == ({"n": len(BOOK)},)
    with pytest.raises(QueryError):
        reports.sql(target, "SELECT * FROM no_such_table")


def test_missing_store_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFound, match="no store there"):
        reports.open_report_store(tmp_path / "absent.duckdb")
    assert not (tmp_path / "absent.duckdb").exists()
