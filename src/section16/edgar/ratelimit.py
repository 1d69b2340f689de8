"""A thread-safe limit on how often the client may start a request: at most ``rate`` starts in any
window of ``period`` seconds, shared by every thread of the client.

SEC fair access (spec.md section 6): "at most 10 requests per second across the whole client". A plain
token bucket of capacity 10 refilled at 10/s lets 20 requests through in some one-second window (a full
bucket, then the refill); here each token returns to the bucket exactly one ``period`` after it was
taken (a sliding-window bucket), so no window of ``period`` ever sees more than ``rate`` starts. A small
``margin`` keeps the server's view, which sees arrivals a little jittered, under the limit too.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

__all__ = ["DEFAULT_RATE", "RateLimiter"]

DEFAULT_RATE = 10


class RateLimiter:
    """At most ``rate`` :meth:`acquire` returns in any ``period`` (+ ``margin``) seconds."""

    def __init__(
        self,
        rate: int = DEFAULT_RATE,
        *,
        period: float = 1.0,
        margin: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if rate < 1:
            raise ValueError(f"rate {rate}: at least 1 request per period")
        self.rate = rate
        self.window = period + margin
        self._clock = clock
        self._sleep = sleep
        self._starts: deque[float] = deque()
        self._lock = threading.Lock()

    def acquire(self) -> float:
        """Wait until a request may start; return the seconds waited."""
        waited = 0.0
        while True:
            with self._lock:
                now = self._clock()
                while self._starts and now - self._starts[0] >= self.window:
                    self._starts.popleft()
                if len(self._starts) < self.rate:
                    self._starts.append(now)
                    return waited
                delay = self.window - (now - self._starts[0])
            self._sleep(delay)
            waited += delay
