"""The per-issuer summaries the store keeps (``issuer_activity`` for net activity, ``purchase_clusters``
for cluster buys) and the derived issuer key and ticker on filings: read from the tables they give the
very rows that aggregating every row gives, they follow amendments and reparses, and a store of schema
5 is brought up when opened. On DuckDB and PostgreSQL."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from section16.model import (
    AcquiredDisposed,
    DocumentType,
    Fact,
    Filing,
    Issuer,
    NonDerivativeTransaction,
    TransactionCode,
)
from section16.model.document import TransactionCoding
from section16.services import reports
from section16.services.ingest import ingest
from section16.services.synth import synthesize
from section16.store import Store, filing_rows, open_store
from section16.store.queries import (
    STORED_CLUSTER_WINDOW,
    ClusterFilter,
    NetActivityFilter,
    cluster_buys_query,
    clusters_from_stored,
    net_activity_from_stored,
    net_activity_query,
)
from section16.store.schema import SCHEMA_VERSION
from tests.store.conftest import postgres_server, postgres_url  # noqa: F401  (fixtures)
from tests.store.test_amendments import _filing

F4, F4A = DocumentType.FORM_4, DocumentType.FORM_4A


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("synth")
    synthesize(folder, filings=1500, seed=11)
    return folder


def _target(request: pytest.FixtureRequest, tmp_path: Path, name: str) -> str:
    if request.param == "duckdb":
        return str(tmp_path / f"{name}.duckdb")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture(params=["duckdb", "postgres"])
def synth_store(request: pytest.FixtureRequest, synth_dir: Path, tmp_path: Path) -> Iterator[Store]:
    with open_store(_target(request, tmp_path, "synth")) as store:
        report = ingest([synth_dir], store, validate=False)
        assert not report.errors
        yield store


@pytest.fixture(params=["duckdb", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    with open_store(_target(request, tmp_path, "small")) as s:
        yield s


def _dialect(store: Store) -> Any:
    return "postgres" if store.dialect == "postgres" else "duckdb"


def _clusters(store: Store, flt: ClusterFilter, *, stored: bool) -> list[tuple[Any, ...]]:
    q = cluster_buys_query(_dialect(store), flt, stored=stored)
    return store.query(q.sql, q.params)


def _net(store: Store, flt: NetActivityFilter, *, stored: bool) -> list[tuple[Any, ...]]:
    q = net_activity_query(_dialect(store), flt, stored=stored)
    return store.query(q.sql, q.params)


_CLUSTER_FILTERS = [
    ClusterFilter(),
    ClusterFilter(min_insiders=1, limit=None),
    ClusterFilter(min_insiders=3, sort="value"),
    ClusterFilter(min_value=Decimal(1_000_000), sort="insiders", limit=None),
    ClusterFilter(sort="ticker", limit=20),
    ClusterFilter(sort="first_trade_date", limit=None),
]
_NET_FILTERS = [
    NetActivityFilter(limit=None),
    NetActivityFilter(sort="bought", ascending=True, limit=50),
    NetActivityFilter(sort="sold", limit=None),
    NetActivityFilter(sort="trades", limit=None),
    NetActivityFilter(sort="ticker", ascending=True, limit=None),
]


def test_summaries_answer_as_aggregating_every_row(synth_store: Store) -> None:
    store = synth_store
    assert store.issuers_fresh()
    assert store.count("purchase_clusters") > 0 and store.count("issuer_activity") > 0
    for flt in _CLUSTER_FILTERS:
        assert clusters_from_stored(flt)
        assert _clusters(store, flt, stored=True) == _clusters(store, flt, stored=False), flt
    for net in _NET_FILTERS:
        assert net_activity_from_stored(net)
        assert _net(store, net, stored=True) == _net(store, net, stored=False), net
    # The reports read them, with the answer of the full computation.
    assert reports.cluster_buys(store).rows
    assert len(reports.net_activity(store, NetActivityFilter(limit=None)).rows) == store.count(
        "issuer_activity"
    )


def test_filters_that_pick_rows_are_not_read_from_the_summaries() -> None:
    assert not clusters_from_stored(ClusterFilter(window_days=STORED_CLUSTER_WINDOW + 1))
    assert not clusters_from_stored(ClusterFilter(ticker="ACME"))
    assert not clusters_from_stored(ClusterFilter(traded_from=date(2024, 1, 1)))
    assert not clusters_from_stored(ClusterFilter(current=False))
    assert not clusters_from_stored(ClusterFilter(include_amendments=False))
    assert not net_activity_from_stored(NetActivityFilter(roles=("Dir",)))
    assert not net_activity_from_stored(NetActivityFilter(traded_to=date(2024, 1, 1)))
    assert not net_activity_from_stored(NetActivityFilter(ticker="ACME"))
    assert not net_activity_from_stored(NetActivityFilter(current=False))


def _with_purchase(filing: Filing, shares: int, *, issuer: str | None = None) -> Filing:
    """``filing`` with one open-market purchase at 10 a share (and, when given, another issuer)."""
    assert filing.document is not None
    row = NonDerivativeTransaction(
        security_title=Fact(value="Common Stock"),
        transaction_date=Fact(value=date(2023, 12, 8)),
        transaction_coding=TransactionCoding(transaction_code=TransactionCode.P),
        transaction_shares=Fact(value=Decimal(shares)),
        transaction_price_per_share=Fact(value=Decimal(10)),
        transaction_acquired_disposed_code=Fact(value=AcquiredDisposed.ACQUIRED),
    )
    doc = dataclasses.replace(filing.document, non_derivative_table=(row,))
    if issuer is not None:
        doc = dataclasses.replace(doc, issuer=Issuer(issuer_cik=issuer, issuer_trading_symbol=" new "))
    return dataclasses.replace(filing, document=doc)


def _activity(store: Store) -> dict[str, tuple[Any, ...]]:
    rows = store.query("SELECT issuer_key, purchases, bought_value, buyers FROM issuer_activity")
    return {str(r[0]): (int(r[1]), Decimal(r[2]), int(r[3])) for r in rows}


def test_summaries_follow_amendments_and_a_reparse_to_another_issuer(store: Store) -> None:
    original = _with_purchase(_filing("0000000001-23-000001", F4, date(2023, 12, 12)), 100)
    other = _with_purchase(_filing("0000000001-23-000002", F4, date(2023, 12, 13), owners=("02",)), 5)
    store.write_batch([(filing_rows(f), b"x") for f in (original, other)])
    assert not store.issuers_fresh()
    store.link_amendments()
    assert store.issuers_fresh()
    assert _activity(store) == {"320193": (2, Decimal(1050), 2)}
    clusters = _clusters(store, ClusterFilter(), stored=True)
    assert [(r[0], r[5], r[7]) for r in clusters] == [(None, 2, 2)]  # no ticker; 2 insiders, 2 trades
    # A 4/A replaces the original's purchase.
    amendment = _filing("0000000001-23-000009", F4A, date(2023, 12, 20), original=date(2023, 12, 12))
    store.write_batch([(filing_rows(_with_purchase(amendment, 300)), b"x")])
    store.link_amendments()
    assert _activity(store) == {"320193": (2, Decimal(3050), 2)}
    # Reparsed, the other filing turns out to be of another issuer: both issuers are computed again.
    moved = _with_purchase(
        _filing("0000000001-23-000002", F4, date(2023, 12, 13), owners=("02",)), 5, issuer="0000000077"
    )
    store.write_batch([(filing_rows(moved), b"x")], replace=True)
    store.link_amendments()
    assert _activity(store) == {"320193": (1, Decimal(3000), 1), "77": (1, Decimal(50), 1)}
    assert store.query(
        "SELECT issuer_key, ticker FROM filings WHERE filing_key = ?", [moved.accession_number]
    ) == [("77", "NEW")]
    assert _clusters(store, ClusterFilter(min_insiders=1), stored=True) == _clusters(
        store, ClusterFilter(min_insiders=1), stored=False
    )
    assert _net(store, NetActivityFilter(), stored=True) == _net(store, NetActivityFilter(), stored=False)


def test_a_store_of_schema_5_gets_issuer_keys_and_summaries_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "v5.duckdb"
    first = _with_purchase(_filing("0000000001-23-000001", F4, date(2023, 12, 12)), 100)
    second = _with_purchase(_filing("0000000001-23-000002", F4, date(2023, 12, 14), owners=("02",)), 7)
    with open_store(path) as store:
        store.write_batch([(filing_rows(f), b"x") for f in (first, second)])
        store.link_amendments()
        before = _net(store, NetActivityFilter(), stored=True)
        # As version 5 left it: no issuer key, ticker or summaries.
        store.query("UPDATE filings SET issuer_key = NULL, ticker = NULL")
        store.query("DELETE FROM issuer_activity")
        store.query("DELETE FROM purchase_clusters")
        store.query("UPDATE section16_meta SET value = '5' WHERE key = 'schema_version'")
    with open_store(path) as store:
        assert store.query("SELECT DISTINCT issuer_key FROM filings") == [("320193",)]
        assert store.issuers_fresh() and store.holdings_fresh()
        assert _net(store, NetActivityFilter(), stored=True) == before
        assert len(_clusters(store, ClusterFilter(), stored=True)) == 1
        # Only what version 6 added was filled: latest_holdings was not ranked again.
        assert store.count("holdings_dirty") == 0


_TRADE_FILTERS = [
    reports.TradeFilter(),
    reports.TradeFilter(limit=7),
    reports.TradeFilter(include_derivative=True, sort="value", limit=50),
    reports.TradeFilter(codes=("P",), min_value=Decimal(100_000), sort="abs_value"),
    reports.TradeFilter(sort="trade_date", ascending=True, limit=30),
    reports.TradeFilter(current=False, limit=40),
    reports.TradeFilter(roles=("Dir",), sort="shares"),
    reports.TradeFilter(sort="ticker", limit=25),
    # The bound (the last wanted row's sort key) with ties, NULL keys and either direction.
    reports.TradeFilter(codes=("P",), min_value=Decimal(1000), limit=20),
    reports.TradeFilter(sort="price", limit=40),
    reports.TradeFilter(sort="price", ascending=True, limit=1900),
    reports.TradeFilter(sort="value", ascending=True, include_derivative=True, limit=60),
    reports.TradeFilter(sort="filing_date", limit=1),
    reports.TradeFilter(codes=("P",), min_value=Decimal(10**9), limit=30),
    reports.TradeFilter(codes=("G", "M", "A"), sort="price", limit=2000),
]


def _direct(store: Store, flt: reports.TradeFilter) -> list[dict[str, Any]]:
    from section16.store.queries import trades_query

    q = trades_query(_dialect(store), flt)
    return [dict(zip(q.columns, row, strict=True)) for row in store.query(q.sql, q.params)]


def _plain(report: reports.Report) -> list[tuple[Any, ...]]:
    return [(r["filing_key"], r["tbl"], r["row_index"], r["value"], r["insider"]) for r in report.rows]


@pytest.mark.parametrize("extra", [100, 0])
def test_screener_sorted_first_answers_as_one_query(
    synth_store: Store, extra: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The screener's two short queries (rows first, then their filings, dropping rows of superseded
    filings; with no margin the superseded rows force the one-query path) give the rows of the one
    query that joins first."""
    store = synth_store
    monkeypatch.setattr(reports, "_EXTRA_ROWS", extra)
    bounds: list[Any] = []
    real = reports.trade_bound_query

    def spy(*args: Any, **kw: Any) -> Any:
        query = real(*args, **kw)
        bounds.append(store.query(query.sql, query.params) if query is not None else None)
        return query

    monkeypatch.setattr(reports, "trade_bound_query", spy)
    assert store.query("SELECT count(*) FROM filings WHERE NOT is_current")[0][0] > 0
    for flt in _TRADE_FILTERS:
        expected = [
            (r["filing_key"], r["tbl"], r["row_index"], r["value"], r["insider"]) for r in _direct(store, flt)
        ]
        got = reports.trades(store, flt)
        assert _plain(got) == [(k, t, i, reports.tidy(v), n) for k, t, i, v, n in expected], flt
        assert got.columns == reports.TRADE_COLUMNS
        if expected:
            assert got.columns == tuple(_direct(store, dataclasses.replace(flt, limit=1))[0])
    # Most filters were bounded; the NULL key and the too-few-rows cases were met too.
    assert sum(1 for b in bounds if b and b[0][0] is not None) >= 5
    assert any(b == [] or (b and b[0][0] is None) for b in bounds)


