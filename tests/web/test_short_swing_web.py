"""Short-swing profits in the web layer: ``GET /api/short-swing`` (JSON and CSV) and the ``/short-swing``
page, over a store holding the crafted ZETA book of ``tests/services/test_short_swing.py`` (its answers
are worked out by hand there), in DuckDB and PostgreSQL as the library's own tests run it; the page
also in a real headless Chromium through ``section16 serve``, as ``tests/web/test_browser.py`` drives
the other pages (its ``server`` and ``browser`` fixtures, over this module's ``web_db``: the book)."""

from __future__ import annotations

import csv
import io
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from section16.services.ingest import ingest
from section16.services.short_swing import PAIR_COLUMNS, SUMMARY_COLUMNS
from section16.store import open_store
from section16.web import create_app
from section16.web.openapi import openapi_document
from tests.services.test_short_swing import BOOK
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)
from tests.web.test_browser import browser, server  # noqa: F401  (fixtures, over web_db below)

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # as tests/web/conftest.py: Starlette's TestClient asks for httpx2
    from starlette.testclient import TestClient

FUND = "Fund LP; Fund GP LLC"
ERIN = "Erin Evans"
Z5, Z7, Z1, Z2 = (f"0000003333-24-{n:06d}" for n in (5, 7, 1, 2))

# The book's two matches (tests/services/test_short_swing.py): the joint owners' sale of 500 at 20 on
# 2024-02-01 (Z5) against the amended purchase of 500 at 16 on 2024-03-01 (Z7), and Erin's purchase of
# 100 at 10 on 2024-01-10 (Z1) against her sale at 15 on 2024-07-09 (Z2), the day before six months.
PAIRS = [
    {
        "ticker": "ZETA",
        "issuer_name": "Zeta Corp",
        "issuer_cik": "0000003333",
        "insider": FUND,
        "insider_cik": "0000000203",
        "security_title": "Common Stock",
        "purchase_date": "2024-03-01",
        "purchase_price": "16",
        "purchase_filing": Z7,
        "sale_date": "2024-02-01",
        "sale_price": "20",
        "sale_filing": Z5,
        "shares": "500",
        "profit": "2000",
        "basis": "maximum",
    },
    {
        "ticker": "ZETA",
        "issuer_name": "Zeta Corp",
        "issuer_cik": "0000003333",
        "insider": ERIN,
        "insider_cik": "0000000201",
        "security_title": "Common Stock",
        "purchase_date": "2024-01-10",
        "purchase_price": "10",
        "purchase_filing": Z1,
        "sale_date": "2024-07-09",
        "sale_price": "15",
        "sale_filing": Z2,
        "shares": "100",
        "profit": "500",
        "basis": "maximum",
    },
]


def _ingest_book(folder: Path, target: str) -> None:
    for accession, xml in BOOK.items():
        (folder / f"{accession}.xml").write_text(xml, encoding="utf-8")
    with open_store(target) as store:
        report = ingest([folder], store, validate=False)
    assert not report.errors, report.errors
    assert report.linked == 1  # Z7 amends Z6


@pytest.fixture(params=["duckdb", "postgres"])
def book(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TestClient]:
    """The app over a store holding the book, in-process, opened as ``section16 serve`` opens it."""
    target = (
        str(tmp_path / "book.duckdb")
        if request.param == "duckdb"
        else request.getfixturevalue("postgres_url")
    )
    (tmp_path / "xml").mkdir()
    _ingest_book(tmp_path / "xml", target)
    with TestClient(create_app(target), raise_server_exceptions=False) as c:
        yield c


def _rows(client: TestClient, query: Any = None) -> list[dict[str, Any]]:
    response = client.get("/api/short-swing", params=query)
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == {"columns", "rows"}  # the envelope of /api/cluster-buys and /api/late-filings
    rows: list[dict[str, Any]] = body["rows"]
    assert all(list(r) == body["columns"] for r in rows)
    return rows


def test_pairs_are_the_books_answers(book: TestClient) -> None:
    body = book.get("/api/short-swing").json()
    assert body["columns"] == list(PAIR_COLUMNS)
    assert body["rows"] == PAIRS


def test_by_insider_totals(book: TestClient) -> None:
    body = book.get("/api/short-swing?by=insider").json()
    assert body["columns"] == list(SUMMARY_COLUMNS)
    assert [
        (r["insider"], r["purchases"], r["sales"], r["pairs"], r["shares"], r["profit"]) for r in body["rows"]
    ] == [(FUND, 1, 1, 1, "500", "2000"), (ERIN, 1, 1, 1, "100", "500")]
    erin = body["rows"][1]
    assert (erin["first_trade_date"], erin["last_trade_date"], erin["basis"]) == (
        "2024-01-10",
        "2024-07-09",
        "maximum",
    )


