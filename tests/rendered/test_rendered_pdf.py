"""PDF and converter text of printed forms read back: corpus XML rendered through the SEC stylesheets,
printed to PDF by headless Chromium and converted by pdftotext (made in a temporary folder, never
committed), compared field by field with the XML they came from (bench/bench_rendered.py's compare)."""

from __future__ import annotations

import contextlib
import re
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.bench_rendered import compare
from section16.errors import ParseError, Section16Error
from section16.model import (
    AcquiredDisposed,
    DirectIndirect,
    DocumentType,
    Fact,
    NonDerivativeTransaction,
    OwnershipDocument,
    ReportingOwner,
    SourceFormat,
)
from section16.parse import read_filing
from section16.parse._rendered import Cell, form5_coding
from section16.parse._rendered_checks import rendered_notes
from section16.parse.rendered_html import detect_rendered
from section16.parse.rendered_pdf import pdf_words, read_rendered_pdf
from section16.parse.rendered_text import read_rendered_text
from section16.parse.xml import read_ownership_document
from tests.conftest import corpus_files
from tests.rendered.pdf import have_chromium, have_pdftotext, html_to_pdf, pdf_to_text
from tests.rendered.render import render

needs_tools = pytest.mark.skipif(
    not (have_chromium() and have_pdftotext()),
    reason="needs /usr/bin/chromium and pdftotext: run scripts/ensure-chromium.sh, ensure-poppler.sh",
)
# A Form 4 with both tables, wrapped titles, footnote-only cells and an indirect holding.
PICKS = ("0000002488-23-000088.xml",)


def _printed(name: str) -> tuple[OwnershipDocument, bytes]:
    paths = [p for p in corpus_files("xml", "*.xml") if p.name == name]
    if not paths:
        pytest.skip(f"corpus file {name} not found")
    xml = paths[0].read_bytes()
    doc, _ = read_ownership_document(xml, source=name)
    return doc, html_to_pdf(render(xml))


def _share(want: OwnershipDocument, got: OwnershipDocument) -> float:
    aff = (want.schema_version or "") >= "X0508"
    result = compare(want, got, aff_shown=aff)
    return sum(result.values()) / len(result)


@needs_tools
@pytest.mark.parametrize("name", PICKS)
def test_pdf_reads_back_its_xml(name: str) -> None:
    want, pdf = _printed(name)
    filing = read_filing(pdf, name=name.replace(".xml", ".pdf"))
    assert filing.source.format is SourceFormat.RENDERED_PDF
    assert filing.document is not None
    assert _share(want, filing.document) == 1.0
    layout, _ = read_rendered_text(pdf_to_text(pdf, layout=True), source="x.txt")
    assert layout.issuer == filing.document.issuer
    assert layout.period_of_report == want.period_of_report


@needs_tools
def test_a_page_wider_than_the_paper_is_printed_whole() -> None:
    # The view of this Form 4 is about 2,500 CSS px wide (a remark written with non-breaking spaces);
    # printed at 100% its footnote lines ran past the paper's edge and were cut out of the PDF.
    want, pdf = _printed("0000899243-21-049992.xml")
    doc, _ = read_rendered_pdf(pdf, source="wide.pdf")
    assert len(want.footnotes) > 30
    assert [(f.id, " ".join(f.text.split())) for f in doc.footnotes] == [
        (f.id, " ".join(f.text.split())) for f in want.footnotes
    ]
    assert _share(want, doc) == 1.0


@needs_tools
@pytest.mark.parametrize(
    ("name", "field", "ticked"),
    [
        ("0000312069-23-000058.xml", "not_subject_to_section16", True),  # X06 stylesheet
        ("0001610717-26-000146.xml", "aff10b5_one", True),  # X09 stylesheet, box beside box
        ("0001610717-26-000146.xml", "not_subject_to_section16", False),
        ("0000002488-23-000088.xml", "not_subject_to_section16", False),
        ("0001321655-24-000181.xml", "aff10b5_one", True),  # printed at a tenth: a 1.5-point box
    ],
)
def test_drawn_checkboxes_are_read(name: str, field: str, ticked: bool) -> None:
    want, pdf = _printed(name)
    assert bool(getattr(want, field)) is ticked
    doc, notes = read_rendered_pdf(pdf, source=name)
    assert getattr(doc, field) is ticked
    assert not any("checkboxes" in note for note in notes)


@needs_tools
def test_the_print_header_of_later_pages_is_not_read_as_a_cell() -> None:
    # On pages 2 and later PDFium gives Chromium's header as glyphs parted by line breaks and no spaces;
    # read as one word ("11/24/26,8:09PM") it was not known as the header, ran into Table II and moved
    # the Title / Amount boundary (14 rows of this Form 3 lost their underlying title's footnote).
    want, pdf = _printed("0000899243-18-024846.xml")
    words, _ = pdf_words(pdf)
    assert not any(re.fullmatch(r"\d+/\d+/\d+,\d+:\d+[AP]M", w.text) for w in words)
    doc, _ = read_rendered_pdf(pdf, source="x.pdf")
    assert len(want.derivative_table) == 14
    assert _share(want, doc) == 1.0


