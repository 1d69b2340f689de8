"""What the rendered-copy readers share: reading a displayed cell back to its value (the SEC stylesheets'
display rules, spec.md section 5: dates ``MM/DD/YYYY``, numbers ``###,##0.####``, prices prefixed ``$``,
footnote references ``(N)`` that stand for footnote ``FN``), and building the rows of Tables I and II from
the cells of one printed line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TypeVar

from section16.model import (
    AcquiredDisposed,
    DerivativeHolding,
    DerivativeTransaction,
    DirectIndirect,
    Fact,
    NonDerivativeHolding,
    NonDerivativeTransaction,
    TransactionCode,
    TransactionCoding,
    Unparsed,
    ValuePlace,
)

__all__ = [
    "DEDUCED",
    "Cell",
    "Unread",
    "derivative_row",
    "form5_coding",
    "non_derivative_row",
    "parse_us_date",
    "split_markers",
    "value_paths",
]

_MARKER = re.compile(r"\(\s*(\d{1,3})\s*\)")
_US_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
E = TypeVar("E", AcquiredDisposed, DirectIndirect)


DEDUCED = 0.5
"""The confidence of a value a reader deduced from the form's other printed values instead of reading it
(plain text's Table II (A)/(D) from the amounts owned)."""


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed cell: its text with footnote markers taken out, the footnote ids they stand for, and
    where in the copy it was read (``"page 1, line 23"``, ``"line 40"``, ``"Table I row 2, column 4"``)."""

    text: str = ""
    footnote_ids: tuple[str, ...] = ()
    place: str = ""


@dataclass(slots=True)
class Unread:
    """What a reader collects besides the values: the cells whose text could not be read as their type
    (kept, with their place), and where each value was read (:class:`~section16.model.ValuePlace`), with
    the reader's ``confidence`` unless a value says otherwise. A place is said once: a value read from
    two cells (a coding from its code and its "V") has two places, one said twice has one."""

    items: list[Unparsed] = field(default_factory=list)
    places: list[ValuePlace] = field(default_factory=list)
    confidence: float = 1.0
    _placed: set[tuple[str, str]] = field(default_factory=set)

    def keep(self, path: str, text: str) -> None:
        self.items.append(Unparsed(path=path, text=text))

    def place(self, path: str, where: str, confidence: float | None = None) -> None:
        """Say that the value at model ``path`` was read at ``where`` (nothing when ``where`` is empty, or
        said already)."""
        if where and (path, where) not in self._placed:
            self._placed.add((path, where))
            sure = self.confidence if confidence is None else confidence
            self.places.append(ValuePlace(path=path, place=where, confidence=sure))

    def unplace(self, path: str) -> None:
        """Take back the places of ``path`` (a value the reader then left None)."""
        self._placed = {(p, w) for p, w in self._placed if p != path}
        self.places[:] = [p for p in self.places if p.path != path]

    def cells(self, base: str, cells: dict[str, Cell], fields: dict[str, str]) -> None:
        """The places of a row's cells: ``fields`` maps a cell's column name to the model attribute its
        value went to (under ``base``, e.g. ``non_derivative_table[0]``)."""
        for column, attribute in fields.items():
            cell = cells.get(column)
            if cell is not None and cell.place and (cell.text or cell.footnote_ids):
                self.place(f"{base}.{attribute}", cell.place)


def split_markers(text: str) -> Cell:
    """``"2,413,189 (6)"`` -> ``Cell("2,413,189", ("F6",))``: footnote references ``(N)`` are the
    stylesheets' ``<sup>(N)</sup>`` for ``<footnoteId id="FN"/>``."""
    ids = tuple(f"F{m[1]}" for m in _MARKER.finditer(text))
    rest = " ".join(_MARKER.sub(" ", text).split()) if ids else " ".join(text.split())
    return Cell(rest, ids)


def parse_us_date(text: str) -> date | None:
    """``MM/DD/YYYY`` (the stylesheets' date display) -> date; anything else -> None."""
    match = _US_DATE.fullmatch(text.strip())
    if match is None:
        return None
    try:
        return date(int(match[3]), int(match[1]), int(match[2]))
    except ValueError:
        return None


def _decimal(text: str) -> Decimal | None:
    cleaned = text.replace("$", "").replace(",", "").replace(" ", "")
    if not cleaned:
        return None
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _text_fact(cell: Cell) -> Fact[str] | None:
    if not cell.text and not cell.footnote_ids:
        return None
    return Fact(cell.text or None, cell.footnote_ids)


def _number_fact(cell: Cell, path: str, unread: Unread) -> Fact[Decimal] | None:
    if not cell.text and not cell.footnote_ids:
        return None
    value = _decimal(cell.text) if cell.text else None
    if cell.text and value is None:
        unread.keep(path, cell.text)
    return Fact(value, cell.footnote_ids)


def _date_fact(cell: Cell, path: str, unread: Unread) -> Fact[date] | None:
    if not cell.text and not cell.footnote_ids:
        return None
    value = parse_us_date(cell.text) if cell.text else None
    if cell.text and value is None:
        unread.keep(path, cell.text)
    return Fact(value, cell.footnote_ids)


def _code_fact(cell: Cell, kind: type[E], path: str, unread: Unread) -> Fact[E] | None:
    if not cell.text and not cell.footnote_ids:
        return None
    text = cell.text.strip("() ")
    try:
        value: E | None = kind(text) if text else None
    except ValueError:
        value = None
        unread.keep(path, cell.text)
    return Fact(value, cell.footnote_ids)


def _coding(code: Cell, v: Cell, path: str, unread: Unread) -> TransactionCoding | None:
    """Column "Code" (code, ``/K`` when an equity swap, footnotes of the coding) and column "V" (``V``
    when ``transactionFormType`` is 5: Form 4 General Instruction 8, voluntarily reported)."""
    text = code.text.replace(" ", "")
    swap = text.endswith("/K") or text.endswith("(K)")
    letter = text[:-2] if text.endswith("/K") else text[:-3] if text.endswith("(K)") else text
    if not letter and not code.footnote_ids and not v.text:
        return None
    value: TransactionCode | None = None
    if letter:
        try:
            value = TransactionCode(letter.upper())
        except ValueError:
            unread.keep(path + "/transactionCoding/transactionCode", code.text)
    return TransactionCoding(
        transaction_form_type="5" if v.text.upper().startswith("V") else None,
        transaction_code=value,
        equity_swap_involved=True if swap else None,
        footnote_ids=code.footnote_ids,
    )


_FORM5_CODE = re.compile(r"(.*?)([345]?)")


def form5_coding(cells: dict[str, Cell]) -> dict[str, Cell]:
    """A Form 5 row's cells with its "Transaction Code" cell read as Form 4's "Code" and "V" columns.

    The Form 5 stylesheets (``5_X06``..``5_X09``) have no "V" column: column 3 prints the code followed
    by the form the transaction belongs to, ``G`` for ``transactionFormType`` 5 (``G5`` when
    ``transactionTimeliness`` is ``L``), ``G4`` for a Form 4 transaction, ``3`` alone for a Form 3 holding
    (Form 5 General Instruction 4). Transaction codes are letters, so a last digit is never the code's."""
    code = cells.get("code")
    if code is None or not code.text.strip():
        return cells
    match = _FORM5_CODE.fullmatch(code.text.strip())
    letters, form = (match[1].strip(), match[2]) if match else (code.text, "")
    out = dict(cells)
    # Both come from the one printed cell, and keep its place.
    out["code"] = Cell(letters, code.footnote_ids, code.place)
    if form in {"", "5"}:
        v = cells.get("v", Cell())
        out["v"] = Cell("V", v.footnote_ids, v.place or code.place)
    return out


def _timeliness_ids(v: Cell) -> tuple[str, ...]:
    return v.footnote_ids


def _place_timeliness(base: str, v: Cell, code: Cell, unread: Unread) -> None:
    """A late transaction's footnotes are printed in its "V" column (its timeliness letter is not): the
    timeliness is placed there, else at the code (Form 5's code cell holds both)."""
    if v.footnote_ids:
        unread.place(f"{base}.transaction_timeliness", v.place or code.place)


_ROW_PATH = re.compile(r"/(nonDerivativeTable|derivativeTable)/row\[(\d+)\]$")


def _model_base(path: str) -> str:
    """``/nonDerivativeTable/row[2]`` (a rendered row's place for unparsed texts) -> the row's path in the
    model, ``non_derivative_table[1]``."""
    match = _ROW_PATH.search(path)
    if match is None:
        return path
    table = "non_derivative_table" if match[1] == "nonDerivativeTable" else "derivative_table"
    return f"{table}[{int(match[2]) - 1}]"


# A row's columns (cell names, as the readers name them) -> the model attribute each one's value goes to.
_COMMON_COLUMNS = {
    "title": "security_title",
    "code": "transaction_coding",
    "v": "transaction_coding",
    "direct": "direct_or_indirect_ownership",
    "nature": "nature_of_ownership",
}
_TRANSACTION_COLUMNS = {
    "date": "transaction_date",
    "deemed": "deemed_execution_date",
    "price": "transaction_price_per_share",
}
_DERIVATIVE_COLUMNS = {
    "conversion": "conversion_or_exercise_price",
    "exercisable": "exercise_date",
    "expiration": "expiration_date",
    "underlying_title": "underlying_security_title",
}


def _owned_column(cells: dict[str, Cell]) -> dict[str, str]:
    owned = cells.get("owned")
    valued = owned is not None and owned.text.startswith("$")
    return {"owned": "value_owned_following_transaction" if valued else "shares_owned_following_transaction"}


def non_derivative_row(
    cells: dict[str, Cell], path: str, unread: Unread
) -> NonDerivativeTransaction | NonDerivativeHolding:
    """A Table I row from its cells by column name; a row with a date, code or amount is a transaction."""
    empty = Cell()
    get = cells.get
    title = _text_fact(get("title", empty))
    owned_cell = get("owned", empty)
    value_owned = owned_cell.text.startswith("$")
    owned = _number_fact(owned_cell, path + "/sharesOwnedFollowingTransaction", unread)
    direct = _code_fact(get("direct", empty), DirectIndirect, path + "/directOrIndirectOwnership", unread)
    nature = _text_fact(get("nature", empty))
    is_transaction = any(get(k, empty).text for k in ("date", "code", "amount", "ad", "deemed"))
    columns = {**_COMMON_COLUMNS, **_owned_column(cells)}
    if is_transaction:
        columns |= {
            **_TRANSACTION_COLUMNS,
            "amount": "transaction_shares",
            "ad": "transaction_acquired_disposed_code",
        }
    base = _model_base(path)
    unread.cells(base, cells, columns)
    if not is_transaction:
        coding = _coding(get("code", empty), get("v", empty), path, unread)
        return NonDerivativeHolding(
            security_title=title,
            transaction_coding=coding,
            shares_owned_following_transaction=None if value_owned else owned,
            value_owned_following_transaction=owned if value_owned else None,
            direct_or_indirect_ownership=direct,
            nature_of_ownership=nature,
        )
    v = get("v", empty)
    _place_timeliness(base, v, get("code", empty), unread)
    return NonDerivativeTransaction(
        security_title=title,
        transaction_date=_date_fact(get("date", empty), path + "/transactionDate", unread),
        deemed_execution_date=_date_fact(get("deemed", empty), path + "/deemedExecutionDate", unread),
        transaction_coding=_coding(get("code", empty), v, path, unread),
        transaction_timeliness=Fact(None, _timeliness_ids(v)) if v.footnote_ids else None,
        transaction_shares=_number_fact(get("amount", empty), path + "/transactionShares", unread),
        transaction_price_per_share=_number_fact(
            get("price", empty), path + "/transactionPricePerShare", unread
        ),
        transaction_acquired_disposed_code=_code_fact(
            get("ad", empty), AcquiredDisposed, path + "/transactionAcquiredDisposedCode", unread
        ),
        shares_owned_following_transaction=None if value_owned else owned,
        value_owned_following_transaction=owned if value_owned else None,
        direct_or_indirect_ownership=direct,
        nature_of_ownership=nature,
    )


def derivative_row(
    cells: dict[str, Cell], path: str, unread: Unread
) -> DerivativeTransaction | DerivativeHolding:
    """A Table II row from its cells by column name (``a``/``d``: the amount in the "(A)" or "(D)" column)."""
    empty = Cell()
    get = cells.get
    title = _text_fact(get("title", empty))
    price = _number_fact(get("conversion", empty), path + "/conversionOrExercisePrice", unread)
    exercise = _date_fact(get("exercisable", empty), path + "/exerciseDate", unread)
    expiration = _date_fact(get("expiration", empty), path + "/expirationDate", unread)
    under_title = _text_fact(get("underlying_title", empty))
    under_cell = get("underlying_shares", empty)
    under_value = under_cell.text.startswith("$")
    under = _number_fact(under_cell, path + "/underlyingSecurityShares", unread)
    owned_cell = get("owned", empty)
    value_owned = owned_cell.text.startswith("$")
    owned = _number_fact(owned_cell, path + "/sharesOwnedFollowingTransaction", unread)
    direct = _code_fact(get("direct", empty), DirectIndirect, path + "/directOrIndirectOwnership", unread)
    nature = _text_fact(get("nature", empty))
    a, d = get("a", empty), get("d", empty)
    is_transaction = any(get(k, empty).text for k in ("date", "code", "deemed")) or bool(a.text or d.text)
    columns = {**_COMMON_COLUMNS, **_DERIVATIVE_COLUMNS, **_owned_column(cells)}
    columns["underlying_shares"] = (
        "underlying_security_value" if under_value else "underlying_security_shares"
    )
    if is_transaction:
        columns |= _TRANSACTION_COLUMNS
    base = _model_base(path)
    unread.cells(base, cells, columns)
    if not is_transaction:
        return DerivativeHolding(
            security_title=title,
            conversion_or_exercise_price=price,
            transaction_coding=_coding(get("code", empty), get("v", empty), path, unread),
            exercise_date=exercise,
            expiration_date=expiration,
            underlying_security_title=under_title,
            underlying_security_shares=None if under_value else under,
            underlying_security_value=under if under_value else None,
            shares_owned_following_transaction=None if value_owned else owned,
            value_owned_following_transaction=owned if value_owned else None,
            direct_or_indirect_ownership=direct,
            nature_of_ownership=nature,
        )
    amount_cell, code = (a, AcquiredDisposed.ACQUIRED) if (a.text or a.footnote_ids) else (d, None)
    if code is None and (d.text or d.footnote_ids):
        code = AcquiredDisposed.DISPOSED
    # Column 5 prints the number of securities, or "$" and the total value when that was filed instead.
    total = amount_cell.text.startswith("$")
    amount = _number_fact(amount_cell, path + "/transactionShares", unread)
    if amount_cell.place:
        unread.place(
            f"{base}.{'transaction_total_value' if total else 'transaction_shares'}", amount_cell.place
        )
        if code is not None:  # which sub-column, (A) or (D), the amount stands in
            unread.place(f"{base}.transaction_acquired_disposed_code", amount_cell.place)
    v = get("v", empty)
    _place_timeliness(base, v, get("code", empty), unread)
    return DerivativeTransaction(
        security_title=title,
        conversion_or_exercise_price=price,
        transaction_date=_date_fact(get("date", empty), path + "/transactionDate", unread),
        deemed_execution_date=_date_fact(get("deemed", empty), path + "/deemedExecutionDate", unread),
        transaction_coding=_coding(get("code", empty), v, path, unread),
        transaction_timeliness=Fact(None, _timeliness_ids(v)) if v.footnote_ids else None,
        transaction_shares=None if total else amount,
        transaction_total_value=amount if total else None,
        transaction_price_per_share=_number_fact(
            get("price", empty), path + "/transactionPricePerShare", unread
        ),
        transaction_acquired_disposed_code=Fact(code) if code is not None else None,
        exercise_date=exercise,
        expiration_date=expiration,
        underlying_security_title=under_title,
        underlying_security_shares=None if under_value else under,
        underlying_security_value=under if under_value else None,
        shares_owned_following_transaction=None if value_owned else owned,
        value_owned_following_transaction=owned if value_owned else None,
        direct_or_indirect_ownership=direct,
        nature_of_ownership=nature,
    )


_NOT_VALUES = frozenset({"unparsed", "extras", "places"})


def value_paths(document: object) -> list[str]:
    """The model path (as :class:`~section16.model.ValuePlace` names it) of every value ``document``
    holds: each leaf that is not None (a :class:`~section16.model.Fact` with a value or footnote ids, a
    transaction coding as one value, a date, a number, a text, a flag), in field order."""
    out: list[str] = []

    def walk(value: object, path: str) -> None:
        if value is None:
            return
        if isinstance(value, Fact):
            if value.value is not None or value.footnote_ids:
                out.append(path)
            return
        if isinstance(value, TransactionCoding):
            out.append(path)
            return
        if isinstance(value, tuple):
            for i, item in enumerate(value):
                walk(item, f"{path}[{i}]")
            return
        names = getattr(type(value), "__dataclass_fields__", None)
        if names is None:
            out.append(path)
            return
        for name in names:
            if path or name not in _NOT_VALUES:
                walk(getattr(value, name), f"{path}.{name}" if path else name)

    walk(document, "")
    return out
