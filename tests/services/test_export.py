"""``services.export``: each format over real corpus files plus a broken one; the batch goes on, the
files written read back to what the library builds."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from section16.errors import ConfigError
from section16.parse import read_filing
from section16.services.export import export
from section16.write.records import TRANSACTION_COLUMNS, filing_from_dict
from section16.write.sec_datasets import TABLES, dataset_rows, read_dataset_tsv

NAMES = ("0000002488-23-000088", "0000895345-23-000388", "0000865752-23-000019")


@pytest.fixture
def inputs(corpus_dir: Path, tmp_path: Path) -> Path:
    """A folder (in the test's temporary directory) holding three real filings, the bare XML of one of
    them again (a duplicate), and one broken file."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in NAMES:
        source = corpus_dir / "submissions" / f"{name}.txt"
        if not source.exists():
            source = corpus_dir / "xml" / f"{name}.xml"
        shutil.copy(source, folder / source.name)
    shutil.copy(corpus_dir / "xml" / f"{NAMES[0]}.xml", folder / f"{NAMES[0]}.xml")
    (folder / "broken.xml").write_bytes(b"<?xml version='1.0'?><ownershipDocument><documentType>4")
    return folder


def _expected(inputs: Path) -> list:
    files = sorted(p for p in inputs.iterdir() if p.name != "broken.xml" and p.suffix != ".xml")
    return [read_filing(p.read_bytes(), name=str(p)) for p in files]


def test_sec_datasets(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = export([inputs], out, format="sec-datasets")
    assert report.files_read == 5
    assert report.filings_written == 3
    assert [issue.path.name for issue in report.errors] == ["broken.xml"]
    assert str(inputs / "broken.xml") in report.errors[0].message
    assert [issue.path.name for issue in report.skipped] == [f"{NAMES[0]}.xml"]
    assert not report.ok
    expected = dataset_rows(_expected(inputs))
    for table in TABLES:
        rows = read_dataset_tsv((out / f"{table}.tsv").read_bytes(), table=table)
        assert rows == expected[table], table
        assert report.rows_written[table] == len(rows)
    # the submission (with its header) was kept over the bare XML: FILING_DATE is there
    submission = read_dataset_tsv((out / "SUBMISSION.tsv").read_bytes(), table="SUBMISSION")
    assert all(row[1] for row in submission)


def test_parquet(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = export([inputs], out, format="parquet")
    assert report.filings_written == 3
    assert {p.name for p in report.outputs} == {f"{t}.parquet" for t in TABLES} | {"transactions.parquet"}
    expected = dataset_rows(_expected(inputs))
    for table in TABLES:
        assert pq.read_table(out / f"{table}.parquet").num_rows == len(expected[table])
    transactions = pq.read_table(out / "transactions.parquet")
    assert transactions.column_names == list(TRANSACTION_COLUMNS)
    assert transactions.num_rows == report.rows_written["transactions"] > 0


def test_jsonl_keeps_every_filing_read(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = export([inputs], out, format="jsonl")
    assert (report.files_read, report.filings_written, len(report.errors)) == (5, 4, 1)
    lines = (out / "filings.jsonl").read_text(encoding="utf-8").splitlines()
    filings = [filing_from_dict(json.loads(line)) for line in lines]
    assert {f.accession_number for f in filings} == set(NAMES)
    assert _expected(inputs)[0] in filings


def test_csv(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = export([inputs], out, format="csv")
    with (out / "transactions.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == list(TRANSACTION_COLUMNS)
    assert len(rows) == report.rows_written["transactions"]
    assert {r["accession_number"] for r in rows} == set(NAMES)
    assert [issue.path.name for issue in report.errors] == ["broken.xml"]


def test_an_unusable_output_is_a_config_error(tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("x")
    with pytest.raises(ConfigError, match="is a file"):
        export([tmp_path], target, format="csv")
    with pytest.raises(ConfigError, match="unknown export format"):
        export([tmp_path], tmp_path / "out", format="xlsx")  # type: ignore[arg-type]
