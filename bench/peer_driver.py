"""Times the peer (edgartools) on a list of files; run by ``bench_parse.py`` with the PEER's venv python.

This script never imports section16 and section16 never imports edgartools: the peer lives in its own
virtual environment (``/tmp/section16-peer-venv`` by default) and is driven as a subprocess.

    PEER_PYTHON peer_driver.py --peers-dir DIR --list FILES.txt --repeat N --out RESULT.json

``--peers-dir`` holds ``edgartools_parse.py`` (the shared peer wrapper: owner look-up stubbed, offline).
Each round parses every file with ``edgartools_parse.parse`` and builds its transaction tables, as
``corpus_bench.py`` does; the files are read and decoded before the clock starts (and, with ``--warm-up``,
the first file parsed once, untimed: ``bench_parse.py`` runs one round a process so). The best round is
reported, with every round's seconds, in a JSON object written to ``--out`` (stdout is left to the peer,
which may log there).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import importlib.metadata
import json
import sys
import time
from pathlib import Path
from typing import Any


def _run_once(parse: Any, names: list[str], texts: list[str]) -> tuple[float, list[list[str]], int]:
    fails: list[list[str]] = []
    rows = 0
    gc.collect()
    start = time.perf_counter()
    for name, text in zip(names, texts, strict=True):
        try:
            own = parse(text)
            for table in (own.non_derivative_table, own.derivative_table):
                if table is not None and table.has_transactions:
                    rows += len(table.transactions.data)
        except Exception as exc:  # the peer's failures are counted, never fatal
            fails.append([name, f"{type(exc).__name__}: {exc}"[:200]])
    return time.perf_counter() - start, fails, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peers-dir", required=True, type=Path)
    parser.add_argument("--list", required=True, type=Path, help="a file naming one input file a line")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument(
        "--warm-up", action="store_true", help="parse the first file once, untimed, before the rounds"
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(args.peers_dir))
    peer = importlib.import_module("edgartools_parse")  # sets EDGAR_IDENTITY, stubs the owner look-up

    paths = [Path(line) for line in args.list.read_text(encoding="utf-8").splitlines() if line]
    names = [p.name for p in paths]
    texts = [p.read_bytes().decode("utf-8", "replace") for p in paths]

    rounds: list[float] = []
    fails: list[list[str]] = []
    rows = 0
    if args.warm_up and texts:  # what Python does on a first call: imports made lazily, code specialised
        _run_once(peer.parse, names[:1], texts[:1])
    for _ in range(max(1, args.repeat)):
        seconds, fails, rows = _run_once(peer.parse, names, texts)
        rounds.append(seconds)

    result = {
        "tool": "edgartools",
        "version": importlib.metadata.version("edgartools"),
        "python": sys.version.split()[0],
        "files": len(paths),
        "failures": len(fails),
        "fail_examples": fails[:8],
        "transaction_rows": rows,
        "rounds_s": rounds,
    }
    args.out.write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
