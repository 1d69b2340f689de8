"""Sync filings from EDGAR into a store: find them (a ticker, a company's or insider's CIK, a date range
of EDGAR's indexes, whole days of the Feed), fetch each complete submission ``.txt``, read, validate and
store it.

Resumable without refetching, twice over: a filing already in the store is skipped before any request
(its accession number is its key), and every fetched document is in the client's content-addressed
cache, so an interrupted run that fetched but did not store a filing reads it from the cache next time.

No separate sync-state record (what was discovered, fetched, stored) is kept, by decision: the store is
the record of what is stored, the cache of what is fetched, and discovery is cheap to repeat. A run
interrupted between discovery and fetch asks the same listings again, and each is a conditional request
(``If-None-Match``) that EDGAR answers 304 without a body, the listing coming from the cache (pinned by
``tests/edgar/test_resume.py``). A state file would add a second truth that can disagree with the store
(a database restored, a filing deleted) for a saving of a few hundred bytes per listing.
Fetches run in a small thread pool that shares the client's 10-requests-per-second limit; reading and
storing stay in the calling thread, a batch per transaction (as :func:`section16.services.ingest.ingest`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta

from section16.edgar import (
    OWNERSHIP_FORMS,
    EdgarClient,
    FilingRef,
    cik_for_ticker,
    company_filings,
    dedupe,
    feed_filings,
    index_filings,
)
from section16.errors import ConfigError, NotFound, ParseError, Section16Error
from section16.model import Filing
from section16.parse import read_filing
from section16.services._gc import fewer_collections
from section16.services.ingest import IngestError
from section16.store import FilingRows, Store, filing_rows

__all__ = [
    "DEFAULT_SYNC_BATCH",
    "DEFAULT_WORKERS",
    "Selection",
    "SyncReport",
    "discover",
    "store_documents",
    "sync",
    "sync_feed",
    "sync_refs",
]

DEFAULT_WORKERS = 4
DEFAULT_SYNC_BATCH = 50

Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True, slots=True, kw_only=True)
class Selection:
    """What to sync: a ticker, a company CIK, an insider CIK (any together), or a date range of EDGAR's
    indexes; ``since``/``until`` also bound the filing dates of a company's or insider's filings."""

    ticker: str | None = None
    cik: str | None = None
    insider: str | None = None
    since: date | None = None
    until: date | None = None
    forms: tuple[str, ...] = ("3", "4", "5")

    def describe(self) -> str:
        """The selection in words, for messages."""
        parts = [
            f"{k} {v}"
            for k, v in (("ticker", self.ticker), ("CIK", self.cik), ("insider", self.insider))
            if v
        ]
        if self.since or self.until:
            parts.append(f"filed {self.since or '...'} to {self.until or '...'}")
        return ", ".join(parts) + f", forms {','.join(self.forms)}"


@dataclass(slots=True, kw_only=True)
class SyncReport:
    """What a sync did."""

    listed: int = 0  # filings the listings named (deduplicated by accession)
    already_stored: int = 0  # skipped before any request: their key is in the store
    fetched: int = 0  # documents fetched over the network
    from_cache: int = 0  # documents read from the local cache instead
    added: int = 0  # filings written
    skipped: int = 0  # read but already stored under their key (or twice in this run)
    linked: int = 0  # amendments linked to their original
    errors: list[IngestError] = field(default_factory=list)
    added_keys: list[str] = field(default_factory=list)
    added_filings: list[Filing] = field(default_factory=list)  # kept only when asked (watch)

    @property
    def failed(self) -> int:
        """Filings that could not be fetched, read or stored."""
        return len(self.errors)

    def summary(self) -> str:
        """One line: how many listed, stored, skipped, fetched, cached and failed."""
        return (
            f"{self.listed} filing(s) listed; {self.added} stored; "
            f"{self.already_stored + self.skipped} already stored; {self.fetched} fetched, "
            f"{self.from_cache} from cache; {self.linked} amendment(s) linked; {self.failed} failed"
        )


def discover(client: EdgarClient, selection: Selection, *, today: date | None = None) -> list[FilingRef]:
    """The filings ``selection`` names, deduplicated by accession, in listing order."""
    refs: list[FilingRef] = []
    ciks: list[str] = []
    if selection.ticker:
        ciks.append(cik_for_ticker(client, selection.ticker))
    ciks.extend(c for c in (selection.cik, selection.insider) if c)
    if ciks:
        for cik in ciks:
            refs.extend(
                company_filings(
                    client, cik, forms=selection.forms, since=selection.since, until=selection.until
                )
            )
        return dedupe(refs)
    if selection.since is None:
        raise ConfigError("say what to sync: --ticker, --cik, --insider, or --since DATE [--until DATE]")
    until = selection.until or today or date.today()
    return index_filings(client, selection.since, until, forms=selection.forms, today=today)


def _as_error(name: str, exc: BaseException) -> IngestError:
    if isinstance(exc, Section16Error):
        return IngestError(name=name, error=exc)
    return IngestError(name=name, error=ParseError(f"{type(exc).__name__}: {exc}", source=name))


def _validator() -> Callable[[Filing], Sequence[object]]:
    from section16.validate import validate_filing

    return validate_filing


@fewer_collections()
def store_documents(
    store: Store,
    documents: Sequence[tuple[str, bytes]],
    report: SyncReport,
    *,
    validate: bool = True,
    keep: bool = False,
    seen: set[str] | None = None,
) -> None:
    """Read ``(name, bytes)`` documents, validate them and write those not stored yet in one
    transaction (filing by filing when the batch is refused). Counts go to ``report``; ``keep`` keeps
    the filings added in ``report.added_filings``; ``seen`` the keys of this run (to skip a second copy)."""
    seen = seen if seen is not None else set()
    check = _validator() if validate else None
    parsed: list[tuple[FilingRows, bytes, str, Filing]] = []
    hashes = [hashlib.sha256(data).hexdigest() for _, data in documents]
    known = store.existing_sha256(hashes)
    for (name, data), sha in zip(documents, hashes, strict=True):
        if sha in known:
            report.skipped += 1
            continue
        try:
            filing = read_filing(data, name=name, sha256=sha)
            findings = list(check(filing)) if check is not None and filing.document is not None else []
            rows = filing_rows(filing, findings)
        except Exception as exc:
            report.errors.append(_as_error(name, exc))
            continue
        parsed.append((rows, data, name, filing))
    stored = store.existing_keys([rows.key for rows, *_ in parsed])
    fresh: list[tuple[FilingRows, bytes, str, Filing]] = []
    for entry in parsed:
        key = entry[0].key
        if key in stored or key in seen:
            report.skipped += 1
            continue
        seen.add(key)
        fresh.append(entry)
    if not fresh:
        return
    written: list[tuple[FilingRows, bytes, str, Filing]] = []
    try:
        store.write_batch([(rows, data) for rows, data, _, _ in fresh])
        written = fresh
    except Exception:
        for entry in fresh:
            try:
                store.write_batch([(entry[0], entry[1])])
                written.append(entry)
            except Exception as exc:
                report.errors.append(_as_error(entry[2], exc))
    report.added += len(written)
    report.added_keys.extend(rows.key for rows, *_ in written)
    if keep:
        report.added_filings.extend(filing for *_, filing in written)


def _fetch(client: EdgarClient, ref: FilingRef) -> tuple[FilingRef, bytes | None, bool, BaseException | None]:
    try:
        got = client.get(ref.text_path, immutable=True)
    except Section16Error as exc:
        return ref, None, False, exc
    return ref, got.data, got.from_cache, None


def sync_refs(
    client: EdgarClient,
    store: Store,
    refs: Iterable[FilingRef],
    *,
    workers: int = DEFAULT_WORKERS,
    batch_size: int = DEFAULT_SYNC_BATCH,
    validate: bool = True,
    keep: bool = False,
    progress: Progress | None = None,
) -> SyncReport:
    """Fetch, read, validate and store each of ``refs`` not stored yet; link amendments at the end.
    One filing that cannot be fetched or read is listed in the report and the others go on."""
    todo = dedupe(refs)
    report = SyncReport(listed=len(todo))
    stored = store.existing_keys([r.accession_number for r in todo])
    report.already_stored = len(stored)
    pending = [r for r in todo if r.accession_number not in stored]
    total = len(pending)
    done = 0
    if progress is not None:
        progress(done, total)
    seen: set[str] = set(stored)
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="section16-fetch") as pool:
        for start in range(0, total, batch_size):
            chunk = pending[start : start + batch_size]
            documents: list[tuple[str, bytes]] = []
            for ref, data, cached, error in pool.map(lambda r: _fetch(client, r), chunk):
                if error is not None or data is None:
                    report.errors.append(_as_error(client.url(ref.text_path), error or NotFound("no data")))
                    continue
                if cached:
                    report.from_cache += 1
                else:
                    report.fetched += 1
                documents.append((client.url(ref.text_path), data))
            store_documents(store, documents, report, validate=validate, keep=keep, seen=seen)
            done += len(chunk)
            if progress is not None:
                progress(done, total)
    report.linked = store.link_amendments()
    return report


def sync(
    client: EdgarClient,
    store: Store,
    selection: Selection,
    *,
    workers: int = DEFAULT_WORKERS,
    batch_size: int = DEFAULT_SYNC_BATCH,
    validate: bool = True,
    progress: Progress | None = None,
    today: date | None = None,
) -> SyncReport:
    """Find the filings ``selection`` names on EDGAR and store those not stored yet (see the module
    docstring for how a second run resumes)."""
    refs = discover(client, selection, today=today)
    return sync_refs(
        client, store, refs, workers=workers, batch_size=batch_size, validate=validate, progress=progress
    )


def sync_feed(
    client: EdgarClient,
    store: Store,
    since: date,
    until: date,
    *,
    forms: Iterable[str] = OWNERSHIP_FORMS,
    validate: bool = True,
    progress: Progress | None = None,
) -> SyncReport:
    """Store the ownership filings of whole days from EDGAR's daily Feed archives (one request a day
    instead of one a filing; weekends and days without an archive are skipped)."""
    if until < since:
        raise ConfigError(f"--until {until} is before --since {since}")
    days = [since + timedelta(days=n) for n in range((until - since).days + 1)]
    days = [d for d in days if d.weekday() < 5]
    report = SyncReport()
    seen: set[str] = set()
    for done, day in enumerate(days, start=1):
        try:
            documents = list(feed_filings(client, day, forms=tuple(forms)))
        except NotFound:
            documents = []
        except Section16Error as exc:
            report.errors.append(_as_error(str(day), exc))
            documents = []
        report.listed += len(documents)
        report.fetched += 1 if documents else 0
        store_documents(store, documents, report, validate=validate, seen=seen)
        if progress is not None:
            progress(done, len(days))
    report.linked = store.link_amendments()
    return report
