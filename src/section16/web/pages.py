"""The HTML pages, rendered on the server with Jinja2 (templates in ``web/templates``; CSS and the small
script in ``web/static``, served by the app itself): latest filings, the screener, cluster buys, late
filings, short-swing profits, an issuer, an insider, a filing shown like the official form, and search."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from section16.services import reports
from section16.services.short_swing import SHORT_SWING_SORTS, short_swing
from section16.web import charts, data
from section16.web.api import store_of, trades_page
from section16.web.params import (
    TRADE_PARAMS,
    cluster_filter,
    integer,
    late_filter,
    page_of,
    query_dict,
    short_swing_filter,
)

__all__ = ["edgar_url", "render_error", "routes"]

_ENV = Environment(
    loader=PackageLoader("section16.web", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)

# Form 4's columns (SEC Form 4, Table I and Table II headings), the store's column under each.
FORM_TABLE_I = (
    ("1. Title of Security", "security_title"),
    ("2. Transaction Date", "transaction_date"),
    ("2A. Deemed Execution Date", "deemed_execution_date"),
    ("3. Code", "transaction_code"),
    ("V", "transaction_form_type"),
    ("4. Amount", "transaction_shares"),
    ("(A) or (D)", "transaction_acquired_disposed_code"),
    ("Price", "transaction_price_per_share"),
    ("5. Amount Owned Following Reported Transaction(s)", "shares_owned_following_transaction"),
    ("6. Ownership Form: Direct (D) or Indirect (I)", "direct_or_indirect_ownership"),
    ("7. Nature of Indirect Beneficial Ownership", "nature_of_ownership"),
)
FORM_TABLE_II = (
    ("1. Title of Derivative Security", "security_title"),
    ("2. Conversion or Exercise Price", "conversion_or_exercise_price"),
    ("3. Transaction Date", "transaction_date"),
    ("3A. Deemed Execution Date", "deemed_execution_date"),
    ("4. Code", "transaction_code"),
    ("V", "transaction_form_type"),
    ("5. Number Acquired (A) or Disposed (D)", "transaction_shares"),
    ("(A) or (D)", "transaction_acquired_disposed_code"),
    ("6. Date Exercisable", "exercise_date"),
    ("Expiration Date", "expiration_date"),
    ("7. Title of Underlying", "underlying_security_title"),
    ("Amount of Underlying", "underlying_security_shares"),
    ("8. Price of Derivative Security", "transaction_price_per_share"),
    ("9. Number Owned Following Reported Transaction(s)", "shares_owned_following_transaction"),
    ("10. Ownership Form: Direct (D) or Indirect (I)", "direct_or_indirect_ownership"),
    ("11. Nature of Indirect Beneficial Ownership", "nature_of_ownership"),
)

# Screener columns: (heading, row key, server sort key or None).
SCREENER_COLUMNS = (
    ("Filing date", "filing_date", "filing_date"),
    ("Trade date", "trade_date", "trade_date"),
    ("Ticker", "ticker", "ticker"),
    ("Insider", "insider", None),
    ("Roles", "roles", None),
    ("Type", "trade_type", None),
    ("Price", "price", "price"),
    ("Shares", "shares", "shares"),
    ("Owned after", "owned_after", None),
    ("ΔOwn", "own_change", None),
    ("Value", "value", "value"),
)


def fmt(value: Any) -> str:
    """A value as a page shows it: thousands separators, at most two decimals for money-like values
    (the exact value stays in the title and the API), ISO dates, yes/no, empty for none."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return f"{value:,.0f}"
        return f"{value.quantize(Decimal('0.01')) if value.as_tuple().exponent < -2 else value:,}"  # type: ignore[operator]
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def own_change(row: dict[str, Any]) -> str:
    """OpenInsider's change in holdings: "New" when nothing was held before, ">999%" capped."""
    if row.get("ownership_change_new"):
        return "New"
    pct = row.get("ownership_change_pct")
    if pct is None:
        return ""
    return ">999%" if pct > 999 else f"{pct:+.0f}%"