def test_reports_of_one_issuer_or_insider_bind_its_filings(synth_store: Store) -> None:
    """An issuer's or insider's report picks rows by the filing keys it looked up first: the same rows
    as joining every row."""
    from section16.store.queries import holdings_query, insiders_query, trades_query

    store = synth_store
    dialect = _dialect(store)
    ticker, cik = store.query(
        "SELECT ticker, issuer_cik FROM filings GROUP BY ALL ORDER BY count(*) DESC, 1 LIMIT 1"
        if store.dialect == "duckdb"
        else "SELECT ticker, issuer_cik FROM filings GROUP BY 1, 2 ORDER BY count(*) DESC, 1 LIMIT 1"
    )[0]
    name = store.query("SELECT rpt_owner_name FROM owners ORDER BY filing_key LIMIT 1")[0][0]
    owner_cik = store.query("SELECT rpt_owner_cik FROM owners ORDER BY filing_key DESC LIMIT 1")[0][0]
    for flt in (
        reports.TradeFilter(ticker=ticker.lower()),
        reports.TradeFilter(issuer_cik=cik, limit=None),
        reports.TradeFilter(insider=name.split()[0], limit=None, sort="trade_date"),
        reports.TradeFilter(insider_cik=owner_cik, limit=10),
    ):
        q = trades_query(dialect, flt)
        assert _plain(reports.trades(store, flt)) == _plain(
            reports.Report(
                q.columns, tuple(dict(zip(q.columns, r, strict=True)) for r in store.query(q.sql, q.params))
            )
        ), flt
    iq = insiders_query(dialect, reports.InsidersFilter(ticker=ticker))
    assert [
        tuple(r.values()) for r in reports.insiders(store, reports.InsidersFilter(ticker=ticker)).rows
    ] == [
        tuple(
            reports.tidy(v) if k != "roles" else reports._roles(v)
            for k, v in zip(iq.columns, row, strict=True)
        )
        for row in store.query(iq.sql, iq.params)
    ]
    for hf in (
        reports.HoldingsFilter(ticker=ticker),
        reports.HoldingsFilter(insider_cik=owner_cik, include_derivative=True),
    ):
        hq = holdings_query(dialect, hf)
        assert [r["filing_key"] for r in reports.holdings(store, hf).rows] == [
            row[-1] for row in store.query(hq.sql, hq.params)
        ]


