"""Plain ``pdftotext`` text (no ``-layout``) of printed forms read back by ``rendered_plain``.

Small crafted texts pin each rule; the corpus tests print real filings (the SEC stylesheets' view,
headless Chromium, pdftotext; made in the system's temporary folder, never committed) and compare the
fields each rule reads with the XML the print came from (bench/bench_rendered.py's ``flatten``)."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.bench_rendered import compare, flatten
from section16.errors import ParseError, UnsupportedFormat
from section16.model import (
    AcquiredDisposed,
    DerivativeTransaction,
    DirectIndirect,
    Fact,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipDocument,
    TransactionCode,
    TransactionCoding,
)
from section16.parse._plain_cells import Tok
from section16.parse._plain_chain import acquired_disposed_by_arithmetic, chain_holdings
from section16.parse._plain_tables import price_notes, price_ranges
from section16.parse._rendered import DEDUCED, value_paths
from section16.parse.rendered_plain import is_plain_text, lines_and_numbers, plain_lines, read_rendered_plain
from section16.parse.rendered_text import read_rendered_text
from section16.parse.xml import read_ownership_document
from tests.conftest import SHARED, corpus_files
from tests.rendered.pdf import have_chromium, have_pdftotext, pdf_cached, pdf_to_text
from tests.rendered.places import assert_placed, bench_sample_prints
from tests.rendered.render import render

# A Form 4 as plain pdftotext prints it: labels on lines of their own, blocks apart by blank lines,
# the browser's print header and footer, cells of Table I in reading order, a holding whose title
# follows its amount, and footnotes whose markers are centred against their text.
FORM4 = """11/24/26, 6:33 PM

Ownership Submission

FORM 4
Check this box if no
longer subject to

UNITED STATES SECURITIES AND EXCHANGE COMMISSION
STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP OF SECURITIES
1. Name and Address of Reporting Person *

2. Issuer Name and Ticker or Trading Symbol

EXAMPLE CORP [EXM]

Doe Jane
(Last)

(First)

(Middle)

1 MAIN STREET

3. Date of Earliest Transaction (Month/Day/Year)

__X__ Director
_____ Officer (give title below)

_____ 10% Owner
_____ Other (specify below)

03/01/2024

(Street)

4. If Amendment, Date Original Filed(Month/Day/Year)

6. Individual or Joint/Group Filing(Check Applicable Line)
_X_ Form filed by One Reporting Person

SPRINGFIELD, IL 62701
(City)

(State)

(Zip)

1.Title of Security
(Instr. 3)

Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned

2. Transaction
Date

Code

Common Stock

03/01/2024

S(1)

1,000 D

$
12.5 9,000

D

5,000

I

Common Stock

By Trust

Reminder: Report on a separate line for each class of securities beneficially owned directly or indirectly.
SEC 1474 (9-02)

Table II - Derivative Securities Acquired, Disposed of, or Beneficially Owned

Reporting Owners
Reporting Owner Name / Address

Doe Jane
1 MAIN STREET
SPRINGFIELD, IL 62701

Relationships
Director 10% Owner Officer Other

X

Signatures
/s/ Jane Doe
**

Signature of Reporting Person

03/04/2024
Date

Explanation of Responses:
file:///tmp/view.html

1/2

11/24/26, 6:33 PM
*

Ownership Submission

If the form is filed by more than one reporting person, see Instruction 4(b)(v).
(1) Sold under a trading plan.
The plan was adopted on
(2) January 5, 2024 and ends
on December 31, 2024.
Remarks:
None given.
Note: File three copies of this Form.
"""


def test_crafted_form4_reads_every_printed_field() -> None:
    assert is_plain_text(FORM4)
    doc, notes = read_rendered_text(FORM4, source="plain.txt")
    assert str(doc.document_type) == "4" and doc.period_of_report == date(2024, 3, 1)
    assert doc.date_of_original_submission is None
    assert doc.issuer is not None and doc.issuer.issuer_name == "EXAMPLE CORP"
    assert doc.issuer.issuer_trading_symbol == "EXM" and doc.issuer.issuer_cik is None
    (owner,) = doc.reporting_owners
    assert owner.rpt_owner_name == "Doe Jane" and owner.address is not None
    assert (owner.address.rpt_owner_street1, owner.address.rpt_owner_city) == ("1 MAIN STREET", "SPRINGFIELD")
    assert owner.relationship is not None and owner.relationship.is_director is True
    assert owner.relationship.is_officer is False
    sale, holding = doc.non_derivative_table
    assert isinstance(sale, NonDerivativeTransaction) and sale.transaction_coding is not None
    assert sale.transaction_coding.transaction_code is TransactionCode.S
    assert sale.transaction_coding.footnote_ids == ("F1",)  # "S(1)": the marker glued to the code
    assert sale.transaction_shares == Fact(Decimal(1000))
    assert sale.transaction_price_per_share == Fact(Decimal("12.5"))
    assert sale.shares_owned_following_transaction == Fact(Decimal(9000))
    assert isinstance(holding, NonDerivativeHolding)
    assert holding.security_title == Fact("Common Stock")  # after its amount: still the title
    assert holding.shares_owned_following_transaction == Fact(Decimal(5000))
    assert holding.nature_of_ownership == Fact("By Trust")
    assert doc.derivative_table == ()
    assert {f.id: f.text for f in doc.footnotes} == {
        "F1": "Sold under a trading plan.",
        # (2) stands beside the middle line of its three: the note starts on the line above it
        "F2": "The plan was adopted on January 5, 2024 and ends on December 31, 2024.",
    }
    assert doc.remarks == "None given."
    assert [(s.signature_name, s.signature_date) for s in doc.owner_signatures] == [
        ("/s/ Jane Doe", date(2024, 3, 4))
    ]
    assert any("plain converted text" in note for note in notes)


def test_browser_header_and_footer_are_not_text() -> None:
    lines = plain_lines(FORM4)
    assert not any(line.startswith(("file:", "Ownership Submission", "11/24/26")) for line in lines)
    assert "1/2" not in lines


def test_amendment_dates_are_read_after_their_labels() -> None:
    # the original filing's date stands after box 4's label, the period's after box 3's, in any order
    text = FORM4.replace(
        "6. Individual or Joint/Group Filing(Check Applicable Line)",
        "6. Individual or Joint/Group Filing(Check Applicable Line)\n02/20/2024",
    )
    doc, _ = read_rendered_plain(text)
    assert str(doc.document_type) == "4/A"
    assert (doc.period_of_report, doc.date_of_original_submission) == (date(2024, 3, 1), date(2024, 2, 20))


def test_other_text_kinds_are_not_plain() -> None:
    seed = SHARED / "seeds" / "000_3f47c6079172a788.txt"
    if seed.is_file():
        assert not is_plain_text(seed.read_text())  # tabs and markdown: the seed's own reader
    layout = "\n".join(f"Common Stock      03/01/2024     S     1,000    D   line {i}" for i in range(40))
    assert not is_plain_text(layout + "\n(Street)\n(City)\n(State)\n")


def test_text_that_is_not_a_form_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormat) as info:
        read_rendered_plain("(Street)\n(City)\n(State)\nnothing else\n", source="x.txt")
    assert "x.txt:1" in str(info.value)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=1500))
def test_random_text_gives_parse_error_at_worst(noise: str) -> None:
    text = (
        "FORM 4\n(Street)\n(City)\n(State)\nTable I - Non-Derivative\n" + noise + "\nTable II - Derivative\n"
    )
    with contextlib.suppress(ParseError):
        read_rendered_plain(text, source="fuzz.txt")


# --- real rendered corpus text ---------------------------------------------------------------------

needs_tools = pytest.mark.skipif(
    not (have_chromium() and have_pdftotext()),
    reason="needs /usr/bin/chromium and pdftotext: run scripts/ensure-chromium.sh, ensure-poppler.sh",
)


def _plain(name: str) -> tuple[OwnershipDocument, OwnershipDocument]:
    """The XML's document and what the reader gets from the plain pdftotext text of its print."""
    paths = [p for p in corpus_files("xml", "*.xml") if p.name == name]
    if not paths:
        pytest.skip(f"corpus file {name} not found")
    xml = paths[0].read_bytes()
    want, _ = read_ownership_document(xml, source=name)
    text = pdf_to_text(pdf_cached(render(xml)), layout=False)
    got, _ = read_rendered_text(text, source=name)
    return want, got


