"""Ingest filings into a store, and reparse what a store holds.

:func:`ingest` takes files, folders (walked recursively) and ``.zip`` / ``.tar.gz`` archives of filings,
reads each with the project reader, and writes them in batches, each batch in one transaction (a filing's
rows, its filings row and its raw bytes together); an ingest that fits one batch into a store that holds
no filing writes it and links amendments at once (``Store.write_and_link``). It is idempotent: a filing
already stored (same accession number, else same content hash) is skipped without being read again. A
file that cannot be read is listed in the report and the batch goes on. :func:`reparse` re-reads every
stored raw document with the current reader and rewrites its rows.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from section16.errors import NotFound, ParseError, Section16Error
from section16.model import Filing
from section16.parse import read_filing
from section16.services._gc import fewer_collections
from section16.services.reading import FILING_SUFFIXES, TAR_SUFFIXES, folder_files
from section16.store import FilingRows, Store, filing_rows

__all__ = ["DEFAULT_BATCH_SIZE", "IngestError", "IngestReport", "SourceItem", "ingest", "reparse", "sources"]

DEFAULT_BATCH_SIZE = 2000
"""Filings per transaction: at 2,000 a commit's fixed cost is spread thin and DuckDB writes fuller row
groups (a smaller file) than at 500; a batch's rows stay a few megabytes."""

Progress = Callable[[int, int], None]  # (done, total)


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestError:
    """A source that could not be stored: its name and why."""

    name: str
    error: Section16Error

    def __str__(self) -> str:
        message = str(self.error)
        return message if self.name in message else f"{self.name}: {message}"


