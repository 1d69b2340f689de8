"""The validate and deadline commands, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from section16.cli import main
from tests.validate._xml import document, tx


def test_deadline_seed() -> None:
    result = CliRunner().invoke(main, ["deadline", "2023-12-08", "--form", "4"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        "Form 4 due Tue 2023-12-12",
        "why: transaction Fri 2023-12-08; two business days later is Tue 2023-12-12",
    ]


def test_deadline_form5_json_and_bad_date() -> None:
    result = CliRunner().invoke(main, ["deadline", "2023-05-01", "--form", "5", "--fiscal-year-end", "0930",
                                       "--format", "json"])  # fmt: skip
    assert json.loads(result.output)["due"] == "2023-11-14"
    bad = CliRunner().invoke(main, ["deadline", "2023-13-01", "--form", "4"])
    assert bad.exit_code == 2 and "not a date" in bad.output


def test_validate_exit_codes_and_json(tmp_path: Path) -> None:
    clean = tmp_path / "clean.xml"
    clean.write_bytes(document())
    ok = CliRunner().invoke(main, ["validate", str(clean), "--today", "2024-01-01"])
    assert ok.exit_code == 0, ok.output
    bad = tmp_path / "bad.xml"
    bad.write_bytes(document(rows=tx(code="P", ad="D")))
    result = CliRunner().invoke(main, ["validate", str(bad), "--format", "json", "--today", "2024-01-01"])
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert found[0]["rule"] == "codes.acquired-disposed" and found[0]["row"] == 1
    assert "General Instruction 8" in found[0]["source"]
