"""The PostgreSQL store (psycopg 3, ``postgresql://...``). A batch of filings is loaded with ``COPY`` per
table inside one transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from section16.errors import ConfigError
from section16.store.base import COMPRESSION, Store, compress
from section16.store.rows import FilingRows
from section16.store.schema import (
    CHILD_TABLES,
    FILINGS,
    FINDINGS,
    HOLDINGS_DIRTY,
    REFRESH_CURRENT_SQL,
    REFRESH_ROWS_CURRENT_SQL,
    SCHEMA_VERSION,
    Table,
    create_statements,
    fill_statements,
)

__all__ = ["PostgresStore"]


class PostgresStore(Store):
    """A store in a PostgreSQL database named by a ``postgresql://`` URL (libpq conninfo)."""

    dialect = "postgres"

    def __init__(self, url: str) -> None:
        import psycopg

        self.url = url
        try:
            self._con = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise ConfigError(f"{_redact(url)}: cannot connect to PostgreSQL: {exc}".strip()) from exc
        # The reports are short queries over indexes whose estimated costs can still pass the JIT
        # threshold: compiling them took 1.3 s where running them took 7 ms (insiders of one issuer,
        # 1.7M rows). This session never asks for JIT.
        self._con.execute(b"SET jit = off")
        with self._con.transaction(), self._con.cursor() as cur:
            # Two processes creating the schema at once would race on the catalog: serialise them.
            cur.execute("SELECT pg_advisory_xact_lock(16016)")
            for statement in create_statements("postgres"):
                cur.execute(statement.encode())
            cur.execute(b"SELECT value FROM section16_meta WHERE key = 'schema_version'")
            stored = cur.fetchall()
            upgraded = bool(stored and stored[0][0] != SCHEMA_VERSION)
            if upgraded:
                # A store written by an older version: its rows get the derived columns added since.
                for statement in fill_statements(stored[0][0]):
                    cur.execute(statement.encode())
            cur.execute(
                "INSERT INTO section16_meta VALUES ('schema_version', %s) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [SCHEMA_VERSION],
            )
        if upgraded:
            self.refresh_holdings()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._con.transaction(), self._con.cursor() as cur:
            cur.execute(sql.replace("?", "%s").encode(), list(params))
            return cur.fetchall() if cur.description is not None else []

    def _copy(self, cur: Any, table: Table, rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        with cur.copy(f"COPY {table.name} ({', '.join(table.column_names)}) FROM STDIN".encode()) as copy:
            for row in rows:
                copy.write_row(row)

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
        keys = [r.key for r, _ in batch]
        with self._con.transaction(), self._con.cursor() as cur:
            refresh: list[str] = []
            if replace:
                # The filings these amended, and the filings themselves (an amendment of them may be
                # stored): whether each is current is looked at again once the batch is in.
                cur.execute(
                    b"SELECT amends_accession FROM filings WHERE amends_accession IS NOT NULL "
                    b"AND filing_key = ANY(%s)",
                    [keys],
                )
                refresh = keys + [str(r[0]) for r in cur.fetchall()]
                # Their issuers as stored: a reparse may move a filing to another issuer, whose
                # summaries (issuer_activity, purchase_clusters) must then be computed again too.
                cur.execute(
                    b"INSERT INTO issuers_dirty SELECT DISTINCT issuer_key FROM filings "
                    b"WHERE filing_key = ANY(%s)",
                    [keys],
                )
                cur.execute(
                    b"INSERT INTO owners_dirty SELECT DISTINCT LTRIM(rpt_owner_cik, '0') FROM owners "
                    b"WHERE rpt_owner_cik IS NOT NULL AND filing_key = ANY(%s)",
                    [keys],
                )
                for table in (*CHILD_TABLES, FILINGS):
                    cur.execute(f"DELETE FROM {table.name} WHERE filing_key = ANY(%s)".encode(), [keys])
            self._copy(cur, FILINGS, gathered[FILINGS.name])
            for table in CHILD_TABLES:
                self._copy(cur, table, gathered[table.name])
            if raw:
                cur.executemany(
                    "INSERT INTO raw_documents VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING",
                    list(raw.values()),
                )
            self._refresh_current(cur, refresh)
            # The filings written, and those whose is_current was looked at again: insider_trades
            # carries is_current, so every filing whose is_current may change is marked.
            self._copy(cur, HOLDINGS_DIRTY, [(k,) for k in dict.fromkeys([*keys, *refresh])])

    def set_links(self, links: Sequence[tuple[str, str]]) -> None:
        with self._con.transaction(), self._con.cursor() as cur:
            cur.execute(
                b"SELECT amends_accession FROM filings WHERE amends_accession IS NOT NULL "
                b"AND filing_key = ANY(%s)",
                [[amendment for amendment, _ in links]],
            )
            before = [str(r[0]) for r in cur.fetchall()]
            cur.executemany(
                "UPDATE filings SET amends_accession = %s WHERE filing_key = %s",
                [(original, amendment) for amendment, original in links],
            )
            touched = [*before, *(original for _, original in links)]
            self._refresh_current(cur, touched)
            self._copy(cur, HOLDINGS_DIRTY, [(k,) for k in (*touched, *(a for a, _ in links))])

    def _refresh_current(self, cur: Any, keys: Sequence[str]) -> None:
        """Set ``filings.is_current`` again for the filings ``keys`` (inside the caller's transaction)."""
        if keys:
            for statement in (REFRESH_CURRENT_SQL, *REFRESH_ROWS_CURRENT_SQL):
                sql = statement.format(keys="SELECT unnest(%s::text[])")
                cur.execute(sql.encode(), [list(dict.fromkeys(keys))])

    def replace_findings(self, keys: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
        with self._con.transaction(), self._con.cursor() as cur:
            cur.execute(b"DELETE FROM findings WHERE filing_key = ANY(%s)", [list(keys)])
            self._copy(cur, FINDINGS, rows)

    def close(self) -> None:
        self._con.close()


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        user = creds.split(":", 1)[0]
        return f"{scheme}://{user}@{host}"
    return url
