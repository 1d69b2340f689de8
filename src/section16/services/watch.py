"""Watch EDGAR's latest filings: poll the Atom feed, store the new ownership filings (as
:func:`section16.services.sync.sync_refs` does), and run the user's action on each new filing that
matches a saved screen.

A saved screen is a JSON file of the trade screener's filters (:class:`section16.services.reports.
TradeFilter` field names: ``{"codes": ["P"], "min_value": 100000, "roles": ["CEO"]}``); a new filing
matches when the screener, run over the store, returns a row of it. Without a screen every new filing
matches. An action gets the filing as JSON (``section16.write.records.filing_to_dict``): a shell command
(``--exec``) on its standard input, or a webhook (``--webhook``) as the body of a POST, one POST per
filing. A webhook that answers 5xx/429 or cannot be reached is retried a few times with back-off; then
the action is reported as failed for that filing (the filing stays stored and is not offered again) and
the watch goes on.

Each poll pages the Atom feed past its first ``count`` entries until it reaches a filing already stored
(or one accepted before the newest of the previous poll), so a burst of filings between two polls is
not lost.
"""

from __future__ import annotations

import dataclasses
import json
import subprocess
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import httpx

from section16.edgar import EdgarClient, latest_filings
from section16.errors import ConfigError, FetchError, Section16Error
from section16.model import Filing
from section16.services.reports import TradeFilter, trades
from section16.services.sync import SyncReport, sync_refs
from section16.store import Store, filing_key
from section16.write.records import filing_to_dict

__all__ = [
    "Action",
    "WatchRound",
    "exec_action",
    "load_screen",
    "matching",
    "watch",
    "watch_once",
    "webhook_action",
]

Action = Callable[[dict[str, Any]], None]  # raises Section16Error when it failed


@dataclass(slots=True, kw_only=True)
class WatchRound:
    """One poll: what was stored, which new filings matched the screen, which actions failed."""

    sync: SyncReport
    matched: list[str] = field(default_factory=list)  # filing keys
    action_errors: list[str] = field(default_factory=list)
    newest: datetime | None = None  # the latest acceptance time the feed listed (where the next poll stops)

    def summary(self) -> str:
        """One line for the round."""
        return (
            f"{self.sync.added} new filing(s) stored; {len(self.matched)} matched the screen; "
            f"{len(self.action_errors)} action(s) failed; {self.sync.failed} failed"
        )


def _filter_value(name: str, kind: Any, value: Any, source: str) -> Any:
    text = str(kind)
    try:
        if "date" in text:
            return None if value is None else date.fromisoformat(str(value))
        if "Decimal" in text:
            return None if value is None else Decimal(str(value))
        if "tuple" in text:
            items = [value] if isinstance(value, str) else list(value)
            return tuple(str(v) for v in items)
        if text in ("bool", "<class 'bool'>"):
            if not isinstance(value, bool):
                raise ValueError("expected true or false")
            return value
        if "int" in text:
            return None if value is None else int(value)
        return None if value is None else str(value)
    except (ValueError, TypeError, InvalidOperation) as exc:
        raise ConfigError(f"{source}: screen field {name!r}: {value!r} is not usable ({exc})") from None


def load_screen(path: str | Path) -> TradeFilter:
    """A saved screen: a JSON object of :class:`TradeFilter` fields. Unknown fields are an error."""
    source = str(path)
    try:
        payload = json.loads(Path(path).read_bytes())
    except OSError as exc:
        raise ConfigError(f"{source}: cannot read the screen ({exc.strerror})") from None
    except ValueError as exc:
        raise ConfigError(f"{source}: the screen is not JSON ({exc})") from None
    if not isinstance(payload, dict):
        raise ConfigError(f"{source}: a screen is a JSON object of the trades filters")
    fields = {f.name: f.type for f in dataclasses.fields(TradeFilter)}
    values: dict[str, Any] = {}
    for name, value in payload.items():
        if name not in fields:
            raise ConfigError(f"{source}: unknown screen field {name!r}; known: {', '.join(sorted(fields))}")
        values[name] = _filter_value(name, fields[name], value, source)
    values.setdefault("limit", None)
    return TradeFilter(**values)


def matching(store: Store, filings: Iterable[Filing], screen: TradeFilter | None) -> list[Filing]:
    """Those of ``filings`` (just stored) that ``screen`` selects; all of them without a screen."""
    chosen = list(filings)
    if screen is None or not chosen:
        return chosen
    keys = {filing_key(f) for f in chosen}
    report = trades(store, dataclasses.replace(screen, limit=None))
    hits = {row.get("filing_key") for row in report.rows}
    return [f for f in chosen if filing_key(f) in hits and filing_key(f) in keys]


