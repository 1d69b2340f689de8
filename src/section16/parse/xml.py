"""Reading a bare ownership XML document (``<ownershipDocument>``, schemas X0203-X0609) into
:class:`~section16.model.OwnershipDocument`.

Safety: DTDs and entity declarations are refused before parsing (no entity expansion, no XML bombs);
the parser loads no DTD, resolves no entity and opens no network connection; input over ``max_bytes`` is
refused.

Faithfulness: every element is either read into a field of the model, kept as text in
``OwnershipDocument.unparsed`` (a typed leaf whose text could not be read as its type, with its XPath), or
kept whole in ``OwnershipDocument.extras`` (an element the schemas do not define). The one exception is a
``<script>`` a web browser injected into a saved page: it is not part of the filing, so it is removed and
the removal is noted in the reader notes.

Real-world quirks taken in stride: white space or a byte-order mark before the XML declaration, a missing
declaration, bytes that are not valid UTF-8 in a document that declares no encoding (read as Windows-1252,
noted), entities escaped twice, empty ``<value/>`` elements, values padded with white space, booleans
spelled ``0/1/true/false``, numbers with thousands separators, dates with a zone suffix, elements out of
schema order, a leaf's text given directly instead of in ``<value>``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

from lxml import etree

from section16.errors import ParseError, SizeLimitError, UnsupportedFormat
from section16.model import (
    AcquiredDisposed,
    Address,
    DerivativeHolding,
    DerivativeRow,
    DerivativeTransaction,
    DirectIndirect,
    DocumentType,
    Extra,
    Fact,
    Footnote,
    Issuer,
    NonDerivativeHolding,
    NonDerivativeRow,
    NonDerivativeTransaction,
    OwnershipDocument,
    Relationship,
    ReportingOwner,
    Signature,
    Timeliness,
    TransactionCode,
    TransactionCoding,
    Unparsed,
)
from section16.parse._values import clean_text, read_bool, read_date, read_decimal, unescape_twice

__all__ = ["DEFAULT_MAX_BYTES", "clear_caches", "read_ownership_document"]

DEFAULT_MAX_BYTES = 16 * 1024 * 1024
"""Largest ownership document accepted (real ones are under 1 MiB; 30 rows a table, 99 footnotes)."""

E = TypeVar("E", bound=StrEnum)
G = TypeVar("G")  # a group's model class (Issuer, Address, Relationship, Signature)
_Element = Any  # lxml's element type; kept loose here for speed and brevity

_ROOT = "/ownershipDocument"
_INJECTED = frozenset({"script", "noscript", "style"})  # browser injections in saved pages
_WS = b" \t\r\n"


def _enum_reader(enum: type[E]) -> Callable[[str], E | None]:
    by_text = {member.value: member for member in enum}

    def read(text: str) -> E | None:
        return by_text.get(text) or by_text.get(text.upper())

    return read


# A string leaf (the caller has stripped it already): the function itself, not a wrapper around it, as it
# is called for most leaves.
_read_str: Callable[[str], str | None] = unescape_twice


_read_code = _enum_reader(TransactionCode)
_read_ad = _enum_reader(AcquiredDisposed)
_read_di = _enum_reader(DirectIndirect)
_read_timeliness = _enum_reader(Timeliness)
_read_doctype = _enum_reader(DocumentType)

_Reader = Callable[[str], Any]

# Row leaves: XML tag -> (model field, reader). The same tag means the same field in every row kind;
# a leaf that its row kind does not have is kept as an extra.
_ROW_LEAVES: dict[str, tuple[str, _Reader]] = {
    "securityTitle": ("security_title", _read_str),
    "conversionOrExercisePrice": ("conversion_or_exercise_price", read_decimal),
    "transactionDate": ("transaction_date", read_date),
    "deemedExecutionDate": ("deemed_execution_date", read_date),
    "transactionTimeliness": ("transaction_timeliness", _read_timeliness),
    "transactionShares": ("transaction_shares", read_decimal),
    "transactionTotalValue": ("transaction_total_value", read_decimal),
    "transactionPricePerShare": ("transaction_price_per_share", read_decimal),
    "transactionAcquiredDisposedCode": ("transaction_acquired_disposed_code", _read_ad),
    "exerciseDate": ("exercise_date", read_date),
    "expirationDate": ("expiration_date", read_date),
    "underlyingSecurityTitle": ("underlying_security_title", _read_str),
    "underlyingSecurityShares": ("underlying_security_shares", read_decimal),
    "underlyingSecurityValue": ("underlying_security_value", read_decimal),
    "sharesOwnedFollowingTransaction": ("shares_owned_following_transaction", read_decimal),
    "valueOwnedFollowingTransaction": ("value_owned_following_transaction", read_decimal),
    "directOrIndirectOwnership": ("direct_or_indirect_ownership", _read_di),
    "natureOfOwnership": ("nature_of_ownership", _read_str),
}
_ROW_CONTAINERS = frozenset(
    {"transactionAmounts", "postTransactionAmounts", "ownershipNature", "underlyingSecurity"}
)
_ROW_CLASSES: dict[str, type[Any]] = {
    "nonDerivativeTransaction": NonDerivativeTransaction,
    "nonDerivativeHolding": NonDerivativeHolding,
    "derivativeTransaction": DerivativeTransaction,
    "derivativeHolding": DerivativeHolding,
}
_ROW_FIELDS: dict[str, frozenset[str]] = {
    tag: frozenset(cls.__dataclass_fields__) for tag, cls in _ROW_CLASSES.items()
}

_KEPT = 4096
"""Most values each cache of values shared between documents keeps (:data:`_FACTS` per reader,
:data:`_CODINGS`, :data:`_GROUPS`); a full cache is emptied."""

_FACTS: dict[_Reader, dict[str, Fact[Any]]] = {read: {} for _, read in _ROW_LEAVES.values()}
"""Per reader, the footnote-free :class:`Fact` each ``<value>`` text read into. Readers are pure and facts
immutable, so a fact is shared by every row that files the same text: most values repeat (codes,
ownership forms, security titles, dates, round share counts), and a look-up costs a fraction of reading
the text and building the fact again."""

_GROUPS: dict[tuple[Any, ...], Any] = {}
"""The issuer, address, relationship or signature each group's (class, tags and texts) read into, when
read with nothing unparsed, extra or noted: insiders and issuers file the same blocks again and again."""

_CODINGS: dict[tuple[str | None, str | None, str | None], TransactionCoding] = {}
"""The coding each (form type, code, swap flag) texts read into, when read with nothing unparsed: a few
codings make up most rows."""

# Per row kind, the leaves it has (a leaf its kind does not have is kept as an extra): XML tag -> (model
# field, reader, that reader's facts).
_RowLeaf = tuple[str, _Reader, dict[str, Fact[Any]]]
_ROW_LEAVES_BY_KIND: dict[str, dict[str, _RowLeaf]] = {
    kind: {tag: (name, read, _FACTS[read]) for tag, (name, read) in _ROW_LEAVES.items() if name in fields}
    for kind, fields in _ROW_FIELDS.items()
}

_DOC_SCALARS: dict[str, tuple[str, _Reader]] = {
    "schemaVersion": ("schema_version", _read_str),
    "documentType": ("document_type", _read_doctype),
    "periodOfReport": ("period_of_report", read_date),
    "dateOfOriginalSubmission": ("date_of_original_submission", read_date),
    "noSecuritiesOwned": ("no_securities_owned", read_bool),
    "notSubjectToSection16": ("not_subject_to_section16", read_bool),
    "form3HoldingsReported": ("form3_holdings_reported", read_bool),
    "form4TransactionsReported": ("form4_transactions_reported", read_bool),
    "aff10b5One": ("aff10b5_one", read_bool),
    "remarks": ("remarks", _read_str),
}
_ISSUER: dict[str, tuple[str, _Reader]] = {
    "issuerCik": ("issuer_cik", _read_str),
    "issuerName": ("issuer_name", _read_str),
    "issuerTradingSymbol": ("issuer_trading_symbol", _read_str),
    "issuerForeignTradingSymbol": ("issuer_foreign_trading_symbol", _read_str),
}
_OWNER_ID: dict[str, tuple[str, _Reader]] = {
    "rptOwnerCik": ("rpt_owner_cik", _read_str),
    "rptOwnerCcc": ("rpt_owner_ccc", _read_str),
    "rptOwnerName": ("rpt_owner_name", _read_str),
}
_ADDRESS: dict[str, tuple[str, _Reader]] = {
    "rptOwnerStreet1": ("rpt_owner_street1", _read_str),
    "rptOwnerStreet2": ("rpt_owner_street2", _read_str),
    "rptOwnerCity": ("rpt_owner_city", _read_str),
    "rptOwnerState": ("rpt_owner_state", _read_str),
    "rptOwnerZipCode": ("rpt_owner_zip_code", _read_str),
    "rptOwnerStateDescription": ("rpt_owner_state_description", _read_str),
    "rptOwnerGoodAddress": ("rpt_owner_good_address", read_bool),
    "rptOwnerNonUSAddressFlag": ("rpt_owner_non_us_address_flag", read_bool),
    "rptOwnerNonUSStateTerritory": ("rpt_owner_non_us_state_territory", _read_str),
    "rptOwnerCountry": ("rpt_owner_country", _read_str),
}
_RELATIONSHIP: dict[str, tuple[str, _Reader]] = {
    "isDirector": ("is_director", read_bool),
    "isOfficer": ("is_officer", read_bool),
    "isTenPercentOwner": ("is_ten_percent_owner", read_bool),
    "isOther": ("is_other", read_bool),
    "officerTitle": ("officer_title", _read_str),
    "otherText": ("other_text", _read_str),
}
_SIGNATURE: dict[str, tuple[str, _Reader]] = {
    "signatureName": ("signature_name", _read_str),
    "signatureDate": ("signature_date", read_date),
}
_CODING: dict[str, tuple[str, _Reader]] = {
    "transactionFormType": ("transaction_form_type", _read_str),
    "transactionCode": ("transaction_code", _read_code),
    "equitySwapInvolved": ("equity_swap_involved", read_bool),
}

_local = threading.local()


def clear_caches() -> None:
    """Forget the values shared between documents (:data:`_FACTS`, :data:`_CODINGS`, :data:`_GROUPS`):
    the next documents are read as by a new process (a long-running process may call it to give the
    memory back; each cache is bounded anyway)."""
    for facts in _FACTS.values():
        facts.clear()
    _CODINGS.clear()
    _GROUPS.clear()


def _parser() -> etree.XMLParser:
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
            # White space between elements is layout, not content (mixed content such as remarks
            # keeps its spaces); leaving those text nodes out makes the parse about a quarter faster.
            remove_blank_text=True,
            recover=False,
        )
        _local.parser = parser
    return parser


def _tag(element: _Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):  # entity reference or other special node
        return ""
    if tag[0] == "{":
        return tag.partition("}")[2]
    return tag


class _DocumentWalk:
    """One document's walk: collects unparsed texts, extras and notes as it goes."""

    __slots__ = ("extras", "notes", "unparsed")

    def __init__(self) -> None:
        self.unparsed: list[Unparsed] = []
        self.extras: list[Extra] = []
        self.notes: list[str] = []

    # -- leaves -----------------------------------------------------------------------------------

    def extra(self, parent_path: str, element: _Element) -> None:
        tag = _tag(element)
        if tag in _INJECTED:
            self.notes.append(f"removed <{tag}> injected by a web browser at {parent_path}")
            return
        if not tag:
            return
        xml = etree.tostring(element, encoding="unicode", with_tail=False)
        self.extras.append(Extra(parent_path=parent_path, xml=xml))

    def scalar(self, element: _Element, parent: str, tag: str, read: _Reader) -> Any:
        """A leaf with no footnotes: its text (or, as some agents file it, a ``<value>`` child's)."""
        text = element.text
        if len(element):
            first = element[0]
            if len(element) == 1 and first.tag == "value" and not (text or "").strip():
                text = first.text
                self.notes.append(f"<value> inside a plain element at {parent}/{tag}")
            elif read is _read_str:  # mixed content (a <br/> in remarks): keep all of its text
                text = "".join(element.itertext())
                self.notes.append(f"markup inside text flattened at {parent}/{tag}")
            else:
                for child in element.getchildren():
                    self.extra(f"{parent}/{tag}", child)
        if text is None:
            return None
        text = text.strip()
        if not text:
            return None
        value = read(text)
        if value is None:
            self.unparsed.append(Unparsed(path=f"{parent}/{tag}", text=clean_text(text) or text))
        return value

    def fact(self, element: _Element, parent: str, tag: str, read: _Reader) -> Fact[Any]:
        """A ``<value>`` with ``<footnoteId>`` siblings (``parent``/``tag`` name its place)."""
        text: str | None = None
        ids: tuple[str, ...] = ()
        for child in element.getchildren():
            ctag = child.tag
            if ctag == "value" and text is None:
                text = (child.text or "") if not len(child) else "".join(child.itertext())
                continue
            if ctag == "footnoteId" and not len(child):
                fid = child.get("id")
                if fid is not None:
                    ids += (fid.strip(),)
                    continue
            self.extra(f"{parent}/{tag}", child)
        if text:
            text = text.strip()
        if not text:
            direct = element.text
            if direct is None or not direct.strip():
                return Fact(None, ids)
            text = direct.strip()
            self.notes.append(f"value given without <value> at {parent}/{tag}")
        value = read(text)
        if value is None:
            self.unparsed.append(Unparsed(path=f"{parent}/{tag}/value", text=clean_text(text) or text))
        return Fact(value, ids)

    def fields(self, element: _Element, path: str, leaves: dict[str, tuple[str, _Reader]]) -> dict[str, Any]:
        """Plain leaves of a group element (issuer, reportingOwnerId...)."""
        return self.fields_of(element.getchildren(), path, leaves)

    def group(self, element: _Element, path: str, leaves: dict[str, tuple[str, _Reader]], cls: type[G]) -> G:
        """A group element of plain leaves read into ``cls`` (an issuer, address, relationship or
        signature); one read cleanly is shared by every later group of the same tags and texts."""
        children = element.getchildren()
        key: list[Any] = [cls]
        for child in children:
            if len(child):  # markup inside a leaf: read it the long way, every time
                return cls(**self.fields_of(children, path, leaves))
            key += (child.tag, child.text)
        found: G | None = _GROUPS.get(tuple(key))
        if found is None:
            said = len(self.unparsed) + len(self.extras) + len(self.notes)
            found = cls(**self.fields_of(children, path, leaves))
            if len(self.unparsed) + len(self.extras) + len(self.notes) == said:
                if len(_GROUPS) >= _KEPT:
                    _GROUPS.clear()
                _GROUPS[tuple(key)] = found
        return found

    def fields_of(
        self, children: list[_Element], path: str, leaves: dict[str, tuple[str, _Reader]]
    ) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for child in children:
            tag = child.tag
            spec = leaves.get(tag)
            if spec is None or spec[0] in out:
                self.extra(path, child)
                continue
            if not len(child):  # the common case, inlined for speed: plain text
                text = child.text
                if text is None or not (text := text.strip()):
                    out[spec[0]] = None
                    continue
                value = spec[1](text)
                if value is not None:
                    out[spec[0]] = value
                    continue
            out[spec[0]] = self.scalar(child, path, tag, spec[1])
        return out

    # -- rows -------------------------------------------------------------------------------------

    def coding(self, element: _Element, path: str) -> TransactionCoding:
        children = element.getchildren()
        if len(children) == 3:  # the usual coding: form type, code, swap flag, as plain texts
            form, code, swap = children
            if (
                form.tag == "transactionFormType"
                and code.tag == "transactionCode"
                and swap.tag == "equitySwapInvolved"
                and not (len(form) or len(code) or len(swap))
            ):
                key = (form.text, code.text, swap.text)
                found = _CODINGS.get(key)
                if found is None:
                    unparsed = len(self.unparsed)
                    found = self.read_coding(children, path)
                    if len(self.unparsed) == unparsed:  # read cleanly: the same texts read the same
                        if len(_CODINGS) >= _KEPT:
                            _CODINGS.clear()
                        _CODINGS[key] = found
                return found
        return self.read_coding(children, path)

    def read_coding(self, children: list[_Element], path: str) -> TransactionCoding:
        values: dict[str, Any] = {}
        ids: tuple[str, ...] = ()
        for child in children:
            tag = child.tag
            if tag == "footnoteId":
                fid = child.get("id")
                if fid is not None and not len(child):
                    ids += (fid.strip(),)
                    continue
            else:
                spec = _CODING.get(tag)
                if spec is not None and spec[0] not in values:
                    if not len(child):  # the common case, inlined for speed: plain text
                        text = child.text
                        if text is None or not (text := text.strip()):
                            values[spec[0]] = None
                            continue
                        value = spec[1](text)
                        if value is not None:
                            values[spec[0]] = value
                            continue
                    values[spec[0]] = self.scalar(child, path, tag, spec[1])
                    continue
            self.extra(path, child)
        return TransactionCoding(footnote_ids=ids, **values)

    def row_leaves(
        self, element: _Element, path: str, leaves: dict[str, _RowLeaf], out: dict[str, Any]
    ) -> None:
        for child in element.getchildren():
            tag = child.tag
            spec = leaves.get(tag)
            if spec is not None:
                name, read, facts = spec
                if name not in out:
                    if len(child) == 1:  # the common case, inlined for speed: one plain <value>
                        only = child[0]
                        if only.tag == "value" and not len(only):
                            text = only.text
                            if text:
                                fact = facts.get(text)
                                if fact is not None:
                                    out[name] = fact
                                    continue
                                value = read(text.strip())
                                if value is not None:
                                    if len(facts) >= _KEPT:
                                        facts.clear()
                                    out[name] = facts[text] = Fact(value, ())
                                    continue
                    out[name] = self.fact(child, path, tag, read)
                    continue
            elif tag in _ROW_CONTAINERS:
                self.row_leaves(child, f"{path}/{tag}", leaves, out)
                continue
            elif tag == "transactionCoding" and "transaction_coding" not in out:
                out["transaction_coding"] = self.coding(child, f"{path}/{tag}")
                continue
            self.extra(path, child)

    def table(self, element: _Element, path: str) -> list[Any]:
        rows: list[Any] = []
        counts: dict[str, int] = {}
        for child in element.getchildren():
            tag = child.tag
            cls = _ROW_CLASSES.get(tag)
            if cls is None:
                self.extra(path, child)
                continue
            n = counts[tag] = counts.get(tag, 0) + 1
            values: dict[str, Any] = {}
            self.row_leaves(child, f"{path}/{tag}[{n}]", _ROW_LEAVES_BY_KIND[tag], values)
            rows.append(cls(**values))
        return rows

    # -- the document -----------------------------------------------------------------------------

    def owner(self, element: _Element, path: str) -> ReportingOwner:
        values: dict[str, Any] = {}
        for child in element.getchildren():
            tag = child.tag
            sub = f"{path}/{tag}"
            if tag == "reportingOwnerId" and "rpt_owner_cik" not in values:
                values.update(self.fields(child, sub, _OWNER_ID))
                values.setdefault("rpt_owner_cik", None)
            elif tag == "reportingOwnerAddress" and "address" not in values:
                values["address"] = self.group(child, sub, _ADDRESS, Address)
            elif tag == "reportingOwnerRelationship" and "relationship" not in values:
                values["relationship"] = self.group(child, sub, _RELATIONSHIP, Relationship)
            else:
                self.extra(path, child)
        return ReportingOwner(**values)

    def footnotes(self, element: _Element, path: str) -> list[Footnote]:
        notes: list[Footnote] = []
        n = 0
        for child in element.getchildren():
            if child.tag != "footnote":
                self.extra(path, child)
                continue
            n += 1
            text = child.text if not len(child) else "".join(child.itertext())
            notes.append(Footnote(id=(child.get("id") or "").strip(), text=clean_text(text) or ""))
        return notes

    def document(self, root: _Element) -> OwnershipDocument:
        values: dict[str, Any] = {}
        owners: list[ReportingOwner] = []
        signatures: list[Signature] = []
        non_derivative: list[NonDerivativeRow] = []
        derivative: list[DerivativeRow] = []
        footnotes: list[Footnote] = []
        for child in root.getchildren():
            tag = child.tag
            spec = _DOC_SCALARS.get(tag)
            if spec is not None and spec[0] not in values:
                values[spec[0]] = self.scalar(child, _ROOT, tag, spec[1])
            elif tag == "reportingOwner":
                owners.append(self.owner(child, f"{_ROOT}/reportingOwner[{len(owners) + 1}]"))
            elif tag == "nonDerivativeTable":
                non_derivative.extend(self.table(child, f"{_ROOT}/nonDerivativeTable"))
            elif tag == "derivativeTable":
                derivative.extend(self.table(child, f"{_ROOT}/derivativeTable"))
            elif tag == "footnotes":
                footnotes.extend(self.footnotes(child, f"{_ROOT}/footnotes"))
            elif tag == "ownerSignature":
                path = f"{_ROOT}/ownerSignature[{len(signatures) + 1}]"
                signatures.append(self.group(child, path, _SIGNATURE, Signature))
            elif tag == "issuer" and "issuer" not in values:
                values["issuer"] = self.group(child, f"{_ROOT}/issuer", _ISSUER, Issuer)
            else:
                self.extra(_ROOT, child)
        return OwnershipDocument(
            reporting_owners=tuple(owners),
            non_derivative_table=tuple(non_derivative),
            derivative_table=tuple(derivative),
            footnotes=tuple(footnotes),
            owner_signatures=tuple(signatures),
            unparsed=tuple(self.unparsed),
            extras=tuple(self.extras),
            **values,
        )


