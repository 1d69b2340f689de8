"""The store as the web server holds it: opened read-only where the backend allows it (a DuckDB file with
``read_only=True``, so an ingest elsewhere is never blocked by a half-written server transaction and the
server cannot write), and every query serialized through one lock, because one DuckDB or psycopg
connection must not run two statements at once from the server's worker threads."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from section16.errors import ConfigError, NotFound, QueryError
from section16.store import Store
from section16.store.rows import FilingRows

__all__ = ["SharedStore", "open_shared_store"]


class SharedStore(Store):
    """A read-only view of another store (or of a read-only DuckDB connection) that many threads may
    query; :meth:`write_batch` and :meth:`set_links` raise :class:`QueryError`."""

    def __init__(self, *, inner: Store | None = None, duckdb_path: str | None = None) -> None:
        self._lock = threading.Lock()
        self._inner = inner
        self._con: Any = None
        if duckdb_path is not None:
            import duckdb

            try:
                self._con = duckdb.connect(duckdb_path, read_only=True)
            except duckdb.Error as exc:
                raise ConfigError(f"{duckdb_path}: cannot open the store read-only: {exc}") from exc
            self.dialect = "duckdb"
        elif inner is not None:
            self.dialect = inner.dialect
        else:
            raise ConfigError("SharedStore needs a store or a DuckDB path")
        self.target = duckdb_path

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            if self._con is not None:
                result: list[tuple[Any, ...]] = self._con.execute(sql, list(params)).fetchall()
                return result
            assert self._inner is not None
            return self._inner.query(sql, params)

    def write_batch(self, batch: Sequence[tuple[FilingRows, bytes | None]], *, replace: bool = False) -> None:
        raise QueryError("the web server holds the store read-only; ingest with `section16 ingest`")

    def set_links(self, links: Sequence[tuple[str, str]]) -> None:
        raise QueryError("the web server holds the store read-only; ingest with `section16 ingest`")

    def replace_findings(self, keys: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        raise QueryError("the web server holds the store read-only; validate with `section16 validate`")

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None
            if self._inner is not None:
                self._inner.close()
                self._inner = None


def open_shared_store(db: str | os.PathLike[str] | None) -> SharedStore:
    """The store ``db`` names (a DuckDB file, ``./section16.duckdb`` when None, or a
    ``postgresql://`` URL) for the server. Raises :class:`NotFound` when the DuckDB file is not there
    rather than create an empty one."""
    target = os.fspath(db) if db is not None else "section16.duckdb"
    if target.startswith(("postgresql://", "postgres://")):
        from section16.services.reports import open_report_store

        return SharedStore(inner=open_report_store(target))
    if not Path(target).is_file():
        raise NotFound(f"{target}: no store there; create one with `section16 ingest PATH --db {target}`")
    _upgrade(target)
    return SharedStore(duckdb_path=target)


def _upgrade(path: str) -> None:
    """Bring a DuckDB store written by an older version up to this version's schema before the server
    opens it read-only (the reports read columns and tables added since): opened read-write once, it
    is upgraded as :class:`~section16.store.duckdb.DuckDBStore` does on every read-write open. A store
    of this version is not touched; one that another process holds gives :class:`ConfigError`."""
    import duckdb

    from section16.store.duckdb import DuckDBStore
    from section16.store.schema import SCHEMA_VERSION

    try:
        with duckdb.connect(path, read_only=True) as con:
            stored = con.execute("SELECT value FROM section16_meta WHERE key = 'schema_version'").fetchall()
    except duckdb.Error:
        return  # not a store this version can tell: opening it read-only reports the problem
    if stored and stored[0][0] != SCHEMA_VERSION:
        DuckDBStore(path).close()
