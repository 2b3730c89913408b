"""Composition root: parse the arguments, build the QApplication and the qasync loop, wire the account
controller (desktop/shell/accounts.py) and the demo marketplace (desktop/shell/demo.py) to the account menu,
run until quit, and shut everything down in order. The only module that knows every part."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import APP_ID, __version__
from desktop.log import log_file_trouble, redact, setup_logging
from desktop.paths import AppPaths
from desktop.runtime import can_trim_heap, settle_after_first_frame, trim_heap, tune_interpreter_for_ui
from desktop.services.marketplaces import MarketplaceKind
from desktop.settings import Settings
from desktop.shell.accounts import AccountController
from desktop.shell.demo import DemoMarketplace

if TYPE_CHECKING:
    from desktop.sandbox.harness import SandboxServer
    from desktop.sandbox.upwork.harness import UpworkSandboxServer
    from desktop.services.container import Services
    from desktop.services.signin import SignInFlow
    from desktop.services.upwork_signin import UpworkSignInFlow

log = logging.getLogger("atelier.app")

HEAP_TRIM_INTERVAL = 60.0


@dataclass(slots=True)
class Options:
    demo: bool
    server: str | None
    basedir: Path | None
    self_test: bool
    log_level: str
    startup_probe: bool = False
    language: str | None = None
    """--lang: the interface language for this run (None: the ``language`` setting, else the system's)."""
    demo_kind: str = "reference"
    """--demo KIND: which demo marketplace ("reference": Atelier's own API; "upwork": Upwork-shaped)."""


def parse_args(argv: Sequence[str]) -> Options:
    parser = argparse.ArgumentParser(
        prog="atelier", description="Atelier: your freelance marketplace, fast and offline-first.")
    target = parser.add_mutually_exclusive_group()
    target.add_argument("--demo", nargs="?", const="reference", choices=["reference", "upwork"],
                        metavar="KIND",
                        help="run against an embedded demo marketplace started on 127.0.0.1: Atelier's own "
                             "(default) or 'upwork', one shaped like Upwork's GraphQL API")
    target.add_argument("--server", metavar="URL", help="the marketplace server to use")
    parser.add_argument("--basedir", type=Path, metavar="DIR",
                        help="keep every file (cache, settings, logs) under DIR")
    parser.add_argument("--self-test", action="store_true",
                        help="open the window offscreen, sync the demo, check every pane and the cache, exit")
    parser.add_argument("--log-level", default="INFO", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    parser.add_argument("--lang", metavar="CODE",
                        help="interface language for this run, e.g. fr or en (default: the language setting, "
                             "else the system's); a language Atelier does not have falls back to English")
    # For tests/benchmarks/bench_startup.py: print a marker once the cached window is painted, then quit.
    parser.add_argument("--startup-probe", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--version", action="version", version=f"Atelier {__version__}")
    ns = parser.parse_args(list(argv))
    return Options(demo=bool(ns.demo) or ns.self_test, server=ns.server, basedir=ns.basedir,
                   self_test=ns.self_test, log_level=ns.log_level, startup_probe=ns.startup_probe,
                   language=ns.lang, demo_kind=ns.demo or "reference")


def interface_language(options: Options, settings: Settings) -> str:
    """``--lang`` for this run, else the ``language`` setting; empty means the system's language."""
    return options.language if options.language is not None else settings.language


def _system_browser(url: str) -> Coroutine[Any, Any, bool]:
    """The user's browser; the answer is False when none opened (not even a launcher that failed)."""
    from desktop.services.browser import open_in_browser

    return open_in_browser(url, fallback=_qt_open_url)


def _qt_open_url(url: str) -> bool:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(QUrl(url)))


def demo_label(kind: MarketplaceKind) -> str:
    from PySide6.QtCore import QCoreApplication

    if kind is MarketplaceKind.UPWORK:
        return QCoreApplication.translate("Application", "Upwork demo")
    return QCoreApplication.translate("Application", "Demo marketplace")


class Application:
    """One run of the app: the open account (``accounts``), the demo marketplace (``demo``), the account
    menu's dialogs, and the order of start-up and shutdown.

    ``window`` is the main window while an account is open (None otherwise); ``welcome`` is the welcome
    screen while none is (first start, or after signing out).
    """

    def __init__(self, options: Options, paths: AppPaths, settings: Settings, *,
                 open_browser: Callable[[str], object] | None = None) -> None:
        self.options = options
        self.paths = paths
        self.settings = settings
        self.exit_code = 0
        self._quit = asyncio.Event()
        self._heap_trim: asyncio.Task[None] | None = None
        kind = MarketplaceKind.parse(options.demo_kind)
        self.demo = DemoMarketplace(kind, paths, settings, label=demo_label(kind),
                                    chosen_at_start=options.demo, self_test=options.self_test)
        self.accounts = AccountController(paths, settings, self.demo,
                                          open_browser=open_browser or _system_browser,
                                          on_window=self._wire_account_menu)
        self.theme: Any = None
        """The ThemeController (main() sets it): Settings switches the theme through it, live."""
        self.started_language = settings.language
        """The language setting this run started with (a new one takes effect after a restart)."""
        self.restart_requested = False
        self.settings_dialog: Any = None

    # What the open account's parts are, for the account menu, the self-test and the tests.
    @property
    def services(self) -> Services | None:
        return self.accounts.services

    @property
    def window(self) -> Any:
        return self.accounts.window

    @property
    def welcome(self) -> Any:
        return self.accounts.welcome

    @property
    def sign_in_flow(self) -> SignInFlow | UpworkSignInFlow | None:
        return self.accounts.sign_in_flow

    @property
    def open_browser(self) -> Callable[[str], object]:
        return self.accounts.open_browser

    @open_browser.setter
    def open_browser(self, open_browser: Callable[[str], object]) -> None:
        self.accounts.open_browser = open_browser

    @property
    def demo_server(self) -> SandboxServer | UpworkSandboxServer | None:
        return self.demo.server

    def request_quit(self) -> None:
        self._quit.set()

    async def run(self) -> int:
        started = time.perf_counter()
        server_url = (self.options.server or self.settings.server_url).rstrip("/")
        session = await self.accounts.open_at_start(server_url)
        shown = self.window or self.welcome
        log.info("window shown %.0f ms after start", (time.perf_counter() - started) * 1000)
        if self.options.startup_probe:
            shown.repaint()
            print("STARTUP_READY", flush=True)
            return 0
        if session is not None:
            await self.accounts.after_first_frame(session)
        settle_after_first_frame()
        if self.services is not None:
            await self.services.start()
        if can_trim_heap() and not self.options.self_test:
            self._heap_trim = asyncio.ensure_future(self._keep_heap_trimmed())
        check = asyncio.ensure_future(self._self_test()) if self.options.self_test else None
        await self._quit.wait()
        if check is not None:
            check.cancel()
        return self.exit_code

    async def sign_out(self, *, keep_cache: bool) -> None:
        await self.accounts.sign_out(keep_cache=keep_cache)

    async def _keep_heap_trimmed(self) -> None:
        """Give freed memory back after the first sync (start-up and catch-up churn), then now and then."""
        while True:
            services = self.services
            if services is not None:
                with contextlib.suppress(Exception):  # not synced yet, offline, or the account changed
                    await services.sync.wait_until_synced(HEAP_TRIM_INTERVAL)
            if trim_heap():
                log.debug("freed heap memory returned to the system")
            await asyncio.sleep(HEAP_TRIM_INTERVAL)

    # -- the account menu: settings, about, quit -------------------------------------------------------------
    def _wire_account_menu(self, window: Any) -> None:
        window.settingsRequested.connect(self.open_settings)
        window.aboutRequested.connect(self.open_about)
        window.quitRequested.connect(self.request_quit)
        self._apply_notification_settings(window)

    def save_settings(self) -> None:
        try:
            self.settings.save(self.paths.settings_file)
        except OSError as exc:
            log.warning("could not save the settings: %s", exc)

    def _apply_notification_settings(self, window: Any) -> None:
        """The saved notification choices, on the window's notifier; a change from the tray is saved."""
        window.notifier.set_enabled(self.settings.notifications)
        window.notifier.set_quiet_hours(self.settings.quiet_window())
        window.notifier.enabledChanged.connect(self._notifications_switched)

    def _notifications_switched(self, on: bool) -> None:
        if self.settings.notifications != on:
            self.settings.notifications = on
            self.save_settings()

    def open_settings(self) -> Any:
        from PySide6.QtCore import Qt

        from desktop import autostart
        from desktop.ui.settings_dialog import SettingsDialog

        if self.window is None or self.services is None:
            return None
        if self.settings_dialog is not None:
            self.settings_dialog.raise_()
            self.settings_dialog.activateWindow()
            return self.settings_dialog
        dialog = SettingsDialog(
            self.settings, self.save_settings, runner=self.window.runner, theme=self.theme,
            notifier=self.window.notifier, cache=self.services.cache,
            autostart_command=autostart.launch_command(self.options.basedir),
            running_language=self.started_language, language_override=self.options.language,
            parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restartRequested.connect(self.restart)
        dialog.destroyed.connect(lambda *_: setattr(self, "settings_dialog", None))
        self.settings_dialog = dialog
        dialog.open()
        return dialog

    def open_about(self) -> Any:
        from PySide6.QtCore import Qt

        from desktop.ui.about_dialog import AboutDialog

        if self.window is None:
            return None
        cache = self.services.cache.path.parent if self.services is not None else None
        dialog = AboutDialog(cache_folder=cache, settings_folder=self.paths.config,
                             logs_folder=self.paths.logs, parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def restart(self) -> None:
        """Quit in order, then main() starts Atelier again (a new language takes effect)."""
        self.restart_requested = True
        self.request_quit()

    # -- the end of the run ----------------------------------------------------------------------------------
    async def _self_test(self) -> None:
        from desktop.self_test import run_self_test

        assert self.services is not None
        result = await run_self_test(self.services, self.window.self_check)
        print(result.line(), flush=True)
        if not result.ok:
            self.exit_code = 1
        self.request_quit()

    async def shutdown(self) -> None:
        """In order: UI tasks, the account (window state kept, services closed), the demo server."""
        if self._heap_trim is not None:
            self._heap_trim.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._heap_trim
            self._heap_trim = None
        await self.accounts.shutdown()
        await self.demo.stop()


def _drive_until_done(loop: asyncio.AbstractEventLoop, task: asyncio.Task[int],
                      request_quit: Callable[[], None]) -> int:
    """Run the Qt/asyncio loop until the lifecycle task is done, however often Qt ends its loop.

    qasync's ``run_until_complete`` pumps Qt events once more after ``exec()`` returns, with no running
    asyncio loop, so a coroutine resumed there fails with "no running event loop". Restarting
    ``run_forever`` instead keeps every step inside a running loop.
    """
    task.add_done_callback(lambda _task: loop.stop())
    while not task.done():
        loop.run_forever()
        if not task.done():
            # Qt ended its event loop (QApplication.quit(), a desktop session ending): let the
            # lifecycle finish its shutdown before leaving.
            log.info("event loop ended by Qt; shutting down")
            request_quit()
    return int(task.result())


def _quit_on_sigterm(request_quit: Callable[[], None]) -> object:
    """A desktop session ending (or `kill`) sends SIGTERM: quit in order rather than die mid-write.

    Python runs a signal handler only when it next gets control, which may be seconds away while Qt sits
    in its native wait; the signal's wake-up byte on a socket pair, watched by Qt, hands control back at
    once. Returns what must stay referenced for as long as the loop runs.
    """
    from PySide6.QtCore import QSocketNotifier

    receiver, sender = socket.socketpair()
    receiver.setblocking(False)
    sender.setblocking(False)
    signal.set_wakeup_fd(sender.fileno())
    signal.signal(signal.SIGTERM, lambda _signum, _frame: request_quit())
    notifier = QSocketNotifier(receiver.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(lambda: receiver.recv(64))
    return (receiver, sender, notifier)


def restart_command(argv: Sequence[str]) -> list[str]:
    """This run's command line again, without ``--lang`` (the language setting applies instead)."""
    args: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--lang":
            skip = True
        elif not arg.startswith("--lang="):
            args.append(arg)
    base = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "desktop"]
    return base + args


def _apply_start_at_login(settings: Settings, options: Options) -> None:
    """Start at login, when on, is written again at each start: the app may have moved or been upgraded."""
    if not settings.start_at_login or options.self_test or options.startup_probe:
        return
    from desktop import autostart

    try:
        autostart.enable(autostart.launch_command(options.basedir))
    except autostart.AutostartError as exc:
        log.warning("could not renew start at login: %s", exc.detail)


def main(argv: Sequence[str] | None = None) -> int:
    tune_interpreter_for_ui()
    options = parse_args(sys.argv[1:] if argv is None else argv)
    if options.self_test:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        if options.basedir is None:
            options.basedir = Path(tempfile.mkdtemp(prefix="atelier-self-test-"))
    paths = AppPaths.under(options.basedir) if options.basedir else AppPaths.platform()
    try:
        paths.ensure()
    except OSError as exc:  # a full disk: what exists still opens (read-only); the rest waits for room
        sys.stderr.write(f"Atelier: cannot create its folders ({exc.strerror}).\n")
    setup_logging(paths.log_file, level=getattr(logging, options.log_level))
    log.info("Atelier %s starting (python %s)", __version__, sys.version.split()[0])
    settings = Settings.load(paths.settings_file)
    _apply_start_at_login(settings, options)
    # With nothing chosen yet (no --demo, no account in the settings) the welcome screen opens.

    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from desktop.ui import i18n
    from desktop.ui.crash import CrashHandler
    from desktop.ui.theme import apply_theme, scheme_for

    QCoreApplication.setOrganizationName("Atelier")
    QCoreApplication.setApplicationName("Atelier")
    QCoreApplication.setApplicationVersion(__version__)
    existing = QApplication.instance()
    qt_app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    # Lets taskbars and docks match the window to its installed desktop entry and icon.
    qt_app.setDesktopFileName(APP_ID)
    # Before any window exists: every tr() from here on finds the catalog.
    translations = i18n.install(qt_app, interface_language(options, settings))
    # Keep a reference: it follows the system's light/dark switch (unless the theme setting forces one).
    theme = apply_theme(qt_app, scheme_for(settings.theme))
    # After PySide6: qasync takes the Qt binding already imported instead of trying PyQt5, PyQt6, PySide2.
    import qasync

    loop = qasync.QEventLoop(qt_app)
    asyncio.set_event_loop(loop)
    # qasync does not install asyncio's async-generator hooks; without them closing an SSE stream early
    # prints "async generator ignored GeneratorExit".
    sys.set_asyncgen_hooks(firstiter=loop._asyncgen_firstiter_hook,
                           finalizer=loop._asyncgen_finalizer_hook)
    crash = CrashHandler(paths.log_file, paths.crash_file, scrub=redact, log_trouble=log_file_trouble)
    crash.install()
    loop.set_exception_handler(crash.loop_exception_handler)

    application = Application(options, paths, settings)
    application.theme = theme
    # Closing the last window asks for an orderly quit (outbox and cache closed, demo server stopped)
    # instead of letting Qt end the event loop under the running coroutines.
    qt_app.setQuitOnLastWindowClosed(False)
    qt_app.lastWindowClosed.connect(application.request_quit)
    qt_app.aboutToQuit.connect(application.request_quit)
    wakeup = _quit_on_sigterm(application.request_quit)

    async def lifecycle() -> int:
        try:
            return await application.run()
        finally:
            await application.shutdown()

    task = loop.create_task(lifecycle())
    try:
        code = _drive_until_done(loop, task, application.request_quit)
    except Exception:
        log.exception("fatal error")
        code = 2
    finally:
        with contextlib.suppress(Exception):
            loop.close()
        crash.uninstall()
        signal.set_wakeup_fd(-1)
        del theme, wakeup, translations
    log.info("Atelier stopped (exit %s)", code)
    if application.restart_requested and code == 0:
        import subprocess

        command = restart_command(sys.argv[1:] if argv is None else argv)
        log.info("restarting")
        subprocess.Popen(command, start_new_session=True)
    return code