# (filing, a field a rule reads, the rule): each field must read as the XML has it.
RULES = (
    ("0001179110-20-005097.xml", "document_type", "box 4's date after its label: an amendment"),
    ("0001179110-20-005097.xml", "period_of_report", "box 3's date after its label"),
    ("0000899243-18-015035.xml", "period_of_report", "a date sharing its line with box 1's street"),
    ("0001179110-20-005097.xml", "non_derivative_table.count", "boxes printed among Table I's rows"),
    ("0000899243-21-049992.xml", "non_derivative_table[0].transaction_coding.footnote_ids", "M(1)"),
    ("0000002488-23-000088.xml", "derivative_table[1].transaction_shares", "Table II's flows"),
    ("0000002488-23-000088.xml", "derivative_table[0].exercise_date.footnotes", "footnote-only cell"),
    ("0000002488-23-000088.xml", "non_derivative_table[1].security_title", "a title after its amount"),
    ("0000002488-23-000088.xml", "non_derivative_table[1].nature_of_ownership", "a nature after a title"),
    ("0000018349-23-000043.xml", "footnotes[1].text", "a marker beside its note's middle line"),
    ("0000899243-17-024441.xml", "footnotes[0].text", "a marker alone inside its note"),
    ("0000018349-23-000043.xml", "footnotes[2].text", "a marker alone before a two-line note"),
    ("0000899243-18-015035.xml", "footnotes[1].text", "a note ends at a sentence's end"),
    ("0000899243-21-018773.xml", "footnotes[7].id", "the next marker inside a line"),
    ("0000073124-23-000122.xml", "non_derivative_table[0].transaction_price_per_share.footnotes", "(1)"),
    ("0000895126-23-000036.xml", "non_derivative_table[0].transaction_shares.footnotes", "after A/D"),
    ("0000018349-23-000043.xml", "non_derivative_table[0].transaction_shares.footnotes", "after a code"),
    ("0000320193-19-000080.xml", "non_derivative_table[0].shares_owned_following_transaction.footnotes", "^"),
    ("0000899243-23-002551.xml", "derivative_table[0].security_title", "$0.0001 in text, repeated title"),
    ("0000899243-20-033648.xml", "derivative_table[0].underlying_security_title", "'Shares' a value"),
    ("0000899243-22-006240.xml", "derivative_table.count", "Form 5 column labels"),
    ("0001181431-12-064161.xml", "derivative_table[3].security_title", "two rows' cells in one block"),
    ("0001487846-23-000005.xml", "derivative_table[0].underlying_security_title", "'Class' / 'A'"),
    ("0001179110-20-002137.xml", "non_derivative_table[4].nature_of_ownership", "2007 without a comma"),
    ("0000899243-22-006240.xml", "non_derivative_table.count", "the reminder, Form 5's SEC number"),
    ("0000796343-23-000166.xml", "reporting_owners[0].address.rpt_owner_city", "owner cell at a page break"),
    ("0000899243-23-004992.xml", "reporting_owners[0].rpt_owner_name", "one owner's cell split by a page"),
    ("0000320193-20-000044.xml", "reporting_owners[0].relationship.officer_title", "the last owner's title"),
    ("0000899243-21-044242.xml", "non_derivative_table[0].nature_of_ownership.footnotes", "(2) flow"),
    ("0000860748-23-000031.xml", "derivative_table[0].transaction_acquired_disposed_code", "under (A)"),
    ("0001062993-21-005355.xml", "derivative_table[0].expiration_date.footnotes", "(2) / 328 / (2)"),
    ("0001213900-23-056008.xml", "non_derivative_table[0].security_title", "'par value $0.0001' / 803,737"),
    ("0001213900-23-056008.xml", "issuer.issuer_name", "the issuer line before its label"),
    ("0001610717-26-000146.xml", "issuer.issuer_trading_symbol", "'[RVMD] Issuer'"),
    ("0001209191-21-059576.xml", "non_derivative_table[6].nature_of_ownership", "'L.P. (3)' ends a cell"),
    ("0000899243-20-025611.xml", "non_derivative_table[1].nature_of_ownership", "'III -' / 'Endurance'"),
    ("0000899243-22-006240.xml", "non_derivative_table[0].transaction_coding.transaction_form_type", "G"),
    ("0001604192-23-000004.xml", "non_derivative_table[0].transaction_shares.footnotes", "later price"),
    ("0001062993-23-006653.xml", "derivative_table[0].transaction_shares.footnotes", "(2) (3) (3)"),
    ("0001626431-18-000059.xml", "derivative_table[0].transaction_shares.footnotes", "(3) (2) (3)"),
    ("0000320193-20-000018.xml", "derivative_table[0].transaction_price_per_share.footnotes", "(1) price"),
    ("0000899243-21-047607.xml", "non_derivative_table[4].transaction_shares", "date / owned / D / code"),
    ("0001179110-20-003412.xml", "non_derivative_table[0].transaction_price_per_share", "'$' / '82'"),
    ("0000921895-23-001464.xml", "reporting_owners[1].relationship.other_text", "box 5's other text"),
    ("0000796343-23-000166.xml", "reporting_owners[0].relationship.officer_title", "title after box 3"),
    ("0000899243-21-044370.xml", "reporting_owners[0].rpt_owner_name", "'X' / '406 BROADWAY'"),
    ("0000912282-23-000182.xml", "reporting_owners[0].relationship.officer_title", "title after owner 2"),
    ("0000950142-23-001790.xml", "reporting_owners[2].rpt_owner_name", "'X' / page / next owner"),
    ("0000899243-20-025608.xml", "non_derivative_table[0].security_title", "'Filing(Check ...' a label"),
    ("0001209191-23-030575.xml", "non_derivative_table[1].nature_of_ownership", "'[Family Trust-B ...'"),
    ("0000899243-17-024441.xml", "derivative_table[1].security_title", "'... Preferred' / 'Stock'"),
    ("0001326389-23-000793.xml", "non_derivative_table[0].nature_of_ownership", "'footnote' / '1 (1)'"),
    ("0001415889-24-011825.xml", "non_derivative_table[0].transaction_shares.footnotes", "'(1)' / '(3)'"),
    ("0001725134-23-000015.xml", "derivative_table[0].transaction_date", "code before its date"),
    ("0001610717-26-000146.xml", "reporting_owners[0].address.rpt_owner_state", "X09: city / state / zip"),
    ("0001610717-26-000146.xml", "non_derivative_table[0].security_title", "'(Country)' a label"),
    ("0001104659-23-040323.xml", "derivative_table[0].conversion_or_exercise_price", "'$' / '114.003'"),
    ("0001209191-13-015074.xml", "non_derivative_table[0].shares_owned_following_transaction", "'23.1801 0'"),
    ("0001209191-13-015074.xml", "non_derivative_table[1].shares_owned_following_transaction", "its line"),
    ("0001179110-19-011579.xml", "non_derivative_table[0].transaction_shares", "'V 358' before the date"),
    ("0001179110-19-011579.xml", "non_derivative_table[0].transaction_acquired_disposed_code", "date / 'D'"),
    ("0001033331-23-000002.xml", "derivative_table[0].security_title", "'NonQualified': 'Non-' broken"),
    ("0000860748-23-000031.xml", "non_derivative_table[0].transaction_shares.footnotes", "'Amount' / '(1)'"),
    (
        "0000796343-23-000166.xml",
        "non_derivative_table[1].transaction_shares.footnotes",
        "'V Amount' / '(2)'",
    ),
    ("0000899243-22-035390.xml", "non_derivative_table[1].transaction_price_per_share.footnotes", "$ range"),
    ("doc2dict_tsla4.xml", "non_derivative_table[3].transaction_price_per_share.footnotes", "$ range note"),
    ("0000899243-22-015923.xml", "non_derivative_table[28].nature_of_ownership.footnotes", "(2) every row"),
    ("0000899243-22-035390.xml", "non_derivative_table[5].nature_of_ownership.footnotes", "(2) in each row"),
    ("0001415889-23-005116.xml", "non_derivative_table[0].security_title.footnotes", "range note at title"),
    ("0000899243-21-045946.xml", "non_derivative_table.count", "a 'D' among the codes: the ownership's"),
    ("0000899243-22-015989.xml", "non_derivative_table.count", "a 'D' among 'I's: the A/D's"),
    ("0000899243-22-015989.xml", "non_derivative_table[29].nature_of_ownership", "the last row whole"),
    ("edgartools_form3.snow.xml", "footnotes[3].text", "'(3) on the final ...' inside a note"),
    ("edgartools_form3.snow.xml", "footnotes.count", "a list's '(3)' is not a marker"),
    ("0000320193-20-000044.xml", "footnotes[3].text", "'four-' / 'year period'"),
    ("0001209191-12-022044.xml", "derivative_table[1].security_title", "equal titles in one block"),
    ("0001209191-12-022044.xml", "derivative_table[0].underlying_security_title", "not the 2nd title"),
    ("0001209191-12-014199.xml", "non_derivative_table[1].transaction_shares", "'18,251 D' chains: amount"),
    ("0001209191-12-014199.xml", "non_derivative_table[0].shares_owned_following_transaction", "chain"),
    ("0001209191-12-014199.xml", "non_derivative_table.count", "one amount read as an amount owned"),
    ("0001120437-23-000124.xml", "derivative_table[0].security_title", "a block printed whole twice"),
    ("0001120437-23-000124.xml", "derivative_table[1].security_title", "a title read before: a title"),
    ("0000899243-21-018773.xml", "derivative_table[5].security_title", "'Class B' again: the next title"),
    ("0001062993-21-005990.xml", "derivative_table[4].security_title", "a title again, not underlying"),
    ("0001209191-23-042998.xml", "derivative_table[4].underlying_security_title", "underlying again"),
    ("0001209191-23-042998.xml", "derivative_table.count", "'Common Stock' again: not a title"),
    ("0001181431-10-035864.xml", "non_derivative_table[0].deemed_execution_date", "date / date / code"),
    ("0001181431-10-035864.xml", "non_derivative_table.count", "a deemed date is not a row's date"),
    ("0001181431-10-035864.xml", "derivative_table[0].deemed_execution_date", "Table II's column 3A"),
    ("0001633917-23-000085.xml", "non_derivative_table[0].transaction_shares.footnotes", "'Amount' ... (1)"),
    ("0001769793-23-000005.xml", "non_derivative_table[0].transaction_price_per_share", "not (1) but $ 0"),
    ("0001868736-23-000001.xml", "derivative_table[0].exercise_date", "two dates on one line: column 6"),
    ("0001868736-23-000001.xml", "derivative_table[0].transaction_shares.footnotes", "'1,576' / '(2)'"),
    ("0001179110-18-012394.xml", "derivative_table[0].expiration_date", "'10/26/2018(2) 10/25/2028'"),
    ("0001179110-20-002132.xml", "non_derivative_table[0].transaction_shares", "alike rows' amounts chain"),
    ("0001179110-20-002132.xml", "non_derivative_table.count", "an amount read as an amount owned"),
    ("0001604192-23-000004.xml", "non_derivative_table[1].nature_of_ownership", "'U/A/D' / '07/10/2001'"),
    ("0001033331-23-000002.xml", "non_derivative_table[3].transaction_shares", "Netflix's sales chain"),
    ("0001033331-23-000002.xml", "non_derivative_table[6].shares_owned_following_transaction", "chain"),
    ("0001033331-23-000002.xml", "non_derivative_table[4].transaction_price_per_share", "price on its line"),
    ("0001033331-23-000002.xml", "non_derivative_table.count", "two codes 'D': ownership forms"),
    ("0001033331-23-000002.xml", "non_derivative_table[4].transaction_shares.footnotes", "'730 (1) D'"),
    ("0001209191-13-003321.xml", "non_derivative_table[2].transaction_price_per_share.footnotes", "price"),
    ("0001209191-13-003321.xml", "non_derivative_table[2].nature_of_ownership.footnotes", "See footnote"),
    ("0001209191-12-014769.xml", "derivative_table[1].security_title", "a title again after 'I'"),
    ("0001209191-12-014769.xml", "derivative_table[1].nature_of_ownership", "its nature after it"),
    ("0001685040-23-000047.xml", "non_derivative_table[0].transaction_shares", "'3,361 A' an amount"),
    ("0001685040-23-000047.xml", "non_derivative_table[0].shares_owned_following_transaction", "16,175"),
    ("0001828937-23-000066.xml", "non_derivative_table[0].shares_owned_following_transaction", "NUM A"),
    ("0001828937-23-000066.xml", "non_derivative_table[1].shares_owned_following_transaction", "holding"),
    ("0000899243-22-035390.xml", "non_derivative_table[15].transaction_shares", "amount/owned exchanged"),
    ("0000899243-22-035390.xml", "non_derivative_table[14].shares_owned_following_transaction", "chain"),
    ("0001209191-13-009116.xml", "derivative_table[2].security_title", "a title again after (1) (1)"),
    ("0001209191-13-009116.xml", "derivative_table[17].security_title", "the last row's title"),
    ("0000899243-18-024846.xml", "derivative_table[12].security_title", "its own title again: a title"),
    ("0001181431-10-034759.xml", "derivative_table[7].security_title", "a title after its row's 'I'"),
    ("0001120437-23-000124.xml", "derivative_table[0].conversion_or_exercise_price.footnotes", "block (3)"),
    ("0001209191-12-040311.xml", "derivative_table[0].conversion_or_exercise_price.footnotes", "(2) (3)"),
    ("0001209191-12-022044.xml", "derivative_table[1].conversion_or_exercise_price.footnotes", "2 titles"),
    ("0001871559-23-000006.xml", "derivative_table[0].conversion_or_exercise_price.footnotes", "(5) (4) (5)"),
    ("0001871559-23-000006.xml", "derivative_table[0].exercise_date.footnotes", "the equal pair: dates"),
)


