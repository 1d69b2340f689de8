"""The rules over the real corpus: no crash, and the findings on filings read by hand are the ones
expected (each case below was checked against the filing's XML)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from section16.services.reading import read_paths
from section16.validate import Finding, validate_filing, validate_filings

pytestmark = pytest.mark.corpus


def _findings(corpus: Path, name: str) -> list[Finding]:
    results = list(read_paths([corpus / "xml" / name]))
    assert results[0].filing is not None, results[0].error
    return validate_filing(results[0].filing, today=date(2030, 1, 1))


def test_whole_corpus_runs(corpus_dir: Path) -> None:
    filings = [r.filing for r in read_paths([corpus_dir / "xml", corpus_dir / "submissions"]) if r.filing]
    assert len(filings) > 1000
    found = validate_filings(filings, today=date(2030, 1, 1))
    counts = Counter(f.rule for f in found)
    # The clean majority: most filings have no error at all.
    with_errors = {f.file for f in found if f.severity == "error"}
    assert len(with_errors) < len(filings) / 4
    assert counts["across.duplicate"] > 0  # xml/ and submissions/ hold the same filings


# (file, rule, field, why) — read by hand.
KNOWN = [
    (
        "0000899243-21-019441.xml",
        "codes.acquired-disposed",
        "transactionAcquiredDisposedCode",
        "Table II row 4: Class B Common Stock (convertible, so in Table II) acquired by exercise (X),"
        " coded A;"
        " the usual A/D of X in Table II is D, so the rule warns (a real but explainable exception)",
    ),
    (
        "0001209191-12-017317.xml",
        "codes.acquired-disposed",
        "transactionAcquiredDisposedCode",
        "Table II row 6: Class B Common Stock received by conversion (C), coded A; warned, as above",
    ),
    (
        "0001418812-23-000022.xml",
        "deadlines.late",
        "signatureDate",
        "transaction 2023-03-31 due 2023-04-04, signed 2023-05-02",
    ),
]


@pytest.mark.parametrize(("name", "rule", "field", "why"), KNOWN, ids=[k[0] for k in KNOWN])
def test_known_findings(corpus_dir: Path, name: str, rule: str, field: str, why: str) -> None:
    found = [(f.rule, f.field) for f in _findings(corpus_dir, name)]
    assert (rule, field) in found, why


def test_clean_filing_stays_clean(corpus_dir: Path) -> None:
    # AMD, a Form 4 read by hand: codes, amounts and dates are consistent.
    assert [f for f in _findings(corpus_dir, "0000002488-23-000088.xml") if f.severity == "error"] == []
