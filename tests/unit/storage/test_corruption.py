from __future__ import annotations

import os
import random
import sqlite3
import stat
from pathlib import Path

import pytest

from desktop.core.clock import utcnow
from desktop.core.errors import CacheCorruptError
from desktop.core.models import JobFilter
from desktop.storage import jobs, outbox, rescue, sync_state
from desktop.storage.db import Database, in_use_marker
from tests.support.bound import bound
from tests.unit.storage.factories import make_jobs


def _aside(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".corrupt-" in p.name)


def test_random_bytes_file_is_moved_aside_and_rebuilt(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(random.Random(1).randbytes(64 * 1024))
    db = Database.open(db_path)
    try:
        assert db.recovered_from is not None
        assert db.recovered_from.name.startswith("cache.db.corrupt-")
        assert db.recovered_from.read_bytes()[:16] != b"SQLite format 3\x00"
        assert _aside(db_path.parent) == [db.recovered_from]
        assert db.read_now(jobs.total) == 0
        db.write_now(lambda c: sync_state.set(c, "k", "v"))  # fresh and usable
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    finally:
        db.close_now()


def _build_damaged(path: Path) -> list[str]:
    """A real cache with outbox rows, then pages of the jobs data overwritten with garbage."""
    db = Database.open(path)
    keys = [f"key-{i}" for i in range(30)]
    for i, key in enumerate(keys):
        db.write_now(
            bound(outbox.enqueue, "message", {"n": i, "body": "é"}, key, utcnow())
        )
    db.write_now(lambda c: outbox.mark_sent(c, 1))
    db.write_now(lambda c: jobs.upsert_many(c, make_jobs(400)))
    db.close_now()  # checkpoints the WAL into the main file
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0
    page_size = 4096
    # Leaf pages of the jobs table, past its first one: what a start-up's cheap check never reads (it
    # reads the first page of every table) but any query over all jobs does. Pages by position would
    # move with every schema change.
    with sqlite3.connect(path) as conn:
        leaves = [row[0] for row in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'jobs' AND pagetype = 'leaf' ORDER BY pageno")]
    conn.close()
    assert len(leaves) > 10
    rng = random.Random(7)
    with open(path, "r+b") as fh:
        for page in leaves[2::3]:
            fh.seek((page - 1) * page_size + 8)
            fh.write(rng.randbytes(page_size - 16))
    return keys


def test_damaged_pages_detected_and_outbox_rescued(db_path: Path) -> None:
    keys = _build_damaged(db_path)
    in_use_marker(db_path).touch()  # the session that saw the disk fail never closed the cache
    db = Database.open(db_path)
    try:
        assert db.recovered_from is not None
        assert db.recovered_from.exists()
        items = db.read_now(outbox.list)
        assert [i.idempotency_key for i in items] == keys  # same FIFO order
        assert [i.id for i in items] == list(range(1, 31))
        assert items[0].state == "sent"
        assert items[1].state == "pending"
        assert items[5].payload == {"n": 5, "body": "é"}
        assert db.read_now(jobs.total) == 0  # jobs come back from the server
        # new outbox rows continue after the rescued ids
        item = db.write_now(lambda c: outbox.enqueue(c, "message", {}, "key-new", utcnow()))
        assert item.id > 30
    finally:
        db.close_now()


def test_rescue_never_raises(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    assert rescue.read(missing).outbox == {}
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"\x00" * 10 + os.urandom(5000))
    assert rescue.read(junk).outbox == {}


@pytest.mark.parametrize("garbage_first_page", [True, False])
def test_header_damage(db_path: Path, garbage_first_page: bool) -> None:
    db = Database.open(db_path)
    db.write_now(lambda c: outbox.enqueue(c, "k", {}, "key", utcnow()))
    db.close_now()
    with open(db_path, "r+b") as fh:
        if garbage_first_page:
            fh.write(b"not a database at all, sorry")
        else:
            fh.seek(4096 * 2)
            fh.write(b"\xff" * 4096)
    db = Database.open(db_path)
    if not garbage_first_page:
        # An index page: the fast open does not read it; the check run after start-up finds it, and
        # the next start rebuilds.
        try:
            assert db.recovered_from is None
            assert db.verify_now() is False
        finally:
            db.close_now()
        db = Database.open(db_path)
    try:
        assert db.recovered_from is not None
        assert db.verify_now() is True
        db.write_now(lambda c: sync_state.set(c, "after", "ok"))
    finally:
        db.close_now()


def test_after_a_clean_close_damage_found_at_run_time_is_rebuilt_at_the_next_start(db_path: Path) -> None:
    keys = _build_damaged(db_path)
    db = Database.open(db_path)  # a clean last close: only the cheap check runs, for a fast start
    try:
        assert db.recovered_from is None
        def scroll_through_the_feed() -> None:
            for offset in range(0, 400, 50):
                db.read_now(bound(jobs.page, JobFilter(query="senior"), offset, 50))
            db.read_now(lambda c: c.execute("SELECT count(*), max(description) FROM jobs").fetchone())

        with pytest.raises(CacheCorruptError):
            scroll_through_the_feed()
    finally:
        db.close_now()
    assert in_use_marker(db_path).exists()
    db = Database.open(db_path)
    try:
        assert db.recovered_from is not None
        assert [i.idempotency_key for i in db.read_now(outbox.list)] == keys
    finally:
        db.close_now()


def test_a_clean_close_clears_the_in_use_marker_and_a_crash_leaves_it(db_path: Path) -> None:
    db = Database.open(db_path)
    assert in_use_marker(db_path).exists()
    db.close_now()
    assert not in_use_marker(db_path).exists()
