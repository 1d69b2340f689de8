"""Short-swing profits (section16.services.short_swing, spec.md section 9): the six-month period, the
largest-profit matching (checked against an exhaustive search on small random books), the greedy
fallback, and the report over a crafted store in DuckDB and PostgreSQL whose answers are worked out by
hand below.

The crafted book (bare XML; ZETA, CIK 3333):

  Z1  Erin (CIK 201, CEO)      P 100 @ 10   2024-01-10
  Z2  Erin                     S 100 @ 15   2024-07-09   within six months of Z1 (before 07-10): +500
  Z3  Erin                     S  50 @ 30   2024-07-10   six months after Z1 to the day: not matched
  Z4  Erin                     F  40 @ 12   2024-02-01   tax withholding, exempt: not matched
  Z5  Fund LP + Fund GP (joint, 10% owners, CIKs 203, 204)
                               S 500 @ 20   2024-02-01
  Z6  the joint owners         P 500 @ 18   2024-03-01   (amended by Z7)
  Z7  4/A of Z6                P 500 @ 16   2024-03-01   sale then purchase, 500 x (20 - 16) = +2000
  Z8  Gus (CIK 205, Director)  P 100 @ 10   2024-04-01   Class B Common Stock
  Z9  Gus                      S 100 @ 20   2024-04-15   Common Stock: another class, not matched
  Z10 Hana (CIK 206, CFO)      S 100 @  9   2024-05-01
  Z11 Hana                     P 100 @ 10   2024-05-02   bought above the sale price: a loss, not matched
"""

from __future__ import annotations

import decimal
import itertools
import json
import random
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from section16.cli import main
from section16.errors import QueryError
from section16.parse import read_filing
from section16.services.ingest import ingest
from section16.services.prepare import Prepared, prepare
from section16.services.short_swing import (
    Lot,
    ShortSwingFilter,
    _exact,
    match_trades,
    short_swing,
    six_months_after,
    within_six_months,
)
from section16.services.short_swing import (
    _pairs as candidate_pairs,
)
from section16.store import Store, open_store
from section16.store.queries_swing import WITHIN_SIX_MONTHS
from section16.write.records import document_to_dict
from tests.services.test_reports import _document, _owner, _trade
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)

ZETA = ("0000003333", "Zeta Corp", "ZETA")
ERIN = _owner("0000000201", "Erin Evans", title="Chief Executive Officer")
FUND = _owner("0000000203", "Fund LP", ten=True) + _owner("0000000204", "Fund GP LLC", ten=True)
GUS = _owner("0000000205", "Gus Grant", director=True)
HANA = _owner("0000000206", "Hana Hill", title="CFO")


def _z(number: int, owners: str, rows: str, day: str, late: int = 1, **kw: object) -> tuple[str, str]:
    signed = (date.fromisoformat(day) + timedelta(days=late)).isoformat()
    accession = f"0000003333-24-{number:06d}"
    return accession, _document(issuer=ZETA, owners=owners, rows=rows, period=day, signed=signed, **kw)  # type: ignore[arg-type]


CLASS_B = _trade("2024-04-01", "P", 100, 10, 100).replace("Common Stock", "Class B Common Stock")
BOOK = dict(
    [
        _z(1, ERIN, _trade("2024-01-10", "P", 100, 10, 100), "2024-01-10"),
        _z(2, ERIN, _trade("2024-07-09", "S", 100, 15, 0), "2024-07-09"),
        _z(3, ERIN, _trade("2024-07-10", "S", 50, 30, 0), "2024-07-10"),
        _z(4, ERIN, _trade("2024-02-01", "F", 40, 12, 60), "2024-02-01"),
        _z(5, FUND, _trade("2024-02-01", "S", 500, 20, 9500), "2024-02-01"),
        _z(6, FUND, _trade("2024-03-01", "P", 500, 18, 10000), "2024-03-01"),
        _z(7, FUND, _trade("2024-03-01", "P", 500, 16, 10000), "2024-03-01", 5, doc_type="4/A",
           original="2024-03-02"),
        _z(8, GUS, CLASS_B, "2024-04-01"),
        _z(9, GUS, _trade("2024-04-15", "S", 100, 20, 0), "2024-04-15"),
        _z(10, HANA, _trade("2024-05-01", "S", 100, 9, 0), "2024-05-01"),
        _z(11, HANA, _trade("2024-05-02", "P", 100, 10, 100), "2024-05-02"),
    ]
)  # fmt: skip


