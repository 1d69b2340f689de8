"""The one interface of a filing store, :class:`Store`, and what every backend shares: compression of raw
documents and the linking of amendments to the filings they amend.

A backend implements a handful of primitives (run a query, write a batch of filings in one transaction,
set links); everything else is here, written once.
"""

from __future__ import annotations

import gzip
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from types import TracebackType
from typing import Any, Self

import pyarrow as pa

from section16.store._schema_columns import Dialect
from section16.store.rows import FilingRows

__all__ = ["RawDocument", "Store", "StoredFiling", "compress", "decompress"]

COMPRESSION = "lz4"
"""How new raw documents are compressed: the LZ4 frame format (through pyarrow's bundled codec). It
compresses a filing about 8x faster than gzip level 1 (ingest spent a fifth of its time in gzip) at
about 0.37 of the size instead of 0.27. Stores written with ``gzip`` stay readable."""

_GZIP_MAGIC = b"\x1f\x8b"
_LZ4_FRAME_MAGIC = b"\x04\x22\x4d\x18"
_LZ4 = pa.Codec("lz4")


def compress(data: bytes) -> bytes:
    """The raw bytes as stored (an LZ4 frame, the same bytes always store the same)."""
    return _LZ4.compress(data, asbytes=True)  # type: ignore[no-any-return]


def decompress(data: bytes, compression: str | None, size: int | None = None) -> bytes:
    """The raw bytes back from a stored blob; ``size`` (the uncompressed size, ``raw_documents.size``)
    is needed for ``lz4``. A blob is read by its own magic number where it has one, so a gzip blob
    labelled ``lz4`` (or the reverse) still reads."""
    if compression in (None, "", "none"):
        return data
    if compression in ("gzip", "lz4"):
        if data.startswith(_GZIP_MAGIC):
            return gzip.decompress(data)
        if data.startswith(_LZ4_FRAME_MAGIC):
            if size is None:
                raise ValueError("an lz4 raw document needs its uncompressed size to be read")
            return _LZ4.decompress(data, decompressed_size=size, asbytes=True)  # type: ignore[no-any-return]
        raise ValueError(f"raw document labelled {compression!r} is neither gzip nor an lz4 frame")
    raise ValueError(f"raw document compressed with {compression!r}, which this version cannot read")


@dataclass(frozen=True, slots=True, kw_only=True)
class RawDocument:
    """A stored filing's source: its key, the name it was read from, and the original bytes."""

    filing_key: str
    sha256: str
    source_name: str | None
    data: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredFiling:
    """The facts of a filings row that amendment linking looks at."""

    filing_key: str
    form: int | None
    is_amendment: bool
    owner_ciks: str | None
    period_of_report: date | None
    date_of_original_submission: date | None
    filed_date: date | None
    acceptance_datetime: datetime | None
    amends_accession: str | None


_LINK_COLUMNS = (
    "filing_key, form, is_amendment, owner_ciks, period_of_report, date_of_original_submission, "
    "filed_date, acceptance_datetime, amends_accession, issuer_cik"
)


