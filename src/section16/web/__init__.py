"""The web UI and JSON API (issue 7): an ASGI app (Starlette) over a store, served by ``section16 serve``.

:func:`create_app` builds the app over a store (a DuckDB file, opened read-only, or a PostgreSQL URL);
pages live in :mod:`section16.web.pages`, the API in :mod:`section16.web.api` (described by
:mod:`section16.web.openapi`), every error answered by :func:`section16.web.errors.handle_exception`.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

from section16.errors import Section16Error
from section16.store import Store
from section16.web import api, pages
from section16.web._store import SharedStore, open_shared_store
from section16.web.errors import handle_exception

__all__ = ["STATIC", "create_app"]

STATIC = Path(__file__).parent / "static"


def create_app(db: str | os.PathLike[str] | Store | None = None) -> Starlette:
    """The app over the store ``db`` names (``./section16.duckdb`` when None), or over a given
    :class:`Store`; the store opens when the app starts and closes when it stops."""
    store: Store = db if isinstance(db, Store) else open_shared_store(db)
    if not isinstance(store, SharedStore):
        store = SharedStore(inner=store)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            store.close()

    app = Starlette(
        routes=[
            *api.routes(),
            *pages.routes(),
            Mount("/static", app=StaticFiles(directory=STATIC), name="static"),
        ],
        exception_handlers={
            Section16Error: handle_exception,
            HTTPException: handle_exception,
            Exception: handle_exception,
        },
        middleware=[Middleware(GZipMiddleware, minimum_size=1000)],
        lifespan=lifespan,
    )
    app.state.store = store
    return app