@needs_tools
@pytest.mark.parametrize(("name", "key", "rule"), RULES, ids=[f"{n[:20]}-{r}" for n, _, r in RULES])
def test_rule_on_real_plain_text(name: str, key: str, rule: str) -> None:
    want, got = _plain(name)
    aff = (want.schema_version or "") >= "X0508"
    expected, read = flatten(want, aff_shown=aff).get(key), flatten(got, aff_shown=aff).get(key)
    assert expected not in (None, ()), f"{name} shows no {key}: the case does not test '{rule}'"
    assert read == expected, f"{rule}: {name} {key} read {read!r}, the XML has {expected!r}"


@needs_tools
def test_a_filing_with_both_tables_reads_nearly_whole() -> None:
    want, got = _plain("0000002488-23-000088.xml")
    result = compare(want, got, aff_shown=(want.schema_version or "") >= "X0508")
    wrong = sorted(k for k, ok in result.items() if not ok)
    # Table II's (A)/(D) column is the one thing plain text does not show: row 1 (2,709 owned after
    # 2,709, the first row of its security) stays None; row 0 (732, none owned after) was disposed of
    assert wrong == ["derivative_table[1].transaction_acquired_disposed_code"], wrong
    assert isinstance(got.derivative_table[1], DerivativeTransaction)
    assert got.derivative_table[1].transaction_acquired_disposed_code is None


