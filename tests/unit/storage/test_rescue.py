"""A damaged cache never costs the user what they had queued: real SQLite files, really damaged.

Each test writes a real cache the way the app does (messages typed in rooms: a local echo and an outbox
row in one transaction), damages the file on disk, and checks what the user gets back: the messages
still waiting to be sent, with the idempotency keys they were first sent with, and a report that names
whatever could not be recovered.
"""

from __future__ import annotations

import random
import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.core.clock import utcnow
from desktop.core.errors import CacheCorruptError
from desktop.core.models import DeliveryState, JobFilter, JobSort, Message
from desktop.services.chat import SEND
from desktop.services.proposals import SUBMIT
from desktop.services.saved_searches import CREATE
from desktop.storage import drafts, jobs, messages, outbox, proposals, room_drafts, rooms, saved_searches
from desktop.storage.db import Database, in_use_marker
from tests.support.bound import bound
from tests.unit.storage.factories import make_draft, make_jobs, make_message, make_room

PAGE = 4096


def _typed(db: Database, room: str, body: str, key: str, minutes: int) -> None:
    """A message typed in ``room``: its echo and its outbox row, written together like ChatService does."""
    when = utcnow() - timedelta(minutes=60 - minutes)

    def write(conn: sqlite3.Connection) -> None:
        messages.insert_local(conn, room, body, "me-1", "Sam Freelancer", key, when)
        outbox.enqueue(conn, SEND, {"room_id": room, "body": body}, key, when)

    db.write_now(write)


def _delivered(db: Database, item_id: int) -> None:
    """The marketplace took it: the item is marked sent and its copy takes over the echo (as ChatService)."""

    def write(conn: sqlite3.Connection) -> None:
        item = outbox.get(conn, item_id)
        assert item is not None
        echo = messages.get(conn, f"{messages.LOCAL_PREFIX}{item.idempotency_key}")
        assert echo is not None
        messages.upsert_many(conn, [replace(echo, id=f"srv-{item_id}", state=DeliveryState.SENT)])
        outbox.mark_sent(conn, item_id)

    db.write_now(write)


def _build(path: Path, *, pending: int = 3, history: int = 0, body_words: int = 8) -> list[str]:
    """A cache with rooms, server messages, ``history`` sent items and ``pending`` messages still queued."""
    db = Database.open(path)
    db.write_now(lambda c: rooms.upsert_many(c, [make_room(i) for i in range(3)]))
    db.write_now(lambda c: messages.upsert_many(c, [make_message(i, room=i % 3) for i in range(60)]))
    for i in range(history):
        _typed(db, "room-0001", f"already delivered number {i} " + "word " * body_words, f"old-{i}", i % 50)
        _delivered(db, i + 1)
    keys = []
    for i in range(pending):
        key = f"msg-pending-{i}"
        _typed(db, f"room-000{i % 3}", f"Pending note {i}: " + "about the logo " * body_words, key, 50 + i)
        keys.append(key)
    db.close_now()  # checkpoints the WAL into the main file
    return keys


def _pages_of(path: Path, table: str, kind: str = "leaf") -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno", (table, kind))]
    finally:
        conn.close()


def _smash(path: Path, page: int, *, start: int = 0, length: int = PAGE) -> None:
    with open(path, "r+b") as fh:
        fh.seek((page - 1) * PAGE + start)
        fh.write(random.Random(page).randbytes(length))


def _zero(path: Path, page: int) -> None:
    with open(path, "r+b") as fh:
        fh.seek((page - 1) * PAGE)
        fh.write(bytes(PAGE))


def _pending(db: Database) -> list[outbox.OutboxItem]:
    return db.read_now(lambda c: outbox.list(c, "pending"))


def test_a_damaged_header_keeps_every_queued_message_and_its_echo(db_path: Path) -> None:
    keys = _build(db_path, pending=4, history=5)
    with open(db_path, "r+b") as fh:
        fh.write(b"\x00" * 16)  # the magic string SQLite looks for first
    db = Database.open(db_path)
    try:
        assert db.recovered_from is not None
        pending = _pending(db)
        assert [i.idempotency_key for i in pending] == keys  # same keys (exactly once), same order
        body = "Pending note 0: " + "about the logo " * 8
        assert pending[0].payload == {"room_id": "room-0000", "body": body}
        # the conversation shows them again as "Sending…"
        echo = db.read_now(lambda c: messages.get(c, f"{messages.LOCAL_PREFIX}{keys[1]}"))
        assert echo is not None
        assert echo.state is DeliveryState.SENDING
        assert echo.room_id == "room-0001"
        report = db.rescue_report
        assert report is not None
        assert report.requeued == 4
        assert report.complete
    finally:
        db.close_now()


