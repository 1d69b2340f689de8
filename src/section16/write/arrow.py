"""Filings as Arrow tables (for Parquet): the eight tables of the SEC's Insider Transactions Data Sets
(:mod:`section16.write.sec_datasets`) and the flat transactions table of
:func:`section16.write.records.typed_transaction_rows`, with typed columns.

Column types:

- text, codes and ``_FN`` footnote ids: ``string``;
- dates: ``date32``;
- booleans: ``bool``; surrogate keys and row numbers: ``int64``;
- numbers: ``decimal128(38, 10)`` when every value of the column fits it exactly (at most 10 digits after
  the point and 28 before). Filings carry numbers with more fraction digits than the XSD's 4, and we do not
  round what was filed: when any value of a column does not fit, that column is ``string`` for this
  export, holding each number in plain notation as filed (``0.123456789012``). The column's type is
  therefore decimal for almost every export and the schema says which it is.

pyarrow is pure computation here: nothing in this module reads or writes files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import pyarrow as pa

from section16.write.records import TRANSACTION_COLUMN_TYPES
from section16.write.sec_datasets import TABLES, Cell, ColumnKind

__all__ = ["DECIMAL_TYPE", "dataset_tables", "transactions_table"]

DECIMAL_TYPE = pa.decimal128(38, 10)
"""The Arrow type of number columns whose values all fit it exactly."""

_SCALE = 10
_INTEGER_DIGITS = 38 - _SCALE


def _fits(value: Decimal) -> bool:
    if not value.is_finite():
        return False
    _sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite
    return exponent >= -_SCALE and len(digits) + exponent <= _INTEGER_DIGITS


def _number_array(values: list[Any]) -> pa.Array:
    if all(v is None or _fits(v) for v in values):
        return pa.array(values, type=DECIMAL_TYPE)
    return pa.array([None if v is None else format(v, "f") for v in values], type=pa.string())


_ARROW_TYPES: dict[ColumnKind, pa.DataType] = {
    ColumnKind.TEXT: pa.string(),
    ColumnKind.DATE: pa.date32(),
    ColumnKind.FLAG: pa.bool_(),
    ColumnKind.KEY: pa.int64(),
}


def _array(kind: ColumnKind, values: list[Any]) -> pa.Array:
    if kind is ColumnKind.NUMBER:
        return _number_array(values)
    return pa.array(values, type=_ARROW_TYPES[kind])


def dataset_tables(rows: Mapping[str, Sequence[Sequence[Cell]]]) -> dict[str, pa.Table]:
    """One Arrow table per data-set table, from the typed rows of
    :meth:`~section16.write.sec_datasets.SecDatasetBuilder.add` (gathered per table). Every one of the
    eight tables is present, empty where ``rows`` has none, with the SEC's column names and order."""
    tables: dict[str, pa.Table] = {}
    for table, columns in TABLES.items():
        table_rows = rows.get(table, ())
        arrays = [_array(kind, [row[i] for row in table_rows]) for i, (_name, kind) in enumerate(columns)]
        tables[table] = pa.Table.from_arrays(arrays, names=[name for name, _kind in columns])
    return tables


_TRANSACTION_KINDS: dict[type, ColumnKind] = {
    str: ColumnKind.TEXT,
    date: ColumnKind.DATE,
    bool: ColumnKind.FLAG,
    int: ColumnKind.KEY,
    Decimal: ColumnKind.NUMBER,
}


def transactions_table(rows: Sequence[Mapping[str, Any]]) -> pa.Table:
    """The flat transactions table (one row per transaction and holding) from
    :func:`~section16.write.records.typed_transaction_rows`, columns as
    :data:`~section16.write.records.TRANSACTION_COLUMNS`."""
    arrays = [
        _array(_TRANSACTION_KINDS[py_type], [row.get(name) for row in rows])
        for name, py_type in TRANSACTION_COLUMN_TYPES.items()
    ]
    return pa.Table.from_arrays(arrays, names=list(TRANSACTION_COLUMN_TYPES))