def test_table_two_acquired_disposed_only_where_the_numbers_tell_it() -> None:
    """An amount owned after below the amount: disposed of. After the row before in the same security
    and ownership: plus the amount is (A), minus it (D). Otherwise None, whatever the code."""

    def row(title: str, code: str, amount: str, after: str) -> DerivativeTransaction:
        return DerivativeTransaction(
            security_title=Fact(value=title),
            transaction_coding=TransactionCoding(transaction_code=TransactionCode(code)),
            transaction_shares=Fact(value=Decimal(amount)),
            shares_owned_following_transaction=Fact(value=Decimal(after)),
            direct_or_indirect_ownership=Fact(value=DirectIndirect.DIRECT),
        )

    rows = (
        row("Option", "M", "732", "0"),  # 0 < 732: disposed of
        row("RSU", "A", "2709", "2709"),  # the first of its security: not told
        row("RSU", "M", "709", "2000"),  # 2,709 - 709: disposed of
        row("RSU", "A", "500", "2500"),  # 2,000 + 500: acquired
        row("Warrant", "A", "100", "2500"),  # the first of its security: not told
    )
    out, decided = acquired_disposed_by_arithmetic(rows)
    codes = [r.transaction_acquired_disposed_code for r in out if isinstance(r, DerivativeTransaction)]
    assert [c.value if c else None for c in codes] == ["D", None, "D", "A", None]
    assert [i for i, _ in decided] == [0, 2, 3]
    assert "0 owned after is below the amount 732" in decided[0][1]
    assert "2709 owned before - 709 is 2000 owned after" in decided[1][1]


