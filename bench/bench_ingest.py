"""Ingest speed of section16 into DuckDB, on the corpus and on generated filings, side by side with the peer
(edgartools) loading the same corpus into the same database, in one run.

    .venv/bin/python bench/bench_ingest.py [--corpus DIR] [--filings N] [--repeat N] [--no-peer]

1. corpus: each suite (``corpus/xml/*.xml``, ``corpus/submissions/*.txt``) is ingested with
   ``section16.services.ingest.ingest`` into a fresh DuckDB file (``--repeat`` rounds, best kept, each in
   a new process so that none is helped by what the reader remembered of the one before), then the peer
   loads the same files into a table of that same file (``bench/peer_ingest_driver.py`` in the peer's
   own venv: edgartools plus duckdb of the project's version, created once);
2. synth: ``--filings`` generated filings (default 1,000,000; ``section16.services.synth.synthesize``, written
   once into ``--work`` and reused by later runs) are ingested into a fresh DuckDB file, one round.

Ingest is timed from paths to committed rows: reading the files, the reader, validation findings (unless
``--no-validate``), row building, raw-document compression and the load. DuckDB runs with ``--threads``
(default 1) and the process (and the peer's, which inherits it) is pinned to one CPU core (``--cpu``,
default the last core; ``--cpu -1`` does not pin), so that "one core" is what is measured, waiting on the
disk included; CPU seconds of the process are shown beside the wall clock. The script prints a table,
then the results as one JSON object (the last thing on stdout). It asserts no time: the goal (at least
2,000 filings/s) is reported, not enforced.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_parse import (
    DEFAULT_CORPUS,
    DEFAULT_PEER_VENV,
    DEFAULT_PEERS,
    SUITES,
    ensure_peer_python,
    in_fresh_process,
    machine,
)

from section16.services.ingest import ingest
from section16.services.synth import synthesize
from section16.store.duckdb import DuckDBStore

GOAL_FILINGS_PER_S = 2000.0  # at least, end to end into DuckDB on one core (issue 3)
PEER_DRIVER = Path(__file__).resolve().with_name("peer_ingest_driver.py")
DEFAULT_WORK = Path("/tmp/section16-bench")
PEER_TABLE = "peer_edgartools_transactions"


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fresh(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + ".wal")):
        candidate.unlink(missing_ok=True)


def ingest_once(paths: Sequence[Path], db: Path, *, threads: int, validate: bool) -> dict[str, Any]:
    """One ingest of ``paths`` into a fresh DuckDB file ``db``; seconds (wall and CPU) and counts."""
    _fresh(db)
    cpu, wall = time.process_time(), time.perf_counter()
    with DuckDBStore(db) as store:
        store.query(f"SET threads = {int(threads)}")
        report = ingest(paths, store, validate=validate)
        transactions = store.count("non_derivative_transactions") + store.count("derivative_transactions")
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {
        "filings": report.added,
        "skipped": report.skipped,
        "failures": report.failed,
        "fail_examples": [str(e)[:200] for e in report.errors[:8]],
        "transaction_rows": transactions,
        "seconds": round(wall, 4),
        "cpu_seconds": round(cpu, 4),
        "filings_per_s": round(report.added / wall, 1) if wall > 0 else None,
        "filings_per_cpu_s": round(report.added / cpu, 1) if cpu > 0 else None,
        "db_bytes": db.stat().st_size,
    }


def corpus_round(paths: Sequence[Path], db: Path, *, threads: int, validate: bool) -> dict[str, Any]:
    """One timed corpus ingest, run in a new process (:func:`bench_parse.in_fresh_process`) so that it is
    not helped by what the reader and validation remembered of the rounds before. An untimed ingest of
    the first file into a scratch store first does the imports made lazily on first use."""
    scratch = db.with_name(db.name + ".warm-up")
    ingest_once(paths[:1], scratch, threads=threads, validate=validate)
    _fresh(scratch)
    return ingest_once(paths, db, threads=threads, validate=validate)


def ensure_peer_ingest_python(venv: Path) -> Path:
    """The peer venv's python with edgartools and the project's duckdb version (so both write the same
    file format); installs duckdb into it once."""
    python = ensure_peer_python(venv)
    probe = [str(python), "-c", f"import duckdb; assert duckdb.__version__ == {duckdb.__version__!r}"]
    if subprocess.run(probe, capture_output=True, check=False).returncode != 0:
        _log(f"installing duckdb=={duckdb.__version__} into the peer venv {venv} (once) ...")
        pip = [str(python), "-m", "pip", "install", "-q", f"duckdb=={duckdb.__version__}"]
        subprocess.run(pip, check=True)
    return python


def peer_ingest(python: Path, peers_dir: Path, paths: Sequence[Path], db: Path) -> dict[str, Any]:
    """The peer loads ``paths`` into table ``peer_edgartools_transactions`` of ``db``."""
    with tempfile.TemporaryDirectory(prefix="section16-bench-") as tmp:
        listing, out = Path(tmp) / "files.txt", Path(tmp) / "peer.json"
        listing.write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
        cmd = [str(python), str(PEER_DRIVER), "--peers-dir", str(peers_dir), "--list", str(listing)]
        cmd += ["--db", str(db), "--table", PEER_TABLE, "--out", str(out)]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode != 0 or not out.exists():
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise RuntimeError(f"peer ingest driver exited {done.returncode}: {' | '.join(tail)}")
        got: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    seconds = float(got["seconds"])
    got["filings"] = int(got["files"]) - int(got["failures"])
    got["filings_per_s"] = round(got["filings"] / seconds, 1) if seconds > 0 else None
    return got


def _best(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    best = dict(min(rounds, key=lambda r: r["seconds"]))
    best["rounds_s"] = [r["seconds"] for r in rounds]
    return best


def _ratio(section16: dict[str, Any] | None, peer: dict[str, Any] | None) -> float | None:
    if not section16 or not peer or not section16.get("filings_per_s") or not peer.get("filings_per_s"):
        return None
    return round(float(section16["filings_per_s"]) / float(peer["filings_per_s"]), 2)


def run_corpus(args: argparse.Namespace, peer_python: Path | None, peer_error: str | None) -> dict[str, Any]:
    suites: dict[str, Any] = {}
    for suite in args.suite or list(SUITES):
        folder, pattern = SUITES[suite]
        paths = sorted(p for p in (args.corpus / folder).glob(pattern) if p.is_file())[: args.limit]
        if not paths:
            _log(f"[{suite}] no {pattern} files under {args.corpus / folder}; skipped")
            continue
        db = args.work / f"bench-ingest-{suite}.duckdb"
        for path in paths:  # the files into the page cache
            path.read_bytes()
        _log(f"[{suite}] section16 ingest of {len(paths)} files, best of {args.repeat} ...")
        rounds = [
            in_fresh_process(corpus_round, paths, db, threads=args.threads, validate=args.validate)
            for _ in range(args.repeat)
        ]
        got: dict[str, Any] = {"files": len(paths), "db": str(db), "section16": _best(rounds)}
        got["peer"], got["peer_error"] = None, peer_error
        if peer_python is not None:
            _log(f"[{suite}] peer (edgartools) into the same database ...")
            try:
                got["peer"] = peer_ingest(peer_python, args.peers_dir, paths, db)
            except (RuntimeError, OSError, ValueError, KeyError) as exc:
                got["peer_error"] = str(exc)
        got["section16_over_peer"] = _ratio(got["section16"], got["peer"])
        suites[suite] = got
    return suites


def ensure_synth(filings: int, work: Path, jobs: int) -> Path:
    """``filings`` synth filings under ``work``, generated once (a marker file says it is complete)."""
    folder = work / f"synth-{filings}"
    marker = folder / ".complete"
    if marker.exists():
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    _log(f"[synth] generating {filings} filings into {folder} (once, {jobs} job(s)) ...")
    synthesize(folder, filings=filings, jobs=jobs)
    marker.write_text(f"{filings}\n", encoding="utf-8")
    return folder


def run_synth(args: argparse.Namespace) -> dict[str, Any] | None:
    if args.filings <= 0:
        return None
    folder = ensure_synth(args.filings, args.work, args.jobs)
    db = args.work / f"bench-ingest-synth-{args.filings}.duckdb"
    _log(f"[synth] section16 ingest of {args.filings} filings into {db} ...")
    got = ingest_once([folder], db, threads=args.threads, validate=args.validate)
    return {"files": args.filings, "folder": str(folder), "db": str(db), "section16": got}


def _fmt(value: Any, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def render_table(result: dict[str, Any]) -> str:
    head = f"{'run':<20} {'tool':<10} {'filings':>9} {'fail':>5} {'wall s':>8} {'cpu s':>8} {'filings/s':>10}"
    lines = [head]

    def row(run: str, tool: str, got: dict[str, Any] | None, error: str | None = None) -> None:
        if got is None:
            lines.append(f"{run:<20} {tool:<10} {'-':>9} {'-':>5} {'-':>8} {'-':>8} {'-':>10}  {error or ''}")
            return
        lines.append(
            f"{run:<20} {tool:<10} {got['filings']:>9} {got['failures']:>5} {_fmt(got['seconds'], '.2f'):>8} "
            f"{_fmt(got.get('cpu_seconds'), '.2f'):>8} {_fmt(got['filings_per_s'], ',.0f'):>10}"
        )

    for suite, got in result["corpus"].items():
        row(f"corpus/{suite}", "section16", got["section16"])
        row(f"corpus/{suite}", "peer", got["peer"], got["peer_error"])
    synth = result["synth"]
    if synth is not None:
        row(f"synth/{synth['files']}", "section16", synth["section16"])
    lines.append("")
    core = result.get("pinned_to_core")
    lines.append(f"process pinned to core {core}" if core is not None else "process not pinned to a core")
    goal = result["goal_filings_per_s"]
    for suite, got in result["corpus"].items():
        lines.append(
            f"corpus/{suite}: section16 {_fmt(got['section16']['filings_per_s'], ',.0f')} filings/s "
            f"(goal >= {goal:,.0f}: {'met' if got['section16']['filings_per_s'] >= goal else 'NOT met'}); "
            f"section16/peer = {_fmt(got['section16_over_peer'], '.1f')}x"
        )
    if synth is not None:
        rate = synth["section16"]["filings_per_s"]
        lines.append(
            f"synth/{synth['files']}: section16 {_fmt(rate, ',.0f')} filings/s "
            f"(goal >= {goal:,.0f}: {'met' if rate and rate >= goal else 'NOT met'}), "
            f"{synth['section16']['transaction_rows']:,} transaction rows, "
            f"{synth['section16']['db_bytes'] / 1e6:,.0f} MB"
        )
    return "\n".join(lines)


def _pin(cpu: int | None) -> int | None:
    """Pin this process to one core (``cpu``, else the last one the process may use); None when not
    pinned (``-1``, or a platform without ``sched_setaffinity``)."""
    if cpu == -1 or not hasattr(os, "sched_setaffinity"):
        return None
    core = cpu if cpu is not None else max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    _log(f"pinned to core {core} (the peer's subprocess inherits it)")
    return core


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="holds xml/ and submissions/")
    parser.add_argument("--suite", choices=sorted(SUITES), action="append", help="corpus suite(s) to run")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files of each suite")
    parser.add_argument("--repeat", type=int, default=3, help="corpus rounds; the best is kept")
    parser.add_argument("--filings", type=int, default=1_000_000, help="synth filings to ingest (0: none)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="synth files and databases go here")
    parser.add_argument("--jobs", type=int, default=1, help="processes for generating synth filings")
    parser.add_argument("--threads", type=int, default=1, help="DuckDB threads during ingest")
    parser.add_argument("--cpu", type=int, default=None, help="pin to this core (default: last; -1: none)")
    parser.add_argument("--no-validate", dest="validate", action="store_false", help="store no findings")
    parser.add_argument("--no-peer", action="store_true", help="skip the peer (edgartools)")
    parser.add_argument("--peer-venv", type=Path, default=DEFAULT_PEER_VENV, help="the peer's own venv")
    parser.add_argument("--peers-dir", type=Path, default=DEFAULT_PEERS, help="holds edgartools_parse.py")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not args.corpus.is_dir():
        parser.error(f"corpus folder not found: {args.corpus}")
    args.work.mkdir(parents=True, exist_ok=True)
    pinned = _pin(args.cpu)

    peer_python: Path | None = None
    peer_error: str | None = "not run (--no-peer)" if args.no_peer else None
    if not args.no_peer:
        try:
            peer_python = ensure_peer_ingest_python(args.peer_venv)
        except (subprocess.CalledProcessError, OSError) as exc:
            peer_error = f"peer venv unavailable at {args.peer_venv}: {exc}"
            _log(peer_error)

    result: dict[str, Any] = {
        "bench": "ingest",
        "repeat": args.repeat,
        "validate": args.validate,
        "duckdb_threads": args.threads,
        "pinned_to_core": pinned,
        "goal_filings_per_s": GOAL_FILINGS_PER_S,
        "machine": {**machine(), "duckdb": duckdb.__version__},
    }
    result["corpus"] = run_corpus(args, peer_python, peer_error)
    result["synth"] = run_synth(args)
    print(render_table(result))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
