"""``section16 export``: a folder of corpus files plus one broken file; the batch goes on, errors are one
line each naming the file, a summary line, exit code 1."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from section16.cli import main
from section16.write.sec_datasets import TABLES, read_dataset_tsv
from tests.conftest import corpus_files


@pytest.fixture
def folder(corpus_dir: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "filings"
    folder.mkdir()
    for path in corpus_files("xml", "0000*.xml")[:6]:
        shutil.copy(path, folder / path.name)
    (folder / "0000000000-23-000001.xml").write_bytes(b"<?xml version='1.0'?>\n<ownershipDocument>\n<issuer>")
    return folder


@pytest.mark.parametrize("fmt", ["sec-datasets", "parquet", "jsonl", "csv"])
def test_export_goes_on_past_a_broken_file_and_exits_1(folder: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--no-progress", str(out), str(folder)])
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1
    assert errors[0].startswith(f"{folder / '0000000000-23-000001.xml'}:")
    assert "Traceback" not in result.output
    assert result.stdout.startswith("7 file(s) read, 6 filing(s) written to ")
    assert result.stdout.rstrip().endswith("1 file(s) failed")


def test_sec_datasets_files_read_back(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (folder / "0000000000-23-000001.xml").unlink()
    result = CliRunner().invoke(main, ["export", str(out), str(folder)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.tsv" for t in TABLES)
    submission = read_dataset_tsv((out / "SUBMISSION.tsv").read_bytes(), table="SUBMISSION")
    assert len(submission) == 6


def test_help_names_every_format() -> None:
    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0
    for fmt in ("sec-datasets", "parquet", "jsonl", "csv"):
        assert fmt in result.output
