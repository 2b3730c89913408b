"""Story: the app is killed (no clean shutdown) while messages are in the outbox; on restart they are sent,
exactly once — including one whose request had already reached the server when the app died."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.e2e.conftest import DEMO, AppDriver
from tests.e2e.kill_with_queued_messages import BODIES

ROOT = Path(__file__).resolve().parents[2]


def test_messages_queued_before_a_kill_are_delivered_exactly_once_after_restart(
        driver: AppDriver, sandbox: Any, marketplace_user: Any, qtbot: Any) -> None:
    driver.sign_in(sandbox.url)
    driver.start(server=sandbox.url)
    driver.wait_synced()
    driver.stop()

    client = marketplace_user("client3@atelier.test")
    room_id = client.get("/v1/rooms")["items"][0]["id"]
    before = [m["body"] for m in client.all(f"/v1/rooms/{room_id}/messages")]

    env = dict(os.environ, ATELIER_TEST_TOKEN=sandbox.token_for(DEMO))
    proc = subprocess.run(
        [sys.executable, "-m", "tests.e2e.kill_with_queued_messages", str(driver.basedir), sandbox.url, DEMO,
         room_id], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert "QUEUED" in proc.stdout
    # The server already has the first one; the app's outbox still holds both.
    assert [m["body"] for m in client.all(f"/v1/rooms/{room_id}/messages")].count(BODIES[0]) == 1

    driver.start(server=sandbox.url)
    qtbot.waitUntil(lambda: driver.pending_outbox() == 0, timeout=30_000)
    after = [m["body"] for m in reversed(client.all(f"/v1/rooms/{room_id}/messages"))]
    assert after.count(BODIES[0]) == 1 and after.count(BODIES[1]) == 1
    assert after[-2:] == list(BODIES)
    assert len(after) == len(before) + 2
