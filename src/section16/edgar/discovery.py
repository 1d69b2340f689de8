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
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from datetime import date, datetime, timedelta
from functools import partial

from section16.edgar._atom import parse_atom
from section16.edgar._indexes import IndexEntry, index_refs, parse_index
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
    "INDEX_VARIANTS",
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


# Which index file to read for a day or a quarter, smallest first (spec.md section 6: form.idx, also
# company.idx, master.idx, and .gz of each). All three list the same filings; master.idx is
# '|'-separated (no column padding) and gzip shrinks any of them several times over, so master.idx.gz
# is the least to download. A variant that is not there (404) falls through to the next.
INDEX_VARIANTS: tuple[tuple[str, bool], ...] = (
    ("master", True),
    ("form", True),
    ("company", True),
    ("master", False),
    ("form", False),
    ("company", False),
)


class _IndexReader:
    """Reads one index (a quarter's or a day's) in the first variant that answers, and remembers the
    variant that answered: it is tried first next time, and once one has answered, its 404 for a day
    means the day has no index at all (a weekend or holiday: EDGAR publishes every variant of a day
    together), so a holiday costs one request, not one per variant."""

    def __init__(self, client: EdgarClient, variants: Sequence[tuple[str, bool]]) -> None:
        if not variants:
            raise ValueError("no index variants to read")
        self.client = client
        self.variants = list(variants)
        self.answered: tuple[str, bool] | None = None

    def read(self, path_of: Callable[..., str], *, daily: bool) -> list[IndexEntry] | None:
        """The entries of the first variant that answers; None for a day without an index. A quarter
        without any variant raises the last :class:`NotFound`."""
        order = self.variants
        if self.answered is not None:
            order = [self.answered, *(v for v in self.variants if v != self.answered)]
        missing: NotFound | None = None
        for variant in order:
            kind, gz = variant
            path = path_of(kind, gz=gz)
            try:
                data = self.client.get_bytes(path)
            except NotFound as exc:
                missing = exc
                if daily and variant == self.answered:
                    return None
                continue
            self.answered = variant
            return parse_index(data, source=self.client.url(path))
        if daily:
            return None
        assert missing is not None
        raise missing


def index_filings(
    client: EdgarClient,
    since: date,
    until: date,
    *,
    forms: Iterable[str] = OWNERSHIP_FORMS,
    today: date | None = None,
    variants: Sequence[tuple[str, bool]] = INDEX_VARIANTS,
) -> list[FilingRef]:
    """Every filing of ``forms`` (with their /A) filed ``since``..``until`` (inclusive), from EDGAR's
    indexes: the quarterly index for a quarter the range covers whole and that is over, the daily index
    of each weekday otherwise (a day without an index, a holiday, is skipped). Each index is read in the
    first of ``variants`` (kind, gzipped) that answers, smallest first (:data:`INDEX_VARIANTS`); an
    ownership filing listed under the issuer and each owner comes once. ``today`` (default: the local
    date) bounds the days asked for."""
    if until < since:
        raise ValueError(f"--until {until} is before --since {since}")
    chosen = forms_matching(forms)
    last_day = min(until, today or date.today())
    reader = _IndexReader(client, variants)
    refs: list[FilingRef] = []
    for year, qtr, first, last in _quarters(since, last_day):
        if since <= first and last <= last_day:
            entries = reader.read(partial(full_index_path, year, qtr), daily=False)
            refs.extend(r for r in index_refs(entries or [], forms=chosen) if _in_range(r, since, until))
            continue
        day = max(first, since)
        while day <= min(last, last_day):
            if day.weekday() < 5:  # EDGAR accepts filings on business days only
                found = reader.read(partial(daily_index_path, day), daily=True)
                refs.extend(index_refs(found or [], forms=chosen))
            day += timedelta(days=1)
    return dedupe(refs)


def latest_filings(
    client: EdgarClient,
    *,
    forms: Iterable[str] = ("3", "4", "5"),
    count: int = 100,
    known: Callable[[list[str]], Collection[str]] | None = None,
    after: datetime | None = None,
    max_pages: int = 10,
) -> list[FilingRef]:
    """The latest filings of ``forms`` from EDGAR's Atom feed (the feed's ``type=4`` also lists 4/A),
    newest first, deduplicated.

    One page of ``count`` entries per form, unless ``known`` or ``after`` says where the last poll
    stopped: then the feed is paged (``start=count``, ``2*count``, ...) until a page holds an entry
    already seen (an accession ``known`` returns, or one accepted before ``after``), a page comes back
    short (the feed's end), or ``max_pages`` pages were read. A burst of more than ``count`` filings
    between two polls is thus read whole."""
    if count < 1 or max_pages < 1:
        raise ValueError("count and max_pages must be at least 1")
    paging = known is not None or after is not None
    refs: list[FilingRef] = []
    for form in dict.fromkeys(f.strip().upper().removesuffix("/A") for f in forms if f.strip()):
        for page_number in range(max_pages):
            path = current_feed_path(form, count, page_number * count)
            page = parse_atom(client.get_bytes(path, immutable=False), source=client.url(path))
            refs.extend(page)
            if not paging or len(page) < count or _reached(page, known, after):
                break
    chosen = forms_matching(forms)
    return dedupe(r for r in refs if _wanted(r, chosen))


def _reached(
    page: list[FilingRef], known: Callable[[list[str]], Collection[str]] | None, after: datetime | None
) -> bool:
    """True when ``page`` reaches back to what the last poll saw."""
    if after is not None:
        for ref in page:
            moment = ref.accepted
            if moment is not None and (moment.tzinfo is None) == (after.tzinfo is None) and moment < after:
                return True
    return known is not None and bool(known([r.accession_number for r in page]))


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