@needs_tools
@pytest.mark.parametrize("name", ["edgartools_form5.snow.xml", "0000899243-23-004992.xml"])
def test_form5_code_column_and_empty_table_ii(name: str) -> None:
    # Form 5's view prints "G" for a transaction of form type 5 (no "V" column), and its Table II head
    # ends in a line "(A) (D)" without "Code V": that line was read as a row.
    want, pdf = _printed(name)
    assert str(want.document_type) == "5"
    assert any(
        r.transaction_coding and r.transaction_coding.transaction_form_type == "5"
        for r in want.non_derivative_table
    )
    doc, _ = read_rendered_pdf(pdf, source=name)
    assert len(doc.derivative_table) == len(want.derivative_table)
    assert _share(want, doc) == 1.0


def test_form5_code_cell() -> None:
    cells = {"code": Cell("G", ("F1",)), "title": Cell("Common Stock")}
    assert form5_coding(cells)["code"] == Cell("G", ("F1",))
    assert form5_coding(cells)["v"] == Cell("V")
    assert form5_coding({"code": Cell("J/K5")})["v"] == Cell("V")  # late (timeliness L)
    assert form5_coding({"code": Cell("J/K5")})["code"] == Cell("J/K")
    assert "v" not in form5_coding({"code": Cell("S4")}) and form5_coding({"code": Cell("S4")})[
        "code"
    ] == Cell("S")
    assert form5_coding({"code": Cell("3")})["code"] == Cell("")
    assert form5_coding({"code": Cell("", ("F2",))}) == {"code": Cell("", ("F2",))}


@needs_tools
@pytest.mark.parametrize("name", ["0000899243-17-024441.xml", "0001209191-23-030575.xml"])
def test_a_row_broken_across_pages_keeps_its_cells(name: str) -> None:
    # The print breaks a row at the page's end: the last line of its taller cells ("Stock", "Donald B.
    # Frost]") lands at the top of the next page, nearer the next row's anchor, above that row's border.
    want, pdf = _printed(name)
    doc, _ = read_rendered_pdf(pdf, source=name)
    assert _share(want, doc) == 1.0


@needs_tools
@pytest.mark.parametrize("name", ["0000899243-21-011669.xml", "0000899243-21-017509.xml"])
def test_a_box_is_cut_only_by_boxes_that_have_begun(name: str) -> None:
    # Form 3's box 3 value ("Reinvent Technology Partners Y [RTPY]") runs over the left edge of box 5,
    # which starts lower down: it must not cut the line.
    want, pdf = _printed(name)
    doc, _ = read_rendered_pdf(pdf, source=name)
    assert str(want.document_type) == "3"
    assert want.issuer is not None and doc.issuer is not None
    assert doc.issuer.issuer_name == want.issuer.issuer_name
    assert doc.issuer.issuer_trading_symbol == want.issuer.issuer_trading_symbol
    assert _share(want, doc) == 1.0


@needs_tools
@pytest.mark.parametrize(
    "name",
    [
        "0000899243-18-015035.xml",
        "0001033331-23-000002.xml",
        # but a first row's "Shares" (of "Shares held Indirectly, by Trust.") under column 7 is a cell's
        "0000827054-23-000056.xml",
    ],
)
def test_the_last_lines_of_a_heading_are_not_a_row(name: str) -> None:
    # Table II's "Amount or Number of Shares" ends on lines of its own ("of", "Shares"), in the first
    # filing on the next page: they were read as rows (or as the first row's amount cell).
    want, pdf = _printed(name)
    doc, _ = read_rendered_pdf(pdf, source=name)
    assert len(doc.derivative_table) == len(want.derivative_table)
    assert _share(want, doc) == 1.0


@needs_tools
@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("0001209191-11-061529.xml", "liquidity event-based condition"),  # remarks, small print
        ("0001213900-20-026992.xml", 'Description of Securities--Founder Shares"'),  # footnote, "--"
    ],
)
def test_a_word_broken_after_its_hyphen_is_joined_again(name: str, phrase: str) -> None:
    # In small print PDFium gives a plain space after a line-final hyphen, not a line break.
    want, pdf = _printed(name)
    doc, _ = read_rendered_pdf(pdf, source=name)
    text = " ".join([doc.remarks or "", *(f.text for f in doc.footnotes)])
    assert phrase in text
    assert _share(want, doc) == 1.0


@needs_tools
def test_an_address_line_that_ends_under_director_is_not_a_tick() -> None:
    # "1200 17TH STREET, FLOOR 15": the "15" ends under the "Director" head; it starts in the name column.
    want, pdf = _printed("0001321655-23-000076.xml")
    doc, _ = read_rendered_pdf(pdf, source="x.pdf")
    owner = doc.reporting_owners[0]
    assert owner.address is not None and owner.address.rpt_owner_street1 == "1200 17TH STREET, FLOOR 15"
    assert owner.relationship is not None and owner.relationship.is_director is False
    assert _share(want, doc) == 1.0


