"""Story: the disk that holds Atelier's files is full — at start-up, or filling up mid-session.

The disk is real (tests/support/full_disk.py): a small tmpfs mounted for the test (CI runs as root, like
this machine), filled to the last byte with a plain file, and freed by deleting that file. Where mounting is
refused the tests skip and say why; tests/unit/storage/test_disk_full.py and tests/unit/app/test_log.py then
still cover the cache's and the log's side with SQLite's ``max_page_count`` and /dev/full.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.core.models import DeliveryState
from desktop.paths import AppPaths
from desktop.settings import Settings
from desktop.storage import messages
from tests.e2e.conftest import AppDriver, run
from tests.e2e.peers import Peer
from tests.support.full_disk import Disk, small_disk

ROOT = Path(__file__).resolve().parents[2]
DISK_MB = 48


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Disk]:
    with small_disk(tmp_path / "disk", DISK_MB) as mounted:
        yield mounted


def _traceback_free(text: str) -> None:
    assert "Traceback" not in text, text[-4000:]
    assert "--- Logging error ---" not in text, text[-4000:]


def test_start_up_on_a_full_disk_opens_read_only_and_writes_again_once_space_returns(
        disk: Disk, sandbox: Any) -> None:
    """The real app process, its basedir on a full disk: the window opens on the cache (read-only), the
    status bar says the disk is full and how much space is needed, and quitting exits 0. Started again,
    once space is freed it writes again without a restart, sends a message exactly once, and exits 0.
    Neither stderr, crash.log nor the log holds a traceback."""
    account = "demo@atelier.test"
    basedir = disk.root / "atelier"
    paths = AppPaths.under(basedir).ensure()
    Settings(server_url=sandbox.url, account=account).save(paths.settings_file)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ATELIER_NO_CRASH_DIALOG="1",
               ATELIER_TEST_TOKEN=sandbox.token_for(account))
    room_id = _first_room(sandbox, account)
    command = [sys.executable, "-m", "tests.e2e.disk_full_app", str(basedir), sandbox.url, account, room_id]
    first = subprocess.run([*command, "sync"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr[-3000:]

    disk.fill()
    quit_full = subprocess.run([*command, "quit"], cwd=ROOT, env=env, capture_output=True, text=True,
                               timeout=120)
    assert quit_full.returncode == 0, quit_full.stderr[-3000:]
    assert json.loads(quit_full.stdout.split(" ", 1)[1])["read_only"]
    _traceback_free(quit_full.stderr)

    proc = subprocess.Popen([*command, "full"], cwd=ROOT, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        assert proc.stdin is not None
        line = proc.stdout.readline()
        assert line.startswith("WINDOW "), line + proc.stderr.read() if proc.stderr else line
        shown = json.loads(line.split(" ", 1)[1])
        assert shown["visible"]
        assert shown["read_only"]
        assert shown["jobs"] == 300  # everything cached is there to read
        assert "Disk full — 12 MB needed; sending paused" in shown["status"]

        disk.free()
        proc.stdin.write("freed\n")
        proc.stdin.flush()
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0, out + err[-3000:]
    resumed = json.loads(next(x for x in out.splitlines() if x.startswith("RESUMED ")).split(" ", 1)[1])
    assert not resumed["read_only"]
    assert "Disk full" not in resumed["status"]
    assert _bodies(sandbox, account, room_id).count("Sent once the disk had room again.") == 1

    log = paths.log_file.read_text()
    for text in (err, log, paths.crash_file.read_text()):
        _traceback_free(text)
    log = log.rsplit("starting (python", 1)[-1]  # the last run's
    assert log.count("the disk is full") == 1, log[-3000:]  # one warning when it starts
    assert log.count("the disk has room again") == 1  # one line when it ends
    assert "Atelier stopped (exit 0)" in log


def _first_room(server: Any, account: str) -> str:
    import httpx

    headers = {"Authorization": f"Bearer {server.token_for(account)}"}
    reply = httpx.get(f"{server.url}/v1/rooms", headers=headers)
    return str(reply.json()["items"][0]["id"])


def _bodies(server: Any, account: str, room_id: str) -> list[str]:
    import httpx

    headers = {"Authorization": f"Bearer {server.token_for(account)}"}
    bodies: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 500, **({"cursor": cursor} if cursor else {})}
        page = httpx.get(f"{server.url}/v1/rooms/{room_id}/messages", params=params, headers=headers).json()
        bodies += [m["body"] for m in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            return bodies


def test_a_disk_that_fills_mid_session_pauses_sending_in_one_state_and_delivers_once_after(
        disk: Disk, peer: Peer, qtbot: Any, qasync_loop: Any, caplog: pytest.LogCaptureFixture) -> None:
    """The outbox sends a queued message while the disk is full: the marketplace gets it, the cache cannot
    record it. The status bar shows one state ("Disk full — N MB needed; sending paused"), the log one
    warning (no traceback every few seconds), a message typed meanwhile goes back to the composer with the
    reason; once space is freed the delivery is recorded, without a second send."""
    caplog.set_level("INFO")
    driver = AppDriver(qtbot, disk.root / "atelier")
    try:
        peer.sign_in(driver.paths)
        driver.start(server=peer.url)
        driver.wait_synced(timeout_ms=60_000)
        services, window = driver.services, driver.window
        room_id = peer.room_id()
        before = peer.bodies_in(room_id)

        # Queue the message with the worker held, so the disk fills between queueing and sending.
        run(qtbot, services.outbox.stop())
        run(qtbot, services.chat.send(room_id, "Queued before the disk filled up."))
        busy = sqlite3.connect(services.db.path).execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        assert busy == 0  # the WAL must grow for the next write: it cannot on a full disk
        disk.fill()
        services.outbox.start()

        qtbot.waitUntil(lambda: "Disk full — 12 MB needed; sending paused" in window.status_text(),
                        timeout=20_000)
        if services.api.capabilities.idempotency_keys:  # sent; its delivery cannot be written down
            qtbot.waitUntil(lambda: peer.bodies_in(room_id).count("Queued before the disk filled up.") == 1,
                            timeout=20_000)
        else:  # without keys an attempt is written down before it is made: none is made
            assert peer.bodies_in(room_id).count("Queued before the disk filled up.") == 0
        assert driver.pending_outbox() == 1
        assert not window.sync_button.isEnabled()

        # A message typed now cannot be stored: it stays in the composer, and the composer says why.
        window.show_pane("messages")
        window.messages.open_room(room_id)
        window.messages.composer.setPlainText("Typed while the disk was full.")
        window.messages.send_current()
        qtbot.waitUntil(lambda: window.messages.error_label.isVisible(), timeout=10_000)
        assert "disk is full" in window.messages.error_label.text()
        assert window.messages.composer.toPlainText() == "Typed while the disk was full."

        qtbot.wait(6000)  # longer than the worker's old 5 s retry round
        assert "Disk full" in window.status_text()
        records = [r for r in caplog.records if r.name.startswith("atelier")]
        assert sum("the disk is full" in r.getMessage() for r in records) == 1
        assert not [r for r in records if r.exc_info or r.levelname in ("ERROR", "CRITICAL")]

        disk.free()
        qtbot.waitUntil(lambda: driver.pending_outbox() == 0, timeout=20_000)
        qtbot.waitUntil(lambda: "Disk full" not in window.status_text(), timeout=20_000)
        after = peer.bodies_in(room_id)
        assert after.count("Queued before the disk filled up.") == 1  # exactly once
        assert len(after) == len(before) + 1
        mine = driver.services.db.read_now(lambda c: messages.for_room(c, room_id, limit=50))
        sent = [m for m in mine if m.body == "Queued before the disk filled up."]
        assert [m.state for m in sent] == [DeliveryState.SENT]
        assert sum("the disk has room again" in r.getMessage() for r in caplog.records) == 1
    finally:
        driver.stop()