def _who(client: TestClient, query: Any) -> list[str]:
    return [r["insider"] for r in _rows(client, query)]


def test_filters(book: TestClient) -> None:
    assert _who(book, {"insider": "erin"}) == [ERIN]
    assert _who(book, {"insider_cik": "204"}) == [FUND]
    assert _who(book, {"ticker": "zeta", "issuer_cik": "3333"}) == [FUND, ERIN]
    assert _who(book, {"ticker": "nope"}) == []
    assert _who(book, {"role": "CEO"}) == [ERIN]
    # role repeated, as the command's --role, or comma-separated: either role
    assert _who(book, [("role", "CEO"), ("role", "10%")]) == [FUND, ERIN]
    assert _who(book, {"role": "CEO,10%"}) == [FUND, ERIN]
    # Z2 (2024-07-09) left out: Erin's purchase has nothing to match
    assert _who(book, {"traded_to": "2024-06-30", "insider": "erin"}) == []
    assert _who(book, {"traded_from": "2024-01-11"}) == [FUND]
    assert _who(book, {"min_profit": "1,000"}) == [FUND]
    assert _who(book, {"sort": "date"}) == [ERIN, FUND]
    assert _who(book, {"limit": "1"}) == [FUND]
    # As filed, the original purchase at 18 (Z6) stands beside its amendment; the sale takes the cheaper.
    as_filed = _rows(book, {"as_filed": "1"})
    assert [(r["insider"], r["purchase_filing"], r["profit"]) for r in as_filed] == [
        (FUND, Z7, "2000"),
        (ERIN, Z1, "500"),
    ]


def test_csv_carries_the_rows_of_json(book: TestClient) -> None:
    for by, columns in (("pair", PAIR_COLUMNS), ("insider", SUMMARY_COLUMNS)):
        response = book.get(f"/api/short-swing?by={by}&format=csv")
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        assert 'filename="short-swing.csv"' in response.headers["content-disposition"]
        table = list(csv.reader(io.StringIO(response.text)))
        assert table[0] == list(columns)
        json_rows = _rows(book, {"by": by})
        assert table[1:] == [[str(v) for v in r.values()] for r in json_rows]
    assert list(csv.DictReader(io.StringIO(book.get("/api/short-swing?format=csv").text))) == PAIRS


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("by=owner", "by", "by: 'owner' is not one of pair, insider"),
        ("sort=value", "sort", "sort: 'value' is not one of profit, date, ticker"),
        ("min_profit=lots", "min_profit", "min_profit: 'lots' is not a number"),
        ("traded_from=2024-13-01", "traded_from", "traded_from: '2024-13-01' is not a date (YYYY-MM-DD)"),
        ("role=King", "role", "role: 'King' is not one of"),
        ("insider_cik=x1", "insider_cik", "insider_cik: 'x1' is not a CIK (digits)"),
        ("limit=0", "limit", "limit: 0 is not within 1..1000"),
        ("limit=5000", "limit", "limit: 5000 is not within 1..1000"),
        ("format=csv&limit=200000", "limit", "limit: 200000 is not within 1..100000"),
        ("format=xlsx", "format", "format: 'xlsx' is not json or csv"),
        ("as_filed=maybe", "as_filed", "as_filed: 'maybe' is not true or false"),
    ],
)
def test_a_bad_parameter_is_one_line_in_the_error_shape(
    book: TestClient, query: str, parameter: str, message: str
) -> None:
    response = book.get(f"/api/short-swing?{query}")
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"status", "message", "type", "parameter"}
    assert (error["status"], error["type"], error["parameter"]) == (400, "ParameterError", parameter)
    assert error["message"].startswith(message) and "\n" not in error["message"]


def test_the_rows_match_the_openapi_document(book: TestClient) -> None:
    jsonschema_rs = pytest.importorskip("jsonschema_rs", reason="schemathesis's jsonschema_rs is absent")
    operation = openapi_document()["paths"]["/api/short-swing"]["get"]
    schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
    pair, summary = schema["properties"]["rows"]["items"]["oneOf"]
    assert (tuple(pair["required"]), tuple(summary["required"])) == (PAIR_COLUMNS, SUMMARY_COLUMNS)
    validator = jsonschema_rs.validator_for(schema)
    for by in ("pair", "insider"):
        validator.validate(book.get(f"/api/short-swing?by={by}").json())
    documented = {p["name"] for p in operation["parameters"]}
    assert documented == {
        "by", "ticker", "issuer_cik", "insider", "insider_cik", "role", "traded_from", "traded_to",
        "min_profit", "as_filed", "sort", "format", "limit",
    }  # fmt: skip


