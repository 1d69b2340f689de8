"""The ownership XML reader: real quirks, bad input, and the whole corpus with nothing dropped."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from section16.errors import ParseError, SizeLimitError, UnsupportedFormat
from section16.model import (
    AcquiredDisposed,
    DerivativeTransaction,
    DirectIndirect,
    DocumentType,
    Fact,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    Timeliness,
    TransactionCode,
)
from section16.parse import read_ownership_document
from tests.conftest import corpus_files

XML_FILES = corpus_files("xml", "*.xml")


def doc(body: str, head: str = '<?xml version="1.0"?>') -> bytes:
    return f"{head}<ownershipDocument>{body}</ownershipDocument>".encode()


ROW = """
<nonDerivativeTable><nonDerivativeTransaction>
  <securityTitle><value>Common Stock</value><footnoteId id="F1"/></securityTitle>
  <transactionDate><value>2023-12-08</value></transactionDate>
  <transactionCoding><transactionFormType>4</transactionFormType><transactionCode>S</transactionCode>
    <equitySwapInvolved>false</equitySwapInvolved><footnoteId id="F2"/></transactionCoding>
  <transactionAmounts>
    <transactionShares><value> 47,856 </value></transactionShares>
    <transactionPricePerShare><footnoteId id="F3"/></transactionPricePerShare>
    <transactionAcquiredDisposedCode><value>D</value></transactionAcquiredDisposedCode>
  </transactionAmounts>
  <postTransactionAmounts><sharesOwnedFollowingTransaction><value>55037.7</value>
    </sharesOwnedFollowingTransaction></postTransactionAmounts>
  <ownershipNature><directOrIndirectOwnership><value>I</value></directOrIndirectOwnership>
    <natureOfOwnership><value>By Trust</value><footnoteId id="F4"/><footnoteId id="F5"/></natureOfOwnership>
  </ownershipNature>
