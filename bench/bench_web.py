"""Latency of the web UI and JSON API (server time, in-process: Starlette TestClient, no network) on a
big store: each page and API call timed over a few runs, median and worst printed. Nothing is asserted.

    .venv/bin/python bench/bench_web.py [DB]

DB defaults to engineer K's benchmark store under /tmp/section16-K/ when it is there, else a store of
3,000 invented filings built in a temporary folder."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from section16.errors import Section16Error
from section16.web import create_app

RUNS = 5


def _database(argv: list[str], scratch: Path) -> Path:
    if argv:
        return Path(argv[0])
    for candidate in [*sorted(Path("/tmp/section16-K").glob("*.duckdb")), Path("/tmp/h_demo/big.duckdb")]:
        if candidate.is_file():
            return candidate
    from section16.services.ingest import ingest
    from section16.services.synth import synthesize
    from section16.store import open_store

    synthesize(scratch / "synth", filings=3000, seed=7, submissions=True)
    db = scratch / "bench.duckdb"
    with open_store(db) as store:
        ingest(sorted((scratch / "synth").rglob("*.txt")), store)
    return db


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = _database(argv, Path(tmp))
        try:
            app = create_app(db)
        except Section16Error as exc:
            sys.exit(f"bench_web: {exc}")
        with TestClient(app) as client:
            latest = client.get("/api/filings?per_page=1").json()["rows"][0]
            issuer, insider, key = latest["issuer_cik"], latest["insider_cik"], latest["filing_key"]
            urls = [
                "/",
                "/screener",
                "/screener?code=P&sort=value&page=5",
                "/clusters",
                "/late",
                "/late?by=insider",
                f"/short-swing?issuer_cik={issuer}",
                f"/issuer/{issuer}",
                f"/insider/{insider}",
                f"/filing/{key}",
                "/api/filings",
                "/api/trades?code=P,S&min_value=-1e12",
                "/api/trades?format=csv&limit=10000",
                "/api/cluster-buys",
                "/api/late-filings?by=issuer",
                f"/api/short-swing?issuer_cik={issuer}&by=insider",
                f"/api/issuers/{issuer}",
                f"/api/insiders/{insider}",
                f"/api/filings/{key}",
                "/api/search?q=a",
            ]
            filings = client.app.state.store.count("filings")  # type: ignore[attr-defined]
            print(f"store: {db} ({filings:,} filings); {RUNS} runs per URL, server time in ms")
            print(f"{'url':<48} {'median':>8} {'worst':>8} {'bytes':>9}")
            for url in urls:
                times: list[float] = []
                size = 0
                for _ in range(RUNS):
                    start = time.perf_counter()
                    response = client.get(url)
                    times.append((time.perf_counter() - start) * 1000)
                    size = len(response.content)
                    if response.status_code != 200:
                        print(f"{url}: HTTP {response.status_code}", file=sys.stderr)
                print(f"{url[:48]:<48} {statistics.median(times):>8.1f} {max(times):>8.1f} {size:>9,}")


if __name__ == "__main__":
    main(sys.argv[1:])