def test_the_header_and_the_schema_page_damaged_the_pages_are_read_one_by_one(db_path: Path) -> None:
    keys = _build(db_path, pending=3, history=2)
    with open(db_path, "r+b") as fh:
        fh.write(random.Random(3).randbytes(PAGE))  # page 1: the header and the schema, all gone
    db = Database.open(db_path)
    try:
        assert db.recovered_from is not None
        assert [i.idempotency_key for i in _pending(db)] == keys
        assert db.rescue_report is not None
        assert db.rescue_report.requeued == 3
    finally:
        db.close_now()


def test_outbox_pages_lost_messages_are_queued_again_from_their_echoes(db_path: Path) -> None:
    keys = _build(db_path, pending=6, history=40, body_words=20)
    leaves = _pages_of(db_path, "outbox")
    assert len(leaves) >= 3
    for page in leaves:
        _smash(db_path, page, start=8)  # every row of the outbox is garbage now
    in_use_marker(db_path).touch()
    db = Database.open(db_path)
    try:
        assert db.recovered_from is not None
        pending = _pending(db)
        # the echoes carried room, text and the idempotency key: sent once, in the order typed
        assert [i.idempotency_key for i in pending] == keys
        assert [i.payload["room_id"] for i in pending] == [f"room-000{i % 3}" for i in range(6)]
        assert all(i.started_at is not None for i in pending)  # "look before you resend" where it matters
        report = db.rescue_report
        assert report is not None
        assert report.requeued == 6
        assert report.from_echoes == 6
        # every unreadable row is accounted for: the six above, and what the server's copies show delivered
        assert report.complete
        # what was already delivered is not sent again: its echo was taken over by the server's copy
        assert not any(i.idempotency_key.startswith("old-") for i in pending)
    finally:
        db.close_now()


def test_a_message_cut_short_by_the_damage_is_named_and_kept_not_sent(db_path: Path) -> None:
    db = Database.open(db_path)
    db.write_now(lambda c: rooms.upsert_many(c, [make_room(i) for i in range(3)]))
    long_body = "Dear client, here is the full plan for the redesign. " + "Details follow. " * 900
    _typed(db, "room-0002", long_body, "msg-long", 10)
    _typed(db, "room-0001", "A short one that survives", "msg-short", 11)
    db.close_now()
    # the long message lives on overflow pages; lose them, and the outbox's copy of it too
    overflow = _pages_of(db_path, "messages", "overflow")
    assert overflow
    assert len(overflow) >= 3
    for page in overflow[1:]:
        _zero(db_path, page)  # a torn write: the chain ends in zeroes
    for page in _pages_of(db_path, "outbox", "overflow") + _pages_of(db_path, "outbox"):
        _smash(db_path, page, start=8)
    in_use_marker(db_path).touch()
    db = Database.open(db_path)
    try:
        report = db.rescue_report
        assert report is not None
        assert [i.idempotency_key for i in _pending(db)] == ["msg-short"]
        assert len(report.lost) == 1
        lost = report.lost[0]
        assert lost.room_name == "Client 2"
        assert lost.text.startswith("Dear client, here is the full plan")
        assert len(lost.text) < len(long_body)
        # kept in "Needs your attention" with the words that could be read, never sent by itself
        failed = db.read_now(lambda c: outbox.list(c, "failed"))
        from desktop.storage.rescue import RESCUE_REASON

        assert len(failed) == 1
        assert failed[0].last_error == RESCUE_REASON
        assert failed[0].payload["room_id"] == "room-0002"
        assert str(failed[0].payload["body"]).startswith("Dear client, here is the full plan")
    finally:
        db.close_now()


def test_rebuild_in_place_keeps_the_same_database_working(db_path: Path) -> None:
    keys = _build(db_path, pending=3, history=30, body_words=20)
    db = Database.open(db_path)
    try:
        _delivered(db, 31)  # sent while the app ran
        db.read_now(lambda c: c.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall())
        for page in _pages_of(db_path, "outbox"):
            _smash(db_path, page, start=8)
        generation = db.generation
        report = db.rebuild_now(generation)
        assert report is not None
        assert report.requeued == 2
        assert [i.idempotency_key for i in _pending(db)] == keys[1:]
        assert db.rebuild_now(generation) is None  # the same damage seen twice is rebuilt once
        # every connection works on the new file
        assert db.read_now(messages.count) == 2
        db.write_now(lambda c: rooms.upsert_many(c, [make_room(9)]))
        assert db.verify_now() is True
        assert db.recovered_from is not None
        assert db.recovered_from.exists()
    finally:
        db.close_now()
    assert not in_use_marker(db_path).exists()