def test_table_two_acquired_disposed_by_the_chain_only_where_the_position_chains() -> None:
    """Row 3 chains with row 2 (2,000 + 500), but row 4 (2,500 +/- 100 is not 2,500) breaks the
    RSUs' chain: the filing's numbers do not add up, so the chain decides nothing in that security
    (row 3 stays None); the option's own chain holds (1,000 - 400 = 600: D)."""

    def row(title: str, amount: str, after: str) -> DerivativeTransaction:
        return DerivativeTransaction(
            security_title=Fact(value=title),
            transaction_shares=Fact(value=Decimal(amount)),
            shares_owned_following_transaction=Fact(value=Decimal(after)),
            direct_or_indirect_ownership=Fact(value=DirectIndirect.DIRECT),
        )

    rows = (
        row("RSU", "2709", "2709"),
        row("Option", "1000", "1000"),
        row("RSU", "709", "2000"),
        row("RSU", "500", "2500"),
        row("RSU", "100", "2500"),
        row("Option", "400", "600"),
    )
    out, decided = acquired_disposed_by_arithmetic(rows)
    codes = [r.transaction_acquired_disposed_code for r in out if isinstance(r, DerivativeTransaction)]
    assert [c.value if c else None for c in codes] == [None, None, None, None, None, "D"]
    assert [i for i, _ in decided] == [5]
    # the RSUs owned indirectly chain (500 + 100 = 600), but the RSUs owned directly do not: the
    # security's amounts owned may have been read into each other's rows, so nothing is deduced
    indirect = tuple(
        replace(r, direct_or_indirect_ownership=Fact(value=DirectIndirect.INDIRECT))
        for r in (row("RSU", "500", "500"), row("RSU", "100", "600"))
    )
    out, decided = acquired_disposed_by_arithmetic(rows[:5] + indirect)
    assert decided == []
    out, decided = acquired_disposed_by_arithmetic(indirect)
    assert [i for i, _ in decided] == [1]


@needs_tools
def test_a_filing_whose_rows_do_not_chain_gets_no_deduced_acquired_disposed() -> None:
    """Four RSU rows, each disposed of (D) as filed: 3,906 -> 0; 4,362 -> 4,362; 4,827 -> 9,654;
    11,928 -> 11,928. Rows 0 and 1 chain as 0 + 4,362, which would read row 1 (A): wrong; row 2
    (4,362 +/- 4,827 is not 9,654) shows the security's rows do not add up, so row 1 stays None."""
    want, got = _plain("0001784788-23-000002.xml")
    filed = want.derivative_table[1]
    assert isinstance(filed, DerivativeTransaction)
    assert filed.transaction_acquired_disposed_code == Fact(value=AcquiredDisposed.DISPOSED)
    read = got.derivative_table[1]
    assert isinstance(read, DerivativeTransaction)
    assert read.transaction_shares == Fact(value=Decimal(4362))
    assert read.transaction_acquired_disposed_code is None


@needs_tools
def test_a_deduced_acquired_disposed_is_noted_with_a_low_confidence() -> None:
    """Row 0 of Table II (732 disposed of, 0 owned after) reads (D) from its numbers, not its cell:
    the reader's notes say so, and name the numbers."""
    paths = [p for p in corpus_files("xml", "*.xml") if p.name == "0000002488-23-000088.xml"]
    if not paths:
        pytest.skip("corpus file 0000002488-23-000088.xml not found")
    text = pdf_to_text(pdf_cached(render(paths[0].read_bytes())), layout=False)
    got, notes = read_rendered_text(text, source=paths[0].name)
    row = got.derivative_table[0]
    assert isinstance(row, DerivativeTransaction)
    assert row.transaction_acquired_disposed_code == Fact(value=AcquiredDisposed.DISPOSED)
    deduced = [n for n in notes if n.startswith("derivativeTable/row[1]/transactionAcquiredDisposedCode")]
    assert len(deduced) == 1
    assert "deduced, not read (confidence low" in deduced[0]
    assert "0 owned after is below the amount 732" in deduced[0]


def test_a_price_range_note_goes_to_the_one_price_in_its_range() -> None:
    """The marker of a note naming a range of prices moves to the price in the range, from wherever it
    was printed; two notes naming one range (the filer's slip) leave their markers where they are."""
    notes = {
        "F2": "The price reported is a weighted average price. These shares were sold in multiple "
        "transactions at prices ranging from $432.11 to $432.97, inclusive.",
        "F3": "Sold at prices ranging from $1,005.600 to $1,006.390, inclusive.",
        "F4": "Sold at prices ranging from $1,005.600 to $1,006.390, inclusive.",
        "F5": "The Trust dated July 22, 2003.",
    }
    ranges = price_ranges(notes)
    assert ranges == {
        "F2": [(Decimal("432.11"), Decimal("432.97"))],
        "F3": [(Decimal("1005.600"), Decimal("1006.390"))],
        "F4": [(Decimal("1005.600"), Decimal("1006.390"))],
    }
    q: dict[str, list[Tok]] = {
        "price": [Tok("price", "35.5886"), Tok("price", "432.55"), Tok("price", "1005.947", ["(3)"])],
        "nature": [Tok("text", "by Trust", ["(2)", "(5)"])],
        "amount": [Tok("num", "730", ["(4)"])],
    }
    price_notes(q, ranges)
    assert [t.marks for t in q["price"]] == [[], ["(2)"], ["(3)"]]
    assert q["nature"][0].marks == ["(5)"]
    assert q["amount"][0].marks == ["(4)"]


