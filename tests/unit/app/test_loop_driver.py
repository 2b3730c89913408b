"""The app's loop driver keeps every coroutine step inside a running asyncio loop when Qt ends its event
loop on its own (QApplication.quit(), a desktop session ending).

Runs in a child process: it needs a qasync loop that owns the QApplication's exec(), which the test
session's shared loop cannot give.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

CHILD = textwrap.dedent("""
    import asyncio, sys
    import qasync
    from PySide6.QtWidgets import QApplication
    from desktop.app import _drive_until_done

    app = QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    quit_requested = asyncio.Event()
    failures = []

    async def busy_worker():
        # Like the outbox worker: a step is always pending, so one is due when Qt's exec() returns.
        while True:
            try:
                await asyncio.sleep(0)
                asyncio.get_running_loop()
            except RuntimeError as error:
                failures.append(repr(error))
                return

    async def lifecycle():
        worker = asyncio.ensure_future(busy_worker())
        await asyncio.sleep(0.05)
        QApplication.quit()
        await quit_requested.wait()
        worker.cancel()
        await asyncio.gather(worker, return_exceptions=True)
        return 7

    code = _drive_until_done(loop, loop.create_task(lifecycle()), quit_requested.set)
    print("failures:", failures)
    sys.exit(code if not failures else 1)
""")


def test_a_qt_quit_lets_the_lifecycle_finish_inside_a_running_loop() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", CHILD], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 7, proc.stdout + proc.stderr
    assert "failures: []" in proc.stdout
