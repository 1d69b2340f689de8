"""Short-swing profits (Section 16(b) of the Exchange Act, spec.md section 9): the profit an insider
must give back to the issuer from a purchase and a sale (in either order) of the issuer's equity within
less than six months.

What is matched: open-market purchases (code P) and sales (code S) in Table I; exempt transactions
(grants, option exercises, tax withholding, gifts...) are not, nor are derivative securities (their
share-equivalent prices would have to be worked out first). A purchase and a sale match when they are of
the same issuer, by the same insider (the filing's owner group, as every report counts insiders) and of
the same class of security (:func:`security_key`: the title with its spaces collapsed, upper-cased),
when the later trade is dated before the day six calendar months after the earlier one, and when the
sale's price is above the purchase's. Bought on 1 January, sold by 30 June. Six months after a day the
month does not have is that month's last day, so bought on 31 August, sold by 27 February (28 February
in a leap year).

The insider is a filing's group of reporting owners (``filings.owner_ciks``), as every report counts
insiders; the owner filters (name, CIK, roles) pick the groups a matching owner filed in, and every
trade of such a group is matched.

How much: courts take the largest profit the trades allow (Smolowe v. Delendo; Gratz v. Claughton),
each share bought and sold used once and losses never offsetting gains. :func:`match_trades` finds
exactly that maximum: a transportation problem (purchases supply shares, sales take them, each matching
pair earns the price difference per share) solved by successive shortest augmenting paths, in exact
arithmetic (whole numbers, sums in a 100-digit decimal context). A group is solved part by part (the
trades its matchable pairs connect). Where one purchase or one sale is matched, or every trade of a
part falls within one six-month period, widest price gap first is the maximum, and that is the courts'
"lowest price in, highest price out" rule. Where the periods overlap the flow finds the best of all
the ways of pairing. For a part with more than :data:`EXACT_PAIR_LIMIT` matchable pairs the pairs are
taken widest gap first, a lower bound; such rows say ``basis = "greedy"``.
"""

from __future__ import annotations

import bisect
import calendar
import decimal
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from section16.model import Filing, NonDerivativeTransaction, OwnershipDocument, TransactionCode
from section16.services.reports import Report, filing_keys, tidy
from section16.store import Store
from section16.store.queries_swing import (
    SHORT_SWING_GROUPINGS,
    SHORT_SWING_SORTS,
    SWING_NAME_COLUMNS,
    ShortSwingFilter,
    insider_trades_query,
    short_swing_names_query,
    short_swing_trades_query,
)
from section16.validate import Finding, Severity

__all__ = [
    "EXACT_PAIR_LIMIT",
    "PAIR_COLUMNS",
    "SHORT_SWING_GROUPINGS",
    "SHORT_SWING_SORTS",
    "SUMMARY_COLUMNS",
    "Lot",
    "Match",
    "ShortSwingFilter",
    "match_trades",
    "security_key",
    "short_swing",
    "short_swing_exposure",
    "six_months_after",
    "within_six_months",
]

# How a match group is shown (short_swing_names_query's columns after the group's own three).
_NAMES = SWING_NAME_COLUMNS[3:]

# Decimal digits the matching and its sums work with: the store keeps 38 (10 after the point), and a
# product of two such numbers needs up to 76; Python's default context rounds at 28.
_PRECISION = 100


def _exact_context() -> decimal.Context:
    return decimal.Context(prec=_PRECISION)


# Above this many matchable (purchase, sale) pairs in one group, the pairs are matched greedily.
EXACT_PAIR_LIMIT = 20_000

# The rows' columns: how the match group is shown, then the pair's or the group's figures.
PAIR_COLUMNS = (
    *_NAMES,
    "purchase_date",
    "purchase_price",
    "purchase_filing",
    "sale_date",
    "sale_price",
    "sale_filing",
    "shares",
    "profit",
    "basis",
)
SUMMARY_COLUMNS = (
    *_NAMES,
    "purchases",
    "sales",
    "pairs",
    "shares",
    "profit",
    "first_trade_date",
    "last_trade_date",
    "basis",
)