@dataclass(slots=True, kw_only=True)
class IngestReport:
    """What an ingest (or reparse) did."""

    seen: int = 0  # sources looked at
    added: int = 0  # filings written
    skipped: int = 0  # already stored (or a second copy in this run)
    linked: int = 0  # amendments linked to their original
    errors: list[IngestError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        """Sources that could not be read or stored."""
        return len(self.errors)


@dataclass(frozen=True, slots=True)
class SourceItem:
    """One source to ingest: a name (``path`` or ``archive.zip!member``) and how to get its bytes."""

    name: str
    load: Callable[[], bytes]


def _is_filing_name(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return not base.startswith(".") and Path(base).suffix.lower() in FILING_SUFFIXES


def _zip_items(path: Path) -> Iterator[SourceItem]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise ParseError(f"not a readable zip archive: {exc}", source=str(path)) from exc
    with archive:
        names = sorted(
            i.filename for i in archive.infolist() if not i.is_dir() and _is_filing_name(i.filename)
        )

    def loader(member: str) -> Callable[[], bytes]:
        def load() -> bytes:
            with zipfile.ZipFile(path) as z:
                return z.read(member)

        return load

    for member in names:
        yield SourceItem(f"{path}!{member}", loader(member))


def _tar_items(path: Path) -> Iterator[SourceItem]:
    # Members are read in one pass over the (compressed) stream: a tar.gz has no random access.
    try:
        with tarfile.open(path, "r:*") as archive:
            for info in archive:
                if not info.isfile() or not _is_filing_name(info.name):
                    continue
                handle = archive.extractfile(info)
                if handle is None:
                    continue
                data = handle.read()
                yield SourceItem(f"{path}!{info.name}", lambda data=data: data)  # type: ignore[misc]
    except (OSError, tarfile.TarError) as exc:
        raise ParseError(f"not a readable tar archive: {exc}", source=str(path)) from exc


def _is_tar(path: Path) -> bool:
    return path.name.lower().endswith(TAR_SUFFIXES)


def _file_item(path: Path) -> SourceItem:
    def load() -> bytes:
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise NotFound(f"{path}: no such file") from None
        except IsADirectoryError:
            raise NotFound(f"{path}: is a folder") from None
        except PermissionError:
            raise NotFound(f"{path}: permission denied") from None

    return SourceItem(str(path), load)


# The errors for which Path.exists says False (pathlib's _IGNORED_ERRNOS), which sources() reports as
# a path not found.
_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def sources(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[SourceItem], list[IngestError]]:
    """Every source the paths name: files, files in folders (recursively, sorted), members of ``.zip``
    and ``.tar.gz`` archives (named ``archive!member``); plus the paths that could not be opened."""
    items: list[SourceItem] = []
    errors: list[IngestError] = []
    for given in paths:
        path = Path(given)
        # One stat for whether it exists and is a folder (Path.exists and is_dir are one each).
        try:
            is_dir = stat.S_ISDIR(os.stat(path).st_mode)
        except (OSError, ValueError) as exc:
            if isinstance(exc, OSError) and exc.errno not in _MISSING:
                raise  # as Path.exists raises it (a folder on the way that cannot be read)
            errors.append(IngestError(name=str(path), error=NotFound(f"{path}: no such file or folder")))
            continue
        files = folder_files(path, archives=True) if is_dir else [path]
        for file in files:
            try:
                if file.suffix.lower() == ".zip":
                    items.extend(_zip_items(file))
                elif _is_tar(file):
                    items.extend(_tar_items(file))
                else:
                    items.append(_file_item(file))
            except Section16Error as exc:
                errors.append(IngestError(name=str(file), error=exc))
    return items, errors


def _validator() -> Callable[[Filing], Iterable[Any]] | None:
    """The one-filing validation of ``section16.validate`` (``validate_filing``), imported lazily;
    None when that package does not offer it."""
    try:
        import section16.validate as validate_package
    except ImportError:
        return None
    for name in ("validate_filing", "validate"):
        validate = getattr(validate_package, name, None)
        if callable(validate):
            return validate  # type: ignore[no-any-return]
    return None


def _rows(
    filing: Filing, validate: Callable[[Filing], Iterable[Any]] | None, *, key: str | None = None
) -> FilingRows:
    findings: Sequence[Any] = ()
    if validate is not None and filing.document is not None:
        findings = list(validate(filing))
    return filing_rows(filing, findings, key=key)


def _as_error(name: str, exc: Exception) -> IngestError:
    if isinstance(exc, Section16Error):
        return IngestError(name=name, error=exc)
    return IngestError(name=name, error=ParseError(f"{type(exc).__name__}: {exc}", source=name))


def _write(
    store: Store, batch: list[tuple[FilingRows, bytes | None, str]], report: IngestReport, *, replace: bool
) -> None:
    """Write ``batch`` in one transaction; when that fails, filing by filing, so one filing the store
    refuses does not sink the others."""
    if not batch:
        return
    try:
        store.write_batch([(rows, data) for rows, data, _ in batch], replace=replace)
        report.added += len(batch)
        return
    except Exception:
        pass
    for rows, data, name in batch:
        try:
            store.write_batch([(rows, data)], replace=replace)
            report.added += 1
        except Exception as exc:
            report.errors.append(_as_error(name, exc))


@fewer_collections()
def ingest(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    validate: bool = True,
    progress: Progress | None = None,
) -> IngestReport:
    """Read every filing ``paths`` name and store those not stored yet; link amendments at the end.

    ``validate``: store ``section16.validate`` findings when that package offers ``validate``.
    ``progress(done, total)`` is called as sources are done."""
    items, open_errors = sources(paths)
    report = IngestReport(errors=list(open_errors))
    validator = _validator() if validate else None
    total = len(items)
    seen_keys: set[str] = set()
    # A store that holds no filing as the ingest starts, and that nothing else writes to meanwhile,
    # holds only what this ingest writes, all of which is in seen_keys: the store is not asked (each
    # probe scans every stored filing, so that a batch's probes cost more the more was stored).
    ask = not store.only_writer or bool(store.query("SELECT 1 FROM filings LIMIT 1"))
    # All of it in one batch into such a store: written and linked at once (Store.write_and_link: for
    # DuckDB one transaction, its rows written into the file once).
    at_once = not ask and total <= batch_size
    linked: int | None = None
    for start in range(0, total, batch_size):
        chunk = items[start : start + batch_size]
        loaded: list[tuple[SourceItem, bytes, str]] = []
        for item in chunk:
            try:
                data = item.load()
            except Exception as exc:
                report.errors.append(_as_error(item.name, exc))
                continue
            loaded.append((item, data, hashlib.sha256(data).hexdigest()))
        known_hashes = store.existing_sha256([sha for _, _, sha in loaded]) if ask else set()
        parsed: list[tuple[FilingRows, bytes | None, str]] = []
        for item, data, sha in loaded:
            if sha in known_hashes or f"sha256:{sha}" in seen_keys:
                report.skipped += 1
                continue
            try:
                filing = read_filing(data, name=item.name, sha256=sha)
                rows = _rows(filing, validator)
            except Exception as exc:
                report.errors.append(_as_error(item.name, exc))
                continue
            parsed.append((rows, data, item.name))
        stored = store.existing_keys([rows.key for rows, _, _ in parsed]) if ask else set()
        fresh: list[tuple[FilingRows, bytes | None, str]] = []
        for entry in parsed:
            key = entry[0].key
            if key in stored or key in seen_keys:
                report.skipped += 1
                continue
            seen_keys.add(key)
            seen_keys.add(f"sha256:{entry[0].sha256}")
            fresh.append(entry)
        if at_once:
            linked = _write_and_link(store, fresh, report)
        else:
            _write(store, fresh, report, replace=False)
        report.seen += len(chunk)
        if progress is not None:
            progress(report.seen, total)
    report.linked = store.link_amendments() if linked is None else linked
    return report


def _write_and_link(
    store: Store, batch: list[tuple[FilingRows, bytes | None, str]], report: IngestReport
) -> int:
    """Write ``batch`` and link amendments at once; when that fails, what it left unstored is written
    as :func:`_write` does (filing by filing if need be) and amendments are linked after."""
    try:
        linked = store.write_and_link([(rows, data) for rows, data, _ in batch])
        report.added += len(batch)
        return linked
    except Exception:
        pass
    stored = store.existing_keys([rows.key for rows, _, _ in batch])
    report.added += len(stored)
    _write(store, [entry for entry in batch if entry[0].key not in stored], report, replace=False)
    return store.link_amendments()


@fewer_collections()
def reparse(
    store: Store,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    validate: bool = True,
    progress: Progress | None = None,
) -> IngestReport:
    """Re-read every stored raw document with the current reader and rewrite its rows (in one
    transaction per batch, old rows out and new rows in); then link amendments again.

    A filing keeps the key it is stored under, even where the current reader would key it differently
    (an accession number now found): links and references to it stay valid."""
    keys = store.filing_keys()
    report = IngestReport()
    validator = _validator() if validate else None
    total = len(keys)
    for start in range(0, total, batch_size):
        chunk = keys[start : start + batch_size]
        batch: list[tuple[FilingRows, bytes | None, str]] = []
        for raw in store.raw_documents(chunk):
            name = raw.source_name or raw.filing_key
            try:
                rows = _rows(read_filing(raw.data, name=raw.source_name), validator, key=raw.filing_key)
            except Exception as exc:
                report.errors.append(_as_error(name, exc))
                continue
            batch.append((rows, None, name))
        _write(store, batch, report, replace=True)
        report.seen += len(chunk)
        if progress is not None:
            progress(report.seen, total)
    report.linked = store.link_amendments()
    return report
