"""The pieces every report's SQL is built from (:mod:`section16.store.queries`): :class:`Query`, the
binder that hands out placeholders, where the reports read from (amended state or as filed), and the
conditions shared by several reports (issuer, owner, ranges, bound filing keys)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from section16.store.schema import Dialect


@dataclass(frozen=True, slots=True)
class Query:
    """SQL text, the values bound to its placeholders (in order) and the names of its result columns."""

    sql: str
    params: tuple[Any, ...] = ()
    columns: tuple[str, ...] = ()


class _Binder:
    """Collects bound values and hands out the dialect's placeholder for each."""

    def __init__(self, dialect: Dialect) -> None:
        self.dialect = dialect
        self.values: list[Any] = []

    def __call__(self, value: Any) -> str:
        self.values.append(value)
        # ``?`` in every dialect: Store.query turns it into psycopg's ``%s`` for PostgreSQL, so the SQL
        # text must hold no other ``?`` nor ``%`` (LIKE patterns are bound values).
        return "?"


def _like_pattern(text: str) -> str:
    """``%text%`` for a case-insensitive substring match, with LIKE's wildcards in ``text`` escaped."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _contains(bind: _Binder, expr: str, text: str) -> str:
    """``expr`` (lower-case text) holds ``text``, case-insensitively: ``LIKE '%text%'``, with an ESCAPE
    clause only where ``text`` holds one of LIKE's wildcards or the escape character. Without it DuckDB
    runs the LIKE as a substring search (over a column's dictionary where it is compressed so), about
    30 times faster than ``like_escape`` on 10M rows; the patterns match the same rows, as neither
    holds an escape then (PostgreSQL's default escape character is the backslash, which is escaped)."""
    if any(c in text for c in "%_\\"):
        return f"{expr} LIKE {bind(_like_pattern(text))} ESCAPE '\\'"
    return f"{expr} LIKE {bind(_like_pattern(text))}"


def _cik(text: str) -> str:
    """A CIK without its leading zeros: filers write ``0000320193`` and ``320193`` for the same one."""
    return text.strip().lstrip("0") or "0"


# The filing date: ``filings.filing_date``, derived at ingest (section16.store.rows): the header's FILED
# AS OF DATE, else the acceptance date, else (a bare XML document, which carries no filing date) the
# latest signature date, which Form 4 General Instruction 7 makes the day the form is signed for filing.
_FILING_DATE = "f.filing_date"
# A ticker as users type it: filers write "aapl", " AAPL" and "AAPL"; ``filings.ticker`` holds it
# upper-cased and trimmed, and ``filings.issuer_key`` the CIK without its leading zeros (else the
# ticker), both derived at ingest (schema.ISSUER_KEY_SQL), so lookups and groupings compare a stored
# column instead of computing a function of every filing.


def _views(current: bool, *, rows_current: bool = False) -> dict[str, str]:
    """Where each report reads from: the ``current_filings`` view for the amended state, and the row
    tables themselves. A row joined to ``current_filings`` is a row of a current filing, which is all
    the ``current_*`` row views check, so rows go through those views (an anti-join of every row) only
    where they are used before the join (``rows_current``: the screener's sort-then-join path)."""
    prefix = "current_" if current else ""
    rows_prefix = prefix if rows_current else ""
    return {
        "filings": f"{prefix}filings",
        **{
            name: f"{rows_prefix}{name}"
            for name in (
                "owners",
                "non_derivative_transactions",
                "derivative_transactions",
                "non_derivative_holdings",
                "derivative_holdings",
            )
        },
    }


def _filings_cte(current: bool, extra: str = "") -> str:
    v = _views(current)
    return (
        f"SELECT f.filing_key, f.accession_number, f.document_type, f.is_amendment, f.aff10b5_one, "
        f"f.issuer_cik, f.issuer_key, f.issuer_name, f.ticker, f.owner_ciks, f.filing_delay_days, "
        f"{_FILING_DATE} AS filing_date, f.insider, f.insider_cik, f.insider_roles{extra} "
        f"FROM {v['filings']} f"
    )


def _owner_filter(
    bind: _Binder,
    conditions: list[str],
    *,
    current: bool,
    name: str | None,
    cik: str | None,
    roles: tuple[str, ...],
    key: str = "f.filing_key",
) -> None:
    """Conditions that a filing has a reporting owner with this name, CIK and any of these roles."""
    owner: list[str] = []
    if name:
        owner.append(_contains(bind, "LOWER(o.rpt_owner_name)", name))
    if cik:
        owner.append(f"LTRIM(o.rpt_owner_cik, '0') = {bind(_cik(cik))}")
    if roles:
        # owners.roles is "CEO,Dir": match whole items.
        owner.append(
            "(" + " OR ".join(f"(',' || o.roles || ',') LIKE {bind(f'%,{r},%')}" for r in roles) + ")"
        )
    if owner:
        table = _views(current)["owners"]
        conditions.append(
            f"EXISTS (SELECT 1 FROM {table} o WHERE o.filing_key = {key} AND {' AND '.join(owner)})"
        )


def _range(bind: _Binder, conditions: list[str], expr: str, low: Any, high: Any) -> None:
    if low is not None:
        conditions.append(f"{expr} >= {bind(low)}")
    if high is not None:
        conditions.append(f"{expr} <= {bind(high)}")


def _issuer(bind: _Binder, conditions: list[str], ticker: str | None, issuer_cik: str | None) -> None:
    if ticker:
        conditions.append(f"f.ticker = {bind(ticker.strip().upper())}")
    if issuer_cik:
        # issuer_key is the CIK without leading zeros where the filing has a CIK.
        conditions.append(f"f.issuer_key = {bind(_cik(issuer_cik))} AND f.issuer_cik IS NOT NULL")


def _where(conditions: list[str]) -> str:
    return f" WHERE {' AND '.join(conditions)}" if conditions else ""


# At most this many filing keys are bound as a list of values (:func:`filing_keys_query`); more, and the
# report runs without them (the same answer, scanning every row).
MAX_BOUND_KEYS = 5000


def _keys(bind: _Binder, conditions: list[str], column: str, keys: Sequence[str] | None) -> None:
    """``column IN (k1, k2, ...)`` for the filing keys ``keys`` (None: no condition). A list of values
    is a filter the database applies while it scans the row table, reading the other columns only for
    the rows that match; a join or ``IN (subquery)`` reads every row first."""
    if keys is not None:
        marks = ", ".join(bind(k) for k in keys) if keys else "NULL"
        conditions.append(f"{column} IN ({marks})")
