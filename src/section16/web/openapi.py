"""The OpenAPI 3.1 document of the JSON API, written by hand: every path, parameter and response the
routes of :mod:`section16.web.api` answer, and the one error shape. ``tests/web/test_openapi.py`` runs
schemathesis against the app with this document, so the two cannot drift apart."""

from __future__ import annotations

from typing import Any

from section16.services import reports
from section16.services.short_swing import (
    SHORT_SWING_GROUPINGS,
    SHORT_SWING_SORTS,
)
from section16.web.params import MAX_OFFSET

__all__ = ["openapi_document"]

_NULL_STR: dict[str, Any] = {"type": ["string", "null"]}
_DECIMAL: dict[str, Any] = {"type": ["string", "null"], "description": "exact decimal as text"}
_DATE: dict[str, Any] = {"type": ["string", "null"], "format": "date"}
_INT: dict[str, Any] = {"type": ["integer", "null"]}


def _q(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def _path(name: str, description: str, pattern: str | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if pattern:
        schema["pattern"] = pattern
    return {"name": name, "in": "path", "required": True, "description": description, "schema": schema}


def _rows(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "object", "properties": properties, "required": list(properties)},
    }


def _report(rows: dict[str, Any]) -> dict[str, Any]:
    """A report as the API sends it: its column names and its rows."""
    return {
        "type": "object",
        "required": ["columns", "rows"],
        "properties": {"columns": {"type": "array", "items": {"type": "string"}}, "rows": rows},
    }


def _ok(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_ERRORS = {
    "400": {"$ref": "#/components/responses/BadRequest"},
    "404": {"$ref": "#/components/responses/NotFound"},
}

_PAGE = [
    _q("page", "1-based page number", {"type": "integer", "minimum": 1}),
    _q("per_page", "rows per page", {"type": "integer", "minimum": 1, "maximum": 500}),
]
_DATE_Q: dict[str, Any] = {"type": "string", "format": "date"}
_NUM_Q: dict[str, Any] = {"type": "string", "description": "a decimal number"}
_BOOL_Q: dict[str, Any] = {"type": "string", "enum": ["true", "false", "1", "0"]}

_TRADE_QUERY = [
    _q("filed_from", "filing date on or after", _DATE_Q),
    _q("filed_to", "filing date on or before", _DATE_Q),
    _q("traded_from", "trade date on or after", _DATE_Q),
    _q("traded_to", "trade date on or before", _DATE_Q),
    _q("ticker", "issuer trading symbol, any case"),
    _q("issuer_cik", "issuer CIK", {"type": "string", "pattern": "^[0-9]{1,10}$"}),
    _q("insider", "part of a reporting owner's name as filed"),
    _q("insider_cik", "a reporting owner's CIK", {"type": "string", "pattern": "^[0-9]{1,10}$"}),
    _q("code", "transaction codes, comma-separated (P,S)"),
    _q("min_value", "value (shares x price, sales negative) at least", _NUM_Q),
    _q("max_value", "value at most", _NUM_Q),
    _q("min_price", "price per share at least", _NUM_Q),
    _q("max_price", "price per share at most", _NUM_Q),
    _q("role", f"roles, comma-separated: {', '.join(reports.ROLES)}"),
    _q("only_10b5_1", "only filings marked made under a Rule 10b5-1 plan", _BOOL_Q),
    _q("exclude_amended", "leave out 3/A, 4/A and 5/A", _BOOL_Q),
    _q("derivative", "add Table II transactions", _BOOL_Q),
    _q("as_filed", "originals and amendments both (default: amended state)", _BOOL_Q),
    _q("sort", "sort key", {"type": "string", "enum": list(reports.TRADE_SORTS)}),
    _q("ascending", "oldest / smallest first", _BOOL_Q),
]

_TRADE_ROW = {
    "filing_date": _DATE,
    "trade_date": _DATE,
    "ticker": _NULL_STR,
    "issuer_name": _NULL_STR,
    "insider": _NULL_STR,
    "insider_cik": _NULL_STR,
    "roles": _NULL_STR,
    "trade_type": _NULL_STR,
    "code": _NULL_STR,
    "tbl": {"type": "string", "enum": ["I", "II"]},
    "security_title": _NULL_STR,
    "price": _DECIMAL,
    "shares": _DECIMAL,
    "owned_after": _DECIMAL,
    "ownership_change_pct": _DECIMAL,
    "ownership_change_new": {"type": ["boolean", "null"]},
    "value": _DECIMAL,
    "direct_or_indirect_ownership": _NULL_STR,
    "aff10b5_one": {"type": ["boolean", "null"]},
    "document_type": _NULL_STR,
    "filing_delay_days": _INT,
    "filing_key": {"type": "string"},
    "row_index": {"type": "integer"},
}

_LATEST_ROW = {
    "filing_key": {"type": "string"},
    "accession_number": _NULL_STR,
    "document_type": _NULL_STR,
    "filing_date": _DATE,
    "period_of_report": _DATE,
    "issuer_cik": _NULL_STR,
    "issuer_name": _NULL_STR,
    "ticker": _NULL_STR,
    "insider": _NULL_STR,
    "insider_cik": _NULL_STR,
    "roles": _NULL_STR,
    "filing_delay_days": _INT,
    "findings": {"type": "integer"},
}

_CLUSTER_ROW = {
    "ticker": _NULL_STR,
    "issuer_name": _NULL_STR,
    "issuer_cik": _NULL_STR,
    "first_trade_date": _DATE,
    "last_trade_date": _DATE,
    "insiders": {"type": "integer"},
    "filings": {"type": "integer"},
    "trades": {"type": "integer"},
    "shares": _DECIMAL,
    "total_value": _DECIMAL,
}

_LATE_FROM_TRADES = frozenset(
    {"filed_from", "filed_to", "ticker", "issuer_cik", "insider", "insider_cik", "role"}
)
# A late-filings row: one filing (by=filing), or an insider or issuer with counts (by=insider, issuer).
_LATE_ROW = {
    "filing_date": _DATE,
    "ticker": _NULL_STR,
    "issuer_name": _NULL_STR,
    "issuer_cik": _NULL_STR,
    "insider": _NULL_STR,
    "insider_cik": _NULL_STR,
    "roles": _NULL_STR,
    "form": _NULL_STR,
    "start_date": _DATE,
    "days_to_file": _INT,
    "severity": {"type": "string", "enum": ["error", "warning"]},
    "message": _NULL_STR,
    "accession_number": _NULL_STR,
    "filing_key": {"type": "string"},
    "late_filings": {"type": "integer"},
    "errors": {"type": "integer"},
    "issuers": {"type": "integer"},
    "insiders": {"type": "integer"},
    "tickers": _NULL_STR,
    "first_late_date": _DATE,
    "last_late_date": _DATE,
}
# A short-swing row: one matched purchase and sale (by=pair), or one insider, issuer and security with
# its totals (by=insider). Every value is known but the names, which a filing may leave out.
_SWING_NAMES = {
    "ticker": _NULL_STR,
    "issuer_name": _NULL_STR,
    "issuer_cik": _NULL_STR,
    "insider": _NULL_STR,
    "insider_cik": _NULL_STR,
    "security_title": _NULL_STR,
}
_MONEY: dict[str, Any] = {"type": "string", "description": "exact decimal as text"}
_DAY: dict[str, Any] = {"type": "string", "format": "date"}
_BASIS: dict[str, Any] = {
    "type": "string",
    "enum": ["maximum", "greedy"],
    "description": "maximum: the largest profit the trades allow; greedy: widest price gap first, a "
    "lower bound (groups of more than 20,000 matchable pairs)",
}
_SWING_PAIR_ROW = {
    **_SWING_NAMES,
    "purchase_date": _DAY,
    "purchase_price": _MONEY,
    "purchase_filing": {"type": "string", "description": "the purchase's filing key"},
    "sale_date": _DAY,
    "sale_price": _MONEY,
    "sale_filing": {"type": "string", "description": "the sale's filing key"},
    "shares": _MONEY,
    "profit": _MONEY,
    "basis": _BASIS,
}
_SWING_SUMMARY_ROW = {
    **_SWING_NAMES,
    "purchases": {"type": "integer", "description": "purchases matched in at least one pair"},
    "sales": {"type": "integer", "description": "sales matched in at least one pair"},
    "pairs": {"type": "integer"},
    "shares": _MONEY,
    "profit": _MONEY,
    "first_trade_date": _DAY,
    "last_trade_date": _DAY,
    "basis": _BASIS,
}

_SUGGESTION = {
    "kind": {"type": "string", "enum": ["issuer", "insider"]},
    "label": {"type": "string"},
    "cik": {"type": "string"},
    "ticker": _NULL_STR,
    "filings": {"type": "integer"},
}

_OBJECTS: dict[str, Any] = {"type": "array", "items": {"type": "object"}}


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document served at ``/api/openapi.json``."""
    cik = _path("cik", "a CIK, leading zeros optional", "^[0-9]{1,10}$")
    key = _path("key", "accession number (0000950170-24-012345) or sha256:<hex>")
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "section16 API",
            "version": "1",
            "description": "SEC Section 16 insider filings (Forms 3, 4, 5) from your own store. Decimals "
            'are exact decimal text; dates are ISO 8601. Every error is {"error": {"status", '
            '"message", "type", ...}}.',
        },
        "paths": {
            "/api/filings": {
                "get": {
                    "summary": "Latest filings, newest first (amended state)",
                    "operationId": "latestFilings",
                    "parameters": _PAGE,
                    "responses": {
                        "200": _ok(
                            {
                                "type": "object",
                                "required": ["rows", "page", "per_page"],
                                "properties": {
                                    "rows": _rows(_LATEST_ROW),
                                    "page": {"type": "integer"},
                                    "per_page": {"type": "integer"},
                                },
                            },
                            "a page of filings",
                        ),
                        "400": _ERRORS["400"],
                    },
                }
            },
            "/api/filings/{key}": {
                "get": {
                    "summary": "One filing as stored: header, owners, Tables I and II, footnotes, "
                    "signatures, validation findings",
                    "operationId": "filing",
                    "parameters": [key],
                    "responses": {
                        "200": _ok(
                            {
                                "type": "object",
                                "required": ["filing", "owners", "footnotes", "signatures", "findings"],
                                "properties": {
                                    "filing": {"type": "object", "required": ["filing_key", "raw_stored"]},
                                    "owners": _OBJECTS,
                                    "non_derivative_transactions": _OBJECTS,
                                    "non_derivative_holdings": _OBJECTS,
                                    "derivative_transactions": _OBJECTS,
                                    "derivative_holdings": _OBJECTS,
                                    "footnotes": _OBJECTS,
                                    "signatures": _OBJECTS,
                                    "findings": _OBJECTS,
                                },
                            },
                            "the filing",
                        ),
                        **_ERRORS,
                    },
                }
            },
            "/api/filings/{key}/raw": {
                "get": {
                    "summary": "The filing's original document as stored",
                    "operationId": "rawFiling",
                    "parameters": [key],
                    "responses": {
                        "200": {
                            "description": "the original bytes",
                            "content": {
                                "application/xml": {"schema": {"type": "string"}},
                                "text/plain": {"schema": {"type": "string"}},
                            },
                        },
                        **_ERRORS,
                    },
                }
            },
            "/api/trades": {
                "get": {
                    "summary": "The screener: one row per transaction (OpenInsider's filters)",
                    "operationId": "trades",
                    "parameters": [
                        *_TRADE_QUERY,
                        *_PAGE,
                        _q(
                            "format",
                            "json (a page) or csv (every row up to limit)",
                            {"type": "string", "enum": ["json", "csv"]},
                        ),
                        _q("limit", "rows of the CSV", {"type": "integer", "minimum": 1, "maximum": 100000}),
                    ],
                    "responses": {
                        "200": {
                            "description": "a page of trades, or every trade as CSV",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["columns", "rows", "page", "per_page", "has_more"],
                                        "properties": {
                                            "columns": {"type": "array", "items": {"type": "string"}},
                                            "rows": _rows(_TRADE_ROW),
                                            "page": {"type": "integer"},
                                            "per_page": {"type": "integer"},
                                            "has_more": {"type": "boolean"},
                                        },
                                    }
                                },
                                "text/csv": {"schema": {"type": "string"}},
                            },
                        },
                        "400": _ERRORS["400"],
                    },
                }
            },
            "/api/cluster-buys": {
                "get": {
                    "summary": "Open-market purchases of one issuer by several insiders within a window",
                    "operationId": "clusterBuys",
                    "parameters": [
                        _q(
                            "window",
                            "days between purchases",
                            {"type": "integer", "minimum": 0, "maximum": 365},
                        ),
                        _q(
                            "min_insiders",
                            "distinct insiders at least",
                            {"type": "integer", "minimum": 1, "maximum": 100},
                        ),
                        _q("traded_from", "trade date on or after", _DATE_Q),
                        _q("traded_to", "trade date on or before", _DATE_Q),
                        _q("ticker", "issuer trading symbol"),
                        _q("min_value", "total value at least", _NUM_Q),
                        _q("exclude_amended", "leave out amendments", _BOOL_Q),
                        _q("as_filed", "originals and amendments both", _BOOL_Q),
                        _q("sort", "sort key", {"type": "string", "enum": list(reports.CLUSTER_SORTS)}),
                        _q("limit", "rows", {"type": "integer", "minimum": 1, "maximum": 1000}),
                    ],
                    "responses": {
                        "200": _ok(_report(_rows(_CLUSTER_ROW)), "clusters"),
                        "400": _ERRORS["400"],
                    },
                }
            },
            "/api/late-filings": {
                "get": {
                    "summary": "Filings validation found filed after their due date, or insiders or "
                    "issuers with counts of them",
                    "operationId": "lateFilings",
                    "parameters": [
                        _q(
                            "by",
                            "one row per filing, insider or issuer",
                            {"type": "string", "enum": ["filing", "insider", "issuer"]},
                        ),
                        # The screener's filters of the same names.
                        *(q for q in _TRADE_QUERY if q["name"] in _LATE_FROM_TRADES),
                        _q("form", "forms, comma-separated: 3, 4, 5"),
                        _q(
                            "min_days",
                            "calendar days from the earliest trade to filing, at least",
                            {"type": "integer", "minimum": 0, "maximum": 100000},
                        ),
                        _q("errors_only", "only filings found late from EDGAR's acceptance time", _BOOL_Q),
                        _q(
                            "sort",
                            "sort key: filing_date, days, ticker by filing; late, days, last, name or "
                            "ticker by group",
                            {
                                "type": "string",
                                "enum": sorted({k for sorts in reports.LATE_SORTS.values() for k in sorts}),
                            },
                        ),
                        _q("ascending", "oldest / fewest first", _BOOL_Q),
                        _q("limit", "rows", {"type": "integer", "minimum": 1, "maximum": 1000}),
                    ],
                    "responses": {
                        # A row's columns depend on ``by``: none is required.
                        "200": _ok(
                            _report({"type": "array", "items": {"type": "object", "properties": _LATE_ROW}}),
                            "late filings",
                        ),
                        "400": _ERRORS["400"],
                    },
                }
            },
            "/api/short-swing": {
                "get": {
                    "summary": "Short-swing profits (Section 16(b)): an insider's open-market purchases "
                    "and sales (P, S in Table I) of one issuer's security within less than six months, "
                    "matched for the largest profit",
                    "operationId": "shortSwing",
                    "parameters": [
                        _q(
                            "by",
                            "one row per matched purchase and sale, or per insider, issuer and security",
                            {"type": "string", "enum": list(SHORT_SWING_GROUPINGS)},
                        ),
                        _q("ticker", "issuer trading symbol, any case"),
                        _q("issuer_cik", "issuer CIK", {"type": "string", "pattern": "^[0-9]{1,10}$"}),
                        _q("insider", "part of a reporting owner's name as filed"),
                        _q(
                            "insider_cik",
                            "a reporting owner's CIK",
                            {"type": "string", "pattern": "^[0-9]{1,10}$"},
                        ),
                        _q("role", f"roles, comma-separated or repeated: {', '.join(reports.ROLES)}"),
                        _q("traded_from", "match only trades dated on or after", _DATE_Q),
                        _q("traded_to", "match only trades dated on or before", _DATE_Q),
                        _q("min_profit", "rows with at least this profit", _NUM_Q),
                        _q("as_filed", "originals and amendments both (default: amended state)", _BOOL_Q),
                        _q(
                            "sort",
                            "profit: largest first; date: latest first; ticker",
                            {"type": "string", "enum": list(SHORT_SWING_SORTS)},
                        ),
                        _q(
                            "format",
                            "json or csv",
                            {"type": "string", "enum": ["json", "csv"]},
                        ),
                        _q(
                            "limit",
                            "rows (JSON up to 1,000, CSV up to 100,000)",
                            {"type": "integer", "minimum": 1, "maximum": 100000},
                        ),
                    ],
                    "responses": {
                        "200": {
                            "description": "the matched pairs or the insiders' totals, or the same as CSV",
                            "content": {
                                "application/json": {
                                    "schema": _report(
                                        {
                                            "type": "array",
                                            "items": {
                                                "oneOf": [
                                                    _rows(_SWING_PAIR_ROW)["items"],
                                                    _rows(_SWING_SUMMARY_ROW)["items"],
                                                ]
                                            },
                                        }
                                    )
                                },
                                "text/csv": {"schema": {"type": "string"}},
                            },
                        },
                        "400": _ERRORS["400"],
                    },
                }
            },
            "/api/issuers/{cik}": {
                "get": {
                    "summary": "An issuer: trades by month, insiders, holdings, recent trades, late filings",
                    "operationId": "issuer",
                    "parameters": [cik],
                    "responses": {
                        "200": _ok(
                            {
                                "type": "object",
                                "required": [
                                    "issuer",
                                    "months",
                                    "insiders",
                                    "holdings",
                                    "trades",
                                    "late_filings",
                                ],
                                "properties": {
                                    "issuer": {
                                        "type": "object",
                                        "required": ["cik", "name", "ticker", "filings"],
                                    },
                                    "months": _rows(
                                        {
                                            "month": {"type": "string", "format": "date"},
                                            "bought_value": {"type": "string"},
                                            "sold_value": {"type": "string"},
                                            "purchases": {"type": "integer"},
                                            "sales": {"type": "integer"},
                                        }
                                    ),
                                    "insiders": _OBJECTS,
                                    "holdings": _OBJECTS,
                                    "trades": _rows(_TRADE_ROW),
                                    # the late-filings report's rows, one a filing
                                    "late_filings": {
                                        "type": "array",
                                        "items": {"type": "object", "properties": _LATE_ROW},
                                    },
                                },
                            },
                            "the issuer",
                        ),
                        **_ERRORS,
                    },
                }
            },
            "/api/insiders/{cik}": {
                "get": {
                    "summary": "A reporting owner: issuers and roles, trades, holdings over time",
                    "operationId": "insider",
                    "parameters": [cik],
                    "responses": {
                        "200": _ok(
                            {
                                "type": "object",
                                "required": ["insider", "issuers", "trades", "holdings_over_time"],
                                "properties": {
                                    "insider": {"type": "object", "required": ["cik", "names"]},
                                    "issuers": _OBJECTS,
                                    "trades": _rows(_TRADE_ROW),
                                    "holdings_over_time": _OBJECTS,
                                },
                            },
                            "the insider",
                        ),
                        **_ERRORS,
                    },
                }
            },
            "/api/search": {
                "get": {
                    "summary": "Suggestions: issuers by ticker or name, insiders by name",
                    "operationId": "search",
                    "parameters": [
                        _q("q", "what was typed", {"type": "string", "maxLength": 100}),
                        _q("limit", "suggestions", {"type": "integer", "minimum": 1, "maximum": 50}),
                    ],
                    "responses": {
                        "200": _ok(
                            {
                                "type": "object",
                                "required": ["query", "suggestions"],
                                "properties": {
                                    "query": {"type": "string"},
                                    "suggestions": _rows(_SUGGESTION),
                                },
                            },
                            "suggestions",
                        ),
                        "400": _ERRORS["400"],
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {
                        "error": {
                            "type": "object",
                            "required": ["status", "message", "type"],
                            "properties": {
                                "status": {"type": "integer"},
                                "message": {"type": "string"},
                                "type": {"type": "string"},
                                "parameter": {"type": "string"},
                            },
                        }
                    },
                }
            },
            "responses": {
                name: {
                    "description": text,
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
                }
                for name, text in (
                    ("BadRequest", f"a parameter the server cannot use (pages stop at row {MAX_OFFSET})"),
                    ("NotFound", "no such filing, issuer or insider in the store"),
                )
            },
        },
    }