@dataclass(frozen=True, slots=True)
class Lot:
    """One purchase (``code`` "P") or sale ("S"): its date, shares and price per share, and the row it
    was filed in (``filing_key``, ``row_index``)."""

    code: str
    trade_date: date
    shares: Decimal
    price: Decimal
    filing_key: str = ""
    row_index: int = 0


@dataclass(frozen=True, slots=True)
class Match:
    """``shares`` of ``purchase`` matched with as many of ``sale``."""

    purchase: Lot
    sale: Lot
    shares: Decimal

    @property
    def profit(self) -> Decimal:
        """The short-swing profit of the pair: shares times the sale price less the purchase price,
        exact."""
        with decimal.localcontext(_exact_context()):
            return self.shares * (self.sale.price - self.purchase.price)


def six_months_after(day: date) -> date:
    """The same day six calendar months later, or the last day of that month where it is shorter."""
    month = day.month + 6
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def within_six_months(first: date, second: date) -> bool:
    """Whether two trades are within a period of less than six months: the later dated before the day
    six months after the earlier (:func:`six_months_after`)."""
    earlier, later = (first, second) if first <= second else (second, first)
    return later < six_months_after(earlier)


def _pairs(purchases: Sequence[Lot], sales: Sequence[Lot]) -> list[tuple[int, int]]:
    """The (purchase, sale) index pairs that can match: within six months, the sale priced higher."""
    order = sorted(range(len(sales)), key=lambda j: sales[j].trade_date)
    days = [sales[j].trade_date for j in order]
    pairs = []
    for i, bought in enumerate(purchases):
        # Six months is at most 184 days: look that far either way, then apply the exact rule.
        low = bisect.bisect_left(days, bought.trade_date - timedelta(days=184))
        high = bisect.bisect_right(days, bought.trade_date + timedelta(days=184))
        for j in order[low:high]:
            sold = sales[j]
            if sold.price > bought.price and within_six_months(bought.trade_date, sold.trade_date):
                pairs.append((i, j))
    return pairs


def _scale(values: Iterable[Decimal]) -> int:
    """The power of ten that makes every one of ``values`` a whole number."""
    return max((-int(v.as_tuple().exponent) for v in values), default=0)


def _exact(
    purchases: Sequence[Lot], sales: Sequence[Lot], pairs: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], Decimal]:
    """The largest-profit matching: a min-cost flow from the purchases (each supplying its shares) to
    the sales (each taking its shares) over ``pairs`` (cost: minus the price gap), augmented along the
    cheapest path while that path still earns (Bellman-Ford in a queue, as the residual graph has
    negative costs). Shares and prices are scaled to whole numbers first (exact, and faster than
    decimals). Returns the shares matched per pair."""
    m, n = len(purchases), len(sales)
    lots = (*purchases, *sales)
    share_scale = max(_scale(lot.shares for lot in lots), 0)
    price_scale = max(_scale(lot.price for lot in lots), 0)
    amount = [int(lot.shares.scaleb(share_scale)) for lot in lots]
    price = [int(lot.price.scaleb(price_scale)) for lot in lots]
    source, sink = m + n, m + n + 1
    # Edges as parallel lists: head, residual capacity, cost; edge e's reverse is e ^ 1.
    head: list[int] = []
    capacity: list[int] = []
    cost: list[int] = []
    out: list[list[int]] = [[] for _ in range(m + n + 2)]

    def edge(a: int, b: int, cap: int, unit: int) -> int:
        e = len(head)
        out[a].append(e)
        out[b].append(e + 1)
        head.extend((b, a))
        capacity.extend((cap, 0))
        cost.extend((unit, -unit))
        return e

    for i in range(m):
        edge(source, i, amount[i], 0)
    for j in range(m, m + n):
        edge(j, sink, amount[j], 0)
    pair_edges = {
        (i, j): edge(i, m + j, min(amount[i], amount[m + j]), price[i] - price[m + j]) for i, j in pairs
    }
    first = {key: capacity[e] for key, e in pair_edges.items()}
    while True:
        dist: list[int | None] = [None] * (m + n + 2)
        via = [-1] * (m + n + 2)
        dist[source] = 0
        queue, queued = deque([source]), {source}
        while queue:
            node = queue.popleft()
            queued.discard(node)
            here = dist[node]
            assert here is not None
            for e in out[node]:
                if capacity[e] > 0:
                    to, there = head[e], here + cost[e]
                    best = dist[to]
                    if best is None or there < best:
                        dist[to], via[to] = there, e
                        if to not in queued:
                            queued.add(to)
                            queue.append(to)
        total = dist[sink]
        if total is None or total >= 0:
            break
        push, node = None, sink
        while node != source:
            e = via[node]
            push = capacity[e] if push is None else min(push, capacity[e])
            node = head[e ^ 1]
        assert push is not None
        node = sink
        while node != source:
            e = via[node]
            capacity[e] -= push
            capacity[e ^ 1] += push
            node = head[e ^ 1]
    return {
        key: Decimal(first[key] - capacity[e]).scaleb(-share_scale)
        for key, e in pair_edges.items()
        if first[key] > capacity[e]
    }


