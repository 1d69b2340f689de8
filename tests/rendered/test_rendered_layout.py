"""``pdftotext -layout`` text of printed corpus filings read back (``section16.parse._layout_text``):
corpus XML rendered through the SEC stylesheets, printed to PDF by headless Chromium, converted by
pdftotext (in the temporary cache folder, never committed), and compared field by field with the XML
(bench/bench_rendered.py's compare). Each filing here is one that a layout-text rule reads right."""

from __future__ import annotations

from functools import cache

import pytest

from bench.bench_rendered import compare, flatten
from section16.model import OwnershipDocument
from section16.parse._positioned import layout_lines, lines_of
from section16.parse.rendered_text import layout_words, read_rendered_text
from section16.parse.xml import read_ownership_document
from tests.conftest import corpus_files
from tests.rendered.pdf import have_chromium, have_pdftotext, pdf_cached, pdf_to_text
from tests.rendered.render import render

pytestmark = pytest.mark.skipif(
    not (have_chromium() and have_pdftotext()),
    reason="needs /usr/bin/chromium and pdftotext: run scripts/ensure-chromium.sh, ensure-poppler.sh",
)


@cache
def _read(name: str) -> tuple[OwnershipDocument, OwnershipDocument, dict[str, bool]]:
    """(the XML's document, the layout text's, per field whether it was read right)."""
    paths = [p for p in corpus_files("xml", "*.xml") if p.name == name]
    if not paths:
        pytest.skip(f"corpus file {name} not found")
    xml = paths[0].read_bytes()
    want, _ = read_ownership_document(xml, source=name)
    text = pdf_to_text(pdf_cached(render(xml)), layout=True)
    got, _ = read_rendered_text(text, source=name)
    aff = (want.schema_version or "") >= "X0508" and str(want.document_type)[0] != "3"
    return want, got, compare(want, got, aff_shown=aff)


def _wrong(name: str, keys: tuple[str, ...]) -> list[str]:
    want, got, result = _read(name)
    aff = (want.schema_version or "") >= "X0508"
    shown, read = flatten(want, aff_shown=aff), flatten(got, aff_shown=aff)
    return [f"{k}: want {shown.get(k)!r} got {read.get(k)!r}" for k in keys if not result.get(k)]