class Store(ABC):
    """A filing store. Use as a context manager, or call :meth:`close`.

    Writes are idempotent by filing key (accession number, else content hash): :meth:`write_batch`
    writes a batch of filings, each with all its rows and its raw bytes, in ONE transaction, so a
    process killed at any point leaves each filing either wholly there or wholly absent.
    """

    dialect: Dialect
    only_writer: bool = False
    """True when nothing else can write to the store while this connection is open (a DuckDB file is
    locked to the one process that opened it for writing): a filing not stored when an ingest starts
    can then only be written by that ingest."""

    # -- primitives a backend implements ---------------------------------------------------------
    @abstractmethod
    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run ``sql`` (placeholders ``?``) and return its rows."""

    @abstractmethod
    def write_batch(self, batch: Sequence[tuple[FilingRows, bytes | None]], *, replace: bool = False) -> None:
        """Write filings in one transaction: their rows in every table and, where given, their raw
        bytes (stored once per SHA-256). With ``replace``, rows already stored under the same keys are
        deleted first (reparse); without, the caller has left out keys already stored."""

    @abstractmethod
    def set_links(self, links: Sequence[tuple[str, str]]) -> None:
        """Set ``filings.amends_accession`` for ``(amendment key, original key)`` pairs, in one
        transaction."""

    @abstractmethod
    def replace_findings(self, keys: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        """Replace the ``findings`` rows of the filings ``keys`` with ``rows`` (built by
        :func:`~section16.store.rows.finding_rows`), in one transaction."""

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    # -- shared ---------------------------------------------------------------------------------
    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def count(self, table_name: str) -> int:
        """Rows in ``table_name`` (a table or view of :mod:`section16.store.schema`)."""
        from section16.store.schema import DERIVED_TABLES, TABLES, VIEWS

        if table_name not in {t.name for t in (*TABLES, *DERIVED_TABLES)} | set(VIEWS):
            raise KeyError(f"no table or view called {table_name!r} in the store")
        return int(self.query(f"SELECT count(*) FROM {table_name}")[0][0])

    def existing_keys(self, keys: Sequence[str]) -> set[str]:
        """Those of ``keys`` that are stored as filings."""
        return self._existing("filing_key", keys)

    def existing_sha256(self, hashes: Sequence[str]) -> set[str]:
        """Those of ``hashes`` that are the source of a stored filing."""
        return self._existing("sha256", hashes)

    def _existing(self, column: str, values: Sequence[str]) -> set[str]:
        found: set[str] = set()
        unique = list(dict.fromkeys(values))
        for start in range(0, len(unique), 1000):
            chunk = unique[start : start + 1000]
            marks = ", ".join("?" * len(chunk))
            rows = self.query(f"SELECT {column} FROM filings WHERE {column} IN ({marks})", chunk)
            found.update(str(r[0]) for r in rows)
        return found

    def filing_keys(self) -> list[str]:
        """Every stored filing key, sorted."""
        return [str(r[0]) for r in self.query("SELECT filing_key FROM filings ORDER BY filing_key")]

    def raw_documents(self, keys: Sequence[str]) -> Iterator[RawDocument]:
        """The stored sources of the filings ``keys`` (those that have one)."""
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            marks = ", ".join("?" * len(chunk))
            rows = self.query(
                "SELECT f.filing_key, f.sha256, f.source_name, r.compression, r.data, r.size FROM filings f "
                f"JOIN raw_documents r ON r.sha256 = f.sha256 WHERE f.filing_key IN ({marks}) "
                "ORDER BY f.filing_key",
                chunk,
            )
            for key, sha, name, compression, blob, size in rows:
                data = decompress(bytes(blob), compression, size)
                yield RawDocument(filing_key=key, sha256=sha, source_name=name, data=data)

    def holdings_fresh(self) -> bool:
        """Whether ``latest_holdings`` holds the latest holdings of every stored filing (no filing was
        written or linked since the last :meth:`refresh_holdings`)."""
        return not self.query("SELECT 1 FROM holdings_dirty LIMIT 1")

    def issuers_fresh(self) -> bool:
        """Whether the per-issuer and per-owner summaries (``issuer_activity``, ``purchase_clusters``,
        ``issuer_names``, ``owner_names``) hold every stored filing: no filing was written or linked,
        and no issuer or owner changed, since the last :meth:`refresh_holdings`."""
        return self.holdings_fresh() and not self.query(
            "SELECT 1 FROM issuers_dirty UNION ALL SELECT 1 FROM owners_dirty LIMIT 1"
        )

    def refresh_holdings(self) -> int:
        """Bring the derived tables up to date for the filings written or linked since the last call
        (``holdings_dirty``, and ``issuers_dirty``): the per-issuer summaries (``issuer_activity``,
        ``purchase_clusters``) of those filings' issuers are computed again, those filings' rows in
        ``insider_trades`` and ``late_filings`` written again, then every holding group
        (issuer, owner group) of those filings, as they are now and as they were, is ranked again in
        ``latest_holdings``. Returns how many filings were pending. Safe to stop at any point: the
        pending filings are cleared last, and the reports read these tables only when none are
        pending."""
        from section16.store.queries import (
            holdings_refresh_statements,
            insider_refresh_statements,
            issuer_refresh_statements,
            late_refresh_statements,
        )
        from section16.store.schema import DERIVED_TABLES, HOLDINGS_DIRTY, ISSUERS_DIRTY, OWNERS_DIRTY

        pending = int(self.query("SELECT count(*) FROM holdings_dirty")[0][0])
        issuers = bool(self.query("SELECT 1 FROM issuers_dirty UNION ALL SELECT 1 FROM owners_dirty LIMIT 1"))
        # A store's first refresh (every summary empty, every stored filing pending: a new store after
        # its first ingest) fills the summaries from every filing: the same rows without the deletes
        # and the gathering of dirty keys. One row at most is read of each summary (a chain of NOT
        # EXISTS in one SELECT took DuckDB 37 ms to plan and run, this 0.7 ms); whether every filing
        # is pending is asked only when they are all empty, as it reads every filing key.
        queues = (HOLDINGS_DIRTY, ISSUERS_DIRTY, OWNERS_DIRTY)
        summaries = [t.name for t in DERIVED_TABLES if t not in queues]
        whole = (
            pending > 0
            and not self.query(" UNION ALL ".join(f"(SELECT 1 FROM {name} LIMIT 1)" for name in summaries))
            and not self.query(
                "SELECT 1 FROM filings f WHERE NOT EXISTS "
                "(SELECT 1 FROM holdings_dirty d WHERE d.filing_key = f.filing_key) LIMIT 1"
            )
        )
        statements: list[str] = []
        if pending or issuers:
            statements += issuer_refresh_statements(whole=whole)
        if pending:
            statements += insider_refresh_statements(whole=whole)
            statements += late_refresh_statements(whole=whole)
            statements += holdings_refresh_statements(whole=whole)  # clears holdings_dirty: last
        self._run_all(statements)
        return pending

    def _run_all(self, statements: Sequence[str]) -> None:
        """Run ``statements`` in order (a backend may run them in one transaction)."""
        for statement in statements:
            self.query(statement)

    def link_amendments(self) -> int:
        """Link every amendment not yet linked to the filing it amends, where that can be determined;
        return how many were linked.

        The original is a filing of the same issuer, the same form and the same reporting owners, filed
        before the amendment, whose filing date is the amendment's ``dateOfOriginalSubmission`` (box
        "If Amendment, Date Original Filed" of Forms 3, 4 and 5); where the original's filing date is
        unknown (a bare XML without its header), one with the same period of report. When an earlier
        amendment of the same original exists, the newest of them before this one is linked instead,
        so that amendments chain and the ``current_*`` views show the latest state.
        """
        pending = self.query(
            f"SELECT {_LINK_COLUMNS} FROM filings WHERE is_amendment AND amends_accession IS NULL "
            "AND issuer_cik IS NOT NULL"
        )
        if not pending:
            self.refresh_holdings()
            return 0
        issuers = sorted({str(r[-1]) for r in pending})
        by_issuer: dict[str, list[StoredFiling]] = {}
        for start in range(0, len(issuers), 1000):
            chunk = issuers[start : start + 1000]
            marks = ", ".join("?" * len(chunk))
            for row in self.query(
                f"SELECT {_LINK_COLUMNS} FROM filings WHERE issuer_cik IN ({marks})", chunk
            ):
                by_issuer.setdefault(str(row[-1]), []).append(_stored(row))
        links: list[tuple[str, str]] = []
        for row in pending:
            amendment = _stored(row)
            original = find_original(amendment, by_issuer.get(str(row[-1]), []))
            if original is not None:
                links.append((amendment.filing_key, original.filing_key))
        if links:
            self.set_links(links)
        # Every ingest, reparse and sync ends here: the holdings of what they wrote are ranked now.
        self.refresh_holdings()
        return len(links)

    def write_and_link(self, batch: Sequence[tuple[FilingRows, bytes | None]]) -> int:
        """Write ``batch`` as :meth:`write_batch` does (without ``replace``), then
        :meth:`link_amendments`; returns how many amendments were linked. Meant for the whole of an
        ingest into a store that held no filing: a backend may do both in one transaction (the DuckDB
        store does). When it raises, ``batch`` may be stored in whole or not at all
        (:meth:`existing_keys` tells which)."""
        self.write_batch(batch)
        return self.link_amendments()


def _stored(row: Sequence[Any]) -> StoredFiling:
    return StoredFiling(
        filing_key=row[0],
        form=row[1],
        is_amendment=bool(row[2]),
        owner_ciks=row[3],
        period_of_report=row[4],
        date_of_original_submission=row[5],
        filed_date=row[6],
        acceptance_datetime=row[7],
        amends_accession=row[8],
    )


def _filed_before(candidate: StoredFiling, amendment: StoredFiling) -> bool:
    if candidate.acceptance_datetime and amendment.acceptance_datetime:
        return candidate.acceptance_datetime < amendment.acceptance_datetime
    if candidate.filed_date and amendment.filed_date:
        return candidate.filed_date <= amendment.filed_date
    return True  # unknown: the date of original submission alone decides


def _order(f: StoredFiling) -> tuple[date, datetime, str]:
    return (f.filed_date or date.min, f.acceptance_datetime or datetime.min, f.filing_key)


def find_original(amendment: StoredFiling, candidates: Sequence[StoredFiling]) -> StoredFiling | None:
    """The filing ``amendment`` amends among ``candidates`` (filings of the same issuer), or None; see
    :meth:`Store.link_amendments` for the rule."""
    same = [
        c
        for c in candidates
        if c.filing_key != amendment.filing_key
        and c.form == amendment.form
        and c.owner_ciks == amendment.owner_ciks
        and _filed_before(c, amendment)
    ]
    dos = amendment.date_of_original_submission
    originals = [
        c
        for c in same
        if not c.is_amendment
        and (
            (
                dos is not None
                and (c.filed_date == dos or (c.acceptance_datetime and c.acceptance_datetime.date() == dos))
            )
            or (
                c.filed_date is None
                and c.period_of_report is not None
                and c.period_of_report == amendment.period_of_report
            )
        )
    ]
    if not originals:
        return None
    # Most recent before it; a period of report that agrees breaks ties.
    originals.sort(key=lambda c: (c.period_of_report == amendment.period_of_report, *_order(c)))
    original = originals[-1]
    earlier = [
        c
        for c in same
        if c.is_amendment
        and (c.date_of_original_submission == dos or c.amends_accession == original.filing_key)
        and (c.period_of_report == amendment.period_of_report or amendment.period_of_report is None)
        and _order(c) < _order(amendment)
    ]
    if earlier:
        return max(earlier, key=_order)
    return original
