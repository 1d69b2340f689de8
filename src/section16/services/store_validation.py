"""Validating what a store holds (``section16 validate --db``): every stored filing is read again from its
raw document, the one-filing rules of ``section16.validate`` run over it, the cross-filing rules
(holdings continuity, duplicates, empty amendments) run over the filings of each issuer and reporting
owner(s) together, and the stored ``findings`` rows of every filing are replaced by what was found.

Why the raw documents and not the stored rows: the rules are functions over the model (:class:`Filing`),
and several need what the tables do not keep in model form (unknown elements, unreadable values, the
whole document for ``across.duplicate`` and ``across.empty-amendment``). Re-reading the stored bytes with
the project reader gives the very :class:`Filing` that file mode validates, so the stored findings are the
findings ``section16 validate FILE`` reports for the same files.

Streaming, in bounded memory: the filings are taken issuer by issuer (CIK without leading zeros), and
within an issuer grouped by their reporting owners; whole groups are packed into batches of about
``batch_size`` filings, and only one batch of filings is in memory at a time. Every cross-filing rule
compares filings of one issuer and the same owner(s) only (a holding's position, a duplicate and an
amendment's original are all keyed by issuer and owners), so a batch of whole groups finds what a run over
all the filings at once would. Each batch's findings are written in one transaction.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from section16.errors import ConfigError
from section16.model import Filing
from section16.parse import read_filing
from section16.services.validation import xsd_findings
from section16.store import Store
from section16.store.queries import late_rebuild_statements
from section16.store.rows import finding_rows
from section16.validate import CROSS_RULES, DEFAULT_RULES, CrossRule, Finding, Rule, Severity, validate_filing

__all__ = ["DEFAULT_BATCH_SIZE", "StoreValidationReport", "validate_store"]

DEFAULT_BATCH_SIZE = 2000
_ISSUERS_PER_QUERY = 500

Progress = Callable[[int, int], None]  # (filings done, filings in the store)
FindingSink = Callable[[Finding], None]


@dataclass(slots=True, kw_only=True)
class StoreValidationReport:
    """What ``validate_store`` did: filings validated, those whose raw document could not be read again
    (each also a ``read.error`` finding), findings by severity, and filings whose findings were
    rewritten."""

    filings: int = 0
    failed: int = 0
    refreshed: int = 0
    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Severity})

    @property
    def errors(self) -> int:
        """How many findings are errors."""
        return self.counts[Severity.ERROR.value]

    @property
    def ok(self) -> bool:
        """True when nothing failed and no finding is an error."""
        return self.failed == 0 and self.errors == 0


@dataclass(frozen=True, slots=True)
class _Stored:
    """A filings row as the batching sees it: key, name read from, normalised issuer and owners."""

    key: str
    source_name: str | None
    issuer: str
    owners: tuple[str, ...]


def _cik(text: str | None) -> str:
    # The cross-filing rules compare CIKs without leading zeros (section16.validate.across).
    return (text or "").strip().lstrip("0")


def _owners(joined: str | None) -> tuple[str, ...]:
    return tuple(sorted(_cik(c) for c in (joined or "").split(",") if c.strip()))


def _issuer_chunks(store: Store, batch_size: int) -> Iterator[tuple[list[str], bool]]:
    """Lists of stored ``issuer_cik`` values (all spellings of one issuer in the same list) holding about
    ``batch_size`` filings each, in issuer order; then ``([], True)`` for filings without an issuer."""
    counts = store.query("SELECT issuer_cik, count(*) FROM filings GROUP BY issuer_cik")
    spellings: dict[str, list[tuple[str, int]]] = {}
    has_null = False
    for cik, n in counts:
        if cik is None:
            has_null = True
            continue
        spellings.setdefault(_cik(str(cik)), []).append((str(cik), int(n)))
    chunk: list[str] = []
    size = 0
    for issuer in sorted(spellings):
        n = sum(count for _, count in spellings[issuer])
        if chunk and (size + n > batch_size or len(chunk) >= _ISSUERS_PER_QUERY):
            yield chunk, False
            chunk, size = [], 0
        chunk.extend(cik for cik, _ in spellings[issuer])
        size += n
    if chunk:
        yield chunk, False
    if has_null:
        yield [], True


def _stored_filings(store: Store, ciks: list[str], null_issuer: bool) -> list[_Stored]:
    columns = "SELECT filing_key, source_name, issuer_cik, owner_ciks FROM filings"
    if null_issuer:
        rows = store.query(f"{columns} WHERE issuer_cik IS NULL")
    else:
        rows = store.query(f"{columns} WHERE issuer_cik IN ({', '.join('?' * len(ciks))})", ciks)
    return [_Stored(str(k), name, _cik(issuer), _owners(owners)) for k, name, issuer, owners in rows]


def _batches(store: Store, batch_size: int) -> Iterator[list[_Stored]]:
    """The stored filings in issuer/owner order, whole (issuer, owners) groups packed into batches of
    about ``batch_size``; within a group in the order of the names they were read from (file mode reads
    a folder in name order, and the first of two duplicates is the one kept)."""
    for ciks, null_issuer in _issuer_chunks(store, batch_size):
        groups: dict[tuple[str, tuple[str, ...]], list[_Stored]] = {}
        for stored in _stored_filings(store, ciks, null_issuer):
            groups.setdefault((stored.issuer, stored.owners), []).append(stored)
        batch: list[_Stored] = []
        for group_key in sorted(groups):
            group = sorted(groups[group_key], key=lambda s: (s.source_name or "", s.key))
            if batch and len(batch) + len(group) > batch_size:
                yield batch
                batch = []
            batch.extend(group)
        if batch:
            yield batch


def _read_error(stored: _Stored, message: str) -> Finding:
    return Finding(
        rule="read.error",
        severity=Severity.ERROR,
        message=message,
        source="section16.parse: the file could not be read as an ownership filing",
        accession=None if stored.key.startswith("sha256:") else stored.key,
        file=stored.source_name or stored.key,
    )


def _order(finding: Finding) -> tuple[int, str, int, str]:
    # The order of section16.validate within one filing: worst first, then table, row and rule.
    return (finding.severity.rank, finding.table or "", finding.row or 0, finding.rule)


def _validate_batch(
    store: Store,
    batch: list[_Stored],
    *,
    rules: Sequence[Rule],
    cross_rules: Sequence[CrossRule],
    today: date,
    xsd_dir: Path | None,
) -> tuple[dict[str, list[Finding]], int]:
    """The findings of each filing of ``batch`` by key, and how many raw documents failed to read."""
    raw = {r.filing_key: r for r in store.raw_documents([s.key for s in batch])}
    found: dict[str, list[Finding]] = {s.key: [] for s in batch}
    filings: list[Filing] = []
    where: dict[tuple[str | None, str | None], str] = {}
    failed = 0
    for stored in batch:
        document = raw.get(stored.key)
        if document is None:
            failed += 1
            found[stored.key].append(
                _read_error(stored, f"{stored.key}: no raw document stored; ingest the filing again")
            )
            continue
        try:
            filing = read_filing(document.data, name=document.source_name)
        except Exception as exc:  # the reader raises ParseError; anything else is reported the same way
            failed += 1
            found[stored.key].append(_read_error(stored, str(exc)))
            continue
        filings.append(filing)
        where.setdefault((filing.accession_number, filing.source.name), stored.key)
        found[stored.key].extend(validate_filing(filing, rules=rules, today=today))
        if xsd_dir is not None:
            found[stored.key].extend(xsd_findings(document.data, filing, xsd_dir=xsd_dir))
    batch_filings = tuple(filings)
    for cross in cross_rules:
        for finding in cross(batch_filings):
            key = where.get((finding.accession, finding.file))
            if key is not None:
                found[key].append(finding)
    return {key: sorted(items, key=_order) for key, items in found.items()}, failed


def validate_store(
    store: Store,
    *,
    today: date | None = None,
    xsd_dir: str | os.PathLike[str] | None = None,
    rules: Sequence[Rule] = DEFAULT_RULES,
    cross_rules: Sequence[CrossRule] = CROSS_RULES,
    refresh: bool = True,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_finding: FindingSink | None = None,
    progress: Progress | None = None,
) -> StoreValidationReport:
    """Validate every filing ``store`` holds, as ``section16 validate FILE`` would the files it was read
    from: one-filing ``rules`` (dates after ``today``, default the clock's date, are findings), the
    ``cross_rules`` over each issuer's filings by the same owner(s), and with ``xsd_dir`` the official
    XSD. ``on_finding`` is called with each finding as it is found (issuer by issuer). With ``refresh``
    the stored ``findings`` rows of each filing are replaced by its findings, one transaction per batch,
    and the store's ``late_filings`` table is filled again from them at the end.
    A raw document that cannot be read again is a ``read.error`` finding of its filing; the run goes on.
    """
    when = today if today is not None else date.today()
    folder = Path(xsd_dir) if xsd_dir is not None else None
    if folder is not None and not folder.is_dir():
        raise ConfigError(f"{folder}: no such folder of XSD files")
    if batch_size < 1:
        raise ConfigError(f"batch size {batch_size}: give at least 1")
    report = StoreValidationReport()
    total = store.count("filings")
    for batch in _batches(store, batch_size):
        found, failed = _validate_batch(
            store, batch, rules=rules, cross_rules=cross_rules, today=when, xsd_dir=folder
        )
        report.filings += len(batch)
        report.failed += failed
        for findings in found.values():
            for finding in findings:
                report.counts[finding.severity.value] += 1
                if on_finding is not None:
                    on_finding(finding)
        if refresh:
            store.replace_findings(list(found), _rows(found.items()))
            report.refreshed += len(found)
        if progress is not None:
            progress(report.filings, total)
    if refresh:
        # The late-filings report's table is filled from the findings just replaced.
        for statement in late_rebuild_statements():
            store.query(statement)
    return report


def _rows(found: Iterable[tuple[str, list[Finding]]]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for key, findings in found:
        rows.extend(finding_rows(key, findings))
    return rows
