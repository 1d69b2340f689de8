"""Persistence: filings into DuckDB (the default, one embedded file) or PostgreSQL, behind one
interface, :class:`~section16.store.base.Store`. :func:`open_store` picks the backend from a path or a
``postgresql://`` URL."""
