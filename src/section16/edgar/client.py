"""The HTTP client of EDGAR: polite (a declared User-Agent, at most 10 requests per second across
threads), patient (retries with back-off, honouring ``Retry-After``), and thrifty (a local
content-addressed cache; an immutable filing is never fetched twice).

SEC fair access (spec.md section 6): every request declares who is asking in ``User-Agent`` (a name and
an e-mail); at most 10 requests per second; back off on 429, 503 and on a 403 "Request Rate Threshold
Exceeded" page (an over-eager client is blocked for about 10 minutes). An undeclared client gets 403.

The client takes an ``httpx`` transport, so tests can swap the network for a local server or a mock.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Self

import httpx

from section16.edgar._urls import DEFAULT_BASE_URL, absolute_url, is_immutable
from section16.edgar.cache import Cache
from section16.edgar.ratelimit import DEFAULT_RATE, RateLimiter
from section16.errors import ConfigError, FetchError, NotFound

__all__ = [
    "BASE_URL_ENV",
    "USER_AGENT_ENV",
    "EdgarClient",
    "Fetched",
    "resolve_base_url",
    "resolve_user_agent",
]

USER_AGENT_ENV = "SECTION16_USER_AGENT"
BASE_URL_ENV = "SECTION16_EDGAR_URL"

# The page EDGAR serves (with status 403) to a client over the limit; corpus/odd/ holds one.
_THRESHOLD_PAGE = b"Request Rate Threshold Exceeded"
_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def resolve_user_agent(value: str | None = None) -> str:
    """The User-Agent to send: ``value``, else ``$SECTION16_USER_AGENT``. EDGAR wants a name and an
    e-mail (``"Jane Doe jane@example.com"``); a missing one is a :class:`ConfigError`."""
    agent = (value if value is not None else os.environ.get(USER_AGENT_ENV, "")).strip()
    if not agent:
        raise ConfigError(
            "EDGAR needs a User-Agent naming you and an e-mail: pass --user-agent "
            f"'Your Name you@example.com' or set {USER_AGENT_ENV}"
        )
    if "@" not in agent:
        raise ConfigError(
            f"User-Agent {agent!r} has no e-mail address: EDGAR's fair-access policy asks for a name and "
            f"an e-mail ('Your Name you@example.com'), via --user-agent or {USER_AGENT_ENV}"
        )
    return agent


def resolve_base_url(value: str | None = None) -> str:
    """The EDGAR base URL: ``value``, else ``$SECTION16_EDGAR_URL``, else https://www.sec.gov."""
    url = (value if value is not None else os.environ.get(BASE_URL_ENV, "")).strip() or DEFAULT_BASE_URL
    if not url.startswith(("http://", "https://")):
        raise ConfigError(f"EDGAR URL {url!r}: expected http:// or https:// (--edgar-url or {BASE_URL_ENV})")
    return url.rstrip("/")


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """A fetched document: its URL, bytes, and whether it came from the local cache."""

    url: str
    data: bytes
    from_cache: bool


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds from a ``Retry-After`` header (seconds or an HTTP date), None when absent or odd."""
    value = response.headers.get("retry-after")
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


class EdgarClient:
    """Fetch documents from EDGAR by path (``/Archives/edgar/data/...``), under one base URL.

    ``transport``: an ``httpx.BaseTransport`` (tests); ``cache``: a :class:`Cache` or a folder (None:
    no cache); ``rate``: requests per second shared by every thread; ``retries``: further attempts
    after a 429/5xx answer, a rate-threshold page, a timeout, a reset connection or a truncated body,
    each after ``Retry-After`` or an exponential back-off from ``backoff`` seconds, never over
    ``max_wait``. Thread-safe: one client serves a pool of threads.
    """

    def __init__(
        self,
        *,
        user_agent: str | None = None,
        base_url: str | None = None,
        cache: Cache | str | os.PathLike[str] | None = None,
        transport: httpx.BaseTransport | None = None,
        rate: int = DEFAULT_RATE,
        retries: int = 5,
        timeout: float = 30.0,
        backoff: float = 1.0,
        max_wait: float = 600.0,
        blocked_wait: float = 600.0,
        sleep: Callable[[float], None] = time.sleep,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.user_agent = resolve_user_agent(user_agent)
        self.base_url = resolve_base_url(base_url)
        self.cache = Cache(cache) if isinstance(cache, str | os.PathLike) else cache
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.blocked_wait = blocked_wait
        self._sleep = sleep
        self.limiter = limiter or RateLimiter(rate, sleep=sleep)
        self._http = httpx.Client(
            transport=transport,
            timeout=httpx.Timeout(timeout),
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
            follow_redirects=True,
        )
        self._lock = threading.Lock()
        self.requests = 0  # HTTP requests sent (attempts, retries included)
        self.cache_hits = 0  # documents served from the cache without a request
        self.retried = 0  # attempts that failed and were retried

    # -- context manager -------------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection pool."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- fetching --------------------------------------------------------------------------------
    def url(self, path: str) -> str:
        """The absolute URL of ``path``."""
        return absolute_url(self.base_url, path)

    def get(self, path: str, *, immutable: bool | None = None) -> Fetched:
        """The document at ``path``: from the cache when immutable and cached, else fetched (a mutable
        cached one with a conditional request). Raises :class:`NotFound` on 404/410 and
        :class:`FetchError` when EDGAR cannot be reached or keeps refusing."""
        url = self.url(path)
        fixed = is_immutable(path) if immutable is None else immutable
        entry = self.cache.entry(url) if self.cache is not None else None
        if entry is not None and self.cache is not None and fixed:
            data = self.cache.read(entry)
            if data is not None:
                with self._lock:
                    self.cache_hits += 1
                return Fetched(url=url, data=data, from_cache=True)
            entry = None
        headers: dict[str, str] = {}
        if entry is not None:
            if entry.etag:
                headers["If-None-Match"] = entry.etag
            if entry.last_modified:
                headers["If-Modified-Since"] = entry.last_modified
        response = self._request(url, headers)
        if response.status_code == 304 and entry is not None and self.cache is not None:
            data = self.cache.read(entry)
            if data is not None:
                return Fetched(url=url, data=data, from_cache=True)
            response = self._request(url, {})
        data = response.content
        if self.cache is not None and response.status_code == 200:
            self.cache.put(
                url,
                data,
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
                immutable=fixed,
            )
        return Fetched(url=url, data=data, from_cache=False)

    def get_bytes(self, path: str, *, immutable: bool | None = None) -> bytes:
        """The bytes of :meth:`get`."""
        return self.get(path, immutable=immutable).data

    def _wait(self, attempt: int, hinted: float | None) -> float:
        delay = hinted if hinted is not None else self.backoff * (2**attempt)
        return min(max(delay, 0.0), self.max_wait)

    def _request(self, url: str, headers: dict[str, str]) -> httpx.Response:
        last = "no answer"
        for attempt in range(self.retries + 1):
            self.limiter.acquire()
            with self._lock:
                self.requests += 1
            hinted: float | None = None
            try:
                response = self._http.get(url, headers=headers)
            except httpx.TimeoutException as exc:
                last = f"timed out ({type(exc).__name__})"
            except httpx.TransportError as exc:  # refused, reset, truncated body (RemoteProtocolError)
                last = f"{type(exc).__name__}: {exc}"
            else:
                status = response.status_code
                if status in (200, 304):
                    return response
                if status in (404, 410):
                    raise NotFound(f"{url}: not on EDGAR (HTTP {status}); check the CIK, accession or date")
                threshold = status == 403 and _THRESHOLD_PAGE in response.content
                if status == 403 and not threshold:
                    raise FetchError(
                        f"{url}: HTTP 403 Forbidden; EDGAR refuses undeclared clients: set a User-Agent "
                        f"with your name and e-mail (--user-agent or {USER_AGENT_ENV})"
                    )
                if status not in _RETRY_STATUSES and not threshold:
                    raise FetchError(f"{url}: HTTP {status} {response.reason_phrase}")
                last = "rate threshold exceeded (HTTP 403)" if threshold else f"HTTP {status}"
                hinted = _retry_after(response)
                if hinted is None and threshold:
                    hinted = self.blocked_wait  # EDGAR blocks an over-eager client for about 10 minutes
            if attempt == self.retries:
                break
            with self._lock:
                self.retried += 1
            self._sleep(self._wait(attempt, hinted))
        raise FetchError(
            f"{url}: gave up after {self.retries + 1} attempts, last: {last}; try again later "
            "(a sync resumes where it stopped)"
        )
