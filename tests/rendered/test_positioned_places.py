"""Where the position-based readers read each value (issue 5: "Each value carries where it was read
(page, line or cell) and a confidence"): a PDF's ``"page P, line L"``, layout text's ``"line N"``, a
table cell's row and column after it. Over the printed corpus filings the PDF and layout-text tests use
(printed by headless Chromium into the temporary cache, converted by pdftotext), and on the page model
with inline lines."""

from __future__ import annotations

import re
from functools import cache

import pytest

from section16.model import OwnershipDocument
from section16.parse._page import Page, Word, layout_lines, lines_of
from section16.parse.rendered_pdf import pdf_words, read_rendered_pdf
from section16.parse.rendered_text import read_rendered_text
from tests.conftest import corpus_files
from tests.rendered.pdf import have_chromium, have_pdftotext, pdf_cached, pdf_to_text
from tests.rendered.places import assert_placed, bench_sample_prints
from tests.rendered.render import render
from tests.rendered.test_rendered_layout import CASES

needs_tools = pytest.mark.skipif(
    not (have_chromium() and have_pdftotext()),
    reason="needs /usr/bin/chromium and pdftotext: run scripts/ensure-chromium.sh, ensure-poppler.sh",
)

# The filings tests/rendered/test_rendered_pdf.py prints (both tables, Forms 3 and 5, rows and cells
# broken across pages, owners parted by borders, drawn checkboxes, a page printed very small), and those
# of the layout-text rules (test_rendered_layout.CASES).
PDF_NAMES = (
    "0000002488-23-000088.xml",
    "0000312069-23-000058.xml",
    "0000827054-23-000056.xml",
    "0000899243-17-024441.xml",
    "0000899243-18-015035.xml",
    "0000899243-18-024846.xml",
    "0000899243-21-011669.xml",
    "0000899243-21-017509.xml",
    "0000899243-21-049992.xml",
    "0000899243-22-012864.xml",
    "0000899243-23-004992.xml",
    "0000899243-23-010046.xml",
    "0000921895-23-001298.xml",
    "0001033331-23-000002.xml",
    "0001209191-11-061529.xml",
    "0001209191-23-030575.xml",
    "0001213900-20-026992.xml",
    "0001321655-23-000076.xml",
    "0001321655-24-000181.xml",
    "0001610717-26-000146.xml",
    "edgartools_form5.snow.xml",
)
NAMES = sorted({*PDF_NAMES, *(c[0] for c in CASES)})


@cache
def _printed(name: str) -> tuple[bytes, str]:
    """The PDF of a corpus filing's view and its ``pdftotext -layout`` text."""
    paths = [p for p in corpus_files("xml", "*.xml") if p.name == name]
    if not paths:
        pytest.skip(f"corpus file {name} not found")
    pdf = pdf_cached(render(paths[0].read_bytes()))
    return pdf, pdf_to_text(pdf, layout=True)


def _places(doc: OwnershipDocument) -> dict[str, str]:
    return {p.path: p.place for p in doc.places}


@needs_tools
@pytest.mark.parametrize("name", NAMES)
def test_every_value_of_a_pdf_and_its_layout_text_has_a_place(name: str) -> None:
    pdf, text = _printed(name)
    doc, _ = read_rendered_pdf(pdf, source=name)
    assert_placed(doc, source=f"{name} (PDF)")
    assert {p.confidence for p in doc.places} == {1.0}
    assert all(
        re.fullmatch(r"page \d+, line \d+(, Table II? row \d+, column \d+A?)?", p.place) for p in doc.places
    )
    layout, _ = read_rendered_text(text, source=name)
    assert_placed(layout, source=f"{name} (layout text)")
    assert {p.confidence for p in layout.places} == {0.99}
    lines = text.split("\n")
    for place in layout.places:
        match = re.fullmatch(r"line (\d+)(, Table II? row \d+, column \d+A?)?", place.place)
        assert match, place
        assert lines[int(match[1]) - 1].strip(), f"{name}: {place} names an empty line of the text"


