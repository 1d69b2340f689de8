"""Writing an :class:`~section16.model.OwnershipDocument` back to ownership XML.

The output is UTF-8 with the declaration ``<?xml version="1.0"?>``, the root ``<ownershipDocument>`` and
its elements in the order of the current schemas (EDGAR Ownership XML Technical Specification v5.5,
``ownership3/4/5Document.xsd`` and ``ownershipDocumentCommon.xsd``, X0609), indented by two spaces.

What is written, and how:

- Every field of the model that is not ``None``. ``schema_version`` is written as the model has it (the
  version that was filed); when it is ``None`` no ``<schemaVersion>`` is written.
- A :class:`~section16.model.Fact` is ``<value>`` followed by one ``<footnoteId id=".."/>`` per footnote;
  a Fact whose value is ``None`` writes no ``<value>`` (a price given only by a footnote, or an empty
  element: ``Fact(None)`` writes ``<deemedExecutionDate/>``), except that an empty Fact of
  ``natureOfOwnership`` or ``transactionTimeliness``, whose schema types admit an empty value, writes
  ``<value/>`` as filers do.
- Containers that the model flattens into the row (``transactionAmounts``, ``postTransactionAmounts``,
  ``ownershipNature``, ``underlyingSecurity``) and ``reportingOwnerId`` are written when any of their
  fields is present. Containers the model keeps as objects (``issuer``, ``reportingOwnerAddress``,
  ``reportingOwnerRelationship``, ``transactionCoding``) are written whenever the object is there, even
  empty, so that reading the output gives the same object back.
- Table rows in the model's (filed) order, transactions and holdings interleaved as filed.
- Booleans as ``1`` and ``0`` (the XSD's ``xs:boolean`` allows ``0/1/true/false``; EDGAR's own forms
  write ``0``/``1``). Decimals with ``format(d, "f")`` (never an exponent: ``1E+3`` -> ``1000``;
  trailing zeros kept as filed). Dates ISO ``YYYY-MM-DD``. Codes by their SEC letters.
- :attr:`~section16.model.OwnershipDocument.unparsed` text is written back as the text of the leaf at its
  XPath (``.../transactionPricePerShare/value`` -> ``<value>See footnote</value>``), in the leaf's
  schema place. :attr:`~section16.model.OwnershipDocument.extras` (elements the schemas do not define)
  are appended, as their XML, to the element their parent XPath names. Either is placed at its path
  even where the model has nothing else there (missing elements on the way are created).
- Text is escaped once (``&``, ``<``, ``>``; in attributes also ``"``; a carriage return as ``&#13;`` so
  it survives XML line-end normalisation). A name the reader decoded from a double escape
  (``PG&amp;amp;E`` filed, ``PG&E`` read) is written ``PG&amp;E``. Text that itself looks escaped
  (``PG&amp;E`` in the model, from a filing escaped three times) is escaped twice, because the reader
  undoes a second level of escaping: reading the output always gives the model's text back.

XPaths are those of the reader (``section16.parse.xml``): absolute, with a 1-based index on every element
whose tag may repeat under its parent (``reportingOwner``, ``ownerSignature``, ``footnote`` and the four
row kinds; the index counts siblings of the same tag), e.g.
``/ownershipDocument/derivativeTable/derivativeHolding[1]/exerciseDate/value``.

The writer is pure (no I/O) and builds the text directly: a few microseconds per element.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from lxml import etree

from section16.model import (
    Address,
    DerivativeHolding,
    DerivativeTransaction,
    Fact,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    OwnershipDocument,
    Relationship,
    ReportingOwner,
    Signature,
    TransactionCoding,
)
from section16.model.text import ENTITY_REFERENCE

__all__ = ["XML_DECLARATION", "write_ownership_xml"]

XML_DECLARATION = '<?xml version="1.0"?>'
"""The declaration every written document starts with (UTF-8, the XML default, is not named)."""

_ROOT = "/ownershipDocument"

# Leaves whose ``<value>`` type admits the empty string (ownershipDocumentCommon.xsd: INDIRECT_NATURE is
# a string of at most 100, TRANS_TIMELY_PICKLIST is ``[E|L]{0,1}``): an empty Fact there is written
# ``<tag><value/></tag>``, as filers do and as the schema requires for ``natureOfOwnership``. Everywhere
# else an empty Fact is an empty element (``<deemedExecutionDate/>``: an empty date would be invalid).
_EMPTY_VALUE_ALLOWED = frozenset({"natureOfOwnership", "transactionTimeliness"})
_INDENT = "  "

_ESCAPES_TEXT = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))


def _escape(text: str) -> str:
    """Escape character data once; twice when the text itself looks escaped (``PG&amp;E`` as a value),
    which the reader undoes twice, so that reading the output gives ``text`` back."""
    if "&" in text:
        if ENTITY_REFERENCE.search(text):  # the reader decodes these once more
            text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        text = text.replace("&", "&amp;")
    if "<" in text or ">" in text or "\r" in text:
        for raw, escaped in _ESCAPES_TEXT[1:]:
            text = text.replace(raw, escaped)
    return text


def _escape_attribute(text: str) -> str:
    return _escape(text).replace('"', "&quot;")


def _text(value: object) -> str:
    """The XML text of a typed value (see the module docstring for the forms)."""
    if isinstance(value, str):  # str and the StrEnum codes (a StrEnum is a str whose value is itself)
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _ancestors(path: str) -> list[str]:
    """``/a/b[1]/c`` -> ``["/a", "/a/b[1]", "/a/b[1]/c"]``."""
    steps = path.split("/")[1:]
    return ["/" + "/".join(steps[: i + 1]) for i in range(len(steps))]


class _Writer:
    """One document's output: text parts, and the unparsed texts and extras still to place."""

    __slots__ = ("depth", "extras", "needed", "parts", "unparsed")

    def __init__(self, document: OwnershipDocument) -> None:
        self.parts: list[str] = [XML_DECLARATION, "\n"]
        self.depth = 0
        self.unparsed: dict[str, str] = {}
        self.extras: dict[str, list[str]] = {}
        self.needed: set[str] = set()  # paths that must be written because something is kept below
        for item in document.unparsed:
            self.unparsed.setdefault(item.path, item.text)
            self.needed.update(_ancestors(item.path))
        for extra in document.extras:
            self.extras.setdefault(extra.parent_path, []).append(extra.xml)
            self.needed.update(_ancestors(extra.parent_path))

    # -- elements ---------------------------------------------------------------------------------

    def open(self, tag: str) -> None:
        self.parts.append(f"{_INDENT * self.depth}<{tag}>\n")
        self.depth += 1

    def close(self, tag: str, path: str) -> None:
        """Append the extras kept for ``path``, then close the element."""
        if self.extras:
            for xml in self.extras.pop(path, ()):
                self.parts.append(f"{_INDENT * self.depth}{xml}\n")
        self.depth -= 1
        self.parts.append(f"{_INDENT * self.depth}</{tag}>\n")

    def empty(self, tag: str) -> None:
        self.parts.append(f"{_INDENT * self.depth}<{tag}/>\n")

    def leaf(self, tag: str, path: str, value: object) -> None:
        """A plain leaf (no footnotes): written when it has a value or kept unparsed text."""
        if value is None:
            if path not in self.unparsed:
                return
            text = _escape(self.unparsed.pop(path))
        else:
            self.unparsed.pop(path, None)
            text = _escape(_text(value))
        if path in self.extras:  # an element kept inside a leaf: mixed content
            self.open(tag)
            self.parts.append(f"{_INDENT * self.depth}{text}\n")
            self.close(tag, path)
            return
        self.parts.append(f"{_INDENT * self.depth}<{tag}>{text}</{tag}>\n")

    def fact(self, tag: str, path: str, fact: Fact[Any] | None) -> None:
        """A leaf that may carry footnotes: ``<value>`` then ``<footnoteId id=".."/>`` siblings."""
        if fact is None:
            if path not in self.needed:
                return
            fact = Fact()
        value_path = path + "/value"
        if fact.value is not None:
            self.unparsed.pop(value_path, None)
            value: str | None = _escape(_text(fact.value))
        elif value_path in self.unparsed:
            value = _escape(self.unparsed.pop(value_path))
        else:
            value = None
        if value is None and not fact.footnote_ids and path not in self.extras:
            if tag in _EMPTY_VALUE_ALLOWED:
                self.parts.append(f"{_INDENT * self.depth}<{tag}><value/></{tag}>\n")
            else:
                self.empty(tag)
            return
        self.open(tag)
        pad = _INDENT * self.depth
        if value is not None:
            self.parts.append(f"{pad}<value>{value}</value>\n")
        for footnote_id in fact.footnote_ids:
            self.parts.append(f'{pad}<footnoteId id="{_escape_attribute(footnote_id)}"/>\n')
        self.close(tag, path)

    def group(self, tag: str, path: str, present: bool) -> bool:
        """Open a container when it is present or something is kept below it; say whether it was."""
        if present or path in self.needed:
            self.open(tag)
            return True
        return False

    # -- the document -----------------------------------------------------------------------------

    def document(self, doc: OwnershipDocument) -> None:
        r = _ROOT
        self.open("ownershipDocument")
        self.leaf("schemaVersion", f"{r}/schemaVersion", doc.schema_version)
        self.leaf("documentType", f"{r}/documentType", doc.document_type)
        self.leaf("periodOfReport", f"{r}/periodOfReport", doc.period_of_report)
        self.leaf(
            "dateOfOriginalSubmission", f"{r}/dateOfOriginalSubmission", doc.date_of_original_submission
        )
        self.leaf("noSecuritiesOwned", f"{r}/noSecuritiesOwned", doc.no_securities_owned)
        self.leaf("notSubjectToSection16", f"{r}/notSubjectToSection16", doc.not_subject_to_section16)
        self.leaf("form3HoldingsReported", f"{r}/form3HoldingsReported", doc.form3_holdings_reported)
        self.leaf(
            "form4TransactionsReported", f"{r}/form4TransactionsReported", doc.form4_transactions_reported
        )
        self.issuer(doc.issuer)
        for n, owner in enumerate(doc.reporting_owners, 1):
            self.owner(owner, f"{r}/reportingOwner[{n}]")
        self.leaf("aff10b5One", f"{r}/aff10b5One", doc.aff10b5_one)
        self.table("nonDerivativeTable", doc.non_derivative_table)
        self.table("derivativeTable", doc.derivative_table)
        path = f"{r}/footnotes"
        if self.group("footnotes", path, bool(doc.footnotes)):
            pad = _INDENT * self.depth
            for n, note in enumerate(doc.footnotes, 1):
                fid = _escape_attribute(note.id)
                if f"{path}/footnote[{n}]" in self.extras:
                    self.parts.append(f'{pad}<footnote id="{fid}">{_escape(note.text)}\n')
                    self.depth += 1
                    self.close("footnote", f"{path}/footnote[{n}]")
                elif note.text:
                    self.parts.append(f'{pad}<footnote id="{fid}">{_escape(note.text)}</footnote>\n')
                else:
                    self.parts.append(f'{pad}<footnote id="{fid}"/>\n')
            self.close("footnotes", path)
        self.leaf("remarks", f"{r}/remarks", doc.remarks)
        for n, signature in enumerate(doc.owner_signatures, 1):
            self.signature(signature, f"{r}/ownerSignature[{n}]")
        self.close("ownershipDocument", r)

    def issuer(self, issuer: Issuer | None) -> None:
        path = f"{_ROOT}/issuer"
        if not self.group("issuer", path, issuer is not None):
            return
        issuer = issuer or Issuer()
        self.leaf("issuerCik", f"{path}/issuerCik", issuer.issuer_cik)
        self.leaf("issuerName", f"{path}/issuerName", issuer.issuer_name)
        self.leaf("issuerTradingSymbol", f"{path}/issuerTradingSymbol", issuer.issuer_trading_symbol)
        self.leaf(
            "issuerForeignTradingSymbol",
            f"{path}/issuerForeignTradingSymbol",
            issuer.issuer_foreign_trading_symbol,
        )
        self.close("issuer", path)

    def owner(self, owner: ReportingOwner, path: str) -> None:
        self.open("reportingOwner")
        sub = f"{path}/reportingOwnerId"
        present = any(v is not None for v in (owner.rpt_owner_cik, owner.rpt_owner_ccc, owner.rpt_owner_name))
        if self.group("reportingOwnerId", sub, present):
            self.leaf("rptOwnerCik", f"{sub}/rptOwnerCik", owner.rpt_owner_cik)
            self.leaf("rptOwnerCcc", f"{sub}/rptOwnerCcc", owner.rpt_owner_ccc)
            self.leaf("rptOwnerName", f"{sub}/rptOwnerName", owner.rpt_owner_name)
            self.close("reportingOwnerId", sub)
        self.address(owner.address, f"{path}/reportingOwnerAddress")
        self.relationship(owner.relationship, f"{path}/reportingOwnerRelationship")
        self.close("reportingOwner", path)

    def address(self, address: Address | None, path: str) -> None:
        if not self.group("reportingOwnerAddress", path, address is not None):
            return
        a = address or Address()
        # REPORTING_ADDRESS sequence of ownershipDocumentCommon.xsd (X0609 order).
        self.leaf(
            "rptOwnerNonUSAddressFlag", f"{path}/rptOwnerNonUSAddressFlag", a.rpt_owner_non_us_address_flag
        )
        self.leaf("rptOwnerStreet1", f"{path}/rptOwnerStreet1", a.rpt_owner_street1)
        self.leaf("rptOwnerStreet2", f"{path}/rptOwnerStreet2", a.rpt_owner_street2)
        self.leaf("rptOwnerCity", f"{path}/rptOwnerCity", a.rpt_owner_city)
        self.leaf(
            "rptOwnerNonUSStateTerritory",
            f"{path}/rptOwnerNonUSStateTerritory",
            a.rpt_owner_non_us_state_territory,
        )
        self.leaf("rptOwnerState", f"{path}/rptOwnerState", a.rpt_owner_state)
        self.leaf("rptOwnerCountry", f"{path}/rptOwnerCountry", a.rpt_owner_country)
        self.leaf("rptOwnerZipCode", f"{path}/rptOwnerZipCode", a.rpt_owner_zip_code)
        self.leaf(
            "rptOwnerStateDescription", f"{path}/rptOwnerStateDescription", a.rpt_owner_state_description
        )
        self.leaf("rptOwnerGoodAddress", f"{path}/rptOwnerGoodAddress", a.rpt_owner_good_address)
        self.close("reportingOwnerAddress", path)

    def relationship(self, relationship: Relationship | None, path: str) -> None:
        if not self.group("reportingOwnerRelationship", path, relationship is not None):
            return
        rel = relationship or Relationship()
        self.leaf("isDirector", f"{path}/isDirector", rel.is_director)
        self.leaf("isOfficer", f"{path}/isOfficer", rel.is_officer)
        self.leaf("isTenPercentOwner", f"{path}/isTenPercentOwner", rel.is_ten_percent_owner)
        self.leaf("isOther", f"{path}/isOther", rel.is_other)
        self.leaf("officerTitle", f"{path}/officerTitle", rel.officer_title)
        self.leaf("otherText", f"{path}/otherText", rel.other_text)
        self.close("reportingOwnerRelationship", path)

    def signature(self, signature: Signature, path: str) -> None:
        self.open("ownerSignature")
        self.leaf("signatureName", f"{path}/signatureName", signature.signature_name)
        self.leaf("signatureDate", f"{path}/signatureDate", signature.signature_date)
        self.close("ownerSignature", path)

    # -- tables -----------------------------------------------------------------------------------

    def table(
        self,
        tag: str,
        rows: tuple[NonDerivativeTransaction | NonDerivativeHolding, ...]
        | tuple[DerivativeTransaction | DerivativeHolding, ...],
    ) -> None:
        path = f"{_ROOT}/{tag}"
        if not self.group(tag, path, bool(rows)):
            return
        counts: dict[str, int] = {}
        for row in rows:
            kind = _ROW_TAGS[type(row)]
            n = counts[kind] = counts.get(kind, 0) + 1
            row_path = f"{path}/{kind}[{n}]"
            self.open(kind)
            self.row(row, row_path)
            self.close(kind, row_path)
        self.close(tag, path)

    def row(
        self,
        row: NonDerivativeTransaction | NonDerivativeHolding | DerivativeTransaction | DerivativeHolding,
        path: str,
    ) -> None:
        """The leaves of one row in the order of the row's XSD sequence (Form 4 for transactions, Form 5
        for holdings, which adds ``transactionCoding``; Form 3 holdings are the same without it)."""
        self.fact("securityTitle", f"{path}/securityTitle", row.security_title)
        if isinstance(row, DerivativeTransaction | DerivativeHolding):
            self.fact(
                "conversionOrExercisePrice",
                f"{path}/conversionOrExercisePrice",
                row.conversion_or_exercise_price,
            )
        if isinstance(row, NonDerivativeTransaction | DerivativeTransaction):
            self.fact("transactionDate", f"{path}/transactionDate", row.transaction_date)
            self.fact("deemedExecutionDate", f"{path}/deemedExecutionDate", row.deemed_execution_date)
            self.coding(row.transaction_coding, f"{path}/transactionCoding")
            self.fact("transactionTimeliness", f"{path}/transactionTimeliness", row.transaction_timeliness)
            sub = f"{path}/transactionAmounts"
            total = row.transaction_total_value if isinstance(row, DerivativeTransaction) else None
            amounts = (
                row.transaction_shares,
                total,
                row.transaction_price_per_share,
                row.transaction_acquired_disposed_code,
            )
            if self.group("transactionAmounts", sub, any(f is not None for f in amounts)):
                self.fact("transactionShares", f"{sub}/transactionShares", amounts[0])
                self.fact("transactionTotalValue", f"{sub}/transactionTotalValue", amounts[1])
                self.fact("transactionPricePerShare", f"{sub}/transactionPricePerShare", amounts[2])
                self.fact(
                    "transactionAcquiredDisposedCode", f"{sub}/transactionAcquiredDisposedCode", amounts[3]
                )
                self.close("transactionAmounts", sub)
        else:
            self.coding(row.transaction_coding, f"{path}/transactionCoding")
        if isinstance(row, DerivativeTransaction | DerivativeHolding):
            self.fact("exerciseDate", f"{path}/exerciseDate", row.exercise_date)
            self.fact("expirationDate", f"{path}/expirationDate", row.expiration_date)
            sub = f"{path}/underlyingSecurity"
            underlying = (
                row.underlying_security_title,
                row.underlying_security_shares,
                row.underlying_security_value,
            )
            if self.group("underlyingSecurity", sub, any(f is not None for f in underlying)):
                self.fact("underlyingSecurityTitle", f"{sub}/underlyingSecurityTitle", underlying[0])
                self.fact("underlyingSecurityShares", f"{sub}/underlyingSecurityShares", underlying[1])
                self.fact("underlyingSecurityValue", f"{sub}/underlyingSecurityValue", underlying[2])
                self.close("underlyingSecurity", sub)
        sub = f"{path}/postTransactionAmounts"
        post = (row.shares_owned_following_transaction, row.value_owned_following_transaction)
        if self.group("postTransactionAmounts", sub, any(f is not None for f in post)):
            self.fact("sharesOwnedFollowingTransaction", f"{sub}/sharesOwnedFollowingTransaction", post[0])
            self.fact("valueOwnedFollowingTransaction", f"{sub}/valueOwnedFollowingTransaction", post[1])
            self.close("postTransactionAmounts", sub)
        sub = f"{path}/ownershipNature"
        nature = (row.direct_or_indirect_ownership, row.nature_of_ownership)
        if self.group("ownershipNature", sub, any(f is not None for f in nature)):
            self.fact("directOrIndirectOwnership", f"{sub}/directOrIndirectOwnership", nature[0])
            self.fact("natureOfOwnership", f"{sub}/natureOfOwnership", nature[1])
            self.close("ownershipNature", sub)

    def coding(self, coding: TransactionCoding | None, path: str) -> None:
        if not self.group("transactionCoding", path, coding is not None):
            return
        c = coding or TransactionCoding()
        self.leaf("transactionFormType", f"{path}/transactionFormType", c.transaction_form_type)
        self.leaf("transactionCode", f"{path}/transactionCode", c.transaction_code)
        self.leaf("equitySwapInvolved", f"{path}/equitySwapInvolved", c.equity_swap_involved)
        pad = _INDENT * self.depth
        for footnote_id in c.footnote_ids:
            self.parts.append(f'{pad}<footnoteId id="{_escape_attribute(footnote_id)}"/>\n')
        self.close("transactionCoding", path)


