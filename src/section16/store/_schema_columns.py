"""How a table of the store is described: its columns (:class:`Column`: name, logical
:class:`ColumnType`, nullability, what it holds) and the table (:class:`Table`), rendered as
``CREATE TABLE`` for each :data:`Dialect` (DuckDB, PostgreSQL); and the helpers the table definitions
are written with (:func:`col`, :func:`leaf` for a footnotable leaf, the key columns :data:`KEY` and
:data:`ROW`).

A leaf the schema lets carry footnotes is two columns: its value and ``<name>_fn``, the footnote ids
attached to exactly that value, comma-separated (``"F1,F3"``) as in the SEC's Insider Transactions Data
Sets (spec.md section 7).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

__all__ = [
    "DECIMAL_PRECISION",
    "DECIMAL_SCALE",
    "KEY",
    "ROW",
    "SQL_TYPES",
    "Column",
    "ColumnType",
    "Dialect",
    "Table",
    "col",
    "leaf",
]

Dialect = Literal["duckdb", "postgres"]

# Decimal precision: 38 digits with 10 after the point holds any share count, price or value filed
# (the XSD allows 4 fraction digits; real filings carry more) and a derived value shares x price.
DECIMAL_PRECISION = 38
DECIMAL_SCALE = 10


class ColumnType(StrEnum):
    """A column's logical type; :data:`SQL_TYPES` says what it is in each dialect."""

    TEXT = "text"
    INTEGER = "integer"
    BIGINT = "bigint"
    DECIMAL = "decimal"
    DATE = "date"
    TIMESTAMP = "timestamp"
    BOOLEAN = "boolean"
    BLOB = "blob"


SQL_TYPES: dict[Dialect, dict[ColumnType, str]] = {
    "duckdb": {
        ColumnType.TEXT: "VARCHAR",
        ColumnType.INTEGER: "INTEGER",
        ColumnType.BIGINT: "BIGINT",
        ColumnType.DECIMAL: f"DECIMAL({DECIMAL_PRECISION},{DECIMAL_SCALE})",
        ColumnType.DATE: "DATE",
        ColumnType.TIMESTAMP: "TIMESTAMP",
        ColumnType.BOOLEAN: "BOOLEAN",
        ColumnType.BLOB: "BLOB",
    },
    "postgres": {
        ColumnType.TEXT: "TEXT",
        ColumnType.INTEGER: "INTEGER",
        ColumnType.BIGINT: "BIGINT",
        ColumnType.DECIMAL: f"NUMERIC({DECIMAL_PRECISION},{DECIMAL_SCALE})",
        ColumnType.DATE: "DATE",
        ColumnType.TIMESTAMP: "TIMESTAMP",
        ColumnType.BOOLEAN: "BOOLEAN",
        ColumnType.BLOB: "BYTEA",
    },
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Column:
    """One column: name, logical type, whether it may be NULL, and what it holds."""

    name: str
    type: ColumnType
    nullable: bool = True
    doc: str = ""
    duckdb_compression: str | None = None
    """DuckDB only: the one compression its checkpoints use for this column (``USING COMPRESSION``)
    instead of trying each."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Table:
    """One table: its columns in order and its primary key (empty for row tables, which are bulk
    loaded and keyed by ``(filing_key, row_index)`` by construction, not by an index)."""

    name: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    doc: str = ""

    @property
    def column_names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(c.name for c in self.columns)

    def create_sql(self, dialect: Dialect) -> str:
        """``CREATE TABLE IF NOT EXISTS`` for this table in ``dialect``."""
        types = SQL_TYPES[dialect]
        lines = [
            f"    {c.name} {types[c.type]}{'' if c.nullable else ' NOT NULL'}"
            + (
                f" USING COMPRESSION {c.duckdb_compression}"
                if dialect == "duckdb" and c.duckdb_compression
                else ""
            )
            for c in self.columns
        ]
        if self.primary_key:
            lines.append(f"    PRIMARY KEY ({', '.join(self.primary_key)})")
        body = ",\n".join(lines)
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n{body}\n)"


def col(name: str, type_: ColumnType, doc: str = "", *, nullable: bool = True) -> Column:
    """A column, in the short form the table definitions use."""
    return Column(name=name, type=type_, nullable=nullable, doc=doc)


def leaf(name: str, type_: ColumnType, doc: str = "") -> tuple[Column, Column]:
    """A footnotable leaf: its value and its footnote ids (``<name>_fn``)."""
    return (
        col(name, type_, doc),
        col(f"{name}_fn", ColumnType.TEXT, f"footnote ids attached to {name}, comma-separated"),
    )


KEY = col("filing_key", ColumnType.TEXT, "accession number, else 'sha256:<hex>'", nullable=False)
ROW = col(
    "row_index", ColumnType.INTEGER, "0-based position of the row in its table as filed", nullable=False
)
