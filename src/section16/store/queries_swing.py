"""The SQL of the short-swing report (Section 16(b), spec.md section 9): the open-market purchases and
sales (codes P and S, Table I) that could be matched against each other, with the price and the filing
they come from. The matching itself is arithmetic over those rows (``section16.services.short_swing``).

The rows come per *match group*: one issuer (``issuer_key``), one insider (the filing's owner group,
``filings.owner_ciks``, as in every report: see :mod:`section16.store.queries`) and one class of
security (its title upper-cased and trimmed), and only groups that hold both a purchase and a sale are
read at all. Rows without a trade date, a positive number of shares or a price cannot be matched and
are left out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from section16.errors import QueryError
from section16.store._query_parts import (
    Query,
    _Binder,
    _filings_cte,
    _issuer,
    _keys,
    _owner_filter,
    _range,
    _views,
    _where,
)
from section16.store.schema import Dialect

SHORT_SWING_GROUPINGS = ("pair", "insider")
SHORT_SWING_SORTS = ("profit", "date", "ticker")

# The columns of short_swing_trades_query's rows, in order: the match group, then the trade.
SWING_TRADE_COLUMNS = (
    "issuer_key",
    "insider_group",
    "security",
    "code",
    "trade_date",
    "shares",
    "price",
    "filing_key",
    "row_index",
)
# The columns of short_swing_names_query's rows: the match group, then how it is shown.
SWING_NAME_COLUMNS = (
    "issuer_key",
    "insider_group",
    "security",
    "ticker",
    "issuer_name",
    "issuer_cik",
    "insider",
    "insider_cik",
    "security_title",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ShortSwingFilter:
    """Short-swing profits: which trades are matched (an issuer, an insider, a trade-date range; the
    amended state unless ``current`` is False), how the answer is given (one row per matched pair, or
    ``by="insider"``: one per insider, issuer and security), the smallest profit shown, sort and limit."""

    ticker: str | None = None
    issuer_cik: str | None = None
    insider: str | None = None
    insider_cik: str | None = None
    roles: tuple[str, ...] = ()
    traded_from: date | None = None
    traded_to: date | None = None
    min_profit: Decimal | None = None
    by: str = "pair"
    current: bool = True
    sort: str = "profit"
    limit: int | None = 100


def _check(flt: ShortSwingFilter) -> None:
    if flt.by not in SHORT_SWING_GROUPINGS:
        raise QueryError(f"unknown grouping {flt.by!r}; one of {', '.join(SHORT_SWING_GROUPINGS)}")
    if flt.sort not in SHORT_SWING_SORTS:
        raise QueryError(f"unknown sort {flt.sort!r}; one of {', '.join(SHORT_SWING_SORTS)}")
    if flt.limit is not None and flt.limit < 0:
        raise QueryError("limit must be 0 or more")


# The Table I rows that can be matched: open-market purchases and sales with a date, shares above zero
# and a price.
_TRADES = (
    "t.transaction_code IN ('P', 'S')",
    "t.transaction_date IS NOT NULL",
    "t.transaction_shares > 0",
    "t.transaction_price_per_share IS NOT NULL",
)
# A class of security: its title with spaces collapsed, upper-cased (NULL as '').
SECURITY_KEY = "UPPER(REGEXP_REPLACE(TRIM(COALESCE(t.security_title, '')), '\\s+', ' ', 'g'))"


def _groups(bind: _Binder, flt: ShortSwingFilter, keys: Sequence[str] | None) -> str:
    """The CTEs ``r`` (the P and S rows ``flt`` selects that can be matched: a trade date, shares above
    zero, a price; of the filings ``keys`` when given), ``g`` (the match groups holding both a purchase
    and a sale) and ``m`` (the rows of those groups). The owner filters of ``flt`` (name, CIK, roles)
    pick insiders, not rows (``c``: the issuer and insider of each filing of a matching owner), so an
    insider who writes its name or title otherwise in some filings keeps every trade."""
    # Bound first: c stands before r.
    owner: list[str] = []
    _owner_filter(
        bind, owner, current=flt.current, name=flt.insider, cik=flt.insider_cik, roles=tuple(flt.roles)
    )
    cond = [*_TRADES, "f.issuer_key IS NOT NULL"]
    _keys(bind, cond, "t.filing_key", keys)
    _issuer(bind, cond, flt.ticker, flt.issuer_cik)
    _range(bind, cond, "t.transaction_date", flt.traded_from, flt.traded_to)
    v = _views(flt.current)
    group = "COALESCE(f.owner_ciks, f.filing_key)"
    chosen, picked = "", ""
    if owner:
        chosen = f"c AS (SELECT DISTINCT f.issuer_key, {group} AS insider_group FROM f WHERE {owner[0]}), "
        picked = f" JOIN c ON c.issuer_key = f.issuer_key AND c.insider_group = {group}"
    # f is read twice with an owner filter (c and r): PostgreSQL would copy every filing out first.
    inline = " NOT MATERIALIZED" if bind.dialect == "postgres" else ""
    return (
        f"WITH f AS{inline} ({_filings_cte(flt.current)}), {chosen}"
        f"r AS (SELECT f.issuer_key, {group} AS insider_group, "
        f"{SECURITY_KEY} AS security, t.security_title, t.transaction_code AS code, "
        f"t.transaction_date AS trade_date, t.transaction_shares AS shares, "
        f"t.transaction_price_per_share AS price, f.filing_key, t.row_index, f.filing_date, f.ticker, "
        f"f.issuer_name, f.issuer_cik, f.insider, f.insider_cik "
        f"FROM {v['non_derivative_transactions']} t JOIN f ON f.filing_key = t.filing_key{picked}"
        f"{_where(cond)}), "
        f"g AS (SELECT issuer_key, insider_group, security FROM r "
        f"GROUP BY issuer_key, insider_group, security "
        f"HAVING SUM(CASE WHEN code = 'P' THEN 1 ELSE 0 END) > 0 "
        f"AND SUM(CASE WHEN code = 'S' THEN 1 ELSE 0 END) > 0), "
        f"m AS (SELECT r.* FROM r JOIN g ON g.issuer_key = r.issuer_key "
        f"AND g.insider_group = r.insider_group AND g.security = r.security)"
    )


# Whether trade b of a match group can be matched with trade a (the other code, the sale priced above
# the purchase, the later dated before six months after the earlier: section16.services.short_swing's
# rule, month ends clamped as both databases add months).
WITHIN_SIX_MONTHS = (
    "((b.trade_date >= a.trade_date AND b.trade_date < a.trade_date + INTERVAL '6 months') "
    "OR (b.trade_date < a.trade_date AND a.trade_date < b.trade_date + INTERVAL '6 months'))"
)
_MATCHABLE = (
    "b.issuer_key = a.issuer_key AND b.insider_group = a.insider_group AND b.security = a.security "
    "AND b.code <> a.code "
    "AND CASE WHEN a.code = 'P' THEN b.price > a.price ELSE b.price < a.price END "
    f"AND {WITHIN_SIX_MONTHS}"
)


def short_swing_trades_query(
    dialect: Dialect, flt: ShortSwingFilter, *, keys: Sequence[str] | None = None
) -> Query:
    """The P and S rows of Table I that ``flt`` selects and that have a counterpart they could be
    matched with (the rest cannot change the answer), in match-group and date order; ``keys``: the
    filings of the issuer ``flt`` names, where the caller looked them up (``filing_keys``), read by
    key. ``flt``'s grouping, sort and limit are checked here and applied to the matches."""
    _check(flt)
    bind = _Binder(dialect)
    columns = ", ".join(f"a.{c}" for c in SWING_TRADE_COLUMNS)
    sql = (
        f"{_groups(bind, flt, keys)} SELECT {columns} FROM m a "
        f"WHERE EXISTS (SELECT 1 FROM m b WHERE {_MATCHABLE}) "
        f"ORDER BY a.issuer_key, a.insider_group, a.security, a.trade_date, a.filing_key, a.row_index"
    )
    return Query(sql, tuple(bind.values), SWING_TRADE_COLUMNS)


