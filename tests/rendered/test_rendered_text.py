"""Converter text of a printed form read back: the seed (a PDF-to-markdown copy of a real Form 4) must
read exactly as a careful person reads it (``seeds/*.expected.json``), every field."""

from __future__ import annotations

import contextlib
import json
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from section16.errors import ParseError, UnsupportedFormat
from section16.model import Fact, NonDerivativeTransaction, SourceFormat
from section16.parse import read_filing
from section16.parse._rendered import value_paths
from section16.parse.rendered_html import detect_rendered
from section16.parse.rendered_text import read_rendered_text
from tests.conftest import SHARED
from tests.rendered.places import assert_placed

SEED = SHARED / "seeds" / "000_3f47c6079172a788.txt"
EXPECTED = SHARED / "seeds" / "000_3f47c6079172a788.expected.json"


def _seed() -> tuple[bytes, dict[str, object]]:
    if not SEED.is_file():
        pytest.skip(f"seed not found at {SEED}: these tests need ../shared/seeds beside the repository")
    return SEED.read_bytes(), json.loads(EXPECTED.read_text())


def _d(text: object) -> date | None:
    return date.fromisoformat(text) if isinstance(text, str) else None


def test_seed_reads_field_by_field() -> None:
    data, want = _seed()
    filing = read_filing(data, name=SEED.name)
    assert filing.source.format is SourceFormat.RENDERED_TEXT
    doc = filing.document
    assert doc is not None
    assert str(doc.document_type) == want["document_type"]
    assert doc.is_amendment is want["is_amendment"]
    assert doc.date_of_original_submission == _d(want["date_of_original_submission"])
    assert doc.period_of_report == _d(want["period_of_report"])
    assert doc.aff10b5_one is want["aff10b5One"]
    assert doc.not_subject_to_section16 is want["not_subject_to_section16"]
    issuer = want["issuer"]
    assert isinstance(issuer, dict) and doc.issuer is not None
    assert (doc.issuer.issuer_name, doc.issuer.issuer_trading_symbol) == (
        issuer["name"],
        issuer["trading_symbol"],
    )
    assert doc.issuer.issuer_cik is None and doc.schema_version is None  # not printed: never guessed
    owners = want["reporting_owners"]
    assert isinstance(owners, list) and len(doc.reporting_owners) == len(owners)
    for owner, w in zip(doc.reporting_owners, owners, strict=True):
        assert owner.rpt_owner_name == w["name"]
        assert owner.rpt_owner_cik is None
        a = owner.address
        assert a is not None
        assert (a.rpt_owner_street1, a.rpt_owner_city, a.rpt_owner_state, a.rpt_owner_zip_code) == (
            w["street1"], w["city"], w["state"], w["zip"],
        )  # fmt: skip
        r = owner.relationship
        assert r is not None
        assert r.is_director is w["is_director"] and r.is_officer is w["is_officer"]
        assert r.is_ten_percent_owner is w["is_ten_percent_owner"] and r.is_other is w["is_other"]
        assert r.officer_title == w["officer_title"]
    assert (len(doc.reporting_owners) > 1) is want["joint_filing"]
    rows = want["non_derivative_transactions"]
    assert isinstance(rows, list) and len(doc.non_derivative_transactions) == len(rows)
    for row, w in zip(doc.non_derivative_transactions, rows, strict=True):
        assert row.security_title is not None and row.security_title.value == w["security_title"]
        assert row.transaction_date is not None and row.transaction_date.value == _d(w["transaction_date"])
        assert (row.deemed_execution_date and row.deemed_execution_date.value) == _d(
            w["deemed_execution_date"]
        )
        coding = row.transaction_coding
        assert coding is not None and coding.transaction_code == w["code"]
        assert (coding.transaction_form_type == "5") is w["voluntary"]
        assert row.transaction_shares is not None and row.transaction_shares.value == Decimal(w["shares"])
        assert row.transaction_acquired_disposed_code is not None
        assert row.transaction_acquired_disposed_code.value == w["acquired_disposed"]
        assert row.transaction_price_per_share is not None
        assert row.transaction_price_per_share.value == Decimal(w["price_per_share"])
        assert row.shares_owned_following_transaction is not None
        assert row.shares_owned_following_transaction.value == Decimal(w["shares_owned_following"])
        assert row.direct_or_indirect_ownership is not None
        assert row.direct_or_indirect_ownership.value == w["direct_or_indirect"]
        assert (row.nature_of_ownership and row.nature_of_ownership.value) == w["nature_of_ownership"]
    assert len(doc.non_derivative_holdings) == len(want["non_derivative_holdings"])  # type: ignore[arg-type]
    assert len(doc.derivative_transactions) == len(want["derivative_transactions"])  # type: ignore[arg-type]
    assert len(doc.derivative_holdings) == len(want["derivative_holdings"])  # type: ignore[arg-type]
    assert {f.id: f.text for f in doc.footnotes} == want["footnotes"]
    assert doc.remarks == want["remarks"]
    signatures = want["signatures"]
    assert isinstance(signatures, list)
    assert [(s.signature_name, s.signature_date) for s in doc.owner_signatures] == [
        (s["name"], _d(s["date"])) for s in signatures
    ]
    assert doc.unparsed == ()


