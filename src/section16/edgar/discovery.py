"""Finding ownership filings on EDGAR: ticker to CIK, a company's or insider's filings (submissions
JSON and its older pages), every Form 3/4/5 of a date range (daily and quarterly indexes), the latest
filings (Atom) and whole days of filings (the daily Feed archives).

Every listing returns :class:`FilingRef` rows deduplicated by accession number: EDGAR lists an
ownership filing once under the issuer and once under each owner (spec.md section 6).
"""

from __future__ import annotations

import io
import re
import tarfile
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from section16.edgar._atom import parse_atom
from section16.edgar._indexes import index_refs, parse_index
from section16.edgar._json import Submissions, parse_submissions, parse_submissions_page, parse_tickers
from section16.edgar._refs import OWNERSHIP_FORMS, FilingRef, dedupe, forms_matching, normalize_cik
from section16.edgar._urls import (
    current_feed_path,
    daily_index_path,
    feed_path,
    full_index_path,
    quarter,
    submissions_page_path,
    submissions_path,
    tickers_path,
)
from section16.edgar.client import EdgarClient
from section16.errors import NotFound, ParseError

__all__ = [
    "cik_for_ticker",
    "company_filings",
    "feed_filings",
    "index_filings",
    "latest_filings",
    "submissions",
]


def cik_for_ticker(client: EdgarClient, ticker: str) -> str:
    """The CIK of ``ticker`` (case-insensitive) from ``company_tickers.json``."""
    path = tickers_path()
    table = parse_tickers(client.get_bytes(path), source=client.url(path))
    cik = table.get(ticker.strip().upper())
    if cik is None:
        raise NotFound(f"ticker {ticker!r}: not in {client.url(path)}; try --cik")
    return cik


def submissions(client: EdgarClient, cik: str) -> Submissions:
    """The submissions JSON of ``cik`` (recent filings and the names of older pages)."""
    number = normalize_cik(cik)
    if number is None:
        raise NotFound(f"CIK {cik!r}: expected digits")
    path = submissions_path(number)
    return parse_submissions(client.get_bytes(path), source=client.url(path))


def _in_range(ref: FilingRef, since: date | None, until: date | None) -> bool:
    if ref.filed is None:
        return since is None and until is None
    return (since is None or ref.filed >= since) and (until is None or ref.filed <= until)


def _wanted(ref: FilingRef, forms: frozenset[str] | None) -> bool:
    return forms is None or (ref.form_type or "").upper() in forms


def company_filings(
    client: EdgarClient,
    cik: str,
    *,
    forms: Iterable[str] | None = OWNERSHIP_FORMS,
    since: date | None = None,
    until: date | None = None,
) -> list[FilingRef]:
    """The filings of a company or person (issuer or reporting owner) of ``forms`` (each with its /A;
    None for every form) filed between ``since`` and ``until`` (inclusive), newest first; older pages
    are fetched only when their dates overlap the range."""
    chosen = forms_matching(forms) if forms is not None else None
    listing = submissions(client, cik)
    refs = [r for r in listing.recent if _wanted(r, chosen) and _in_range(r, since, until)]
    for page in listing.pages:
        if since is not None and page.filing_to is not None and page.filing_to < since:
            continue
        if until is not None and page.filing_from is not None and page.filing_from > until:
            continue
        path = submissions_page_path(page.name)
        rows = parse_submissions_page(client.get_bytes(path), cik=listing.cik, source=client.url(path))
        refs.extend(r for r in rows if _wanted(r, chosen) and _in_range(r, since, until))
    return dedupe(refs)


def _quarters(since: date, until: date) -> Iterator[tuple[int, int, date, date]]:
    """(year, quarter, first day, last day) of each quarter overlapping ``since``..``until``."""
    year, qtr = since.year, quarter(since)
    while True:
        first = date(year, 3 * qtr - 2, 1)
        last = (date(year + 1, 1, 1) if qtr == 4 else date(year, 3 * qtr + 1, 1)) - timedelta(days=1)
        if first > until:
            return
        yield year, qtr, first, last
        year, qtr = (year + 1, 1) if qtr == 4 else (year, qtr + 1)


def index_filings(
    client: EdgarClient,
    since: date,
    until: date,
    *,
    forms: Iterable[str] = OWNERSHIP_FORMS,
    today: date | None = None,
) -> list[FilingRef]:
    """Every filing of ``forms`` (with their /A) filed ``since``..``until`` (inclusive), from EDGAR's
    indexes: the quarterly ``form.idx`` for a quarter the range covers whole and that is over, the daily
    ``form.{YYYYMMDD}.idx`` of each weekday otherwise (a day without an index, a holiday, is skipped).
    ``today`` (default: the local date) bounds the days asked for."""
    if until < since:
        raise ValueError(f"--until {until} is before --since {since}")
    chosen = forms_matching(forms)
    last_day = min(until, today or date.today())
    refs: list[FilingRef] = []
    for year, qtr, first, last in _quarters(since, last_day):
        if since <= first and last <= last_day:
            path = full_index_path(year, qtr, "form")
            entries = parse_index(client.get_bytes(path), source=client.url(path))
            refs.extend(r for r in index_refs(entries, forms=chosen) if _in_range(r, since, until))
            continue
        day = max(first, since)
        while day <= min(last, last_day):
            if day.weekday() < 5:  # EDGAR accepts filings on business days only
                path = daily_index_path(day, "form")
                try:
                    data = client.get_bytes(path)
                except NotFound:
                    data = None
                if data is not None:
                    entries = parse_index(data, source=client.url(path))
                    refs.extend(index_refs(entries, forms=chosen))
            day += timedelta(days=1)
    return dedupe(refs)


def latest_filings(
    client: EdgarClient, *, forms: Iterable[str] = ("3", "4", "5"), count: int = 100
) -> list[FilingRef]:
    """The latest filings of ``forms`` from EDGAR's Atom feed (one request per form; the feed's
    ``type=4`` also lists 4/A), newest first, deduplicated."""
    refs: list[FilingRef] = []
    for form in dict.fromkeys(f.strip().upper().removesuffix("/A") for f in forms if f.strip()):
        path = current_feed_path(form, count)
        refs.extend(parse_atom(client.get_bytes(path, immutable=False), source=client.url(path)))
    chosen = forms_matching(forms)
    return dedupe(r for r in refs if _wanted(r, chosen))


_TYPE = re.compile(rb"(?:<TYPE>|CONFORMED SUBMISSION TYPE:)[ \t]*([^\r\n<]+)")


def feed_filings(
    client: EdgarClient, day: date, *, forms: Iterable[str] | None = OWNERSHIP_FORMS
) -> Iterator[tuple[str, bytes]]:
    """The submissions of one day's Feed archive (``{YYYYMMDD}.nc.tar.gz``) whose submission type is
    one of ``forms`` (with their /A; None for all), as ``(url!member, bytes)``. One request for the
    whole day. Raises :class:`NotFound` for a day without an archive."""
    chosen = forms_matching(forms) if forms is not None else None
    path = feed_path(day)
    url = client.url(path)
    data = client.get_bytes(path)
    try:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:*") as archive:
            for info in archive:
                if not info.isfile():
                    continue
                handle = archive.extractfile(info)
                if handle is None:
                    continue
                body = handle.read()
                if chosen is not None:
                    match = _TYPE.search(body[:4096])
                    kind = match.group(1).strip().decode("ascii", "replace").upper() if match else ""
                    if kind not in chosen:
                        continue
                yield f"{url}!{info.name}", body
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise ParseError(f"not a readable tar.gz archive: {exc}", source=url) from None
