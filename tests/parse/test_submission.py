"""Tests of section16.parse.submission: format detection, SEC headers in both styles, the ownership XML
cut out of real complete submissions byte for byte, and ParseError (never a crash) for bad input."""

from __future__ import annotations

import contextlib
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from section16.errors import ParseError, UnsupportedFormat
from section16.model import SourceFormat
from section16.parse.submission import SubmissionParts, detect_format, split_submission
from tests.conftest import CORPUS, corpus_files

SUBMISSIONS = corpus_files("submissions") + corpus_files("submissions/headers")


def _manifest() -> list[list[str]]:
    """The rows of MANIFEST.tsv about submissions (file, source_repo, ..., form_type, ..., notes)."""
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    rows = [line.split("\t") for line in manifest.read_text(encoding="utf-8").splitlines()]
    return [row for row in rows if row[0].startswith("submissions/")]


MANIFEST = _manifest()
FORM_TYPES = {row[0]: row[4] for row in MANIFEST}
EXTRACTED = [(row[0], match[1]) for row in MANIFEST if (match := re.search(r"xml_extracted=(\S+)", row[-1]))]


def _split(relative: str) -> SubmissionParts:
    path = CORPUS / relative
    if not path.is_file():
        pytest.skip(f"corpus file {path} not found: these tests need ../shared/corpus beside the repository")
    return split_submission(path.read_bytes(), source=path.name)


# --- every real file --------------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("path", SUBMISSIONS, ids=lambda p: p.name)
def test_every_corpus_submission_reads(path: Path) -> None:
    data = path.read_bytes()
    found = detect_format(data)
    assert found is not None and found is not SourceFormat.OWNERSHIP_XML
    parts = split_submission(data, source=path.name)
    assert parts.format is found
    assert parts.header is not None
    assert parts.header.accession_number is not None
    assert re.fullmatch(r"\d{10}-\d{2}-\d{6}", parts.header.accession_number)
    relative = path.relative_to(CORPUS).as_posix()
    assert parts.header.submission_type == FORM_TYPES[relative]
    assert parts.header.reporting_owners, "every Form 4 header names its reporting owner"
    if found is not SourceFormat.HEADER:
        assert parts.header.documents
        assert len(parts.header.documents) == parts.header.public_document_count


@pytest.mark.corpus
@pytest.mark.parametrize(("submission", "xml"), EXTRACTED, ids=[s for s, _ in EXTRACTED])
def test_extracted_xml_is_the_corpus_file_byte_for_byte(submission: str, xml: str) -> None:
    parts = _split(submission)
    assert parts.xml == (CORPUS / xml).read_bytes()
    assert parts.document_filename is not None
    assert parts.header is not None
    assert parts.document_filename in {d.filename for d in parts.header.documents}


def test_manifest_lists_extracted_xml() -> None:
    if not CORPUS.is_dir():
        pytest.skip(f"corpus not found at {CORPUS}")
    assert len(EXTRACTED) > 600


# --- header facts checked by hand -------------------------------------------------------------------


@pytest.mark.corpus
def test_label_style_header_of_a_complete_submission() -> None:
    parts = _split("submissions/0000002488-23-000088.txt")
    header = parts.header
    assert parts.format is SourceFormat.SUBMISSION_TEXT
    assert header is not None
    assert header.accession_number == "0000002488-23-000088"
    assert header.submission_type == "4"
    assert header.public_document_count == 1
    assert header.period_of_report == date(2023, 5, 18)
    assert header.filed_as_of_date == date(2023, 5, 22)
    assert header.date_as_of_change == date(2023, 5, 22)
    assert header.acceptance_datetime == datetime(2023, 5, 22, 16, 13, 17)
    issuer = header.issuer
    assert issuer is not None
    assert issuer.conformed_name == "ADVANCED MICRO DEVICES INC"
    assert issuer.cik == "0000002488"
    assert issuer.fiscal_year_end == "1230"
    assert issuer.standard_industrial_classification == "SEMICONDUCTORS & RELATED DEVICES [3674]"
    assert issuer.irs_number == "941692300"
    assert issuer.business_address is not None
    assert issuer.business_address.phone == "(408) 749-4000"
    assert issuer.business_address.city == "SANTA CLARA"
    (owner,) = header.reporting_owners
    assert (owner.conformed_name, owner.cik) == ("Olson Jon A", "0001331263")
    assert (owner.form_type, owner.sec_act, owner.sec_file_number, owner.film_number) == (
        "4",
        "1934 Act",
        "001-07882",
        "23944560",
    )
    assert owner.mail_address is not None and owner.mail_address.zip == "95124"
    assert owner.business_address is None
    (document,) = header.documents
    assert (document.type, document.sequence, document.filename, document.description) == (
        "4",
        1,
        "wf-form4_168478637113336.xml",
        "FORM 4",
    )
    assert parts.document_filename == "wf-form4_168478637113336.xml"
    assert ("ISSUER/COMPANY DATA/FISCAL YEAR END", "1230") in header.fields
    assert header.fields[0] == ("SEC-HEADER", "0000002488-23-000088.hdr.sgml : 20230522")
    assert parts.notes == ()


