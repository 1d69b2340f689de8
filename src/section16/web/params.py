"""Query parameters into the reports' frozen filters (:class:`TradeFilter`, :class:`ClusterFilter`,
:class:`LateFilter`, :class:`ShortSwingFilter`) and page numbers, shared by the JSON API and the pages.
A value that cannot be used is a :class:`~section16.web.errors.ParameterError` naming the parameter,
never a server error."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from section16.services import reports
from section16.services.short_swing import SHORT_SWING_GROUPINGS, SHORT_SWING_SORTS, ShortSwingFilter
from section16.web.errors import ParameterError

__all__ = [
    "MAX_OFFSET",
    "TRADE_PARAMS",
    "Page",
    "cluster_filter",
    "integer",
    "page_of",
    "query_dict",
    "short_swing_filter",
    "trade_filter",
]

# Deepest row a page may start at: paging re-reads the rows before it (the reports take a limit, not an
# offset), so the depth is bounded; narrow the filters to go further.
MAX_OFFSET = 10_000
_TRUE = {"1", "true", "on", "yes"}
_FALSE = {"", "0", "false", "off", "no"}

# The screener's parameters (OpenInsider's filters, as `section16 trades` names them).
TRADE_PARAMS = (
    "filed_from",
    "filed_to",
    "traded_from",
    "traded_to",
    "ticker",
    "issuer_cik",
    "insider",
    "insider_cik",
    "code",
    "min_value",
    "max_value",
    "min_price",
    "max_price",
    "role",
    "only_10b5_1",
    "exclude_amended",
    "derivative",
    "as_filed",
    "sort",
    "ascending",
)


def _text(params: Mapping[str, str], name: str, max_len: int = 200) -> str | None:
    value = params.get(name)
    if value is None or not value.strip():
        return None
    if len(value) > max_len:
        raise ParameterError(f"{name}: at most {max_len} characters", parameter=name)
    if "\x00" in value:
        raise ParameterError(f"{name}: holds a NUL character", parameter=name)
    return value.strip()


def _day(params: Mapping[str, str], name: str) -> date | None:
    value = _text(params, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ParameterError(f"{name}: {value!r} is not a date (YYYY-MM-DD)", parameter=name) from None


def _number(params: Mapping[str, str], name: str) -> Decimal | None:
    value = _text(params, name)
    if value is None:
        return None
    try:
        number = Decimal(value.replace(",", "").replace("$", ""))
    except InvalidOperation:
        raise ParameterError(f"{name}: {value!r} is not a number", parameter=name) from None
    if not number.is_finite() or abs(number) >= Decimal("1e27"):
        raise ParameterError(f"{name}: {value!r} is not a finite number below 1e27", parameter=name)
    return number


def _flag(params: Mapping[str, str], name: str) -> bool:
    value = (params.get(name) or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ParameterError(f"{name}: {value!r} is not true or false", parameter=name)


def integer(params: Mapping[str, str], name: str, default: int, low: int, high: int) -> int:
    """An integer parameter within ``low..high``."""
    value = _text(params, name)
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ParameterError(f"{name}: {value!r} is not a whole number", parameter=name) from None
    if not low <= number <= high:
        raise ParameterError(f"{name}: {number} is not within {low}..{high}", parameter=name)
    return number


def _list(params: Mapping[str, str], name: str) -> tuple[str, ...]:
    value = _text(params, name)
    if value is None:
        return ()
    return tuple(v.strip() for v in value.split(",") if v.strip())


@dataclass(frozen=True, slots=True)
class Page:
    """Which rows a page shows: 1-based ``number`` of ``size`` rows."""

    number: int
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def query_dict(query: Any) -> dict[str, str]:
    """A request's query parameters as a dict; ``role`` given more than once (``role=CEO&role=CFO``, as
    the commands' repeated ``--role``) joined with commas, as the filters read it."""
    params = dict(query)
    roles = query.getlist("role")
    if len(roles) > 1:
        params["role"] = ",".join(roles)
    return params


