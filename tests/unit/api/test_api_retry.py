"""Retry timing: exponential backoff with full jitter, the total cap, and Retry-After parsing."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from desktop.api.retry import RetryPolicy, parse_retry_after


class RecordingRandom(random.Random):
    """Returns the upper bound (or a fixed fraction of it) and remembers every range asked for."""

    def __init__(self, fraction: float = 1.0) -> None:
        super().__init__(0)
        self.fraction = fraction
        self.ranges: list[tuple[float, float]] = []

    def uniform(self, a: float, b: float) -> float:
        self.ranges.append((a, b))
        return a + (b - a) * self.fraction


def test_backoff_is_full_jitter_over_an_exponential_ceiling() -> None:
    rng = RecordingRandom()
    policy = RetryPolicy(base=0.5, cap=8.0, rng=rng)
    waits = [policy.backoff(n) for n in range(7)]
    assert rng.ranges == [(0.0, 0.5), (0.0, 1.0), (0.0, 2.0), (0.0, 4.0), (0.0, 8.0), (0.0, 8.0), (0.0, 8.0)]
    assert waits == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]


def test_backoff_survives_a_very_long_reconnect_loop() -> None:
    policy = RetryPolicy(base=0.5, cap=30.0, rng=RecordingRandom())
    assert policy.backoff(5000) == 30.0


def test_jitter_stays_within_bounds_with_a_real_rng() -> None:
    policy = RetryPolicy(base=0.5, cap=8.0, rng=random.Random(1234))
    for n in range(10):
        wait = policy.backoff(n)
        assert 0.0 <= wait <= min(8.0, 0.5 * 2**n)


def test_next_delay_gives_up_after_max_attempts() -> None:
    policy = RetryPolicy(max_attempts=4, rng=RecordingRandom())
    assert policy.next_delay(1, waited=0.0) == 0.5
    assert policy.next_delay(2, waited=0.5) == 1.0
    assert policy.next_delay(3, waited=1.5) == 2.0
    assert policy.next_delay(4, waited=3.5) is None


def test_single_attempt_policy_never_retries() -> None:
    assert RetryPolicy(max_attempts=1).next_delay(1, 0.0) is None


def test_retry_after_replaces_backoff() -> None:
    rng = RecordingRandom()
    policy = RetryPolicy(rng=rng)
    assert policy.next_delay(1, waited=0.0, retry_after=3.0) == 3.0
    assert rng.ranges == []  # no jitter drawn


def test_total_wait_is_capped() -> None:
    policy = RetryPolicy(max_attempts=10, base=1.0, cap=8.0, max_total_delay=10.0, rng=RecordingRandom())
    # backoff would be 8 s but only 2 s of budget remain
    assert policy.next_delay(5, waited=8.0) == 2.0
    assert policy.next_delay(6, waited=10.0) == 0.0


def test_retry_after_beyond_the_budget_gives_up_instead_of_retrying_early() -> None:
    policy = RetryPolicy(max_total_delay=30.0)
    assert policy.next_delay(1, waited=0.0, retry_after=120.0) is None


async def test_injected_sleep_is_used() -> None:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    policy = RetryPolicy(sleep=fake_sleep)
    await policy.sleep(1.25)
    assert slept == [1.25]


def test_invalid_policy_is_refused() -> None:
    with pytest.raises(ValueError, match="max_attempts must be at least 1"):
        RetryPolicy(max_attempts=0)
    with pytest.raises(ValueError, match="delays must not be negative"):
        RetryPolicy(base=-1)


NOW = datetime(2026, 10, 21, 7, 28, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("120", 120.0),
        ("0", 0.0),
        ("  7 ", 7.0),
        ("Wed, 21 Oct 2026 07:28:30 GMT", 30.0),
        ("Wed, 21 Oct 2026 07:27:00 GMT", 0.0),  # already past
        ("Wednesday, 21-Oct-26 07:28:05 GMT", 5.0),  # obsolete RFC 850 form
        ("Wed Oct 21 07:28:10 2026", 10.0),  # asctime form
        (None, None),
        ("", None),
        ("-5", None),
        ("1.5", None),
        ("soon", None),
    ],
)
def test_parse_retry_after(header: str | None, expected: float | None) -> None:
    assert parse_retry_after(header, now=NOW) == expected
