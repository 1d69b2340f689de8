"""``section16 parse``: formats, errors on one line, the batch going on, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from section16.cli import main

GOOD = b"""<?xml version="1.0"?><ownershipDocument><documentType>4</documentType>
<periodOfReport>2023-12-08</periodOfReport><issuer><issuerCik>0001279704</issuerCik>
<issuerName>Cellectar Biosciences, Inc.</issuerName><issuerTradingSymbol>CLRB</issuerTradingSymbol></issuer>
<reportingOwner><reportingOwnerId><rptOwnerCik>0001234567</rptOwnerCik>
<rptOwnerName>Shustov Andrei</rptOwnerName>
</reportingOwnerId><reportingOwnerRelationship><isOfficer>1</isOfficer></reportingOwnerRelationship></reportingOwner>
<nonDerivativeTable><nonDerivativeTransaction><securityTitle><value>Common Stock</value></securityTitle>
<transactionDate><value>2023-12-08</value></transactionDate><transactionCoding><transactionFormType>4</transactionFormType>
<transactionCode>A</transactionCode><equitySwapInvolved>0</equitySwapInvolved></transactionCoding>
<transactionAmounts><transactionShares><value>47856</value></transactionShares>
<transactionPricePerShare><value>0</value><footnoteId id="F1"/></transactionPricePerShare>
<transactionAcquiredDisposedCode><value>A</value></transactionAcquiredDisposedCode></transactionAmounts>
<postTransactionAmounts><sharesOwnedFollowingTransaction><value>55037.7</value></sharesOwnedFollowingTransaction>
</postTransactionAmounts><ownershipNature><directOrIndirectOwnership><value>D</value></directOrIndirectOwnership>
</ownershipNature></nonDerivativeTransaction></nonDerivativeTable>
<footnotes><footnote id="F1">Restricted stock award.</footnote></footnotes>
<ownerSignature><signatureName>/s/ Christina Blakley</signatureName><signatureDate>2023-12-12</signatureDate>
</ownerSignature></ownershipDocument>"""


def make(tmp_path: Path) -> Path:
    folder = tmp_path / "filings"
    folder.mkdir()
    (folder / "0001279704-23-000101.xml").write_bytes(GOOD)
    (folder / "0001279704-23-000102.xml").write_bytes(GOOD[:400])  # truncated
    return folder


def test_json_of_one_file_carries_the_model(tmp_path: Path) -> None:
    folder = make(tmp_path)
    result = CliRunner().invoke(main, ["parse", str(folder / "0001279704-23-000101.xml")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["accession_number"] == "0001279704-23-000101"
    row = data["document"]["non_derivative_table"][0]
    assert row["transaction_price_per_share"] == {"value": "0", "footnote_ids": ["F1"]}


def test_a_bad_file_is_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = make(tmp_path)
    result = CliRunner().invoke(main, ["parse", str(folder), "--format", "jsonl"])
    assert result.exit_code == 1
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["accession_number"] == "0001279704-23-000101"
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1
    assert "0001279704-23-000102.xml:" in errors[0] and "not well-formed XML" in errors[0]
    assert "Traceback" not in result.output


def test_table_and_csv(tmp_path: Path) -> None:
    folder = make(tmp_path)
    good = str(folder / "0001279704-23-000101.xml")
    table = CliRunner().invoke(main, ["parse", good, "--format", "table"])
    assert table.exit_code == 0 and "CLRB" in table.output and "47856" in table.output
    csv_out = CliRunner().invoke(main, ["parse", good, "--format", "csv"])
    header, row = csv_out.output.strip().splitlines()
    assert header.startswith("accession_number,") and "47856" in row


def test_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["parse", str(tmp_path / "nope.xml")])
    assert result.exit_code == 1
    assert "no such file" in result.stderr


def test_xml_writes_the_document_back(tmp_path: Path) -> None:
    folder = make(tmp_path)
    good = folder / "0001279704-23-000101.xml"
    result = CliRunner().invoke(main, ["parse", str(good), "--format", "xml"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('<?xml version="1.0"?>\n<ownershipDocument>')
    again = tmp_path / "again.xml"
    again.write_text(result.stdout)
    from section16 import parse

    assert parse(again).document == parse(good).document
    many = CliRunner().invoke(main, ["parse", str(folder), "--format", "xml"])
    assert many.exit_code == 1 and "exactly one file" in many.stderr


def test_a_folder_of_rendered_copies_is_read_whatever_the_suffix(tmp_path: Path, corpus_dir: Path) -> None:
    """A folder holding a PDF and markdown converted from a print is read file by file: the markdown
    (the seed, a converter's output) gives the form; a PDF that is not a form is an error naming it."""
    pypdfium2 = pytest.importorskip("pypdfium2")
    seed = corpus_dir.parent / "seeds" / "000_3f47c6079172a788.txt"
    if not seed.exists():
        pytest.skip("the seed is not beside the corpus")
    folder = tmp_path / "prints"
    folder.mkdir()
    (folder / "form4.md").write_bytes(seed.read_bytes())
    blank = pypdfium2.PdfDocument.new()
    blank.new_page(612, 792)
    blank.save(str(folder / "scan.pdf"))
    result = CliRunner().invoke(main, ["parse", str(folder), "--format", "jsonl"])
    assert result.exit_code == 1  # the blank PDF is not a form
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [line["document"]["issuer"]["issuer_trading_symbol"] for line in lines] == ["CLRB"]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "scan.pdf" in errors[0]
