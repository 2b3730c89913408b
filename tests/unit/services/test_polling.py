"""The poll schedule of a marketplace without push, run over a simulated day (no sleeping)."""

from __future__ import annotations

from desktop.core.capabilities import PollPlan
from desktop.services.polling import PollSchedule

PLAN = PollPlan(open_room=10.0, feed=60.0, idle_cap=600.0)
# What one poll costs on Upwork's API (desktop/api/upwork): the profile, a page of the job search,
# one proposals call per status, the room list, the stories of up to three changed rooms, transactions.
FEED_POLL_REQUESTS = 13
ROOM_POLL_REQUESTS = 1
UPWORK_LIMIT_PER_SECOND = 10.0


def simulate(seconds: float, *, room_open: bool, change_every: float | None) -> tuple[int, int, float]:
    """(feed polls, room polls, longest gap between room polls) over ``seconds``; something changes
    every ``change_every`` seconds."""
    schedule = PollSchedule(PLAN, 0.0)
    now, feed, room, next_change = 0.0, 0, 0, change_every
    last_room, longest_gap = 0.0, 0.0
    while now < seconds:
        changed = next_change is not None and now >= next_change
        if changed and change_every is not None:
            next_change = now + change_every
        if schedule.feed_due(now):
            feed += 1
            schedule.feed_done(now, changed)
        elif room_open and schedule.room_due(now):
            room += 1
            longest_gap, last_room = max(longest_gap, now - last_room), now
            schedule.room_done(now, changed)
        now += max(0.5, schedule.seconds_until_next(now, room_open))
    return feed, room, longest_gap


def test_a_busy_hour_with_a_room_open_stays_far_under_the_rate_limit() -> None:
    feed, room, longest_gap = simulate(3600, room_open=True, change_every=30)
    requests = feed * FEED_POLL_REQUESTS + room * ROOM_POLL_REQUESTS
    assert longest_gap <= PLAN.open_room * 3 + 1  # a reply in the open room shows within half a minute
    assert room >= 100
    assert feed >= 50
    # ~1.4k requests in an hour against Upwork's 36k: under 5 % of the budget
    assert requests / 3600 < UPWORK_LIMIT_PER_SECOND * 0.05


def test_a_quiet_day_slows_down_to_the_idle_cap() -> None:
    feed, room, _gap = simulate(24 * 3600, room_open=False, change_every=None)
    assert room == 0
    assert feed <= 24 * 3600 / PLAN.idle_cap + 10  # about every ten minutes once nothing changes


def test_news_and_the_user_bring_back_the_fast_pace() -> None:
    schedule = PollSchedule(PLAN, 0.0)
    now = 0.0
    for _ in range(6):  # an idle spell: 60, 120, 240, 480, 600, 600
        schedule.feed_done(now, changed=False)
        now = schedule.feed.due_at
    assert schedule.seconds_until_next(now - 1, room_open=False) == 1
    assert schedule.feed.wait == PLAN.idle_cap
    schedule.feed_done(now, changed=True)
    assert schedule.feed.wait == PLAN.feed
    schedule.feed_done(now, changed=False)
    schedule.hurry(now + 5)
    assert schedule.feed_due(now + 5)
    assert schedule.room_due(now + 5)


def test_a_failure_holds_every_poll_back_for_the_backoff_delay() -> None:
    schedule = PollSchedule(PLAN, 0.0)
    schedule.failed(0.0, 17.0)
    assert not schedule.feed_due(16.9)
    assert not schedule.room_due(16.9)
    assert schedule.seconds_until_next(0.0, room_open=True) == 17.0
