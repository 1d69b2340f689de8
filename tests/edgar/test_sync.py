"""sync and watch against the fake EDGAR on loopback: every filing arrives exactly once, never more
than 10 requests in any second, faults survived, an interrupted sync resumes without refetching."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest

from section16.edgar import EdgarClient, company_filings, index_filings, latest_filings
from section16.errors import ConfigError
from section16.services.sync import Selection, sync, sync_feed, sync_refs
from section16.services.watch import exec_action, load_screen, watch_once
from section16.store import open_store
from tests.edgar.conftest import USER_AGENT
from tests.edgar.fake_edgar import FakeEdgar

ABBOTT = "1800"  # 78 filings in the corpus: the submissions JSON has an older page


def _stored(store) -> set[str]:
    return {row[0] for row in store.query("SELECT filing_key FROM filings")}


def _fetches(fake: FakeEdgar) -> Counter[str]:
    return Counter(e.path for e in fake.log if e.path.endswith(".txt") and e.status == 200)


def test_sync_a_company_stores_every_filing_once_within_the_rate_limit(fake_edgar, client, tmp_path):
    expected = {f.accession for f in fake_edgar.for_cik(ABBOTT)}
    with open_store(tmp_path / "db.duckdb") as store:
        report = sync(client, store, Selection(cik=ABBOTT))
        assert report.errors == []
        assert report.listed == report.added == len(expected) == 78
        assert _stored(store) == expected
    fetched = _fetches(fake_edgar)
    assert len(fetched) == 78 and set(fetched.values()) == {1}
    assert len(fake_edgar.requests_to("-submissions-001.json")) == 1  # the older page was read
    assert fake_edgar.max_per_second() <= 10
    assert 429 not in fake_edgar.statuses()


def test_a_ticker_and_an_insider_list_their_filings(fake_edgar, client):
    apple = {f.accession for f in fake_edgar.for_cik("320193")}
    from section16.services.sync import discover

    assert {r.accession_number for r in discover(client, Selection(ticker="aapl"))} == apple
    owner = "1239127"
    refs = discover(client, Selection(insider=owner))
    assert {r.accession_number for r in refs} == {f.accession for f in fake_edgar.for_cik(owner)}
    assert all(r.cik == owner for r in refs)
    bounded = company_filings(client, ABBOTT, since=date(2020, 3, 1), until=date(2020, 3, 31))
    assert 0 < len(bounded) < 78
    assert all(date(2020, 3, 1) <= r.filed <= date(2020, 3, 31) for r in bounded)


def test_a_date_range_comes_from_daily_and_quarterly_indexes_deduplicated(fake_edgar, client):
    day = date(2020, 3, 3)
    expected = {f.accession for f in fake_edgar.filings if f.filed == day}
    refs = index_filings(client, day, day, today=date(2024, 1, 1))
    assert len(refs) == len({r.accession_number for r in refs})  # listed under issuer and owners, once here
    assert {r.accession_number for r in refs} == expected
    # 2020 Q2 whole: one quarterly index (master.idx.gz, the smallest); the range's weekdays of Q3 (none
    # filed) ask daily indexes.
    q2 = {f.accession for f in fake_edgar.filings if date(2020, 4, 1) <= f.filed <= date(2020, 6, 30)}
    refs = index_filings(client, date(2020, 4, 1), date(2020, 7, 2), today=date(2024, 1, 1))
    assert {r.accession_number for r in refs} == q2
    assert len(fake_edgar.requests_to("/full-index/2020/QTR2/")) == 1
    assert len(fake_edgar.requests_to("/full-index/2020/QTR2/master.idx.gz")) == 1
    assert len(fake_edgar.requests_to("/daily-index/2020/QTR3/")) == 2  # July 1 and 2


def test_faults_are_survived(fake_edgar, tmp_path):
    refs = company_filings_of(fake_edgar, "1820302")
    paths = [r.text_path for r in refs]
    fake_edgar.slow_seconds = 1.5
    fake_edgar.inject(paths[0], "503", "503")
    fake_edgar.inject(paths[1], "reset")
    fake_edgar.inject(paths[2], "truncate", "truncate")
    fake_edgar.inject(paths[3], "slow")
    fake_edgar.inject(paths[4], "threshold")
    fake_edgar.inject("/submissions/", "503")
    with (
        EdgarClient(
            user_agent=USER_AGENT,
            base_url=fake_edgar.base_url,
            cache=tmp_path / "c",
            backoff=0.05,
            timeout=0.5,
        ) as client,
        open_store(tmp_path / "db.duckdb") as store,
    ):
        report = sync(client, store, Selection(cik="1820302"))
        assert report.errors == []
        assert _stored(store) == {r.accession_number for r in refs}
        assert client.retried >= 8
    statuses = Counter(e.status for e in fake_edgar.log)
    assert statuses[503] == 3 and statuses[0] == 1 and statuses[403] == 1
    assert fake_edgar.max_per_second() <= 10


def company_filings_of(fake: FakeEdgar, cik: str):
    with EdgarClient(user_agent=USER_AGENT, base_url=fake.base_url) as plain:
        refs = company_filings(plain, cik)
    fake.log.clear()
    return refs


def test_an_over_eager_client_is_slowed_by_429_and_still_gets_everything(fake_edgar, tmp_path):
    refs = company_filings_of(fake_edgar, "1820302")
    with (
        EdgarClient(
            user_agent=USER_AGENT, base_url=fake_edgar.base_url, cache=tmp_path / "c", rate=40, backoff=0.05
        ) as client,
        open_store(tmp_path / "db.duckdb") as store,
    ):
        report = sync_refs(client, store, refs, workers=8)
        assert report.errors == [] and report.added == len(refs)
    assert 429 in fake_edgar.statuses()


class InterruptError(Exception):
    pass


def test_an_interrupted_sync_resumes_without_refetching(fake_edgar, client, tmp_path):
    db = tmp_path / "db.duckdb"
    calls = []

    def stop_after_two_batches(done: int, total: int) -> None:
        calls.append(done)
        if len(calls) == 3:
            raise InterruptError

    with open_store(db) as store, pytest.raises(InterruptError):
        sync(client, store, Selection(cik=ABBOTT), batch_size=10, progress=stop_after_two_batches)
    with open_store(db) as store:
        assert len(_stored(store)) == 20
    # Fetched but not stored: fetch the next five into the cache only (a run killed between the two).
    refs = company_filings(client, ABBOTT)
    stored_before = {e.path for e in fake_edgar.log if e.path.endswith(".txt")}
    for ref in [r for r in refs if r.text_path not in stored_before][:5]:
        client.get(ref.text_path)
    with open_store(db) as store:
        report = sync(client, store, Selection(cik=ABBOTT))
        assert report.errors == [] and report.already_stored == 20 and report.from_cache == 5
        assert report.fetched == 78 - 25
        assert len(_stored(store)) == 78
        again = sync(client, store, Selection(cik=ABBOTT))
        assert again.added == 0 and again.already_stored == 78 and again.fetched == 0
    assert set(_fetches(fake_edgar).values()) == {1} and len(_fetches(fake_edgar)) == 78


def test_sync_from_the_daily_feed(fake_edgar, client, tmp_path):
    day = date(2020, 3, 3)
    expected = {f.accession for f in fake_edgar.filings if day <= f.filed <= date(2020, 3, 4)}
    with open_store(tmp_path / "db.duckdb") as store:
        report = sync_feed(client, store, day, date(2020, 3, 4))
        assert report.errors == [] and _stored(store) == expected
    assert len(fake_edgar.requests_to("/Archives/edgar/Feed/")) == 2


def test_watch_stores_new_filings_and_runs_the_action_on_those_the_screen_matches(
    fake_edgar, client, tmp_path
):
    apple = fake_edgar.for_cik("320193")[:6]
    fake_edgar.latest = [f.accession for f in apple]
    out = tmp_path / "out.jsonl"
    action_log: list[dict] = []
    with open_store(tmp_path / "db.duckdb") as store:
        first = watch_once(client, store, actions=[action_log.append])
        assert sorted(first.matched) == sorted(f.accession for f in apple)
        assert {p["accession_number"] for p in action_log} == set(first.matched)
        # Nothing new: no action.
        assert watch_once(client, store, actions=[action_log.append]).matched == []
        # A screen: sales (code S) only; the action is a shell command with the filing JSON on stdin.
        nxt = fake_edgar.for_cik(ABBOTT)[:8]
        fake_edgar.latest = [f.accession for f in nxt]
        screen = tmp_path / "screen.json"
        screen.write_text(json.dumps({"codes": ["S"]}))
        second = watch_once(
            client,
            store,
            screen=load_screen(screen),
            actions=[exec_action(f"cat >> '{out}'; echo >> '{out}'")],
        )
        assert second.sync.added == 8 and second.action_errors == []
        keys = ",".join(f"'{f.accession}'" for f in nxt)
        sales = {
            row[0]
            for row in store.query(
                f"SELECT DISTINCT filing_key FROM non_derivative_transactions "
                f"WHERE transaction_code = 'S' AND filing_key IN ({keys})"
            )
        }
        assert sales and len(sales) < 8  # the screen selects some, not all
        assert set(second.matched) == sales
        written = [json.loads(line) for line in out.read_text().splitlines()]
        assert {w["accession_number"] for w in written} == sales


def test_a_screen_with_an_unknown_field_is_a_config_error(tmp_path):
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"colour": "red"}))
    with pytest.raises(ConfigError, match="colour"):
        load_screen(screen)


def test_latest_filings_dedupes_the_parties(fake_edgar, client):
    filings = fake_edgar.for_cik("320193")[:3]
    fake_edgar.latest = [f.accession for f in filings]
    refs = latest_filings(client, forms=("4",))
    assert [r.accession_number for r in refs] == [f.accession for f in filings]
    assert len(fake_edgar.requests_to("/cgi-bin/browse-edgar")) == 1
