"""When to ask a marketplace without push for news: a schedule, kept apart from the I/O so it can be
checked over a simulated day.

Two things are polled: the **open room** (the conversation on screen) and **everything else** (a delta
pull of every resource). Each runs at its ``PollPlan`` interval while things change; every poll that
brings nothing doubles its wait up to ``idle_cap``; anything new, or the user acting ("Sync now",
sending), makes it fast again. A failure waits the caller's backoff delay (which honours Retry-After).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.core.capabilities import PollPlan

ROOM_SLOWDOWN = 3


@dataclass(slots=True)
class _Track:
    base: float
    cap: float
    wait: float
    due_at: float = 0.0

    def done(self, now: float, changed: bool) -> None:
        self.wait = self.base if changed else min(self.wait * 2, self.cap)
        self.due_at = now + self.wait

    def hurry(self, now: float) -> None:
        self.wait = self.base
        self.due_at = now


class PollSchedule:
    def __init__(self, plan: PollPlan, now: float) -> None:
        self.feed = _Track(plan.feed, plan.idle_cap, plan.feed, now)
        # The open room slows down at most threefold: a reply to the conversation on screen should show
        # within half a minute even after a quiet spell.
        self.room = _Track(plan.open_room, plan.open_room * ROOM_SLOWDOWN, plan.open_room, now)

    def feed_due(self, now: float) -> bool:
        return now >= self.feed.due_at

    def room_due(self, now: float) -> bool:
        return now >= self.room.due_at

    def feed_done(self, now: float, changed: bool) -> None:
        self.feed.done(now, changed)
        if changed:  # news in the feed often means news in the conversation too
            self.room.hurry(min(self.room.due_at, now + self.room.base))

    def room_done(self, now: float, changed: bool) -> None:
        self.room.done(now, changed)
        if changed:
            self.feed.wait = self.feed.base
            self.feed.due_at = min(self.feed.due_at, now + self.feed.base)

    def failed(self, now: float, delay: float) -> None:
        """A poll failed: try nothing before ``delay`` seconds."""
        self.feed.due_at = max(self.feed.due_at, now + delay)
        self.room.due_at = max(self.room.due_at, now + delay)

    def hurry(self, now: float) -> None:
        """The user acted: poll everything now and at the fast pace again."""
        self.feed.hurry(now)
        self.room.hurry(now)

    def seconds_until_next(self, now: float, room_open: bool) -> float:
        due = self.feed.due_at if not room_open else min(self.feed.due_at, self.room.due_at)
        return max(0.0, due - now)
