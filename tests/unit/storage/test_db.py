from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from desktop.core.clock import utcnow
from desktop.core.errors import StorageError
from desktop.storage import jobs, outbox, sync_state
from desktop.storage.db import Database
from desktop.storage.errors import DISK_FULL
from desktop.storage.schema import latest_version, user_version
from tests.unit.storage.factories import make_job, make_jobs


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_open_creates_parent_and_applies_pragmas(db: Database, db_path: Path) -> None:
    assert db.path == db_path
    assert db_path.exists()
    assert db.recovered_from is None
    assert db.read_now(lambda c: c.execute("PRAGMA journal_mode").fetchone()[0]) == "wal"
    assert db.read_now(lambda c: c.execute("PRAGMA foreign_keys").fetchone()[0]) == 1
    assert db.read_now(lambda c: c.execute("PRAGMA busy_timeout").fetchone()[0]) == 5000
    assert db.read_now(lambda c: c.execute("PRAGMA synchronous").fetchone()[0]) == 1  # NORMAL
    assert db.read_now(user_version) == latest_version()


def test_file_mode_0600_for_db_wal_and_shm(db_path: Path) -> None:
    old = os.umask(0o022)
    try:
        db = Database.open(db_path)
        db.write_now(lambda c: sync_state.set(c, "k", "v"))
        for suffix in ("", "-wal", "-shm"):
            side = Path(f"{db_path}{suffix}")
            assert side.exists(), suffix
            assert _mode(side) == 0o600, suffix
        db.close_now()
    finally:
        os.umask(old)


def test_existing_file_is_tightened_to_0600(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch(mode=0o644)
    os.chmod(db_path, 0o644)
    Database.open(db_path).close_now()
    assert _mode(db_path) == 0o600


def test_write_commits_and_read_sees_it(db: Database) -> None:
    db.write_now(lambda c: sync_state.set(c, "last_event_id", "42"))
    assert db.read_now(lambda c: sync_state.get(c, "last_event_id")) == "42"


def test_failed_write_rolls_back_everything(db: Database) -> None:
    def half_then_fail(conn: sqlite3.Connection) -> None:
        sync_state.set(conn, "a", "1")
        jobs.upsert_many(conn, [make_job(1)])
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        db.write_now(half_then_fail)
    assert db.read_now(lambda c: sync_state.get(c, "a")) is None
    assert db.read_now(jobs.total) == 0
    db.write_now(lambda c: sync_state.set(c, "a", "2"))  # still usable
    assert db.read_now(lambda c: sync_state.get(c, "a")) == "2"


def test_sqlite_errors_become_storage_errors(db: Database) -> None:
    with pytest.raises(StorageError) as info:
        db.write_now(lambda c: c.execute("INSERT INTO no_such_table VALUES (1)"))
    assert isinstance(info.value.__cause__, sqlite3.OperationalError)
    with pytest.raises(StorageError):
        db.read_now(lambda c: c.execute("SELECT nope FROM jobs"))
    db.write_now(lambda c: sync_state.set(c, "ok", "yes"))


def test_disk_full_maps_to_clear_error_and_db_stays_usable(db: Database) -> None:
    db.write_now(lambda c: sync_state.set(c, "before", "1"))
    pages = db.read_now(lambda c: c.execute("PRAGMA page_count").fetchone()[0])
    db.write_now(lambda c: c.execute(f"PRAGMA max_page_count = {pages + 2}"))
    with pytest.raises(StorageError) as info:
        db.write_now(lambda c: jobs.upsert_many(c, make_jobs(200)))
    assert info.value.notice == DISK_FULL
    assert "disk is full" in str(info.value)
    assert db.read_now(jobs.total) == 0  # rolled back
    assert db.read_now(lambda c: sync_state.get(c, "before")) == "1"
    db.write_now(lambda c: c.execute("PRAGMA max_page_count = 1073741823"))
    db.write_now(lambda c: jobs.upsert_many(c, make_jobs(200)))
    assert db.read_now(jobs.total) == 200


async def test_async_read_and_write(db: Database) -> None:
    await db.write(lambda c: jobs.upsert_many(c, make_jobs(10)))
    assert await db.read(jobs.total) == 10
    results = await asyncio.gather(*(db.read(jobs.total) for _ in range(5)))
    assert results == [10] * 5
    with pytest.raises(StorageError):
        await db.write(lambda c: c.execute("SELECT * FROM nowhere"))


async def test_write_runs_on_one_thread_and_read_elsewhere(db: Database) -> None:
    writers = {await db.write(lambda c: threading.get_ident()) for _ in range(5)}
    reader = await db.read(lambda c: threading.get_ident())
    assert len(writers) == 1
    assert reader not in writers
    assert threading.get_ident() not in writers


async def test_concurrent_writes_are_serialised(db: Database) -> None:
    def bump(conn: sqlite3.Connection) -> None:
        value = int(sync_state.get(conn, "n") or "0")
        sync_state.set(conn, "n", str(value + 1))

    await asyncio.gather(*(db.write(bump) for _ in range(50)))
    assert await db.read(lambda c: sync_state.get(c, "n")) == "50"


async def test_reads_proceed_during_a_long_write(db: Database) -> None:
    await db.write(lambda c: jobs.upsert_many(c, make_jobs(20)))
    inside = threading.Event()
    release = threading.Event()

    def slow_write(conn: sqlite3.Connection) -> None:
        jobs.upsert_many(conn, make_jobs(20, start=100))
        inside.set()
        assert release.wait(10)

    task = asyncio.ensure_future(db.write(slow_write))
    assert await asyncio.to_thread(inside.wait, 10)
    # the write is open and holds the write lock: both readers still answer, with the committed snapshot
    assert await asyncio.wait_for(db.read(jobs.total), 5) == 20
    assert db.read_now(jobs.total) == 20
    release.set()
    await task
    assert await db.read(jobs.total) == 40


async def test_close_then_use_raises(db_path: Path) -> None:
    db = Database.open(db_path)
    await db.write(lambda c: sync_state.set(c, "k", "v"))
    await db.close()
    await db.close()  # idempotent
    with pytest.raises(StorageError):
        await db.read(jobs.total)
    with pytest.raises(StorageError):
        db.read_now(jobs.total)
    reopened = Database.open(db_path)
    assert reopened.read_now(lambda c: sync_state.get(c, "k")) == "v"
    reopened.close_now()


def test_write_now_inside_write_is_refused(db: Database) -> None:
    def nested(conn: sqlite3.Connection) -> None:
        db.write_now(lambda c: None)

    with pytest.raises(RuntimeError):
        db.write_now(nested)


def test_unwritable_location_is_a_storage_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(StorageError):
        Database.open(locked / "sub" / "cache.db")


def test_outbox_survives_reopen(db_path: Path) -> None:
    db = Database.open(db_path)
    db.write_now(lambda c: outbox.enqueue(c, "message", {"body": "hi"}, "key-1", utcnow()))
    db.close_now()
    db = Database.open(db_path)
    assert db.read_now(outbox.pending_count) == 1
    db.close_now()
