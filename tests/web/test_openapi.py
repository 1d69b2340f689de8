"""The API against its own OpenAPI document (schemathesis): for generated requests to every operation,
no server error, only documented statuses and content types, and bodies that match the schemas."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import schemathesis
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import (
        content_type_conformance,
        response_schema_conformance,
        status_code_conformance,
    )

from section16.web import create_app
from section16.web.openapi import openapi_document

_CHECKS = (not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance)


def _schema(db: Path) -> Any:
    return schemathesis.openapi.from_asgi("/api/openapi.json", create_app(db))


def test_document_lists_every_api_route() -> None:
    from section16.web.api import routes

    documented = set(openapi_document()["paths"])
    served = {r.path.replace(":str", "") for r in routes()} - {"/api/openapi.json"}
    assert served == documented


def test_the_api_conforms_to_its_document(web_db: Path) -> None:
    schema = _schema(web_db)
    operations = [op.ok() for op in schema.get_all_operations()]
    assert len(operations) == len(openapi_document()["paths"])
    failures: list[str] = []
    for operation in operations:
        strategy = operation.as_strategy()

        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given_case(strategy)
        def run(case: Any) -> None:
            case.call_and_validate(checks=_CHECKS)

        try:
            run()
        except Exception as exc:  # collect every operation's failure, then report them together
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)


def given_case(strategy: Any) -> Any:
    from hypothesis import given

    return given(case=strategy)