def _declaration_at(data: bytes) -> int:
    """Where a ``<!DOCTYPE`` starts, or -1. A document type declaration (and with it any ``<!ENTITY``)
    can only stand in the prolog, before the root element: anywhere else the XML is not well-formed and
    the parser refuses it. So only the prolog is searched, not the whole document."""
    at = data.find(b"<")
    while at >= 0:
        kind = data[at + 1 : at + 2]
        if kind == b"?":
            end = data.find(b"?>", at + 2)
        elif data.startswith(b"<!--", at):
            end = data.find(b"-->", at + 4)
        elif kind == b"!":
            return at  # <!DOCTYPE, or <!ENTITY or <![CDATA[ before any element: refused either way
        else:
            return -1  # the root element: the prolog is over
        if end < 0:
            return -1
        at = data.find(b"<", end)
    return -1


def _prepare(data: bytes, source: str | None, notes: list[str]) -> bytes:
    """Bytes a strict XML parser takes: no BOM or white space before the declaration, no DTD."""
    if data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    if data[:1] in (b" ", b"\t", b"\r", b"\n"):
        data = data.lstrip(_WS)
        notes.append("white space before the XML declaration ignored")
    at = _declaration_at(data)
    if at >= 0:
        line = data.count(b"\n", 0, at) + 1
        raise ParseError(
            "document type declarations are not allowed in an ownership document "
            "(refused: entity expansion could be an XML bomb)",
            source=source,
            line=line,
            column=at - (data.rfind(b"\n", 0, at) + 1) + 1,
        )
    return data


