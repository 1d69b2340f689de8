"""Walking the rows of an ownership document with their place: which table, which row (1-based, in
filed order) and the row's XPath, so a finding can say where it is."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from decimal import Decimal

from section16.model import (
    DerivativeHolding,
    DerivativeRow,
    DerivativeTransaction,
    Fact,
    NonDerivativeHolding,
    NonDerivativeRow,
    NonDerivativeTransaction,
    OwnershipDocument,
    TransactionCoding,
)

__all__ = ["DERIVATIVE", "NON_DERIVATIVE", "PlacedRow", "fact_value", "row_footnote_ids", "rows", "xml_name"]

NON_DERIVATIVE = "nonDerivativeTable"
DERIVATIVE = "derivativeTable"


def xml_name(field_name: str) -> str:
    """The XML element name of a model field: ``shares_owned_following_transaction`` ->
    ``sharesOwnedFollowingTransaction`` (``aff10b5_one`` -> ``aff10b5One``)."""
    head, *rest = field_name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


@dataclass(frozen=True, slots=True)
class PlacedRow:
    """A table row with its place. ``row`` counts transactions and holdings together, as filed;
    ``xpath`` counts like XPath (per element name)."""

    table: str
    row: int
    xpath: str
    item: NonDerivativeRow | DerivativeRow

    @property
    def is_transaction(self) -> bool:
        """True for a transaction row, False for a holding."""
        return isinstance(self.item, NonDerivativeTransaction | DerivativeTransaction)


_ELEMENT = {
    NonDerivativeTransaction: "nonDerivativeTransaction",
    NonDerivativeHolding: "nonDerivativeHolding",
    DerivativeTransaction: "derivativeTransaction",
    DerivativeHolding: "derivativeHolding",
}


def rows(document: OwnershipDocument) -> Iterator[PlacedRow]:
    """Every row of Table I, then of Table II, with its place."""
    tables: tuple[tuple[str, tuple[NonDerivativeRow | DerivativeRow, ...]], ...] = (
        (NON_DERIVATIVE, document.non_derivative_table),
        (DERIVATIVE, document.derivative_table),
    )
    for table, items in tables:
        seen: dict[str, int] = {}
        for number, item in enumerate(items, start=1):
            element = _ELEMENT[type(item)]
            seen[element] = seen.get(element, 0) + 1
            xpath = f"/ownershipDocument/{table}/{element}[{seen[element]}]"
            yield PlacedRow(table, number, xpath, item)


def fact_value(fact: Fact[Decimal] | None) -> Decimal | None:
    """The value of a number fact, None when absent or empty."""
    return None if fact is None else fact.value


def row_footnote_ids(item: NonDerivativeRow | DerivativeRow) -> Iterator[tuple[str, str]]:
    """``(field, footnote id)`` for every footnote reference of a row, fields named as in the XML."""
    for spec in fields(item):
        value = getattr(item, spec.name)
        if isinstance(value, Fact | TransactionCoding):
            for footnote_id in value.footnote_ids:
                yield xml_name(spec.name), footnote_id
