"""The shared request budget: a token bucket (4/s, burst 4 by default) and a pause after a 429."""

from __future__ import annotations

import asyncio
import time

import pytest

from desktop.api.upwork.ratelimit import RateLimiter


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.mark.parametrize(("n", "rate", "burst"), [(4, 4.0, 4), (12, 4.0, 4), (30, 10.0, 2)])
async def test_n_requests_take_at_least_n_minus_burst_over_rate(n: int, rate: float, burst: int) -> None:
    fake = FakeTime()
    limiter = RateLimiter(rate, burst, clock=fake.clock, sleep=fake.sleep)
    start = fake.now
    for _ in range(n):
        await limiter.acquire()
    elapsed = fake.now - start
    assert limiter.sent == n
    assert elapsed == pytest.approx(max(0, n - burst) / rate)


async def test_the_default_budget_is_four_per_second() -> None:
    fake = FakeTime()
    limiter = RateLimiter(clock=fake.clock, sleep=fake.sleep)
    for _ in range(8):
        await limiter.acquire()
    assert (limiter.rate, limiter.burst) == (4.0, 4)
    assert fake.now - 100.0 == pytest.approx(1.0)


async def test_a_pause_holds_every_request_then_restarts_slowly() -> None:
    fake = FakeTime()
    limiter = RateLimiter(4.0, 4, clock=fake.clock, sleep=fake.sleep)
    limiter.pause_for(3.0)
    limiter.pause_for(1.0)  # a shorter pause never shortens the longer one
    await limiter.acquire()
    assert fake.now == pytest.approx(103.0)
    await limiter.acquire()  # no full burst right after the pause
    assert fake.now == pytest.approx(103.25)


async def test_concurrent_callers_share_one_budget_for_real() -> None:
    limiter = RateLimiter(50.0, 2)
    started = time.monotonic()
    await asyncio.gather(*(limiter.acquire() for _ in range(7)))
    assert time.monotonic() - started >= (7 - 2) / 50.0 - 0.005
    assert limiter.sent == 7


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="rate must be positive"):
        RateLimiter(0)
    with pytest.raises(ValueError, match="burst at least 1"):
        RateLimiter(1.0, 0)