@needs_tools
def test_known_places_of_a_form4() -> None:
    # AMD, Form 4: Table I row 1 "Common Stock 05/18/2023 M 732 A $0 2,368 D" is the PDF's 31st line on
    # page 1 and the text's line 36; the footnotes are on page 2 (the text's page break is a form feed)
    name = "0000002488-23-000088.xml"
    pdf, text = _printed(name)
    doc, _ = read_rendered_pdf(pdf, source=name)
    at = _places(doc)
    assert at["non_derivative_table[0].transaction_shares"] == "page 1, line 31, Table I row 1, column 4"
    assert at["non_derivative_table[0].shares_owned_following_transaction"] == (
        "page 1, line 31, Table I row 1, column 5"
    )
    assert at["derivative_table[1].transaction_shares"] == "page 1, line 62, Table II row 2, column 5"
    assert at["footnotes[1].id"] == "page 2, line 4"
    assert at["issuer.issuer_trading_symbol"] == "page 1, line 15"
    words, height = pdf_words(pdf)
    first_page = [line.text for line in lines_of(words, 0.35 * height)]
    assert "732" in first_page[30].split()  # page 1's lines come first, line 31 is index 30
    assert "ADVANCED MICRO DEVICES INC [AMD]" in first_page[14]

    layout, _ = read_rendered_text(text, source=name)
    at = _places(layout)
    lines = text.split("\n")

    def line_of(path: str) -> str:
        return lines[int(at[path].split(",")[0].removeprefix("line ")) - 1]

    assert at["non_derivative_table[0].transaction_shares"] == "line 36, Table I row 1, column 4"
    assert "732" in line_of("non_derivative_table[0].transaction_shares").split()
    assert "2,368" in line_of("non_derivative_table[0].shares_owned_following_transaction")
    assert "[AMD]" in line_of("issuer.issuer_trading_symbol")
    assert "05/18/2023" in line_of("period_of_report")
    assert line_of("footnotes[1].text").strip().startswith("(2) This RSU award vests")
    assert "SANTA CLARA, CA 95054" in line_of("reporting_owners[0].address.rpt_owner_city")
    assert "/s/Jon A Olson" in line_of("owner_signatures[0].signature_name")


def test_layout_lines_are_numbered_as_the_text_lines_a_form_feed_is_no_line_break() -> None:
    text = "FORM 4\n\n  Common Stock   732\n\fpage two\n\n  (1) a note\n"
    lines = layout_lines(text)
    assert [line.text for line in lines] == ["FORM 4", "Common Stock 732", "page two", "(1) a note"]
    page = Page(lines, 1.0, 1.0, pdf=False)
    assert [page.where_line(i) for i in range(4)] == ["line 1", "line 3", "line 4", "line 6"]
    assert page.where(lines[1].words[1]) == "line 3"
    assert page.where(Word(0.0, 1.0, 99.0, 100.0, "elsewhere")) == ""


def test_pdf_lines_are_numbered_per_page() -> None:
    def word(top: float, text: str) -> Word:
        return Word(10.0, 20.0, top, top + 9.0, text)

    words = [word(10, "a"), word(30, "b"), word(50, "c"), word(812, "d"), word(830, "e")]
    lines = lines_of(words, 3.0)
    page = Page(lines, 1.5, 9.0, page_tops=(797.0,))  # the second page's words start below 797
    assert [page.where_line(i) for i in range(5)] == [
        "page 1, line 1",
        "page 1, line 2",
        "page 1, line 3",
        "page 2, line 1",
        "page 2, line 2",
    ]
    assert page.where(lines[4].words[0]) == "page 2, line 2"


@needs_tools
@pytest.mark.slow
def test_every_value_of_the_bench_sample_has_a_place() -> None:
    for path, pdf in bench_sample_prints():
        doc, _ = read_rendered_pdf(pdf, source=path.name)
        assert_placed(doc, source=f"{path.name} (PDF)")
        layout, _ = read_rendered_text(pdf_to_text(pdf, layout=True), source=path.name)
        assert_placed(layout, source=f"{path.name} (layout text)")