# ------------------------------------------------------------------------------------- the rules


@pytest.mark.parametrize(
    ("day", "after"),
    [
        (date(2024, 1, 10), date(2024, 7, 10)),
        (date(2024, 8, 31), date(2025, 2, 28)),
        (date(2023, 8, 31), date(2024, 2, 29)),
        (date(2024, 12, 31), date(2025, 6, 30)),
        (date(2024, 7, 1), date(2025, 1, 1)),
    ],
)
def test_six_months_after(day: date, after: date) -> None:
    assert six_months_after(day) == after


def test_within_six_months_is_less_than_six_months_either_way() -> None:
    assert within_six_months(date(2024, 1, 1), date(2024, 6, 30))
    assert within_six_months(date(2024, 6, 30), date(2024, 1, 1))
    assert not within_six_months(date(2024, 1, 1), date(2024, 7, 1))
    assert within_six_months(date(2024, 3, 5), date(2024, 3, 5))


def _lot(code: str, day: str, shares: int, price: str) -> Lot:
    return Lot(code, date.fromisoformat(day), Decimal(shares), Decimal(price))


def _total(lots: list[Lot], **kw: int) -> Decimal:
    matches, _ = match_trades(lots, **kw)
    return sum((m.profit for m in matches), Decimal(0))


def test_lowest_price_in_highest_price_out_within_one_period() -> None:
    lots = [
        _lot("P", "2024-01-02", 100, "10"),
        _lot("P", "2024-01-03", 100, "12"),
        _lot("S", "2024-02-01", 100, "11"),
        _lot("S", "2024-02-02", 100, "15"),
    ]
    matches, basis = match_trades(lots)
    # 10 -> 15 earns 500; pairing 10 -> 11 and 12 -> 15 would earn 400.
    assert [(m.purchase.price, m.sale.price, m.shares, m.profit) for m in matches] == [
        (Decimal(10), Decimal(15), Decimal(100), Decimal(500))
    ]
    assert basis == "maximum"


def test_losses_are_not_offset_and_shares_split_across_sales() -> None:
    assert _total([_lot("P", "2024-01-02", 100, "20"), _lot("S", "2024-01-03", 100, "15")]) == 0
    lots = [
        _lot("P", "2024-01-02", 300, "10"),
        _lot("S", "2024-01-05", 100, "20"),
        _lot("S", "2024-01-06", 150, "18"),
        _lot("S", "2024-01-07", 500, "9"),  # below every purchase: a loss, left out
    ]
    assert _total(lots) == 100 * 10 + 150 * 8


def test_overlapping_periods_take_the_best_pairing_and_greedy_is_a_lower_bound() -> None:
    lots = [
        _lot("S", "2024-01-05", 100, "15"),
        _lot("P", "2024-03-01", 100, "10"),  # matches either sale
        _lot("S", "2024-06-20", 100, "20"),
        _lot("P", "2024-09-01", 100, "12"),  # too late for the January sale
    ]
    matches, basis = match_trades(lots)
    assert basis == "maximum"
    assert sorted((m.purchase.price, m.sale.price) for m in matches) == [
        (Decimal(10), Decimal(15)),
        (Decimal(12), Decimal(20)),
    ]
    assert sum(m.profit for m in matches) == 1300
    # Widest gap first takes 10 -> 20 and leaves the September purchase nothing to match.
    greedy, basis = match_trades(lots, exact_limit=0)
    assert basis == "greedy"
    assert sum(g.profit for g in greedy) == 1000


def _brute_force(lots: list[Lot]) -> Decimal:
    """The largest profit by trying every assignment of each purchased share to a sale (or none)."""
    bought = [lot for lot in lots if lot.code == "P" for _ in range(int(lot.shares))]
    sold = [lot for lot in lots if lot.code == "S" for _ in range(int(lot.shares))]
    best = Decimal(0)
    for choice in itertools.product(range(len(sold) + 1), repeat=len(bought)):
        used = [c for c in choice if c < len(sold)]
        if len(used) != len(set(used)):
            continue
        total = Decimal(0)
        for p, c in zip(bought, choice, strict=True):
            if c < len(sold):
                s = sold[c]
                if s.price <= p.price or not within_six_months(p.trade_date, s.trade_date):
                    total = Decimal(-1)
                    break
                total += s.price - p.price
        best = max(best, total)
    return best