@pytest.mark.corpus
def test_several_owners_and_exhibits() -> None:
    header = _split("submissions/0000899140-23-000516.txt").header
    assert header is not None
    assert [o.conformed_name for o in header.reporting_owners] == [
        "LINDENBAUM BENNETT D",
        "BASSWOOD CAPITAL MANAGEMENT, L.L.C.",
        "LINDENBAUM MATTHEW A",
    ]
    assert header.reporting_owners[1].state_of_incorporation == "DE"
    assert header.issuer is not None
    assert (header.issuer.cik, header.issuer.fiscal_year_end) == ("0000846617", "1231")
    assert [(d.type, d.filename) for d in header.documents] == [
        ("4", "form4.xml"),
        ("EX-99.1", "b62475433a.htm"),
        ("EX-99.2", "b62475433b.htm"),
        ("EX-99.3", "b62475433c.htm"),
    ]


@pytest.mark.corpus
def test_former_names_in_label_style() -> None:
    header = _split("submissions/0000019617-23-000273.txt").header
    assert header is not None
    (owner,) = header.reporting_owners  # FORMER NAME: blocks (a person or firm that files)
    assert (owner.conformed_name, owner.cik) == ("JPMORGAN CHASE & CO", "0000019617")
    assert [(f.former_conformed_name, f.date_changed) for f in owner.former_names] == [
        ("J P MORGAN CHASE & CO", date(2001, 1, 2)),
        ("CHASE MANHATTAN CORP /DE/", date(1996, 4, 2)),
        ("CHEMICAL BANKING CORP", date(1992, 7, 3)),
    ]
    assert header.issuer is not None  # FORMER COMPANY: blocks
    assert [(f.former_conformed_name, f.date_changed) for f in header.issuer.former_names] == [
        ("Sonus Networks, Inc.", date(2017, 10, 27)),
        ("Solstice Sapphire Investments, Inc.", date(2017, 5, 31)),
    ]


@pytest.mark.corpus
def test_tag_style_dissemination_file_with_bare_cr_line_ends() -> None:
    parts = _split("submissions/0001127602-25-004598.nc")
    header = parts.header
    assert parts.format is SourceFormat.DISSEMINATION_SGML
    assert header is not None
    assert header.accession_number == "0001127602-25-004598"
    assert header.period_of_report == date(2025, 2, 12)
    assert header.filed_as_of_date == date(2025, 2, 13)
    assert header.date_as_of_change == date(2025, 2, 13)
    assert header.acceptance_datetime is None  # the .nc header carries none
    issuer = header.issuer
    assert issuer is not None
    assert (issuer.conformed_name, issuer.cik, issuer.fiscal_year_end) == (
        "ARROW ELECTRONICS, INC.",
        "0000007536",
        "1231",
    )
    assert issuer.standard_industrial_classification == "5065"  # <ASSIGNED-SIC> holds the code alone
    assert issuer.organization_name == "07 Trade & Services"
    assert [(f.former_conformed_name, f.date_changed) for f in issuer.former_names] == [
        ("ARROW ELECTRONICS, INC", date(2022, 11, 17)),
        ("ARROW ELECTRONICS INC", date(1992, 7, 3)),
    ]
    (owner,) = header.reporting_owners
    assert (owner.conformed_name, owner.cik, owner.sec_act, owner.sec_file_number) == (
        "Jean-Claude Carine Lamercie",
        "0001870985",
        "34",
        "001-04482",
    )
    assert owner.organization_name is None  # <ORGANIZATION-NAME> with nothing after it
    assert ("ISSUER/COMPANY-DATA/FISCAL-YEAR-END", "1231") in header.fields
    assert ("REPORTING-OWNER/OWNER-DATA/ORGANIZATION-NAME", "") in header.fields
    assert any("bare CR" in note for note in parts.notes)
    assert parts.document_filename == "form4.xml"
    assert parts.xml is not None and parts.xml.startswith(b'<?xml version="1.0"?>\r<ownershipDocument>')


