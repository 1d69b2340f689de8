"""A filing as plain records: the whole model as a JSON-ready dict and back, and one flat row per table
row for CSV.

:func:`filing_to_dict` carries every field of :class:`~section16.model.Filing` (document, header, source,
accession number) so that ``filing_from_dict(json.loads(json.dumps(filing_to_dict(f)))) == f``:

- ``Decimal`` as its exact text (``"1234.5600"``), ``date``/``datetime`` in ISO 8601, enums as the SEC's
  own letters (``"S"``, ``"4/A"``), booleans and integers as JSON's, tuples as lists, ``None`` as null;
- a :class:`~section16.model.Fact` as ``{"value": ..., "footnote_ids": ["F1", ...]}``;
- each table row carries ``"kind"``, the XML element name of the row (``nonDerivativeTransaction``,
  ``nonDerivativeHolding``, ``derivativeTransaction``, ``derivativeHolding``), so the two kinds of row
  that share a table can be told apart when read back.

The converters are built once per class by walking the dataclass fields and their type hints, so they
follow the model when it grows and cost one dict lookup per field at run time.

:func:`transaction_rows` flattens each row of both tables into one ``dict`` of strings for CSV: the
filing's keys, the row's place, and every leaf value with its footnote ids.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from functools import cache
from typing import Any

from section16.errors import ParseError
from section16.model import Fact, Filing, OwnershipDocument, TransactionCoding
from section16.model.document import (
    DerivativeHolding,
    DerivativeTransaction,
    NonDerivativeHolding,
    NonDerivativeTransaction,
)

__all__ = [
    "TRANSACTION_COLUMNS",
    "TRANSACTION_COLUMN_TYPES",
    "document_from_dict",
    "document_to_dict",
    "filing_from_dict",
    "filing_to_dict",
    "row_kind",
    "transaction_rows",
    "typed_transaction_rows",
]

_Encode = Callable[[Any], Any]
_Decode = Callable[[Any, str], Any]

_ROW_CLASSES: tuple[type, ...] = (
    NonDerivativeTransaction,
    NonDerivativeHolding,
    DerivativeTransaction,
    DerivativeHolding,
)


def row_kind(cls: type) -> str:
    """The XML element name of a table row class: ``NonDerivativeTransaction`` ->
    ``nonDerivativeTransaction``."""
    name = cls.__name__
    return name[0].lower() + name[1:]


def _is_union(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType)


# --- model -> dict -----------------------------------------------------------------------------------


def _identity(value: Any) -> Any:
    return value


def _enum_value(value: Any) -> Any:
    return value.value


def _iso(value: Any) -> Any:
    return value.isoformat()


def _text(value: Any) -> Any:
    return str(value)


@cache
def _encoder(tp: Any) -> _Encode:
    """A function that turns a value of type ``tp`` into JSON-ready data."""
    origin = typing.get_origin(tp)
    if _is_union(tp):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            inner = _encoder(args[0])
            return lambda v: None if v is None else inner(v)
        # A union of row classes: dispatch on the class, tag with "kind".
        by_class = {a: (row_kind(a), _dataclass_encoder(a)) for a in args}

        def encode_union(v: Any) -> Any:
            if v is None:
                return None
            kind, enc = by_class[type(v)]
            out: dict[str, Any] = {"kind": kind}
            out.update(enc(v))
            return out

        return encode_union
    if origin is Fact:
        (arg,) = typing.get_args(tp)
        inner = _encoder(arg)
        return lambda f: {
            "value": None if f.value is None else inner(f.value),
            "footnote_ids": list(f.footnote_ids),
        }
    if origin is tuple:
        targs = typing.get_args(tp)
        if len(targs) == 2 and targs[1] is Ellipsis:
            item = _encoder(targs[0])
            if item is _identity:
                return list
            return lambda v: [item(x) for x in v]
        items = [_encoder(a) for a in targs]
        return lambda v: [enc(x) for enc, x in zip(items, v, strict=True)]
    if isinstance(tp, type):
        if issubclass(tp, Enum):
            return _enum_value
        if issubclass(tp, bool | int | str | float):
            return _identity
        if issubclass(tp, date):  # datetime is a date too
            return _iso
        if issubclass(tp, Decimal):
            return _text
        if dataclasses.is_dataclass(tp):
            return _dataclass_encoder(tp)
    raise TypeError(f"records: no encoder for type {tp!r}")


@cache
def _dataclass_encoder(cls: type) -> _Encode:
    hints = typing.get_type_hints(cls)
    fields = [(f.name, _encoder(hints[f.name])) for f in dataclasses.fields(cls)]

    def encode(obj: Any) -> dict[str, Any]:
        return {name: enc(getattr(obj, name)) for name, enc in fields}

    return encode


def filing_to_dict(filing: Filing) -> dict[str, Any]:
    """Every field of ``filing`` as JSON-ready data (see the module docstring for the encoding)."""
    result: dict[str, Any] = _dataclass_encoder(Filing)(filing)
    return result


def document_to_dict(document: OwnershipDocument) -> dict[str, Any]:
    """Every field of ``document`` as JSON-ready data: a record's ``document`` (:func:`filing_to_dict`)."""
    result: dict[str, Any] = _dataclass_encoder(OwnershipDocument)(document)
    return result


