"""The ownership XML writer: model -> XML -> model gives the model back (generated documents and every
corpus file), the XML is in schema order and, for schema-complete documents, valid against the official
XSD of its form; unparsed texts and unknown elements go back to their XPaths."""

from __future__ import annotations

import functools
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

from section16.model import (
    Address,
    DerivativeHolding,
    DerivativeTransaction,
    DocumentType,
    Extra,
    Fact,
    Footnote,
    Issuer,
    NonDerivativeTransaction,
    OwnershipDocument,
    Relationship,
    ReportingOwner,
    Signature,
    TransactionCoding,
    Unparsed,
)
from section16.parse.xml import read_ownership_document
from section16.write.xml import write_ownership_xml
from tests.conftest import corpus_files, require_corpus
from tests.strategies import ownership_documents

_XSD_NAMES = {
    DocumentType.FORM_3: "ownership3Document.xsd.xml",
    DocumentType.FORM_3A: "ownership3ADocument.xsd.xml",
    DocumentType.FORM_4: "ownership4Document.xsd.xml",
    DocumentType.FORM_4A: "ownership4ADocument.xsd.xml",
    DocumentType.FORM_5: "ownership5Document.xsd.xml",
    DocumentType.FORM_5A: "ownership5ADocument.xsd.xml",
}


