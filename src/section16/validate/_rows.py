"""Walking the rows of an ownership document with their place: which table, which row (1-based, in
filed order) and the row's XPath, so a finding can say where it is."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any

from section16.model import (
    DerivativeHolding,
    DerivativeRow,
    DerivativeTransaction,
    DocumentType,
    Fact,
    NonDerivativeHolding,
    NonDerivativeRow,
    NonDerivativeTransaction,
    OwnershipDocument,
    TransactionCoding,
)
from section16.validate.findings import Finding, Severity

__all__ = [
    "AMENDMENTS",
    "DERIVATIVE",
    "DERIVATIVE_TYPES",
    "FORMS",
    "NON_DERIVATIVE",
    "TRANSACTION_TYPES",
    "PlacedRow",
    "Transaction",
    "fact_value",
    "is_amendment",
    "placed_rows",
    "referred_footnote_ids",
    "row_footnote_ids",
    "rows",
    "transactions",
    "written_out",
    "xml_name",
]

NON_DERIVATIVE = "nonDerivativeTable"
DERIVATIVE = "derivativeTable"

# For isinstance in the rules' loops: a tuple made once (``A | B`` written in the call builds a union each
# time it runs).
TRANSACTION_TYPES = (NonDerivativeTransaction, DerivativeTransaction)
Transaction = NonDerivativeTransaction | DerivativeTransaction
DERIVATIVE_TYPES = (DerivativeTransaction, DerivativeHolding)


# The model's DocumentType.form and .is_amendment, looked up (every rule asks, and an enum's property
# goes through the enum's descriptor each time).
FORMS: dict[DocumentType, int] = {kind: kind.form for kind in DocumentType}
AMENDMENTS = frozenset(kind for kind in DocumentType if kind.is_amendment)


def is_amendment(document: OwnershipDocument) -> bool:
    """``document.is_amendment``: True for 3/A, 4/A and 5/A."""
    return document.document_type in AMENDMENTS


def xml_name(field_name: str) -> str:
    """The XML element name of a model field: ``shares_owned_following_transaction`` ->
    ``sharesOwnedFollowingTransaction`` (``aff10b5_one`` -> ``aff10b5One``)."""
    head, *rest = field_name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


@dataclass(slots=True, eq=False)
class PlacedRow:
    """A table row with its place. ``row`` counts transactions and holdings together, as filed;
    :attr:`xpath` counts like XPath (per element name). Made once per document by :func:`rows`
    (slotted, not frozen: a frozen dataclass sets each field through ``object.__setattr__``, and every
    row of every filing is placed)."""

    table: str
    row: int
    element: str
    """The row's element name (``nonDerivativeTransaction``...)."""
    index: int
    """The row's 1-based position among the rows of its element name in its table."""
    item: NonDerivativeRow | DerivativeRow
    is_transaction: bool
    """True for a transaction row, False for a holding (worked out once: every rule asks)."""
    key_within: tuple[str, str, str, str] | None = field(default=None, repr=False)
    """The row's position key within its filing once worked out (``arithmetic.row_key``)."""
    key_across: tuple[str, str, str, str] | None = field(default=None, repr=False)
    """The row's position key across filings once worked out (``row_key(within_filing=False)``)."""

    @property
    def xpath(self) -> str:
        """The row's XPath: ``/ownershipDocument/nonDerivativeTable/nonDerivativeTransaction[2]``."""
        return f"/ownershipDocument/{self.table}/{self.element}[{self.index}]"

    def finding(self, *, rule: str, severity: Severity, message: str, source: str, field: str) -> Finding:
        """A finding placed at this row's ``field`` (its table and row filled in)."""
        return Finding(
            rule=rule,
            severity=severity,
            message=message,
            source=source,
            table=self.table,
            row=self.row,
            field=field,
        )


# Each row type's element name and whether it is a transaction.
_ELEMENT: dict[type, tuple[str, bool]] = {
    NonDerivativeTransaction: ("nonDerivativeTransaction", True),
    NonDerivativeHolding: ("nonDerivativeHolding", False),
    DerivativeTransaction: ("derivativeTransaction", True),
    DerivativeHolding: ("derivativeHolding", False),
}


@dataclass(frozen=True, slots=True)
class _Placed:
    """A document's rows with their places, and its transaction rows among them."""

    rows: tuple[PlacedRow, ...]
    transactions: tuple[tuple[PlacedRow, Transaction], ...]


