"""Persistence: filings into DuckDB (the default, one embedded file) or PostgreSQL, behind one
interface, :class:`~section16.store.base.Store`. :func:`open_store` picks the backend from a path or a
``postgresql://`` URL."""

from __future__ import annotations

import os

from section16.store.base import RawDocument, Store
from section16.store.rows import FilingRows, filing_key, filing_rows

__all__ = ["FilingRows", "RawDocument", "Store", "filing_key", "filing_rows", "open_store"]


def open_store(db: str | os.PathLike[str] | None = None) -> Store:
    """The store ``db`` names: a ``postgresql://`` (or ``postgres://``) URL, else a DuckDB file path;
    ``./section16.duckdb`` when None."""
    target = os.fspath(db) if db is not None else None
    if target is not None and target.startswith(("postgresql://", "postgres://")):
        from section16.store.postgres import PostgresStore

        return PostgresStore(target)
    from section16.store.duckdb import DEFAULT_PATH, DuckDBStore

    return DuckDBStore(target if target is not None else DEFAULT_PATH)