def test_the_page_links_both_filings_the_issuer_and_the_insider(book: TestClient) -> None:
    page = book.get("/short-swing")
    assert page.status_code == 200
    html = page.text
    assert '<a href="/short-swing">Short-swing profits</a>' in html  # in the navigation
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    assert body.count("<tr>") == 2
    for link in (Z7, Z5, Z1, Z2):
        assert f'href="/filing/{link}"' in body
    assert 'href="/issuer/3333"' in body and 'href="/insider/203"' in body and 'href="/insider/201"' in body
    assert body.index(FUND) < body.index(ERIN)
    assert ">2,000<" in body and ">500<" in body
    assert 'href="/api/short-swing?format=csv"' in html


def test_the_page_by_insider_links_each_insiders_pairs(book: TestClient) -> None:
    html = book.get("/short-swing?by=insider&traded_from=2024-01-01").text
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    assert body.count("<tr>") == 2
    link = (
        "/short-swing?by=pair&amp;issuer_cik=0000003333&amp;insider_cik=0000000201&amp;traded_from=2024-01-01"
    )
    assert f'href="{link}"' in body
    pairs = book.get(link.replace("&amp;", "&")).text
    assert pairs.count('href="/filing/') == 2 and f'href="/filing/{Z1}"' in pairs


def test_the_page_answers_a_bad_parameter_in_html(book: TestClient) -> None:
    page = book.get("/short-swing?min_profit=lots")
    assert page.status_code == 400
    assert page.headers["content-type"].startswith("text/html")
    assert "min_profit: &#39;lots&#39; is not a number" in page.text


# ------------------------------------------------------------------------------ in a real browser


@pytest.fixture(scope="module")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The book in a DuckDB store: what test_browser's ``server`` fixture serves in this module."""
    base = tmp_path_factory.mktemp("swing-web")
    (base / "xml").mkdir()
    _ingest_book(base / "xml", str(base / "book.duckdb"))
    return base / "book.duckdb"


@pytest.mark.slow
def test_browser_from_the_navigation_to_a_filing_and_by_insider(request: pytest.FixtureRequest) -> None:
    from tests.web.test_browser import _shot

    base: str = request.getfixturevalue("server")
    chromium: Any = request.getfixturevalue("browser")
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    page.goto(base + "/")
    page.locator("nav a", has_text="Short-swing profits").click()
    page.wait_for_url("**/short-swing")
    rows = page.locator("table.data tbody tr")
    cells = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    assert [c[:9] for c in cells] == [
        ["ZETA", FUND, "Common Stock", "2024-03-01", "16", "2024-02-01", "20", "500", "2,000"],
        ["ZETA", ERIN, "Common Stock", "2024-01-10", "10", "2024-07-09", "15", "100", "500"],
    ]
    _shot(page, "short-swing")

    page.fill("input[name=min_profit]", "1000")
    page.locator("form.filters button").click()
    page.wait_for_url("**/short-swing?**min_profit=1000**")
    assert page.locator("table.data tbody tr").count() == 1

    page.goto(base + "/short-swing")
    page.locator("table.data tbody tr").first.locator("a", has_text="purchase").click()
    page.wait_for_url(f"**/filing/{Z7}")
    assert "Table I" in page.content() and "Fund GP LLC" in page.content()

    page.goto(base + "/short-swing")
    page.select_option("select[name=by]", "insider")
    page.locator("form.filters button").click()
    page.wait_for_url("**/short-swing?by=insider**")
    erin = page.locator("table.data tbody tr", has_text=ERIN)
    assert erin.locator("td").all_inner_texts()[3:8] == ["1", "1", "1", "100", "500"]
    erin.locator("td:nth-child(6) a").click()  # her pairs
    page.wait_for_url("**/short-swing?by=pair&issuer_cik=0000003333&insider_cik=0000000201**")
    assert page.locator("table.data tbody tr").count() == 1
    page.close()


def test_the_page_keeps_every_repeated_role(book: TestClient) -> None:
    # role=CEO&role=10%, as the command's repeated --role: both insiders, as the API answers.
    html = book.get("/short-swing", params=[("role", "CEO"), ("role", "10%")]).text
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    assert FUND in body and ERIN in body
    links = book.get("/short-swing", params=[("by", "insider"), ("role", "CEO"), ("role", "10%")]).text
    assert "role=CEO%2C10%25" in links  # each insider's pairs link keeps both roles


def test_issuer_and_insider_pages_link_their_short_swing_profits(book: TestClient) -> None:
    for page, who in (("/issuer/3333", (FUND, ERIN)), ("/insider/201", (ERIN,)), ("/insider/203", (FUND,))):
        html = book.get(page).text
        start = html.index('href="/short-swing?')
        link = html[start + 6 : html.index('"', start + 6)].replace("&amp;", "&")
        body = book.get(link).text
        body = body[body.index("<tbody>") : body.index("</tbody>")]
        assert [name for name in (FUND, ERIN) if name in body] == list(who), (page, link)
