"""What the web pages and the JSON API show that the reports (:mod:`section16.services.reports`) do not:
the latest filings, one filing as filed (its tables, footnotes, signatures and validation findings), the
search suggestions, an issuer's trades by month and late filings, and an insider's issuers, roles and
holdings over time.

Each function takes a :class:`~section16.store.base.Store` and plain values and returns plain dicts
(JSON-ready after :func:`section16.web.encode.jsonable`). Every value is a bound ``?`` parameter; the SQL
runs unchanged on DuckDB and PostgreSQL (the Store turns ``?`` into psycopg's placeholder, so the SQL
text holds no literal ``%`` or ``?``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from section16.errors import NotFound
from section16.services import reports
from section16.services.reports import tidy
from section16.store import Store

__all__ = [
    "ROW_TABLES",
    "filing",
    "insider_profile",
    "issuer_profile",
    "latest_filings",
    "search",
]

# The filing date, as the reports define it (section16.store.queries): ``filings.filing_date``, derived
# at ingest from the header's FILED AS OF DATE, else the acceptance date, else the latest signature date
# (Form 4 General Instruction 7: the form is signed for filing).
_FILING_DATE = "f.filing_date"

_ISSUER_LATE_LIMIT = 200
"""Most late filings an issuer's page lists (newest first); /late?issuer_cik= lists them all."""

# The four row tables of a filing, in the order of the form (Table I, then Table II).
ROW_TABLES = (
    "non_derivative_transactions",
    "non_derivative_holdings",
    "derivative_transactions",
    "derivative_holdings",
)


def _records(store: Store, sql: str, params: Sequence[Any], columns: Sequence[str]) -> list[dict[str, Any]]:
    return [{c: tidy(v) for c, v in zip(columns, row, strict=True)} for row in store.query(sql, list(params))]


def _select_all(store: Store, table: str, key: str, order: str) -> list[dict[str, Any]]:
    from section16.store.schema import table as table_of

    columns = table_of(table).column_names
    return _records(
        store,
        f"SELECT {', '.join(columns)} FROM {table} WHERE filing_key = ? ORDER BY {order}",
        [key],
        columns,
    )


