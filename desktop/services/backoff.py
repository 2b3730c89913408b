"""Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter")."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.core.errors import RateLimitedError


@dataclass(slots=True)
class Backoff:
    base: float = 1.0
    cap: float = 30.0
    rng: Callable[[float, float], float] = field(default=random.uniform)
    attempt: int = 0

    def next_delay(self) -> float:
        ceiling = min(self.cap, self.base * (2 ** self.attempt))
        self.attempt += 1
        return self.rng(0.0, ceiling)

    def delay_after(self, error: BaseException) -> float:
        """The next delay, but never shorter than a server's Retry-After."""
        wait = self.next_delay()
        if isinstance(error, RateLimitedError) and error.retry_after:
            wait = max(wait, error.retry_after)
        return wait

    def reset(self) -> None:
        self.attempt = 0