# --- dict -> model -----------------------------------------------------------------------------------


def _bad(path: str, message: str) -> ParseError:
    return ParseError(message, path=path or "/")


def _decode_str(v: Any, path: str) -> Any:
    if not isinstance(v, str):
        raise _bad(path, f"expected a string, found {type(v).__name__}")
    return v


def _decode_bool(v: Any, path: str) -> Any:
    if not isinstance(v, bool):
        raise _bad(path, f"expected true or false, found {type(v).__name__}")
    return v


def _decode_int(v: Any, path: str) -> Any:
    if isinstance(v, bool) or not isinstance(v, int):
        raise _bad(path, f"expected an integer, found {type(v).__name__}")
    return v


def _decode_float(v: Any, path: str) -> Any:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise _bad(path, f"expected a number, found {type(v).__name__}")
    return float(v)


def _from_text(convert: Callable[[str], Any], what: str) -> _Decode:
    def decode(v: Any, path: str) -> Any:
        if not isinstance(v, str):
            raise _bad(path, f"expected {what} as a string, found {type(v).__name__}")
        try:
            return convert(v)
        except (ValueError, ArithmeticError):
            raise _bad(path, f"{v!r} is not {what}") from None

    return decode


@cache
def _decoder(tp: Any) -> _Decode:
    """A function that turns JSON data back into a value of type ``tp``, or raises ParseError naming
    the path of the bad item."""
    origin = typing.get_origin(tp)
    if _is_union(tp):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        optional = len(args) < len(typing.get_args(tp))
        if len(args) == 1:
            inner = _decoder(args[0])
            if not optional:
                return inner
            return lambda v, p: None if v is None else inner(v, p)
        by_kind = {row_kind(a): _dataclass_decoder(a) for a in args}

        def decode_union(v: Any, path: str) -> Any:
            if v is None and optional:
                return None
            if not isinstance(v, dict):
                raise _bad(path, f"expected an object, found {type(v).__name__}")
            kind = v.get("kind")
            dec = by_kind.get(kind) if isinstance(kind, str) else None
            if dec is None:
                raise _bad(f"{path}/kind", f"kind {kind!r} is none of {', '.join(sorted(by_kind))}")
            return dec(v, path)

        return decode_union
    if origin is Fact:
        (arg,) = typing.get_args(tp)
        inner = _decoder(arg)
        ids = _decoder(tuple[str, ...])

        def decode_fact(v: Any, path: str) -> Any:
            if not isinstance(v, dict):
                raise _bad(path, f"expected a fact object, found {type(v).__name__}")
            unknown = set(v) - {"value", "footnote_ids"}
            if unknown:
                raise _bad(path, f"unknown keys {', '.join(sorted(unknown))} in a fact")
            value = v.get("value")
            return Fact(
                None if value is None else inner(value, f"{path}/value"),
                ids(v.get("footnote_ids", []), f"{path}/footnote_ids"),
            )

        return decode_fact
    if origin is tuple:
        targs = typing.get_args(tp)
        if len(targs) == 2 and targs[1] is Ellipsis:
            item = _decoder(targs[0])

            def decode_seq(v: Any, path: str) -> Any:
                if not isinstance(v, list):
                    raise _bad(path, f"expected a list, found {type(v).__name__}")
                return tuple(item(x, f"{path}/{i}") for i, x in enumerate(v))

            return decode_seq
        items = [_decoder(a) for a in targs]

        def decode_fixed(v: Any, path: str) -> Any:
            if not isinstance(v, list) or len(v) != len(items):
                raise _bad(path, f"expected a list of {len(items)} items")
            return tuple(dec(x, f"{path}/{i}") for i, (dec, x) in enumerate(zip(items, v, strict=True)))

        return decode_fixed
    if isinstance(tp, type):
        if issubclass(tp, Enum):
            return _from_text(tp, f"a {tp.__name__} code")
        if tp is bool:
            return _decode_bool
        if tp is int:
            return _decode_int
        if tp is float:
            return _decode_float
        if tp is str:
            return _decode_str
        if tp is datetime:
            return _from_text(datetime.fromisoformat, "an ISO date and time")
        if tp is date:
            return _from_text(date.fromisoformat, "an ISO date")
        if tp is Decimal:
            return _from_text(Decimal, "a decimal number")
        if dataclasses.is_dataclass(tp):
            return _dataclass_decoder(tp)
    raise TypeError(f"records: no decoder for type {tp!r}")


