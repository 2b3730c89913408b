"""Wire timestamps for the sandbox (its own copy: the sandbox imports nothing of the client).

Timestamps are stored and sent as fixed-width UTC text with microseconds, so text order is time order and
SQLite can compare them directly.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta


def utcnow() -> datetime:
    return datetime.now(UTC)


def format_ts(value: datetime) -> str:
    """``2026-11-26T13:05:01.123456Z`` — always with microseconds, always UTC."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_ts(text: str) -> datetime:
    """Parse an ISO 8601 timestamp; naive values are taken as UTC. Raises ValueError when malformed."""
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:  # 0001-01-01T00:00:00+01:00 is before the first representable instant
        raise ValueError(f"out of range: {text!r}") from exc


class MonotonicClock:
    """Hands out strictly increasing timestamps.

    Delta sync (`updated_since`) and keyset cursors compare `updated_at` values, so two writes must never
    share a timestamp or go backwards (wall clocks can step back); each call is at least 1 µs after the last.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last = datetime.min.replace(tzinfo=UTC)

    def now(self) -> datetime:
        with self._lock:
            current = utcnow()
            if current <= self._last:
                current = self._last + timedelta(microseconds=1)
            self._last = current
            return current

    def now_text(self) -> str:
        return format_ts(self.now())

    def advance_past(self, text: str) -> None:
        """Never hand out a timestamp at or before `text` (e.g. the newest one already in the database)."""
        stamp = parse_ts(text)
        with self._lock:
            self._last = max(self._last, stamp)