@needs_tools
def test_a_page_printed_very_small_is_read_at_its_scale() -> None:
    # This view is so wide that it prints at about a tenth of its size (words 1.6 points high): the
    # reader's slack in x is a share of the word height, not a fixed 1.5 points (four owners here).
    want, pdf = _printed("0000899243-22-012864.xml")
    _, height = pdf_words(pdf)
    assert height < 3
    doc, _ = read_rendered_pdf(pdf, source="x.pdf")
    assert len(doc.reporting_owners) == len(want.reporting_owners) == 4
    assert _share(want, doc) == 1.0


@needs_tools
def test_see_explanation_of_responses_in_an_owner_row_ends_nothing() -> None:
    # Ten reporting owners, two of them with "See Explanation of Responses" as their "Other" text: the
    # owners table and the footnotes end or start at the line that starts with the heading.
    want, pdf = _printed("0000921895-23-001298.xml")
    doc, _ = read_rendered_pdf(pdf, source="x.pdf")
    assert len(doc.reporting_owners) == len(want.reporting_owners) == 10
    assert len(doc.footnotes) == len(want.footnotes) == 15
    assert _share(want, doc) == 1.0


@needs_tools
def test_owners_are_parted_by_their_drawn_borders() -> None:
    # Ten reporting owners; the second one's address runs onto the next page. Owners' rows are the
    # bands between the borders drawn under their cells, so the two parts stay one owner.
    want, pdf = _printed("0000899243-23-010046.xml")
    doc, _ = read_rendered_pdf(pdf, source="x.pdf")
    assert len(doc.reporting_owners) == len(want.reporting_owners) == 10

    def lines(owner: ReportingOwner) -> tuple[str | None, ...]:
        address = owner.address
        assert address is not None
        return (owner.rpt_owner_name, address.rpt_owner_street1, address.rpt_owner_street2)

    assert [lines(o) for o in doc.reporting_owners] == [lines(o) for o in want.reporting_owners]


@needs_tools
def test_a_cell_broken_across_pages_is_one_anchor() -> None:
    # The first Table I row breaks at the page's end: its "D (2)(3)(4)(5)(6)" cell goes on with "(7)(8)"
    # at the next page's top, with no border between; the two parts are one row, not two.
    want, pdf = _printed("0000899243-23-010046.xml")
    doc, _ = read_rendered_pdf(pdf, source="x.pdf")
    assert len(doc.non_derivative_table) == len(want.non_derivative_table) == 2
    aff = (want.schema_version or "") >= "X0508"
    table = {k: v for k, v in compare(want, doc, aff_shown=aff).items() if k.startswith("non_derivative")}
    assert table and all(table.values())


def test_detect_pdf_by_content() -> None:
    assert detect_rendered(b"%PDF-1.7\n...") is SourceFormat.RENDERED_PDF
    assert detect_rendered(b"hello %PDF-") is None


def test_pdf_without_a_form_is_unsupported_or_parse_error() -> None:
    with pytest.raises(ParseError) as info:
        read_rendered_pdf(b"%PDF-1.4\nnot really", source="bad.pdf")
    assert "bad.pdf" in str(info.value)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000))
def test_random_pdf_bytes_never_crash(noise: bytes) -> None:
    with contextlib.suppress(Section16Error):
        read_rendered_pdf(b"%PDF-1.4\n" + noise, source="fuzz.pdf")


def _row(after: str, shares: str, code: AcquiredDisposed) -> NonDerivativeTransaction:
    return NonDerivativeTransaction(
        security_title=Fact("Common Stock"),
        transaction_date=Fact(date(2024, 3, 1)),
        transaction_shares=Fact(Decimal(shares)),
        transaction_acquired_disposed_code=Fact(code),
        shares_owned_following_transaction=Fact(Decimal(after)),
        direct_or_indirect_ownership=Fact(DirectIndirect.DIRECT),
    )


def test_holdings_arithmetic_flags_a_misread_and_changes_nothing() -> None:
    good = OwnershipDocument(
        document_type=DocumentType("4"),
        non_derivative_table=(
            _row("1000", "100", AcquiredDisposed.ACQUIRED),
            _row("900", "100", AcquiredDisposed.DISPOSED),
        ),
    )
    assert rendered_notes(good) == ()
    bad = OwnershipDocument(
        document_type=DocumentType("4"),
        non_derivative_table=(
            _row("1000", "100", AcquiredDisposed.ACQUIRED),
            _row("980", "100", AcquiredDisposed.DISPOSED),
        ),
    )
    notes = rendered_notes(bad)
    assert len(notes) == 1 and "row[2]" in notes[0] and "900" in notes[0]
    assert bad.non_derivative_table[1].shares_owned_following_transaction == Fact(Decimal("980"))


def test_implausible_dates_are_noted() -> None:
    doc = OwnershipDocument(
        document_type=DocumentType("4"),
        non_derivative_table=(_row("1", "1", AcquiredDisposed.ACQUIRED),),
    )
    late = OwnershipDocument(
        document_type=DocumentType("4"),
        non_derivative_table=(NonDerivativeTransaction(transaction_date=Fact(date(1900, 1, 1))),),
    )
    assert rendered_notes(doc) == ()
    assert "not a plausible date" in rendered_notes(late)[0]