def test_notes_whose_ranges_share_prices_take_them_in_order() -> None:
    """Two days of sales whose ranges overlap: 157.55 and 157.979 both lie in both notes' ranges; the
    lower-numbered note explains the earlier row. A third note with one price left takes it."""
    ranges = price_ranges(
        {
            "F5": "at prices ranging from $157.020 to $158.010, inclusive",
            "F26": "at prices ranging from $157.500 to $158.490, inclusive",
            "F9": "at prices ranging from $157.900 to $160.000, inclusive",
        }
    )
    q: dict[str, list[Tok]] = {
        "price": [Tok("price", "157.55"), Tok("price", "159.5"), Tok("price", "157.979", ["(5)"])],
    }
    price_notes(q, ranges)
    assert [t.marks for t in q["price"]] == [["(5)"], ["(9)"], ["(26)"]]


_T1 = ("title", "date", "code", "v", "amount", "ad", "price", "owned", "direct")


def _column(kind: str, texts: str, line: int = 0) -> list[Tok]:
    return [Tok(kind, text, line=line + 2 * k) for k, text in enumerate(texts.split())]


def test_amounts_owned_printed_out_of_order_are_put_in_chain_order() -> None:
    """Sales of one security: each amount owned is the one before minus the row's amount; printed in
    another order (a page's flows), they are put back in the one order that chains."""
    q: dict[str, list[Tok]] = {c: [] for c in _T1}
    q["title"] = _column("text", "Common Common Common")
    q["date"] = _column("date", "07/03/2023 07/03/2023 07/03/2023")
    q["amount"] = _column("num", "4,105 4,058 4,269")
    q["ad"] = _column("letter", "D D D")
    q["owned"] = _column("num", "8,826 17,153 13,095")
    chain_holdings(q)
    assert [t.text for t in q["owned"]] == ["17,153", "13,095", "8,826"]


def test_an_amount_read_as_an_amount_owned_moves_to_the_amounts() -> None:
    """'78,667 A' / '18,251 D' / '$ 88.1132 60,416' / '78,667': one row's amount was taken for an
    amount owned; the one number whose move makes the rows chain moves, to the place its line gives."""
    q: dict[str, list[Tok]] = {c: [] for c in _T1}
    q["title"] = _column("text", "A A A A")
    q["date"] = _column("date", "02/27/2012 02/27/2012 02/27/2012 02/27/2012")
    q["amount"] = [Tok("num", "78,667", line=1), Tok("num", "40,816", line=20), Tok("num", "19,600", line=30)]
    q["ad"] = _column("letter", "A D D")
    q["owned"] = [
        Tok("num", t, line=n)
        for t, n in (("18,251", 3), ("60,416", 5), ("78,667", 7), ("19,600", 22), ("0", 32))
    ]
    chain_holdings(q)
    assert [t.text for t in q["amount"]] == ["78,667", "18,251", "40,816", "19,600"]
    assert [t.text for t in q["owned"]] == ["78,667", "60,416", "19,600", "0"]


def test_rows_that_chain_as_read_or_in_no_order_are_left_alone() -> None:
    q: dict[str, list[Tok]] = {c: [] for c in _T1}
    q["title"] = _column("text", "C C")
    q["date"] = _column("date", "01/02/2023 01/03/2023")
    q["amount"] = _column("num", "100 50")
    q["ad"] = _column("letter", "A D")
    q["owned"] = _column("num", "1,000 2,000")  # no order chains: 1,000 - 50 and 2,000 - 50 are not here
    chain_holdings(q)
    assert [t.text for t in q["owned"]] == ["1,000", "2,000"]


def test_alike_rows_amounts_are_arranged_by_the_arithmetic_too() -> None:
    """Four grants alike but for their amounts (one date, code A, A): the amounts printed out of their
    rows' order, and the first row's amount read as an amount owned; the one arrangement that chains
    puts both back (18,964; +6,840 = 25,804; +4,104 = 29,908; +4,999 = 34,907)."""
    q: dict[str, list[Tok]] = {c: [] for c in _T1}
    q["title"] = _column("text", "C C C C")
    q["date"] = _column("date", "02/20/2020 02/20/2020 02/20/2020 02/20/2020")
    q["code"] = _column("letter", "A A A A")
    q["ad"] = _column("letter", "A A A A")
    q["amount"] = _column("num", "4,104 4,999 6,840", line=1)
    q["owned"] = _column("num", "18,964 18,964 25,804 29,908 34,907", line=20)
    chain_holdings(q)
    assert [t.text for t in q["amount"]] == ["18,964", "6,840", "4,104", "4,999"]
    assert [t.text for t in q["owned"]] == ["18,964", "25,804", "29,908", "34,907"]


def test_amounts_owned_that_chain_in_two_orders_are_left_alone() -> None:
    """Three rows of 10 with no (A)/(D) read: the amounts owned 100, 110, 90 do not chain as read,
    and chain in two orders (110, 100, 90 and 90, 100, 110): the arithmetic cannot tell, so nothing
    moves."""
    q: dict[str, list[Tok]] = {c: [] for c in _T1}
    q["title"] = _column("text", "C C C")
    q["date"] = _column("date", "01/02/2023 01/03/2023 01/04/2023")
    q["amount"] = _column("num", "10 10 10")
    q["owned"] = _column("num", "100 110 90")
    chain_holdings(q)
    assert [t.text for t in q["owned"]] == ["100", "110", "90"]
    assert [t.text for t in q["amount"]] == ["10", "10", "10"]


def test_alike_rows_whose_amounts_chain_in_two_arrangements_are_left_alone() -> None:
    """Two grants alike (A) and two sales alike (D), amounts 5, 10, 10, 5 and amounts owned 35, 20,
    25, 30 (no order chains with the amounts as read). Two arrangements chain: 25 +10 = 35 -5 = 30
    -10 = 20 (first amount 5) and 30 +5 = 35 -10 = 25 -5 = 20 (first amount 10): the arithmetic
    cannot tell them apart, so neither the amounts nor the amounts owned move."""
    q: dict[str, list[Tok]] = {c: [] for c in _T1}
    q["title"] = _column("text", "C C C C")
    q["date"] = _column("date", "01/02/2023 01/02/2023 01/03/2023 01/03/2023")
    q["code"] = _column("letter", "A A S S")
    q["ad"] = _column("letter", "A A D D")
    q["amount"] = _column("num", "5 10 10 5", line=1)
    q["owned"] = _column("num", "35 20 25 30", line=20)
    chain_holdings(q)
    assert [t.text for t in q["owned"]] == ["35", "20", "25", "30"]
    assert [t.text for t in q["amount"]] == ["5", "10", "10", "5"]