def test_the_page_reader_finds_every_row_of_a_healthy_file(db_path: Path) -> None:
    db = Database.open(db_path)
    db.write_now(lambda c: jobs.upsert_many(c, make_jobs(400)))
    db.close_now()
    from desktop.storage import pages

    found = {str(r.values[1]) for r in pages.records(db_path)
             if r.complete and str(r.values[1]).startswith("job-")}
    assert found == {job.id for job in make_jobs(400)}


def _garble_index(path: Path, index: str) -> None:
    """Flip bytes inside the index's segments: the b-tree stays sound (quick_check passes), FTS5 is not."""
    rng = random.Random(11)
    conn = sqlite3.connect(path)
    try:
        blocks = conn.execute(f"SELECT id, block FROM {index}_data WHERE length(block) > 200").fetchall()
        assert blocks
        for block_id, block in blocks[::2]:
            data = bytearray(block)
            for _ in range(24):
                data[rng.randrange(len(data))] = rng.randrange(256)
            conn.execute(f"UPDATE {index}_data SET block = ? WHERE id = ?", (bytes(data), block_id))
        conn.commit()
    finally:
        conn.close()


_WORDS = ("python", "senior", "design")


def _searchable_cache(path: Path) -> tuple[list[int], list[Message]]:
    """A cache with jobs and messages, its search indexes then damaged; what the searches found before."""
    db = Database.open(path)
    db.write_now(lambda c: jobs.upsert_many(c, make_jobs(2000)))
    db.write_now(lambda c: messages.upsert_many(c, [make_message(i, room=i % 5) for i in range(400)]))
    before = _job_counts(db)
    said = db.read_now(lambda c: messages.search(c, "the", limit=500))
    assert min(before) > 0
    assert said
    db.close_now()
    _garble_index(path, "jobs_fts")
    _garble_index(path, "messages_fts")
    return before, said


def _job_counts(db: Database) -> list[int]:
    return [db.read_now(bound(jobs.count, JobFilter(query=w))) for w in _WORDS]


def test_a_damaged_search_index_is_found_by_the_background_check_and_rebuilt(db_path: Path) -> None:
    before, said = _searchable_cache(db_path)
    db = Database.open(db_path)
    try:
        assert db.verify_now() is True  # quick_check sees nothing wrong
        assert db.verify_search_indexes_now() == ("jobs_fts", "messages_fts")
        assert _job_counts(db) == before
        assert db.read_now(lambda c: messages.search(c, "the", limit=500)) == said
        assert db.verify_search_indexes_now() == ()
        assert db.recovered_from is None  # the cache itself was kept: only the indexes were rebuilt
    finally:
        db.close_now()


def test_a_search_that_meets_a_damaged_index_has_it_rebuilt_for_the_next_one(db_path: Path) -> None:
    before, said = _searchable_cache(db_path)
    db = Database.open(db_path)
    try:
        with pytest.raises(CacheCorruptError):  # what the user saw: the search failed
            _job_counts(db)
        db.write_now(lambda c: None)  # the repair queued on the writer has run
        assert _job_counts(db) == before
        assert db.read_now(lambda c: messages.search(c, "the", limit=500)) == said
        assert db.saw_corruption is False  # the tables are sound: no full check and rebuild next start
    finally:
        db.close_now()


@pytest.mark.parametrize("damage", ["outbox pages", "first page"])
def test_a_proposal_and_a_search_being_sent_and_a_letter_being_written_come_back(
        db_path: Path, damage: str) -> None:
    """With the messages being written in two rooms (one long enough to spill onto an overflow page)."""
    db = Database.open(db_path)
    db.write_now(lambda c: jobs.upsert_many(c, make_jobs(50)))
    writing, sending = make_draft(1), make_draft(2)
    db.write_now(lambda c: drafts.save(c, writing, utcnow()))
    half_written = {"room-0001": "Thanks Maya, I'll send the invoice once the",
                    "room-0002": "Here is the plan, step by step: " + "then we test it; " * 150}
    for room_id, body in half_written.items():
        db.write_now(bound(room_drafts.save, room_id, body, utcnow()))
    payload = {"job_id": sending.job_id, "cover_letter": sending.cover_letter, "bid": str(sending.bid.amount),
               "currency": sending.bid.currency, "duration": sending.duration,
               "fee_rate": str(sending.fee_rate), "job_title": sending.job_title}

    def submit(conn: sqlite3.Connection) -> None:  # as ProposalService.submit writes it
        proposals.insert_local(conn, sending, "prp-1", utcnow())
        outbox.enqueue(conn, SUBMIT, payload, "prp-1", utcnow())

    db.write_now(submit)
    wanted = JobFilter(query="django", sort=JobSort.NEWEST)
    search = {"name": "Django gigs", "filter": saved_searches.filter_to_json(wanted)}

    def save_search(conn: sqlite3.Connection) -> None:  # as SavedSearchService.save writes it
        saved_searches.insert_local(conn, "Django gigs", wanted, "ss-1", utcnow())
        outbox.enqueue(conn, CREATE, search, "ss-1", utcnow())

    db.write_now(save_search)
    for i in range(40):
        _typed(db, "room-0001", f"already delivered number {i} " + "word " * 20, f"old-{i}", i % 50)
        _delivered(db, i + 3)
    db.close_now()
    if damage == "outbox pages":
        for page in _pages_of(db_path, "outbox"):
            _smash(db_path, page, start=8)
    else:
        _smash(db_path, 1)
    in_use_marker(db_path).touch()
    db = Database.open(db_path)
    try:
        item, saving = _pending(db)
        assert item.kind == SUBMIT
        assert item.idempotency_key == "prp-1"
        assert item.payload == payload
        assert saving.kind == CREATE
        assert saving.idempotency_key == "ss-1"
        assert saving.payload == search
        assert [s.name for s in db.read_now(saved_searches.list)] == ["Django gigs"]
        mine = db.read_now(lambda c: proposals.get(c, "local:prp-1"))
        assert mine is not None
        assert mine.cover_letter == sending.cover_letter
        kept = db.read_now(lambda c: drafts.get(c, writing.job_id))
        assert kept is not None
        assert kept.draft == writing
        assert {room: db.read_now(bound(room_drafts.get, room)) for room in half_written} == half_written
    finally:
        db.close_now()


