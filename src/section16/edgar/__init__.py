"""EDGAR access: find and fetch ownership filings politely and resumably.

A layer beside ``section16.store``: it imports model, parse and errors only, and returns bytes and
:class:`FilingRef` listings; the services combine it with the store (``section16.services.sync``).

- :class:`EdgarClient`: the HTTP client (User-Agent, 10 requests/s across threads, retries honouring
  Retry-After, timeouts, a content-addressed cache, one base URL, a swappable transport);
- discovery: :func:`cik_for_ticker`, :func:`company_filings`, :func:`index_filings`,
  :func:`latest_filings`, :func:`feed_filings`;
- the pure readers of EDGAR's listings: :func:`parse_index`, :func:`parse_submissions`,
  :func:`parse_tickers`, :func:`parse_atom`.
"""

from __future__ import annotations

from section16.edgar._atom import parse_atom
from section16.edgar._indexes import IndexEntry, parse_index
from section16.edgar._json import Submissions, parse_submissions, parse_submissions_page, parse_tickers
from section16.edgar._refs import OWNERSHIP_FORMS, FilingRef, dedupe, forms_matching, normalize_accession
from section16.edgar._urls import DEFAULT_BASE_URL
from section16.edgar.cache import Cache, default_cache_dir
from section16.edgar.client import EdgarClient, Fetched, resolve_base_url, resolve_user_agent
from section16.edgar.discovery import (
    INDEX_VARIANTS,
    cik_for_ticker,
    company_filings,
    feed_filings,
    index_filings,
    latest_filings,
    submissions,
)
from section16.edgar.ratelimit import RateLimiter

__all__ = [
    "DEFAULT_BASE_URL",
    "INDEX_VARIANTS",
    "OWNERSHIP_FORMS",
    "Cache",
    "EdgarClient",
    "Fetched",
    "FilingRef",
    "IndexEntry",
    "RateLimiter",
    "Submissions",
    "cik_for_ticker",
    "company_filings",
    "dedupe",
    "default_cache_dir",
    "feed_filings",
    "forms_matching",
    "index_filings",
    "latest_filings",
    "normalize_accession",
    "parse_atom",
    "parse_index",
    "parse_submissions",
    "parse_submissions_page",
    "parse_tickers",
    "resolve_base_url",
    "resolve_user_agent",
    "submissions",
]