def edgar_url(head: dict[str, Any]) -> str | None:
    """The filing's index page on EDGAR, from its accession number and issuer CIK."""
    accession, cik = head.get("accession_number"), head.get("issuer_cik")
    if not accession or not cik:
        return None
    return (
        f"https://www.sec.gov/Archives/edgar/data/{str(cik).lstrip('0')}/"
        f"{str(accession).replace('-', '')}/{accession}-index.htm"
    )


def _footnote_ids(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def _render(name: str, request: Request, **context: Any) -> HTMLResponse:
    template = _ENV.get_template(name)
    html = template.render(
        request=request,
        fmt=fmt,
        own_change=own_change,
        fns=_footnote_ids,
        query=dict(request.query_params),
        **context,
    )
    return HTMLResponse(html)


def render_error(request: Request, status: int, message: str) -> str:
    """The error page: the same status and message as the API's error shape."""
    return _ENV.get_template("error.html").render(
        request=request, status=status, message=message, query={}, fmt=fmt
    )


async def _call(request: Request, func: Any) -> Any:
    return await run_in_threadpool(func, store_of(request))


def _with(query: dict[str, str], **changes: Any) -> str:
    merged = {**query, **{k: str(v) for k, v in changes.items() if v is not None}}
    return "?" + urlencode({k: v for k, v in merged.items() if v != ""})


async def home(request: Request) -> Response:
    params = dict(request.query_params)
    page = page_of(params)
    rows = await _call(request, lambda s: data.latest_filings(s, limit=page.size + 1, offset=page.offset))
    return _render(
        "latest.html",
        request,
        title="Latest filings",
        rows=rows[: page.size],
        page=page,
        has_more=len(rows) > page.size,
        link=lambda **c: _with(params, **c),
    )


async def screener(request: Request) -> Response:
    params = {k: v for k, v in request.query_params.items() if k in (*TRADE_PARAMS, "page", "per_page")}
    result = await _call(request, lambda s: trades_page(s, params))
    for row in result["rows"]:
        row["own_change"] = own_change(row)
    csv_link = "/api/trades" + _with(
        {k: v for k, v in params.items() if k not in ("page", "per_page")}, format="csv"
    )
    return _render(
        "screener.html",
        request,
        title="Screener",
        result=result,
        params=params,
        columns=SCREENER_COLUMNS,
        roles=reports.ROLES,
        sorts=list(reports.TRADE_SORTS),
        csv_link=csv_link,
        link=lambda **c: _with(params, **c),
    )


async def clusters(request: Request) -> Response:
    params = dict(request.query_params)
    flt = cluster_filter(params, limit=integer(params, "limit", 100, 1, 1000))
    report = await _call(request, lambda s: reports.cluster_buys(s, flt))
    return _render(
        "clusters.html",
        request,
        title="Cluster buys",
        rows=report.rows,
        params=params,
        sorts=list(reports.CLUSTER_SORTS),
    )


async def late(request: Request) -> Response:
    params = dict(request.query_params)
    flt = late_filter(params, limit=integer(params, "limit", 100, 1, 1000))
    report = await _call(request, lambda s: reports.late_filings(s, flt))
    return _render(
        "late.html", request, title="Late filings", rows=report.rows, params=params, by=flt.by,
        groups=reports.LATE_GROUPS,
    )  # fmt: skip


async def short_swing_page(request: Request) -> Response:
    params = query_dict(request.query_params)
    flt = short_swing_filter(params, limit=integer(params, "limit", 100, 1, 1000))
    report = await _call(request, lambda s: short_swing(s, flt))
    csv_link = "/api/short-swing" + _with(params, format="csv")
    # An insider's row links to its pairs, matched over the same trades (dates, roles and state).
    kept = {k: v for k, v in params.items() if k in ("traded_from", "traded_to", "as_filed", "role") and v}
    pair_filters = "".join(f"&{k}={quote(v)}" for k, v in kept.items())
    return _render(
        "short_swing.html", request, title="Short-swing profits", rows=report.rows, params=params,
        by=flt.by, sort=flt.sort, sorts=SHORT_SWING_SORTS, csv_link=csv_link, pair_filters=pair_filters,
    )  # fmt: skip


async def issuer(request: Request) -> Response:
    cik = _cik(request)
    profile = await _call(request, lambda s: data.issuer_profile(s, cik))
    for row in profile["trades"]:
        row["own_change"] = own_change(row)
    head = profile["issuer"]
    chart = charts.buy_sell_bars(
        profile["months"], title=f"{head['ticker'] or head['name']}: insider purchases and sales by month"
    )
    return _render(
        "issuer.html",
        request,
        title=f"{head['ticker'] or ''} {head['name']}".strip(),
        p=profile,
        chart=chart,
        columns=SCREENER_COLUMNS,
    )


async def insider(request: Request) -> Response:
    cik = _cik(request)
    profile = await _call(request, lambda s: data.insider_profile(s, cik))
    for row in profile["trades"]:
        row["own_change"] = own_change(row)
    name = profile["insider"]["names"][0] if profile["insider"]["names"] else cik
    chart = charts.holding_lines(profile["holdings_over_time"], title=f"{name}: shares owned over time")
    return _render("insider.html", request, title=name, p=profile, chart=chart, columns=SCREENER_COLUMNS)


def _cik(request: Request) -> str:
    from section16.web.errors import ParameterError

    cik = str(request.path_params["cik"])
    if not cik.isdigit() or len(cik) > 10:
        raise ParameterError(f"cik: {cik!r} is not a CIK (up to 10 digits)", parameter="cik")
    return cik


def _references(detail: dict[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """Per footnote id, the anchors of the values that cite it and what each is (for back-links)."""
    refs: dict[str, list[tuple[str, str]]] = {}
    for table in data.ROW_TABLES:
        for row in detail[table]:
            for column, value in row.items():
                if column.endswith("_fn"):
                    field = column[:-3]
                    anchor = f"{table}-{row['row_index']}-{field}"
                    for fid in _footnote_ids(value):
                        refs.setdefault(fid, []).append((anchor, f"row {row['row_index'] + 1} {field}"))
    return refs


async def filing(request: Request) -> Response:
    key = str(request.path_params["key"])
    detail = await _call(request, lambda s: data.filing(s, key))
    head = detail["filing"]
    return _render(
        "filing.html",
        request,
        title=f"Form {head['document_type'] or '?'} {head['accession_number'] or key}",
        d=detail,
        head=head,
        edgar=edgar_url(head),
        table_i=FORM_TABLE_I,
        table_ii=FORM_TABLE_II,
        refs=_references(detail),
    )


async def search(request: Request) -> Response:
    text = (request.query_params.get("q") or "").strip()[:100]
    found = await _call(request, lambda s: data.search(s, text, limit=25)) if text else []
    if len(found) == 1 or (found and found[0]["ticker"] and found[0]["ticker"] == text.upper()):
        hit = found[0]
        return RedirectResponse(f"/{hit['kind']}/{hit['cik']}", status_code=303)
    return _render("search.html", request, title="Search", q=text, found=found)


def routes() -> list[Route]:
    """The pages' routes."""
    return [
        Route("/", home, methods=["GET"]),
        Route("/screener", screener, methods=["GET"]),
        Route("/clusters", clusters, methods=["GET"]),
        Route("/late", late, methods=["GET"]),
        Route("/short-swing", short_swing_page, methods=["GET"]),
        Route("/issuer/{cik:str}", issuer, methods=["GET"]),
        Route("/insider/{cik:str}", insider, methods=["GET"]),
        Route("/filing/{key:str}", filing, methods=["GET"]),
        Route("/search", search, methods=["GET"]),
    ]