def _like(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _cik(text: str) -> str:
    return text.strip().lstrip("0") or "0"


def _in_keys(column: str, keys: Sequence[str] | None) -> tuple[str, list[Any]]:
    """`` AND column IN (?, ...)`` and its values for the filing keys a report looked up first
    (:func:`section16.services.reports.filing_keys`): the row tables are then read for those filings
    only. Nothing when there are none to bind (too many: the query reads every row, same answer)."""
    if keys is None:
        return "", []
    return f" AND {column} IN ({', '.join('?' * len(keys)) or 'NULL'})", list(keys)


# --------------------------------------------------------------------------------------------- latest

_LATEST_COLUMNS = (
    "filing_key",
    "accession_number",
    "document_type",
    "filing_date",
    "period_of_report",
    "issuer_cik",
    "issuer_name",
    "ticker",
    "insider",
    "insider_cik",
    "roles",
    "filing_delay_days",
    "findings",
)


def latest_filings(store: Store, *, limit: int = 50, offset: int = 0) -> list[dict[str, Any]]:
    """The newest filings first (amended state): form, dates, issuer, reporting owners, how many
    validation findings the filing has. The owners are the filing's as the reports name them
    (``filings.insider``, ``insider_cik``, ``insider_roles``, derived at ingest); the findings are
    counted for the page's filings only, in a second query that binds their keys."""
    sql = (
        f"SELECT f.filing_key, f.accession_number, f.document_type, {_FILING_DATE} AS "
        f"filing_date, f.period_of_report, LTRIM(f.issuer_cik, '0') AS issuer_cik, f.issuer_name, "
        f"f.ticker, f.insider, LTRIM(f.insider_cik, '0') AS insider_cik, f.insider_roles AS roles, "
        f"f.filing_delay_days, 0 AS findings FROM current_filings f "
        f"ORDER BY filing_date DESC NULLS LAST, f.filing_key DESC LIMIT ? OFFSET ?"
    )
    rows = _records(store, sql, [int(limit), int(offset)], _LATEST_COLUMNS)
    if rows:
        keys = [str(row["filing_key"]) for row in rows]
        counts = dict(
            store.query(
                f"SELECT filing_key, COUNT(*) FROM findings WHERE filing_key IN "
                f"({', '.join('?' * len(keys))}) GROUP BY filing_key",
                keys,
            )
        )
        for row in rows:
            row["findings"] = int(counts.get(row["filing_key"], 0))
    for row in rows:
        row["roles"] = _roles(row["roles"])
    return rows


def _roles(joined: str | None) -> str | None:
    if not joined:
        return None
    found = {r for r in joined.split(",") if r}
    ordered = [r for r in reports.ROLES if r in found] + sorted(found - set(reports.ROLES))
    return ",".join(ordered) or None


# --------------------------------------------------------------------------------------------- filing


def filing(store: Store, key: str) -> dict[str, Any]:
    """One filing as stored: the filings row, its owners, the four row tables (each row with its
    values' footnote ids in ``<name>_fn``), footnotes, signatures, validation findings, the filings
    that amend it and whether its raw document is stored. :class:`NotFound` when there is none."""
    from section16.store.schema import FILINGS

    columns = FILINGS.column_names
    found = _records(
        store,
        f"SELECT {', '.join('f.' + c for c in columns)}, {_FILING_DATE}, "
        f"(SELECT COUNT(*) FROM raw_documents r WHERE r.sha256 = f.sha256) FROM filings f "
        f"WHERE f.filing_key = ?",
        [key],
        (*columns, "filing_date", "raw_stored"),
    )
    if not found:
        raise NotFound(f"filing {key!r}: not in the store")
    head = found[0]
    head["raw_stored"] = bool(head["raw_stored"])
    head["amended_by"] = [
        r[0] for r in store.query("SELECT filing_key FROM filings WHERE amends_accession = ?", [key])
    ]
    return {
        "filing": head,
        "owners": _select_all(store, "owners", key, "owner_index"),
        **{name: _select_all(store, name, key, "row_index") for name in ROW_TABLES},
        "footnotes": _select_all(store, "footnotes", key, "footnote_index"),
        "signatures": _select_all(store, "signatures", key, "signature_index"),
        "findings": _select_all(store, "findings", key, "finding_index"),
    }


def raw_document(store: Store, key: str) -> tuple[str | None, bytes]:
    """The stored source of a filing: its name as read and its original bytes."""
    for raw in store.raw_documents([key]):
        return raw.source_name, raw.data
    raise NotFound(f"filing {key!r}: no raw document stored for it")


# --------------------------------------------------------------------------------------------- search


def search(store: Store, text: str, *, limit: int = 10) -> list[dict[str, Any]]:
    """Suggestions for what a user types: issuers whose ticker starts with it or whose name holds it,
    then reporting owners whose name holds it (or whose CIK it is). Each suggestion has ``kind``
    (issuer or insider), ``label``, ``cik``, ``ticker`` and ``filings``; exact tickers come first."""
    text = text.strip()
    if not text:
        return []
    upper = text.upper()
    pattern = _like(text)
    prefix = _like(text)[1:]  # "text%": a ticker that starts with what was typed
    if store.issuers_fresh():
        # The store's counts per issuer CIK, name and ticker (issuer_names) and per owner CIK and name
        # (owner_names): the same matches and counts without reading every filing and owner row.
        issuers = store.query(
            "SELECT x.issuer_key AS cik, MAX(x.issuer_name), MAX(x.ticker) AS ticker, SUM(x.filings) AS n "
            "FROM issuer_names x WHERE (LOWER(x.ticker) LIKE ? ESCAPE '\\' "
            "OR LOWER(x.issuer_name) LIKE ? ESCAPE '\\' OR x.issuer_key = ?) GROUP BY x.issuer_key "
            "ORDER BY MAX(CASE WHEN x.ticker = ? THEN 1 ELSE 0 END) DESC, n DESC, cik LIMIT ?",
            [prefix, pattern, _cik(text), upper, int(limit)],
        )
        owners = store.query(
            "SELECT x.owner_key AS cik, MAX(x.rpt_owner_name), SUM(x.owners) AS n FROM owner_names x "
            "WHERE (LOWER(x.rpt_owner_name) LIKE ? ESCAPE '\\' OR x.owner_key = ?) "
            "GROUP BY x.owner_key ORDER BY n DESC, cik LIMIT ?",
            [pattern, _cik(text), int(limit)],
        )
    else:
        issuers = store.query(
            "SELECT LTRIM(f.issuer_cik, '0') AS cik, MAX(f.issuer_name), "
            "MAX(UPPER(TRIM(f.issuer_trading_symbol))) AS ticker, COUNT(*) AS n FROM filings f "
            "WHERE f.issuer_cik IS NOT NULL AND (LOWER(TRIM(f.issuer_trading_symbol)) LIKE ? ESCAPE '\\' "
            "OR LOWER(f.issuer_name) LIKE ? ESCAPE '\\' OR LTRIM(f.issuer_cik, '0') = ?) "
            "GROUP BY LTRIM(f.issuer_cik, '0') "
            "ORDER BY MAX(CASE WHEN UPPER(TRIM(f.issuer_trading_symbol)) = ? THEN 1 ELSE 0 END) DESC, "
            "n DESC, cik LIMIT ?",
            [prefix, pattern, _cik(text), upper, int(limit)],
        )
        owners = store.query(
            "SELECT LTRIM(o.rpt_owner_cik, '0') AS cik, MAX(o.rpt_owner_name), COUNT(*) AS n "
            "FROM owners o WHERE o.rpt_owner_cik IS NOT NULL AND (LOWER(o.rpt_owner_name) LIKE ? "
            "ESCAPE '\\' OR LTRIM(o.rpt_owner_cik, '0') = ?) "
            "GROUP BY LTRIM(o.rpt_owner_cik, '0') ORDER BY n DESC, cik LIMIT ?",
            [pattern, _cik(text), int(limit)],
        )
    out: list[dict[str, Any]] = [
        {
            "kind": "issuer",
            "label": f"{ticker} — {name}" if ticker else str(name),
            "cik": cik,
            "ticker": ticker,
            "filings": int(n),
        }
        for cik, name, ticker, n in issuers
    ]
    out += [
        {"kind": "insider", "label": str(name), "cik": cik, "ticker": None, "filings": int(n)}
        for cik, name, n in owners
    ]
    return out[: int(limit)]


# --------------------------------------------------------------------------------------------- issuer


def _month(value: Any) -> date:
    return value.date() if isinstance(value, datetime) else value


def issuer_profile(store: Store, cik: str) -> dict[str, Any]:
    """An issuer: name, ticker and counts; open-market purchases and sales (Table I, P and S) by month;
    its insiders and their latest holdings (the reports'); its recent trades; and its filings that
    validation found late (rule ``deadlines.late``, Exchange Act Section 16(a)(2)), newest first, as the
    late-filings report lists them (at most :data:`_ISSUER_LATE_LIMIT`)."""
    key = _cik(cik)
    # filings.issuer_key is the CIK without its leading zeros where the filing has a CIK.
    head = store.query(
        f"SELECT MAX(f.issuer_name), MAX(f.ticker), COUNT(*), "
        f"MIN({_FILING_DATE}), MAX({_FILING_DATE}) FROM current_filings f "
        f"WHERE f.issuer_key = ? AND f.issuer_cik IS NOT NULL",
        [key],
    )
    if not head or not head[0][2]:
        raise NotFound(f"issuer CIK {cik!r}: no filings in the store")
    name, ticker, count, first, last = head[0]
    keys = reports.filing_keys(store, issuer_cik=key)
    # Rows of current filings: joined to current_filings, the row tables need no current_* view.
    in_keys, key_values = _in_keys("t.filing_key", keys)
    months = store.query(
        "SELECT date_trunc('month', t.transaction_date) AS m, "
        "COALESCE(SUM(CASE WHEN t.transaction_code = 'P' THEN t.transaction_value END), 0), "
        "COALESCE(SUM(CASE WHEN t.transaction_code = 'S' THEN t.transaction_value END), 0), "
        "SUM(CASE WHEN t.transaction_code = 'P' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN t.transaction_code = 'S' THEN 1 ELSE 0 END) "
        "FROM non_derivative_transactions t JOIN current_filings f ON f.filing_key = t.filing_key "
        "WHERE f.issuer_key = ? AND f.issuer_cik IS NOT NULL AND t.transaction_code IN ('P', 'S') "
        f"AND t.transaction_date IS NOT NULL{in_keys} GROUP BY m ORDER BY m",
        [key, *key_values],
    )
    # The late-filings report's rows (every filing as filed: an amendment does not undo lateness), so
    # that this page and /late list the same filings.
    late = reports.late_filings(store, reports.LateFilter(issuer_cik=key, limit=_ISSUER_LATE_LIMIT))
    insiders = reports.insiders(store, reports.InsidersFilter(issuer_cik=key))
    holdings = reports.holdings(store, reports.HoldingsFilter(issuer_cik=key, limit=500))
    trades = reports.trades(store, reports.TradeFilter(issuer_cik=key, limit=50))
    return {
        "issuer": {
            "cik": key,
            "name": name,
            "ticker": ticker,
            "filings": int(count),
            "first_filed": first,
            "last_filed": last,
        },
        "months": [
            {
                "month": _month(m),
                "bought_value": tidy(b),
                "sold_value": tidy(s),
                "purchases": int(p),
                "sales": int(n),
            }
            for m, b, s, p, n in months
        ],
        "insiders": list(insiders.rows),
        "holdings": list(holdings.rows),
        "trades": list(trades.rows),
        "late_filings": list(late.rows),
    }


# -------------------------------------------------------------------------------------------- insider


def insider_profile(store: Store, cik: str) -> dict[str, Any]:
    """A reporting owner: names as filed, per issuer the roles of the latest filing, officer title and
    filing counts; trades across issuers (newest first); and holdings over time: per issuer, security
    and direct/indirect, the shares owned after each Table I row reported, by date."""
    key = _cik(cik)
    # The owner's rows, then their filings looked up by key (DuckDB uses the primary key's index for a
    # short list); rows of superseded filings left out (current_filings).
    owned = store.query(
        "SELECT o.filing_key, o.rpt_owner_name, o.roles, o.officer_title FROM owners o "
        "WHERE LTRIM(o.rpt_owner_cik, '0') = ?",
        [key],
    )
    filings = _current_filings(store, list(dict.fromkeys(str(r[0]) for r in owned)))
    roles = _issuer_roles(owned, filings)
    if not roles:
        raise NotFound(f"insider CIK {cik!r}: no filings in the store")
    names = sorted({str(r["name"]) for r in roles if r["name"]})
    if store.holdings_fresh():
        points = _holding_points(store, key, filings)
    else:
        points = store.query(
            f"SELECT f.ticker, LTRIM(f.issuer_cik, '0'), h.security_title, "
            f"h.direct_or_indirect_ownership, COALESCE(h.transaction_date, {_FILING_DATE}) AS d, "
            f"h.shares_owned_following_transaction, h.filing_key, h.row_index FROM ("
            f"SELECT filing_key, row_index, security_title, direct_or_indirect_ownership, "
            f"transaction_date, shares_owned_following_transaction FROM non_derivative_transactions "
            f"UNION ALL SELECT filing_key, row_index, security_title, direct_or_indirect_ownership, "
            f"CAST(NULL AS DATE), shares_owned_following_transaction FROM non_derivative_holdings) h "
            f"JOIN current_filings f ON f.filing_key = h.filing_key "
            f"WHERE h.shares_owned_following_transaction IS NOT NULL AND EXISTS (SELECT 1 FROM owners o "
            f"WHERE o.filing_key = f.filing_key AND LTRIM(o.rpt_owner_cik, '0') = ?) "
            f"ORDER BY d, h.filing_key, h.row_index",
            [key],
        )
    series: dict[str, dict[str, Any]] = {}
    for ticker, issuer_cik, title, direct, day, shares, _fk, _ri in points:
        label = f"{ticker or issuer_cik} {(title or '').strip()} ({direct or '?'})"
        entry = series.setdefault(label, {"label": label, "issuer_cik": issuer_cik, "points": []})
        pts = entry["points"]
        if pts and pts[-1]["date"] == day:
            pts[-1]["shares"] = tidy(shares)  # the last row of a day is the position that day
        else:
            pts.append({"date": day, "shares": tidy(shares)})
    trades = reports.trades(store, reports.TradeFilter(insider_cik=key, limit=200, sort="trade_date"))
    return {
        "insider": {"cik": key, "names": names},
        "issuers": roles,
        "trades": list(trades.rows),
        "holdings_over_time": list(series.values()),
    }


# How many filing keys one look-up binds: DuckDB looks a short list up in the primary key's index.
_KEYS_PER_LOOKUP = 500


def _current_filings(store: Store, keys: Sequence[str]) -> dict[str, tuple[Any, ...]]:
    """The current filings among ``keys`` (``filings.is_current`` not false, as ``current_filings``):
    key -> (issuer CIK without leading zeros, issuer name, ticker, filing date)."""
    found: dict[str, tuple[Any, ...]] = {}
    for start in range(0, len(keys), _KEYS_PER_LOOKUP):
        chunk = list(keys[start : start + _KEYS_PER_LOOKUP])
        for row in store.query(
            f"SELECT f.filing_key, LTRIM(f.issuer_cik, '0'), f.issuer_name, f.ticker, {_FILING_DATE}, "
            f"f.is_current FROM filings f WHERE f.filing_key IN ({', '.join('?' * len(chunk))})",
            chunk,
        ):
            if row[-1] is not False:
                found[str(row[0])] = row[1:-1]
    return found


def _issuer_roles(
    owned: Sequence[Sequence[Any]], filings: dict[str, tuple[Any, ...]]
) -> list[dict[str, Any]]:
    """Per issuer of the owner's current filings: the owner's name, roles and officer title in the
    latest filing (by filing date, then key), how many of its owner rows, the first and last filing
    date; the latest issuer first."""
    by_issuer: dict[Any, list[tuple[Any, ...]]] = {}
    for filing_key, name, roles, title in owned:
        filing = filings.get(str(filing_key))
        if filing is not None:
            issuer_cik, issuer_name, ticker, filed = filing
            by_issuer.setdefault(issuer_cik, []).append(
                (filed, str(filing_key), issuer_name, ticker, name, roles, title)
            )
    out = []
    for issuer_cik, rows in by_issuer.items():
        # Latest first, filings without a date last (ORDER BY filing_date DESC NULLS LAST, key DESC).
        latest = max(rows, key=lambda r: (r[0] is not None, r[0] or date.min, r[1]))
        dated = [r[0] for r in rows if r[0] is not None]
        out.append(
            {
                "issuer_cik": issuer_cik,
                "issuer_name": latest[2],
                "ticker": latest[3],
                "name": latest[4],
                "roles": latest[5],
                "officer_title": latest[6],
                "filings": len(rows),
                "first_filed": min(dated) if dated else None,
                "last_filed": latest[0],
            }
        )
    out.sort(key=lambda r: (r["issuer_cik"] is None, r["issuer_cik"] or ""))
    out.sort(key=lambda r: r["last_filed"] or date.min, reverse=True)
    out.sort(key=lambda r: r["last_filed"] is None)
    return out


def _holding_points(store: Store, key: str, filings: dict[str, tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The owner's Table I positions over time, as the one query over every row gives them: the
    shares owned after each transaction (read from ``insider_trades``, where the store keeps one
    owner's rows together) and each holding row (looked up by the owner's current filing keys), by
    date (the trade date, else the filing date), filing and row."""
    points: list[tuple[Any, ...]] = []
    for filing_key, row_index, title, direct, day, shares in store.query(
        "SELECT DISTINCT t.filing_key, t.row_index, t.security_title, t.direct_or_indirect_ownership, "
        "COALESCE(t.trade_date, t.filing_date), t.owned_after FROM insider_trades t "
        "WHERE t.owner_key = ? AND t.tbl = 'I' AND t.owned_after IS NOT NULL",
        [key],
    ):
        filing = filings.get(str(filing_key))
        if filing is not None:
            points.append((filing[2], filing[0], title, direct, day, shares, filing_key, row_index))
    keys = list(filings)
    for start in range(0, len(keys), _KEYS_PER_LOOKUP):
        chunk = keys[start : start + _KEYS_PER_LOOKUP]
        marks = ", ".join("?" * len(chunk))
        for filing_key, row_index, title, direct, shares in store.query(
            "SELECT h.filing_key, h.row_index, h.security_title, h.direct_or_indirect_ownership, "
            "h.shares_owned_following_transaction FROM non_derivative_holdings h WHERE "
            f"h.shares_owned_following_transaction IS NOT NULL AND h.filing_key IN ({marks})",
            chunk,
        ):
            filing = filings[str(filing_key)]
            points.append((filing[2], filing[0], title, direct, filing[3], shares, filing_key, row_index))
    # ORDER BY d, filing_key, row_index (dates are never NULL here unless the filing has none: last).
    points.sort(key=lambda p: (p[4] is None, p[4] or date.min, str(p[6]), p[7]))
    return points
