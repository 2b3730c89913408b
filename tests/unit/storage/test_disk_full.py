"""The cache on a full disk: a clear DiskFullError, a read-only open, writing again once there is room, and
drafts kept in memory meanwhile.

The disk is real where it can be (tests/support/full_disk.py: a small tmpfs filled to the last byte; the
tests skip and say why where mounting is refused); the first test uses SQLite's ``max_page_count``, a
real SQLITE_FULL that needs no root.
"""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.api.auth import TokenSet
from desktop.api.client import MarketplaceClient, StaticTokens
from desktop.core.clock import utcnow
from desktop.core.errors import DiskFullError
from desktop.services.events import EventBus
from desktop.services.outbox import OutboxWorker
from desktop.services.proposals import ProposalService
from desktop.storage import drafts, jobs, sync_state
from desktop.storage.db import Database, in_use_marker
from desktop.storage.errors import DISK_FULL
from tests.support.full_disk import small_disk
from tests.unit.storage.factories import make_draft, make_jobs


def test_sqlite_full_is_a_disk_full_error(db: Database) -> None:
    pages = db.read_now(lambda c: c.execute("PRAGMA page_count").fetchone()[0])
    db.write_now(lambda c: c.execute(f"PRAGMA max_page_count = {pages + 2}"))
    with pytest.raises(DiskFullError) as info:
        db.write_now(lambda c: jobs.upsert_many(c, make_jobs(200)))
    assert info.value.notice == DISK_FULL


def _empty_wal(path: Path) -> None:
    """Checkpoint and truncate the WAL, so the next write must grow it (as after a quiet spell)."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0] == 0
    finally:
        conn.close()


def test_a_cache_on_a_full_disk_opens_read_only_and_writes_again_once_there_is_room(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 8) as disk:
        path = disk.root / "account" / "cache.sqlite3"
        db = Database.open(path)
        db.write_now(lambda c: jobs.upsert_many(c, make_jobs(200)))
        db.close_now()
        disk.fill()
        size = path.stat().st_size

        db = Database.open_or_read_only(path)
        try:
            assert db.read_only
            assert db.read_now(jobs.total) == 200  # everything cached can be read
            assert asyncio.run(_read_total(db)) == 200
            with pytest.raises(DiskFullError) as info:
                db.write_now(lambda c: sync_state.set(c, "k", "v"))
            assert info.value.notice == DISK_FULL
            assert path.stat().st_size == size
            assert not in_use_marker(path).exists()  # nothing written

            assert not asyncio.run(db.reopen_for_writing())  # still no room: still read-only
            assert db.read_only
            assert db.read_now(jobs.total) == 200

            disk.free()
            assert asyncio.run(db.reopen_for_writing())
            assert not db.read_only
            db.write_now(lambda c: sync_state.set(c, "k", "v"))
            assert db.read_now(lambda c: sync_state.get(c, "k")) == "v"
            assert asyncio.run(_read_total(db)) == 200
        finally:
            db.close_now()
        assert not in_use_marker(path).exists()  # closed cleanly


async def _read_total(db: Database) -> int:
    return await db.read(jobs.total)


async def test_drafts_typed_while_the_disk_is_full_are_kept_and_written_once_there_is_room(
        tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", 8) as disk:
        path = disk.root / "cache.sqlite3"
        db = Database.open(path)
        worker = OutboxWorker(db, EventBus())
        worker.disk.poll_interval = 0.05
        tokens = TokenSet("unused", None, utcnow() + timedelta(hours=1))
        api = MarketplaceClient("http://127.0.0.1:9", StaticTokens(tokens))  # never called here
        service = ProposalService(api, db, EventBus(), worker)
        try:
            _empty_wal(path)
            disk.fill()
            draft = make_draft(1, cover_letter="Written while the disk was full. " * 3)
            await service.save_draft(draft)  # no error for the form to show: kept
            assert worker.disk.full
            assert service.unsaved_drafts == 1
            assert await service.draft_for(draft.job_id) == draft
            assert db.read_now(lambda c: drafts.get(c, draft.job_id)) is None

            disk.free()
            for _ in range(100):
                if db.read_now(lambda c: drafts.get(c, draft.job_id)) is not None:
                    break
                await asyncio.sleep(0.05)
            saved = db.read_now(lambda c: drafts.get(c, draft.job_id))
            assert saved is not None
            assert saved.draft == draft
            assert not worker.disk.full
            assert service.unsaved_drafts == 0
        finally:
            await worker.stop()
            await api.aclose()
            await db.close()