@pytest.mark.corpus
def test_file_named_sgml_holding_a_complete_submission_text() -> None:
    parts = _split("submissions/0000950170-25-003585.sgml")
    assert parts.format is SourceFormat.SUBMISSION_TEXT
    assert parts.header is not None and parts.header.issuer is not None
    assert parts.header.issuer.conformed_name == "Tesla, Inc."
    assert parts.header.issuer.organization_name == "04 Manufacturing"
    assert parts.header.acceptance_datetime == datetime(2025, 1, 8, 19, 0, 5)


@pytest.mark.corpus
def test_header_re_indented_with_spaces() -> None:
    parts = _split("submissions/0001790565-23-000009.txt")
    header = parts.header
    assert header is not None
    assert [e.role for e in header.entities] == ["REPORTING-OWNER", "ISSUER"]
    assert header.reporting_owners[0].conformed_name == "Baglino Andrew D"
    assert header.issuer is not None and header.issuer.fiscal_year_end == "1231"
    assert header.issuer.former_names[0].former_conformed_name == "TESLA MOTORS INC"
    assert parts.xml is not None and parts.xml.startswith(b'                <?xml version="1.0"?>')


@pytest.mark.corpus
def test_year_2000_text_form_in_a_pem_envelope() -> None:
    parts = _split("submissions/0001094891-00-000193.txt")
    header = parts.header
    assert parts.format is SourceFormat.SUBMISSION_TEXT
    assert parts.xml is None and parts.document_filename is None
    assert header is not None
    assert header.accession_number == "0001094891-00-000193"
    assert header.period_of_report == date(2000, 2, 29)
    assert header.filed_as_of_date == date(2000, 3, 14)
    assert header.acceptance_datetime is None
    assert [e.role for e in header.entities] == ["SUBJECT-COMPANY", "REPORTING-OWNER"]
    subject, owner = header.entities
    assert (subject.cik, subject.fiscal_year_end) == ("0000911787", "0630")
    assert subject.former_names[0].date_changed == date(1996, 6, 7)
    # <REPORTING-OWNER> ... </REPORTING-OWNER> wraps unindented blocks in this old header
    assert (owner.conformed_name, owner.cik, owner.form_type) == ("FOSTER ALAN H", "0001050609", "4")
    assert owner.business_address is not None and owner.business_address.street2 == "509 MADISON AVE"
    assert ("REPORTING-OWNER/COMPANY DATA/RELATIONSHIP", "DIRECTOR") in header.fields
    assert [d.description for d in header.documents] == ["FORM 4 - FEBRUARY 29,2000"]
    assert any("PEM" in note for note in parts.notes)


@pytest.mark.corpus
def test_1990s_header_alone() -> None:
    parts = _split("submissions/headers/edgartools_1990sheader.txt")
    assert parts.format is SourceFormat.HEADER
    assert parts.xml is None
    header = parts.header
    assert header is not None
    assert header.accession_number == "0001012325-98-000004"
    assert header.filed_as_of_date == date(1998, 11, 20)
    assert header.documents == ()
    assert [(e.role, e.cik) for e in header.entities] == [
        ("SUBJECT-COMPANY", "0001035972"),
        ("REPORTING-OWNER", "0001012325"),
    ]


@pytest.mark.corpus
def test_index_headers_page_and_header_fragment() -> None:
    page = _split("submissions/headers/edgartools_form4.index-headers.html")
    assert page.format is SourceFormat.HEADER
    assert page.header is not None
    assert page.header.accession_number == "0001062993-24-012217"
    assert page.header.acceptance_datetime == datetime(2024, 6, 7, 18, 10, 30)
    assert page.header.issuer is not None and page.header.issuer.cik == "0000914156"
    fragment = _split("submissions/headers/edgartools_secheader.4.evercommerce.txt")
    assert fragment.format is SourceFormat.HEADER
    assert fragment.header is not None
    assert fragment.header.acceptance_datetime == datetime(2023, 6, 6, 21, 32, 4)
    assert fragment.header.reporting_owners[0].conformed_name == "Driggers Shane"
    assert fragment.header.issuer is not None and fragment.header.issuer.cik == "0001853145"


# --- format detection -------------------------------------------------------------------------------


@pytest.mark.corpus
def test_rate_limit_page_is_no_format() -> None:
    (page,) = corpus_files("odd")
    assert detect_format(page.read_bytes()) is None
    with pytest.raises(UnsupportedFormat) as caught:
        split_submission(page.read_bytes(), source=page.name)
    assert caught.value.source == page.name and caught.value.line == 1


@pytest.mark.corpus
@pytest.mark.parametrize("path", corpus_files("xml")[:40], ids=lambda p: p.name)
def test_bare_xml_is_ownership_xml(path: Path) -> None:
    assert detect_format(path.read_bytes()) is SourceFormat.OWNERSHIP_XML