def test_seed_says_where_each_value_was_read() -> None:
    data, _ = _seed()
    doc, _ = read_rendered_text(data, source=SEED.name)
    assert_placed(doc, source=SEED.name)
    assert {p.confidence for p in doc.places} == {0.9}  # no benchmark of its own
    assert {p.path for p in doc.places} <= set(value_paths(doc))  # no place for a value not held
    assert len(set(doc.places)) == len(doc.places)  # each once
    places = {p.path: p.place for p in doc.places}
    lines = data.decode().split("\n")

    def line_of(where: str) -> str:
        return lines[int(where.removeprefix("line ")) - 1]

    # the seed's Table I row: "Common Stock<TAB>12/08/2023<TAB><TAB>A<TAB><TAB>47,856<TAB>A<TAB>\\$0<TAB>..."
    assert places["non_derivative_table[0].transaction_shares"] == "line 31"
    assert "47,856" in line_of(places["non_derivative_table[0].transaction_shares"])
    assert places["issuer.issuer_trading_symbol"] == "line 22" and "[ CLRB ]" in lines[21]
    assert places["period_of_report"] == "line 23" and "12/08/2023" in lines[22]
    assert places["reporting_owners[0].address.rpt_owner_zip_code"] == "line 24" and "07932" in lines[23]
    assert places["owner_signatures[0].signature_name"] == "line 40"
    assert places["owner_signatures[0].signature_date"] == "line 42" and lines[41] == "12/12/2023"
    assert places["document_type"] == "line 1"


def test_footnote_markers_and_holdings_in_converter_text() -> None:
    text = (
        "FORM 4\nSTATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\n"
        "UNITED STATES SECURITIES AND EXCHANGE COMMISSION\n"
        "#### Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned\n"
        "Common Stock\t03/01/2024\t\tS (1)\t\t1,000\tD\t\\$12.50 (2)\t9,000\tI\tBy trust (3)\n"
        "Common Stock\t\t\t\t\t\t\t\t5,000\tD\t\n"
        "## Table II - Derivative Securities\n"
        "Explanation of Responses:\n1. Sold under a plan.\n2. Weighted average.\n3. Held by a trust.\n"
        "Remarks: none given\n/s/ A Person\n03/04/2024\n** Signature of Reporting Person\n"
    )
    doc, _ = read_rendered_text(text, source="t.md")
    sale, holding = doc.non_derivative_table
    assert isinstance(sale, NonDerivativeTransaction) and sale.transaction_coding is not None
    assert sale.transaction_coding.footnote_ids == ("F1",)
    assert sale.transaction_price_per_share == Fact(Decimal("12.50"), ("F2",))
    assert sale.nature_of_ownership is not None and sale.nature_of_ownership.footnote_ids == ("F3",)
    assert holding.shares_owned_following_transaction is not None
    assert holding.shares_owned_following_transaction.value == Decimal(5000)
    assert type(holding).__name__ == "NonDerivativeHolding"
    assert [f.id for f in doc.footnotes] == ["F1", "F2", "F3"]
    assert doc.remarks == "none given"
    assert doc.owner_signatures[0].signature_name == "/s/ A Person"
    assert_placed(doc, source="t.md")
    places = {p.path: p.place for p in doc.places}
    assert places["non_derivative_table[0].transaction_price_per_share"] == "line 5"
    assert places["non_derivative_table[1].shares_owned_following_transaction"] == "line 6"
    assert places["footnotes[1].text"] == "line 10" and places["remarks"] == "line 12"
    assert places["owner_signatures[0].signature_name"] == "line 13"
    assert places["owner_signatures[0].signature_date"] == "line 14"


def test_text_that_is_not_a_form_is_unsupported() -> None:
    assert detect_rendered(b"Quarterly report of beneficial ownership, nothing else") is None
    with pytest.raises(UnsupportedFormat) as info:
        read_rendered_text(b"Annual report\nBENEFICIAL OWNERSHIP of nothing", source="x.txt")
    assert "x.txt:1" in str(info.value)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_random_text_gives_parse_error_at_worst(noise: str) -> None:
    text = "FORM 4\nSTATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP\nTable I - Non-Derivative\n" + noise
    with contextlib.suppress(ParseError):
        read_rendered_text(text, source="fuzz.txt")


# The head of a Form 4 as markitdown writes a printed one: its table finder's cells as markdown pipe
# tables, one form cell's lines spread over several table rows.
_PIPE_TABLES = """FORM 4 UNITED STATES SECURITIES AND EXCHANGE COMMISSION OMB APPROVAL
Washington, D.C. 20549
STATEMENT OF CHANGES IN BENEFICIAL OWNERSHIP OF SECURITIES
| 1. Name and Address of Reporting Person * |     |     |   2. Issuer Name and Ticker or Trading Symbol |
| ----------------------------------------- | --- | --- | --------------------------------------------- |
| Alpern Robert J    |         |          | AbbVie Inc. [ABBV]                               |
Table I - Non-Derivative Securities Acquired, Disposed of, or Beneficially Owned
| Common Stock, $0.01 par |     |            |     |               | $ 0       |        |            |
| ----------------------- | --- | ---------- | --- | ------------- | --------- | ------ | ---------- |
|                         |     | 05/08/2020 |     | A(1)   2,333  | A         | 28,440 | D          |
"""


def test_markdown_pipe_tables_are_refused_not_read_into_their_pipes() -> None:
    """Read as text, such tables gave values such as a security title '| --- | --- |'; they are refused
    with a message that names the file, the line of the first table rule, and what to do instead."""
    with pytest.raises(UnsupportedFormat) as info:
        read_filing(_PIPE_TABLES.encode(), name="form4.md")
    message = str(info.value)
    assert message.startswith("form4.md:5:") and "pipe tables" in message and "pdftotext" in message
