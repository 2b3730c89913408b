"""One request budget per adapter: a token bucket, plus a shared pause after a 429.

Upwork allows 10 requests per second per IP address and answers HTTP 429 beyond that; the limit is per
IP, not per app or user (Upwork support article 115015933428, "API requests limits"; an older copy of
the same article said 40 requests per minute). Atelier defaults to 4 requests/s sustained with a burst of
4, well under the limit, so a second app (or a second Atelier account) on the same IP still fits.

After a 429 every request waits out ``Retry-After`` (``pause_for``), not just the one that got it: the
budget is shared, so the others would only earn more 429s.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

DEFAULT_RATE = 4.0
DEFAULT_BURST = 4
_EPSILON = 1e-9


class RateLimiter:
    """``await limiter.acquire()`` before each request. Waiters are served in arrival order."""

    def __init__(
        self,
        rate: float = DEFAULT_RATE,
        burst: int = DEFAULT_BURST,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if rate <= 0 or burst < 1:
            raise ValueError("rate must be positive and burst at least 1")
        self.rate = rate
        self.burst = burst
        self.sent = 0
        """Requests let through so far (tests assert budgets with it)."""
        self._clock = clock
        self._sleep = sleep
        self._tokens = float(burst)
        self._stamp = clock()
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    def pause_for(self, seconds: float) -> None:
        """Hold every request for ``seconds`` from now (a 429's Retry-After)."""
        self.pause_until(self._clock() + max(0.0, seconds))

    def pause_until(self, deadline: float) -> None:
        """Hold every request until the clock reads ``deadline`` (never shortens a longer pause).

        The bucket restarts nearly empty at the deadline: a full burst right after a 429 would only
        earn another one.
        """
        self._paused_until = max(self._paused_until, deadline)
        self._tokens = min(self._tokens, 1.0)
        self._stamp = max(self._stamp, self._paused_until)

    @property
    def paused_until(self) -> float:
        return self._paused_until

    async def acquire(self) -> None:
        async with self._lock:  # FIFO: asyncio.Lock wakes waiters in order
            while True:
                now = self._clock()
                if now < self._paused_until:
                    await self._sleep(self._paused_until - now)
                    continue
                self._tokens = min(float(self.burst), self._tokens + (now - self._stamp) * self.rate)
                self._stamp = now
                if self._tokens >= 1.0 - _EPSILON:  # float sums: 0.1 * 10 is not quite 1
                    self._tokens = max(0.0, self._tokens - 1.0)
                    self.sent += 1
                    return
                await self._sleep((1.0 - self._tokens) / self.rate)
