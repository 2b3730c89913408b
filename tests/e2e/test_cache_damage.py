"""Story: the app is killed with messages in its outbox, and the disk damages the cache file's header
before the next start. On restart the queued messages are rescued (through a copy of the file with the
header repaired), sent exactly once — including the one the marketplace already
had — and a window tells the user what happened. Against the reference marketplace (idempotency keys) and
the Upwork-shaped one (none: the outbox looks on the marketplace before sending again)."""

from __future__ import annotations

import sqlite3
from typing import Any

from desktop.core.notices import Code, Notice
from tests.e2e.conftest import AppDriver, queue_messages_then_kill
from tests.e2e.kill_with_queued_messages import BODIES
from tests.e2e.peers import Peer


def test_a_damaged_header_after_a_kill_loses_no_queued_message_and_sends_each_once(
        driver: AppDriver, peer: Peer, qtbot: Any) -> None:
    room_id, before = queue_messages_then_kill(driver, peer)
    cache = driver.paths.account_db(peer.url, peer.account)
    # The disk damages the header once the write-ahead log has been copied into the file (while the log
    # still holds the first page, SQLite reads it from there and the damage heals by itself).
    conn = sqlite3.connect(cache)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    with open(cache, "r+b") as fh:
        fh.write(b"\x00" * 16)  # SQLite no longer recognises the file

    app = driver.start(server=peer.url)
    assert driver.services.db.recovered_from is not None
    qtbot.waitUntil(lambda: driver.pending_outbox() == 0, timeout=60_000)
    after = peer.bodies_in(room_id)
    assert after.count(BODIES[0]) == 1
    assert after.count(BODIES[1]) == 1
    assert len(after) == len(before) + 2
    qtbot.waitUntil(lambda: app.window is not None and app.window.cache_notice is not None, timeout=10_000)
    assert app.window.cache_notice.text() == str(Notice(Code.REBUILT_ALL_RESCUED, (2,)))
