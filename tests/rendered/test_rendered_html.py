"""The SEC HTML view read back: corpus XML rendered through the SEC stylesheets (the answer is the XML it
came from), EDGAR's own rendered copies beside their XML, read_filing's detection, and bad input."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from section16.errors import ParseError, UnsupportedFormat
from section16.model import DocumentType, OwnershipDocument, SourceFormat
from section16.parse import read_filing
from section16.parse._rendered import value_paths
from section16.parse.rendered_html import detect_rendered, read_rendered_html
from section16.parse.xml import read_ownership_document
from tests.conftest import CORPUS, corpus_files, require_corpus
from tests.rendered.places import assert_placed
from tests.rendered.render import main as render_main
from tests.rendered.render import render, stylesheet_for

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.bench_rendered import compare

XML_FILES = corpus_files("xml", "*.xml")


def _aff_shown(schema: str | None, document_type: DocumentType | None) -> bool:
    return (schema or "") >= "X0508" and str(document_type)[:1] != "3"


def test_stylesheet_by_form_and_schema() -> None:
    assert stylesheet_for("4", "X0306").name == "4_X06.xsl"
    assert stylesheet_for("4/A", "X0508").name == "4_X08.xsl"
    assert stylesheet_for("5", "X0609").name == "5_X09.xsl"
    assert stylesheet_for("3", "X0508").name == "3_X06.xsl"
    assert stylesheet_for("3", "X0609").name == "3_X07.xsl"
    with pytest.raises(ValueError):
        stylesheet_for("10-K", "X0609")


@pytest.mark.corpus
def test_render_command_writes_html_in_a_temporary_folder(tmp_path: Path) -> None:
    require_corpus()
    source = CORPUS / "xml" / "0000899243-23-002551.xml"
    assert render_main([str(source), "-o", str(tmp_path)]) == 0
    page = (tmp_path / "0000899243-23-002551.html").read_bytes()
    assert b"Jack Creek Investment Corp." in page
    assert detect_rendered(page) is SourceFormat.RENDERED_HTML


@pytest.mark.corpus
def test_a_joint_filing_reads_back_field_by_field() -> None:
    require_corpus()
    data = (CORPUS / "xml" / "0000899243-23-002551.xml").read_bytes()
    doc, notes = read_rendered_html(render(data), source="joint.html")
    assert notes and "rendered copy" in notes[0]
    assert doc.schema_version is None and doc.issuer is not None and doc.issuer.issuer_cik is None
    assert doc.document_type is DocumentType.FORM_4
    assert doc.not_subject_to_section16 is True
    assert [o.rpt_owner_name for o in doc.reporting_owners] == [
        "JCIC Sponsor LLC",
        "KSH Capital LP",
        "KELTER JEFFREY E",
        "SAVAGE ROBERT F JR",
        "JERMOLUK THOMAS",
    ]
    first = doc.derivative_transactions[0]
    assert first.transaction_coding is not None and first.transaction_coding.transaction_form_type == "5"
    assert first.shares_owned_following_transaction is not None
    assert first.shares_owned_following_transaction.footnote_ids == ("F6",)
    assert first.conversion_or_exercise_price is not None
    assert first.conversion_or_exercise_price.value is None
    assert first.conversion_or_exercise_price.footnote_ids == ("F2",)
    assert doc.footnote("F5") is not None and "Rule 16a-1(a)(4)" in doc.footnote("F5").text  # type: ignore[union-attr]
    assert doc.remarks == "Exhibit 99.1 - Joint Filer Information and Signatures"


@pytest.mark.parametrize("name", ["0000797468-23-000042.xml", "0000899243-23-010046.xml"])
def test_a_city_with_a_comma_of_its_own_is_read_whole(name: str) -> None:
    # X06-X08 print "CITY, ST ZIP": the city is everything before the last comma ("HOUSTON,, TX 77002",
    # "TORONTO, ONTARIO, A6 M5J 2S1").
    require_corpus()
    xml = (CORPUS / "xml" / name).read_bytes()
    doc, _ = read_rendered_html(render(xml), source=name)
    filed, _ = read_ownership_document(xml)

    def places(d: OwnershipDocument) -> list[tuple[str | None, ...]]:
        return [
            (a.rpt_owner_city, a.rpt_owner_state, a.rpt_owner_zip_code)
            for o in d.reporting_owners
            if (a := o.address) is not None
        ]

    assert any("," in (city or "") for city, _, _ in places(filed))
    assert places(doc) == places(filed)


def test_line_breaks_of_remarks_are_kept() -> None:
    # The view prints a remark's line breaks as <br>; they come back as line breaks, not run together.
    require_corpus()
    xml = (CORPUS / "xml" / "0000899140-23-000516.xml").read_bytes()
    doc, _ = read_rendered_html(render(xml), source="remarks.html")
    filed, _ = read_ownership_document(xml)
    assert filed.remarks is not None and "\n" in filed.remarks
    assert doc.remarks is not None
    assert doc.remarks.splitlines() == [" ".join(line.split()) for line in filed.remarks.splitlines()]
    assert doc.remarks.startswith("Exhibit List:\nExhibit 99.1 - Explanation of Responses")


def test_form5_code_column_gives_code_and_form_type() -> None:
    # Form 5 views print the code with the form it belongs to (G5, G4, 3) in one column, and no V column.
    require_corpus()
    xml = (CORPUS / "xml" / "0000899243-23-004992.xml").read_bytes()
    doc, _ = read_rendered_html(render(xml), source="form5.html")
    filed, _ = read_ownership_document(xml)
    read_codings = [r.transaction_coding for r in doc.non_derivative_transactions]
    filed_codings = [r.transaction_coding for r in filed.non_derivative_transactions]
    assert read_codings and len(read_codings) == len(filed_codings)
    for got, want in zip(read_codings, filed_codings, strict=True):
        assert got is not None and want is not None
        assert got.transaction_code == want.transaction_code
        assert got.transaction_form_type == want.transaction_form_type


@pytest.mark.corpus
@pytest.mark.slow
def test_corpus_rendered_reads_back_at_least_99_5_percent_and_never_crashes() -> None:
    require_corpus()
    right = total = documents = 0
    forms: set[str] = set()
    for path in XML_FILES:
        data = path.read_bytes()
        expected, _ = read_ownership_document(data, source=path.name)
        got, _ = read_rendered_html(render(data), source=path.name)
        forms.add(str(expected.document_type)[:1])
        result = compare(expected, got, aff_shown=_aff_shown(expected.schema_version, expected.document_type))
        right += sum(result.values())
        total += len(result)
        documents += 1
        assert got.document_type is not None and got.document_type.form == expected.document_type.form  # type: ignore[union-attr]
        assert len(got.non_derivative_table) == len(expected.non_derivative_table), path.name
        assert len(got.derivative_table) == len(expected.derivative_table), path.name
        assert_placed(got, source=path.name)
    assert documents >= 200 and forms == {"3", "4", "5"}
    assert right / total >= 0.995, f"{right}/{total}"


@pytest.mark.corpus
@pytest.mark.parametrize(
    "stem", ["edgartools_374WaterForm4", "edgartools_form3.snow", "edgartools_form5.snow"]
)
def test_edgar_rendered_copies_match_their_xml(stem: str) -> None:
    require_corpus()
    expected, _ = read_ownership_document((CORPUS / "xml" / f"{stem}.xml").read_bytes())
    filing = read_filing((CORPUS / "rendered" / f"{stem}.html").read_bytes(), name=f"{stem}.html")
    assert filing.source.format is SourceFormat.RENDERED_HTML
    assert filing.document is not None
    result = compare(
        expected, filing.document, aff_shown=_aff_shown(expected.schema_version, expected.document_type)
    )
    wrong = sorted(k for k, ok in result.items() if not ok)
    # EDGAR's view of Form 5 prints no "V" column; its code column (G, G5, G4) gives the form type.
    assert wrong == []


@pytest.mark.corpus
def test_every_real_rendered_copy_reads(corpus_dir: Path) -> None:
    for path in sorted((corpus_dir / "rendered").glob("*.html")):
        filing = read_filing(path.read_bytes(), name=path.name)
        assert filing.document is not None and filing.document.issuer is not None, path.name
        assert filing.document.reporting_owners and filing.document.owner_signatures, path.name
        assert_placed(filing.document, source=path.name)


# Filings the tests above read: a joint Form 4 with Table II, Form 5, remarks with line breaks, cities
# with commas; each of the three forms' head boxes.
_PLACED = [
    "0000899243-23-002551.xml",
    "0000899243-23-004992.xml",
    "0000899140-23-000516.xml",
    "0000797468-23-000042.xml",
    "0000899243-23-010046.xml",
]


@pytest.mark.corpus
@pytest.mark.parametrize("name", _PLACED)
def test_every_value_read_says_where(name: str) -> None:
    require_corpus()
    doc, _ = read_rendered_html(render((CORPUS / "xml" / name).read_bytes()), source=name)
    assert_placed(doc, source=name)
    assert {p.confidence for p in doc.places} == {1.0}  # the view's benchmark: 100.00% of fields
    assert {p.path for p in doc.places} <= set(value_paths(doc))  # no place for a value not held
    assert len(set(doc.places)) == len(doc.places)  # each once


@pytest.mark.corpus
def test_places_name_the_cell_box_or_note_a_value_was_read_in() -> None:
    require_corpus()
    data = (CORPUS / "xml" / "0000899243-23-002551.xml").read_bytes()
    doc, _ = read_rendered_html(render(data), source="joint.html")
    places: dict[str, list[str]] = {}
    for p in doc.places:
        places.setdefault(p.path, []).append(p.place)
    sale = doc.derivative_transactions[0]
    assert sale.transaction_shares is not None and sale.transaction_shares.value == 1830000
    # Table II's 16 printed cells: title, price, date, deemed, code, V, (A), (D), ...: 1,830,000 in (D).
    assert places["derivative_table[0].transaction_shares"] == ["Table II row 1, column 8"]
    assert places["derivative_table[0].transaction_acquired_disposed_code"] == ["Table II row 1, column 8"]
    assert places["derivative_table[0].conversion_or_exercise_price"] == ["Table II row 1, column 2"]
    assert places["derivative_table[0].transaction_coding"] == [
        "Table II row 1, column 5",
        "Table II row 1, column 6",
    ]  # the code and the "V" of form type 5
    assert places["period_of_report"] == ["box 3"]
    assert places["issuer.issuer_trading_symbol"] == ["box 2"]
    assert places["not_subject_to_section16"] == ['box "Check this box if no longer subject to Section 16"']
    # the first owner's ticks are box 5's; the others' come from the Reporting Owners table
    assert places["reporting_owners[0].relationship.is_director"] == ["box 5"]
    assert places["reporting_owners[2].relationship.officer_title"] == ["Reporting Owners row 3, column 4"]
    assert places["reporting_owners[4].address.rpt_owner_city"] == ["Reporting Owners row 5, column 1"]
    assert places["footnotes[4].text"] == ["Explanation of Responses, note 5"]
    assert places["owner_signatures[0].signature_date"] == ["Signatures row 1, column 3"]
    assert places["remarks"] == ["Remarks"]


@pytest.mark.corpus
def test_form5_code_and_v_are_placed_at_their_one_cell() -> None:
    require_corpus()
    data = (CORPUS / "xml" / "0000899243-23-004992.xml").read_bytes()
    doc, _ = read_rendered_html(render(data), source="form5.html")
    places = [(p.path, p.place) for p in doc.places]
    # Form 5 prints no "V" column: code and form type are read in column 4, "Transaction Code"
    assert places.count(("non_derivative_table[0].transaction_coding", "Table I row 1, column 4")) == 1
    assert ("non_derivative_table[0].transaction_shares", "Table I row 1, column 5") in places
    assert ("form3_holdings_reported", 'box "Form 3 Holdings Reported"') in places
    assert ("period_of_report", "box 3") in places


def test_html_that_is_not_a_form_is_unsupported() -> None:
    page = b"<html><body><h1>Statement of beneficial ownership</h1><table><tr><td>x</td></tr></table></body>"
    assert detect_rendered(page) is SourceFormat.RENDERED_HTML
    with pytest.raises(UnsupportedFormat) as info:
        read_filing(page, name="page.html")
    assert "page.html:1" in str(info.value)
    assert detect_rendered(b"<html><body>rate limit exceeded</body></html>") is None


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes_give_parse_error_at_worst(data: bytes) -> None:
    page = b"<html><body><b>FORM 4</b> STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP <table>" + data
    with contextlib.suppress(ParseError):
        read_rendered_html(page, source="fuzz.html")
