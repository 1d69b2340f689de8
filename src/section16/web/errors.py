"""The web layer's one error shape and its one exception-to-response mapper.

Every failure the server answers, from the API or a page, is mapped here (datasette's
``handle_exception.py`` works the same way): the API answers ``{"error": {"status": 404, "message":
"...", "type": "NotFound"}}`` (plus ``"parameter"`` when one query parameter was wrong); a page answers
the same status with the same message in HTML. ``tests/web/test_error_shape.py`` pins the shape.
"""

from __future__ import annotations

import logging
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from section16.errors import ConfigError, NotFound, ParseError, QueryError, Section16Error

__all__ = ["ParameterError", "error_body", "handle_exception", "status_of"]

_log = logging.getLogger("section16.web")


class ParameterError(QueryError):
    """A query parameter the server cannot use; ``parameter`` names it."""

    def __init__(self, message: str, *, parameter: str | None = None) -> None:
        super().__init__(message)
        self.parameter = parameter


def status_of(exc: BaseException) -> int:
    """The HTTP status an exception answers with."""
    if isinstance(exc, HTTPException):
        return exc.status_code
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, QueryError | ParseError):
        return 400
    if isinstance(exc, ConfigError):
        return 503
    return 500


def error_body(status: int, message: str, **extra: Any) -> dict[str, Any]:
    """The one JSON error shape: ``{"error": {"status", "message", ...}}``."""
    return {"error": {"status": status, "message": message, **extra}}


def _message(exc: BaseException, status: int) -> str:
    if isinstance(exc, HTTPException):
        return str(exc.detail)
    if isinstance(exc, Section16Error):
        return str(exc)
    return "internal error: the server could not answer this request; see its log"


async def handle_exception(request: Request, exc: Exception) -> Response:
    """Map any exception to a response in the one shape: JSON under ``/api``, HTML elsewhere."""
    status = status_of(exc)
    if status >= 500 and not isinstance(exc, Section16Error):
        _log.error("%s %s failed", request.method, request.url.path, exc_info=exc)
    message = _message(exc, status)
    extra: dict[str, Any] = {
        "type": type(exc).__name__ if not isinstance(exc, HTTPException) else "HTTPError"
    }
    if isinstance(exc, ParameterError) and exc.parameter:
        extra["parameter"] = exc.parameter
    headers = getattr(exc, "headers", None) if isinstance(exc, HTTPException) else None
    if request.url.path.startswith("/api"):
        return JSONResponse(error_body(status, message, **extra), status_code=status, headers=headers)
    from section16.web.pages import render_error

    return HTMLResponse(render_error(request, status, message), status_code=status, headers=headers)