HEADER_TEXT = (
    b"<SEC-HEADER>0000000000-24-000001.hdr.sgml : 20240102\n"
    b"<ACCEPTANCE-DATETIME>20240102093000\n"
    b"ACCESSION NUMBER:\t\t0000000000-24-000001\n"
    b"CONFORMED SUBMISSION TYPE:\t4/A\n"
    b"FILED AS OF DATE:\t\t20240102\n"
    b"\nISSUER:\n\n\tCOMPANY DATA:\n\t\tCENTRAL INDEX KEY:\t\t\t0000000001\n"
    b"</SEC-HEADER>\n"
)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'<?xml version="1.0"?>\n<ownershipDocument></ownershipDocument>', SourceFormat.OWNERSHIP_XML),
        (b"\xef\xbb\xbf  \r\n<ownershipDocument/>", SourceFormat.OWNERSHIP_XML),
        (b"\n\n<SEC-DOCUMENT>x\n<SEC-HEADER>x\n</SEC-HEADER>\n<DOCUMENT>\n", SourceFormat.SUBMISSION_TEXT),
        (b"<SUBMISSION>\n<ACCESSION-NUMBER>0000000000-24-000001\n", SourceFormat.DISSEMINATION_SGML),
        (HEADER_TEXT, SourceFormat.HEADER),
        (b"<ACCEPTANCE-DATETIME>20240102093000\n", SourceFormat.HEADER),
        (b'<?xml version="1.0"?>\n<html><body>not a filing</body></html>', None),
        (b"<html><body><p>Request Rate Threshold Exceeded</p></body></html>", None),
        (b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nno submission inside\n", None),
        (b"%PDF-1.4\n", None),
        (b"", None),
        (b"   \n\t", None),
    ],
)
def test_detect_format(data: bytes, expected: SourceFormat | None) -> None:
    assert detect_format(data) is expected


def test_header_inside_an_html_page() -> None:
    page = (
        b"<html><head><title>x</title></head><body>\n<pre>\n"
        + HEADER_TEXT.replace(b"<", b"&lt;")
        .replace(b">", b"&gt;")
        .replace(b"ACCESSION NUMBER", b"<b>ACCESSION NUMBER</b>")
        + b"</pre></body></html>"
    )
    assert detect_format(page) is SourceFormat.HEADER
    parts = split_submission(page, source="x-index-headers.html")
    assert parts.header is not None
    assert parts.header.accession_number == "0000000000-24-000001"
    assert parts.header.submission_type == "4/A"
    assert parts.header.acceptance_datetime == datetime(2024, 1, 2, 9, 30)
    assert parts.header.issuer is not None and parts.header.issuer.cik == "0000000001"


def test_bare_xml_comes_back_whole() -> None:
    data = b"<ownershipDocument><documentType>4</documentType></ownershipDocument>"
    parts = split_submission(data)
    assert (parts.format, parts.header, parts.xml) == (SourceFormat.OWNERSHIP_XML, None, data)


