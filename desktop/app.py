"""Composition root: parse arguments, start Qt and the asyncio loop, build the services, show the window,
and shut everything down in order. The only module that knows every part."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import shutil
import signal
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop import APP_ID, __version__
from desktop.api.auth import TokenSet
from desktop.core.clock import utcnow
from desktop.credentials import CredentialStore
from desktop.log import log_file_trouble, redact, setup_logging
from desktop.paths import AppPaths
from desktop.runtime import can_trim_heap, settle_after_first_frame, trim_heap, tune_interpreter_for_ui
from desktop.services.marketplaces import UPWORK_API, AppKey, MarketplaceKind, UpworkGrants, grants_for
from desktop.services.session import Session
from desktop.settings import Settings

if TYPE_CHECKING:
    from desktop.core.notices import Notice
    from desktop.sandbox.harness import SandboxServer
    from desktop.sandbox.upwork.harness import UpworkSandboxServer
    from desktop.services.container import Services
    from desktop.services.signin import SignedIn, SignInFlow
    from desktop.services.upwork_signin import UpworkSignInFlow

log = logging.getLogger("atelier.app")

DEMO_ACCOUNT = "demo@atelier.test"
DEMO_PASSWORD = "demo"  # the embedded demo marketplace's public demo account, not a secret
DEFAULT_SERVER_URL = "http://127.0.0.1:8765"  # where `python -m desktop.sandbox` listens by default
REVOKE_TIMEOUT = 5.0
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


def notice_text(notice: Notice) -> str:
    """A notice in the interface language (desktop/ui/notices.py, imported when needed, as the UI is)."""
    from desktop.ui.notices import notice_text as in_interface_language

    return in_interface_language(notice)


def _system_browser(url: str) -> Coroutine[Any, Any, bool]:
    """The user's browser; the answer is False when none opened (not even a launcher that failed)."""
    from desktop.services.browser import open_in_browser

    return open_in_browser(url, fallback=_qt_open_url)


def _qt_open_url(url: str) -> bool:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices

    return bool(QDesktopServices.openUrl(QUrl(url)))


def _demo_session(port: int, kind: MarketplaceKind) -> Session:
    # The demo's server gets a new port every run, so its tokens would only litter the OS keychain.
    url = f"http://127.0.0.1:{port}"
    if kind is MarketplaceKind.UPWORK:
        from desktop.sandbox.upwork import CLIENT_ID, CLIENT_SECRET, DEMO_EMAIL

        return Session(url, DEMO_EMAIL, CredentialStore.memory_only(),
                       grants=UpworkGrants(url, AppKey(CLIENT_ID, CLIENT_SECRET)))
    return Session(url, DEMO_ACCOUNT, CredentialStore.memory_only())


def _demo_tokens(issued: dict[str, Any]) -> TokenSet:
    """A token pair the embedded Upwork-shaped demo handed out without the browser."""
    now = utcnow()
    return TokenSet(str(issued["access_token"]), str(issued["refresh_token"]),
                    now + timedelta(seconds=float(issued.get("expires_in", 86400))), "Bearer", now)


