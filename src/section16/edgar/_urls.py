"""EDGAR's URL layout (spec.md section 6), as paths under one base URL.

EDGAR answers on two hosts, ``www.sec.gov`` (Archives, cgi-bin, files) and ``data.sec.gov``
(submissions JSON). section16 keeps one base URL (``--edgar-url``, default https://www.sec.gov) under
which both hosts' paths live; :func:`absolute_url` sends ``/submissions/...`` to ``data.sec.gov`` when
the base is the real www.sec.gov, and keeps every path on the base otherwise (a mirror, a test server).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

__all__ = [
    "DEFAULT_BASE_URL",
    "absolute_url",
    "current_feed_path",
    "daily_index_path",
    "feed_path",
    "full_index_path",
    "is_immutable",
    "quarter",
    "submissions_page_path",
    "submissions_path",
    "tickers_path",
]

DEFAULT_BASE_URL = "https://www.sec.gov"
_SEC_WWW = ("https://www.sec.gov", "http://www.sec.gov")
_SEC_DATA = "https://data.sec.gov"

INDEX_KINDS = ("form", "master", "company")


def quarter(day: date) -> int:
    """The calendar quarter (1-4) of ``day``: EDGAR's index folders are ``{YYYY}/QTR{N}``."""
    return (day.month - 1) // 3 + 1


def _kind(kind: str) -> str:
    if kind not in INDEX_KINDS:
        raise ValueError(f"index kind {kind!r}: expected one of {', '.join(INDEX_KINDS)}")
    return kind


def full_index_path(year: int, qtr: int, kind: str = "form", *, gz: bool = False) -> str:
    """A quarterly index: ``/Archives/edgar/full-index/{YYYY}/QTR{N}/form.idx`` (``.idx.gz`` with
    ``gz``; ``kind`` form, master or company)."""
    if not 1 <= qtr <= 4:
        raise ValueError(f"quarter {qtr}: expected 1 to 4")
    suffix = ".idx.gz" if gz else ".idx"
    return f"/Archives/edgar/full-index/{year}/QTR{qtr}/{_kind(kind)}{suffix}"


def daily_index_path(day: date, kind: str = "form", *, gz: bool = False) -> str:
    """A daily index: ``/Archives/edgar/daily-index/{YYYY}/QTR{N}/form.{YYYYMMDD}.idx`` (``.idx.gz``
    with ``gz``)."""
    suffix = ".idx.gz" if gz else ".idx"
    return f"/Archives/edgar/daily-index/{day.year}/QTR{quarter(day)}/{_kind(kind)}.{day:%Y%m%d}{suffix}"


def feed_path(day: date) -> str:
    """A whole day of filings in dissemination form:
    ``/Archives/edgar/Feed/{YYYY}/QTR{N}/{YYYYMMDD}.nc.tar.gz``."""
    return f"/Archives/edgar/Feed/{day.year}/QTR{quarter(day)}/{day:%Y%m%d}.nc.tar.gz"


def submissions_path(cik: str | int) -> str:
    """A company's or person's filings as JSON: ``/submissions/CIK##########.json`` (10 digits)."""
    return f"/submissions/CIK{int(cik):010d}.json"


def submissions_page_path(name: str) -> str:
    """An older page of a submissions JSON (a name from ``filings.files``): ``/submissions/{name}``."""
    if "/" in name or not name.endswith(".json"):
        raise ValueError(f"submissions page name {name!r}: expected a bare file name ending in .json")
    return f"/submissions/{name}"


def tickers_path() -> str:
    """Ticker to CIK: ``/files/company_tickers.json``."""
    return "/files/company_tickers.json"


def current_feed_path(form: str = "4", count: int = 100, start: int = 0) -> str:
    """The latest filings of one form as Atom: ``/cgi-bin/browse-edgar?action=getcurrent&type=4&...``;
    ``start`` skips that many entries (the next page begins at ``start + count``)."""
    query = urlencode(
        {
            "action": "getcurrent",
            "type": form,
            "company": "",
            "dateb": "",
            "owner": "include",
            "start": start,
            "count": count,
            "output": "atom",
        }
    )
    return f"/cgi-bin/browse-edgar?{query}"


def absolute_url(base_url: str, path: str) -> str:
    """``path`` under ``base_url``; on the real EDGAR, submissions JSON lives on data.sec.gov."""
    base = base_url.rstrip("/")
    if base in _SEC_WWW and path.startswith("/submissions/"):
        base = _SEC_DATA
    return f"{base}{path}"


def is_immutable(path: str) -> bool:
    """True for what EDGAR never changes once published: a filing's documents under
    ``/Archives/edgar/data/`` and the daily Feed archives. Those are fetched at most once; everything
    else (indexes, submissions JSON, tickers, Atom) is revalidated with a conditional request."""
    return path.startswith(("/Archives/edgar/data/", "/Archives/edgar/Feed/"))
