"""Screenshots of the real app on the embedded demo marketplace, one per pane.

    .venv/bin/python -m tests.e2e.demo_screenshots OUTDIR [reference|upwork]

Runs the composition root (desktop.app.Application) offscreen in a temporary base directory, waits for the
first sync, and grabs the window at 1280x800 on each pane: what a new user sees after `atelier --demo`.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ATELIER_NO_CRASH_DIALOG", "1")

import qasync
from PySide6.QtWidgets import QApplication

from desktop.app import Application, Options
from desktop.paths import AppPaths
from desktop.settings import Settings
from desktop.ui import i18n
from desktop.ui.theme import apply_theme


async def shoot(app: Application, out: Path, prefix: str) -> None:
    task = asyncio.ensure_future(app.run())
    while app.services is None or app.window is None:  # noqa: ASYNC110 (no event marks "window built")
        await asyncio.sleep(0.05)
    await app.services.sync.wait_until_synced(120)
    await asyncio.sleep(1.0)
    window = app.window
    window.resize(1280, 800)
    for name in ("jobs", "proposals", "messages", "earnings"):
        window.show_pane(name)
        await asyncio.sleep(0.5)
        if name == "jobs":
            window.jobs.select_row(0)
        elif name == "proposals":
            window.proposals.select_row(0)
        elif name == "messages":
            window.messages.rooms.setCurrentIndex(window.messages.rooms_model.index(0))
        await asyncio.sleep(0.8)
        window.grab().save(str(out / f"{prefix}-{name}.png"))
    app.request_quit()
    await task
    await app.shutdown()


def main() -> None:
    out = Path(sys.argv[1])
    kind = sys.argv[2] if len(sys.argv) > 2 else "reference"
    out.mkdir(parents=True, exist_ok=True)
    qt_app = QApplication([])
    qt_app.setQuitOnLastWindowClosed(False)
    theme = apply_theme(qt_app)
    translations = i18n.install(qt_app, "en")  # as `atelier` does: English plural forms ("3 skills")
    loop = qasync.QEventLoop(qt_app)
    asyncio.set_event_loop(loop)
    base = Path(tempfile.mkdtemp(prefix="atelier-shots-"))
    paths = AppPaths.under(base).ensure()
    options = Options(demo=True, server=None, basedir=base, self_test=False, log_level="INFO",
                      demo_kind=kind)
    app = Application(options, paths, Settings(demo_simulate=False))
    loop.run_until_complete(shoot(app, out, "demo" if kind == "reference" else f"demo-{kind}"))
    del theme, translations
    sys.stdout.flush()
    os._exit(0)  # PySide6 teardown at interpreter exit is not worth the risk in a one-shot tool


if __name__ == "__main__":
    main()
