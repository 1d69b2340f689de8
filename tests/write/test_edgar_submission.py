"""The EDGAR ownership submission file (section16.write.edgar_submission) and the checks of what it
encloses (section16.validate.submission.enclosure_findings, EDGAR Ownership XML Technical Specification
v5.5 sections 3.6.3 and 4.2): the documents come back byte for byte, the file follows
edgarSubmission.xsd, and each naming, type and count rule fires."""

from __future__ import annotations

import base64

import pytest
from lxml import etree

from section16.services.validation import submission_xsd_findings
from section16.validate.submission import enclosure_findings
from section16.write.edgar_submission import Enclosure, write_edgar_submission
from tests.conftest import CORPUS

SCHEMAS = CORPUS / "schema"
XML = (
    b'<?xml version="1.0"?>\n<ownershipDocument>\n  <documentType>4/A</documentType>\n</ownershipDocument>\n'
)
POA = b"Power of attorney: Jane & John <Doe>\n" * 40


def _written(**kw: object) -> bytes:
    documents = [Enclosure("form4a.xml", "4/A", XML), Enclosure("poa.txt", "EX-24", POA, "Power & attorney")]
    return write_edgar_submission(submission_type="4/A", documents=documents, **kw)  # type: ignore[arg-type]


def test_documents_come_back_byte_for_byte() -> None:
    tree = etree.fromstring(
        _written(live=True, contact_name="Doe & Co", notify=("a@example.com", "b@example.com"))
    )
    assert tree.findtext("submissionType") == "4/A" and tree.findtext("testOrLive") == "LIVE"
    assert tree.findtext("pointOfContact/contactName") == "Doe & Co"
    assert tree.find("pointOfContact/contactEmailAddress") is None
    assert [e.text for e in tree.iterfind("notificationAddresses/notificationEmailAddress")] == [
        "a@example.com",
        "b@example.com",
    ]
    documents = tree.findall("edgarDocument")
    assert [d.findtext("documentName") for d in documents] == ["form4a.xml", "poa.txt"]
    assert documents[1].findtext("documentDescription") == "Power & attorney"
    assert documents[0].find("documentDescription") is None
    blocks = [d.findtext("documentMimeBlock") or "" for d in documents]
    assert [base64.b64decode(b) for b in blocks] == [XML, POA]
    assert all(len(line) <= 76 for b in blocks for line in b.split())


def test_a_test_filing_by_default_without_contact_or_addresses() -> None:
    tree = etree.fromstring(_written(live=False))
    assert tree.findtext("testOrLive") == "TEST"
    assert tree.find("pointOfContact") is None and tree.find("notificationAddresses") is None


def test_the_file_follows_the_sec_schema() -> None:
    if not SCHEMAS.is_dir():
        pytest.skip("the corpus schemas are absent")
    assert submission_xsd_findings(_written(live=False, contact_email="x@example.com"), xsd_dir=SCHEMAS) == []
    bad = _written(live=False).replace(b"<testOrLive>TEST</testOrLive>", b"<testOrLive>MAYBE</testOrLive>")
    found = submission_xsd_findings(bad, xsd_dir=SCHEMAS, file="s.xml")
    assert [(f.rule, f.file) for f in found] == [("xsd.invalid", "s.xml")]


def _rules(submission_type: str, documents: list[tuple[str, str]]) -> list[tuple[str, int | None]]:
    return [(f.rule, f.row) for f in enclosure_findings(submission_type, documents)]


def test_a_good_set_of_documents_passes() -> None:
    documents = [
        ("form4.xml", "4"),
        ("poa.txt", "EX-24"),
        ("cover_1.htm", "COVER.1"),
        ("chart.gif", "GRAPHIC"),
    ]
    assert _rules("4", documents) == []
    assert _rules("4", [("ex-99.note.txt", "EX-99.myExhibit")]) == [
        ("submission.file-name", 1),
        ("submission.documents", None),
    ]


@pytest.mark.parametrize(
    "name",
    [
        "Form4.xml",
        "4form.xml",
        "form4",
        "a" * 30 + ".txt",
        "po_a_x.txt",
        "poa--x.txt",
        "poa x.txt",
        "poa.pdf",
        "poa.doc",
    ],
)
def test_supporting_file_names_edgar_refuses(name: str) -> None:
    assert _rules("4", [("form4.xml", "4"), (name, "EX-24")]) == [("submission.file-name", 2)]


def test_primary_document_rules() -> None:
    assert _rules("4", [("form4.txt", "4")]) == [("submission.file-name", 1)]
    # No document of the submission type: none is primary, and an .xml supporting document is refused.
    assert _rules("4", [("form4.xml", "4/A")]) == [
        ("submission.file-name", 1),
        ("submission.document-type", 1),
        ("submission.documents", None),
    ]
    # Two documents of the submission type: two primary documents.
    assert _rules("4", [("form4.xml", "4"), ("again.xml", "4")]) == [("submission.documents", None)]
    assert ("submission.document-type", None) in _rules("8-K", [("form.xml", "8-K")])


def test_supporting_document_types_and_counts() -> None:
    assert _rules("4", [("form4.xml", "4"), ("x.txt", "EX-24." + "a" * 20)]) == [
        ("submission.document-type", 2)
    ]
    assert _rules("4", [("form4.xml", "4"), ("x.txt", "EX-10")]) == [("submission.document-type", 2)]
    assert _rules("4", [("form4.xml", "4"), ("x.txt", "COVER.")]) == [("submission.document-type", 2)]
    assert _rules("4", [("form4.xml", "4"), ("x.txt", "COVER.my note")]) == [("submission.document-type", 2)]
    covers = [("form4.xml", "4")] + [(f"c{n}.txt", "COVER") for n in range(11)]
    assert _rules("4", covers) == [("submission.documents", None)]
    many = [("form4.xml", "4")] + [(f"x{n}.txt", "EX-99") for n in range(611)]
    assert sorted(set(_rules("4", many))) == [("submission.documents", None)]
    assert len(_rules("4", many)) == 2  # over 611 documents, and over 500 exhibits