def test_the_matching_is_the_largest_profit_of_every_small_book() -> None:
    rng = random.Random(16)
    start = date(2024, 1, 1)
    for _ in range(400):
        lots = []
        for code in ("P", "S"):
            for _ in range(rng.randint(1, 3)):
                day = start + timedelta(days=rng.randint(0, 400))
                lots.append(Lot(code, day, Decimal(rng.randint(1, 2)), Decimal(rng.randint(1, 9))))
        if sum(lot.shares for lot in lots if lot.code == "P") > 4:
            continue
        best = _brute_force(lots)
        assert _total(lots) == best, lots
        # The flow solver alone (match_trades takes widest gap first where that is provably best),
        # and the greedy answer, which never exceeds it.
        purchases = [lot for lot in lots if lot.code == "P"]
        sales = [lot for lot in lots if lot.code == "S"]
        flows = _exact(purchases, sales, candidate_pairs(purchases, sales))
        assert sum(n * (sales[j].price - purchases[i].price) for (i, j), n in flows.items()) == best, lots
        assert _total(lots, exact_limit=0) <= best


def test_fractional_shares_and_prices_stay_exact() -> None:
    lots = [
        _lot("P", "2024-01-02", 1, "10.1234"),
        Lot("S", date(2024, 1, 3), Decimal("0.5"), Decimal("10.2")),
    ]
    assert _total(lots) == Decimal("0.5") * Decimal("0.0766")


# ------------------------------------------------------------------------------------ the report


@pytest.fixture(scope="module")
def book_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("swing")
    for accession, xml in BOOK.items():
        (folder / f"{accession}.xml").write_text(xml, encoding="utf-8")
    return folder


@pytest.fixture(params=["duckdb", "postgres"])
def store(request: pytest.FixtureRequest, book_dir: Path, tmp_path: Path) -> Iterator[Store]:
    target = (
        str(tmp_path / "swing.duckdb")
        if request.param == "duckdb"
        else request.getfixturevalue("postgres_url")
    )
    with open_store(target) as s:
        report = ingest([book_dir], s, validate=False)
        assert not report.errors, report.errors
        assert report.linked == 1  # Z7 to Z6
        yield s


def _pairs(store: Store, **kw: object) -> list[tuple[str, str, str, str, Decimal]]:
    report = short_swing(store, ShortSwingFilter(**kw))  # type: ignore[arg-type]
    return [
        (r["insider"], str(r["purchase_date"]), str(r["sale_date"]), r["purchase_filing"], r["profit"])
        for r in report.rows
    ]


def test_report_pairs_amended_state(store: Store) -> None:
    assert _pairs(store) == [
        ("Fund LP; Fund GP LLC", "2024-03-01", "2024-02-01", "0000003333-24-000007", Decimal(2000)),
        ("Erin Evans", "2024-01-10", "2024-07-09", "0000003333-24-000001", Decimal(500)),
    ]
    report = short_swing(store)
    assert all(list(r) == list(report.columns) for r in report.rows)  # keys in column order
    row = report.rows[0]
    assert (row["ticker"], row["issuer_cik"], row["insider_cik"]) == ("ZETA", "0000003333", "0000000203")
    assert (row["purchase_price"], row["sale_price"], row["shares"]) == (16, 20, 500)
    assert (row["sale_filing"], row["security_title"], row["basis"]) == (
        "0000003333-24-000005",
        "Common Stock",
        "maximum",
    )


def test_report_as_filed_sees_the_original_too(store: Store) -> None:
    # The original (18) and the amendment (16) both stand; the one sale goes to the cheaper purchase.
    rows = _pairs(store, current=False)
    assert rows[0] == (
        "Fund LP; Fund GP LLC",
        "2024-03-01",
        "2024-02-01",
        "0000003333-24-000007",
        Decimal(2000),
    )
    assert len(rows) == 2


def test_report_by_insider_and_filters(store: Store) -> None:
    report = short_swing(store, ShortSwingFilter(by="insider"))
    assert [
        (r["insider"], r["purchases"], r["sales"], r["pairs"], r["shares"], r["profit"]) for r in report.rows
    ] == [
        ("Fund LP; Fund GP LLC", 1, 1, 1, 500, 2000),
        ("Erin Evans", 1, 1, 1, 100, 500),  # Z3 is matched with nothing
    ]
    assert report.rows[1]["first_trade_date"] == date(2024, 1, 10)
    assert report.rows[1]["last_trade_date"] == date(2024, 7, 9)
    assert [p[0] for p in _pairs(store, insider="erin")] == ["Erin Evans"]
    assert [p[0] for p in _pairs(store, insider_cik="204")] == ["Fund LP; Fund GP LLC"]
    assert [p[0] for p in _pairs(store, roles=("CEO",))] == ["Erin Evans"]
    assert _pairs(store, traded_to=date(2024, 6, 30), insider="erin") == []
    assert [p[0] for p in _pairs(store, min_profit=Decimal(1000))] == ["Fund LP; Fund GP LLC"]
    assert [p[0] for p in _pairs(store, sort="date")] == ["Erin Evans", "Fund LP; Fund GP LLC"]
    assert len(_pairs(store, limit=1)) == 1
    assert _pairs(store, ticker="nope") == []
    assert len(_pairs(store, issuer_cik="3333")) == 2


def test_bad_filter_values_are_refused(store: Store) -> None:
    with pytest.raises(QueryError, match="unknown grouping"):
        short_swing(store, ShortSwingFilter(by="owner"))
    with pytest.raises(QueryError, match="unknown sort"):
        short_swing(store, ShortSwingFilter(sort="value; DROP TABLE filings"))
    # A hostile ticker is a bound value.
    assert _pairs(store, ticker="ZETA' OR '1'='1") == []


