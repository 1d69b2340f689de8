"""``section16 synth``: realistic, invented ownership filings for demos, tests and benchmarks.

:func:`generate` yields :class:`SynthFiling` models (document, submission header, kinds of activity);
:func:`synthesize` writes them as ownership XML files named by accession number, and optionally as
complete submission ``.txt`` files, into one folder per issuer CIK (EDGAR's ``data/{CIK}/`` layout).

A run is a function of its arguments: ``filings`` is split among invented issuers by :func:`plan_quotas`,
each issuer is simulated on its own from ``(seed, index)`` (see :mod:`section16.services._synth_sim`), so
the files are byte for byte the same for a seed however many ``jobs`` write them. No clock is read.
"""

from __future__ import annotations

import multiprocessing
import os
import random
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from section16.errors import ConfigError
from section16.services._synth_names import issuer_cik
from section16.services._synth_sim import LAST_SIMULATED_YEAR, SynthFiling, simulate_issuer
from section16.write.submission import write_submission_text
from section16.write.xml import write_ownership_xml

__all__ = [
    "DEFAULT_START",
    "DEFAULT_YEARS",
    "FILINGS_PER_ISSUER",
    "SynthFiling",
    "SynthSummary",
    "generate",
    "plan_quotas",
    "synthesize",
]

DEFAULT_START = date(2022, 1, 1)
"""First day of activity: before and after schema X0508 (April 2023) and the 2023 gift rule."""
DEFAULT_YEARS = 3
"""Years over which an issuer's filings are spread (an issuer with a larger share runs on longer)."""
FILINGS_PER_ISSUER = 150
"""Mean filings per invented issuer (EDGAR: roughly 35 ownership filings an issuer a year)."""
_FIRST_START = date(2003, 6, 30)  # ownership XML became mandatory on EDGAR on 2003-06-30


@dataclass(frozen=True, slots=True, kw_only=True)
class SynthSummary:
    """What :func:`synthesize` wrote: filings, issuers, files, and how many filings show each kind."""

    out: Path
    filings: int
    issuers: int
    files: int
    kinds: Mapping[str, int]


def plan_quotas(filings: int, seed: int) -> tuple[int, ...]:
    """How many filings each invented issuer makes: about :data:`FILINGS_PER_ISSUER` each, some issuers
    busier than others (log-normal), summing to exactly ``filings``."""
    if filings <= 0:
        return ()
    count = max(1, round(filings / FILINGS_PER_ISSUER))
    rng = random.Random(f"section16-synth-quotas:{seed}:{filings}")
    weights = [rng.lognormvariate(0.0, 0.6) for _ in range(count)]
    total = sum(weights)
    shares = [filings * w / total for w in weights]
    quotas = [max(1, int(s)) for s in shares]
    # largest remainder, then take any excess from the biggest, so the sum is exact
    order = sorted(range(count), key=lambda i: shares[i] - int(shares[i]), reverse=True)
    position = 0
    while sum(quotas) < filings:
        quotas[order[position % count]] += 1
        position += 1
    while sum(quotas) > filings:
        quotas[quotas.index(max(quotas))] -= 1
    return tuple(quotas)


def _check(filings: int, start: date, years: int, jobs: int = 1) -> None:
    if filings < 0:
        raise ConfigError(f"--filings must be 0 or more, not {filings}")
    if years < 1:
        raise ConfigError(f"--years must be 1 or more, not {years}")
    if jobs < 1:
        raise ConfigError(f"--jobs must be 1 or more, not {jobs}")
    if not _FIRST_START <= start <= date(LAST_SIMULATED_YEAR - years + 1, 1, 1):
        raise ConfigError(
            f"--start {start.isoformat()} is outside the simulated years: choose a day from "
            f"{_FIRST_START.isoformat()} (ownership XML on EDGAR) to {LAST_SIMULATED_YEAR - years + 1}-01-01 "
            f"(the business-day calendar ends in {LAST_SIMULATED_YEAR + 1})"
        )


def generate(
    filings: int, *, seed: int = 0, start: date = DEFAULT_START, years: int = DEFAULT_YEARS
) -> Iterator[SynthFiling]:
    """The filings of a run, issuer by issuer, each issuer's in the order they were made."""
    _check(filings, start, years)
    for index, quota in enumerate(plan_quotas(filings, seed)):
        yield from simulate_issuer(seed=seed, index=index, quota=quota, start=start, years=years)


@dataclass(frozen=True, slots=True)
class _Task:
    seed: int
    issuers: tuple[tuple[int, int], ...]  # (index, quota)
    start: date
    years: int
    out: str
    submissions: bool


def _run(task: _Task) -> tuple[int, int, Counter[str]]:
    """Simulate and write some issuers; (filings, files, kinds). Runs in a worker process for --jobs."""
    filings = files = 0
    kinds: Counter[str] = Counter()
    for index, quota in task.issuers:
        folder = os.path.join(task.out, issuer_cik(index))
        os.makedirs(folder, exist_ok=True)
        for made in simulate_issuer(
            seed=task.seed, index=index, quota=quota, start=task.start, years=task.years
        ):
            xml = write_ownership_xml(made.document)
            with open(os.path.join(folder, f"{made.accession_number}.xml"), "wb") as handle:
                handle.write(xml)
            files += 1
            if task.submissions:
                with open(os.path.join(folder, f"{made.accession_number}.txt"), "wb") as handle:
                    handle.write(write_submission_text(made.header, xml))
                files += 1
            filings += 1
            kinds.update(made.kinds)
    return filings, files, kinds


def synthesize(
    out: str | os.PathLike[str],
    *,
    filings: int,
    seed: int = 0,
    submissions: bool = False,
    jobs: int = 1,
    start: date = DEFAULT_START,
    years: int = DEFAULT_YEARS,
    progress: Callable[[int], None] | None = None,
) -> SynthSummary:
    """Write ``filings`` invented filings under ``out`` (``out/{issuer CIK}/{accession}.xml``, and
    ``.txt`` complete submissions when ``submissions``), using ``jobs`` processes. ``progress`` is
    called with the number of filings just written. Raises :class:`ConfigError` for a bad argument."""
    _check(filings, start, years, jobs)
    target = Path(out)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"{target}: cannot create the output folder ({exc.strerror})") from exc
    quotas = plan_quotas(filings, seed)
    per_task = max(1, min(16, len(quotas) // (jobs * 8) or 1))
    issuers = list(enumerate(quotas))
    tasks = [
        _Task(seed, tuple(issuers[i : i + per_task]), start, years, str(target), submissions)
        for i in range(0, len(issuers), per_task)
    ]
    written = files = 0
    kinds: Counter[str] = Counter()

    def account(result: tuple[int, int, Counter[str]]) -> None:
        nonlocal written, files
        written += result[0]
        files += result[1]
        kinds.update(result[2])
        if progress is not None:
            progress(result[0])

    if jobs == 1 or len(tasks) == 1:
        for task in tasks:
            account(_run(task))
    else:
        # spawn, not fork: forking a process that may hold threads (rich, lxml) is unsafe
        with multiprocessing.get_context("spawn").Pool(min(jobs, len(tasks))) as pool:
            for result in pool.imap_unordered(_run, tasks):
                account(result)
    return SynthSummary(
        out=target, filings=written, issuers=len(quotas), files=files, kinds=dict(sorted(kinds.items()))
    )