def short_swing_names_query(
    dialect: Dialect, flt: ShortSwingFilter, *, keys: Sequence[str] | None = None
) -> Query:
    """Per match group of :func:`short_swing_trades_query`, the names it is shown with: the security's
    title, the issuer's and the insider's as of the group's latest filing."""
    _check(flt)
    bind = _Binder(dialect)
    columns = ", ".join(SWING_NAME_COLUMNS)
    sql = (
        f"{_groups(bind, flt, keys)} SELECT {columns} FROM (SELECT {columns}, ROW_NUMBER() OVER "
        f"(PARTITION BY issuer_key, insider_group, security "
        f"ORDER BY filing_date DESC NULLS LAST, filing_key DESC, row_index DESC) AS rn FROM m) x WHERE rn = 1"
    )
    return Query(sql, tuple(bind.values), SWING_NAME_COLUMNS)


# The columns of insider_trades_query's rows.
INSIDER_TRADE_COLUMNS = (
    "owner_ciks",
    "security_title",
    "code",
    "trade_date",
    "shares",
    "price",
    "filing_key",
    "row_index",
    "filing_date",
    "amends_accession",
    "is_current",
)


def insider_trades_query(dialect: Dialect, *, issuer_cik: str, owner_cik: str) -> Query:
    """Every stored open-market purchase and sale (P, S in Table I, with a date, a price and shares above
    zero) of one issuer in filings that name ``owner_cik`` among their reporting owners, every filing as
    filed, with its date, the filing it amends and whether it is current (not superseded by an
    amendment): what a new filing's trades are matched against
    (:func:`section16.services.short_swing.short_swing_exposure`)."""
    bind = _Binder(dialect)
    cond = list(_TRADES)
    _issuer(bind, cond, None, issuer_cik)
    _owner_filter(bind, cond, current=False, name=None, cik=owner_cik, roles=())
    v = _views(False)
    sql = (
        f"WITH f AS ({_filings_cte(False, ', f.amends_accession, f.is_current')}) "
        f"SELECT f.owner_ciks, t.security_title, t.transaction_code, t.transaction_date, "
        f"t.transaction_shares, t.transaction_price_per_share, f.filing_key, t.row_index, f.filing_date, "
        f"f.amends_accession, f.is_current "
        f"FROM {v['non_derivative_transactions']} t JOIN f ON f.filing_key = t.filing_key{_where(cond)} "
        f"ORDER BY t.transaction_date, f.filing_key, t.row_index"
    )
    return Query(sql, tuple(bind.values), INSIDER_TRADE_COLUMNS)
