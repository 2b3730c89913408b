"""Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter")."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field


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

    def reset(self) -> None:
        self.attempt = 0