@pytest.mark.parametrize("typed", ["a", "co", "8000000", "Inc", "zzz-nothing"])
def test_search_from_the_name_counts_answers_as_reading_every_row(
    synth_store: Store, typed: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from section16.web import data

    store = synth_store
    fresh = data.search(store, typed, limit=25)
    monkeypatch.setattr(type(store), "issuers_fresh", lambda self: False)
    assert fresh == data.search(store, typed, limit=25)
    if typed in ("a", "co"):
        assert fresh


def test_the_web_server_upgrades_an_older_store_before_it_opens_it_read_only(tmp_path: Path) -> None:
    from section16.web._store import open_shared_store

    path = tmp_path / "old.duckdb"
    with open_store(path) as store:
        store.write_batch(
            [(filing_rows(_with_purchase(_filing("0000000001-23-000001", F4, date(2023, 12, 12)), 9)), b"x")]
        )
        store.link_amendments()
        store.query("UPDATE filings SET issuer_key = NULL, ticker = NULL")
        store.query("DELETE FROM issuer_activity")
        store.query("UPDATE section16_meta SET value = '5' WHERE key = 'schema_version'")
    shared = open_shared_store(path)
    try:
        assert shared.query("SELECT value FROM section16_meta WHERE key = 'schema_version'") == [
            (SCHEMA_VERSION,)
        ]
        assert [r["ticker"] for r in reports.net_activity(shared).rows] == [None]
        assert reports.net_activity(shared).rows[0]["bought_value"] == 90
    finally:
        shared.close()


def _insider_filters(name: str, owner_cik: str) -> list[reports.TradeFilter]:
    return [
        reports.TradeFilter(insider=name, limit=None, sort="trade_date"),
        reports.TradeFilter(insider=name.upper(), include_derivative=True, limit=None, sort="value"),
        reports.TradeFilter(insider_cik=owner_cik, limit=10, sort="trade_date"),
        reports.TradeFilter(insider_cik=owner_cik.lstrip("0"), current=False, limit=None),
        reports.TradeFilter(insider_cik=owner_cik, roles=("Dir", "CEO"), limit=None, ascending=True),
        reports.TradeFilter(insider=name, codes=("P", "S"), min_value=Decimal("-1e12"), sort="abs_value"),
        reports.TradeFilter(insider=name, traded_from=date(2000, 1, 1), sort="shares", limit=3),
        reports.TradeFilter(insider=name, has_findings="info", limit=None),
    ]


def test_one_insiders_rows_from_insider_trades_answer_as_one_query(
    synth_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``insider_trades`` holds every transaction row once per reporting owner of its filing, and one
    insider's screener read from it (the rows, then their filings) gives the one query's rows: joint
    filings once, superseded filings left out unless as filed, any limit or none."""
    store = synth_store
    assert store.holdings_fresh()
    per_owner = store.query(
        "SELECT (SELECT count(*) FROM non_derivative_transactions t JOIN owners o "
        "ON o.filing_key = t.filing_key) + (SELECT count(*) FROM derivative_transactions t "
        "JOIN owners o ON o.filing_key = t.filing_key)"
    )[0][0]
    assert store.count("insider_trades") == per_owner > 0
    calls: list[reports.TradeFilter] = []
    real = reports.insider_rows_query

    def spy(dialect: Any, flt: reports.TradeFilter, **kw: Any) -> Any:
        calls.append(flt)
        return real(dialect, flt, **kw)

    monkeypatch.setattr(reports, "insider_rows_query", spy)
    # An owner of a joint filing (two owners), and one with filings that an amendment superseded.
    joint = store.query(
        "SELECT o.rpt_owner_name, o.rpt_owner_cik FROM owners o JOIN filings f ON f.filing_key = "
        "o.filing_key WHERE f.owner_count > 1 ORDER BY o.filing_key, o.owner_index LIMIT 1"
    )
    amended = store.query(
        "SELECT o.rpt_owner_name, o.rpt_owner_cik FROM owners o JOIN filings f ON f.filing_key = "
        "o.filing_key WHERE NOT f.is_current ORDER BY o.filing_key LIMIT 1"
    )
    assert joint and amended
    for name, owner_cik in (*joint, *amended):
        for flt in _insider_filters(str(name), str(owner_cik)):
            calls.clear()
            got = reports.trades(store, flt)
            assert calls == [flt], "read from insider_trades"
            expected = _direct(store, flt)
            assert _plain(got) == [
                (r["filing_key"], r["tbl"], r["row_index"], reports.tidy(r["value"]), r["insider"])
                for r in expected
            ], flt
            assert [r["roles"] for r in got.rows] == [reports._roles(r["roles"]) for r in expected]
    # A filter that needs the filing is not read from it.
    calls.clear()
    reports.trades(store, reports.TradeFilter(insider=str(joint[0][0]), ticker="X", limit=None))
    assert calls == []


def test_insider_trades_follow_a_reparse_that_changes_the_owner(store: Store) -> None:
    first = _with_purchase(_filing("0000000001-23-000001", F4, date(2023, 12, 12), owners=("0000000041",)), 3)
    store.write_batch([(filing_rows(first), b"x")])
    store.link_amendments()
    by_41 = reports.TradeFilter(insider_cik="41", limit=None)
    assert [r["filing_key"] for r in reports.trades(store, by_41).rows] == ["0000000001-23-000001"]
    moved = _with_purchase(_filing("0000000001-23-000001", F4, date(2023, 12, 12), owners=("0000000042",)), 3)
    store.write_batch([(filing_rows(moved), b"x")], replace=True)
    assert not store.holdings_fresh()  # until the refresh, the one query answers
    store.link_amendments()
    assert store.holdings_fresh()
    assert reports.trades(store, by_41).rows == ()
    by_42 = reports.trades(store, reports.TradeFilter(insider_cik="0000000042", limit=5))
    assert [r["value"] for r in by_42.rows] == [30]
    assert store.count("insider_trades") == 1


def test_a_store_of_schema_6_gets_insider_trades_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "v6.duckdb"
    rows = [_with_purchase(_filing(f"0000000001-23-00000{i}", F4, date(2023, 12, 12 + i)), i) for i in (1, 2)]
    with open_store(path) as store:
        store.write_batch([(filing_rows(f), b"x") for f in rows])
        store.link_amendments()
        store.query("DELETE FROM insider_trades")
        store.query("UPDATE section16_meta SET value = '6' WHERE key = 'schema_version'")
    with open_store(path) as store:
        assert store.count("insider_trades") == 2
        # Only what version 7 added was filled: nothing else was marked for a refresh.
        assert store.count("holdings_dirty") == 0 and store.holdings_fresh()
        got = reports.trades(store, reports.TradeFilter(insider_cik="1", limit=None, sort="value"))
        assert [r["value"] for r in got.rows] == [20, 10]


def test_insider_trades_follow_amendments_and_a_reparse_that_unlinks_one(store: Store) -> None:
    owners = ("0000000041",)
    original = _with_purchase(_filing("0000000001-23-000001", F4, date(2023, 12, 12), owners=owners), 3)
    amendment = _with_purchase(
        _filing("0000000001-23-000009", F4A, date(2023, 12, 20), original=date(2023, 12, 12), owners=owners),
        5,
    )
    store.write_batch([(filing_rows(f), b"x") for f in (original, amendment)])
    store.link_amendments()
    assert _rows_current(store) == {"0000000001-23-000001": False, "0000000001-23-000009": True}
    flt = reports.TradeFilter(insider_cik="41", limit=None, sort="value")
    keys = [r["filing_key"] for r in reports.trades(store, flt).rows]
    assert keys == ["0000000001-23-000009"] == [r["filing_key"] for r in _direct(store, flt)]
    as_filed = dataclasses.replace(flt, current=False)
    assert len(reports.trades(store, as_filed).rows) == 2
    # Reparsed, the amendment turns out to be an original filing: the first is current again.
    reparsed = _with_purchase(_filing("0000000001-23-000009", F4, date(2023, 12, 20), owners=owners), 5)
    store.write_batch([(filing_rows(reparsed), b"x")], replace=True)
    store.link_amendments()
    assert store.holdings_fresh()
    assert _rows_current(store) == {"0000000001-23-000001": True, "0000000001-23-000009": True}
    got = [r["filing_key"] for r in reports.trades(store, flt).rows]
    assert (
        got
        == ["0000000001-23-000009", "0000000001-23-000001"]
        == [r["filing_key"] for r in _direct(store, flt)]
    )


def test_the_insider_page_from_insider_trades_answers_as_reading_every_row(
    synth_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The insider page's issuers, roles and holdings over time, read through the owner's filings and
    insider_trades, are those of the queries over every row (which run while the store is stale)."""
    from section16.web import data

    store = synth_store
    ciks = [
        str(r[0])
        for r in store.query(
            "SELECT LTRIM(o.rpt_owner_cik, '0') FROM owners o JOIN filings f ON f.filing_key = o.filing_key "
            "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 3"
        )
    ]
    ciks += [
        str(r[0])
        for r in store.query(
            "SELECT LTRIM(o.rpt_owner_cik, '0') FROM owners o JOIN filings f ON f.filing_key = o.filing_key "
            "WHERE NOT f.is_current OR f.owner_count > 1 ORDER BY o.filing_key LIMIT 3"
        )
    ]
    assert store.holdings_fresh()
    fresh = {cik: data.insider_profile(store, cik) for cik in ciks}
    monkeypatch.setattr(type(store), "holdings_fresh", lambda self: False)
    for cik in ciks:
        full = data.insider_profile(store, cik)
        got = fresh[cik]
        assert got["issuers"] == full["issuers"], cik
        assert got["trades"] == full["trades"], cik
        # Rows of one filing, date and row number in Table I's transactions and holdings come in no
        # set order in the query over every row; the dates of each series do.
        assert [(s["label"], [p["date"] for p in s["points"]]) for s in got["holdings_over_time"]] == [
            (s["label"], [p["date"] for p in s["points"]]) for s in full["holdings_over_time"]
        ], cik
        assert got["holdings_over_time"], cik


def _rows_current(store: Store) -> dict[str, bool]:
    """Per filing, its transaction rows' is_current, checked to be the filing's own."""
    rows = store.query(
        "SELECT t.filing_key, t.is_current, f.is_current FROM non_derivative_transactions t "
        "JOIN filings f ON f.filing_key = t.filing_key"
    )
    assert all(r[1] == r[2] for r in rows), rows
    return {str(r[0]): bool(r[1]) for r in rows}


def test_a_store_of_schema_7_marks_the_rows_of_superseded_filings_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "v7rows.duckdb"
    original = _with_purchase(_filing("0000000001-23-000001", F4, date(2023, 12, 12)), 3)
    amendment = _with_purchase(
        _filing("0000000001-23-000009", F4A, date(2023, 12, 20), original=date(2023, 12, 12)), 5
    )
    with open_store(path) as store:
        store.write_batch([(filing_rows(f), b"x") for f in (original, amendment)])
        store.link_amendments()
        store.query("UPDATE non_derivative_transactions SET is_current = NULL")
        store.query("UPDATE section16_meta SET value = '7' WHERE key = 'schema_version'")
    with open_store(path) as store:
        assert dict(store.query("SELECT filing_key, is_current FROM non_derivative_transactions")) == {
            "0000000001-23-000001": False,
            "0000000001-23-000009": None,  # stored before version 8: current unless marked
        }
        got = reports.trades(store, reports.TradeFilter(limit=5))
        assert [r["filing_key"] for r in got.rows] == ["0000000001-23-000009"]
