"""Story: the app is killed (no clean shutdown) while messages are in the outbox; on restart they are sent,
exactly once — including one whose request had already reached the server when the app died. Against the
reference marketplace the idempotency key settles it; against the Upwork-shaped one (no keys) the outbox
looks for the message on the marketplace before sending it again."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.e2e.conftest import AppDriver
from tests.e2e.kill_with_queued_messages import BODIES
from tests.e2e.peers import Peer

ROOT = Path(__file__).resolve().parents[2]


def test_messages_queued_before_a_kill_are_delivered_exactly_once_after_restart(
        driver: AppDriver, peer: Peer, qtbot: Any) -> None:
    peer.sign_in(driver.paths)
    driver.start(server=peer.url)
    driver.wait_synced(timeout_ms=60_000)
    driver.stop()

    room_id = peer.room_id()
    before = peer.bodies_in(room_id)

    env = dict(os.environ, ATELIER_TEST_TOKEN=peer.access_token())
    proc = subprocess.run(
        [sys.executable, "-m", "tests.e2e.kill_with_queued_messages", str(driver.basedir), peer.url,
         peer.account, room_id, peer.kind.value], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert "QUEUED" in proc.stdout
    # The server already has the first one; the app's outbox still holds both.
    assert peer.bodies_in(room_id).count(BODIES[0]) == 1

    driver.start(server=peer.url)
    qtbot.waitUntil(lambda: driver.pending_outbox() == 0, timeout=60_000)
    after = peer.bodies_in(room_id)
    assert after.count(BODIES[0]) == 1 and after.count(BODIES[1]) == 1
    assert after[-2:] == list(BODIES)
    assert len(after) == len(before) + 2