def test_an_amount_and_an_amount_owned_printed_in_each_other_s_flows_change_places() -> None:
    """'10,000 A' / '$ 1.60' / '142,179' / 'D' / '10,000 D' ... read as amounts 10,000, 142,179 and
    amounts owned 10,000, 132,179 with a third row's sale: exchanging 142,179 and 10,000 is the one
    exchange that makes the rows chain with the amounts owned in the order read."""
    q: dict[str, list[Tok]] = {c: [] for c in _T1}
    q["title"] = _column("text", "C C C")
    q["date"] = _column("date", "01/11/2022 01/11/2022 01/12/2022")
    q["code"] = _column("letter", "M S S")
    q["ad"] = _column("letter", "A D D")
    q["amount"] = _column("num", "10,000 142,179 2,179", line=1)
    q["owned"] = _column("num", "10,000 132,179 130,000", line=20)
    chain_holdings(q)
    assert [t.text for t in q["amount"]] == ["10,000", "10,000", "2,179"]
    assert [t.text for t in q["owned"]] == ["142,179", "132,179", "130,000"]


def test_no_exchange_with_a_holding_or_when_another_order_chains_too() -> None:
    """A holding's amount owned is not checked by the arithmetic, so it is never exchanged; and in a
    two-row table the three numbers of 1,246 + 891 = 2,137 chain in two roles (891 as the amount,
    or as an amount owned in another order): the arithmetic does not tell, nothing moves."""
    q: dict[str, list[Tok]] = {c: [] for c in _T1}
    q["title"] = _column("text", "C C C")
    q["date"] = _column("date", "07/10/2020 07/10/2020")
    q["code"] = _column("letter", "S A")
    q["ad"] = _column("letter", "A A")
    q["amount"] = _column("num", "189 2,137", line=1)
    q["owned"] = _column("num", "891 1,246 240,677", line=20)
    chain_holdings(q)
    assert [t.text for t in q["amount"]] == ["189", "2,137"]
    assert [t.text for t in q["owned"]] == ["891", "1,246", "240,677"]
    q = {c: [] for c in _T1}
    q["title"] = _column("text", "C C C")
    q["date"] = _column("date", "05/05/2020 05/06/2020")
    q["code"] = _column("letter", "M S")
    q["ad"] = _column("letter", "A D")
    q["amount"] = _column("num", "38,732 1,428", line=1)
    q["owned"] = _column("num", "145,822 80,000 65,822", line=20)
    chain_holdings(q)  # 145,822 - 65,822 = 80,000 only with the holding's 65,822 as the amount
    assert [t.text for t in q["amount"]] == ["38,732", "1,428"]
    assert [t.text for t in q["owned"]] == ["145,822", "80,000", "65,822"]


def test_a_holding_s_amount_owned_is_never_exchanged() -> None:
    """Nine sales of 10 from 1,000 down to 920, the last one's amount read as 55, and a holding of
    10 after them: exchanging 55 with the holding's 10 would make the sales chain, but a holding's
    amount owned is not checked by the arithmetic (it is no transaction's result), so nothing moves."""
    q: dict[str, list[Tok]] = {c: [] for c in _T1}
    q["title"] = _column("text", " ".join(["C"] * 10))
    q["date"] = _column("date", " ".join(f"03/0{k + 1}/2023" for k in range(9)))  # rows not alike
    q["code"] = _column("letter", " ".join(["S"] * 9))
    q["ad"] = _column("letter", " ".join(["D"] * 9))
    q["amount"] = _column("num", " ".join(["10"] * 8 + ["55"]), line=1)
    owned = " ".join(str(1000 - 10 * k) for k in range(9))
    q["owned"] = _column("num", owned + " 10", line=40)
    chain_holdings(q)
    assert [t.text for t in q["amount"]][-1] == "55"
    assert [t.text for t in q["owned"]][-1] == "10"


# --- where each value was read (issue 5: "Each value carries where it was read ... and a confidence") -


def _line_of(text: str, printed: str) -> str:
    """``"line N"``: the 1-based line of ``text`` that is exactly ``printed`` (one such line)."""
    numbers = [n for n, line in enumerate(text.split("\n"), 1) if line.strip() == printed]
    assert len(numbers) == 1, f"{printed!r} is printed on lines {numbers}: not one place"
    return f"line {numbers[0]}"


def _assert_places_name_values(doc: OwnershipDocument, source: str) -> None:
    """Every value placed (``assert_placed``), each place once, and no place for a value not held."""
    assert_placed(doc, source=source)
    paths = [p.path for p in doc.places]
    assert len(paths) == len(set(paths)), f"{source}: a value placed twice"
    assert set(paths) <= set(value_paths(doc)), f"{source}: {set(paths) - set(value_paths(doc))}"


