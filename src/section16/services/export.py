"""Exporting filings read from files and folders: the SEC's Insider Transactions Data Sets (TSV),
Parquet, JSON Lines or CSV, written into one output folder.

==================  ============================================================================
format              files written in ``out_dir``
==================  ============================================================================
``sec-datasets``    ``SUBMISSION.tsv``, ``REPORTINGOWNER.tsv``, ``NONDERIV_TRANS.tsv``,
                    ``NONDERIV_HOLDING.tsv``, ``DERIV_TRANS.tsv``, ``DERIV_HOLDING.tsv``,
                    ``FOOTNOTES.tsv``, ``OWNER_SIGNATURE.tsv`` (:mod:`section16.write.sec_datasets`)
``parquet``         the same eight tables as ``<TABLE>.parquet`` plus ``transactions.parquet``
                    (:mod:`section16.write.arrow`)
``jsonl``           ``filings.jsonl``: one :func:`~section16.write.records.filing_to_dict` per line
``csv``             ``transactions.csv``: one :func:`~section16.write.records.transaction_rows` row
                    per transaction and holding
==================  ============================================================================

One bad file never sinks the batch: it is listed in :attr:`ExportReport.errors` with its place, and the
rest is written. The data-set formats are keyed by accession number: a filing without one, or without an
ownership document, is an error for them; a filing whose accession number was already exported (the
same filing as ``.txt`` and ``.xml``) is skipped, the first one kept, and listed in
:attr:`ExportReport.skipped`. For these formats complete submissions are read before bare ``.xml`` files
(each group in name order), so that of a filing present as both, the copy with the SEC header is kept:
only it gives FILING_DATE and the owners' FILE_NUMBER. JSON Lines keeps every filing read (it is
faithful to each source); CSV keeps every filing that has an ownership document.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from section16.errors import ConfigError, Section16Error
from section16.model import Filing
from section16.services._gc import fewer_collections
from section16.services.reading import expand_paths, read_paths
from section16.write.arrow import dataset_tables, transactions_table
from section16.write.records import (
    TRANSACTION_COLUMNS,
    filing_to_dict,
    transaction_rows,
    typed_transaction_rows,
)
from section16.write.sec_datasets import (
    TABLES,
    Cell,
    DatasetError,
    DuplicateAccessionError,
    SecDatasetBuilder,
    format_rows,
    write_dataset_tsv,
)

__all__ = ["FORMATS", "ExportFormat", "ExportIssue", "ExportReport", "export"]

ExportFormat = Literal["sec-datasets", "parquet", "jsonl", "csv"]
FORMATS: tuple[str, ...] = get_args(ExportFormat)


@dataclass(frozen=True, slots=True)
class ExportIssue:
    """A file that could not be exported (or was skipped), and why."""

    path: Path
    error: Section16Error

    @property
    def message(self) -> str:
        """One line naming the file and place: ``file:line:col: message``."""
        text = str(self.error)
        return text if str(self.path) in text else f"{self.path}: {text}"


@dataclass(frozen=True, slots=True, kw_only=True)
class ExportReport:
    """What an export did: files read, filings and rows written, files written, errors and skips."""

    format: str
    out_dir: Path
    files_read: int
    filings_written: int
    rows_written: dict[str, int] = field(default_factory=dict)
    outputs: tuple[Path, ...] = ()
    errors: tuple[ExportIssue, ...] = ()
    skipped: tuple[ExportIssue, ...] = ()

    @property
    def ok(self) -> bool:
        """True when every file was exported (skipped duplicates are not failures)."""
        return not self.errors


def _is_bare_xml(path: Path) -> bool:
    return path.suffix.lower() == ".xml"


class _Run:
    """The running state of one export: counts, errors, skips."""

    def __init__(self) -> None:
        self.files_read = 0
        self.filings_written = 0
        self.rows: dict[str, int] = {}
        self.errors: list[ExportIssue] = []
        self.skipped: list[ExportIssue] = []

    def filings(
        self, paths: Iterable[str | os.PathLike[str]], progress: bool, *, submissions_first: bool = False
    ) -> Iterable[tuple[Path, Filing]]:
        if submissions_first:
            # A filing present both as its complete submission and as its bare XML is kept from the
            # submission: only its header has FILING_DATE and the owners' FILE_NUMBER.
            files: list[Path] = sorted(expand_paths(paths), key=_is_bare_xml)
            paths = files
        for result in read_paths(paths, progress=progress):
            self.files_read += 1
            if result.error is not None:
                self.errors.append(ExportIssue(result.path, result.error))
            elif result.filing is not None:
                yield result.path, result.filing

    def count(self, table: str, n: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + n

    def dataset_rows(
        self, builder: SecDatasetBuilder, path: Path, filing: Filing
    ) -> dict[str, list[tuple[Cell, ...]]] | None:
        try:
            rows = builder.add(filing)
        except DuplicateAccessionError as exc:
            self.skipped.append(ExportIssue(path, exc))
            return None
        except DatasetError as exc:
            self.errors.append(ExportIssue(path, exc))
            return None
        self.filings_written += 1
        return rows


@fewer_collections()
def export(
    paths: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    format: ExportFormat,
    progress: bool = False,
) -> ExportReport:
    """Read every file named (folders recursively) and write the filings to ``out_dir`` in ``format``
    (see the module docstring). ``out_dir`` is created if needed; files of the same names are replaced.
    Raises :class:`~section16.errors.ConfigError` for an unknown format or an ``out_dir`` that is a file.
    """
    if format not in FORMATS:
        raise ConfigError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ConfigError(f"{out}: is a file; the export needs a folder to write its files into")
    out.mkdir(parents=True, exist_ok=True)
    run = _Run()
    writer = {
        "sec-datasets": _export_sec_datasets,
        "parquet": _export_parquet,
        "jsonl": _export_jsonl,
        "csv": _export_csv,
    }[format]
    outputs = writer(run, paths, out, progress)
    return ExportReport(
        format=format,
        out_dir=out,
        files_read=run.files_read,
        filings_written=run.filings_written,
        rows_written=run.rows,
        outputs=tuple(outputs),
        errors=tuple(run.errors),
        skipped=tuple(run.skipped),
    )


def _export_sec_datasets(
    run: _Run, paths: Iterable[str | os.PathLike[str]], out: Path, progress: bool
) -> list[Path]:
    builder = SecDatasetBuilder()
    files = {table: out / f"{table}.tsv" for table in TABLES}
    handles = {table: path.open("wb") for table, path in files.items()}
    try:
        for table, handle in handles.items():
            handle.write(write_dataset_tsv(table, ()))
            run.count(table, 0)
        for path, filing in run.filings(paths, progress, submissions_first=True):
            rows = run.dataset_rows(builder, path, filing)
            if rows is None:
                continue
            for table, table_rows in rows.items():
                if table_rows:
                    handles[table].write(write_dataset_tsv(table, format_rows(table_rows), header=False))
                    run.count(table, len(table_rows))
    finally:
        for handle in handles.values():
            handle.close()
    return list(files.values())


def _export_parquet(
    run: _Run, paths: Iterable[str | os.PathLike[str]], out: Path, progress: bool
) -> list[Path]:
    import pyarrow.parquet as pq

    builder = SecDatasetBuilder()
    gathered: dict[str, list[tuple[Cell, ...]]] = {table: [] for table in TABLES}
    transactions: list[dict[str, object]] = []
    for path, filing in run.filings(paths, progress, submissions_first=True):
        rows = run.dataset_rows(builder, path, filing)
        if rows is None:
            continue
        for table, table_rows in rows.items():
            gathered[table].extend(table_rows)
        transactions.extend(typed_transaction_rows(filing))
    outputs: list[Path] = []
    tables = dataset_tables(gathered)
    tables["transactions"] = transactions_table(transactions)
    for name, table in tables.items():
        target = out / f"{name}.parquet"
        pq.write_table(table, target)
        run.count(name, table.num_rows)
        outputs.append(target)
    return outputs


def _export_jsonl(
    run: _Run, paths: Iterable[str | os.PathLike[str]], out: Path, progress: bool
) -> list[Path]:
    target = out / "filings.jsonl"
    with target.open("w", encoding="utf-8", newline="\n") as handle:
        for _path, filing in run.filings(paths, progress):
            handle.write(json.dumps(filing_to_dict(filing), ensure_ascii=False))
            handle.write("\n")
            run.filings_written += 1
            run.count("filings", 1)
    return [target]


def _export_csv(run: _Run, paths: Iterable[str | os.PathLike[str]], out: Path, progress: bool) -> list[Path]:
    target = out / "transactions.csv"
    run.count("transactions", 0)
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=TRANSACTION_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for path, filing in run.filings(paths, progress):
            if filing.document is None:
                run.errors.append(
                    ExportIssue(
                        path,
                        DatasetError("holds no ownership document to export", source=str(path)),
                    )
                )
                continue
            rows = transaction_rows(filing)
            writer.writerows(rows)
            run.filings_written += 1
            run.count("transactions", len(rows))
    return [target]
