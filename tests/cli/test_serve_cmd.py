"""``section16 serve``: help, and a missing store is one line on stderr with exit code 1."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from section16.cli import main


def test_serve_help_names_its_options() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "127.0.0.1", "8016"):
        assert option in result.output


def test_serve_without_a_store_fails_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    result = CliRunner().invoke(main, ["serve", "--db", str(missing)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and str(missing) in lines[0] and "Traceback" not in result.output
    assert not missing.exists()