CASES = [
    # "294,840 D $": an amount, its (A)/(D) and the price's "$" one space apart (types, one value per cell)
    (
        "0000320193-19-000090.xml",
        tuple(
            f"non_derivative_table[{r}].{k}"
            for r in (0, 1, 2)
            for k in ("transaction_shares", "transaction_acquired_disposed_code")
        ),
        "typed columns",
    ),
    # Table II's "V" and "(A)" heads print right of the labels "5." and "6." (edges from the heads)
    (
        "0000018349-23-000043.xml",
        ("derivative_table[0].transaction_shares", "derivative_table[0].transaction_acquired_disposed_code"),
        "sub-column heads",
    ),
    # an X under "10% Owner", left of "Officer"'s left edge (nearest head centre)
    (
        "0000312069-23-000067.xml",
        (
            "reporting_owners[0].relationship.is_ten_percent_owner",
            "reporting_owners[0].relationship.is_officer",
        ),
        "owner columns",
    ),
    # Table II runs onto page 2, which pdftotext lays out on a narrower grid (its own scale and shift)
    (
        "0001209191-13-009116.xml",
        tuple(
            f"derivative_table[{r}].{k}"
            for r in (4, 8, 12)
            for k in (
                "underlying_security_shares",
                "direct_or_indirect_ownership",
                "exercise_date.footnotes",
                "expiration_date.footnotes",
            )
        ),
        "continuation page",
    ),
    # a row's single-line cells print 2-3 lines below its wrapped ones (rows as bands)
    (
        "0001209191-13-009116.xml",
        (
            "derivative_table[1].exercise_date.footnotes",
            "derivative_table[1].expiration_date.footnotes",
            "derivative_table[1].underlying_security_title",
        ),
        "row bands",
    ),
    # Form 5: no "Code V" heads in Table I; a second X nearer "Officer" than "10% Owner"
    (
        "0000899243-23-004992.xml",
        (
            "non_derivative_table[0].transaction_shares",
            "non_derivative_table[0].transaction_acquired_disposed_code",
            "non_derivative_table[0].shares_owned_following_transaction",
            "reporting_owners[0].relationship.officer_title",
        ),
        "form 5 and ticks",
    ),
    # Table II's heading broken across pages: labels on page 1's grid, heads and rows on page 2's
    (
        "0000899243-20-025608.xml",
        tuple(
            f"derivative_table[{r}].{k}"
            for r in (0, 3)
            for k in (
                "underlying_security_shares",
                "direct_or_indirect_ownership",
                "conversion_or_exercise_price",
            )
        ),
        "heading across pages",
    ),
    # "Common 2,565,601 $ (17)": amount, then the conversion price's "$" one space apart, far left of "4."
    (
        "0001209191-20-051619.xml",
        tuple(
            f"derivative_table[{r}].{k}"
            for r in (0, 1)
            for k in ("underlying_security_shares", "conversion_or_exercise_price.footnotes")
        ),
        "dollar opens a cell",
    ),
    # "By / spouse, / as / custodian / for child": a tall nature cell centred on its row, as its title is
    (
        "0000320193-20-000023.xml",
        tuple(f"non_derivative_table[{r}].nature_of_ownership" for r in (0, 1, 3, 4)),
        "tall cells centred",
    ),
    # "CEO" printed nearer "Other" than "Officer"; box 5 ticks Officer only
    (
        "0000899243-21-044229.xml",
        ("reporting_owners[0].relationship.officer_title", "reporting_owners[0].relationship.is_other"),
        "officer title by box 5",
    ),
    # box 3's date printed one space after box 1's long street line, left of box 3
    ("0000899243-19-021682.xml", ("period_of_report",), "pushed box date"),
    # a wrapped price leaves the amount owned alone on its line, left of the heading's edge
    (
        "0001415889-23-005116.xml",
        tuple(f"non_derivative_table[{r}].shares_owned_following_transaction" for r in (0, 3, 4, 8)),
        "learned column centres",
    ),
    # Sequoia's natures back to back, one word a line: "... Fund IV, / LP (3)" ends a cell, "Sequoia" below
    # it starts the next row's
    (
        "0000899243-18-015035.xml",
        tuple(f"non_derivative_table[{r}].nature_of_ownership" for r in (2, 3)),
        "markers end a cell",
    ),
    (
        "0000899243-20-025611.xml",
        tuple(f"non_derivative_table[{r}].nature_of_ownership" for r in (1, 2)),
        "markers end a cell (2)",
    ),
    # a one-line nature or underlying title prints on its row's anchor line, not one line off another's
    (
        "0001045810-23-000125.xml",
        tuple(f"non_derivative_table[{r}].nature_of_ownership" for r in (0, 1)),
        "one-line cell on the anchor line",
    ),
    (
        "0001209191-18-039035.xml",
        tuple(f"non_derivative_table[{r}].nature_of_ownership" for r in (0, 1)),
        "one-line cell on the anchor line (2)",
    ),
    (
        "0000950170-24-009914.xml",
        tuple(f"derivative_table[{r}].underlying_security_title" for r in (3, 4)),
        "one-line cell on the anchor line (3)",
    ),
    # "$ / 20.9021 / (4)": a wrapped price's marker alone on its line, as near the next row's anchor
    (
        "0001628280-22-028310.xml",
        tuple(f"non_derivative_table[{r}].transaction_price_per_share.footnotes" for r in (1, 2)),
        "price marker after its value",
    ),
    (
        "0001033331-23-000002.xml",
        tuple(f"non_derivative_table[{r}].transaction_price_per_share.footnotes" for r in (9, 10)),
        "price marker after its value (2)",
    ),
    # "Common 186.00 $ 48.81": a decimal number one space after a title is the next column's
    (
        "0000945764-23-000030.xml",
        ("derivative_table[0].underlying_security_title", "derivative_table[0].underlying_security_shares"),
        "decimals not in a title",
    ),
    (
        "0001104659-23-040323.xml",
        ("derivative_table[0].security_title", "derivative_table[0].conversion_or_exercise_price"),
        "decimals not in a title (2)",
    ),
]


@pytest.mark.parametrize(("name", "keys", "why"), CASES, ids=[c[2] for c in CASES])
def test_layout_text_rule_on_a_printed_filing(name: str, keys: tuple[str, ...], why: str) -> None:
    assert _wrong(name, keys) == [], why


def test_layout_text_reads_most_fields_of_these_filings() -> None:
    names = ("0000002488-23-000088.xml", "0000018349-23-000043.xml", "0000320193-19-000090.xml")
    right = total = 0
    for name in names:
        result = _read(name)[2]
        right += sum(result.values())
        total += len(result)
    assert right / total >= 0.95


@pytest.mark.parametrize("name", sorted({c[0] for c in CASES}))
def test_layout_lines_are_the_lines_of_the_layout_words(name: str) -> None:
    # the reader's lines, made straight from the text lines, are those that grouping every word by its
    # line number gives (same words, places and soft hyphens; the browser's header and footer left out)
    paths = [p for p in corpus_files("xml", "*.xml") if p.name == name]
    if not paths:
        pytest.skip(f"corpus file {name} not found")
    text = pdf_to_text(pdf_cached(render(paths[0].read_bytes())), layout=True)
    lines = layout_lines(text)
    assert lines == lines_of(layout_words(text), tolerance=0.35)