</nonDerivativeTransaction></nonDerivativeTable>
"""


def test_a_row_reads_with_each_footnote_on_its_value() -> None:
    d, notes = read_ownership_document(doc("<documentType>4</documentType>" + ROW))
    assert d.document_type is DocumentType.FORM_4
    (row,) = d.non_derivative_table
    assert isinstance(row, NonDerivativeTransaction)
    assert row.security_title == Fact("Common Stock", ("F1",))
    assert row.transaction_date == Fact(date(2023, 12, 8))
    assert row.transaction_coding is not None
    assert row.transaction_coding.transaction_code is TransactionCode.S
    assert row.transaction_coding.equity_swap_involved is False
    assert row.transaction_coding.footnote_ids == ("F2",)
    assert row.transaction_shares == Fact(Decimal("47856"))
    assert row.transaction_price_per_share == Fact(None, ("F3",))  # price given only by a footnote
    assert row.transaction_acquired_disposed_code == Fact(AcquiredDisposed.DISPOSED)
    assert row.shares_owned_following_transaction == Fact(Decimal("55037.7"))
    assert row.direct_or_indirect_ownership == Fact(DirectIndirect.INDIRECT)
    # StrEnum members equal their letters: check the types too ("D" is both disposed and direct).
    assert type(row.transaction_acquired_disposed_code.value) is AcquiredDisposed
    assert type(row.direct_or_indirect_ownership.value) is DirectIndirect
    assert type(row.transaction_coding.transaction_code) is TransactionCode
    assert row.nature_of_ownership == Fact("By Trust", ("F4", "F5"))
    assert row.deemed_execution_date is None  # absent stays absent
    assert d.unparsed == () and d.extras == () and notes == ()


def test_facts_shared_between_rows_keep_each_leaf_type_and_the_cache_stays_bounded() -> None:
    from section16.parse import xml as reader

    # Read twice: the second read takes its facts from the readers' caches. "D" is a disposal in one
    # leaf and direct ownership in the other, and each keeps its own type.
    for _ in range(2):
        d, _notes = read_ownership_document(doc(ROW))
        (row,) = d.non_derivative_table
        assert isinstance(row, NonDerivativeTransaction)
        assert row.transaction_acquired_disposed_code is not None
        assert row.direct_or_indirect_ownership is not None
        assert type(row.transaction_acquired_disposed_code.value) is AcquiredDisposed
        assert row.direct_or_indirect_ownership == Fact(DirectIndirect.INDIRECT)
        assert row.transaction_shares == Fact(Decimal("47856"))
    # Many distinct values: each reader's cache never holds more than its bound.
    shares = "".join(
        "<nonDerivativeHolding><postTransactionAmounts><sharesOwnedFollowingTransaction>"
        f"<value>{n}</value></sharesOwnedFollowingTransaction></postTransactionAmounts></nonDerivativeHolding>"
        for n in range(reader._KEPT + 10)
    )
    d, _notes = read_ownership_document(doc(f"<nonDerivativeTable>{shares}</nonDerivativeTable>"))
    assert len(d.non_derivative_table) == reader._KEPT + 10
    last = d.non_derivative_table[-1]
    assert isinstance(last, NonDerivativeHolding)
    assert last.shares_owned_following_transaction == Fact(Decimal(reader._KEPT + 9))
    assert all(len(facts) <= reader._KEPT for facts in reader._FACTS.values())


def test_a_coding_read_again_is_the_same_and_an_unreadable_code_is_kept_each_time() -> None:
    coding = (
        "<nonDerivativeTable><nonDerivativeTransaction><transactionCoding>"
        "<transactionFormType>4</transactionFormType><transactionCode>{code}</transactionCode>"
        "<equitySwapInvolved>0</equitySwapInvolved></transactionCoding>"
        "</nonDerivativeTransaction></nonDerivativeTable>"
    )
    for _ in range(2):  # the second read of each takes the first one's coding where it read cleanly
        d, _notes = read_ownership_document(doc(coding.format(code="S")))
        (row,) = d.non_derivative_table
        assert isinstance(row, NonDerivativeTransaction) and row.transaction_coding is not None
        assert row.transaction_coding.transaction_code is TransactionCode.S
        assert row.transaction_coding.transaction_form_type == "4"
        assert row.transaction_coding.equity_swap_involved is False
        d, _notes = read_ownership_document(doc(coding.format(code="Q9")))
        (row,) = d.non_derivative_table
        assert isinstance(row, NonDerivativeTransaction) and row.transaction_coding is not None
        assert row.transaction_coding.transaction_code is None
        assert [(u.path, u.text) for u in d.unparsed] == [
            (
                "/ownershipDocument/nonDerivativeTable/nonDerivativeTransaction[1]/transactionCoding/"
                "transactionCode",
                "Q9",
            )
        ]


def test_owner_blocks_read_again_keep_their_extras_and_unreadable_texts_each_time() -> None:
    from section16.parse import xml as reader

    owner = (
        "<issuer><issuerCik>0000002488</issuerCik><issuerTradingSymbol>AMD</issuerTradingSymbol></issuer>"
        "<reportingOwner><reportingOwnerId><rptOwnerCik>0001331263</rptOwnerCik></reportingOwnerId>"
        "<reportingOwnerAddress><rptOwnerCity>AUSTIN</rptOwnerCity><rptOwnerMood>calm</rptOwnerMood>"
        "</reportingOwnerAddress><reportingOwnerRelationship><isDirector>{director}</isDirector>"
        "<officerTitle>CFO</officerTitle></reportingOwnerRelationship></reportingOwner>"
    )
    reader.clear_caches()
    for _ in range(2):  # the second read of each may take the first one's blocks
        d, _notes = read_ownership_document(doc(owner.format(director="1")))
        (o,) = d.reporting_owners
        assert d.issuer is not None and d.issuer.issuer_trading_symbol == "AMD"
        assert o.address is not None and o.address.rpt_owner_city == "AUSTIN"
        assert o.relationship is not None and o.relationship.is_director is True
        assert o.relationship.officer_title == "CFO"
        # The element no schema defines is kept at its place on every read.
        assert [(e.parent_path, e.xml) for e in d.extras] == [
            (
                "/ownershipDocument/reportingOwner[1]/reportingOwnerAddress",
                "<rptOwnerMood>calm</rptOwnerMood>",
            )
        ]
        d, _notes = read_ownership_document(doc(owner.format(director="maybe")))
        (o,) = d.reporting_owners
        assert o.relationship is not None and o.relationship.is_director is None
        assert [u.text for u in d.unparsed] == ["maybe"]
    assert reader._GROUPS  # the clean blocks were kept ...
    reader.clear_caches()
    assert not reader._GROUPS and not reader._CODINGS  # ... and are forgotten on request
    assert not any(reader._FACTS.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", False), ("1", True), ("true", True), ("false", False), ("TRUE", True), (" 1 ", True)],
)
def test_booleans_spelled_every_way(text: str, expected: bool) -> None:
    d, _ = read_ownership_document(doc(f"<notSubjectToSection16>{text}</notSubjectToSection16>"))
    assert d.not_subject_to_section16 is expected


def test_double_escaped_entities_are_decoded_once_more() -> None:
    d, _ = read_ownership_document(doc("<issuer><issuerName>PG&amp;amp;E Corp</issuerName></issuer>"))
    assert d.issuer is not None and d.issuer.issuer_name == "PG&E Corp"


def test_empty_values_cr_line_ends_and_leading_white_space() -> None:
    body = "<periodOfReport>2021-09-30-05:00</periodOfReport>\r<remarks>line one\rline two</remarks>\r" + (
        "<nonDerivativeTable><nonDerivativeHolding><securityTitle><value/></securityTitle>"
        "</nonDerivativeHolding></nonDerivativeTable>"
    )
    d, notes = read_ownership_document(b"\n\n  " + doc(body))
    assert d.period_of_report == date(2021, 9, 30)  # zone suffix on a date
    assert d.remarks == "line one\nline two"
    (holding,) = d.non_derivative_table
    assert isinstance(holding, NonDerivativeHolding)
    assert holding.security_title == Fact(None)  # present but empty: a Fact with no value
    assert any("white space" in n for n in notes)


def test_text_that_is_not_its_type_is_kept_with_its_place() -> None:
    body = ROW.replace(" 47,856 ", "See footnote (1)")
    d, _ = read_ownership_document(doc(body))
    row = d.non_derivative_table[0]
    assert isinstance(row, NonDerivativeTransaction)
    assert row.transaction_shares == Fact(None)
    (kept,) = d.unparsed
    assert kept.text == "See footnote (1)"
    assert kept.path == (
        "/ownershipDocument/nonDerivativeTable/nonDerivativeTransaction[1]"
        "/transactionAmounts/transactionShares/value"
    )


def test_unknown_elements_are_kept_and_injected_scripts_removed() -> None:
    body = "<script>alert(1)</script><documentType>4</documentType><agentNote a='1'>hi</agentNote>"
    d, notes = read_ownership_document(doc(body, head=""))
    assert d.document_type is DocumentType.FORM_4
    (extra,) = d.extras
    assert extra.parent_path == "/ownershipDocument"
    assert extra.xml == '<agentNote a="1">hi</agentNote>'
    assert notes == ("removed <script> injected by a web browser at /ownershipDocument",)


def test_elements_out_of_schema_order_and_value_given_without_value_element() -> None:
    body = (
        "<derivativeTable><derivativeTransaction>"
        "<ownershipNature><directOrIndirectOwnership>D</directOrIndirectOwnership></ownershipNature>"
        "<conversionOrExercisePrice><value>$1,234.50</value></conversionOrExercisePrice>"
        "<securityTitle><value>Option</value></securityTitle>"
        "</derivativeTransaction></derivativeTable>"
    )
    d, notes = read_ownership_document(doc(body))
    (row,) = d.derivative_table
    assert isinstance(row, DerivativeTransaction)
    assert row.conversion_or_exercise_price == Fact(Decimal("1234.50"))
    assert row.direct_or_indirect_ownership == Fact(DirectIndirect.DIRECT)
    assert row.security_title == Fact("Option")
    assert any("without <value>" in n for n in notes)


def test_windows_1252_bytes_without_a_declared_encoding() -> None:
    d, notes = read_ownership_document(b"<ownershipDocument><remarks>Caf\xe9</remarks></ownershipDocument>")
    assert d.remarks == "Café"
    assert notes == ("bytes that are not UTF-8 read as Windows-1252",)


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<ownershipDocument><remarks>&lol2;</remarks></ownershipDocument>"""

EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<ownershipDocument><remarks>&x;</remarks></ownershipDocument>"""


AFTER_COMMENT = b"""<?xml version="1.0"?><!-- a <b> comment --><?pi x?>
<!DOCTYPE d [<!ENTITY x "y">]><ownershipDocument><remarks>&x;</remarks></ownershipDocument>"""


@pytest.mark.parametrize(
    "data", [BILLION_LAUGHS, EXTERNAL, AFTER_COMMENT], ids=["bomb", "external-entity", "after-comment"]
)
def test_dtds_and_entities_are_refused(data: bytes) -> None:
    with pytest.raises(ParseError, match="document type declarations are not allowed"):
        read_ownership_document(data, source="evil.xml")


def test_declaration_words_inside_the_document_are_text() -> None:
    # Only the prolog can hold a DTD; the same words in a remark's CDATA are just text.
    data = b"<ownershipDocument><remarks><![CDATA[see <!DOCTYPE and <!ENTITY]]></remarks></ownershipDocument>"
    d, _ = read_ownership_document(data)
    assert d.remarks == "see <!DOCTYPE and <!ENTITY"


def test_a_doctype_after_the_root_element_is_not_well_formed() -> None:
    with pytest.raises(ParseError, match="not well-formed"):
        read_ownership_document(b"<ownershipDocument/><!DOCTYPE d>", source="late.xml")


def test_white_space_between_elements_is_layout_but_kept_inside_mixed_remarks() -> None:
    data = b"<ownershipDocument>\n  <remarks>A <br/> <br/> B</remarks>\n</ownershipDocument>"
    d, _ = read_ownership_document(data)
    assert d.remarks == "A   B"


def test_truncated_file_names_file_line_and_column() -> None:
    with pytest.raises(ParseError) as info:
        read_ownership_document(doc(ROW)[:300], source="cut.xml")
    err = info.value
    assert err.source == "cut.xml" and err.line is not None and err.column is not None
    assert str(err).startswith(f"cut.xml:{err.line}:{err.column}: not well-formed XML")


def test_other_xml_is_told_apart() -> None:
    with pytest.raises(UnsupportedFormat, match="not <ownershipDocument>"):
        read_ownership_document(b"<html><body>Request Rate Threshold Exceeded</body></html>")


def test_size_limit() -> None:
    with pytest.raises(SizeLimitError):
        read_ownership_document(doc("<remarks>" + "x" * 2000 + "</remarks>"), max_bytes=1000)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_give_parse_error_or_a_document(data: bytes) -> None:
    try:
        read_ownership_document(data)
    except ParseError as exc:
        assert str(exc)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=len(doc(ROW)) - 1), st.binary(min_size=0, max_size=5))
def test_damaged_documents_give_parse_error_or_a_document(at: int, junk: bytes) -> None:
    data = doc(ROW)
    try:
        read_ownership_document(data[:at] + junk + data[at + len(junk) :])
    except ParseError as exc:
        assert exc.message


# ---------------------------------------------------------------------------------------------------
# The whole corpus: every file reads, and nothing that carries text or a footnote reference is dropped.

# Model field -> XML tag, written from the XSD independently of the reader's own tables.
_TAGS = {
    "schema_version": "schemaVersion",
    "document_type": "documentType",
    "period_of_report": "periodOfReport",
    "date_of_original_submission": "dateOfOriginalSubmission",
    "no_securities_owned": "noSecuritiesOwned",
    "not_subject_to_section16": "notSubjectToSection16",
    "form3_holdings_reported": "form3HoldingsReported",
    "form4_transactions_reported": "form4TransactionsReported",
    "aff10b5_one": "aff10b5One",
    "remarks": "remarks",
    "issuer_cik": "issuerCik",
    "issuer_name": "issuerName",
    "issuer_trading_symbol": "issuerTradingSymbol",
    "issuer_foreign_trading_symbol": "issuerForeignTradingSymbol",
    "rpt_owner_cik": "reportingOwnerId/rptOwnerCik",
    "rpt_owner_ccc": "reportingOwnerId/rptOwnerCcc",
    "rpt_owner_name": "reportingOwnerId/rptOwnerName",
    "signature_name": "signatureName",
    "signature_date": "signatureDate",
    "transaction_form_type": "transactionFormType",
    "transaction_code": "transactionCode",
    "equity_swap_involved": "equitySwapInvolved",
    "security_title": "securityTitle",
    "conversion_or_exercise_price": "conversionOrExercisePrice",
    "transaction_date": "transactionDate",
    "deemed_execution_date": "deemedExecutionDate",
    "transaction_timeliness": "transactionTimeliness",
    "transaction_shares": "transactionAmounts/transactionShares",
    "transaction_total_value": "transactionAmounts/transactionTotalValue",
    "transaction_price_per_share": "transactionAmounts/transactionPricePerShare",
    "transaction_acquired_disposed_code": "transactionAmounts/transactionAcquiredDisposedCode",
    "exercise_date": "exerciseDate",
    "expiration_date": "expirationDate",
    "underlying_security_title": "underlyingSecurity/underlyingSecurityTitle",
    "underlying_security_shares": "underlyingSecurity/underlyingSecurityShares",
    "underlying_security_value": "underlyingSecurity/underlyingSecurityValue",
    "shares_owned_following_transaction": "postTransactionAmounts/sharesOwnedFollowingTransaction",
    "value_owned_following_transaction": "postTransactionAmounts/valueOwnedFollowingTransaction",
    "direct_or_indirect_ownership": "ownershipNature/directOrIndirectOwnership",
    "nature_of_ownership": "ownershipNature/natureOfOwnership",
}
_DOC_FIELDS = (
    "schema_version",
    "document_type",
    "period_of_report",
    "date_of_original_submission",
    "no_securities_owned",
    "not_subject_to_section16",
    "form3_holdings_reported",
    "form4_transactions_reported",
    "aff10b5_one",
    "remarks",
)
_REPEATED = {
    "reportingOwner",
    "ownerSignature",
    "footnote",
    "nonDerivativeTransaction",
    "nonDerivativeHolding",
    "derivativeTransaction",
    "derivativeHolding",
}
_ROW_TAG = {
    "NonDerivativeTransaction": "nonDerivativeTransaction",
    "NonDerivativeHolding": "nonDerivativeHolding",
    "DerivativeTransaction": "derivativeTransaction",
    "DerivativeHolding": "derivativeHolding",
}


def _source_facts(data: bytes) -> set[tuple[str, str]]:
    """(XPath, text) of every leaf with text, and (XPath, "#Fn") of every footnote reference."""
    root = etree.fromstring(data.lstrip(), etree.XMLParser(resolve_entities=False, no_network=True))
    found: set[tuple[str, str]] = set()

    def walk(el: etree._Element, path: str) -> None:
        counts: dict[str, int] = {}
        for child in el:
            if not isinstance(child.tag, str) or child.tag == "script":
                continue
            tag = child.tag
            if tag in _REPEATED:
                counts[tag] = counts.get(tag, 0) + 1
                sub = f"{path}/{tag}[{counts[tag]}]"
            else:
                sub = f"{path}/{tag}"
            if tag == "footnoteId":
                found.add((path, "\x00#" + (child.get("id") or "").strip()))
            elif tag == "footnote":
                found.add((sub, "".join(child.itertext()).strip()))
            elif len(child):
                walk(child, sub)
            elif child.text and child.text.strip():
                found.add((sub.removesuffix("/value"), child.text.strip()))

    walk(root, "/ownershipDocument")
    return found


def _model_paths(d: object) -> dict[str, object]:
    """XPath -> value (or "#Fn" markers) of everything the model holds."""
    from dataclasses import fields, is_dataclass

    out: dict[str, object] = {}

    def put(path: str, value: object) -> None:
        if isinstance(value, Fact):
            if value.value is not None:
                out[path] = value.value
            for fid in value.footnote_ids:
                out[f"{path}#{fid}"] = True
        elif value is not None:
            out[path] = value

    def group(obj: object, path: str) -> None:
        assert is_dataclass(obj)
        for f in fields(obj):
            value = getattr(obj, f.name)
            if f.name == "footnote_ids":
                for fid in value:
                    out[f"{path}#{fid}"] = True
            elif f.name == "address":
                if value is not None:
                    group(value, path + "/reportingOwnerAddress")
            elif f.name == "relationship":
                if value is not None:
                    group(value, path + "/reportingOwnerRelationship")
            elif f.name == "transaction_coding":
                if value is not None:
                    group(value, path + "/transactionCoding")
            elif f.name.startswith("rpt_owner_") and "reportingOwnerAddress" in path:
                camel = "rptOwner" + "".join(p.capitalize() for p in f.name[10:].split("_"))
                camel = camel.replace("NonUs", "NonUS")
                put(f"{path}/{camel}", value)
            elif f.name.startswith("is_") or f.name in ("officer_title", "other_text"):
                camel = f.name.split("_")[0] + "".join(p.capitalize() for p in f.name.split("_")[1:])
                put(f"{path}/{camel}", value)
            else:
                put(f"{path}/{_TAGS[f.name]}", value)

    doc_ = d
    root = "/ownershipDocument"
    for name in _DOC_FIELDS:
        put(f"{root}/{_TAGS[name]}", getattr(doc_, name))
    issuer = doc_.issuer  # type: ignore[attr-defined]
    if issuer is not None:
        group(issuer, root + "/issuer")
    for i, owner in enumerate(doc_.reporting_owners, 1):  # type: ignore[attr-defined]
        group(owner, f"{root}/reportingOwner[{i}]")
    for i, sig in enumerate(doc_.owner_signatures, 1):  # type: ignore[attr-defined]
        group(sig, f"{root}/ownerSignature[{i}]")
    for i, note in enumerate(doc_.footnotes, 1):  # type: ignore[attr-defined]
        out[f"{root}/footnotes/footnote[{i}]"] = note.text
    for table, rows in (
        ("nonDerivativeTable", doc_.non_derivative_table),
        ("derivativeTable", doc_.derivative_table),
    ):  # type: ignore[attr-defined]
        counts: dict[str, int] = {}
        for row in rows:
            tag = _ROW_TAG[type(row).__name__]
            counts[tag] = counts.get(tag, 0) + 1
            group(row, f"{root}/{table}/{tag}[{counts[tag]}]")
    return out


_ENUM_OF = {
    "documentType": DocumentType,
    "transactionCode": TransactionCode,
    "transactionAcquiredDisposedCode": AcquiredDisposed,
    "directOrIndirectOwnership": DirectIndirect,
    "transactionTimeliness": Timeliness,
}


@pytest.mark.corpus
@pytest.mark.parametrize("path", XML_FILES, ids=[p.name for p in XML_FILES])
def test_corpus_file_reads_with_nothing_dropped(path: Path) -> None:
    from section16.parse._values import clean_text, read_bool, read_date, read_decimal

    data = path.read_bytes()
    d, _ = read_ownership_document(data, source=str(path))
    assert d.extras == (), "the corpus holds no element outside the schemas"
    held = _model_paths(d)
    unparsed = {u.path.removesuffix("/value") for u in d.unparsed}
    extra_parents = {e.parent_path for e in d.extras}
    for where, text in _source_facts(data):
        if text.startswith("\x00#"):
            marker = text[1:]
            assert f"{where}{marker}" in held, f"footnote {marker} on {where} dropped"
            continue
        if where in unparsed or any(where.startswith(p + "/") for p in extra_parents):
            continue
        assert where in held, f"{where} = {text!r} dropped"
        value = held[where]
        if isinstance(value, bool):
            assert value == read_bool(text)
        elif isinstance(value, Decimal):
            assert value == read_decimal(text)
        elif isinstance(value, date):
            assert value == read_date(text)
        elif hasattr(value, "value"):  # an enum member, of the enum its element names
            assert str(value.value) == text.upper(), where  # type: ignore[attr-defined]
            assert type(value) is _ENUM_OF[where.rsplit("/", 1)[-1]], where
        else:
            assert value == clean_text(text), where


def test_corpus_is_present_or_says_why() -> None:
    if not XML_FILES:
        pytest.skip("corpus not found at ../shared/corpus: corpus tests are skipped")
    assert len(XML_FILES) >= 1182
