"""The EDGAR client: User-Agent required, rate limit across threads, retries honouring Retry-After,
the content-addressed cache and conditional requests (httpx mock transports and the fake EDGAR)."""

from __future__ import annotations

import threading
import time

import httpx
import pytest

from section16.edgar import Cache, EdgarClient, RateLimiter
from section16.errors import ConfigError, FetchError, NotFound
from tests.edgar.conftest import USER_AGENT

FILING = "/Archives/edgar/data/2488/000000248823000088/0000002488-23-000088.txt"


def _client(handler, tmp_path, **kw):
    sleeps: list[float] = []
    client = EdgarClient(
        user_agent=USER_AGENT,
        base_url="http://edgar.test",
        cache=tmp_path / "cache",
        transport=httpx.MockTransport(handler),
        sleep=sleeps.append,
        **kw,
    )
    return client, sleeps


def test_user_agent_is_required(monkeypatch):
    monkeypatch.delenv("SECTION16_USER_AGENT", raising=False)
    with pytest.raises(ConfigError, match="SECTION16_USER_AGENT"):
        EdgarClient()
    with pytest.raises(ConfigError, match="e-mail"):
        EdgarClient(user_agent="just a name")
    monkeypatch.setenv("SECTION16_USER_AGENT", USER_AGENT)
    with EdgarClient() as client:
        assert client.user_agent == USER_AGENT and client.base_url == "https://www.sec.gov"
    with pytest.raises(ConfigError, match="http"):
        EdgarClient(base_url="ftp://sec.gov")


def test_every_request_declares_the_user_agent(tmp_path):
    seen: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers.get("user-agent"))
        return httpx.Response(200, content=b"x")

    client, _ = _client(handler, tmp_path)
    client.get_bytes("/files/company_tickers.json")
    assert seen == [USER_AGENT]


def test_retry_after_is_honoured_on_429_503_and_the_threshold_page(tmp_path):
    answers = [
        httpx.Response(429, headers={"Retry-After": "7"}),
        httpx.Response(503, headers={"Retry-After": "3"}),
        httpx.Response(403, content=b"<title>SEC.gov | Request Rate Threshold Exceeded</title>"),
        httpx.Response(200, content=b"filing"),
    ]

    def handler(request: httpx.Request) -> httpx.Response:
        return answers.pop(0)

    client, sleeps = _client(handler, tmp_path, blocked_wait=600.0)
    assert client.get_bytes(FILING) == b"filing"
    # Retry-After seconds; the threshold page without one waits the ~10 minutes EDGAR blocks for.
    assert sleeps == [7.0, 3.0, 600.0]
    assert client.requests == 4 and client.retried == 3


def test_back_off_grows_and_gives_up_with_the_url(tmp_path):
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client, sleeps = _client(handler, tmp_path, retries=3, backoff=0.5)
    with pytest.raises(FetchError) as info:
        client.get(FILING)
    assert sleeps == [0.5, 1.0, 2.0]
    assert "http://edgar.test" + FILING in str(info.value) and "4 attempts" in str(info.value)


def test_404_is_not_found_and_a_plain_403_names_the_user_agent(tmp_path):
    statuses = [404, 403]

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(statuses.pop(0), content=b"Undeclared Automated Tool")

    client, sleeps = _client(handler, tmp_path)
    with pytest.raises(NotFound, match="404"):
        client.get(FILING)
    with pytest.raises(FetchError, match="User-Agent"):
        client.get(FILING)
    assert sleeps == []


def test_an_immutable_filing_is_fetched_once_and_mutable_listings_are_revalidated(tmp_path):
    calls: list[tuple[str, str | None]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append((request.url.path, request.headers.get("if-none-match")))
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, content=b"body of " + request.url.path.encode(), headers={"ETag": '"v1"'})

    client, _ = _client(handler, tmp_path)
    first = client.get(FILING)
    second = client.get(FILING)
    assert not first.from_cache and second.from_cache and first.data == second.data
    index = "/Archives/edgar/full-index/2023/QTR3/form.idx"
    assert client.get_bytes(index) == client.get_bytes(index)
    assert calls == [(FILING, None), (index, None), (index, '"v1"')]
    # A second client on the same cache folder does not fetch the filing either (resume).
    again, _ = _client(handler, tmp_path)
    assert again.get(FILING).from_cache
    assert len(calls) == 3


def test_cache_is_content_addressed(tmp_path):
    cache = Cache(tmp_path)
    a = cache.put("http://x/a", b"same")
    b = cache.put("http://x/b", b"same")
    assert a.sha256 == b.sha256
    assert len(list((tmp_path / "objects").rglob("*"))) == 2  # one folder, one object
    assert cache.get("http://x/a") == b"same" and cache.get("http://x/c") is None
    (tmp_path / "objects" / a.sha256[:2] / a.sha256).write_bytes(b"tampered")
    assert cache.get("http://x/a") is None


def test_rate_limiter_never_lets_more_than_rate_start_in_a_second():
    now = [0.0]
    starts: list[float] = []

    def sleep(seconds: float) -> None:
        now[0] += seconds

    limiter = RateLimiter(10, clock=lambda: now[0], sleep=sleep, margin=0.0)
    for _ in range(35):
        limiter.acquire()
        starts.append(now[0])
    for i in range(len(starts) - 10):
        assert starts[i + 10] - starts[i] >= 1.0
    assert starts[9] == 0.0  # the first ten go at once


def test_rate_limiter_is_shared_across_threads():
    limiter = RateLimiter(10)
    starts: list[float] = []
    lock = threading.Lock()

    def work() -> None:
        for _ in range(4):
            limiter.acquire()
            with lock:
                starts.append(time.monotonic())

    threads = [threading.Thread(target=work) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    starts.sort()
    assert len(starts) == 24
    for i in range(len(starts) - 10):
        assert starts[i + 10] - starts[i] >= 1.0


def test_the_fake_edgar_refuses_an_undeclared_client(fake_edgar):
    response = httpx.get(fake_edgar.base_url + "/files/company_tickers.json", headers={"User-Agent": ""})
    assert response.status_code == 403
    with EdgarClient(user_agent=USER_AGENT, base_url=fake_edgar.base_url) as client:
        assert b"cik_str" in client.get_bytes("/files/company_tickers.json")