def exec_action(command: str, *, timeout: float = 60.0) -> Action:
    """Run ``command`` in the shell with the filing JSON on standard input."""

    def run(payload: dict[str, Any]) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        try:
            done = subprocess.run(
                command, shell=True, input=body, stderr=subprocess.PIPE, timeout=timeout, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ConfigError(f"--exec {command!r}: {exc}") from None
        if done.returncode != 0:
            tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise ConfigError(f"--exec {command!r} exited with {done.returncode}: {tail[0]}")

    return run


_WEBHOOK_RETRY = frozenset({429, 500, 502, 503, 504})


def webhook_action(
    url: str,
    *,
    user_agent: str,
    transport: httpx.BaseTransport | None = None,
    retries: int = 2,
    backoff: float = 1.0,
    timeout: float = 30.0,
    sleep: Callable[[float], None] = time.sleep,
) -> Action:
    """POST the filing JSON to ``url``. A 429/5xx answer, a refused or reset connection or a timeout is
    retried ``retries`` times (after ``backoff``, doubling); another 4xx fails at once. A failure raises
    :class:`FetchError` naming the URL and the last answer."""

    def post(payload: dict[str, Any]) -> None:
        last = "no answer"
        with httpx.Client(transport=transport, timeout=timeout, headers={"User-Agent": user_agent}) as http:
            for attempt in range(max(0, retries) + 1):
                if attempt:
                    sleep(backoff * 2 ** (attempt - 1))
                try:
                    response = http.post(url, json=payload)
                except httpx.HTTPError as exc:
                    last = f"{type(exc).__name__}: {exc}"
                    continue
                if response.status_code < 400:
                    return
                last = f"HTTP {response.status_code}"
                if response.status_code not in _WEBHOOK_RETRY:
                    break
        tries = "attempt" if attempt == 0 else "attempts"
        raise FetchError(f"--webhook {url}: {last} (after {attempt + 1} {tries})")

    return post


def watch_once(
    client: EdgarClient,
    store: Store,
    *,
    forms: Iterable[str] = ("3", "4", "5"),
    screen: TradeFilter | None = None,
    actions: Iterable[Action] = (),
    count: int = 100,
    validate: bool = True,
    after: datetime | None = None,
    max_pages: int = 10,
) -> WatchRound:
    """One poll of the Atom feed: store what is new, run ``actions`` on new filings matching ``screen``.
    The feed is paged until it reaches a filing already stored or accepted before ``after`` (the
    ``newest`` of the previous round), at most ``max_pages`` pages of ``count``."""
    refs = latest_filings(
        client,
        forms=tuple(forms),
        count=count,
        known=store.existing_keys,
        after=after,
        max_pages=max_pages,
    )
    report = sync_refs(client, store, refs, validate=validate, keep=True)
    times = [r.accepted for r in refs if r.accepted is not None]
    result = WatchRound(sync=report, newest=max(times) if times else after)
    chosen_actions = list(actions)
    for filing in matching(store, report.added_filings, screen):
        key = filing_key(filing)
        result.matched.append(key)
        payload = filing_to_dict(filing)
        for action in chosen_actions:
            try:
                action(payload)
            except Section16Error as exc:
                result.action_errors.append(f"{key}: {exc}")
    report.added_filings.clear()
    return result


def watch(
    client: EdgarClient,
    store: Store,
    *,
    interval: float = 60.0,
    once: bool = False,
    forms: Iterable[str] = ("3", "4", "5"),
    screen: TradeFilter | None = None,
    actions: Iterable[Action] = (),
    on_round: Callable[[WatchRound], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Poll every ``interval`` seconds (once with ``once``) until interrupted; ``on_round`` hears of
    each round. A round that cannot reach EDGAR is reported and the next one tries again."""
    chosen = tuple(forms)
    chosen_actions = tuple(actions)
    newest: datetime | None = None
    while True:
        try:
            result = watch_once(
                client, store, forms=chosen, screen=screen, actions=chosen_actions, after=newest
            )
            newest = result.newest
        except FetchError as exc:
            result = WatchRound(sync=SyncReport(), newest=newest)
            result.action_errors.append(f"poll: {exc}")
        if on_round is not None:
            on_round(result)
        if once:
            return
        sleep(interval)