def test_the_kinds_rescue_queues_are_the_ones_the_services_send() -> None:
    from desktop.storage import rescue

    assert (rescue.MESSAGE_SEND, rescue.PROPOSAL_SUBMIT, rescue.SAVED_SEARCH_CREATE) == (SEND, SUBMIT, CREATE)


def test_the_page_reader_sees_what_is_still_only_in_the_write_ahead_log(
        db_path: Path, tmp_path: Path) -> None:
    from desktop.storage import pages

    db = Database.open(db_path)
    try:
        for i in range(3):
            _typed(db, "room-0001", f"typed just before the crash {i}", f"msg-wal-{i}", i)
        # what a kill -9 leaves on disk: the file, and the log its last transactions are still in
        crashed = tmp_path / "crashed"
        crashed.mkdir()
        for suffix in ("", "-wal"):
            Path(f"{crashed / 'cache.db'}{suffix}").write_bytes(Path(f"{db_path}{suffix}").read_bytes())
    finally:
        db.close_now()
    copy = crashed / "cache.db"

    def keys() -> set[str]:
        return {str(r.values[3]) for r in pages.records(copy) if len(r.values) == 10 and r.complete}

    assert keys() == {"msg-wal-0", "msg-wal-1", "msg-wal-2"}
    Path(f"{copy}-wal").unlink()
    assert keys() == set()  # they were only in the log


def test_the_page_reader_ignores_frames_left_in_the_log_from_before_it_was_reset(db_path: Path) -> None:
    """A reused log keeps older frames past its current end: read, they would bring back rows as they were
    before (here: sent items as still pending, which would be sent again)."""
    from desktop.storage import pages

    Database.open(db_path).close_now()
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        for i in range(300):  # one transaction each: many frames in the log's first cycle
            outbox.enqueue(conn, SEND, {"room_id": "room-0001", "body": f"note {i} " + "x" * 80},
                           f"k-{i}", utcnow())
        conn.execute("PRAGMA wal_checkpoint(RESTART)")
        conn.execute("UPDATE outbox SET state = 'sent'")  # far fewer frames: the old ones stay behind
        conn.execute("PRAGMA wal_checkpoint(RESTART)")
        conn.execute("INSERT INTO sync_state (key, value) VALUES ('x', 'y')")
        assert Path(f"{db_path}-wal").stat().st_size > 100 * PAGE
        states = {str(r.values[5]) for r in pages.records(db_path) if len(r.values) == 10 and r.complete}
    finally:
        conn.close()
    assert states == {"sent"}


@pytest.mark.parametrize("page_size", [1024, 4096, 8192])
def test_the_page_size_is_found_again_without_the_header_among_overflow_pages(
        tmp_path: Path, page_size: int) -> None:
    """Long messages spill onto overflow pages, which do not look like b-tree pages: a multiple of the true
    size that happens to skip them must not win over the true size."""
    from desktop.storage import pages

    path = tmp_path / "sized.db"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA page_size = {page_size}")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    rows = [("long " * (page_size // 3) if i % 20 == 0 else f"note {i} " * 30,) for i in range(3000)]
    conn.executemany("INSERT INTO notes (body) VALUES (?)", rows)
    conn.commit()
    conn.close()
    data = bytearray(path.read_bytes())
    data[:100] = random.Random(1).randbytes(100)  # the header: gone
    assert pages.guess_page_size(bytes(data)) == page_size
