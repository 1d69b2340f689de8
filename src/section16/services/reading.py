"""Reading filings from files, folders and bytes: the I/O around :func:`section16.parse.read_filing`.

A batch never stops at a bad file: each path yields a :class:`ReadResult` with either the filing or the
error (naming the file and place). Folders are walked recursively in name order; in a folder, only files
that can hold a filing are read (``.xml``, ``.txt``, ``.nc``, ``.sgml``, ``.hdr``, ``.htm``/``.html``, the
rendered copies' ``.pdf`` and ``.md``/``.markdown``, and files without an extension); a file named explicitly
is always read. Which kind of filing a file holds is found from its content, never from its name.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from section16.errors import NotFound, ParseError, Section16Error
from section16.model import Filing
from section16.parse import read_filing
from section16.parse.filing import DEFAULT_MAX_BYTES

__all__ = [
    "FILING_SUFFIXES",
    "TAR_SUFFIXES",
    "ReadResult",
    "expand_paths",
    "folder_files",
    "parse",
    "read_paths",
]

FILING_SUFFIXES = frozenset(
    {".xml", ".txt", ".nc", ".sgml", ".hdr", ".htm", ".html", ".pdf", ".md", ".markdown", ""}
)
"""Suffixes of the files read in a folder: EDGAR's own formats, and the rendered copies people keep (the HTML
view, PDFs printed from it, and text or markdown converted from those PDFs)."""


@dataclass(frozen=True, slots=True)
class ReadResult:
    """One file of a batch: the filing read from it, or the error that stopped it."""

    path: Path
    filing: Filing | None
    error: Section16Error | None

    @property
    def ok(self) -> bool:
        """True when the file was read."""
        return self.error is None


def parse(source: bytes | str | os.PathLike[str], *, name: str | None = None) -> Filing:
    """Read one filing from bytes, a path, or a string that is either a path or the document itself.

    >>> filing = parse("0000002488-23-000088.xml")          # doctest: +SKIP
    >>> filing.document.issuer.issuer_trading_symbol         # doctest: +SKIP
    'AMD'
    """
    if isinstance(source, bytes | bytearray | memoryview):
        return read_filing(bytes(source), name=name)
    if isinstance(source, str) and source.lstrip()[:1] == "<":
        return read_filing(source.encode("utf-8"), name=name)
    path = Path(source)
    return read_filing(_read_bytes(path), name=name or str(path))


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > DEFAULT_MAX_BYTES:
            raise ParseError(f"{size:,} bytes is over the limit of {DEFAULT_MAX_BYTES:,}", source=str(path))
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"{path}: no such file") from None
    except IsADirectoryError:
        raise NotFound(f"{path}: is a folder; give files, or use a command that walks folders") from None
    except PermissionError:
        raise NotFound(f"{path}: permission denied") from None


def _suffix(name: str) -> str:
    # Path(name).suffix, without making a Path
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


TAR_SUFFIXES = (".tar.gz", ".tgz", ".tar", ".tar.bz2", ".tar.xz")
"""Names of the tar archives ingest opens (besides ``.zip``)."""


def _is_archive(name: str) -> bool:
    lower = name.lower()
    return lower.endswith(".zip") or lower.endswith(TAR_SUFFIXES)


def folder_files(folder: Path, *, archives: bool = False) -> list[Path]:
    """The filing files under ``folder`` (recursively: filing suffixes, none under a name starting with a
    dot; sorted as paths sort), found in one walk; with ``archives``, then the ``.zip`` and tar archives
    anywhere under it (sorted). Symbolic links to folders are not followed and unreadable folders are
    passed over, as ``Path.rglob`` does."""
    filings: list[tuple[tuple[str, ...], str]] = []
    found_archives: list[tuple[tuple[str, ...], str]] = []

    def walk(directory: str, parts: tuple[str, ...], hidden: bool) -> None:
        try:
            with os.scandir(directory) as scan:
                entries = list(scan)
        except PermissionError:
            return
        for entry in entries:
            name = entry.name
            here = (*parts, name)
            try:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, here, hidden or name.startswith("."))
                    continue
                if not entry.is_file():
                    continue
            except OSError:
                continue
            if _suffix(name).lower() in FILING_SUFFIXES:
                if not (hidden or name.startswith(".")):
                    filings.append((here, entry.path))
            elif archives and _is_archive(name):
                found_archives.append((here, entry.path))

    walk(str(folder), (), False)
    filings.sort()
    found_archives.sort()
    return [Path(p) for _, p in filings] + [Path(p) for _, p in found_archives]


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files named, and the filing files inside folders named (recursively, sorted)."""
    out: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            out.extend(folder_files(path))
        else:
            out.append(path)
    return out


def read_paths(paths: Iterable[str | os.PathLike[str]], *, progress: bool = False) -> Iterator[ReadResult]:
    """Read every file named or found in the folders named; one result per file, errors included.

    With ``progress``, a progress bar is drawn on standard error while the batch runs."""
    files = expand_paths(paths)
    if not progress:
        yield from (_read_one(path) for path in files)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (
        TextColumn("reading"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("reading", total=len(files))
        for path in files:
            yield _read_one(path)
            bar.advance(task)


def _read_one(path: Path) -> ReadResult:
    try:
        return ReadResult(path, read_filing(_read_bytes(path), name=str(path)), None)
    except Section16Error as exc:
        return ReadResult(path, None, exc)
