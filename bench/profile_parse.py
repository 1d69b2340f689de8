"""Where section16's reader spends its time: cProfile over ``read_filing`` on every file of a corpus suite.

    .venv/bin/python bench/profile_parse.py [--corpus DIR] [--suite xml|submissions] [--top N]
        [--sort tottime|cumulative] [--out FILE.prof]

The files are read into memory first; only the ``read_filing`` calls are profiled. Prints the top ``N``
functions by own time (``tottime``) or by time including callees (``cumulative``); ``--out`` keeps the
raw profile for ``snakeviz``/``pstats``. Profiling slows Python code by a large factor, so the figures
are shares of the reader's time, not its speed: measure speed with ``bench_parse.py``.
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import io
import pstats
import sys
from collections.abc import Sequence
from pathlib import Path

from section16.errors import Section16Error
from section16.parse import read_filing, read_ownership_document

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
SUITES: dict[str, tuple[str, str]] = {"xml": ("xml", "*.xml"), "submissions": ("submissions", "*.txt")}


def read_all(blobs: Sequence[tuple[str, bytes]], *, document_only: bool = False) -> int:
    """Read every file; the number that failed with a section16 error. ``document_only`` reads with
    ``read_ownership_document`` (bare XML only), for as long as ``read_filing`` cannot run."""
    failed = 0
    for name, data in blobs:
        try:
            if document_only:
                read_ownership_document(data, source=name)
            else:
                read_filing(data, name=name)
        except Section16Error:
            failed += 1
    return failed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="holds xml/ and submissions/")
    parser.add_argument("--suite", choices=sorted(SUITES), default="xml")
    parser.add_argument("--top", type=int, default=25, help="how many functions to list")
    parser.add_argument("--sort", choices=["tottime", "cumulative"], default="tottime")
    parser.add_argument("--out", type=Path, default=None, help="also write the raw profile here")
    args = parser.parse_args(argv)

    folder, pattern = SUITES[args.suite]
    paths = sorted(p for p in (args.corpus / folder).glob(pattern) if p.is_file())
    if not paths:
        parser.error(f"no {pattern} files under {args.corpus / folder}")
    blobs = [(p.name, p.read_bytes()) for p in paths]
    # read_filing needs the submission reader; until it exists, bare XML goes to the document reader
    document_only = importlib.util.find_spec("section16.parse.submission") is None
    if document_only and args.suite != "xml":
        parser.error("section16.parse.submission is not there yet: only --suite xml can be profiled")

    read_all(blobs[:50], document_only=document_only)  # warm up imports and caches outside the profile
    profiler = cProfile.Profile()
    profiler.enable()
    failed = read_all(blobs, document_only=document_only)
    profiler.disable()

    if args.out is not None:
        profiler.dump_stats(str(args.out))
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.strip_dirs().sort_stats(args.sort).print_stats(args.top)
    how = "read_ownership_document" if document_only else "read_filing"
    print(f"{args.suite}: {len(blobs)} files through {how}, {failed} failed with a section16 error")
    print(text.getvalue())
    return 0


if __name__ == "__main__":
    sys.exit(main())