@cache
def _dataclass_decoder(cls: type) -> _Decode:
    hints = typing.get_type_hints(cls)
    fields = {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(cls)}
    required = {
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    }
    allowed = set(fields) | ({"kind"} if cls in _ROW_CLASSES else set())

    def decode(v: Any, path: str) -> Any:
        if not isinstance(v, dict):
            raise _bad(path, f"expected an object for {cls.__name__}, found {type(v).__name__}")
        unknown = v.keys() - allowed
        if unknown:
            raise _bad(path, f"unknown keys {', '.join(sorted(unknown))} for {cls.__name__}")
        missing = required - v.keys()
        if missing:
            raise _bad(path, f"missing keys {', '.join(sorted(missing))} for {cls.__name__}")
        kwargs = {name: fields[name](value, f"{path}/{name}") for name, value in v.items() if name != "kind"}
        return cls(**kwargs)

    return decode


def filing_from_dict(data: dict[str, Any]) -> Filing:
    """The :class:`Filing` that :func:`filing_to_dict` made ``data`` from. A key left out takes the
    field's default; an unknown key, a missing required key or a value of the wrong type raises
    :class:`~section16.errors.ParseError` whose ``path`` names the item (``/document/issuer/issuer_cik``).
    """
    filing: Filing = _dataclass_decoder(Filing)(data, "")
    return filing


def document_from_dict(data: dict[str, Any], path: str = "/document") -> OwnershipDocument:
    """The :class:`OwnershipDocument` of ``data``, an object in the shape of a record's ``document``
    (:func:`filing_to_dict`), read as :func:`filing_from_dict` reads it; errors name the item from
    ``path`` on."""
    document: OwnershipDocument = _dataclass_decoder(OwnershipDocument)(data, path)
    return document


# --- flat rows for CSV -------------------------------------------------------------------------------


def _leaf_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _ids_text(ids: tuple[str, ...]) -> str | None:
    return ",".join(ids) if ids else None


# Filing-level columns of a transaction row and the row's place; all strings except "row".
_KEY_COLUMNS: dict[str, type] = {
    "accession_number": str,
    "document_type": str,
    "period_of_report": date,
    "filing_date": date,
    "issuer_cik": str,
    "issuer_name": str,
    "issuer_trading_symbol": str,
    "reporting_owner_names": str,
    "table": str,
    "row": int,
    "kind": str,
}


def _leaf_type(tp: Any) -> type:
    """The column type of a leaf: Decimal, date, bool or str (enums and everything else)."""
    if isinstance(tp, type) and issubclass(tp, bool | Decimal | date) and not issubclass(tp, Enum):
        return tp
    return str


def _row_leaves(cls: type) -> list[tuple[str, str, bool, type]]:
    """(column, field, is_fact, type) for each leaf of a row class; ``transaction_coding`` is opened
    up into its own leaves, its footnotes as ``transaction_coding_footnote_ids``."""
    hints = typing.get_type_hints(cls)
    leaves: list[tuple[str, str, bool, type]] = []
    for f in dataclasses.fields(cls):
        args = [a for a in typing.get_args(hints[f.name]) if a is not type(None)]
        if args and args[0] is TransactionCoding:
            coding_hints = typing.get_type_hints(TransactionCoding)
            for c in dataclasses.fields(TransactionCoding):
                if c.name == "footnote_ids":
                    leaves.append(("transaction_coding_footnote_ids", c.name, False, str))
                else:
                    inner = [a for a in typing.get_args(coding_hints[c.name]) if a is not type(None)]
                    leaves.append((c.name, c.name, False, _leaf_type(inner[0])))
        else:
            (value_type,) = typing.get_args(args[0])  # Fact[X]
            leaves.append((f.name, f.name, True, _leaf_type(value_type)))
    return leaves


