"""The one error shape of the web layer (datasette's tests/test_error_shape.py): every API failure is
``{"error": {"status", "message", "type", ...}}`` with the HTTP status repeated inside, produced by
``section16.web.errors.handle_exception``; pages answer the same status and message in HTML."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from section16.errors import ConfigError, NotFound, QueryError
from section16.web.errors import ParameterError, error_body, handle_exception, status_of


def _shape(body: Any, status: int) -> dict[str, Any]:
    assert set(body) == {"error"}
    error = body["error"]
    assert error["status"] == status
    assert isinstance(error["message"], str) and error["message"]
    assert isinstance(error["type"], str)
    assert set(error) <= {"status", "message", "type", "parameter"}
    return dict(error)


@pytest.mark.parametrize(
    ("url", "status", "kind"),
    [
        ("/api/filings/0000000000-00-000000", 404, "NotFound"),
        ("/api/filings/0000000000-00-000000/raw", 404, "NotFound"),
        ("/api/issuers/999999999", 404, "NotFound"),
        ("/api/insiders/999999999", 404, "NotFound"),
        ("/api/issuers/abc", 400, "ParameterError"),
        ("/api/trades?filed_from=yesterday", 400, "ParameterError"),
        ("/api/trades?sort=bogus", 400, "ParameterError"),
        ("/api/trades?min_value=lots", 400, "ParameterError"),
        ("/api/trades?page=0", 400, "ParameterError"),
        ("/api/trades?format=xlsx", 400, "ParameterError"),
        ("/api/cluster-buys?window=-1", 400, "ParameterError"),
        ("/api/no-such-endpoint", 404, "HTTPError"),
    ],
)
def test_api_errors_take_one_shape(client: Any, url: str, status: int, kind: str) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    error = _shape(response.json(), status)
    assert error["type"] == kind


def test_a_bad_parameter_is_named(client: Any) -> None:
    error = client.get("/api/trades?traded_to=2024-13-01").json()["error"]
    assert error["parameter"] == "traded_to"
    assert "traded_to" in error["message"] and "2024-13-01" in error["message"]


def test_wrong_method_is_405_in_the_shape(client: Any) -> None:
    response = client.post("/api/trades")
    _shape(response.json(), 405)


def test_pages_answer_the_same_status_and_message_in_html(client: Any) -> None:
    api = client.get("/api/filings/0000000000-00-000000").json()["error"]
    page = client.get("/filing/0000000000-00-000000")
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert api["message"].replace("'", "&#39;") in page.text


def test_an_unexpected_exception_is_a_500_in_the_shape_without_its_text() -> None:
    from starlette.testclient import TestClient

    def boom(request: Any) -> Any:
        raise RuntimeError("secret internals")

    app = Starlette(routes=[Route("/api/boom", boom)], exception_handlers={Exception: handle_exception})
    with TestClient(app, raise_server_exceptions=False) as c:
        response = c.get("/api/boom")
    assert response.status_code == 500
    error = _shape(response.json(), 500)
    assert "secret" not in error["message"]


def test_statuses_and_body() -> None:
    assert status_of(NotFound("x")) == 404
    assert status_of(QueryError("x")) == 400
    assert status_of(ParameterError("x", parameter="p")) == 400
    assert status_of(ConfigError("x")) == 503
    assert status_of(ValueError("x")) == 500
    assert error_body(418, "teapot", type="X") == {"error": {"status": 418, "message": "teapot", "type": "X"}}
