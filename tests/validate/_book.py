"""A crafted book of filings whose cross-filing findings are known, for validating a store
(``section16 validate --db``) against file mode.

Issuer ACME (CIK 0000002488, one filing spells it 2488), reporting owner Jane Doe (CIK 0001234500):

  0000002488-23-000001.xml  S 100 on 2023-12-08, owns 900 after
  0000002488-23-000003.xml  S 100 on 2023-12-15, owns 700 after: continuity break, 900 - 100 is 800
  0000002488-23-000004.xml  the document of -000001 again (other bytes, an XML comment): a duplicate
  0000002488-23-000005.xml  4/A of -000001 changing nothing but the form and signature: empty amendment
  0000002488-23-000006.xml  issuer CIK filed as "2488"; S 100 on 2023-12-20, owns 500 after: a break
                            (700 - 100 is 600), found only when both spellings are one issuer
Issuer OTHER (CIK 0000009999), the same owner:
  0000009999-23-000001.xml  S 100 on 2023-12-11, owns 5000 after: its own position, no finding
  0000009999-23-000002.xml  P 100 marked disposed (D): codes.acquired-disposed, an error
"""

from __future__ import annotations

from pathlib import Path

from tests.validate._xml import document, tx

TODAY = "2024-01-31"

# (accession, rule) of every cross-filing finding the book holds.
CROSS_FINDINGS = {
    ("0000002488-23-000003", "across.holdings-continuity"),
    ("0000002488-23-000004", "across.duplicate"),
    ("0000002488-23-000005", "across.empty-amendment"),
    ("0000002488-23-000006", "across.holdings-continuity"),
}


def write_book(folder: Path) -> Path:
    """Write the book's files into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    first = document(rows=tx(date="2023-12-08", shares="100", after="900"))
    files = {
        "0000002488-23-000001.xml": first,
        "0000002488-23-000003.xml": document(
            rows=tx(date="2023-12-15", shares="100", after="700"), period="2023-12-15", signed="2023-12-18"
        ),
        "0000002488-23-000004.xml": first.replace(
            b"<ownershipDocument>", b"<ownershipDocument><!-- copy -->"
        ),
        "0000002488-23-000005.xml": document(
            form="4/A",
            rows=tx(date="2023-12-08", shares="100", after="900"),
            extra_top="<dateOfOriginalSubmission>2023-12-12</dateOfOriginalSubmission>",
            signed="2023-12-20",
        ),
        "0000002488-23-000006.xml": document(
            rows=tx(date="2023-12-20", shares="100", after="500"),
            period="2023-12-20",
            signed="2023-12-21",
            issuer_cik="2488",
        ),
        "0000009999-23-000001.xml": document(
            rows=tx(date="2023-12-11", shares="100", after="5000"),
            period="2023-12-11",
            signed="2023-12-12",
            issuer_cik="0000009999",
        ),
        "0000009999-23-000002.xml": document(
            rows=tx(date="2023-12-12", code="P", ad="D", shares="100", after="4900"),
            period="2023-12-12",
            signed="2023-12-13",
            issuer_cik="0000009999",
        ),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder
