"""Work queued while the outbox worker is looking at an empty queue is sent at once, not at the next kick:
the wake-up that came during the look is not lost. Real SQLite cache; the marketplace is a recorder (the
point here is the worker's timing, which a server would only blur)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from desktop.services.events import EventBus
from desktop.services.outbox import OutboxWorker
from desktop.storage.db import Database
from desktop.storage.outbox import OutboxItem


class _ReadHook:
    """The cache, with a hook that runs right after the worker's look found nothing (its last read before
    it goes to sleep: "nothing due", then "nothing pending at all")."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self.after_first_empty: Any = None
        self._empty_reads = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._db, name)

    async def read(self, fn: Any) -> Any:
        result = await self._db.read(fn)
        if result is None:
            self._empty_reads += 1
        if result is None and self._empty_reads == 2 and self.after_first_empty is not None:
            hook, self.after_first_empty = self.after_first_empty, None
            await hook()
        return result


async def test_a_kick_during_the_workers_look_at_an_empty_queue_is_not_lost(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "cache.sqlite3")
    hooked = _ReadHook(db)
    sent: list[str] = []

    async def handler(item: OutboxItem) -> Any:
        sent.append(str(item.payload["text"]))
        return lambda conn: None

    worker = OutboxWorker(hooked, EventBus())  # type: ignore[arg-type]
    worker.register("note", handler)

    async def queue_meanwhile() -> None:
        await worker.enqueue("note", {"text": "typed while the worker looked"}, "k-1")

    hooked.after_first_empty = queue_meanwhile
    worker.start()
    try:
        async with asyncio.timeout(3):
            while not sent:  # noqa: ASYNC110 (the worker has no event for "sent")
                await asyncio.sleep(0.02)
        assert sent == ["typed while the worker looked"]
    finally:
        await worker.stop()
        await db.close()