def _column_types() -> dict[str, type]:
    columns = dict(_KEY_COLUMNS)
    # The richest row first, so that the leaves keep the schema's order.
    for cls in (DerivativeTransaction, NonDerivativeTransaction, DerivativeHolding, NonDerivativeHolding):
        for column, _field, is_fact, leaf_type in _row_leaves(cls):
            columns.setdefault(column, leaf_type)
            if is_fact:
                columns.setdefault(f"{column}_footnote_ids", str)
    return columns


TRANSACTION_COLUMN_TYPES: dict[str, type] = _column_types()
"""The columns of :func:`transaction_rows` in order, each with the Python type of its typed value
(``str``, ``int``, ``bool``, ``date`` or ``Decimal``): the filing's keys, the table (``nonDerivative``
or ``derivative``), the row's 1-based place in it and its kind, then every leaf of the union of the four
row classes, each followed by ``<leaf>_footnote_ids``; ``transaction_coding`` is opened up into its
leaves and ``transaction_coding_footnote_ids``."""

TRANSACTION_COLUMNS: tuple[str, ...] = tuple(TRANSACTION_COLUMN_TYPES)
"""The column names of :func:`transaction_rows`, in order."""


@cache
def _row_flattener(cls: type) -> Callable[[Any], dict[str, Any]]:
    leaves = _row_leaves(cls)
    kind = row_kind(cls)

    def flatten(row: Any) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": kind}
        coding = row.transaction_coding
        for column, name, is_fact, _type in leaves:
            if is_fact:
                fact = getattr(row, name)
                if fact is not None:
                    value = fact.value
                    out[column] = value.value if isinstance(value, Enum) else value
                    out[f"{column}_footnote_ids"] = _ids_text(fact.footnote_ids)
            elif coding is not None:
                value = getattr(coding, name)
                if name == "footnote_ids":
                    out[column] = _ids_text(value)
                else:
                    out[column] = value.value if isinstance(value, Enum) else value
        return out

    return flatten


def _owner_names(document: OwnershipDocument) -> str | None:
    names = [o.rpt_owner_name for o in document.reporting_owners if o.rpt_owner_name]
    return "; ".join(names) if names else None


def typed_transaction_rows(filing: Filing) -> list[dict[str, Any]]:
    """As :func:`transaction_rows`, with each value typed as :data:`TRANSACTION_COLUMN_TYPES` says
    (``Decimal``, ``date``, ``bool``, ``int`` or ``str``; ``None`` where the filing has no value)."""
    document = filing.document
    if document is None:
        return []
    issuer = document.issuer
    header = filing.header
    base: dict[str, Any] = dict.fromkeys(TRANSACTION_COLUMNS)
    base.update(
        accession_number=filing.accession_number,
        document_type=document.document_type.value if document.document_type else None,
        period_of_report=document.period_of_report,
        filing_date=header.filed_as_of_date if header else None,
        issuer_cik=issuer.issuer_cik if issuer else None,
        issuer_name=issuer.issuer_name if issuer else None,
        issuer_trading_symbol=issuer.issuer_trading_symbol if issuer else None,
        reporting_owner_names=_owner_names(document),
    )
    rows: list[dict[str, Any]] = []
    for table, table_rows in (
        ("nonDerivative", document.non_derivative_table),
        ("derivative", document.derivative_table),
    ):
        for index, row in enumerate(table_rows, start=1):
            out = dict(base)
            out["table"] = table
            out["row"] = index
            row_class: type = type(row)
            out.update(_row_flattener(row_class)(row))
            rows.append(out)
    return rows


def transaction_rows(filing: Filing) -> list[dict[str, str | None]]:
    """One flat row per transaction and holding of both tables, in filed order (Table I, then Table II),
    with every column of :data:`TRANSACTION_COLUMNS` (``None`` where the filing has no value). Owner
    names are joined with ``"; "``, footnote ids with ``","``, booleans are ``1``/``0``, dates ISO,
    numbers in plain notation as filed (``1500.00``)."""
    return [{k: _leaf_text(v) for k, v in row.items()} for row in typed_transaction_rows(filing)]
