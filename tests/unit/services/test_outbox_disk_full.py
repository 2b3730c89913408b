"""The outbox on a full disk, without root: SQLite's ``max_page_count`` makes the write that records a
delivery fail with a real SQLITE_FULL (the cache may not grow), as a full disk does.

The free-space figure DiskSpace polls is the one part this cannot make real: the test hands it a measure
that reports no free space until the limit is lifted. tests/e2e/test_disk_full.py runs the same story on a
real full tmpfs, against the reference and the Upwork-shaped marketplaces.
"""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path
from typing import Any

import pytest

from desktop.services.disk import DiskSpace
from desktop.services.events import EventBus
from desktop.services.outbox import OutboxWorker
from desktop.storage import outbox, sync_state
from desktop.storage.db import Database
from desktop.storage.outbox import OutboxItem


async def _until(condition: Any, within: float = 5.0) -> None:
    async with asyncio.timeout(within):
        while not condition():  # noqa: ASYNC110 (polling what the worker wrote)
            await asyncio.sleep(0.02)


async def test_a_delivery_the_full_disk_could_not_record_is_recorded_once_there_is_room(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    db = Database.open(tmp_path / "cache.sqlite3")
    free = {"bytes": 0}
    disk = DiskSpace(db, poll_interval=0.05, measure=lambda _folder: free["bytes"])
    worker = OutboxWorker(db, EventBus(), disk=disk)
    sent: list[str] = []

    async def handler(item: OutboxItem) -> Any:
        sent.append(str(item.payload["text"]))
        answer = "the marketplace's answer " * 2000  # needs new pages in the cache: a full disk refuses them
        return lambda conn: sync_state.set(conn, "answer", answer)

    worker.register("note", handler)
    await worker.enqueue("note", {"text": "hello"}, "k-1")
    pages = db.read_now(lambda c: c.execute("PRAGMA page_count").fetchone()[0])
    db.write_now(lambda c: c.execute(f"PRAGMA max_page_count = {pages}"))
    worker.start()
    try:
        await _until(lambda: disk.full)
        await asyncio.sleep(0.5)  # ten polls of the free space
        assert sent == ["hello"]  # sent once; not again while the disk is full
        assert db.read_now(outbox.pending_count) == 1
        atelier = [r for r in caplog.records if r.name.startswith("atelier")]
        assert sum("the disk is full" in r.getMessage() for r in atelier) == 1
        assert not [r for r in atelier if r.exc_info or r.levelno >= logging.ERROR]

        db.write_now(lambda c: c.execute("PRAGMA max_page_count = 1073741823"))
        free["bytes"] = 1 << 30
        await _until(lambda: db.read_now(outbox.pending_count) == 0)
        assert sent == ["hello"]  # recorded, not sent again
        assert db.read_now(lambda c: sync_state.get(c, "answer")) is not None
        assert not disk.full
        assert sum("the disk has room again" in r.getMessage() for r in caplog.records) == 1
    finally:
        await worker.stop()
        await db.close()