def _syntax_error(exc: etree.XMLSyntaxError, source: str | None) -> ParseError:
    line, column = exc.position if exc.position else (exc.lineno, None)
    message = (exc.msg or str(exc)).split(", line ")[0]
    err = ParseError(f"not well-formed XML: {message}", source=source, line=line, column=column)
    err.__cause__ = exc
    return err


def _parse_tree(data: bytes, source: str | None, notes: list[str]) -> _Element:
    try:
        return etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        first_error = exc
    # A document that declares no encoding but is not UTF-8 (typed in a Windows editor): read it as
    # Windows-1252, the encoding such files are in, and say so.
    declaration = data[: data.find(b"?>")] if data.startswith(b"<?xml") else b""
    if b"encoding" not in declaration:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            retry = data.decode("cp1252", errors="replace").encode("utf-8")
            try:
                root = etree.fromstring(retry, _parser())
            except etree.XMLSyntaxError:
                pass
            else:
                notes.append("bytes that are not UTF-8 read as Windows-1252")
                return root
    raise _syntax_error(first_error, source) from None


def read_ownership_document(
    data: bytes, *, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[OwnershipDocument, tuple[str, ...]]:
    """Read one ownership XML document. Returns the document and the reader's notes (what it had to work
    around). Raises :class:`ParseError` naming ``source`` and the line and column when the bytes are not
    a well-formed ownership document."""
    if len(data) > max_bytes:
        raise SizeLimitError(
            f"{len(data):,} bytes is over the limit of {max_bytes:,} for an ownership document",
            source=source,
        )
    notes: list[str] = []
    data = _prepare(data, source, notes)
    if not data:
        raise ParseError("empty input: no ownership document", source=source, line=1, column=1)
    root = _parse_tree(data, source, notes)
    if _tag(root) != "ownershipDocument":
        raise UnsupportedFormat(
            f"root element is <{_tag(root)}>, not <ownershipDocument>: not an ownership document",
            source=source,
            line=root.sourceline,
        )
    if root.tag[0] == "{":  # a namespaced document: read it by local names
        for element in root.iter():
            if isinstance(element.tag, str) and element.tag[0] == "{":
                element.tag = element.tag.partition("}")[2]
        notes.append("XML namespace on the elements ignored")
    reader = _DocumentWalk()
    reader.notes = notes
    document = reader.document(root)
    return document, tuple(reader.notes)
