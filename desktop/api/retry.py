"""When and how long to wait before trying a request again.

Exponential backoff with *full jitter* (AWS architecture blog, "Exponential Backoff And Jitter"):
the n-th wait (n = 0, 1, …) is ``uniform(0, min(cap, base * 2**n))`` so many clients that failed together
do not come back together. A 429 waits what the server asked for in ``Retry-After`` instead. The sum of
all waits is capped so a caller never sits in one request for minutes; past that it gets the error and
decides itself (the outbox, for instance, reschedules).
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

Sleep = Callable[[float], Awaitable[None]]


@dataclass
class RetryPolicy:
    max_attempts: int = 4  # the first try included
    base: float = 0.5
    cap: float = 8.0
    max_total_delay: float = 30.0  # the most a single request may spend waiting between attempts
    sleep: Sleep = asyncio.sleep
    rng: random.Random = field(default_factory=random.Random)

    def __post_init__(self) -> None:
        if self.max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if self.base < 0 or self.cap < 0 or self.max_total_delay < 0:
            raise ValueError("delays must not be negative")

    def backoff(self, retry_number: int) -> float:
        """The jittered wait before retry number ``retry_number`` (0 for the first retry)."""
        # min() before the power would overflow for a long-lived reconnect loop.
        ceiling = self.cap if retry_number >= 64 else min(self.cap, self.base * 2.0**retry_number)
        return self.rng.uniform(0.0, ceiling)

    def next_delay(self, attempt: int, waited: float, retry_after: float | None = None) -> float | None:
        """How long to wait after failed attempt number ``attempt`` (1-based), or None to give up.

        ``waited`` is the total already slept for this request. A server-given ``retry_after`` replaces
        the backoff; when honouring it would break the total cap we give up rather than retry early.
        """
        if attempt >= self.max_attempts:
            return None
        delay = max(0.0, retry_after) if retry_after is not None else self.backoff(attempt - 1)
        if waited + delay > self.max_total_delay:
            if retry_after is not None:
                return None
            delay = max(0.0, self.max_total_delay - waited)
        return delay


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (RFC 9110 §10.2.3), or None when absent/invalid.

    The header is either delta-seconds (``"120"``) or an HTTP-date
    (``"Wed, 21 Oct 2026 07:28:00 GMT"``); a date in the past means "now" (0).
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if text.isdigit():
        return float(int(text))
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # "-0000" dates parse naive; HTTP-dates are always GMT
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())
