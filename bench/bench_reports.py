"""Report latency on a store of about 10 million transaction rows: each report of
``section16.services.reports``, median of several runs, printed as a table.

    .venv/bin/python bench/bench_reports.py [--rows 10000000] [--source-db FILE] [--repeat 5]

The database (``--db``, default ``/tmp/section16-bench/reports-<rows>.duckdb``) is built once and reused
by later runs:

1. a base store of synth filings: ``--source-db`` (default: the store ``bench_ingest.py`` leaves for its
   1,000,000 synth filings); when there is none, ``--filings`` synth filings are generated and ingested;
2. the base is copied and its filings replicated until the store holds at least ``--rows`` transaction
   rows (Table I and II): copy *k* takes every filing with a new key (``<key>#k``), new issuer CIKs,
   tickers (``<ticker>.k``) and owner CIKs (offset by *k* x 10^8), so each copy is a distinct set of
   issuers and insiders with the synth data's shape, not more rows for the same ones.

With ``--postgres URL`` the reports are timed on an existing PostgreSQL store instead (nothing is built:
fill it first with ``section16 ingest ... --db URL``); the report indexes are created if missing.

Each report runs once untimed (warm-up), then ``--repeat`` times; the median and the fastest are shown.
It asserts no time: the goal (every report under 200 ms) is reported, not enforced.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_parse import machine

from section16.services import reports
from section16.services.ingest import ingest
from section16.services.short_swing import ShortSwingFilter, short_swing
from section16.services.synth import synthesize
from section16.store import Store, open_store
from section16.store.duckdb import DuckDBStore
from section16.store.schema import CHILD_TABLES

GOAL_MS = 200.0  # at most, every report on 10 million transaction rows (issue 3)
DEFAULT_WORK = Path("/tmp/section16-bench")
_OFFSET = 100_000_000  # added to every CIK per copy; synth CIKs stay below 10^10


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _transactions(con: duckdb.DuckDBPyConnection) -> int:
    got = con.execute(
        "SELECT (SELECT count(*) FROM non_derivative_transactions) "
        "+ (SELECT count(*) FROM derivative_transactions)"
    ).fetchone()
    return int(got[0]) if got else 0


def _cik(expr: str, k: int) -> str:
    """SQL for a CIK text moved by copy ``k`` (10 digits, NULL stays NULL)."""
    return f"lpad(CAST(CAST({expr} AS BIGINT) + {k * _OFFSET} AS VARCHAR), 10, '0')"


def _replicate(con: duckdb.DuckDBPyConnection, k: int) -> None:
    """Copy ``k`` of the base filings (those whose key has no ``#``), in one transaction."""
    con.execute("BEGIN")
    base = "filing_key NOT LIKE '%#%'"
    renamed = {
        "filing_key": f"filing_key || '#{k}'",
        "accession_number": f"accession_number || '#{k}'",
        "issuer_cik": _cik("issuer_cik", k),
        "issuer_trading_symbol": f"issuer_trading_symbol || '.{k}'",
        "owner_ciks": (
            f"array_to_string(list_transform(string_split(owner_ciks, ','), lambda x: {_cik('x', k)}), ',')"
        ),
        "amends_accession": f"amends_accession || '#{k}'",
        "rpt_owner_cik": _cik("rpt_owner_cik", k),
        # Derived columns of filings follow the columns they derive from (section16.store.rows).
        "insider_cik": _cik("insider_cik", k),
        "issuer_key": (
            f"COALESCE(LTRIM({_cik('issuer_cik', k)}, '0'), UPPER(TRIM(issuer_trading_symbol || '.{k}')), '')"
        ),
        "ticker": f"UPPER(TRIM(issuer_trading_symbol || '.{k}'))",
    }
    for table in ("filings", *(t.name for t in CHILD_TABLES)):
        columns = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
        select = ", ".join(renamed.get(c, c) for c in columns)
        con.execute(f"INSERT INTO {table} SELECT {select} FROM {table} WHERE {base}")
    con.execute("COMMIT")


def build(db: Path, rows: int, source: Path, filings: int, work: Path) -> dict[str, Any]:
    """The report database at ``db`` with at least ``rows`` transaction rows, built once."""
    if db.exists():
        with duckdb.connect(str(db), read_only=True) as con:
            have = _transactions(con)
        if have >= rows:
            return {"db": str(db), "built": False, "transaction_rows": have}
        db.unlink()
    start = time.perf_counter()
    if not source.exists():
        folder = work / f"synth-{filings}"
        if not (folder / ".complete").exists():
            _log(f"generating {filings} synth filings into {folder} ...")
            synthesize(folder, filings=filings)
            (folder / ".complete").write_text(f"{filings}\n", encoding="utf-8")
        source = work / f"reports-base-{filings}.duckdb"
        _log(f"ingesting them into {source} ...")
        source.unlink(missing_ok=True)
        with DuckDBStore(source) as store:
            ingest([folder], store, validate=True)
    _log(f"copying {source} to {db} and replicating up to {rows:,} transaction rows ...")
    shutil.copyfile(source, db)
    con = duckdb.connect(str(db))
    try:
        con.execute("CHECKPOINT")
        per_copy = _transactions(con)
        if per_copy == 0:
            raise SystemExit(f"{source}: no transaction rows to replicate")
        copies = -(-rows // per_copy)
        for k in range(1, copies):
            _log(f"  copy {k} of {copies - 1} ...")
            _replicate(con, k)
        # The copies' filings are new to the derived tables (latest_holdings, the issuer summaries).
        con.execute("INSERT INTO holdings_dirty SELECT filing_key FROM filings WHERE filing_key LIKE '%#%'")
        con.execute("CHECKPOINT")
        have = _transactions(con)
    finally:
        con.close()
    _log("ranking holdings and summarising issuers of the copies ...")
    with DuckDBStore(db) as store:
        store.refresh_holdings()
    return {
        "db": str(db),
        "built": True,
        "transaction_rows": have,
        "build_s": round(time.perf_counter() - start, 1),
    }


def _busiest(store: Store) -> tuple[str, str]:
    """A ticker with the most filings and its most active insider's name: the heaviest single-issuer and
    single-insider reports."""
    ticker = store.query(
        "SELECT issuer_trading_symbol FROM filings WHERE issuer_trading_symbol IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
    )[0][0]
    name = store.query(
        "SELECT o.rpt_owner_name FROM owners o JOIN non_derivative_transactions t USING (filing_key) "
        "WHERE o.rpt_owner_name IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1"
    )[0][0]
    return str(ticker), str(name)


def cases(store: Store) -> list[tuple[str, Callable[[], reports.Report]]]:
    """Every report, with the filters its command uses by default (and a few typical narrower ones)."""
    ticker, name = _busiest(store)
    r, s = reports, store
    return [
        ("trades (latest 100)", lambda: r.trades(s)),
        (
            "trades purchases >$1M",
            lambda: r.trades(s, r.TradeFilter(codes=("P",), min_value=Decimal(1_000_000))),
        ),
        ("trades incl. derivative", lambda: r.trades(s, r.TradeFilter(include_derivative=True))),
        (f"trades ticker={ticker}", lambda: r.trades(s, r.TradeFilter(ticker=ticker))),
        ("cluster-buys", lambda: r.cluster_buys(s)),
        (f"insiders {ticker}", lambda: r.insiders(s, r.InsidersFilter(ticker=ticker))),
        (f"insider {name!r}", lambda: r.insider(s, name)),
        ("holdings (first 1000)", lambda: r.holdings(s)),
        (f"holdings ticker={ticker}", lambda: r.holdings(s, r.HoldingsFilter(ticker=ticker))),
        ("net-activity", lambda: r.net_activity(s)),
        ("late (latest 100)", lambda: r.late_filings(s)),
        ("late by insider", lambda: r.late_filings(s, r.LateFilter(by="insider"))),
        (f"late ticker={ticker}", lambda: r.late_filings(s, r.LateFilter(ticker=ticker))),
        (f"short-swing ticker={ticker}", lambda: short_swing(s, ShortSwingFilter(ticker=ticker))),
        (f"short-swing insider {name!r}", lambda: short_swing(s, ShortSwingFilter(insider=name))),
    ]


def time_reports(db: Path | str, repeat: int, threads: int | None) -> tuple[list[dict[str, Any]], int | None]:
    """Each report's timings, and the DuckDB threads they ran with (None on PostgreSQL)."""
    out: list[dict[str, Any]] = []
    postgres = isinstance(db, str)
    with open_store(db) if postgres else DuckDBStore(db) as store:
        used: int | None = None
        if postgres:
            reports.ensure_report_indexes(store)
        else:
            if threads:
                store.query(f"SET threads = {int(threads)}")
            used = int(store.query("SELECT current_setting('threads')")[0][0])
        for label, run in cases(store):
            _log(f"  {label} ...")
            got = run()  # warm-up, untimed
            seconds = []
            for _ in range(repeat):
                start = time.perf_counter()
                run()
                seconds.append(time.perf_counter() - start)
            median_ms = statistics.median(seconds) * 1000
            out.append(
                {
                    "report": label,
                    "rows": len(got),
                    "median_ms": round(median_ms, 1),
                    "best_ms": round(min(seconds) * 1000, 1),
                    "runs_ms": [round(x * 1000, 1) for x in seconds],
                    "goal_met": median_ms <= GOAL_MS,
                }
            )
    return out, used


def render_table(result: dict[str, Any]) -> str:
    lines = [
        f"== reports on {result['database']['transaction_rows']:,} transaction rows, "
        f"median of {result['repeat']} "
        + (f"(DuckDB threads: {result['duckdb_threads']})" if result["duckdb_threads"] else "(PostgreSQL)"),
        f"{'report':<40} {'rows':>6} {'median ms':>10} {'best ms':>9}  goal <= {GOAL_MS:g} ms",
    ]
    for got in result["reports"]:
        lines.append(
            f"{got['report'][:40]:<40} {got['rows']:>6} {got['median_ms']:>10.1f} {got['best_ms']:>9.1f}  "
            f"{'met' if got['goal_met'] else 'NOT met'}"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=10_000_000, help="transaction rows to reach")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="where databases are built")
    parser.add_argument("--db", type=Path, default=None, help="the report database (built once, reused)")
    parser.add_argument("--source-db", type=Path, default=None, help="a synth store to replicate")
    parser.add_argument("--filings", type=int, default=1_000_000, help="synth filings when no --source-db")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per report; the median is shown")
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: DuckDB's)")
    parser.add_argument("--postgres", default=None, help="time an existing PostgreSQL store (URL) instead")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.postgres:
        return _postgres(args.postgres, args.repeat)
    args.work.mkdir(parents=True, exist_ok=True)
    db = args.db or args.work / f"reports-{args.rows}.duckdb"
    source = args.source_db or args.work / f"bench-ingest-synth-{args.filings}.duckdb"
    database = build(db, args.rows, source, args.filings, args.work)
    result: dict[str, Any] = {
        "bench": "reports",
        "repeat": args.repeat,
        "goal_ms": GOAL_MS,
        "duckdb_threads": None,
        "database": database,
        "machine": {**machine(), "duckdb": duckdb.__version__},
    }
    _log(f"timing reports on {db} ...")
    result["reports"], result["duckdb_threads"] = time_reports(db, args.repeat, args.threads)
    print(render_table(result))
    print(json.dumps(result, indent=2, default=str))
    return 0


def _postgres(url: str, repeat: int) -> int:
    with open_store(url) as store:
        rows = store.count("non_derivative_transactions") + store.count("derivative_transactions")
        filings = store.count("filings")
    result: dict[str, Any] = {
        "bench": "reports",
        "repeat": repeat,
        "goal_ms": GOAL_MS,
        "duckdb_threads": None,
        "database": {"postgresql": url.rsplit("@", 1)[-1], "filings": filings, "transaction_rows": rows},
        "machine": machine(),
    }
    _log(f"timing reports on PostgreSQL ({filings:,} filings) ...")
    result["reports"], _ = time_reports(url, repeat, None)
    print(render_table(result))
    print(json.dumps(result, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
