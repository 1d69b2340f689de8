"""The JSON API under ``/api``: latest filings, the screener (JSON or CSV), cluster buys, late filings,
short-swing profits (JSON or CSV), an issuer, an insider, a filing and its raw document, search
suggestions, and the OpenAPI document that describes them (:mod:`section16.web.openapi`). Errors take
the one shape of :mod:`section16.web.errors`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from section16.services import reports
from section16.services.short_swing import short_swing
from section16.store import Store
from section16.web import data
from section16.web.encode import csv_text, dumps
from section16.web.errors import ParameterError
from section16.web.params import (
    cluster_filter,
    integer,
    late_filter,
    page_of,
    query_dict,
    short_swing_filter,
    trade_filter,
)

__all__ = ["raw_response", "routes", "store_of", "trades_page"]


class _JSON(Response):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return dumps(content)


def store_of(request: Request) -> Store:
    """The app's shared store."""
    store: Store = request.app.state.store
    return store


async def _call(request: Request, func: Callable[[Store], Any]) -> Any:
    store = store_of(request)
    return await run_in_threadpool(func, store)


def _params(request: Request) -> dict[str, str]:
    return dict(request.query_params)


def trades_page(store: Store, params: dict[str, str]) -> dict[str, Any]:
    """One page of the screener: its rows, the page number and size, and whether more follow."""
    page = page_of(params)
    flt = trade_filter(params, limit=page.offset + page.size + 1)
    report = reports.trades(store, flt)
    rows = list(report.rows[page.offset : page.offset + page.size])
    return {
        "columns": list(report.columns),
        "rows": rows,
        "page": page.number,
        "per_page": page.size,
        "has_more": len(report.rows) > page.offset + page.size,
    }


async def filings(request: Request) -> Response:
    params = _params(request)
    page = page_of(params)
    rows = await _call(request, lambda s: data.latest_filings(s, limit=page.size, offset=page.offset))
    return _JSON({"rows": rows, "page": page.number, "per_page": page.size})


def _csv_wanted(params: dict[str, str]) -> bool:
    """Whether ``format`` asks for CSV (``json``, the default, or ``csv``)."""
    fmt = params.get("format", "json")
    if fmt not in ("json", "csv"):
        raise ParameterError(f"format: {fmt!r} is not json or csv", parameter="format")
    return fmt == "csv"


def _csv(report: reports.Report, filename: str) -> Response:
    """A report as a CSV download: a header line of its columns, then its rows."""
    return Response(
        csv_text(report.columns, report.rows),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


async def trades(request: Request) -> Response:
    params = _params(request)
    if _csv_wanted(params):
        limit = integer(params, "limit", 10_000, 1, 100_000)
        flt = trade_filter(params, limit=limit)
        report = await _call(request, lambda s: reports.trades(s, flt))
        return _csv(report, "trades.csv")
    return _JSON(await _call(request, lambda s: trades_page(s, params)))


async def cluster_buys(request: Request) -> Response:
    params = _params(request)
    flt = cluster_filter(params, limit=integer(params, "limit", 100, 1, 1000))
    report = await _call(request, lambda s: reports.cluster_buys(s, flt))
    return _JSON({"columns": list(report.columns), "rows": list(report.rows)})


async def late_filings(request: Request) -> Response:
    params = _params(request)
    flt = late_filter(params, limit=integer(params, "limit", 100, 1, 1000))
    report = await _call(request, lambda s: reports.late_filings(s, flt))
    return _JSON({"columns": list(report.columns), "rows": list(report.rows)})


async def short_swing_profits(request: Request) -> Response:
    params = query_dict(request.query_params)
    csv_wanted = _csv_wanted(params)
    limit = (
        integer(params, "limit", 10_000, 1, 100_000) if csv_wanted else integer(params, "limit", 100, 1, 1000)
    )
    flt = short_swing_filter(params, limit=limit)
    report = await _call(request, lambda s: short_swing(s, flt))
    if csv_wanted:
        return _csv(report, "short-swing.csv")
    # Each row's keys in the order of the columns, as the CSV has them.
    rows = [{c: row[c] for c in report.columns} for row in report.rows]
    return _JSON({"columns": list(report.columns), "rows": rows})


async def issuer(request: Request) -> Response:
    cik = _cik_path(request)
    return _JSON(await _call(request, lambda s: data.issuer_profile(s, cik)))


async def insider(request: Request) -> Response:
    cik = _cik_path(request)
    return _JSON(await _call(request, lambda s: data.insider_profile(s, cik)))


def _cik_path(request: Request) -> str:
    cik = str(request.path_params["cik"])
    if not cik.isdigit() or len(cik) > 10:
        raise ParameterError(f"cik: {cik!r} is not a CIK (up to 10 digits)", parameter="cik")
    return cik


async def filing(request: Request) -> Response:
    key = str(request.path_params["key"])
    return _JSON(await _call(request, lambda s: data.filing(s, key)))


def raw_response(name: str | None, body: bytes) -> Response:
    """A stored raw document as the server sends it back: XML as XML, a submission as plain text."""
    head = body[:200].lstrip().lower()
    media = "application/xml" if head.startswith(b"<?xml") or head.startswith(b"<ownership") else "text/plain"
    filename = (name or "filing").rsplit("/", 1)[-1].replace('"', "")
    return Response(
        body,
        media_type=f"{media}; charset=utf-8",
        headers={"Content-Disposition": f'inline; filename="{filename}"'},
    )


async def raw(request: Request) -> Response:
    key = str(request.path_params["key"])
    name, body = await _call(request, lambda s: data.raw_document(s, key))
    return raw_response(name, body)


async def search(request: Request) -> Response:
    params = _params(request)
    text = (params.get("q") or "").strip()
    if len(text) > 100 or "\x00" in text:
        raise ParameterError("q: at most 100 characters, no NUL", parameter="q")
    limit = integer(params, "limit", 10, 1, 50)
    rows = await _call(request, lambda s: data.search(s, text, limit=limit))
    return _JSON({"query": text, "suggestions": rows})


async def openapi(request: Request) -> Response:
    from section16.web.openapi import openapi_document

    return JSONResponse(openapi_document())


def routes() -> list[Route]:
    """The API's routes."""
    return [
        Route("/api/openapi.json", openapi, methods=["GET"]),
        Route("/api/filings", filings, methods=["GET"]),
        Route("/api/filings/{key:str}/raw", raw, methods=["GET"]),
        Route("/api/filings/{key:str}", filing, methods=["GET"]),
        Route("/api/trades", trades, methods=["GET"]),
        Route("/api/cluster-buys", cluster_buys, methods=["GET"]),
        Route("/api/late-filings", late_filings, methods=["GET"]),
        Route("/api/short-swing", short_swing_profits, methods=["GET"]),
        Route("/api/issuers/{cik:str}", issuer, methods=["GET"]),
        Route("/api/insiders/{cik:str}", insider, methods=["GET"]),
        Route("/api/search", search, methods=["GET"]),
    ]
