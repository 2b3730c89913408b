"""Clear cache… removes only what came from the marketplace: the outbox, drafts, the user's unsent
messages and what "Needs your attention" lists stay, a message queued before clearing still goes out
exactly once, and everything is fetched again. On a real cache file, and against the real reference
server on loopback."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from desktop.core.clock import utcnow
from desktop.core.models import DeliveryState, JobFilter, ProposalDraft
from desktop.core.money import Money
from desktop.credentials import CredentialStore
from desktop.services.container import build_services
from desktop.services.session import Session
from desktop.storage import cache_reset, drafts, jobs, messages, outbox, proposals, rooms, sync_state
from desktop.storage.db import Database
from tests.support.bound import bound
from tests.support.polling import until
from tests.ui import builders

DEMO = "demo@atelier.test"


def _count(conn: sqlite3.Connection, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_clearing_keeps_the_users_own_and_forgets_the_marketplaces(tmp_path: Path) -> None:
    db = Database.open(tmp_path / "cache.sqlite3")
    world = builders.world()
    db.write_now(lambda c: builders.write_world(c, world, builders.filler_jobs(400, world.now)))
    room = world.conversations[0].room.id
    draft_job = world.jobs[0]
    now = utcnow()

    def the_users_own(c: sqlite3.Connection) -> None:
        # a message waiting to be sent, with its echo
        outbox.enqueue(c, "chat.send", {"room_id": room, "body": "On my way"}, "msg-k1", now)
        messages.insert_local(c, room, "On my way", builders.ME_ID, builders.ME_NAME, "msg-k1", now)
        # a message the marketplace refused: "Needs your attention"
        refused = outbox.enqueue(c, "chat.send", {"room_id": room, "body": "Refused one"}, "msg-k2", now)
        messages.insert_local(c, room, "Refused one", builders.ME_ID, builders.ME_NAME, "msg-k2", now)
        messages.set_state(c, "msg-k2", DeliveryState.FAILED)
        c.execute("UPDATE outbox SET state = 'failed', last_error = 'gone' WHERE id = ?", (refused.id,))
        # a proposal being written
        drafts.save(c, ProposalDraft(job_id=draft_job.id, cover_letter="Dear client, …",
                                     bid=Money.of("500"), duration="1 month", fee_rate=draft_job.fee_rate,
                                     job_title=draft_job.title), now)
        sync_state.set(c, "watermark:jobs", "2026-01-01T00:00:00.000000Z")
        sync_state.set(c, "last_event_id", "41")

    db.write_now(the_users_own)
    outbox_before = db.read_now(lambda c: c.execute("SELECT * FROM outbox ORDER BY id").fetchall())
    assert db.read_now(lambda c: _count(c, "jobs")) > 400

    removed = db.write_now(cache_reset.clear_marketplace_data)

    assert removed["jobs"] > 400
    assert removed["messages"] > 0
    assert removed["transactions"] > 0
    assert db.read_now(lambda c: c.execute("SELECT * FROM outbox ORDER BY id").fetchall()) == outbox_before
    thread = db.read_now(lambda c: messages.for_room(c, room, limit=100))
    assert sorted(m.body for m in thread) == ["On my way", "Refused one"]  # only the user's own
    assert db.read_now(lambda c: rooms.get(c, room)) is not None  # where they will be sent
    assert db.read_now(lambda c: drafts.get(c, draft_job.id)) is not None
    assert db.read_now(lambda c: jobs.get(c, draft_job.id)) is not None  # the draft's form opens on it
    assert db.read_now(lambda c: jobs.total(c)) == 1
    # The search index follows: a removed job is not found, the kept one is.
    other = world.jobs[1]
    assert db.read_now(lambda c: jobs.page(c, JobFilter(query=other.title), 0, 10)) == []
    assert [j.id for j in db.read_now(lambda c: jobs.page(c, JobFilter(query=draft_job.title), 0, 10))] \
        == [draft_job.id]
    for table in ("transactions", "earnings_summary", "invitations"):
        assert db.read_now(bound(_count, table)) == 0
    assert db.read_now(lambda c: [p.id for p in proposals.list(c)]) == []
    # Everything is fetched again from the start: no watermark, no stream position.
    assert db.read_now(lambda c: (sync_state.get(c, "watermark:jobs"), sync_state.get(c, "last_event_id"))) \
        == (None, None)
    assert db.verify_now()
    db.close_now()


async def test_a_message_queued_before_clearing_goes_out_once_and_everything_comes_back(
        sandbox: Any, tmp_path: Path) -> None:
    session = Session(sandbox.url, DEMO, CredentialStore.memory_only())
    await session.sign_in_with_password("demo")
    services = await build_services(Database.open(tmp_path / "cache.sqlite3"), session, account_label="test")
    try:
        await services.sync.pull()
        jobs_before = await services.db.read(jobs.total)
        room = (await services.db.read(lambda c: c.execute("SELECT id FROM rooms LIMIT 1").fetchone()))[0]
        body = "Queued before the cache was cleared."
        await services.chat.send(room, body)  # the outbox is not running: it waits, as offline
        size_before = await services.cache.size()

        cleared = await services.cache.clear()

        assert cleared.removed["jobs"] == jobs_before
        assert cleared.size_after < size_before
        assert await services.outbox.pending_count() == 1
        echo = await services.db.read(lambda c: messages.for_room(c, room, limit=10))
        assert [(m.body, m.is_local) for m in echo] == [(body, True)]

        services.outbox.start()
        await services.cache.wait_resynced()

        async def sent() -> bool:
            return await services.outbox.pending_count() == 0

        await until(sent, within=20)
        await services.sync.pull()
        assert await services.db.read(jobs.total) == jobs_before  # fetched again
        thread = await services.db.read(lambda c: messages.for_room(c, room, limit=500))
        assert [m.body for m in thread].count(body) == 1
        assert not any(m.is_local for m in thread)
        with sqlite3.connect(sandbox.db_path) as server:
            assert server.execute("SELECT count(*) FROM messages WHERE body = ?", (body,)).fetchone()[0] == 1
    finally:
        await services.aclose()
