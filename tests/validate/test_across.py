"""Rules across filings: holdings continuity, duplicates, amendments that change nothing."""

from __future__ import annotations

from section16.validate import validate_filings
from section16.validate.across import duplicates, empty_amendments, holdings_continuity
from tests.validate._xml import document, filing, tx

FIRST = dict(rows=tx(date="2023-12-08", shares="100", after="900"))


def test_holdings_continuity() -> None:
    one = filing(name="0000002488-23-000001.xml", **FIRST)  # type: ignore[arg-type]
    follows = filing(
        name="0000002488-23-000002.xml",
        rows=tx(date="2023-12-15", shares="100", after="800"),
        period="2023-12-15",
        signed="2023-12-18",
    )
    assert list(holdings_continuity((one, follows))) == []
    gap = filing(
        name="0000002488-23-000003.xml",
        rows=tx(date="2023-12-15", shares="100", after="700"),
        period="2023-12-15",
        signed="2023-12-18",
    )
    found = list(holdings_continuity((gap, one)))  # order comes from the dates, not the input
    assert [(f.accession, f.row) for f in found] == [("0000002488-23-000003", 1)]
    assert "expected 800" in found[0].message


def test_duplicates() -> None:
    a = filing(name="0000002488-23-000001.xml")
    b = filing(name="0000002488-23-000009.xml")
    found = list(duplicates((a, b)))
    assert [f.accession for f in found] == ["0000002488-23-000009"]
    assert list(duplicates((a, filing(name="x.xml", rows=tx(shares="7", after="993"))))) == []


def test_empty_amendments() -> None:
    original = filing(name="0000002488-23-000001.xml")
    same = document(
        form="4/A",
        extra_top="<dateOfOriginalSubmission>2023-12-12</dateOfOriginalSubmission>",
        signed="2023-12-20",
    )
    changed = document(
        form="4/A",
        extra_top="<dateOfOriginalSubmission>2023-12-12</dateOfOriginalSubmission>",
        rows=tx(price="11.00"),
    )
    found = list(empty_amendments((original, filing(same, name="0000002488-23-000002.xml"))))
    assert [f.rule for f in found] == ["across.empty-amendment"]
    assert list(empty_amendments((original, filing(changed, name="0000002488-23-000003.xml")))) == []


def test_validate_filings_runs_both_kinds() -> None:
    a = filing(name="0000002488-23-000001.xml", rows=tx(code="P", ad="D"))
    found = validate_filings(
        [a, filing(document(rows=tx(code="P", ad="D")), name="0000002488-23-000002.xml")]
    )
    assert {f.rule for f in found} == {"codes.acquired-disposed", "across.duplicate"}