def page_of(params: Mapping[str, str], *, default_size: int = 50) -> Page:
    """``page`` (1-based) and ``per_page`` (1..500), within :data:`MAX_OFFSET`."""
    size = integer(params, "per_page", default_size, 1, 500)
    number = integer(params, "page", 1, 1, MAX_OFFSET // size + 1)
    return Page(number, size)


def _roles(params: Mapping[str, str]) -> tuple[str, ...]:
    """``role``: roles, comma-separated, each one of :data:`reports.ROLES`."""
    roles = _list(params, "role")
    unknown = [r for r in roles if r not in reports.ROLES]
    if unknown:
        raise ParameterError(
            f"role: {unknown[0]!r} is not one of {', '.join(reports.ROLES)}", parameter="role"
        )
    return roles


def trade_filter(params: Mapping[str, str], *, limit: int | None) -> reports.TradeFilter:
    """The screener's filters from query parameters (names as ``section16 trades`` options)."""
    sort = _text(params, "sort") or "filing_date"
    if sort not in reports.TRADE_SORTS:
        raise ParameterError(
            f"sort: {sort!r} is not one of {', '.join(reports.TRADE_SORTS)}", parameter="sort"
        )
    roles = _roles(params)
    codes = tuple(c.upper() for c in _list(params, "code"))
    if any(len(c) != 1 or not c.isalpha() for c in codes):
        raise ParameterError("code: transaction codes are single letters (P,S,A,M...)", parameter="code")
    return reports.TradeFilter(
        filed_from=_day(params, "filed_from"),
        filed_to=_day(params, "filed_to"),
        traded_from=_day(params, "traded_from"),
        traded_to=_day(params, "traded_to"),
        ticker=_text(params, "ticker", 20),
        issuer_cik=_cik(params, "issuer_cik"),
        insider=_text(params, "insider"),
        insider_cik=_cik(params, "insider_cik"),
        codes=codes,
        min_value=_number(params, "min_value"),
        max_value=_number(params, "max_value"),
        min_price=_number(params, "min_price"),
        max_price=_number(params, "max_price"),
        roles=roles,
        only_10b5_1=_flag(params, "only_10b5_1"),
        include_amendments=not _flag(params, "exclude_amended"),
        include_derivative=_flag(params, "derivative"),
        current=not _flag(params, "as_filed"),
        sort=sort,
        ascending=_flag(params, "ascending"),
        limit=limit,
    )


def late_filter(params: Mapping[str, str], *, limit: int | None) -> reports.LateFilter:
    """Late filings' filters from query parameters (names as ``section16 late`` options; ``role`` and
    ``form`` comma-separated)."""
    by = _text(params, "by") or "filing"
    if by not in reports.LATE_GROUPS:
        raise ParameterError(f"by: {by!r} is not one of {', '.join(reports.LATE_GROUPS)}", parameter="by")
    sort = _text(params, "sort")
    if sort is not None and sort not in reports.LATE_SORTS[by]:
        raise ParameterError(
            f"sort: {sort!r} is not one of {', '.join(reports.LATE_SORTS[by])} (by {by})", parameter="sort"
        )
    roles = _roles(params)
    forms = _list(params, "form")
    if any(f not in ("3", "4", "5") for f in forms):
        raise ParameterError("form: 3, 4 or 5, comma-separated", parameter="form")
    min_days = integer(params, "min_days", -1, 0, 100_000) if _text(params, "min_days") else None
    return reports.LateFilter(
        filed_from=_day(params, "filed_from"),
        filed_to=_day(params, "filed_to"),
        ticker=_text(params, "ticker", 20),
        issuer_cik=_cik(params, "issuer_cik"),
        insider=_text(params, "insider"),
        insider_cik=_cik(params, "insider_cik"),
        roles=roles,
        forms=tuple(int(f) for f in forms),
        min_days=min_days,
        errors_only=_flag(params, "errors_only"),
        by=by,
        sort=sort,
        ascending=_flag(params, "ascending"),
        limit=limit,
    )


def _cik(params: Mapping[str, str], name: str) -> str | None:
    value = _text(params, name, 10)
    if value is not None and not value.isdigit():
        raise ParameterError(f"{name}: {value!r} is not a CIK (digits)", parameter=name)
    return value


def cluster_filter(params: Mapping[str, str], *, limit: int | None) -> reports.ClusterFilter:
    """Cluster buys' filters from query parameters (names as ``section16 cluster-buys`` options)."""
    sort = _text(params, "sort") or "last_trade_date"
    if sort not in reports.CLUSTER_SORTS:
        raise ParameterError(
            f"sort: {sort!r} is not one of {', '.join(reports.CLUSTER_SORTS)}", parameter="sort"
        )
    return reports.ClusterFilter(
        window_days=integer(params, "window", 7, 0, 365),
        min_insiders=integer(params, "min_insiders", 2, 1, 100),
        traded_from=_day(params, "traded_from"),
        traded_to=_day(params, "traded_to"),
        ticker=_text(params, "ticker", 20),
        min_value=_number(params, "min_value"),
        include_amendments=not _flag(params, "exclude_amended"),
        current=not _flag(params, "as_filed"),
        sort=sort,
        limit=limit,
    )


def short_swing_filter(params: Mapping[str, str], *, limit: int | None) -> ShortSwingFilter:
    """Short-swing profits' filters from query parameters (names as ``section16 short-swing`` options;
    ``role`` comma-separated)."""
    by = _text(params, "by") or "pair"
    if by not in SHORT_SWING_GROUPINGS:
        raise ParameterError(f"by: {by!r} is not one of {', '.join(SHORT_SWING_GROUPINGS)}", parameter="by")
    sort = _text(params, "sort") or "profit"
    if sort not in SHORT_SWING_SORTS:
        raise ParameterError(f"sort: {sort!r} is not one of {', '.join(SHORT_SWING_SORTS)}", parameter="sort")
    return ShortSwingFilter(
        ticker=_text(params, "ticker", 20),
        issuer_cik=_cik(params, "issuer_cik"),
        insider=_text(params, "insider"),
        insider_cik=_cik(params, "insider_cik"),
        roles=_roles(params),
        traded_from=_day(params, "traded_from"),
        traded_to=_day(params, "traded_to"),
        min_profit=_number(params, "min_profit"),
        by=by,
        current=not _flag(params, "as_filed"),
        sort=sort,
        limit=limit,
    )