class _SchemaFolder(etree.Resolver):  # type: ignore[misc]
    """Resolves the XSDs' ``<xs:include schemaLocation=".//ownershipDocumentCommon.xsd.xml"/>`` to the
    corpus' schema folder, so nothing is fetched from anywhere else."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder

    def resolve(self, system_url: str, public_id: str, context: object) -> object:
        return self.resolve_filename(str(self.folder / Path(system_url).name), context)


@functools.cache
def _schema(document_type: DocumentType) -> etree.XMLSchema:
    folder = require_corpus() / "schema"
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_SchemaFolder(folder))
    return etree.XMLSchema(etree.parse(str(folder / _XSD_NAMES[document_type]), parser))


def _xsd_errors(document_type: DocumentType, xml: bytes) -> list[str]:
    schema = _schema(document_type)
    if schema.validate(etree.fromstring(xml)):
        return []
    return [error.message for error in schema.error_log]


def _reasons(messages: list[str]) -> set[str]:
    """XSD messages without the element they name: an empty ``<nonDerivativeTable/>`` that is not
    written moves "not expected, expected is ( aff10b5One )" to the next element, the same reason."""
    return {message.split("': ", 1)[-1] for message in messages}


_EXPECTED_ONE = re.compile(r"Expected is \( (\w+) \)")


def _never_filed(reason: str, data: bytes) -> bool:
    """True for "expected is ( aff10b5One )" when the filing has no such element at all: a required
    element of a later schema version that an earlier error (an injected ``<script>``, which the reader
    drops) hid from the validator in the original."""
    match = _EXPECTED_ONE.search(reason)
    return match is not None and f"<{match[1]}".encode() not in data


def _roundtrip(document: OwnershipDocument) -> OwnershipDocument:
    written = write_ownership_xml(document)
    again, _notes = read_ownership_document(written, source="<written>")
    return again


# -- generated documents ----------------------------------------------------------------------------


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@_settings(100)
@given(ownership_documents())
def test_generated_document_reads_back_equal(document: OwnershipDocument) -> None:
    assert _roundtrip(document) == document


@_settings(60)
@given(ownership_documents(schema_complete=True))
def test_schema_complete_document_is_valid_for_its_form(document: OwnershipDocument) -> None:
    assert document.document_type is not None
    written = write_ownership_xml(document)
    assert _xsd_errors(document.document_type, written) == []
    assert _roundtrip(document) == document


@_settings(40)
@given(ownership_documents())
def test_writing_is_stable(document: OwnershipDocument) -> None:
    written = write_ownership_xml(document)
    assert write_ownership_xml(_roundtrip(document)) == written


# -- the corpus -------------------------------------------------------------------------------------


@pytest.mark.corpus
@pytest.mark.parametrize("path", corpus_files("xml", "*.xml"), ids=lambda p: p.name)
def test_corpus_file_reads_back_equal(path: Path) -> None:
    """read -> write -> read gives the same model, and writing adds no XSD error the filing does not
    have itself: a valid filing stays valid; an invalid one (an old schema version without
    ``aff10b5One``, a country code in ``rptOwnerState``) fails for its own reasons only."""
    data = path.read_bytes()
    document, _notes = read_ownership_document(data, source=path.name)
    written = write_ownership_xml(document)
    again, _notes = read_ownership_document(written, source=f"{path.name} (written)")
    assert again == document
    if document.document_type is not None:
        original_errors = _reasons(_xsd_errors(document.document_type, data.lstrip()))
        new_errors = {
            reason
            for reason in _reasons(_xsd_errors(document.document_type, written)) - original_errors
            if not _never_filed(reason, data)
        }
        assert not new_errors, f"{path.name}: writing added XSD errors {sorted(new_errors)}"


# -- what is written, exactly -----------------------------------------------------------------------


def _tree(document: OwnershipDocument) -> etree._Element:
    return etree.fromstring(write_ownership_xml(document))


def test_declaration_encoding_and_schema_order() -> None:
    document = OwnershipDocument(
        schema_version="X0508",
        document_type=DocumentType.FORM_4,
        period_of_report=date(2023, 5, 18),
        not_subject_to_section16=False,
        aff10b5_one=True,
        issuer=Issuer(issuer_cik="0000002488", issuer_name="Müller & Söhne", issuer_trading_symbol="AMD"),
        reporting_owners=(
            ReportingOwner(
                rpt_owner_cik="0001331263",
                rpt_owner_name="Olson Jon A",
                address=Address(rpt_owner_city="SANTA CLARA", rpt_owner_non_us_address_flag=False),
                relationship=Relationship(is_director=True, is_officer=False),
            ),
        ),
        owner_signatures=(Signature(signature_name="/s/ Jon Olson", signature_date=date(2023, 5, 22)),),
    )
    written = write_ownership_xml(document)
    assert written.startswith(b'<?xml version="1.0"?>\n<ownershipDocument>')
    assert "Müller &amp; Söhne".encode() in written
    root = etree.fromstring(written)
    assert [child.tag for child in root] == [
        "schemaVersion",
        "documentType",
        "periodOfReport",
        "notSubjectToSection16",
        "issuer",
        "reportingOwner",
        "aff10b5One",
        "ownerSignature",
    ]
    assert root.findtext("notSubjectToSection16") == "0"
    assert root.findtext("aff10b5One") == "1"
    address = root.find("reportingOwner/reportingOwnerAddress")
    assert [child.tag for child in address] == ["rptOwnerNonUSAddressFlag", "rptOwnerCity"]
    assert root.findtext("reportingOwner/reportingOwnerRelationship/isDirector") == "1"


def test_schema_version_is_kept_or_left_out() -> None:
    assert _tree(OwnershipDocument(schema_version="X0203")).findtext("schemaVersion") == "X0203"
    assert _tree(OwnershipDocument()).find("schemaVersion") is None


def test_facts_values_footnotes_and_row_containers() -> None:
    row = NonDerivativeTransaction(
        security_title=Fact("Common Stock"),
        transaction_date=Fact(date(2023, 12, 8), ("F1",)),
        transaction_coding=TransactionCoding(
            transaction_form_type="4", transaction_code=None, equity_swap_involved=True, footnote_ids=("F2",)
        ),
        transaction_shares=Fact(Decimal("1E+3")),
        transaction_price_per_share=Fact(None, ("F2", "F3")),
        shares_owned_following_transaction=Fact(Decimal("12.500000")),
        nature_of_ownership=Fact(None),
    )
    root = _tree(OwnershipDocument(document_type=DocumentType.FORM_4, non_derivative_table=(row,)))
    tx = root.find("nonDerivativeTable/nonDerivativeTransaction")
    assert [child.tag for child in tx] == [
        "securityTitle",
        "transactionDate",
        "transactionCoding",
        "transactionAmounts",
        "postTransactionAmounts",
        "ownershipNature",
    ]
    assert tx.findtext("transactionDate/value") == "2023-12-08"
    assert [f.get("id") for f in tx.findall("transactionDate/footnoteId")] == ["F1"]
    assert [child.tag for child in tx.find("transactionCoding")] == [
        "transactionFormType",
        "equitySwapInvolved",
        "footnoteId",
    ]
    assert tx.findtext("transactionAmounts/transactionShares/value") == "1000"
    price = tx.find("transactionAmounts/transactionPricePerShare")
    assert price.find("value") is None
    assert [f.get("id") for f in price.findall("footnoteId")] == ["F2", "F3"]
    assert tx.findtext("postTransactionAmounts/sharesOwnedFollowingTransaction/value") == "12.500000"
    # ownershipNature is written for its (empty) natureOfOwnership, with the empty value the XSD wants.
    nature = tx.find("ownershipNature")
    assert [child.tag for child in nature] == ["natureOfOwnership"]
    assert nature.find("natureOfOwnership/value") is not None


def test_rows_keep_their_filed_order_and_indexes_count_same_tag_siblings() -> None:
    holding = DerivativeHolding(security_title=Fact("Option"))
    rows = (
        DerivativeTransaction(security_title=Fact("A")),
        holding,
        DerivativeTransaction(security_title=Fact("B"), exercise_date=Fact(None)),
    )
    document = OwnershipDocument(
        derivative_table=rows,
        unparsed=(
            Unparsed(
                path="/ownershipDocument/derivativeTable/derivativeTransaction[2]/exerciseDate/value",
                text="Immediately",
            ),
        ),
    )
    root = _tree(document)
    table = root.find("derivativeTable")
    assert [(c.tag, c.findtext("securityTitle/value")) for c in table] == [
        ("derivativeTransaction", "A"),
        ("derivativeHolding", "Option"),
        ("derivativeTransaction", "B"),
    ]
    # The second derivativeTransaction is the third row: its exercise date keeps the unreadable text.
    assert table[2].findtext("exerciseDate/value") == "Immediately"
    assert table[0].find("exerciseDate") is None
    assert _roundtrip(document) == document


def test_double_escaped_name_is_written_escaped_once() -> None:
    filed = (
        b'<?xml version="1.0"?><ownershipDocument><issuer><issuerName>PG&amp;amp;E Corp</issuerName>'
        b"</issuer></ownershipDocument>"
    )
    document, _notes = read_ownership_document(filed)
    assert document.issuer is not None and document.issuer.issuer_name == "PG&E Corp"
    written = write_ownership_xml(document)
    assert b"<issuerName>PG&amp;E Corp</issuerName>" in written
    assert _roundtrip(document) == document


def test_text_that_looks_escaped_reads_back_as_itself() -> None:
    document = OwnershipDocument(
        remarks="literally PG&amp;E, <b> & &#169;", footnotes=(Footnote(id="F1", text="a<b"),)
    )
    assert _roundtrip(document) == document


def test_unparsed_text_goes_back_in_place_even_without_a_field() -> None:
    document = OwnershipDocument(
        document_type=DocumentType.FORM_4,
        reporting_owners=(ReportingOwner(rpt_owner_cik="1", relationship=Relationship(is_officer=True)),),
        unparsed=(
            Unparsed(path="/ownershipDocument/periodOfReport", text="TBD"),
            Unparsed(
                path="/ownershipDocument/reportingOwner[1]/reportingOwnerRelationship/isDirector",
                text="maybe",
            ),
        ),
    )
    root = _tree(document)
    assert [c.tag for c in root][:3] == ["documentType", "periodOfReport", "reportingOwner"]
    assert root.findtext("periodOfReport") == "TBD"
    relationship = root.find("reportingOwner/reportingOwnerRelationship")
    assert [(c.tag, c.text) for c in relationship] == [("isDirector", "maybe"), ("isOfficer", "1")]
    assert _roundtrip(document) == document


def test_extras_are_appended_to_their_parent() -> None:
    document = OwnershipDocument(
        document_type=DocumentType.FORM_3,
        issuer=Issuer(issuer_cik="0000000001"),
        extras=(
            Extra(
                parent_path="/ownershipDocument/issuer", xml='<issuerLei kind="x">5493 &amp; Co</issuerLei>'
            ),
            Extra(parent_path="/ownershipDocument", xml="<filerComment>late</filerComment>"),
        ),
    )
    root = _tree(document)
    assert [c.tag for c in root.find("issuer")] == ["issuerCik", "issuerLei"]
    assert root.find("issuer/issuerLei").text == "5493 & Co"
    assert root[-1].tag == "filerComment"
    assert _roundtrip(document) == document


def test_kept_items_under_elements_the_model_lacks_create_them() -> None:
    # A footnote-only Fact with an unknown child, an extra inside a container the model has no field
    # in, and unreadable text at a place the writer's walk does not reach (a third owner of one).
    document = OwnershipDocument(
        extras=(
            Extra(
                parent_path="/ownershipDocument/nonDerivativeTable/nonDerivativeHolding[1]/postTransactionAmounts",
                xml="<note>n</note>",
            ),
        ),
        non_derivative_table=(),
        unparsed=(
            Unparsed(path="/ownershipDocument/reportingOwner[3]/reportingOwnerId/rptOwnerCik", text="x"),
        ),
    )
    root = _tree(document)
    assert root.find("nonDerivativeTable/nonDerivativeHolding/postTransactionAmounts/note").text == "n"
    owners = root.findall("reportingOwner")
    assert len(owners) == 3
    assert owners[2].findtext("reportingOwnerId/rptOwnerCik") == "x"
