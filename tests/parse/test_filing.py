"""read_filing: any supported input into a Filing, with its source identified."""

from __future__ import annotations

import hashlib
from datetime import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from section16.errors import ParseError, UnsupportedFormat
from section16.model import SourceFormat
from section16.parse import accession_from_name, read_filing
from tests.conftest import corpus_files

SUBMISSIONS = [p for p in corpus_files("submissions") if p.suffix in (".txt", ".nc", ".sgml")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("0000002488-23-000088.xml", "0000002488-23-000088"),
        ("/data/000000248823000088/form4.xml", "0000002488-23-000088"),
        ("wf-form4_168478637113336.xml", None),
        (None, None),
    ],
)
def test_accession_from_name(name: str | None, expected: str | None) -> None:
    assert accession_from_name(name) == expected


def test_bare_xml_gets_hash_format_and_accession_from_its_name() -> None:
    data = b"<ownershipDocument><documentType>4</documentType></ownershipDocument>"
    filing = read_filing(data, name="x/0001234567-24-000001.xml")
    assert filing.source.format is SourceFormat.OWNERSHIP_XML
    assert filing.source.sha256 == hashlib.sha256(data).hexdigest()
    assert filing.source.size == len(data)
    assert filing.accession_number == "0001234567-24-000001"
    assert filing.header is None and filing.document is not None


def test_not_a_filing_is_told_apart() -> None:
    with pytest.raises(UnsupportedFormat, match="not an ownership document or EDGAR submission"):
        read_filing(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", name="x.png")


def test_an_error_inside_a_submission_names_the_line_of_the_whole_file() -> None:
    head = (
        b"<SEC-DOCUMENT>0000000001-24-000001.txt : 20240101\n<SEC-HEADER>0000000001-24-000001.hdr.sgml\n"
        b"ACCESSION NUMBER:\t\t0000000001-24-000001\nCONFORMED SUBMISSION TYPE:\t4\n</SEC-HEADER>\n"
        b"<DOCUMENT>\n<TYPE>4\n<SEQUENCE>1\n<FILENAME>f.xml\n<TEXT>\n<XML>\n"
    )
    body = b'<?xml version="1.0"?>\n<ownershipDocument>\n<documentType>4</documentType>\n<issuer>\n'
    tail = b"</ownershipDocument>\n</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    with pytest.raises(ParseError) as info:
        read_filing(head + body + tail, name="broken.txt")
    err = info.value
    assert err.source == "broken.txt"
    lines = (head + body).count(b"\n")
    assert err.line is not None and lines <= err.line <= lines + 2


@pytest.mark.corpus
@pytest.mark.parametrize("path", SUBMISSIONS, ids=[p.name for p in SUBMISSIONS])
def test_every_corpus_submission_reads(path: object) -> None:
    from pathlib import Path

    assert isinstance(path, Path)
    filing = read_filing(path.read_bytes(), name=str(path))
    assert filing.header is not None
    assert filing.accession_number == filing.header.accession_number
    if path.name == "0001094891-00-000193.txt":  # year-2000 text-only Form 4
        assert filing.document is None
        assert any("no structured document" in n for n in filing.source.notes)
    else:
        assert filing.document is not None
        assert filing.document.document_type is not None


def test_a_real_submission_read_by_hand(corpus_dir: object) -> None:
    from pathlib import Path

    assert isinstance(corpus_dir, Path)
    filing = read_filing((corpus_dir / "submissions/0000002488-23-000088.txt").read_bytes())
    assert filing.accession_number == "0000002488-23-000088"
    assert filing.header is not None
    assert filing.header.acceptance_datetime == datetime(2023, 5, 22, 16, 13, 17)
    assert filing.source.document_filename == "wf-form4_168478637113336.xml"
    doc = filing.document
    assert doc is not None and doc.issuer is not None
    assert doc.issuer.issuer_trading_symbol == "AMD"
    assert doc.reporting_owners[0].rpt_owner_name == "Olson Jon A"
    assert len(doc.non_derivative_table) == 2 and len(doc.derivative_table) == 2


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_any_bytes_give_a_filing_or_a_parse_error_naming_the_file(data: bytes) -> None:
    try:
        read_filing(data, name="fuzz.bin")
    except ParseError as exc:
        assert str(exc).startswith("fuzz.bin")


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["<SEC-DOCUMENT>", "<SUBMISSION>", "<ownershipDocument>", "<?xml version='1.0'?>"]),
    st.binary(max_size=400),
)
def test_damaged_inputs_of_each_format_give_a_parse_error_naming_the_file(head: str, rest: bytes) -> None:
    try:
        read_filing(head.encode() + rest, name="fuzz.txt")
    except ParseError as exc:
        assert str(exc).startswith("fuzz.txt")


def test_a_digest_the_caller_already_has_is_used_not_recomputed() -> None:
    data = b"<ownershipDocument><documentType>4</documentType></ownershipDocument>"
    digest = hashlib.sha256(data).hexdigest()
    assert read_filing(data, sha256=digest).source.sha256 == digest
    assert read_filing(data, sha256="0" * 64).source.sha256 == "0" * 64  # taken as given
