"""watch's actions and paging against the fake EDGAR: a real webhook receiver on 127.0.0.1 (a thread)
gets one POST per matching filing with the filing's JSON; a failing webhook (500, refused) is retried,
then reported, and the watch goes on; --exec runs real shell commands; the Atom feed is paged past its
first ``count`` entries until it reaches filings already stored."""

from __future__ import annotations

import json
import socket
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from click.testing import CliRunner

from section16.cli import main
from section16.edgar import latest_filings
from section16.parse import read_filing
from section16.services.watch import exec_action, watch, watch_once, webhook_action
from section16.store import open_store
from section16.write.records import filing_to_dict
from tests.edgar.conftest import USER_AGENT

APPLE = "320193"
ABBOTT = "1800"


@dataclass
class Receiver:
    """A webhook receiver: records every POST; answers the queued statuses first, then 200."""

    url: str = ""
    posts: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    answers: deque[int] = field(default_factory=deque)
    lock: threading.Lock = field(default_factory=threading.Lock)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            return

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with state.lock:
                state.posts.append(json.loads(body))
                state.headers.append({k.lower(): v for k, v in self.headers.items()})
                status = state.answers.popleft() if state.answers else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield state
    server.shutdown()
    server.server_close()


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"  # nothing listens there now: connection refused


def _hook(url: str, waits: list[float] | None = None, retries: int = 2):
    return webhook_action(
        url,
        user_agent=USER_AGENT,
        retries=retries,
        backoff=0.5,
        timeout=5.0,
        sleep=(waits if waits is not None else []).append,
    )


def test_the_webhook_gets_one_post_per_new_filing_with_its_json(fake_edgar, client, receiver, tmp_path):
    filings = fake_edgar.for_cik(APPLE)[:3]
    fake_edgar.latest = [f.accession for f in filings]
    with open_store(tmp_path / "db.duckdb") as store:
        result = watch_once(client, store, actions=[_hook(receiver.url)])
    assert result.action_errors == [] and sorted(result.matched) == sorted(f.accession for f in filings)
    assert sorted(p["accession_number"] for p in receiver.posts) == sorted(f.accession for f in filings)
    assert all(
        h["content-type"] == "application/json" and h["user-agent"] == USER_AGENT for h in receiver.headers
    )
    for corpus in filings:
        (posted,) = [p for p in receiver.posts if p["accession_number"] == corpus.accession]
        expected = filing_to_dict(
            read_filing(corpus.data, name=client.url(corpus.text_path(corpus.issuer_cik)))
        )
        assert posted["document"] == json.loads(json.dumps(expected["document"], default=str))
        assert posted["header"]["accession_number"] == corpus.accession
        assert posted["document"]["issuer"]["issuer_cik"].lstrip("0") == APPLE
        assert posted["source"]["sha256"] == expected["source"]["sha256"]


def test_a_webhook_answering_500_is_retried_and_delivered(fake_edgar, client, receiver, tmp_path):
    filings = fake_edgar.for_cik(APPLE)[:2]
    fake_edgar.latest = [f.accession for f in filings]
    receiver.answers.extend([500, 503])
    waits: list[float] = []
    with open_store(tmp_path / "db.duckdb") as store:
        result = watch_once(client, store, actions=[_hook(receiver.url, waits)])
    assert result.action_errors == []
    assert len(receiver.posts) == 4  # the first filing took three attempts
    assert {p["accession_number"] for p in receiver.posts} == {f.accession for f in filings}
    assert waits == [0.5, 1.0]


def test_a_webhook_that_keeps_failing_is_reported_and_the_watch_goes_on(
    fake_edgar, client, receiver, tmp_path
):
    first, second = fake_edgar.for_cik(APPLE)[:2], fake_edgar.for_cik(ABBOTT)[:2]
    fake_edgar.latest = [f.accession for f in first]
    receiver.answers.extend([500] * 6)  # both filings of the first round: 3 attempts each
    rounds = []

    def next_round(seconds: float) -> None:
        if len(rounds) == 2:
            raise KeyboardInterrupt
        fake_edgar.latest = [f.accession for f in second]

    with open_store(tmp_path / "db.duckdb") as store, pytest.raises(KeyboardInterrupt):
        watch(
            client, store, interval=0, actions=[_hook(receiver.url)], on_round=rounds.append, sleep=next_round
        )
    one, two = rounds
    assert one.sync.added == 2 and len(one.action_errors) == 2
    assert all("HTTP 500 (after 3 attempts)" in e and receiver.url in e for e in one.action_errors)
    assert {e.split(":")[0] for e in one.action_errors} == {f.accession for f in first}
    assert two.sync.added == 2 and two.action_errors == []
    delivered = [p["accession_number"] for p in receiver.posts[6:]]
    assert sorted(delivered) == sorted(f.accession for f in second)


