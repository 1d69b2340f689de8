"""Fixtures of the web tests: a small DuckDB store ingested from invented filings (``section16 synth``,
as complete submissions so filing dates and late findings exist) plus, where the corpus is there, a few
real submissions; the app over it, in-process."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from section16.services.ingest import ingest
from section16.services.synth import synthesize
from section16.store import open_store
from tests.conftest import corpus_files

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 over httpx in its TestClient; httpx is what the project depends on.
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from section16.web import create_app


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A DuckDB store of 300 invented filings and up to 15 real submissions from the corpus."""
    base = tmp_path_factory.mktemp("web")
    synthesize(base / "synth", filings=300, seed=16, submissions=True)
    paths: list[Any] = sorted((base / "synth").rglob("*.txt"))
    paths += corpus_files("submissions", "*.txt")[:15]
    db = base / "web.duckdb"
    with open_store(db) as store:
        report = ingest(paths, store)
    assert report.added >= 300, report
    return db


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[TestClient]:
    """The app over :func:`web_db`, in-process; server errors come back as responses, not raised."""
    with TestClient(create_app(web_db), raise_server_exceptions=False) as c:
        yield c
