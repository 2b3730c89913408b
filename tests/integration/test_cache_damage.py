"""A damaged cache never costs the user what they had queued. A header damaged before the start, or the
outbox's pages damaged and found by the running app: the messages still waiting are rescued (from their
echoes when their outbox rows are gone) and sent exactly once, the app goes on on a rebuilt cache, and the
notice says what happened. Real cache file (really damaged on disk), real client, the real reference server
on loopback."""

from __future__ import annotations

import contextlib
import random
import sqlite3
from pathlib import Path
from typing import Any

from desktop.core.clock import utcnow
from desktop.core.errors import CacheCorruptError
from desktop.core.models import DeliveryState, JobFilter
from desktop.core.notices import Code, Notice
from desktop.credentials import CredentialStore
from desktop.services.chat import MARK_READ
from desktop.services.container import Services, build_services
from desktop.services.events import ActionFailed, Event
from desktop.services.session import Session
from desktop.storage import jobs, messages, outbox
from desktop.storage.db import Database, in_use_marker
from tests.support.polling import until

DEMO = "demo@atelier.test"
PAGE = 4096


def _outbox_leaves(path: Path) -> list[int]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'outbox' AND pagetype = 'leaf' ORDER BY pageno")]
    finally:
        conn.close()


def _damage(path: Path, page: int) -> None:
    with open(path, "r+b") as fh:
        fh.seek((page - 1) * PAGE + 8)
        fh.write(random.Random(1).randbytes(PAGE - 8))


async def _queued_while_offline(path: Path, session: Session, bodies: list[str], *, history: int) -> str:
    """A session that has been used for a while (``history`` sent items), then ``bodies`` typed while the
    marketplace could not be reached; the first of them did reach it (its answer was lost). Closed
    cleanly. Returns the room."""
    services = await build_services(Database.open(path), session, account_label="test")
    await services.sync.pull()
    room = str((await services.db.read(lambda c: c.execute("SELECT id FROM rooms LIMIT 1").fetchone()))[0])

    def sent_before(conn: sqlite3.Connection) -> None:
        for i in range(history):
            item = outbox.enqueue(conn, MARK_READ, {"room_id": room, "last_read_message_id": f"m-{i:05d}"},
                                  f"read-{i}", utcnow())
            outbox.mark_sent(conn, item.id)

    await services.db.write(sent_before)
    for body in bodies:
        await services.chat.send(room, body)
    pending = await services.db.read(lambda c: outbox.list(c, "pending"))
    assert [p.payload["body"] for p in pending] == bodies
    await services.api.post_message(room, bodies[0], pending[0].idempotency_key)
    await services.aclose()
    return room


async def _each_sent_once(services: Services, room: str, bodies: list[str]) -> None:
    async def all_sent() -> bool:
        found = await services.db.read(lambda c: messages.for_room(c, room, limit=500))
        mine = [m for m in found if m.body in bodies]
        return len(mine) == len(bodies) and all(m.state is DeliveryState.SENT for m in mine)

    await until(all_sent, within=20)
    assert await services.outbox.pending_count() == 0
    await services.sync.pull()  # what the marketplace has: each message once, the one that had arrived too
    found = await services.db.read(lambda c: messages.for_room(c, room, limit=500))
    assert sorted(m.body for m in found if m.body in bodies) == sorted(bodies)


def _cache_notices(services: Services) -> list[Notice]:
    notices: list[Notice] = []

    def listen(event: Event) -> None:
        if isinstance(event, ActionFailed) and event.kind == "cache":
            notices.append(event.notice)

    services.bus.subscribe(listen)
    return notices


async def test_a_damaged_header_at_start_sends_what_was_queued_once_and_says_so(
        sandbox: Any, tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    session = Session(sandbox.url, DEMO, CredentialStore.memory_only())
    await session.sign_in_with_password("demo")
    bodies = ["The draft is in your inbox.", "Shall I start on the second part?"]
    room = await _queued_while_offline(path, session, bodies, history=20)
    with open(path, "r+b") as fh:  # noqa: ASYNC230 (a few bytes, before anything runs)
        fh.write(b"\x00" * 16)

    db = Database.open(path)
    assert db.recovered_from is not None
    services = await build_services(db, session, account_label="test")
    notices = _cache_notices(services)
    try:
        await services.start()
        await _each_sent_once(services, room, bodies)
        assert notices == [Notice(Code.REBUILT_ALL_RESCUED, (2,))]
    finally:
        await services.aclose()


async def test_damage_in_the_outbox_found_at_run_time_is_rebuilt_at_once_and_nothing_is_lost(
        sandbox: Any, tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    session = Session(sandbox.url, DEMO, CredentialStore.memory_only())
    await session.sign_in_with_password("demo")

    bodies = ["First: the invoice is attached.", "Second: can we move the call to Thursday?",
              "Third: thanks, talk soon."]
    room = await _queued_while_offline(path, session, bodies, history=300)
    assert not in_use_marker(path).exists()  # closed cleanly: the next start runs only the quick check

    # The disk damages the outbox's last page, where the waiting rows are.
    _damage(path, _outbox_leaves(path)[-1])

    db = Database.open(path)
    assert db.recovered_from is None  # the quick start-up check does not see it
    services = await build_services(db, session, account_label="test")
    notices = _cache_notices(services)
    try:
        await services.start()
        await _each_sent_once(services, room, bodies)
        # rebuilt at once, in place: the running app pulled everything back into the same Database
        assert services.db.recovered_from is not None
        assert services.db.generation == 1
        assert await services.db.read(jobs.total) > 0
        # and the notice says what happened, truly
        assert notices == [Notice(Code.REBUILT_ALL_RESCUED, (3,))]
    finally:
        await services.aclose()


async def test_damage_a_pane_meets_is_rebuilt_at_once_and_the_feed_comes_back(
        sandbox: Any, tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    session = Session(sandbox.url, DEMO, CredentialStore.memory_only())
    await session.sign_in_with_password("demo")
    bodies = ["Sent from the train, will call later."]
    room = await _queued_while_offline(path, session, bodies, history=0)
    conn = sqlite3.connect(path)
    try:
        cached = conn.execute("SELECT count(*) FROM jobs").fetchone()[0]
        leaves = [r[0] for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'jobs' AND pagetype = 'leaf' ORDER BY pageno")]
    finally:
        conn.close()
    assert cached > 100
    assert len(leaves) > 6
    for page in leaves[2::3]:  # pages a start-up's cheap check does not read, but a scroll through jobs does
        _damage(path, page)

    db = Database.open(path)
    assert db.recovered_from is None
    services = await build_services(db, session, account_label="test")
    notices = _cache_notices(services)
    try:
        await services.start()
        with contextlib.suppress(CacheCorruptError):  # what the Jobs pane meets, scrolling down
            await services.db.read(lambda c: jobs.page(c, JobFilter(), 0, 5000))
        await until(lambda: _has(notices), within=20)
        await _each_sent_once(services, room, bodies)

        async def feed_back() -> bool:  # every job readable again, as many as before
            try:
                found = await services.db.read(lambda c: jobs.page(c, JobFilter(), 0, 5000))
                return len(found) == int(cached)
            except CacheCorruptError:
                return False

        await until(feed_back, within=20)
        assert services.db.generation == 1  # seen by the pane and by the background check: rebuilt once
        assert notices == [Notice(Code.REBUILT_ALL_RESCUED, (1,))]
    finally:
        await services.aclose()


async def _has(notices: list[Notice]) -> bool:
    return bool(notices)