def test_a_refused_webhook_is_reported_per_filing(fake_edgar, client, tmp_path):
    filings = fake_edgar.for_cik(APPLE)[:2]
    fake_edgar.latest = [f.accession for f in filings]
    url = _closed_port_url()
    waits: list[float] = []
    with open_store(tmp_path / "db.duckdb") as store:
        result = watch_once(client, store, actions=[_hook(url, waits, retries=1)])
        assert store.existing_keys([f.accession for f in filings]) == {f.accession for f in filings}
    assert len(result.action_errors) == 2 and waits == [0.5, 0.5]
    assert all(url in e and "ConnectError" in e and "after 2 attempts" in e for e in result.action_errors)


def test_a_client_error_from_the_webhook_is_not_retried(fake_edgar, client, receiver, tmp_path):
    fake_edgar.latest = [fake_edgar.for_cik(APPLE)[0].accession]
    receiver.answers.append(404)
    with open_store(tmp_path / "db.duckdb") as store:
        result = watch_once(client, store, actions=[_hook(receiver.url)])
    assert len(receiver.posts) == 1 and "HTTP 404 (after 1 attempt)" in result.action_errors[0]


def test_exec_runs_a_real_shell_command_and_a_failing_one_does_not_stop_the_others(
    fake_edgar, client, receiver, tmp_path
):
    filings = fake_edgar.for_cik(APPLE)[:2]
    fake_edgar.latest = [f.accession for f in filings]
    out = tmp_path / "seen.txt"
    script = "import json,sys; d=json.load(sys.stdin); "
    script += "print(d['accession_number'], d['document']['document_type'])"
    actions = [
        exec_action(f"python3 -c \"{script}\" >> '{out}'"),
        exec_action("echo 'no space left' >&2; exit 3"),
        _hook(receiver.url),
    ]
    with open_store(tmp_path / "db.duckdb") as store:
        result = watch_once(client, store, actions=actions)
    lines = sorted(out.read_text().splitlines())
    assert lines == sorted(f"{f.accession} {f.form.removesuffix('/A')}" for f in filings)
    assert len(result.action_errors) == 2
    assert all("exited with 3: no space left" in e for e in result.action_errors)
    assert len(receiver.posts) == 2  # the webhook after the failing command still ran


def test_the_feed_is_paged_until_it_reaches_stored_filings(fake_edgar, client, tmp_path):
    older = fake_edgar.for_cik(ABBOTT)[10:22]
    newer = fake_edgar.for_cik(ABBOTT)[:10]
    fake_edgar.latest = [f.accession for f in older]
    with open_store(tmp_path / "db.duckdb") as store:
        first = watch_once(client, store, forms=("4",), count=5)
        forms4 = [f for f in older if f.form.removesuffix("/A") == "4"]
        assert first.sync.added == len(forms4) > 5  # more than one page of entries
        fake_edgar.log.clear()
        fake_edgar.latest = [f.accession for f in newer + older]
        second = watch_once(client, store, forms=("4",), count=5, after=first.newest)
        new4 = [f for f in newer if f.form.removesuffix("/A") == "4"]
        assert second.sync.added == len(new4) > 0
        pages = fake_edgar.requests_to("/cgi-bin/browse-edgar")
        entries = sum(len(f.ciks) for f in new4)  # one entry per party
        assert len(pages) == entries // 5 + 1  # stopped at the page that reaches the stored filings
        assert all(f"start={5 * i}&" in p.path for i, p in enumerate(pages))


def test_without_a_stopping_point_the_feed_is_one_page(fake_edgar, client):
    fake_edgar.latest = [f.accession for f in fake_edgar.for_cik(ABBOTT)[:12]]
    refs = latest_filings(client, forms=("4",), count=5)
    assert len(fake_edgar.requests_to("/cgi-bin/browse-edgar")) == 1 and 0 < len(refs) <= 5
    paged = latest_filings(client, forms=("4",), count=5, known=lambda accessions: set(), max_pages=2)
    assert len(fake_edgar.requests_to("/cgi-bin/browse-edgar")) == 3 and len(paged) >= len(refs)


def test_watch_cli_posts_to_the_webhook(fake_edgar, receiver, tmp_path):
    filings = fake_edgar.for_cik(APPLE)[:2]
    fake_edgar.latest = [f.accession for f in filings]
    args = ["watch", "--once", "--db", str(tmp_path / "db.duckdb"), "--cache", str(tmp_path / "c")]
    args += ["--user-agent", USER_AGENT, "--edgar-url", fake_edgar.base_url, "--webhook", receiver.url]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "2 new filing(s) stored; 2 matched the screen; 0 action(s) failed" in result.output
    assert sorted(p["accession_number"] for p in receiver.posts) == sorted(f.accession for f in filings)
    refused = CliRunner().invoke(main, [*args[:-1], _closed_port_url()])
    assert refused.exit_code == 0  # nothing new: no action to fail
