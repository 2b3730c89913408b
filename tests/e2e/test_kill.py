"""Story: the app is killed (no clean shutdown) while messages are in the outbox; on restart they are sent,
exactly once — including one whose request had already reached the server when the app died. Against the
reference marketplace the idempotency key settles it; against the Upwork-shaped one (no keys) the outbox
looks for the message on the marketplace before sending it again."""

from __future__ import annotations

from typing import Any

from tests.e2e.conftest import AppDriver, queue_messages_then_kill
from tests.e2e.kill_with_queued_messages import BODIES
from tests.e2e.peers import Peer


def test_messages_queued_before_a_kill_are_delivered_exactly_once_after_restart(
        driver: AppDriver, peer: Peer, qtbot: Any) -> None:
    room_id, before = queue_messages_then_kill(driver, peer)

    driver.start(server=peer.url)
    qtbot.waitUntil(lambda: driver.pending_outbox() == 0, timeout=60_000)
    after = peer.bodies_in(room_id)
    assert after.count(BODIES[0]) == 1
    assert after.count(BODIES[1]) == 1
    assert after[-2:] == list(BODIES)
    assert len(after) == len(before) + 2