def _remove_cache(folder: Path) -> None:
    """The account's cache folder (database, WAL, rescued copies); only ever a folder under data/accounts."""
    if folder.parent.name == "accounts":
        shutil.rmtree(folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Application:
    """One run of the app: owns the Qt objects, the services and the optional embedded demo server.

    ``window`` is the main window while an account is open (None otherwise); ``welcome`` is the welcome
    screen while none is (first start, or after signing out).
    """

    def __init__(self, options: Options, paths: AppPaths, settings: Settings, *,
                 open_browser: Callable[[str], object] | None = None) -> None:
        self.options = options
        self.paths = paths
        self.settings = settings
        self.services: Services | None = None
        self.window: Any = None
        self.welcome: Any = None
        self.demo_server: SandboxServer | UpworkSandboxServer | None = None
        self.exit_code = 0
        self.credentials: CredentialStore | None = None
        # How to show the authorize page: the system browser unless a test passes its own.
        self.open_browser = open_browser or _system_browser
        self.sign_in_flow: SignInFlow | UpworkSignInFlow | None = None
        self._sign_in_dialog: Any = None
        self._quit = asyncio.Event()
        self._tasks: set[asyncio.Task[Any]] = set()
        # Opening, closing and switching accounts run one at a time: a second click waits for the first.
        self._account_change = asyncio.Lock()
        self.theme: Any = None
        """The ThemeController (main() sets it): Settings switches the theme through it, live."""
        self.started_language = settings.language
        """The language setting this run started with (a new one takes effect after a restart)."""
        self.restart_requested = False
        self.settings_dialog: Any = None

    def request_quit(self) -> None:
        self._quit.set()

    async def run(self) -> int:
        started = time.perf_counter()
        self.credentials = CredentialStore()
        demo_port: int | None = None
        session: Session | None = None  # the account whose window opened; None on the welcome screen
        if self.options.demo:
            demo_port = _free_port()
            session = await self._open_account(
                _demo_session(demo_port, self._demo_kind), label=self.demo_label(), db_path=self._demo_db(),
                first_frame=True, kind=self._demo_kind)
        else:
            server_url = (self.options.server or self.settings.server_url).rstrip("/")
            refused = self._refused_address(server_url)
            account = self._account_on(server_url) if not refused else ""
            if refused:
                self._show_welcome(DEFAULT_SERVER_URL, refused)
            elif server_url and account:
                # The keychain remembers the sign-in: no browser. Without an entry the window opens on the
                # cache and the status bar offers to sign in again. The window shows the cache first; the
                # keychain (which may mean a D-Bus round trip) is read right after.
                known = self._known_session(server_url, account)
                session = await self._open_account(known, label=account, first_frame=True,
                                                   kind=self._kind_of(known))
            else:
                self._show_welcome(server_url or DEFAULT_SERVER_URL)
        shown = self.window or self.welcome
        log.info("window shown %.0f ms after start", (time.perf_counter() - started) * 1000)
        if self.options.startup_probe:
            shown.repaint()
            print("STARTUP_READY", flush=True)
            return 0
        if session is not None:
            if demo_port is None:
                await asyncio.get_running_loop().run_in_executor(None, session.load_stored_tokens)
            self.window.show_session_only_warning(
                not session.keychain_persistent and not self._is_demo(session))
            if demo_port is not None:
                await self._start_demo(demo_port, session)
        settle_after_first_frame()
        if self.services is not None:
            await self.services.start()
        if can_trim_heap() and not self.options.self_test:
            self._spawn("heap-trim", self._keep_heap_trimmed())
        check = asyncio.ensure_future(self._self_test()) if self.options.self_test else None
        await self._quit.wait()
        if check is not None:
            check.cancel()
        return self.exit_code

    @property
    def _demo_kind(self) -> MarketplaceKind:
        return MarketplaceKind.parse(self.options.demo_kind)

    def _kind_of(self, session: Session) -> MarketplaceKind:
        return MarketplaceKind.parse(self.settings.kind_of(session.server_url, session.account))

    def _known_session(self, server_url: str, account: str) -> Session:
        """An account signed in here before, with the token grants of its kind of marketplace."""
        assert self.credentials is not None
        kind = MarketplaceKind.parse(self.settings.kind_of(server_url, account))
        return Session(server_url, account, self.credentials,
                       grants=grants_for(kind, server_url, self.credentials))

    @staticmethod
    def _refused_address(server_url: str) -> str:
        """Why an address from --server or the settings file may not be used ("" when it may): the same
        rule as the sign-in screen's (https, or http only on this computer; no credentials in it)."""
        from desktop.api.oauth import SignInError
        from desktop.services.signin import normalize_server_url

        if not server_url:
            return ""
        try:
            normalize_server_url(server_url)
        except SignInError as exc:
            log.warning("refusing the marketplace address %s: %s", redact(server_url), exc.message)
            return notice_text(exc.notice)
        return ""

    def _account_on(self, server_url: str) -> str:
        """The account to open on that server: the current one, else the one used there last."""
        if server_url == self.settings.server_url.rstrip("/") and self.settings.account:
            return self.settings.account
        return next((known.account for known in self.settings.known_accounts()
                     if known.server_url == server_url), "")

    def _other_accounts(self, session: Session | None) -> list[tuple[str, str]]:
        current = (session.server_url, session.account) if session is not None else None
        return [(known.server_url, known.account) for known in self.settings.known_accounts()
                if (known.server_url, known.account) != current]

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

    def demo_label(self) -> str:
        from PySide6.QtCore import QCoreApplication

        if self._demo_kind is MarketplaceKind.UPWORK:
            return QCoreApplication.translate("Application", "Upwork demo")
        return QCoreApplication.translate("Application", "Demo marketplace")

    def _demo_db(self) -> Path:
        folder = "demo-upwork" if self._demo_kind is MarketplaceKind.UPWORK else "demo"
        return self.paths.data / "accounts" / folder / "cache.sqlite3"

    async def _open_account(self, session: Session, *, label: str, db_path: Path | None = None,
                            first_frame: bool = False,
                            kind: MarketplaceKind = MarketplaceKind.REFERENCE) -> Session:
        """Open the account's cache, build its services and show the main window (not started yet)."""
        from desktop.services.container import build_services
        from desktop.services.marketplaces import open_marketplace
        from desktop.storage.db import Database
        from desktop.ui.main_window import MainWindow

        path = db_path or self.paths.account_db(session.server_url, session.account)
        loop = asyncio.get_running_loop()
        # A full disk opens the cache read-only (what it holds is shown; writing resumes when there is room).
        db = await loop.run_in_executor(None, Database.open_or_read_only, path)
        if db.recovered_from is not None:
            log.warning("cache was damaged; moved aside to %s and rebuilding", db.recovered_from)
        self.services = services = await build_services(db, session, account_label=label,
                                                        api=open_marketplace(kind, session))
        window = MainWindow(services, self.paths.config / "window.ini", runner=None)
        window.signOutRequested.connect(self._ask_sign_out)
        window.signInAgainRequested.connect(self._sign_in_again)
        window.switchAccountRequested.connect(self._ask_switch_account)
        window.addAccountRequested.connect(lambda: self._spawn_exclusive("add-account", self._add_account))
        window.set_other_accounts(self._other_accounts(session))
        window.settingsRequested.connect(self.open_settings)
        window.aboutRequested.connect(self.open_about)
        window.quitRequested.connect(self.request_quit)
        self._apply_notification_settings(window)
        self.window = window
        window.show()
        if not first_frame:  # at start-up, run() says it after the first frame instead
            window.show_session_only_warning(not session.keychain_persistent and not self._is_demo(session))
        if self.welcome is not None:
            self.welcome.close()
            self.welcome.deleteLater()
            self.welcome = None
        return session

    def _is_demo(self, session: Session) -> bool:
        demo_url = self.demo_server.url if self.demo_server is not None else None
        return session.account == self._demo_account and (
            self.options.demo or session.server_url == demo_url)

    @property
    def _demo_account(self) -> str:
        if self._demo_kind is MarketplaceKind.UPWORK:
            from desktop.sandbox.upwork import DEMO_EMAIL

            return DEMO_EMAIL
        return DEMO_ACCOUNT

    async def _start_demo(self, port: int, session: Session) -> None:
        loop = asyncio.get_running_loop()
        if self.demo_server is None:
            simulate = self.settings.demo_simulate and not self.options.self_test
            if self._demo_kind is MarketplaceKind.UPWORK:
                from desktop.sandbox.upwork.harness import UpworkSandboxServer

                self.demo_server = UpworkSandboxServer(
                    self.paths.data / "demo-upwork.sqlite3", seed=self.settings.demo_seed,
                    simulate=simulate, sim_interval=self.settings.demo_sim_interval, port=port)
            else:
                from desktop.sandbox.harness import SandboxServer

                self.demo_server = SandboxServer(
                    self.paths.data / "demo-marketplace.sqlite3", seed=self.settings.demo_seed,
                    simulate=simulate, sim_interval=self.settings.demo_sim_interval,
                    pace=self.settings.demo_pace, port=port)
        if not self.demo_server.running:
            await loop.run_in_executor(None, self.demo_server.start)
            log.info("demo marketplace listening on %s", self.demo_server.url)
        await self._demo_sign_in(session)

    async def _demo_sign_in(self, session: Session) -> None:
        """The demo account signs in without the browser (its password is public)."""
        server = self.demo_server
        if self._demo_kind is MarketplaceKind.UPWORK:
            from desktop.sandbox.upwork.harness import UpworkSandboxServer

            assert isinstance(server, UpworkSandboxServer)
            session.adopt(_demo_tokens(server.issue_tokens()))
        else:
            await session.sign_in_with_password(DEMO_PASSWORD)

    # -- welcome and sign-in ---------------------------------------------------------------------------------
    def _show_welcome(self, server_url: str, error: str = "") -> None:
        from desktop.ui.signin import WelcomeWindow

        assert self.credentials is not None
        welcome = WelcomeWindow(server_url, keychain_persistent=self.credentials.persistent,
                                known_accounts=self._other_accounts(None))
        welcome.signInRequested.connect(lambda url: self._spawn("sign-in", self._sign_in_from_welcome(url)))
        welcome.upworkSignInRequested.connect(
            lambda key, secret, callback, api: self._spawn(
                "upwork-sign-in", self._sign_in_to_upwork(AppKey(key, secret), callback, api)))
        welcome.progress.callbackPasted.connect(self._callback_pasted)
        welcome.accountChosen.connect(lambda url, account: self._spawn_exclusive(
            "open-account", lambda: self._open_from_welcome(url, account)))
        welcome.demoRequested.connect(lambda: self._spawn_exclusive("demo", self._open_demo_from_welcome))
        welcome.cancelRequested.connect(self._cancel_sign_in)
        welcome.openAgainRequested.connect(self._open_browser_again)
        welcome.show_choice(error)
        self.welcome = welcome
        welcome.show()

    def _spawn(self, name: str, coro: Coroutine[Any, Any, None]) -> None:
        """Run a UI-started coroutine with a strong reference; failures are logged, never lost."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)

        def finished(done: asyncio.Task[None]) -> None:
            self._tasks.discard(done)
            if not done.cancelled() and done.exception() is not None:
                log.error("%s failed", name, exc_info=done.exception())

        task.add_done_callback(finished)

    def _spawn_exclusive(self, name: str, make: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Like _spawn, for a change of account: it starts once the previous change has finished."""
        async def one_at_a_time() -> None:
            async with self._account_change:
                await make()

        self._spawn(name, one_at_a_time())

    def _new_flow(self, server_url: str, progress: Any) -> SignInFlow:
        from desktop.services.signin import SignInFlow, SignInPhase

        assert self.credentials is not None
        flow: SignInFlow

        def on_phase(phase: SignInPhase) -> None:
            if phase is SignInPhase.WAITING_FOR_BROWSER:
                progress.set_link(flow.authorize_url or "")
            elif phase is SignInPhase.BROWSER_FAILED:
                progress.show_browser_failed(flow.authorize_url or "")
            elif phase is SignInPhase.FINISHING:
                progress.set_finishing()

        flow = SignInFlow(server_url, self.credentials, self.open_browser, on_phase=on_phase)
        return flow

    async def _sign_in_from_welcome(self, typed_url: str) -> None:
        from desktop.core.errors import AtelierError

        welcome = self.welcome
        if welcome is None or self.sign_in_flow is not None:
            return
        try:
            flow = self._new_flow(typed_url, welcome.progress)
        except AtelierError as exc:
            welcome.show_choice(notice_text(exc.notice))
            return
        welcome.show_progress(flow.server_url)
        result = await self._run_flow(flow, self._welcome_error("show_choice"))
        if result is not None:
            await self._open_signed_in(result.session, result.session.account, MarketplaceKind.REFERENCE)

    async def _sign_in_to_upwork(self, key: AppKey, callback: str, api_address: str) -> None:
        """The Upwork sign-in from the welcome screen: the user's API key, then the browser."""
        from desktop.core.errors import AtelierError

        welcome = self.welcome
        if welcome is None or self.sign_in_flow is not None:
            return
        try:
            flow = self._new_upwork_flow((api_address or UPWORK_API).rstrip("/"), key, callback,
                                         welcome.progress)
        except AtelierError as exc:
            welcome.show_upwork(notice_text(exc.notice))
            return
        welcome.show_progress("Upwork", paste=flow.needs_paste)
        result = await self._run_flow(flow, self._welcome_error("show_upwork"))
        if result is not None:
            await self._open_signed_in(result.session, result.me.name or result.session.account,
                                       MarketplaceKind.UPWORK)

    def _welcome_error(self, page: str) -> Callable[[str], None]:
        """Show a sign-in failure on that page of the welcome screen, if it is still open."""
        def show(message: str) -> None:
            if self.welcome is not None:
                getattr(self.welcome, page)(message)

        return show

    def _new_upwork_flow(self, server_url: str, key: AppKey, callback: str,
                         progress: Any) -> UpworkSignInFlow:
        from desktop.services.signin import SignInPhase
        from desktop.services.upwork_signin import UpworkSignInFlow

        assert self.credentials is not None
        flow: UpworkSignInFlow

        def on_phase(phase: SignInPhase) -> None:
            if phase is SignInPhase.WAITING_FOR_BROWSER:
                progress.set_link(flow.authorize_url or "")
                progress.show_paste_error(notice_text(flow.paste_error) if flow.paste_error else "")
            elif phase is SignInPhase.BROWSER_FAILED:
                progress.show_browser_failed(flow.authorize_url or "")
            elif phase is SignInPhase.FINISHING:
                progress.set_finishing()

        flow = UpworkSignInFlow(server_url, key, callback, self.credentials, self.open_browser,
                                on_phase=on_phase)
        return flow

    async def _run_flow(self, flow: SignInFlow | UpworkSignInFlow,
                        show_error: Callable[[str], object]) -> SignedIn | None:
        """Run one sign-in attempt; its failure is shown, never raised."""
        from desktop.core.errors import AtelierError

        self.sign_in_flow = flow
        try:
            return await flow.run()
        except AtelierError as exc:
            log.info("sign-in did not finish: %s", exc.message)
            show_error(notice_text(exc.notice))
            return None
        finally:
            self.sign_in_flow = None

    async def _open_signed_in(self, session: Session, label: str, kind: MarketplaceKind) -> None:
        """The account just signed in replaces whatever is open, and starts."""
        async with self._account_change:
            # An account may have been opened from the welcome screen meanwhile: it is closed first.
            await self._replace_account(session, label=label, kind=kind, remember_kind=kind)

    async def _replace_account(self, session: Session, *, label: str, kind: MarketplaceKind,
                               remember_kind: MarketplaceKind | None = None, demo: bool = False,
                               stored_tokens: bool = False) -> None:
        """The one way an account takes the place of the open one (sign-in, switch, opening a known account
        from the welcome screen, someone else signing in again): close the open account (its cache and outbox
        stay on disk) → remember the new one in the settings → open its cache and window → start its services.

        ``demo``: the embedded demo marketplace's account (signed in already): its own cache, not remembered.
        ``stored_tokens``: the session's tokens come from the keychain (read off the UI thread after the
        window shows); a session that just signed in carries its own. The caller holds ``_account_change``."""
        await self._close_account(keep_cache=True)
        if not demo:
            self._remember_account(session, remember_kind)
        await self._open_account(session, label=label, kind=kind, db_path=self._demo_db() if demo else None)
        services, window = self.services, self.window
        assert services is not None
        if stored_tokens:
            await asyncio.get_running_loop().run_in_executor(None, session.load_stored_tokens)
            window.show_session_only_warning(not session.keychain_persistent)
        await services.start()

    def _callback_pasted(self, url: str) -> None:
        flow = self.sign_in_flow
        if flow is not None and hasattr(flow, "submit_callback"):
            flow.submit_callback(url)

    def _remember_account(self, session: Session, kind: MarketplaceKind | None = None) -> None:
        """Settings name the account, server and kind (tokens are in the keychain, never here)."""
        self.settings.remember_account(session.server_url, session.account,
                                       kind.value if kind is not None else None)
        self.settings.save(self.paths.settings_file)

    # -- several accounts ------------------------------------------------------------------------------------
    def _ask_switch_account(self, server_url: str, account: str) -> None:
        """From the account menu. Actions still queued here wait in this account's outbox: say so first."""
        from desktop.ui.signin import ask_switch_with_pending

        services = self.services
        if services is None or self.window is None:
            return
        pending = services.sync.status.pending_outbox

        def answered(go: bool) -> None:
            if go:
                self._spawn_exclusive("switch-account", lambda: self._switch_account(server_url, account))

        if pending:
            ask_switch_with_pending(self.window, services.session.account, pending, answered)
        else:
            answered(True)

    async def _switch_account(self, server_url: str, account: str) -> None:
        """Close this account (its cache, outbox and keychain entry stay) and open the other one."""
        services = self.services
        if services is None or (services.server_url, services.session.account) == (server_url, account):
            return
        await self._open_known_account(server_url, account)

    async def _open_from_welcome(self, server_url: str, account: str) -> None:
        if self.services is None:  # not already opened by an earlier click
            await self._open_known_account(server_url, account)

    async def _open_known_account(self, server_url: str, account: str) -> None:
        """Open an account signed in here before: from its cache at once, with its tokens from the keychain
        (without them, the window offers to sign in again)."""
        refused = self._refused_address(server_url)
        if refused:
            await self._close_account(keep_cache=True)
            self._show_welcome(DEFAULT_SERVER_URL, refused)
            return
        session = self._known_session(server_url, account)
        await self._replace_account(session, label=account, kind=self._kind_of(session), stored_tokens=True)

    async def _add_account(self) -> None:
        """Back to the welcome screen to sign in to another account; this one stays signed in."""
        services = self.services
        if services is None:
            return
        server_url = services.server_url
        await self._close_account(keep_cache=True)
        self._show_welcome(server_url)

    def _cancel_sign_in(self) -> None:
        if self.sign_in_flow is not None:
            self.sign_in_flow.cancel()
        elif self._sign_in_dialog is not None:  # the dialog shows an error: "Close" just closes it
            self._sign_in_dialog.done(0)
            self._sign_in_dialog = None

    def _open_browser_again(self) -> None:
        if self.sign_in_flow is not None:
            self.sign_in_flow.open_browser_again()

    async def _open_demo_from_welcome(self) -> None:
        if self.services is not None:  # already opened by an earlier click
            return
        # The demo marketplace keeps its port for the whole run (choosing the demo again reuses it).
        port = self.demo_server.port if self.demo_server is not None else _free_port()
        session = _demo_session(port, self._demo_kind)
        await self._start_demo(port, session)
        await self._replace_account(session, label=self.demo_label(), kind=self._demo_kind, demo=True)

    def _sign_in_again(self) -> None:
        """The server ended the sign-in (refresh refused): the browser flow again, in a dialog."""
        from desktop.ui.signin import SignInDialog

        if self.services is None or self.sign_in_flow is not None:
            return
        if self._is_demo(self.services.session):
            self._spawn("demo-sign-in", self._demo_sign_in_again())
            return
        if self._kind_of(self.services.session) is MarketplaceKind.UPWORK:
            self._upwork_sign_in_again()
            return
        dialog = SignInDialog(self.services.server_url, parent=self.window)
        dialog.cancelRequested.connect(self._cancel_sign_in)
        dialog.openAgainRequested.connect(self._open_browser_again)
        self._sign_in_dialog = dialog
        dialog.open()
        self._spawn("sign-in-again", self._run_sign_in_again(dialog))

    def _upwork_sign_in_again(self) -> None:
        """Upwork ended the sign-in: the browser again with the key kept in the keychain."""
        from desktop.services.marketplaces import load_app_key
        from desktop.services.upwork_signin import loopback_target
        from desktop.ui.signin import SignInDialog

        services = self.services
        assert services is not None and self.credentials is not None
        key = load_app_key(self.credentials, services.server_url)
        if key is None:  # no key here any more: the Upwork page of the welcome screen asks for it
            self._spawn_exclusive("sign-out", lambda: self.sign_out(keep_cache=True))
            return
        paste = loopback_target(key.redirect_uri) is None if key.redirect_uri else False
        dialog = SignInDialog("Upwork", parent=self.window, paste=paste)
        dialog.cancelRequested.connect(self._cancel_sign_in)
        dialog.openAgainRequested.connect(self._open_browser_again)
        dialog.progress.callbackPasted.connect(self._callback_pasted)
        self._sign_in_dialog = dialog
        flow = self._new_upwork_flow(services.server_url, key, key.redirect_uri, dialog.progress)
        dialog.open()
        self._spawn("sign-in-again", self._finish_sign_in_again(dialog, flow))

    async def _demo_sign_in_again(self) -> None:
        assert self.services is not None
        await self._demo_sign_in(self.services.session)
        await self.services.sync.sync_now()

    async def _run_sign_in_again(self, dialog: Any) -> None:
        assert self.services is not None
        await self._finish_sign_in_again(dialog, self._new_flow(self.services.server_url, dialog.progress))

    async def _finish_sign_in_again(self, dialog: Any, flow: SignInFlow | UpworkSignInFlow) -> None:
        from desktop.core.errors import AtelierError

        assert self.services is not None
        services = self.services
        self.sign_in_flow = flow
        try:
            result = await flow.run()
        except AtelierError as exc:
            dialog.show_error(notice_text(exc.notice))
            return
        finally:
            self.sign_in_flow = None
        dialog.done(0)
        self._sign_in_dialog = None
        if result.session.account == services.session.account and self.services is services:
            assert result.session.tokens is not None
            services.session.adopt(result.session.tokens)
            await services.sync.sync_now()
            return
        # Someone else signed in: that account gets its own cache and window; this one's stays on disk.
        async with self._account_change:
            kind = self._kind_of(services.session)
            await self._replace_account(result.session, label=result.session.account, kind=kind,
                                        remember_kind=kind)

    # -- settings, about, quit (the account menu) ------------------------------------------------------------
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

    # -- sign out --------------------------------------------------------------------------------------------
    def _ask_sign_out(self) -> None:
        from desktop.ui.signin import SignOutChoice, ask_sign_out

        if self.services is None or self.window is None:
            return

        def answered(choice: SignOutChoice | None) -> None:
            if choice is not None:
                keep = choice is SignOutChoice.KEEP_CACHE
                self._spawn_exclusive("sign-out", lambda: self.sign_out(keep_cache=keep))

        ask_sign_out(self.window, self.services.session.account, self.services.sync.status.pending_outbox,
                     answered)

    async def sign_out(self, *, keep_cache: bool) -> None:
        """Revoke the sign-in at the server (best effort), forget the tokens, close the account and go back to
        the welcome screen. The cache (and its outbox) stays on disk unless ``keep_cache`` is False."""
        services = self.services
        if services is None:
            return
        session = services.session
        with contextlib.suppress(Exception):
            await asyncio.wait_for(session.revoke(), REVOKE_TIMEOUT)
        session.sign_out()
        if not self._is_demo(session):
            self.settings.forget_account(session.server_url, session.account)
            self.settings.save(self.paths.settings_file)
        await self._close_account(keep_cache=keep_cache)
        self._show_welcome(session.server_url if not self._is_demo(session) else
                           self.settings.server_url or DEFAULT_SERVER_URL)

    async def _close_account(self, *, keep_cache: bool) -> None:
        services, window = self.services, self.window
        if services is None:
            return
        cache_dir = Path(services.db.path).parent
        self.services = None
        self.window = None
        if window is not None:
            with contextlib.suppress(Exception):
                window.save_state()
            window.hide()
            window.shutdown()
            window.deleteLater()
        await services.aclose()
        if not keep_cache:
            await asyncio.get_running_loop().run_in_executor(None, _remove_cache, cache_dir)
            log.info("offline copy removed")

    async def _self_test(self) -> None:
        from desktop.self_test import run_self_test

        assert self.services is not None
        result = await run_self_test(self.services, self.window.self_check)
        print(result.line(), flush=True)
        if not result.ok:
            self.exit_code = 1
        self.request_quit()

    async def shutdown(self) -> None:
        if self.sign_in_flow is not None:
            self.sign_in_flow.cancel()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)
        if self.welcome is not None:
            self.welcome.close()
        if self.window is not None:
            with contextlib.suppress(Exception):
                self.window.save_state()
                self.window.shutdown()  # no pane reads the cache once it is closing
        if self.services is not None:
            await self.services.aclose()
        if self.demo_server is not None:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, self.demo_server.stop)


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
    from desktop import autostart

    if not settings.start_at_login or options.self_test or options.startup_probe:
        return
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

    import qasync
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
