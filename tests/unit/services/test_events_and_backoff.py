from __future__ import annotations

import random

from desktop.core.errors import BadReplyError, OfflineError, RateLimitedError, ServerError
from desktop.core.notices import Code, Notice
from desktop.services.backoff import Backoff
from desktop.services.events import EventBus, JobsChanged, RoomsChanged
from desktop.services.sync import describe


def test_backoff_is_full_jitter_under_a_growing_capped_ceiling() -> None:
    ceilings: list[float] = []
    backoff = Backoff(base=1.0, cap=8.0, rng=lambda low, high: ceilings.append(high) or high)
    delays = [backoff.next_delay() for _ in range(6)]
    assert ceilings == [1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert delays == ceilings
    backoff.reset()
    assert backoff.next_delay() == 1.0


def test_backoff_spreads_clients_that_failed_together() -> None:
    rng = random.Random(3)
    delays = [Backoff(rng=rng.uniform).next_delay() for _ in range(200)]
    assert all(0.0 <= d <= 1.0 for d in delays)
    assert max(delays) - min(delays) > 0.5  # not all clients retry in the same instant


def test_a_broken_listener_does_not_starve_the_others() -> None:
    bus = EventBus()
    seen: list[object] = []

    def broken(_: object) -> None:
        raise RuntimeError("listener bug")

    bus.subscribe(broken)
    unsubscribe = bus.subscribe(seen.append)
    bus.emit(JobsChanged(("job_1",)))
    unsubscribe()
    bus.emit(RoomsChanged())
    assert seen == [JobsChanged(("job_1",))]


def test_status_phrases_say_what_is_wrong() -> None:
    assert describe(ServerError(Notice.text("boom"), 503)) == Notice(Code.SERVER_HAS_PROBLEM, (503,))
    assert str(describe(ServerError(Notice.text("boom"), 503))) == "The server has a problem (503)"
    assert "busy" in str(describe(RateLimitedError(Notice.text("slow down"), 2.0)))
    assert "could not understand" in str(describe(BadReplyError(Notice(Code.NOT_JSON))))
    assert describe(OfflineError(Notice(Code.UNREACHABLE))) == Notice(Code.UNREACHABLE)


def test_a_servers_retry_after_is_never_undercut() -> None:
    backoff = Backoff(base=1.0, cap=8.0, rng=lambda low, high: low)
    assert backoff.delay_after(RateLimitedError(Notice.text("slow down"), 5.0)) == 5.0
    assert backoff.delay_after(ServerError(Notice.text("boom"), 500)) == 0.0
