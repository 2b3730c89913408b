"""Helper process for test_quit: the real ``desktop.app.main`` on the demo, quit the way a user or the
desktop session would once the first sync is done.

``python -m tests.e2e.quit_app BASEDIR close|quit|sigterm`` — "close" closes the main window, "quit" calls
QApplication.quit(), "sigterm" sends the process SIGTERM (what a desktop session ending does).
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from typing import Any

from PySide6.QtWidgets import QApplication

import desktop.app as app_module

HOW = sys.argv[2]
_run = app_module.Application.run


async def _run_and_quit_later(self: Any) -> int:
    async def quit_after_sync() -> None:
        while self.services is None:  # noqa: ASYNC110 (the demo account opens at start-up)
            await asyncio.sleep(0.05)
        await self.services.sync.wait_until_synced(60)
        if HOW == "close":
            self.window.close()
        elif HOW == "quit":
            QApplication.quit()
        else:
            os.kill(os.getpid(), signal.SIGTERM)

    self._quitter = asyncio.ensure_future(quit_after_sync())
    return await _run(self)


app_module.Application.run = _run_and_quit_later  # type: ignore[method-assign]

if __name__ == "__main__":
    sys.exit(app_module.main(["--demo", "--basedir", sys.argv[1]]))