def _greedy(
    purchases: Sequence[Lot], sales: Sequence[Lot], pairs: Sequence[tuple[int, int]]
) -> dict[tuple[int, int], Decimal]:
    """Pairs taken widest price gap first (earlier trades first among equal gaps), each as many shares
    as both sides have left: a lower bound of :func:`_exact`'s answer, for very large groups."""
    left_bought = [lot.shares for lot in purchases]
    left_sold = [lot.shares for lot in sales]
    ranked = sorted(
        pairs,
        key=lambda p: (
            purchases[p[0]].price - sales[p[1]].price,
            purchases[p[0]].trade_date,
            sales[p[1]].trade_date,
            p,
        ),
    )
    flows: dict[tuple[int, int], Decimal] = {}
    for i, j in ranked:
        shares = min(left_bought[i], left_sold[j])
        if shares > 0:
            flows[(i, j)] = shares
            left_bought[i] -= shares
            left_sold[j] -= shares
    return flows


def match_trades(lots: Iterable[Lot], *, exact_limit: int = EXACT_PAIR_LIMIT) -> tuple[list[Match], str]:
    """The short-swing matches of one match group's purchases and sales (the largest total profit, see
    the module's text) in purchase then sale order, and the basis: ``"maximum"``, or ``"greedy"`` where
    a part of the group has more than ``exact_limit`` matchable pairs.

    The group is solved part by part: trades that no chain of matchable pairs joins cannot affect each
    other's matches (a fund trading over years falls into its six-month episodes)."""
    with decimal.localcontext(_exact_context()):
        return _match_trades(list(lots), exact_limit)


def _match_trades(given: list[Lot], exact_limit: int) -> tuple[list[Match], str]:
    purchases = [lot for lot in given if lot.code == "P"]
    sales = [lot for lot in given if lot.code == "S"]
    flows: dict[tuple[int, int], Decimal] = {}
    exact = True
    for part in _parts(len(purchases), _pairs(purchases, sales)):
        if _greedy_is_best(purchases, sales, part):
            flows.update(_greedy(purchases, sales, part))
        elif len(part) <= exact_limit:
            flows.update(_exact(purchases, sales, part))
        else:
            flows.update(_greedy(purchases, sales, part))
            exact = False
    matches = [Match(purchases[i], sales[j], shares) for (i, j), shares in sorted(flows.items())]
    return matches, "maximum" if exact else "greedy"