_ROW_TAGS: dict[type, str] = {
    NonDerivativeTransaction: "nonDerivativeTransaction",
    NonDerivativeHolding: "nonDerivativeHolding",
    DerivativeTransaction: "derivativeTransaction",
    DerivativeHolding: "derivativeHolding",
}


def _place_leftovers(text: str, unparsed: dict[str, str], extras: dict[str, list[str]]) -> str:
    """Put unparsed texts and extras whose path the schema walk did not reach (a path the model has no
    field for) at their path, creating the elements on the way. Rare, so done on a parsed tree."""

    root = etree.fromstring(text.encode("utf-8"))

    def element_at(path: str) -> Any:
        steps = path.split("/")[2:]  # after "" and "ownershipDocument"
        node = root
        for step in steps:
            tag, _, index = step.partition("[")
            want = int(index.rstrip("]")) if index else 1
            same = [child for child in node if child.tag == tag]
            while len(same) < want:
                same.append(etree.SubElement(node, tag))
            node = same[want - 1]
        return node

    for path, leaf_text in unparsed.items():
        element_at(path).text = leaf_text
    for parent_path, xmls in extras.items():
        parent = element_at(parent_path)
        for xml in xmls:
            parent.append(etree.fromstring(xml))
    return XML_DECLARATION + "\n" + etree.tostring(root, encoding="unicode") + "\n"


def write_ownership_xml(document: OwnershipDocument) -> bytes:
    """The document as ownership XML bytes (UTF-8), elements in the v5.5 schema order; see the module
    docstring for how each kind of field is written."""
    writer = _Writer(document)
    writer.document(document)
    text = "".join(writer.parts)
    if writer.unparsed or writer.extras:
        text = _place_leftovers(text, writer.unparsed, writer.extras)
    return text.encode("utf-8")
