"""The embedded store: one DuckDB file (``./section16.duckdb`` by default). A batch of filings is loaded
as one Arrow table per store table inside one transaction (DuckDB's write-ahead log makes it all or
nothing when the process dies)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from section16.errors import ConfigError
from section16.store.base import COMPRESSION, Store, compress
from section16.store.rows import FilingRows
from section16.store.schema import (
    CHILD_TABLES,
    DECIMAL_PRECISION,
    DECIMAL_SCALE,
    FILINGS,
    FINDINGS,
    HOLDINGS_DIRTY,
    RAW_DOCUMENTS,
    REFRESH_CURRENT_SQL,
    REFRESH_ROWS_CURRENT_SQL,
    SCHEMA_VERSION,
    ColumnType,
    Table,
    create_statements,
    fill_statements,
)

__all__ = ["DEFAULT_PATH", "DuckDBStore"]

DEFAULT_PATH = Path("section16.duckdb")
_CHECKPOINT_THRESHOLD = "256MB"

_ARROW_TYPES: dict[ColumnType, pa.DataType] = {
    ColumnType.TEXT: pa.string(),
    ColumnType.INTEGER: pa.int32(),
    ColumnType.BIGINT: pa.int64(),
    ColumnType.DECIMAL: pa.decimal128(DECIMAL_PRECISION, DECIMAL_SCALE),
    ColumnType.DATE: pa.date32(),
    ColumnType.TIMESTAMP: pa.timestamp("us"),
    ColumnType.BOOLEAN: pa.bool_(),
    ColumnType.BLOB: pa.binary(),
}


def _arrow_schema(table: Table) -> pa.Schema:
    return pa.schema([pa.field(c.name, _ARROW_TYPES[c.type]) for c in table.columns])


_SCHEMAS = {t.name: _arrow_schema(t) for t in (FILINGS, *CHILD_TABLES, RAW_DOCUMENTS, HOLDINGS_DIRTY)}


def _arrow(table: Table, rows: Sequence[tuple[Any, ...]]) -> pa.Table:
    schema = _SCHEMAS[table.name]
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in table.columns]
    return pa.Table.from_arrays(
        [pa.array(col, type=f.type) for col, f in zip(columns, schema, strict=True)], schema=schema
    )


class DuckDBStore(Store):
    """A store in one DuckDB file (or ``":memory:"``)."""

    dialect = "duckdb"
    only_writer = True

    def __init__(self, path: str | Path = DEFAULT_PATH) -> None:
        self.path = str(path)
        self._outer = False  # inside write_and_link's transaction
        try:
            self._con = duckdb.connect(self.path)
        except duckdb.Error as exc:
            raise ConfigError(f"{self.path}: cannot open the DuckDB store: {exc}") from exc
        # Checkpoint (WAL into the database file) every 256 MB of log rather than DuckDB's 16 MB: a bulk
        # ingest then writes fuller row groups, less often. The WAL still makes each commit durable.
        self._con.execute(f"SET checkpoint_threshold = '{_CHECKPOINT_THRESHOLD}'")
        # (Asked of the catalog: a SELECT from a missing section16_meta costs 3.6 ms to raise.)
        if not self._con.execute(
            "SELECT 1 FROM duckdb_tables() WHERE database_name = current_database() "
            "AND schema_name = 'main' AND table_name = 'section16_meta'"
        ).fetchall():
            # A new store: everything created by one call, without the ALTERs that bring an older
            # store's tables up (one round trip instead of 44; about 2 ms less).
            self._con.execute(
                "BEGIN; "
                + "; ".join(create_statements("duckdb", new=True))
                + f"; INSERT INTO section16_meta VALUES ('schema_version', '{SCHEMA_VERSION}'); COMMIT"
            )
            return
        self._con.execute("BEGIN")
        for statement in create_statements("duckdb"):
            self._con.execute(statement)
        stored = self._con.execute("SELECT value FROM section16_meta WHERE key = 'schema_version'").fetchall()
        upgraded = bool(stored and stored[0][0] != SCHEMA_VERSION)
        if upgraded:
            # A store written by an older version: its rows get the derived columns added since.
            for statement in fill_statements(stored[0][0]):
                self._con.execute(statement)
        # An INSERT or an UPDATE as the case is, not an upsert: DuckDB's ON CONFLICT costs about 2 ms.
        if not stored:
            self._con.execute("INSERT INTO section16_meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])
        elif upgraded:
            self._con.execute(
                "UPDATE section16_meta SET value = ? WHERE key = 'schema_version'", [SCHEMA_VERSION]
            )
        self._con.execute("COMMIT")
        if upgraded:
            self.refresh_holdings()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """One transaction around the block; inside :meth:`write_and_link`'s own, the block is part of
        that one (DuckDB has no nested transactions: a failure aborts the outer one, rolled back there)."""
        if self._outer:
            yield
            return
        con = self._con
        con.execute("BEGIN")
        try:
            yield
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._con.execute(sql, list(params)).fetchall()

    def _existing(self, column: str, values: Sequence[str]) -> set[str]:
        # A join against an Arrow table: DuckDB plans a long IN (?, ?, ...) list slowly.
        if not values:
            return set()
        probe = pa.table({"v": pa.array(list(values), type=pa.string())})  # noqa: F841  (as in _load)
        rows = self._con.execute(
            f"SELECT DISTINCT f.{column} FROM filings f JOIN probe p ON f.{column} = p.v"
        ).fetchall()
        return {str(r[0]) for r in rows}

    def _load(self, table: Table, rows: Sequence[tuple[Any, ...]], suffix: str = "") -> None:
        if not rows:
            return
        # The Arrow table read by DuckDB's replacement scan of this frame's local of that name (no
        # table in the store is called so): about 0.4 ms a table less than from_arrow().insert_into()
        # and 0.7 ms less than a view registered and dropped around the INSERT.
        arrow_rows = _arrow(table, rows)  # noqa: F841  (read by the SQL)
        self._con.execute(f"INSERT INTO {table.name} SELECT * FROM arrow_rows{suffix}")

    def write_batch(self, batch: Sequence[tuple[FilingRows, bytes | None]], *, replace: bool = False) -> None:
        if not batch:
            return
        gathered: dict[str, list[tuple[Any, ...]]] = {t.name: [] for t in (FILINGS, *CHILD_TABLES)}
        raw: dict[str, tuple[Any, ...]] = {}
        for rows, data in batch:
            for name, table_rows in rows.tables.items():
                gathered[name].extend(table_rows)
            if data is not None and rows.sha256 not in raw:
                raw[rows.sha256] = (rows.sha256, len(data), COMPRESSION, compress(data))
        try:
            # Raw documents by a plain INSERT first: DuckDB's ON CONFLICT check costs about 5 µs a row,
            # and a raw document already stored (the same bytes came before) is rare, as ingest skips
            # filings whose bytes are stored. Should one be there, the batch is rolled back whole and
            # written again with ON CONFLICT DO NOTHING (not inside write_and_link's transaction, which
            # the conflict aborted: that one fails as a whole).
            self._write_batch(batch, gathered, list(raw.values()), replace=replace, raw_conflicts="")
        except duckdb.ConstraintException:
            if self._outer:
                raise
            self._write_batch(
                batch, gathered, list(raw.values()), replace=replace, raw_conflicts=" ON CONFLICT DO NOTHING"
            )

    def _write_batch(
        self,
        batch: Sequence[tuple[FilingRows, bytes | None]],
        gathered: dict[str, list[tuple[Any, ...]]],
        raw: list[tuple[Any, ...]],
        *,
        replace: bool,
        raw_conflicts: str,
    ) -> None:
        """One transaction of :meth:`write_batch`, raw documents inserted with ``raw_conflicts``."""
        con = self._con
        with self._transaction():
            refresh: list[str] = []
            if replace:
                batch_keys = pa.table({"filing_key": [r.key for r, _ in batch]})  # noqa: F841  (as in _load)
                # The filings these amended, and the filings themselves (an amendment of them may be
                # stored): whether each is current is looked at again once the batch is in.
                refresh = [r.key for r, _ in batch] + [
                    str(r[0])
                    for r in con.execute(
                        "SELECT amends_accession FROM filings WHERE amends_accession IS NOT NULL "
                        "AND filing_key IN (SELECT filing_key FROM batch_keys)"
                    ).fetchall()
                ]
                # Their issuers as stored: a reparse may move a filing to another issuer, whose
                # summaries (issuer_activity, purchase_clusters) must then be computed again too.
                con.execute(
                    "INSERT INTO issuers_dirty SELECT DISTINCT issuer_key FROM filings "
                    "WHERE filing_key IN (SELECT filing_key FROM batch_keys)"
                )
                con.execute(
                    "INSERT INTO owners_dirty SELECT DISTINCT LTRIM(rpt_owner_cik, '0') FROM owners "
                    "WHERE rpt_owner_cik IS NOT NULL "
                    "AND filing_key IN (SELECT filing_key FROM batch_keys)"
                )
                for table in (*CHILD_TABLES, FILINGS):
                    where = "filing_key IN (SELECT filing_key FROM batch_keys)"
                    con.execute(f"DELETE FROM {table.name} WHERE {where}")
            self._load(FILINGS, gathered[FILINGS.name])
            for table in CHILD_TABLES:
                self._load(table, gathered[table.name])
            self._load(RAW_DOCUMENTS, raw, raw_conflicts)
            self._refresh_current(refresh)
            # The filings written, and those whose is_current was looked at again: insider_trades
            # carries is_current, so every filing whose is_current may change is marked.
            self._load(HOLDINGS_DIRTY, [(k,) for k in dict.fromkeys([*(r.key for r, _ in batch), *refresh])])

    def set_links(self, links: Sequence[tuple[str, str]]) -> None:
        con = self._con
        with self._transaction():
            before = self._amended_by([amendment for amendment, _ in links])
            # One UPDATE joined to an Arrow table of the links rather than one UPDATE per link: each
            # of those is planned and run on its own (3,230 links of 200,000 synth filings: 1.6 s
            # against 0.01 s). The last link given for an amendment wins, as one by one.
            latest = dict(links)
            link_rows = pa.table(  # noqa: F841  (read by the SQL, as arrow_rows in _load)
                {
                    "filing_key": pa.array(list(latest), type=pa.string()),
                    "original": pa.array(list(latest.values()), type=pa.string()),
                }
            )
            con.execute(
                "UPDATE filings SET amends_accession = l.original FROM link_rows l "
                "WHERE filings.filing_key = l.filing_key"
            )
            touched = [*before, *(original for _, original in links)]
            self._refresh_current(touched)
            self._load(HOLDINGS_DIRTY, [(k,) for k in (*touched, *(a for a, _ in links))])

    def _run_all(self, statements: Sequence[str]) -> None:
        # One transaction for the lot: each statement on its own would commit (and log) by itself.
        with self._transaction():
            for statement in statements:
                self._con.execute(statement)

    def _amended_by(self, keys: Sequence[str]) -> list[str]:
        """The filings that the filings ``keys`` are linked to as amendments of."""
        if not keys:
            return []
        link_keys = pa.table({"filing_key": pa.array(list(keys), type=pa.string())})  # noqa: F841  (as in _load)
        rows = self._con.execute(
            "SELECT amends_accession FROM filings WHERE amends_accession IS NOT NULL "
            "AND filing_key IN (SELECT filing_key FROM link_keys)"
        ).fetchall()
        return [str(r[0]) for r in rows]

    def _refresh_current(self, keys: Sequence[str]) -> None:
        """Set ``filings.is_current`` again for the filings ``keys`` (inside the caller's transaction)."""
        if not keys:
            return
        unique = pa.array(list(dict.fromkeys(keys)), type=pa.string())
        current_keys = pa.table({"filing_key": unique})  # noqa: F841  (read by the SQL, as in _load)
        for sql in (REFRESH_CURRENT_SQL, *REFRESH_ROWS_CURRENT_SQL):
            self._con.execute(sql.format(keys="SELECT filing_key FROM current_keys"))

    def replace_findings(self, keys: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        con = self._con
        with self._transaction():
            findings_keys = pa.table({"filing_key": pa.array(list(keys), type=pa.string())})  # noqa: F841
            con.execute("DELETE FROM findings WHERE filing_key IN (SELECT filing_key FROM findings_keys)")
            self._load(FINDINGS, rows)

    def write_and_link(self, batch: Sequence[tuple[FilingRows, bytes | None]]) -> int:
        # One transaction whose commit is a checkpoint: the rows go into the file once, at the commit,
        # rather than into the write-ahead log then, and into the file again at the close (which then
        # has little left to do); and one commit instead of up to three (batch, links, summaries). DuckDB
        # checkpoints at a commit that takes the log past checkpoint_threshold, and writes no log for
        # that commit when its log would pass auto_checkpoint_skip_wal_threshold (100,000 bytes by
        # default). Only for an ingest's whole: a checkpoint per batch of a longer ingest would rewrite
        # its tables' last row groups each time (see checkpoint_threshold in __init__).
        con = self._con
        con.execute("BEGIN")
        self._outer = True
        try:
            self.write_batch(batch)
            linked = self.link_amendments()
            con.execute("SET checkpoint_threshold = '0B'")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            self._outer = False
            con.execute(f"SET checkpoint_threshold = '{_CHECKPOINT_THRESHOLD}'")
        return linked

    def close(self) -> None:
        self._con.close()