def test_crafted_form4_places_each_value_at_its_line() -> None:
    doc, _ = read_rendered_plain(FORM4, source="plain.txt")
    _assert_places_name_values(doc, "plain.txt")
    assert {p.confidence for p in doc.places} == {0.98}  # plain text's benchmark: 98.00% of fields
    at = {p.path: p.place for p in doc.places}
    assert at["document_type"] == _line_of(FORM4, "FORM 4")
    assert (
        at["issuer.issuer_name"]
        == at["issuer.issuer_trading_symbol"]
        == _line_of(FORM4, "EXAMPLE CORP [EXM]")
    )
    # the period, the first date printed after box 3's label; the signature's date, under "Date"
    period_lines = [n for n, line in enumerate(FORM4.split("\n"), 1) if line == "03/01/2024"]
    assert at["period_of_report"] == f"line {period_lines[0]}"
    assert at["owner_signatures[0].signature_date"] == _line_of(FORM4, "03/04/2024")
    assert at["owner_signatures[0].signature_name"] == _line_of(FORM4, "/s/ Jane Doe")
    # box 5's tick, not the owners' table's "X", places the first owner's relationship
    assert at["reporting_owners[0].relationship.is_director"] == _line_of(FORM4, "__X__ Director")
    assert at["reporting_owners[0].relationship.is_other"] == _line_of(FORM4, "_____ Other (specify below)")
    # the owner's name and address: the lines of his cell in the Reporting Owners table
    names = [n for n, line in enumerate(FORM4.split("\n"), 1) if line == "Doe Jane"]
    assert at["reporting_owners[0].rpt_owner_name"] == f"line {names[-1]}"
    city = [n for n, line in enumerate(FORM4.split("\n"), 1) if line == "SPRINGFIELD, IL 62701"]
    for field in ("city", "state", "zip_code"):
        assert at[f"reporting_owners[0].address.rpt_owner_{field}"] == f"line {city[-1]}"
    # Table I: "1,000 D" holds the amount and its (A)/(D); "$" / "12.5 9,000" the price and amount owned
    assert at["non_derivative_table[0].transaction_shares"] == _line_of(FORM4, "1,000 D")
    assert at["non_derivative_table[0].transaction_acquired_disposed_code"] == _line_of(FORM4, "1,000 D")
    assert at["non_derivative_table[0].transaction_coding"] == _line_of(FORM4, "S(1)")
    assert at["non_derivative_table[0].transaction_price_per_share"] == _line_of(FORM4, "12.5 9,000")
    assert at["non_derivative_table[0].shares_owned_following_transaction"] == _line_of(FORM4, "12.5 9,000")
    assert at["non_derivative_table[1].shares_owned_following_transaction"] == _line_of(FORM4, "5,000")
    assert at["non_derivative_table[1].nature_of_ownership"] == _line_of(FORM4, "By Trust")
    # a note's id at its marker, its text at its first line (the line above the centred "(2)")
    assert at["footnotes[1].id"] == _line_of(FORM4, "(2) January 5, 2024 and ends")
    assert at["footnotes[1].text"] == _line_of(FORM4, "The plan was adopted on")
    assert at["remarks"] == _line_of(FORM4, "None given.")


def test_a_form_feed_ends_a_page_not_a_line_of_the_text() -> None:
    # pdftotext starts each page after a form feed on the line the last page ended: the lines keep
    # their numbers in the text as given
    lines, numbers = lines_and_numbers("FORM 4\nDoe Jane\fEXAMPLE CORP [EXM]\n\n03/01/2024\n")
    assert list(zip(lines, numbers, strict=True)) == [
        ("FORM 4", 1),
        ("Doe Jane", 2),
        ("EXAMPLE CORP [EXM]", 2),
        ("", 0),
        ("03/01/2024", 4),
        ("", 0),
    ]
    # the browser's header and footer are no lines of the form; blank lines after them no block break
    lines, numbers = lines_and_numbers("FORM 4\n\n1/2\n\nfile:///tmp/view.html\n\nDoe Jane\n")
    assert list(zip(lines, numbers, strict=True)) == [("FORM 4", 1), ("Doe Jane", 7), ("", 0)]
    # a page break before Table II: the owners' lines after it keep their numbers
    doc, _ = read_rendered_plain(FORM4.replace("\nTable II - ", "\f\nTable II - "), source="ff.txt")
    at = {p.path: p.place for p in doc.places}
    city = [n for n, line in enumerate(FORM4.split("\n"), 1) if line == "SPRINGFIELD, IL 62701"]
    assert at["reporting_owners[0].address.rpt_owner_city"] == f"line {city[-1]}"


# the filings the tests above read from their print, each read whole with every value placed
PLACED = sorted(
    {name for name, _, _ in RULES}
    | {"0000002488-23-000088.xml", "0001784788-23-000002.xml", "0000320193-19-000090.xml"}
)


@needs_tools
@pytest.mark.parametrize("name", PLACED)
def test_every_value_of_a_real_filing_is_placed(name: str) -> None:
    _, got = _plain(name)
    _assert_places_name_values(got, name)


@needs_tools
def test_places_of_a_real_filing_name_the_lines_the_values_are_printed_on() -> None:
    """Apple's Form 4 (Tim Cook, 08/2019): each amount, price and amount owned of Table I, and the
    first row's date, is printed on the line its place names."""
    name = "0000320193-19-000090.xml"
    paths = [p for p in corpus_files("xml", "*.xml") if p.name == name]
    if not paths:
        pytest.skip(f"corpus file {name} not found")
    text = pdf_to_text(pdf_cached(render(paths[0].read_bytes())), layout=False)
    got, _ = read_rendered_text(text, source=name)
    lines = text.split("\n")
    at = {p.path: p for p in got.places}
    checked = 0
    for k, row in enumerate(got.non_derivative_table):
        for field, value in (
            ("transaction_shares", getattr(row, "transaction_shares", None)),
            ("transaction_price_per_share", getattr(row, "transaction_price_per_share", None)),
            ("shares_owned_following_transaction", row.shares_owned_following_transaction),
        ):
            if value is None or value.value is None:
                continue
            place = at[f"non_derivative_table[{k}].{field}"]
            number = int(place.place.removeprefix("line "))
            assert f"{value.value:,}" in lines[number - 1], (field, k, place, lines[number - 1])
            checked += 1
    assert checked == 14  # 2 amounts, 4 prices, 8 amounts owned: every number Table I prints
    first = got.non_derivative_table[0]
    assert isinstance(first, NonDerivativeTransaction) and first.transaction_date is not None
    day = first.transaction_date.value
    assert day is not None
    when = at["non_derivative_table[0].transaction_date"].place
    assert lines[int(when.removeprefix("line ")) - 1] == day.strftime("%m/%d/%Y")


@needs_tools
def test_a_deduced_acquired_disposed_is_placed_at_its_amount_with_low_confidence() -> None:
    """Table II's (A)/(D) of row 0 deduced from the amounts owned (732, none owned after): placed at
    the amount, with the confidence of a deduction; every value read has the reader's."""
    _, got = _plain("0000002488-23-000088.xml")
    at = {p.path: p for p in got.places}
    deduced = at["derivative_table[0].transaction_acquired_disposed_code"]
    assert deduced.confidence == DEDUCED
    assert deduced.place == at["derivative_table[0].transaction_shares"].place
    assert {p.confidence for p in got.places} == {0.98, DEDUCED}


@needs_tools
@pytest.mark.slow
def test_every_value_of_the_bench_sample_is_placed() -> None:
    for path, pdf in bench_sample_prints():
        doc, _ = read_rendered_text(pdf_to_text(pdf, layout=False), source=path.name)
        _assert_places_name_values(doc, f"{path.name} (plain text)")
