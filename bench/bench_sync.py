"""Filings per second through ``section16 sync`` against the local fake EDGAR (tests/edgar/fake_edgar.py).

Three runs over the same filings, each into a fresh DuckDB store:

- ``polite``: the default client, 10 requests/s (SEC fair access): the bound EDGAR itself sets;
- ``cache``: the same again with the cache warm (what a resumed or repeated sync costs: no request);
- ``unthrottled``: the server's 429 switched off and the client's limit raised, to show what the
  reading, validating and storing cost without the network's 10/s.

Prints a table and then one JSON object. Usage: ``python bench/bench_sync.py [--limit N] [--workers N]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from section16.edgar import EdgarClient, FilingRef  # noqa: E402
from section16.services.sync import sync_refs  # noqa: E402
from section16.store import open_store  # noqa: E402
from tests.edgar.fake_edgar import FakeEdgar, load_corpus  # noqa: E402

UA = "section16 benchmark bench@example.com"


def _run(
    fake: FakeEdgar, refs: list[FilingRef], cache: Path, db: Path, rate: int, workers: int
) -> dict[str, float]:
    start = time.perf_counter()
    with (
        EdgarClient(user_agent=UA, base_url=fake.base_url, cache=cache, rate=rate) as client,
        open_store(db) as store,
    ):
        report = sync_refs(client, store, refs, workers=workers)
    seconds = time.perf_counter() - start
    if report.failed:
        raise SystemExit(f"benchmark sync failed: {report.errors[0]}")
    return {
        "filings": report.added,
        "seconds": round(seconds, 3),
        "per_second": round(report.added / seconds, 1),
        "requests": report.fetched,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--limit", type=int, default=100, help="filings per run")
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    filings = load_corpus(args.corpus / "submissions")[: args.limit]
    refs = [
        FilingRef(accession_number=f.accession, cik=f.issuer_cik, form_type=f.form, filed=f.filed)
        for f in filings
    ]
    fake = FakeEdgar(filings).start()
    results: dict[str, dict[str, float]] = {}
    try:
        with tempfile.TemporaryDirectory() as tmp:
            base = Path(tmp)
            results["polite"] = _run(fake, refs, base / "cache", base / "a.duckdb", 10, args.workers)
            results["cache"] = _run(fake, refs, base / "cache", base / "b.duckdb", 10, args.workers)
            fake.rate_limit = None
            results["unthrottled"] = _run(fake, refs, base / "cache2", base / "c.duckdb", 1000, args.workers)
    finally:
        fake.stop()
    polite = results["polite"]["per_second"]
    print(f"{'run':<12} {'filings':>8} {'seconds':>8} {'filings/s':>10} {'x polite':>9}")
    for name, row in results.items():
        print(
            f"{name:<12} {row['filings']:>8} {row['seconds']:>8} {row['per_second']:>10} "
            f"{row['per_second'] / polite:>9.1f}"
        )
    print(
        json.dumps({"bench": "sync", "limit": args.limit, "workers": args.workers, "runs": results}, indent=2)
    )


if __name__ == "__main__":
    main()