def _submission(xml_block: bytes, *, line_end: bytes = b"\n") -> bytes:
    text = (
        HEADER_TEXT.replace(
            b"<SEC-HEADER>", b"<SEC-DOCUMENT>0000000000-24-000001.txt : 20240102\n<SEC-HEADER>"
        )
        + b"<DOCUMENT>\n<TYPE>EX-99\n<SEQUENCE>1\n<FILENAME>ex99.htm\n<TEXT>\n<XML>\n<a/>\n</XML>\n</TEXT>\n"
        + b"</DOCUMENT>\n<DOCUMENT>\n<TYPE>4/A\n<SEQUENCE>2\n<FILENAME>form4a.xml\n<TEXT>\n"
        + xml_block
        + b"</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )
    return text.replace(b"\n", line_end)


@pytest.mark.parametrize("line_end", [b"\n", b"\r\n", b"\r"])
def test_xml_of_the_ownership_document_not_of_another(line_end: bytes) -> None:
    xml = b"<?xml version='1.0'?>\n<ownershipDocument>\n</ownershipDocument>\n".replace(b"\n", line_end)
    data = _submission(
        b"<XML>\n<?xml version='1.0'?>\n<ownershipDocument>\n</ownershipDocument>\n</XML>\n",
        line_end=line_end,
    )
    parts = split_submission(data, source="crafted.txt")
    assert parts.xml == xml
    assert parts.document_filename == "form4a.xml"
    assert parts.header is not None
    assert [d.sequence for d in parts.header.documents] == [1, 2]
    assert parts.header.submission_type == "4/A"


def test_bad_header_values_become_notes_not_errors() -> None:
    data = HEADER_TEXT.replace(b"20240102093000", b"2024010209").replace(
        b"FILED AS OF DATE:\t\t20240102", b"FILED AS OF DATE:\t\t20241302"
    )
    parts = split_submission(data, source="bad-values.hdr.sgml")
    assert parts.header is not None
    assert parts.header.acceptance_datetime is None
    assert parts.header.filed_as_of_date is None
    assert ("FILED AS OF DATE", "20241302") in parts.header.fields
    assert any(n.startswith("bad-values.hdr.sgml:2:") and "acceptance" in n for n in parts.notes)
    assert any(n.startswith("bad-values.hdr.sgml:5:") and "20241302" in n for n in parts.notes)


# --- bad input: ParseError with a place -------------------------------------------------------------


def test_truncated_header_is_a_parse_error() -> None:
    data = HEADER_TEXT[: HEADER_TEXT.find(b"\nISSUER")]
    with pytest.raises(ParseError) as caught:
        split_submission(b"<SEC-DOCUMENT>x.txt : 20240102\n" + data, source="cut.txt")
    assert caught.value.source == "cut.txt"
    assert caught.value.line == 7
    assert "no </SEC-HEADER>" in caught.value.message
    assert str(caught.value).startswith("cut.txt:7: ")


def test_truncated_dissemination_header_is_a_parse_error() -> None:
    with pytest.raises(ParseError) as caught:
        split_submission(b"<SUBMISSION>\n<ACCESSION-NUMBER>0000000000-24-000001\n<TYPE>4\n", source="cut.nc")
    assert (caught.value.source, caught.value.line) == ("cut.nc", 4)


def test_ownership_xml_without_closing_tag_is_a_parse_error() -> None:
    data = _submission(b"<XML>\n<?xml version='1.0'?>\n<ownershipDocument>\n<issuer>")
    with pytest.raises(ParseError) as caught:
        split_submission(data, source="noclose.txt")
    assert caught.value.source == "noclose.txt"
    assert caught.value.line == data[: data.rfind(b"<XML>")].count(b"\n") + 1
    assert "</XML>" in caught.value.message


def test_garbage_is_unsupported_format() -> None:
    with pytest.raises(UnsupportedFormat) as caught:
        split_submission(b"\x00\x01garbage\xff", source="garbage.bin")
    assert (caught.value.source, caught.value.line) == ("garbage.bin", 1)
    assert isinstance(caught.value, ParseError)


_PREFIXES = st.sampled_from(
    [
        b"",
        b"<SEC-DOCUMENT>",
        b"<SEC-DOCUMENT>x\n<SEC-HEADER>",
        b"<SEC-HEADER>",
        b"<SUBMISSION>\n",
        b"<ACCEPTANCE-DATETIME>",
        b"ACCESSION NUMBER:\t",
        b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----\n<SEC-HEADER>",
        b"<html><pre>&lt;SEC-HEADER&gt;",
        HEADER_TEXT + b"<DOCUMENT>\n<TEXT>\n<XML>\n<ownershipDocument>",
    ]
)
_PIECES = st.lists(
    st.sampled_from(
        [
            b"\n",
            b"\r",
            b"\t",
            b":",
            b"<",
            b">",
            b"</",
            b"ISSUER:",
            b"<ISSUER>",
            b"</ISSUER>",
            b"COMPANY DATA:",
            b"FORMER NAME:",
            b"DATE OF NAME CHANGE:\t",
            b"<PERIOD>",
            b"PUBLIC DOCUMENT COUNT:",
            b"<DOCUMENT>",
            b"</DOCUMENT>",
            b"<TEXT>",
            b"<XML>",
            b"</XML>",
            b"</SEC-HEADER>",
            b"<ownershipDocument",
            b"<SEQUENCE>",
            b"2024",
            b"\xff\xfe",
        ]
    )
    | st.binary(max_size=8),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(prefix=_PREFIXES, pieces=_PIECES, tail=st.binary(max_size=64))
def test_any_bytes_give_parts_or_parse_error(prefix: bytes, pieces: list[bytes], tail: bytes) -> None:
    data = prefix + b"".join(pieces) + tail
    try:
        parts = split_submission(data, source="fuzz")
    except ParseError as exc:
        assert exc.source == "fuzz" and exc.line is not None
        return
    assert parts.format is detect_format(data)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=256))
def test_random_bytes_never_raise_anything_but_parse_error(data: bytes) -> None:
    with contextlib.suppress(ParseError):
        split_submission(data)
