"""The SQL of the late-filings report: who filed late, from the validation findings the store keeps.

A filing is late when validation found it filed after its due date (rule ``deadlines.late``; Exchange Act
Section 16(a)(2) and Rule 16a-3, Rule 0-3 for a due date that is not a business day, Regulation S-T Rule
13(a)(4) for when a submission counts as filed; spec.md section 4). The rule measures from EDGAR's
acceptance time where the submission header gives it (an ``error``) and only from the signature date
where it does not (a bare XML: a ``warning``). Its message says when the form was due and why. The
findings are computed at ingest (``section16 ingest`` validates unless ``--no-validate``) and refreshed by
``section16 validate --db``.

The report reads one row per late filing, or one row per insider or per issuer with counts of late
filings. ``days_to_file`` is the number of calendar days from the filing's earliest transaction (else its
period of report: a Form 3's event) to its filing date; a group shows its longest. A joint filing's
owners together are one insider.

Unlike the other reports this one reads every filing as filed, not the amended state: lateness is a fact
of the original filing, which an amendment does not undo (and an amendment has no due date of its own, so
no late finding). An amendment that corrects a transaction date leaves the original's finding as it was
measured on the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from section16.errors import QueryError
from section16.store._query_parts import (
    Query,
    _Binder,
    _issuer,
    _owner_filter,
    _range,
    _where,
)
from section16.store.schema import LATE_FILINGS_SQL, LATE_ROWS_SQL, LATE_RULE, Dialect

__all__ = [
    "LATE_GROUPS",
    "LATE_RULE",
    "LATE_SORTS",
    "LateFilter",
    "late_query",
    "late_rebuild_statements",
    "late_refresh_statements",
]

LATE_GROUPS = ("filing", "insider", "issuer")

# Sort keys per grouping -> the output column (fixed text: a caller's word never reaches the SQL).
LATE_SORTS: dict[str, dict[str, str]] = {
    "filing": {"filing_date": "filing_date", "days": "days_to_file", "ticker": "ticker"},
    "insider": {"late": "late_filings", "days": "days_to_file", "last": "last_late_date", "name": "insider"},
    "issuer": {"late": "late_filings", "days": "days_to_file", "last": "last_late_date", "ticker": "ticker"},
}
_DEFAULT_SORT = {"filing": "filing_date", "insider": "late", "issuer": "late"}

_FILING_OUT = (
    "filing_date", "ticker", "issuer_name", "issuer_cik", "insider", "insider_cik", "roles", "form",
    "start_date", "days_to_file", "severity", "message", "accession_number", "filing_key",
)  # fmt: skip
_INSIDER_OUT = (
    "insider", "insider_cik", "roles", "late_filings", "errors", "issuers", "tickers", "days_to_file",
    "first_late_date", "last_late_date",
)  # fmt: skip
_ISSUER_OUT = (
    "ticker", "issuer_name", "issuer_cik", "late_filings", "errors", "insiders", "days_to_file",
    "first_late_date", "last_late_date",
)  # fmt: skip


_FILING_SELECT = (
    "l.filing_date", "l.ticker", "l.issuer_name", "l.issuer_cik", "l.insider", "l.insider_cik", "l.roles",
    "l.document_type AS form", "l.start_date", "l.days_to_file", "l.severity", "l.message",
    "l.accession_number", "l.filing_key",
)  # fmt: skip
# A group's sort key, by sort name.
_GROUP_KEYS = {
    "late": "COUNT(*)",
    "days": "MAX(l.days_to_file)",
    "last": "MAX(l.filing_date)",
    "name": "MAX(l.insider)",
    "ticker": "MAX(l.ticker)",
}
_COMMON_AGGREGATES = (
    "COUNT(*) AS late_filings, SUM(CASE WHEN l.severity = 'error' THEN 1 ELSE 0 END) AS errors, "
    "MAX(l.days_to_file) AS days_to_file, MIN(l.filing_date) AS first_late_date, "
    "MAX(l.filing_date) AS last_late_date"
)
_INSIDER_AGGREGATES = (
    "MAX(l.insider) AS insider, MAX(l.insider_cik) AS insider_cik, MAX(l.roles) AS roles, "
    "COUNT(DISTINCT l.issuer_key) AS issuers, STRING_AGG(DISTINCT l.ticker, ', ' ORDER BY l.ticker) "
    f"AS tickers, {_COMMON_AGGREGATES}"
)
_ISSUER_AGGREGATES = (
    "MAX(l.ticker) AS ticker, MAX(l.issuer_name) AS issuer_name, MAX(l.issuer_cik) AS issuer_cik, "
    f"COUNT(DISTINCT COALESCE(l.owner_ciks, l.filing_key)) AS insiders, {_COMMON_AGGREGATES}"
)


@dataclass(frozen=True, slots=True, kw_only=True)
class LateFilter:
    """Which late filings, and how grouped: ``by`` is ``filing`` (one row each), ``insider`` or
    ``issuer``. ``errors_only`` keeps the filings found late from EDGAR's acceptance time (severity
    ``error``), leaving out those measured only from a signature date (``warning``)."""

    filed_from: date | None = None
    filed_to: date | None = None
    ticker: str | None = None
    issuer_cik: str | None = None
    insider: str | None = None
    insider_cik: str | None = None
    roles: tuple[str, ...] = ()
    forms: tuple[int, ...] = ()  # 3, 4, 5 (an amendment counts as its form)
    min_days: int | None = None  # calendar days from the earliest transaction to the filing, at least
    errors_only: bool = False
    by: str = "filing"
    sort: str | None = None  # None: newest first per filing, most late filings first per group
    ascending: bool = False
    limit: int | None = 100


def late_refresh_statements(*, whole: bool = False) -> list[str]:
    """The statements that bring ``late_filings`` up to date for the filings in ``holdings_dirty`` (run by
    ``Store.refresh_holdings`` before it clears that queue). ``whole``: every stored filing is pending
    and ``late_filings`` is empty (a store's first refresh): it is filled from every filing, with
    nothing to delete."""
    if whole:
        return [LATE_FILINGS_SQL.format(keys="SELECT filing_key FROM filings")]
    dirty = "SELECT filing_key FROM holdings_dirty"
    return [
        f"DELETE FROM late_filings WHERE filing_key IN ({dirty})",
        LATE_FILINGS_SQL.format(keys=dirty) + f" WHERE f.filing_key IN ({dirty})",
    ]


def late_rebuild_statements() -> list[str]:
    """The statements that fill ``late_filings`` again from every stored finding (after ``section16
    validate --db`` replaced them)."""
    return ["DELETE FROM late_filings", LATE_FILINGS_SQL.format(keys="SELECT filing_key FROM filings")]


def _computed() -> str:
    """The rows ``late_filings`` holds, computed from the findings and filings themselves."""
    return LATE_ROWS_SQL.format(keys="SELECT filing_key FROM filings")


def late_query(dialect: Dialect, flt: LateFilter, *, stored: bool = False) -> Query:
    """Late filings (or insiders, or issuers, by ``flt.by``) with the filters of ``flt``, every value
    bound as a parameter. With ``stored`` (only while the store's derived tables are fresh) they are read
    from ``late_filings``: the same answer without scanning every finding and filing."""
    if flt.by not in LATE_GROUPS:
        raise QueryError(f"unknown grouping {flt.by!r}; one of {', '.join(LATE_GROUPS)}")
    sorts = LATE_SORTS[flt.by]
    sort = flt.sort or _DEFAULT_SORT[flt.by]
    if sort not in sorts:
        raise QueryError(f"unknown sort {sort!r} for late filings by {flt.by}; one of {', '.join(sorts)}")
    bind = _Binder(dialect)
    cond: list[str] = []
    _range(bind, cond, "f.filing_date", flt.filed_from, flt.filed_to)
    _issuer(bind, cond, flt.ticker, flt.issuer_cik)
    _owner_filter(bind, cond, current=False, name=flt.insider, cik=flt.insider_cik, roles=flt.roles)
    if flt.forms:
        forms = ", ".join(bind(str(int(form))) for form in flt.forms)
        cond.append(f"SUBSTR(f.document_type, 1, 1) IN ({forms})")
    if flt.min_days is not None:
        cond.append(f"f.days_to_file >= {bind(int(flt.min_days))}")
    if flt.errors_only:
        cond.append("f.severity = 'error'")
    source = "late_filings" if stored else f"({_computed()})"
    base = f"SELECT * FROM {source} f{_where(cond)}"
    direction = "ASC" if flt.ascending else "DESC"
    if flt.by == "filing":
        order = f"ORDER BY {sorts[sort]} {direction} NULLS LAST, filing_date DESC, filing_key DESC"
        limit = f" LIMIT {bind(int(flt.limit))}" if flt.limit is not None else ""
        sql = f"SELECT {', '.join(_FILING_SELECT)} FROM ({base}) l {order}{limit}"
        return Query(sql, tuple(bind.values), _FILING_OUT)
    # A group: an insider (a joint filing's owners together: the filing's sorted owner CIKs) or an issuer.
    # The groups to show are chosen first, on their sort key alone; only theirs are aggregated in full
    # (counting distinct issuers and listing tickers is the dear part).
    group = (
        "COALESCE(l.owner_ciks, l.filing_key)"
        if flt.by == "insider"
        else "COALESCE(l.issuer_key, l.filing_key)"
    )
    limit = f" LIMIT {bind(int(flt.limit))}" if flt.limit is not None else ""
    order = f"ORDER BY k {direction} NULLS LAST, last_late_date DESC, grp"
    top = (
        f"SELECT {group} AS grp, {_GROUP_KEYS[sort]} AS k, MAX(l.filing_date) AS last_late_date FROM l "
        f"GROUP BY {group} {order}{limit}"
    )
    columns = _INSIDER_OUT if flt.by == "insider" else _ISSUER_OUT
    aggregates = _INSIDER_AGGREGATES if flt.by == "insider" else _ISSUER_AGGREGATES
    # l is read twice. PostgreSQL would write it out to a temporary file first (57 MB for the 205,440
    # late filings of the 10M-row store: 217 ms instead of 173): it is to read the table twice instead.
    inline = " NOT MATERIALIZED" if dialect == "postgres" else ""
    sql = (
        f"WITH l AS{inline} ({base}) SELECT {', '.join(columns)} FROM (SELECT t.grp, MAX(t.k) AS k, "
        f"{aggregates} FROM l JOIN ({top}) t ON t.grp = {group} GROUP BY t.grp) r {order}"
    )
    return Query(sql, tuple(bind.values), columns)
