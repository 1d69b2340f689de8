"""services.validation: files, unreadable files as findings, and the XSD check."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from section16.errors import ConfigError
from section16.services.validation import validate_paths
from tests.conftest import CORPUS
from tests.validate._xml import document, tx


def test_files_and_read_errors(tmp_path: Path) -> None:
    (tmp_path / "0000002488-23-000001.xml").write_bytes(document(rows=tx(code="P", ad="D")))
    (tmp_path / "broken.xml").write_bytes(b"<ownershipDocument><documentType>4")
    report = validate_paths([tmp_path], today=date(2024, 1, 1))
    assert (report.files, report.failed) == (2, 1)
    rules = {(Path(f.file or "").name, f.rule) for f in report.findings}
    assert ("broken.xml", "read.error") in rules
    assert ("0000002488-23-000001.xml", "codes.acquired-disposed") in rules
    assert not report.ok


def test_missing_xsd_dir_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such folder"):
        validate_paths([tmp_path], xsd_dir=tmp_path / "nope")


@pytest.mark.corpus
def test_xsd_check_against_the_official_schemas(tmp_path: Path, corpus_dir: Path) -> None:
    good = tmp_path / "good.xml"
    good.write_bytes(document())
    assert validate_paths([good], today=date(2024, 1, 1), xsd_dir=corpus_dir / "schema").ok
    bad = tmp_path / "bad.xml"
    bad.write_bytes(document(rows=tx(code="Q")))  # not in TRANS_CODE_PICKLIST
    report = validate_paths([bad], today=date(2024, 1, 1), xsd_dir=CORPUS / "schema")
    xsd = [f for f in report.findings if f.rule == "xsd.invalid"]
    assert xsd and "transactionCode" in (xsd[0].field or "") and xsd[0].message.startswith("line ")