def test_command(book_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "swing.duckdb")
    with open_store(db) as s:
        assert not ingest([book_dir], s, validate=False).errors
    runner = CliRunner()
    result = runner.invoke(main, ["short-swing", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert [(r["insider"], r["profit"]) for r in rows] == [
        ("Fund LP; Fund GP LLC", "2000"),
        ("Erin Evans", "500"),
    ]
    result = runner.invoke(main, ["short-swing", "--db", db, "--by", "insider", "--ticker", "zeta"])
    assert result.exit_code == 0
    assert "short-swing profits: 2 row(s)" in result.stdout
    result = runner.invoke(main, ["short-swing", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code != 0
    assert "no store there" in result.stderr


def test_the_sql_six_month_test_is_the_rule(store: Store) -> None:
    # The SQL keeps only trades with a counterpart by WITHIN_SIX_MONTHS: over month ends, leap days and
    # both orders it must say what within_six_months says.
    sql = (
        f"SELECT {WITHIN_SIX_MONTHS} FROM (SELECT CAST(? AS DATE) AS trade_date) a "
        "CROSS JOIN (SELECT CAST(? AS DATE) AS trade_date) b"
    )
    starts = [date(2023, 8, 31), date(2024, 2, 29), date(2024, 3, 31), date(2024, 7, 31), date(2024, 12, 31)]
    starts += [date(2024, 1, 15)]
    offsets = (*range(178, 186), 0, 1, 100)
    checked = 0
    for first in starts:
        for offset in offsets:
            for second in (first + timedelta(days=offset), first - timedelta(days=offset)):
                (got,) = store.query(sql, [first, second])[0]
                assert bool(got) == within_six_months(first, second), (first, second)
                checked += 1
    assert checked == 2 * len(starts) * len(offsets)


def test_bought_on_31_august_sold_by_27_february() -> None:
    # Six months after 31 August is 28 February (the month is shorter): the later trade must come before.
    assert within_six_months(date(2024, 8, 31), date(2025, 2, 27))
    assert not within_six_months(date(2024, 8, 31), date(2025, 2, 28))
    assert within_six_months(date(2023, 8, 31), date(2024, 2, 28))
    assert not within_six_months(date(2023, 8, 31), date(2024, 2, 29))


def test_owner_filters_pick_groups_not_trades(tmp_path: Path) -> None:
    # The same CIK writes its name and title otherwise in its two filings: a filter on either still
    # matches the whole group.
    folder = tmp_path / "book"
    folder.mkdir()
    director = _owner("0000000201", "Evans Erin", director=True)
    for n, (owner, day, code, price) in enumerate(
        ((director, "2024-01-10", "P", 10), (ERIN, "2024-03-10", "S", 15)), start=1
    ):
        xml = _document(
            issuer=ZETA, owners=owner, rows=_trade(day, code, 100, price, 100), period=day, signed=day
        )
        (folder / f"0000003333-24-0008{n:02d}.xml").write_text(xml, encoding="utf-8")
    with open_store(str(tmp_path / "s.duckdb")) as s:
        assert not ingest([folder], s, validate=False).errors
        for flt in (
            {},
            {"roles": ("CEO",)},
            {"roles": ("Dir",)},
            {"insider": "erin evans"},
            {"insider_cik": "201"},
        ):
            assert [p[-1] for p in _pairs(s, **flt)] == [500], flt
        assert _pairs(s, roles=("CFO",)) == []


def test_large_numbers_stay_exact() -> None:
    # The store keeps 38 digits, 10 after the point; a product needs more than Python's default 28.
    shares = Decimal("123456789.1234567891")
    lots = [
        Lot("P", date(2024, 1, 2), shares, Decimal("1.0000000001")),
        Lot("S", date(2024, 1, 3), shares, Decimal("1235.3456789013")),
    ]
    (match,), _ = match_trades(lots)
    with decimal.localcontext(decimal.Context(prec=100)):
        exact = shares * Decimal("1234.3456789012")
    assert match.profit == exact
    assert shares * Decimal("1234.3456789012") != exact  # what the default context would give


def test_the_databases_add_six_months_as_the_rule_does(store: Store) -> None:
    # The SQL keeps only trades with a counterpart by the same rule (section16.store.queries_swing):
    # month ends must clamp there as six_months_after clamps them.
    days = [date(2023, 8, 31), date(2024, 8, 31), date(2024, 8, 29), date(2024, 12, 31), date(2024, 3, 31)]
    days += [date(2024, 1, 1) + timedelta(days=n) for n in range(0, 366, 7)]
    for day in days:
        (got,) = store.query("SELECT CAST(? AS DATE) + INTERVAL '6 months'", [day])[0]
        assert (got.date() if hasattr(got, "date") else got) == six_months_after(day), day


def _new_filing(owners: str, rows: str, day: str) -> bytes:
    """A Form 4 about to be made, as section16 prepare reads it (JSON), its owners' CCC given."""
    xml = _document(issuer=ZETA, owners=owners, rows=rows, period=day, signed=day)
    data = document_to_dict(read_filing(xml.encode()).document)  # type: ignore[arg-type]
    for owner in data["reporting_owners"]:
        owner["rpt_owner_ccc"] = "x1y2z3#@"
    return json.dumps(data).encode()


def _exposure(prepared: Prepared) -> list[tuple[int | None, str]]:
    return [(f.row, f.message) for f in prepared.findings if f.rule == "short-swing.match"]


def test_a_filing_about_to_be_made_is_matched_with_the_insiders_stored_trades(store: Store) -> None:
    # Erin buys 50 at 12 on 1 September: the best pairing keeps her January purchase with the July 9
    # sale (500) and gives this purchase the July 10 sale at 30 (50 x 18 = 900).
    data = _new_filing(ERIN, _trade("2024-09-01", "P", 50, 12, 50), "2024-09-03")
    found = _exposure(prepare(data, name="erin.json", store=store))
    assert len(found) == 1
    row, message = found[0]
    assert row == 1
    assert "bought 50 at 12 on 2024-09-01 (row 1 of this filing)" in message
    assert "sold at 30 on 2024-07-10 (filing 0000003333-24-000003)" in message
    assert "a profit of 900" in message
    # Without a store, or for another insider, nothing is matched.
    assert _exposure(prepare(data, name="erin.json")) == []
    hana = _new_filing(HANA, _trade("2024-09-01", "P", 50, 12, 50), "2024-09-03")
    assert _exposure(prepare(hana, store=store)) == []
    # A purchase and a sale in the filing itself match too.
    both = _trade("2024-12-02", "P", 10, 40, 10) + _trade("2024-12-03", "S", 10, 45, 0)
    assert [m for _, m in _exposure(prepare(_new_filing(HANA, both, "2024-12-04"), store=store))] == [
        "short-swing match (Section 16(b)): bought 10 at 40 on 2024-12-02 (row 1 of this filing) and sold "
        "at 45 on 2024-12-03 (row 2 of this filing), within six months: a profit of 50 to give back to the "
        "issuer; this filing adds 50 to the insider's short-swing profit"
    ]


def test_exposure_is_what_the_filing_adds_to_the_insiders_whole_history(store: Store) -> None:
    # Gus bought Class B at 10 on 1 April and sold Common Stock at 20 on 15 April (other classes). A new
    # Common Stock purchase at 25 on 20 April cannot gain from the sale at 20; one at 15 gains 500.
    gus = _trade("2024-04-20", "P", 100, 25, 100)
    assert _exposure(prepare(_new_filing(GUS, gus, "2024-04-22"), store=store)) == []
    gus = _trade("2024-04-20", "P", 100, 15, 100)
    [(row, message)] = _exposure(prepare(_new_filing(GUS, gus, "2024-04-22"), store=store))
    assert row == 1
    assert "a profit of 500" in message and "adds 500" in message
    # Erin's July 9 sale is already matched with her January purchase (500): a new purchase at 14 on
    # 1 September would only take the July 10 sale at 30 (50 x 16 = 800), whatever older trade the
    # store holds, and would not displace the January pair.
    [(_, message)] = _exposure(
        prepare(_new_filing(ERIN, _trade("2024-09-01", "P", 50, 14, 50), "2024-09-03"), store=store)
    )
    assert "sold at 30 on 2024-07-10" in message and "adds 800" in message


def test_an_amendment_is_not_matched_with_the_original_it_restates(store: Store) -> None:
    # The 4/A of Z6 (the joint owners' purchase of 1 March, filed 2 March) restates it at 17: matched
    # with the February sale at 20 as the stored amendment Z7 was, not with Z6 or Z7 themselves.
    rows = _trade("2024-03-01", "P", 500, 17, 10000)
    xml = _document(issuer=ZETA, owners=FUND, rows=rows, period="2024-03-01", signed="2024-03-08",
                    doc_type="4/A", original="2024-03-02")  # fmt: skip
    data = document_to_dict(read_filing(xml.encode()).document)  # type: ignore[arg-type]
    for owner in data["reporting_owners"]:
        owner["rpt_owner_ccc"] = "x1y2z3#@"
    found = _exposure(prepare(json.dumps(data).encode(), store=store))
    assert len(found) == 1
    assert "bought 500 at 17 on 2024-03-01 (row 1 of this filing)" in found[0][1]
    assert "sold at 20 on 2024-02-01 (filing 0000003333-24-000005)" in found[0][1]
    assert "a profit of 1500" in found[0][1] and "adds 1500" in found[0][1]


def test_prepare_command_with_a_store(book_dir: Path, tmp_path: Path) -> None:
    target = str(tmp_path / "swing.duckdb")
    with open_store(target) as s:
        assert not ingest([book_dir], s, validate=False).errors
    source = tmp_path / "erin.json"
    source.write_bytes(_new_filing(ERIN, _trade("2024-09-01", "P", 50, 12, 50), "2024-09-03"))
    done = CliRunner().invoke(main, ["prepare", str(source), "--db", target, "--format", "csv"])
    assert done.exit_code == 0, done.output  # a warning: the XML is written
    assert "short-swing.match" in done.stdout and "a profit of 900" in done.stdout
    assert (tmp_path / "erin.xml").is_file()


def test_an_older_stored_trade_keeps_its_better_match(tmp_path: Path) -> None:
    # Stored: bought at 1 on 2 January, sold at 20 on 20 May (1,900). A purchase at 10 on 15 September
    # is within six months of the sale, but the best pairing keeps the sale for the January purchase,
    # more than six months before September: the new purchase adds nothing.
    folder = tmp_path / "book"
    folder.mkdir()
    for n, (day, code, price) in enumerate((("2024-01-02", "P", 1), ("2024-05-20", "S", 20)), start=1):
        xml = _document(
            issuer=ZETA, owners=HANA, rows=_trade(day, code, 100, price, 100), period=day, signed=day
        )
        (folder / f"0000003333-24-0009{n:02d}.xml").write_text(xml, encoding="utf-8")
    with open_store(str(tmp_path / "s.duckdb")) as s:
        assert not ingest([folder], s, validate=False).errors
        new = _new_filing(HANA, _trade("2024-09-15", "P", 100, 10, 200), "2024-09-16")
        assert _exposure(prepare(new, store=s)) == []


def test_a_form_stored_already_is_not_matched_with_its_copy(store: Store) -> None:
    # Z2 again (Erin's sale of 9 July at 15): the stored Z2 is taken to be this form, left out, and the
    # sale is matched with the January purchase as Z2 is: 500.
    prepared = prepare(_new_filing(ERIN, _trade("2024-07-09", "S", 100, 15, 0), "2024-07-10"), store=store)
    infos = [f.message for f in prepared.findings if f.rule == "short-swing.stored-already"]
    assert len(infos) == 1 and "0000003333-24-000002" in infos[0]
    [(row, message)] = _exposure(prepared)
    assert row == 1 and "bought 100 at 10 on 2024-01-10 (filing 0000003333-24-000001)" in message
    assert "adds 500" in message
