"""Loads filings into DuckDB through the peer (edgartools); run by ``bench_ingest.py`` with the PEER's venv
python (which has edgartools and duckdb, never section16).

    PEER_PYTHON peer_ingest_driver.py --peers-dir DIR --list FILES.txt --db FILE.duckdb --table NAME
        --out RESULT.json

What is timed is the peer's whole way from files to a database table, as a user of it would write it:
read and decode each file, ``edgartools_parse.parse`` (the shared offline wrapper), take its
non-derivative and derivative transaction DataFrames, tag them with the file name and the table, concat
them, and load the result into ``--table`` of ``--db`` (replaced) in one ``CREATE TABLE AS``. The result
(seconds, files, failures, rows) is written as JSON to ``--out``.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.metadata
import json
import sys
import time
from pathlib import Path
from typing import Any


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--peers-dir", required=True, type=Path)
    parser.add_argument("--list", required=True, type=Path, help="a file naming one input file a line")
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--table", default="peer_edgartools_transactions")
    parser.add_argument("--out", required=True, type=Path)
    args = parser.parse_args(argv)

    sys.path.insert(0, str(args.peers_dir))
    peer = importlib.import_module("edgartools_parse")  # sets EDGAR_IDENTITY, stubs the owner look-up
    import duckdb
    import pandas as pd

    paths = [Path(line) for line in args.list.read_text(encoding="utf-8").splitlines() if line]
    fails: list[list[str]] = []
    for path in paths[:1]:  # warm-up, untimed: the peer's lazy imports happen on its first parse
        with contextlib.suppress(Exception):  # a failure is counted in the timed pass
            peer.parse(path.read_bytes().decode("utf-8", "replace"))
    start = time.perf_counter()
    frames: list[Any] = []
    for path in paths:
        try:
            own = peer.parse(path.read_bytes().decode("utf-8", "replace"))
            for name, table in (
                ("non_derivative", own.non_derivative_table),
                ("derivative", own.derivative_table),
            ):
                if table is not None and table.has_transactions:
                    frame = table.transactions.data.copy()
                    frame["source_file"] = path.name
                    frame["peer_table"] = name
                    frames.append(frame)
        except Exception as exc:  # the peer's failures are counted, never fatal
            fails.append([path.name, f"{type(exc).__name__}: {exc}"[:200]])
    parsed = time.perf_counter()
    rows = 0
    con = duckdb.connect(str(args.db))
    try:
        if frames:
            # pandas' object columns hold mixed Python values; as text they load whatever they hold.
            batch = pd.concat(frames, ignore_index=True).astype(str)
            con.register("peer_batch", batch)
            con.execute(f"CREATE OR REPLACE TABLE {args.table} AS SELECT * FROM peer_batch")
            con.unregister("peer_batch")
            rows = int(con.execute(f"SELECT count(*) FROM {args.table}").fetchone()[0])  # type: ignore[index]
    finally:
        con.close()
    done = time.perf_counter()

    result = {
        "tool": "edgartools",
        "version": importlib.metadata.version("edgartools"),
        "duckdb": duckdb.__version__,
        "python": sys.version.split()[0],
        "files": len(paths),
        "failures": len(fails),
        "fail_examples": fails[:8],
        "transaction_rows": rows,
        "parse_s": parsed - start,
        "load_s": done - parsed,
        "seconds": done - start,
    }
    args.out.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
