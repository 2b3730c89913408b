"""A cache damaged where the outbox lies, found by the running app: the messages still waiting are rescued
from their echoes and sent exactly once, the app goes on on a rebuilt cache, and the notice says what
happened. Real cache file (really damaged on disk), real client, the real reference server on loopback."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

from desktop.core.clock import utcnow
from desktop.core.models import DeliveryState
from desktop.core.text import fill
from desktop.credentials import CredentialStore
from desktop.services.chat import MARK_READ
from desktop.services.container import CACHE_REBUILT_ALL_RESCUED, build_services
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


async def test_damage_in_the_outbox_found_at_run_time_is_rebuilt_at_once_and_nothing_is_lost(
        sandbox: Any, tmp_path: Path) -> None:
    path = tmp_path / "cache.sqlite3"
    session = Session(sandbox.url, DEMO, CredentialStore.memory_only())
    await session.sign_in_with_password("demo")

    # A session that has been used for a while: a long outbox history, then three messages typed while
    # the marketplace could not be reached. The first of them did reach it (its answer was lost).
    services = await build_services(Database.open(path), session, account_label="test")
    await services.sync.pull()
    room = (await services.db.read(lambda c: c.execute("SELECT id FROM rooms LIMIT 1").fetchone()))[0]

    def history(conn: sqlite3.Connection) -> None:
        for i in range(300):
            item = outbox.enqueue(conn, MARK_READ, {"room_id": room, "last_read_message_id": f"m-{i:05d}"},
                                  f"read-{i}", utcnow())
            outbox.mark_sent(conn, item.id)

    await services.db.write(history)
    bodies = ["First: the invoice is attached.", "Second: can we move the call to Thursday?",
              "Third: thanks, talk soon."]
    for body in bodies:
        await services.chat.send(room, body)
    pending = await services.db.read(lambda c: outbox.list(c, "pending"))
    assert [p.payload["body"] for p in pending] == bodies
    await services.api.post_message(room, bodies[0], pending[0].idempotency_key)
    await services.aclose()  # a clean close: the next start runs only the quick check
    assert not in_use_marker(path).exists()

    # The disk damages the outbox's last page, where the waiting rows are.
    _damage(path, _outbox_leaves(path)[-1])

    db = Database.open(path)
    assert db.recovered_from is None  # the quick start-up check does not see it
    services = await build_services(db, session, account_label="test")
    notices: list[str] = []

    def listen(event: Event) -> None:
        if isinstance(event, ActionFailed) and event.kind == "cache":
            notices.append(event.message)

    services.bus.subscribe(listen)
    try:
        await services.start()

        async def all_sent() -> bool:
            found = await services.db.read(lambda c: messages.for_room(c, room, limit=500))
            mine = [m for m in found if m.body in bodies]
            return len(mine) == 3 and all(m.state is DeliveryState.SENT for m in mine)

        await until(all_sent, within=20)
        # rebuilt at once, in place: the running app pulled everything back into the same Database
        assert services.db.recovered_from is not None and services.db.generation == 1
        await until(lambda: services.db.read(lambda c: jobs.total(c) > 0), within=20)
        assert await services.outbox.pending_count() == 0
        # exactly once on the marketplace, the one that had arrived before included
        await services.sync.pull()
        found = await services.db.read(lambda c: messages.for_room(c, room, limit=500))
        assert sorted(m.body for m in found if m.body in bodies) == sorted(bodies)
        # and the notice says what happened, truly
        assert notices == [fill(CACHE_REBUILT_ALL_RESCUED, "3")]
    finally:
        await services.aclose()