def _parts(purchases: int, pairs: Sequence[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """``pairs`` split into the connected parts of the graph they make (purchase ``i`` is node ``i``,
    sale ``j`` node ``purchases + j``), each part's pairs in their order."""
    parent: dict[int, int] = {}

    def root(node: int) -> int:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, j in pairs:
        a, b = root(i), root(purchases + j)
        if a != b:
            parent[a] = b
    parts: dict[int, list[tuple[int, int]]] = {}
    for i, j in pairs:
        parts.setdefault(root(i), []).append((i, j))
    return list(parts.values())


def _greedy_is_best(purchases: Sequence[Lot], sales: Sequence[Lot], pairs: Sequence[tuple[int, int]]) -> bool:
    """Whether widest gap first is the largest profit here: when one purchase or one sale is matched
    (taking its best counterparts first is best), or when every trade that can match is within six
    months of every other, so that only prices decide (the lowest purchases then go with the highest
    sales, the courts' rule)."""
    bought = {i for i, _ in pairs}
    sold = {j for _, j in pairs}
    if len(bought) == 1 or len(sold) == 1:
        return True
    days = [purchases[i].trade_date for i in bought] + [sales[j].trade_date for j in sold]
    return within_six_months(min(days), max(days))


def short_swing(store: Store, flt: ShortSwingFilter | None = None) -> Report:
    """Short-swing profits in ``store``: one row per matched purchase and sale (``flt.by == "pair"``:
    dates, prices and filings of both, shares and profit), or per insider, issuer and security
    (``"insider"``: counts, shares, total profit and the dates spanned), largest profit first by default.
    Trades that ``flt`` leaves out (another insider, outside its dates) are not matched at all."""
    with decimal.localcontext(_exact_context()):
        return _short_swing(store, flt or ShortSwingFilter())


def _short_swing(store: Store, flt: ShortSwingFilter) -> Report:
    dialect = store.dialect
    # An issuer's filings read by key, as the other reports of one issuer read them.
    keys = filing_keys(store, ticker=flt.ticker, issuer_cik=flt.issuer_cik)
    query = short_swing_trades_query(dialect, flt, keys=keys)
    groups: dict[tuple[str, str, str], list[Lot]] = {}
    for issuer, insider, security, code, day, shares, price, key, row in store.query(query.sql, query.params):
        lot = Lot(str(code), day, Decimal(shares), Decimal(price), str(key), int(row))
        groups.setdefault((issuer, insider, security), []).append(lot)
    found = {group: match_trades(lots) for group, lots in groups.items()}
    found = {group: result for group, result in found.items() if result[0]}
    out: list[dict[str, Any]] = []
    if found:
        names = short_swing_names_query(dialect, flt, keys=keys)
        for issuer, insider, security, *shown in store.query(names.sql, names.params):
            result = found.get((issuer, insider, security))
            if result is None:
                continue
            named = dict(zip(_NAMES, shown, strict=True))
            matches, basis = result
            if flt.by == "pair":
                out += [_pair_row(named, match, basis) for match in matches]
            else:
                out.append(_summary_row(named, matches, basis))
    if flt.min_profit is not None:
        out = [row for row in out if row["profit"] >= flt.min_profit]
    out.sort(key=_sort_key(flt))
    if flt.limit is not None:
        out = out[: flt.limit]
    columns = PAIR_COLUMNS if flt.by == "pair" else SUMMARY_COLUMNS
    return Report(columns, tuple(out))


def _pair_row(named: dict[str, Any], match: Match, basis: str) -> dict[str, Any]:
    bought, sold = match.purchase, match.sale
    return {
        **named,
        "purchase_date": bought.trade_date,
        "purchase_price": tidy(bought.price),
        "purchase_filing": bought.filing_key,
        "sale_date": sold.trade_date,
        "sale_price": tidy(sold.price),
        "sale_filing": sold.filing_key,
        "shares": tidy(match.shares),
        "profit": tidy(match.profit),
        "basis": basis,
    }


def _summary_row(named: dict[str, Any], matches: Sequence[Match], basis: str) -> dict[str, Any]:
    dates = [d for m in matches for d in (m.purchase.trade_date, m.sale.trade_date)]
    return {
        **named,
        # The trades matched in at least one pair (a row of a filing is one trade).
        "purchases": len({(m.purchase.filing_key, m.purchase.row_index) for m in matches}),
        "sales": len({(m.sale.filing_key, m.sale.row_index) for m in matches}),
        "pairs": len(matches),
        "shares": tidy(sum((m.shares for m in matches), Decimal(0))),
        "profit": tidy(sum((m.profit for m in matches), Decimal(0))),
        "first_trade_date": min(dates),
        "last_trade_date": max(dates),
        "basis": basis,
    }


def _sort_key(flt: ShortSwingFilter) -> Any:
    date_of = "sale_date" if flt.by == "pair" else "last_trade_date"

    def key(row: dict[str, Any]) -> tuple[Any, ...]:
        tie = (row["ticker"] or "", row["insider"] or "", str(row[date_of]))
        if flt.sort == "profit":
            return (-row["profit"], *tie)
        if flt.sort == "date":
            return (-row[date_of].toordinal(), -row["profit"], *tie)
        return (row["ticker"] or "", -row["profit"], *tie[1:])

    return key


def _cik(text: str | None) -> str:
    return (text or "").strip().lstrip("0")


def security_key(title: str | None) -> str:
    """A class of security as the matching compares them: the title with its spaces collapsed,
    upper-cased (the SQL's ``SECURITY_KEY`` in :mod:`section16.store.queries_swing`)."""
    return " ".join((title or "").split()).upper()


def _new_lots(document: OwnershipDocument) -> dict[str, list[Lot]]:
    """The open-market purchases and sales of ``document``'s Table I that can be matched, by class of
    security (:func:`security_key`); ``row_index`` is the row's 0-based place in the table."""
    found: dict[str, list[Lot]] = {}
    for index, row in enumerate(document.non_derivative_table):
        if not isinstance(row, NonDerivativeTransaction) or row.transaction_coding is None:
            continue
        code = row.transaction_coding.transaction_code
        day = row.transaction_date.value if row.transaction_date else None
        shares = row.transaction_shares.value if row.transaction_shares else None
        price = row.transaction_price_per_share.value if row.transaction_price_per_share else None
        if code not in (TransactionCode.P, TransactionCode.S) or day is None or price is None:
            continue
        if shares is None or shares <= 0:
            continue
        title = row.security_title.value if row.security_title else None
        found.setdefault(security_key(title), []).append(Lot(code.value, day, shares, price, "", index))
    return found


def short_swing_exposure(filing: Filing, store: Store) -> list[Finding]:
    """What a filing about to be made adds under Section 16(b). Its open-market purchases and sales
    (Table I) are matched, for the largest profit, with each other and with every stored trade of the
    issuer by the same insider (the same reporting owners, by CIK; the amended state; for an amendment,
    without the original it restates and that original's other amendments). Where that raises the
    insider's matched profit, each matched pair that involves a trade of this filing is a warning on its
    row, with the pair's profit and what the filing adds in all."""
    with decimal.localcontext(_exact_context()):
        return _exposure_findings(filing, store)


def _exposure_findings(filing: Filing, store: Store) -> list[Finding]:
    document = filing.document
    if document is None or document.issuer is None or not document.issuer.issuer_cik:
        return []
    owners = {_cik(o.rpt_owner_cik) for o in document.reporting_owners} - {""}
    new = _new_lots(document)
    if not owners or not new:
        return []
    query = insider_trades_query(store.dialect, issuer_cik=document.issuer.issuer_cik, owner_cik=min(owners))
    rows = [
        row
        for row in store.query(query.sql, query.params)
        # The same insider: a filing of exactly these reporting owners.
        if {_cik(c) for c in str(row[0] or "").split(",")} - {""} == owners
    ]
    # For an amendment: the original it restates, whose filing date it gives.
    restated: set[str] = set()
    if document.document_type is not None and document.document_type.value.endswith("/A"):
        original = document.date_of_original_submission
        restated = {str(row[6]) for row in rows if original is not None and row[8] == original}
    # Each stored trade once, as a lot of its class of security, with its filing's place in the chain.
    trades = [
        (
            str(key),
            str(amends),
            current,
            security_key(title),
            Lot(str(code), day, Decimal(shares), Decimal(price), str(key), int(index)),
        )
        for _, title, code, day, shares, price, key, index, _, amends, current in rows
    ]
    # A stored filing with exactly this form's open-market trades is this form, filed already: it is
    # left out, and said so, rather than matched with its own copy.
    mine = sorted(_trade_key(security, lot) for security, lots in new.items() for lot in lots)
    trades_of: dict[str, list[tuple[str, str, date, Decimal, Decimal]]] = {}
    for key, _, _, security, lot in trades:
        trades_of.setdefault(key, []).append(_trade_key(security, lot))
    copies = sorted(key for key, keys in trades_of.items() if sorted(keys) == mine)
    stored: dict[str, list[Lot]] = {}
    for key, amends, current, security, lot in trades:
        # The amended state, less what this amendment restates (its original and the original's
        # amendments, superseded or not) and less this form's stored copy.
        if key in restated or amends in restated or current is False or key in copies:
            continue
        stored.setdefault(security, []).append(lot)
    found: list[Finding] = [
        Finding(
            rule="short-swing.stored-already",
            severity=Severity.INFO,
            message=f"filing {key} in the store has exactly this form's open-market trades: taken to be "
            "this form, filed already, and not matched with it",
            source="Securities Exchange Act of 1934, Section 16(b); spec.md section 9",
            accession=filing.accession_number,
            file=filing.source.name,
            table="nonDerivativeTable",
        )
        for key in copies
    ]
    for security, lots in new.items():
        before, _ = match_trades(stored.get(security, []))
        after, _ = match_trades([*stored.get(security, []), *lots])
        added = sum((m.profit for m in after), Decimal(0)) - sum((m.profit for m in before), Decimal(0))
        if added <= 0:
            continue
        for match in after:
            found.extend(_exposure(filing, match, added))
    return found


def _trade_key(security: str, lot: Lot) -> tuple[str, str, date, Decimal, Decimal]:
    """What makes two open-market trades the same trade: class, code, date, shares and price."""
    return (security, lot.code, lot.trade_date, lot.shares.normalize(), lot.price.normalize())


def _where(lot: Lot) -> str:
    return f"row {lot.row_index + 1} of this filing" if not lot.filing_key else f"filing {lot.filing_key}"


def _exposure(filing: Filing, match: Match, added: Decimal) -> Iterator[Finding]:
    bought, sold = match.purchase, match.sale
    mine = [lot for lot in (bought, sold) if not lot.filing_key]
    if not mine:
        return
    message = (
        f"short-swing match (Section 16(b)): bought {tidy(match.shares)} at {tidy(bought.price)} on "
        f"{bought.trade_date} ({_where(bought)}) and sold at {tidy(sold.price)} on {sold.trade_date} "
        f"({_where(sold)}), within six months: a profit of {tidy(match.profit)} to give back to the "
        f"issuer; this filing adds {tidy(added)} to the insider's short-swing profit"
    )
    yield Finding(
        rule="short-swing.match",
        severity=Severity.WARNING,
        message=message,
        source="Securities Exchange Act of 1934, Section 16(b); spec.md section 9",
        accession=filing.accession_number,
        file=filing.source.name,
        table="nonDerivativeTable",
        row=mine[0].row_index + 1,
        field="transactionCode",
    )
