"""Composition root: parse arguments, start Qt and the asyncio loop, build the services, show the window,
and shut everything down in order. The only module that knows every part."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import socket
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import __version__
from desktop.credentials import CredentialStore
from desktop.log import setup_logging
from desktop.paths import AppPaths
from desktop.settings import Settings

if TYPE_CHECKING:
    from desktop.sandbox.harness import SandboxServer
    from desktop.services.container import Services

log = logging.getLogger("atelier.app")

DEMO_ACCOUNT = "demo@atelier.test"
DEMO_PASSWORD = "demo"  # the embedded demo marketplace's public demo account, not a secret
SELF_TEST_TIMEOUT = 90.0


@dataclass(slots=True)
class Options:
    demo: bool
    server: str | None
    basedir: Path | None
    self_test: bool
    log_level: str
    startup_probe: bool = False


def parse_args(argv: Sequence[str]) -> Options:
    parser = argparse.ArgumentParser(
        prog="atelier", description="Atelier: your freelance marketplace, fast and offline-first.")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--demo", action="store_true",
                        help="run against the embedded demo marketplace (started on 127.0.0.1)")
    target.add_argument("--server", metavar="URL", help="the marketplace server to use")
    parser.add_argument("--basedir", type=Path, metavar="DIR",
                        help="keep every file (cache, settings, logs) under DIR")
    parser.add_argument("--self-test", action="store_true",
                        help="open the window offscreen, sync the demo, check every pane and the cache, exit")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    # For tests/benchmarks/bench_startup.py: print a marker once the cached window is painted, then quit.
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"Atelier {__version__}")
    ns = parser.parse_args(list(argv))
    return Options(demo=ns.demo or ns.self_test, server=ns.server, basedir=ns.basedir,
                   self_test=ns.self_test, log_level=ns.log_level, startup_probe=ns.startup_probe)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Application:
    """One run of the app: owns the Qt objects, the services and the optional embedded demo server."""

    def __init__(self, options: Options, paths: AppPaths, settings: Settings) -> None:
        self.options = options
        self.paths = paths
        self.settings = settings
        self.services: Services | None = None
        self.window: Any = None
        self.demo_server: SandboxServer | None = None
        self.exit_code = 0
        self._quit = asyncio.Event()

    def request_quit(self) -> None:
        self._quit.set()

    async def run(self) -> int:
        from desktop.services.container import build_services
        from desktop.services.session import Session
        from desktop.storage.db import Database
        from desktop.ui.main_window import MainWindow

        started = time.perf_counter()
        store = CredentialStore()
        if self.options.demo:
            port = _free_port()
            server_url = f"http://127.0.0.1:{port}"
            account = DEMO_ACCOUNT
            db_path = self.paths.data / "accounts" / "demo" / "cache.sqlite3"
            label = "Demo marketplace"
        else:
            server_url = (self.options.server or self.settings.server_url).rstrip("/")
            account = self.settings.account
            db_path = self.paths.account_db(server_url or "none", account or "nobody")
            label = server_url or "No marketplace chosen"
            port = 0
        loop = asyncio.get_running_loop()
        db = await loop.run_in_executor(None, Database.open, db_path)
        if db.recovered_from is not None:
            log.warning("cache was damaged; moved aside to %s and rebuilding", db.recovered_from)
        session = Session.restore(server_url, account, store) if account else Session(server_url, "", store)
        self.services = services = await build_services(db, session, account_label=label)
        self.window = MainWindow(services, self.paths.config / "window.ini", runner=None)
        self.window.show()
        log.info("window shown %.0f ms after start", (time.perf_counter() - started) * 1000)
        if self.options.startup_probe:
            self.window.repaint()
            print("STARTUP_READY", flush=True)
            return 0
        if self.options.demo:
            await self._start_demo(port, session)
        await services.start()
        if self.options.self_test:
            check = asyncio.ensure_future(self._self_test())
        await self._quit.wait()
        if self.options.self_test:
            check.cancel()
        return self.exit_code

    async def _start_demo(self, port: int, session: Any) -> None:
        from desktop.sandbox.harness import SandboxServer

        demo_db = self.paths.data / "demo-marketplace.sqlite3"
        self.demo_server = SandboxServer(
            demo_db, seed=self.settings.demo_seed,
            simulate=self.settings.demo_simulate and not self.options.self_test,
            sim_interval=self.settings.demo_sim_interval, port=port)
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(None, self.demo_server.start)
        log.info("demo marketplace listening on %s", self.demo_server.url)
        await session.sign_in_with_password(DEMO_PASSWORD)

    async def _self_test(self) -> None:
        from desktop.storage import earnings, jobs, proposals, rooms

        assert self.services is not None
        services = self.services
        problems: list[str] = []
        try:
            await services.sync.wait_until_synced(SELF_TEST_TIMEOUT)
        except TimeoutError:
            detail = services.sync.status.detail
            problems.append(f"no complete sync within {SELF_TEST_TIMEOUT:.0f} s ({detail})")

        def counts(conn: Any) -> dict[str, int]:
            return {
                "jobs": jobs.total(conn),
                "proposals": len(proposals.list(conn)),
                "rooms": len(rooms.list(conn)),
                "transactions": earnings.transactions_count(conn),
                "integrity": 1 if conn.execute("PRAGMA quick_check").fetchone()[0] == "ok" else 0,
            }

        found = await services.db.read(counts)
        problems += [f"{name}: none" for name, value in found.items() if value == 0]
        problems += self.window.self_check() if hasattr(self.window, "self_check") else []
        report = ", ".join(f"{k}={v}" for k, v in found.items())
        if problems:
            print(f"SELF-TEST FAILED: {'; '.join(problems)} ({report})", flush=True)
            self.exit_code = 1
        else:
            print(f"SELF-TEST OK: {report}", flush=True)
        self.request_quit()

    async def shutdown(self) -> None:
        if self.window is not None:
            with contextlib.suppress(Exception):
                self.window.save_state()
        if self.services is not None:
            await self.services.aclose()
        if self.demo_server is not None:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, self.demo_server.stop)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse_args(sys.argv[1:] if argv is None else argv)
    if options.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if options.basedir is None:
            options.basedir = Path(tempfile.mkdtemp(prefix="atelier-self-test-"))
    paths = (AppPaths.under(options.basedir) if options.basedir else AppPaths.platform()).ensure()
    setup_logging(paths.log_file, level=getattr(logging, options.log_level))
    log.info("Atelier %s starting (python %s)", __version__, sys.version.split()[0])
    settings = Settings.load(paths.settings_file)
    if not options.demo and not (options.server or settings.server_url):
        # Nothing chosen yet: until the sign-in screen exists, the demo is the way in.
        options.demo = True
    if options.server:
        settings.server_url = options.server
        settings.save(paths.settings_file)

    import qasync
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from desktop.ui.crash import CrashHandler
    from desktop.ui.theme import apply_theme

    QCoreApplication.setOrganizationName("Atelier")
    QCoreApplication.setApplicationName("Atelier")
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    qt_app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    theme = apply_theme(qt_app)  # keep a reference: it follows the system's light/dark switch
    loop = qasync.QEventLoop(qt_app)
    asyncio.set_event_loop(loop)
    # qasync does not install asyncio's async-generator hooks; without them closing an SSE stream early
    # prints "async generator ignored GeneratorExit".
    sys.set_asyncgen_hooks(firstiter=loop._asyncgen_firstiter_hook,
                           finalizer=loop._asyncgen_finalizer_hook)
    crash = CrashHandler(paths.log_file, paths.crash_file)
    crash.install()
    loop.set_exception_handler(crash.loop_exception_handler)

    application = Application(options, paths, settings)
    qt_app.aboutToQuit.connect(application.request_quit)
    qt_app.setQuitOnLastWindowClosed(True)

    async def lifecycle() -> int:
        try:
            return await application.run()
        finally:
            await application.shutdown()

    try:
        code = int(loop.run_until_complete(lifecycle()))
    except Exception:
        log.exception("fatal error")
        code = 2
    finally:
        with contextlib.suppress(Exception):
            loop.close()
        crash.uninstall()
        del theme
    log.info("Atelier stopped (exit %s)", code)
    return code
