"""Parse speed of section16 side by side with a bare lxml parse (the floor) and the peer (edgartools),
in one run, over the real corpus.

    .venv/bin/python bench/bench_parse.py [--corpus DIR] [--repeat N] [--no-peer] [--limit N]

Two suites: every ``corpus/xml/*.xml`` (bare ownership documents) and every ``corpus/submissions/*.txt``
(complete submissions). For each suite, in this order and on the same bytes:

- floor: ``lxml.etree.fromstring`` of each file's ownership XML and nothing else (as the peers'
  ``corpus_bench.py``); for a submission, the ``<XML>`` section is cut out with ``bytes.find`` first;
- section16: the full read into the model, ``section16.parse.read_filing(data, name=...)``;
- peer: edgartools, run as a subprocess with the peer's own venv python on ``bench/peer_driver.py``,
  which reports its own timing as JSON (edgartools is never a section16 dependency).

Each measurement is the best of ``--repeat`` rounds (default 5) over all files of the suite. Each round
of section16 and of the peer runs in a new process (the files read and the first one parsed once before
the clock starts), so that no round is helped by what a reader remembered of the rounds before: what is
timed is a first read of every file, as by a user's new process. The floor's rounds run in this
process. The script prints a table, then the results as one JSON object (the last thing on stdout). It
asserts no time: the goals (section16 within 3x of the floor, at least 15x faster than the peer) are
reported, not enforced.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from lxml import etree

from section16.errors import Section16Error

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"
DEFAULT_PEERS = REPO.parent / "shared" / "peers"
DEFAULT_PEER_VENV = Path("/tmp/section16-peer-venv")
PEER_DRIVER = Path(__file__).resolve().with_name("peer_driver.py")

# (folder under the corpus, glob) of each suite
SUITES: dict[str, tuple[str, str]] = {"xml": ("xml", "*.xml"), "submissions": ("submissions", "*.txt")}

# Goals stated in the performance issue; reported beside the ratios, never asserted.
GOAL_SECTION16_OVER_FLOOR = 3.0  # at most
GOAL_PEER_OVER_SECTION16 = 15.0  # at least

Reader = Callable[[bytes, str], object]
T = TypeVar("T")


@dataclass(slots=True)
class Measure:
    """One tool over one suite: failures of a round and the seconds of every round."""

    tool: str
    files: int
    failures: int = 0
    crashes: int | None = None  # failures that are not the tool's own error type (section16 only)
    fail_examples: list[list[str]] = field(default_factory=list)
    rounds_s: list[float] = field(default_factory=list)
    detail: str | None = None  # which function was timed, or the peer's version

    @property
    def best_s(self) -> float:
        return min(self.rounds_s)

    def as_json(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "detail": self.detail,
            "files": self.files,
            "failures": self.failures,
            "crashes": self.crashes,
            "fail_examples": self.fail_examples,
            "best_s": round(self.best_s, 6),
            "ms_per_filing": round(self.best_s / self.files * 1000, 6) if self.files else None,
            "rounds_s": [round(s, 6) for s in self.rounds_s],
        }


def _time_rounds(
    tool: str,
    reader: Reader,
    names: Sequence[str],
    blobs: Sequence[bytes],
    repeat: int,
    *,
    own_error: type[Exception] | None = None,
) -> Measure:
    """Best-of-``repeat`` timing of ``reader`` over every file; a file that raises counts as a failure,
    and, when ``own_error`` is given, one that raises anything else as a crash too."""
    measure = Measure(tool=tool, files=len(blobs))
    for _ in range(max(1, repeat)):
        fails: list[list[str]] = []
        crashes = 0
        gc.collect()
        start = time.perf_counter()
        for name, data in zip(names, blobs, strict=True):
            try:
                reader(data, name)
            except Exception as exc:  # a failure is reported, never fatal to the bench
                fails.append([name, f"{type(exc).__name__}: {exc}"[:200]])
                if own_error is not None and not isinstance(exc, own_error):
                    crashes += 1
        measure.rounds_s.append(time.perf_counter() - start)
        measure.failures, measure.fail_examples = len(fails), fails[:8]
        measure.crashes = crashes if own_error is not None else None
    return measure


# --- the floor -------------------------------------------------------------------------------------


def _floor_xml(data: bytes, _name: str) -> object:
    return etree.fromstring(data)


def _floor_submission(data: bytes, _name: str) -> object:
    # A complete submission carries the ownership XML between <XML> and </XML> (EDGAR Filer Manual
    # Vol. II, 5.2 "Document Formats"); cutting it out is the least any reader must do.
    start = data.find(b"<XML>")
    end = data.find(b"</XML>", start)
    if start < 0 or end < 0:
        raise ValueError("no <XML> section")
    return etree.fromstring(data[start + 5 : end].lstrip())


FLOORS: dict[str, Reader] = {"xml": _floor_xml, "submissions": _floor_submission}


# --- section16 ---------------------------------------------------------------------------------------


def section16_reader(suite: str) -> tuple[str, Reader]:
    """The section16 entry point to time: ``read_filing``. Until the submission reader it relies on
    exists, a bare XML is timed through ``read_ownership_document`` and submissions are not timed."""
    from section16.parse import read_filing, read_ownership_document

    if importlib.util.find_spec("section16.parse.submission") is not None:

        def read(data: bytes, name: str) -> object:
            return read_filing(data, name=name)

        return "section16.parse.read_filing", read

    if suite != "xml":
        raise ImportError("section16.parse.submission (needed by read_filing) is not there yet")

    def read_xml(data: bytes, name: str) -> object:
        return read_ownership_document(data, source=name)

    return "section16.parse.read_ownership_document", read_xml


def in_fresh_process(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(*args, **kwargs)`` in a new Python process (spawned: nothing inherited but the CPU pinning),
    so that a round is not helped by the rounds before it: whatever the reader remembers between
    documents (shared facts, memoised calendars) starts empty, as in a user's new process."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        return pool.submit(fn, *args, **kwargs).result()


def section16_round(suite: str, paths: Sequence[str]) -> Measure:
    """One timed round of section16 over ``paths``. Untimed first: the files read into memory, and the
    first file read once (what Python does on a first call: imports made lazily, code specialised)."""
    _detail, reader = section16_reader(suite)
    blobs = [Path(p).read_bytes() for p in paths]
    names = [Path(p).name for p in paths]
    _time_rounds("warm-up", reader, names[:1], blobs[:1], 1)
    return _time_rounds("section16", reader, names, blobs, 1, own_error=Section16Error)


# --- the peer ----------------------------------------------------------------------------------------


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def ensure_peer_python(venv: Path) -> Path:
    """The peer venv's python with edgartools installed; creates the venv once (``python3 -m venv`` +
    ``pip install edgartools``) and reuses it afterwards."""
    python = venv / "bin" / "python"
    probe = [str(python), "-c", "import edgar"]
    if python.exists() and subprocess.run(probe, capture_output=True, check=False).returncode == 0:
        return python
    base = shutil.which("python3") or sys.executable
    _log(f"creating the peer venv at {venv} (once) and installing edgartools into it ...")
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q", "edgartools"], check=True)
    return python


def time_peer(python: Path, peers_dir: Path, paths: Sequence[Path], repeat: int) -> Measure:
    """Run the peer driver in the peer venv on ``paths``, one round a new process (as section16's rounds
    run: the first file parsed once untimed, then every file timed); it times itself and reports JSON."""
    rounds: list[float] = []
    got: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="section16-bench-") as tmp:
        listing = Path(tmp) / "files.txt"
        out = Path(tmp) / "peer.json"
        listing.write_text("".join(f"{p}\n" for p in paths), encoding="utf-8")
        cmd = [str(python), str(PEER_DRIVER), "--peers-dir", str(peers_dir), "--list", str(listing)]
        cmd += ["--repeat", "1", "--warm-up", "--out", str(out)]
        for _ in range(max(1, repeat)):
            out.unlink(missing_ok=True)
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if done.returncode != 0 or not out.exists():
                tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
                raise RuntimeError(f"peer driver exited {done.returncode}: {' | '.join(tail)}")
            got = json.loads(out.read_text(encoding="utf-8"))
            rounds += [float(s) for s in got["rounds_s"]]
    return Measure(
        tool="peer",
        files=int(got["files"]),
        failures=int(got["failures"]),
        fail_examples=list(got["fail_examples"]),
        rounds_s=rounds,
        detail=f"edgartools {got['version']} (python {got['python']})",
    )


# --- one run -----------------------------------------------------------------------------------------


def _ratio(numerator: Measure | None, denominator: Measure | None) -> float | None:
    if numerator is None or denominator is None or denominator.best_s <= 0:
        return None
    return round(numerator.best_s / denominator.best_s, 3)


def run_suite(
    suite: str,
    paths: Sequence[Path],
    *,
    repeat: int,
    peer_python: Path | None,
    peers_dir: Path,
) -> dict[str, Any]:
    """Floor, section16 and peer over one suite's files; the suite's JSON object."""
    names = [p.name for p in paths]
    blobs = [p.read_bytes() for p in paths]
    _log(f"[{suite}] {len(paths)} files, best of {repeat}: floor ...")
    floor = _time_rounds("floor", FLOORS[suite], names, blobs, repeat)
    floor.detail = f"lxml {etree.__version__} etree.fromstring"

    _log(f"[{suite}] section16 ...")
    section16: Measure | None = None
    section16_error: str | None = None
    try:
        detail, _reader = section16_reader(suite)
    except ImportError as exc:
        section16_error = f"section16 reader not available: {exc}"
    else:
        section16 = Measure(tool="section16", files=len(paths), detail=detail)
        for _ in range(max(1, repeat)):
            one = in_fresh_process(section16_round, suite, [str(p) for p in paths])
            section16.rounds_s += one.rounds_s
            section16.failures, section16.crashes = one.failures, one.crashes
            section16.fail_examples = one.fail_examples

    peer: Measure | None = None
    peer_error: str | None = "not run (--no-peer)" if peer_python is None else None
    if peer_python is not None:
        _log(f"[{suite}] peer (subprocess) ...")
        try:
            peer = time_peer(peer_python, peers_dir, paths, repeat)
        except (RuntimeError, OSError, ValueError, KeyError) as exc:
            peer_error = str(exc)

    over_floor = _ratio(section16, floor)
    peer_over = _ratio(peer, section16)
    floor_goal, peer_goal = GOAL_SECTION16_OVER_FLOOR, GOAL_PEER_OVER_SECTION16
    # A ratio compares like with like only when section16 read at least the files the other one did;
    # a reader that fails fast on files looks fast. Otherwise the goal is not judged (None).
    caveats: list[str] = []
    judged = {"floor": over_floor is not None, "peer": peer_over is not None}
    for other in (floor, peer):
        if section16 is not None and other is not None and section16.failures > other.failures:
            judged[other.tool] = False
            caveats.append(
                f"section16 failed on {section16.failures} files, {other.tool} on {other.failures}: "
                f"section16 vs {other.tool} compares unequal work, the goal is not judged"
            )
    over_floor_ok = over_floor <= floor_goal if judged["floor"] and over_floor is not None else None
    peer_over_ok = peer_over >= peer_goal if judged["peer"] and peer_over is not None else None
    return {
        "files": len(paths),
        "floor": floor.as_json(),
        "section16": section16.as_json() if section16 else None,
        "section16_error": section16_error,
        "peer": peer.as_json() if peer else None,
        "peer_error": peer_error,
        "ratios": {"section16_over_floor": over_floor, "peer_over_section16": peer_over},
        "goals": {
            "section16_over_floor_at_most": floor_goal,
            "peer_over_section16_at_least": peer_goal,
            "section16_over_floor_met": over_floor_ok,
            "peer_over_section16_met": peer_over_ok,
        },
        "caveats": caveats,
    }


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "nproc": cpus,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "lxml": etree.__version__,
        "date": date.today().isoformat(),
    }


# --- output ------------------------------------------------------------------------------------------


def _fmt(value: float | None, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def render_table(result: dict[str, Any]) -> str:
    """The human table: one block per suite, one row per tool, then the ratios against the goals."""
    lines = []
    head = f"{'tool':<10} {'files':>6} {'fail':>5} {'best s':>9} {'ms/filing':>10}  detail"
    for suite, got in result["suites"].items():
        lines.append(f"== {suite}: {got['files']} files, best of {result['repeat']}")
        lines.append(head)
        for tool in ("floor", "section16", "peer"):
            row = got[tool]
            if row is None:
                why = got.get(f"{tool}_error") or "not run"
                lines.append(f"{tool:<10} {'-':>6} {'-':>5} {'-':>9} {'-':>10}  {why}")
                continue
            lines.append(
                f"{tool:<10} {row['files']:>6} {row['failures']:>5} {_fmt(row['best_s'], '.3f'):>9} "
                f"{_fmt(row['ms_per_filing'], '.3f'):>10}  {row['detail'] or ''}"
            )
        ratios, goals = got["ratios"], got["goals"]
        met = {True: "met", False: "NOT met", None: "n/a"}
        lines.append(
            f"section16/floor = {_fmt(ratios['section16_over_floor'], '.2f')}x "
            f"(goal <= {GOAL_SECTION16_OVER_FLOOR:g}x: {met[goals['section16_over_floor_met']]}); "
            f"peer/section16 = {_fmt(ratios['peer_over_section16'], '.2f')}x "
            f"(goal >= {GOAL_PEER_OVER_SECTION16:g}x: {met[goals['peer_over_section16_met']]})"
        )
        lines.extend(f"caveat: {c}" for c in got["caveats"])
        lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="holds xml/ and submissions/")
    parser.add_argument("--repeat", type=int, default=5, help="rounds per measurement; the best is kept")
    parser.add_argument("--no-peer", action="store_true", help="skip the peer (edgartools)")
    parser.add_argument("--peer-venv", type=Path, default=DEFAULT_PEER_VENV, help="the peer's own venv")
    parser.add_argument("--peers-dir", type=Path, default=DEFAULT_PEERS, help="holds edgartools_parse.py")
    parser.add_argument("--limit", type=int, default=None, help="only the first N files of each suite")
    parser.add_argument("--suite", choices=sorted(SUITES), action="append", help="run only this suite")
    args = parser.parse_args(argv)

    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if not args.corpus.is_dir():
        parser.error(f"corpus folder not found: {args.corpus}")

    peer_python: Path | None = None
    peer_setup_error: str | None = None
    if not args.no_peer:
        try:
            peer_python = ensure_peer_python(args.peer_venv)
        except (subprocess.CalledProcessError, OSError) as exc:
            peer_setup_error = f"peer venv unavailable at {args.peer_venv}: {exc}"
            _log(peer_setup_error)

    suites: dict[str, Any] = {}
    for suite in args.suite or list(SUITES):
        folder, pattern = SUITES[suite]
        paths = sorted(p for p in (args.corpus / folder).glob(pattern) if p.is_file())
        if args.limit is not None:
            paths = paths[: args.limit]
        if not paths:
            _log(f"[{suite}] no {pattern} files under {args.corpus / folder}; skipped")
            continue
        suites[suite] = run_suite(
            suite, paths, repeat=args.repeat, peer_python=peer_python, peers_dir=args.peers_dir
        )
        if peer_setup_error:
            suites[suite]["peer_error"] = peer_setup_error

    result = {"bench": "parse", "repeat": args.repeat, "corpus": str(args.corpus), "machine": machine()}
    result["suites"] = suites
    print(render_table(result))
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
