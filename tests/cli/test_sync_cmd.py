"""``section16 sync`` and ``section16 watch`` against the fake EDGAR: output, one-line errors, exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from section16.cli import main
from section16.store import open_store
from tests.edgar.conftest import USER_AGENT, corpus_filings, fake_edgar  # noqa: F401


def test_sync_a_ticker_then_again_resumes(fake_edgar, tmp_path):  # noqa: F811
    env = {"SECTION16_USER_AGENT": USER_AGENT, "SECTION16_EDGAR_URL": fake_edgar.base_url}
    args = ["sync", "--cik", "1820302", "--db", str(tmp_path / "db.duckdb"), "--cache", str(tmp_path / "c")]
    result = CliRunner().invoke(main, args, env=env)
    n = len(fake_edgar.for_cik("1820302"))
    assert result.exit_code == 0, result.output
    assert f"{n} filing(s) listed; {n} stored; 0 already stored; {n} fetched" in result.output
    again = CliRunner().invoke(main, args, env=env)
    assert f"0 stored; {n} already stored; 0 fetched" in again.output
    with open_store(tmp_path / "db.duckdb") as store:
        assert store.count("filings") == n


def test_sync_without_a_user_agent_is_one_line_and_exit_1(tmp_path, monkeypatch):
    monkeypatch.delenv("SECTION16_USER_AGENT", raising=False)
    result = CliRunner().invoke(main, ["sync", "--ticker", "AAPL", "--db", str(tmp_path / "db.duckdb")])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "SECTION16_USER_AGENT" in result.output
    assert "Traceback" not in result.output


def test_sync_an_unknown_ticker_names_it(fake_edgar, tmp_path):  # noqa: F811
    args = ["sync", "--ticker", "NOPE", "--db", str(tmp_path / "db.duckdb"), "--cache", str(tmp_path / "c")]
    args += ["--user-agent", USER_AGENT, "--edgar-url", fake_edgar.base_url]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "'NOPE'" in result.output and "company_tickers.json" in result.output


def test_watch_once_runs_the_exec_action(fake_edgar, tmp_path):  # noqa: F811
    filings = fake_edgar.for_cik("320193")[:2]
    fake_edgar.latest = [f.accession for f in filings]
    out = tmp_path / "got.json"
    args = ["watch", "--once", "--db", str(tmp_path / "db.duckdb"), "--cache", str(tmp_path / "c")]
    args += [
        "--user-agent",
        USER_AGENT,
        "--edgar-url",
        fake_edgar.base_url,
        "--exec",
        f"cat >> '{out}'; echo >> '{out}'",
    ]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "2 new filing(s) stored; 2 matched the screen" in result.output
    got = {json.loads(line)["accession_number"] for line in out.read_text().splitlines()}
    assert got == {f.accession for f in filings}