def _placed(document: OwnershipDocument) -> _Placed:
    placed: list[PlacedRow] = []
    transactions: list[tuple[PlacedRow, Transaction]] = []
    tables: tuple[tuple[str, tuple[NonDerivativeRow | DerivativeRow, ...]], ...] = (
        (NON_DERIVATIVE, document.non_derivative_table),
        (DERIVATIVE, document.derivative_table),
    )
    for table, items in tables:
        seen: dict[str, int] = {}
        for number, item in enumerate(items, start=1):
            element, is_transaction = _ELEMENT[type(item)]
            count = seen[element] = seen.get(element, 0) + 1
            row = PlacedRow(table, number, element, count, item, is_transaction)
            placed.append(row)
            if isinstance(item, TRANSACTION_TYPES):
                transactions.append((row, item))
    return _Placed(tuple(placed), tuple(transactions))


# The rows of the last document asked for: a filing's rules walk its rows a dozen times over, one rule
# after the other. Keyed by identity (a frozen document never changes), so it can never serve rows of
# another document; it holds one document alive at most.
_last: list[tuple[OwnershipDocument | None, _Placed]] = [(None, _Placed((), ()))]


def _of(document: OwnershipDocument) -> _Placed:
    cached = _last[0]
    if cached[0] is not document:
        cached = (document, _placed(document))
        _last[0] = cached
    return cached[1]


def rows(document: OwnershipDocument) -> Iterator[PlacedRow]:
    """Every row of Table I, then of Table II, with its place."""
    return iter(_of(document).rows)


def placed_rows(document: OwnershipDocument) -> tuple[PlacedRow, ...]:
    """:func:`rows` as a tuple (for the rules' loops: no iterator made)."""
    return _of(document).rows


def transactions(document: OwnershipDocument) -> tuple[tuple[PlacedRow, Transaction], ...]:
    """The transaction rows of :func:`rows` (Table I, then Table II) in filed order, each with its
    transaction."""
    return _of(document).transactions


def fact_value(fact: Fact[Decimal] | None) -> Decimal | None:
    """The value of a number fact, None when absent or empty."""
    return None if fact is None else fact.value


_FOOTNOTED_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}
_FOOTNOTED = frozenset({Fact, TransactionCoding})  # the model's classes that carry footnote ids (final)


def _field_names(kind: type) -> tuple[tuple[str, str], ...]:
    """``(model field, XML name)`` of every field of a row type, worked out once per type."""
    names = _FOOTNOTED_FIELDS.get(kind)
    if names is None:
        names = tuple((spec.name, xml_name(spec.name)) for spec in fields(kind))
        _FOOTNOTED_FIELDS[kind] = names
    return names


def row_footnote_ids(item: NonDerivativeRow | DerivativeRow) -> Iterator[tuple[str, str]]:
    """``(field, footnote id)`` for every footnote reference of a row, fields named as in the XML."""
    for name, element in _field_names(type(item)):
        value = getattr(item, name)
        if type(value) in _FOOTNOTED and value.footnote_ids:
            for footnote_id in value.footnote_ids:
                yield element, footnote_id


def written_out(name: str, lines: list[str], scope: dict[str, Any]) -> Callable[..., Any]:
    """Compile the function ``name`` from its source ``lines`` (``def name(...):`` first) with the names
    of ``scope``. For the per-row tests every rule runs over every row of every filing: written out field
    by field from the model's fields, as :mod:`dataclasses` writes ``__init__``, they cost about half a
    loop over the fields."""
    namespace = dict(scope)
    exec(compile("\n".join(lines) + "\n", f"<section16.validate {name}>", "exec"), namespace)
    function: Callable[..., Any] = namespace[name]
    return function


def _footnote_adder(kind: type) -> Callable[[Any, set[str]], None]:
    """``add(row, used)``: add the footnote ids of every field of a ``kind`` row to ``used``. A row's
    fields are each a Fact, a TransactionCoding or None (the model's row types), so a field that is not
    None has footnote ids."""
    lines = ["def add(row, used):", "    pass"]
    for name, _ in _field_names(kind):
        lines += [
            f"    f = row.{name}",
            "    if f is not None and f.footnote_ids:",
            "        used.update(f.footnote_ids)",
        ]
    return written_out("add", lines, {})


_FOOTNOTE_ADDERS: dict[type, Callable[[Any, set[str]], None]] = {}


def referred_footnote_ids(items: Iterable[NonDerivativeRow | DerivativeRow]) -> set[str]:
    """The footnote ids the rows refer to (those :func:`row_footnote_ids` gives), as a set."""
    used: set[str] = set()
    for item in items:
        kind = type(item)
        add = _FOOTNOTE_ADDERS.get(kind)
        if add is None:
            add = _FOOTNOTE_ADDERS[kind] = _footnote_adder(kind)
        add(item, used)
    return used
