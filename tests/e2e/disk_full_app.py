"""Helper process for test_disk_full: the real ``desktop.app.main`` against a reference server, its basedir
on a small tmpfs the test fills.

``python -m tests.e2e.disk_full_app BASEDIR SERVER_URL ACCOUNT ROOM_ID sync|quit|full`` with the account's
access token in ATELIER_TEST_TOKEN (kept in an in-memory keychain: a child process cannot share the test's).

* ``sync``: open the window, wait for the first sync, quit (fills the cache while there is space).
* ``quit``: open the window (the disk is full), print ``WINDOW <json>``, quit.
* ``full``: open the window (the test has filled the disk), print ``WINDOW <json>`` with what the window
  says, then wait for a line on stdin (the test frees space and writes ``freed``); wait until the app
  writes again by itself, send one chat message from the composer's service, wait until it is delivered,
  print ``RESUMED <json>`` and close the window.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import timedelta
from typing import Any

import keyring

import desktop.app as app_module
from desktop.api.auth import TokenSet
from desktop.core.clock import utcnow
from desktop.credentials import CredentialStore
from desktop.services.session import Session
from tests.support.memory_keyring import MemoryKeyring

BASEDIR, SERVER, ACCOUNT, ROOM_ID, MODE = sys.argv[1:6]
BODY = "Sent once the disk had room again."
_run = app_module.Application.run


def _say(marker: str, data: dict[str, Any]) -> None:
    print(f"{marker} {json.dumps(data)}", flush=True)


async def _wait(condition: Any, within: float) -> None:
    deadline = asyncio.get_running_loop().time() + within
    while not condition():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.05)


async def _script(app: Any) -> None:
    try:
        await _wait(lambda: app.services is not None and app.window is not None, 30)
        if MODE == "sync":
            await app.services.sync.wait_until_synced(60)
            app.window.close()
            return
        if MODE == "quit":
            await asyncio.sleep(0.5)
            _say("WINDOW", {"read_only": app.services.db.read_only, "status": app.window.status_text()})
            app.window.close()
            return
        window = app.window
        await asyncio.sleep(0.5)  # let the start-up settle: whatever the window says now, it says for good
        _say("WINDOW", {"read_only": app.services.db.read_only, "status": window.status_text(),
                        "jobs": window.jobs.model.total, "visible": window.isVisible()})
        line = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
        assert line.strip() == "freed", line
        await _wait(lambda: not app.services.db.read_only and not app.services.sync.status.disk_full_mb, 30)
        await app.services.sync.wait_until_synced(60)
        await app.services.chat.send(ROOM_ID, BODY)
        for _ in range(600):  # the outbox as stored, not the status bar's count (updated a moment later)
            if await app.services.outbox.pending_count() == 0:
                break
            await asyncio.sleep(0.05)
        else:
            raise TimeoutError("the message was not delivered")
        _say("RESUMED", {"read_only": app.services.db.read_only, "status": window.status_text()})
        window.close()
    except Exception as exc:  # reported to the test, which fails on it
        _say("FAILED", {"error": repr(exc)})
        app.exit_code = 3
        app.request_quit()


async def _run_and_script(self: Any) -> int:
    self._script = asyncio.ensure_future(_script(self))  # it waits for the account's window
    return await _run(self)


app_module.Application.run = _run_and_script  # type: ignore[method-assign]

if __name__ == "__main__":
    keyring.set_keyring(MemoryKeyring())
    Session(SERVER, ACCOUNT, CredentialStore()).adopt(
        TokenSet(os.environ["ATELIER_TEST_TOKEN"], None, utcnow() + timedelta(hours=1)))
    sys.exit(app_module.main(["--server", SERVER, "--basedir", BASEDIR]))
