"""``section16 ingest`` and ``section16 reparse``: archives, errors as one line, exit codes, idempotency."""

from __future__ import annotations

import tarfile
import zipfile
from pathlib import Path

from click.testing import CliRunner

from section16.cli import main
from section16.store import open_store
from tests.conftest import corpus_files, require_corpus


def _some_filings() -> list[Path]:
    require_corpus()
    return corpus_files("xml", "*.xml")[:12]


def test_ingest_zip_and_tar_gz_then_again(tmp_path: Path) -> None:
    files = _some_filings()
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as z:
        for f in files[:6]:
            z.write(f, f"inner/{f.name}")
    with tarfile.open(tmp_path / "b.tar.gz", "w:gz") as t:
        for f in files[6:]:
            t.add(f, f.name)
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(tmp_path / "a.zip"), str(tmp_path / "b.tar.gz"), "--db", db])
    assert first.exit_code == 0, first.output
    with open_store(db) as store:
        assert store.count("filings") == len(files)
        names = {r[0] for r in store.query("SELECT source_name FROM filings")}
    assert any("a.zip!inner/" in n for n in names)
    assert any("b.tar.gz!" in n for n in names)
    again = runner.invoke(main, ["ingest", str(tmp_path), "--db", db])  # the folder holds both archives
    assert again.exit_code == 0, again.output
    assert f"stored 0 filing(s); {len(files)} already stored" in again.output
    reparsed = runner.invoke(main, ["reparse", "--db", db])
    assert reparsed.exit_code == 0, reparsed.output
    assert f"reparsed {len(files)} filing(s)" in reparsed.output


def test_bad_file_is_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = _some_filings()[0]
    bad = tmp_path / "broken.xml"
    bad.write_bytes(b"<ownershipDocument><issuer>")
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(main, ["ingest", str(bad), str(good), "--db", db])
    assert result.exit_code == 1
    error_lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1
    assert str(bad) in error_lines[0]
    assert "Traceback" not in result.output
    with open_store(db) as store:
        assert store.count("filings") == 1


def test_missing_path_is_reported(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1
    assert "nope: no such file or folder" in result.output
