"""Which account is open, and every way that changes: opening one at start-up, the welcome screen and its
sign-in flows (the reference marketplace's browser sign-in, Upwork's with the user's API key), signing in
again, switching, adding, signing out. Qt-free: it drives the windows through desktop.ui.

An account is a cache file plus services plus a main window, opened and closed together. Changes of account
run one at a time (a second click waits for the first); ``replace_account`` is the one way an account takes
the place of the open one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import shutil
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.errors import StorageError
from desktop.core.notices import Notice
from desktop.credentials import CredentialStore
from desktop.log import redact
from desktop.paths import AppPaths
from desktop.services.marketplaces import UPWORK_API, AppKey, MarketplaceKind, grants_for
from desktop.services.session import Session
from desktop.settings import Settings
from desktop.shell.demo import DemoMarketplace

if TYPE_CHECKING:
    from desktop.services.container import Services
    from desktop.services.pending import PendingServices
    from desktop.services.signin import SignedIn, SignInFlow
    from desktop.services.upwork_signin import UpworkSignInFlow

log = logging.getLogger("atelier.app")

DEFAULT_SERVER_URL = "http://127.0.0.1:8765"  # where `python -m desktop.sandbox` listens by default
REVOKE_TIMEOUT = 5.0
FIRST_FRAME_WAIT = 1.0
"""Seconds start-up waits for the window's first paint before building the services anyway (a window that
opens minimized, or on a screen that is off, may not paint for a long time)."""


def notice_text(notice: Notice) -> str:
    """A notice in the interface language (desktop/ui/notices.py, imported when needed, as the UI is)."""
    from desktop.ui.notices import notice_text as in_interface_language

    return in_interface_language(notice)


def refused_address(server_url: str) -> str:
    """Why an address from --server or the settings file may not be used ("" when it may): the same rule as
    the sign-in screen's (https, or http only on this computer; no credentials in it)."""
    from desktop.core.errors import AtelierError
    from desktop.services.addresses import normalize_server_url

    if not server_url:
        return ""
    try:
        normalize_server_url(server_url)
    except AtelierError as exc:  # SignInError (desktop.api.oauth: imported only for an address it refuses)
        log.warning("refusing the marketplace address %s: %s", redact(server_url), exc.message)
        return notice_text(exc.notice)
    return ""


def _load_service_modules(kind: MarketplaceKind) -> None:
    """Import what building an account's services needs (any thread: none of it is Qt)."""
    import importlib

    importlib.import_module("desktop.services.container")
    importlib.import_module("desktop.api.upwork" if kind is MarketplaceKind.UPWORK else "desktop.api.client")


def _remove_cache(folder: Path) -> None:
    """The account's cache folder (database, WAL, rescued copies); only ever a folder under data/accounts."""
    if folder.parent.name == "accounts":
        shutil.rmtree(folder, ignore_errors=True)


class AccountController:
    """The open account (``services`` and ``window``, both None on the welcome screen) and its changes.

    ``on_window`` hears about each main window once it is built (app.py wires its account menu there).
    """

    def __init__(self, paths: AppPaths, settings: Settings, demo: DemoMarketplace, *,
                 open_browser: Callable[[str], object], on_window: Callable[[Any], None]) -> None:
        self.paths = paths
        self.settings = settings
        self.demo = demo
        self.open_browser = open_browser
        """How the sign-in shows the authorize page: the system browser unless a test passes its own."""
        self.on_window = on_window
        self._credentials: CredentialStore | None = None
        self.services: Services | None = None
        """The open account's services (None on the welcome screen, and at start-up until the window has
        painted the cache: ``pending`` stands in for them meanwhile)."""
        self.pending: PendingServices | None = None
        self._opening: tuple[Session, MarketplaceKind] | None = None
        self.window: Any = None
        self.welcome: Any = None
        self.sign_in_flow: SignInFlow | UpworkSignInFlow | None = None
        self._sign_in_dialog: Any = None
        self._tasks: set[asyncio.Task[Any]] = set()
        # Opening, closing and switching accounts run one at a time: a second click waits for the first.
        self._account_change = asyncio.Lock()

    @property
    def credentials(self) -> CredentialStore:
        """The OS keychain, opened on first use (at start-up, not when the app is built)."""
        if self._credentials is None:
            self._credentials = CredentialStore()
        return self._credentials

    # -- start-up --------------------------------------------------------------------------------------------
    async def open_at_start(self, server_url: str) -> Session | None:
        """What the run starts on: the demo (--demo), else the account last used on ``server_url`` from its
        cache, else the welcome screen. Returns the session whose window opened (not started yet)."""
        if self.demo.chosen_at_start:
            return await self.open_account(self.demo.session(), label=self.demo.label,
                                           db_path=self.demo.db_path, first_frame=True, kind=self.demo.kind)
        refused = refused_address(server_url)
        account = self._account_on(server_url) if not refused else ""
        if refused:
            self.show_welcome(DEFAULT_SERVER_URL, refused)
        elif server_url and account:
            # The keychain remembers the sign-in: no browser. Without an entry the window opens on the cache
            # and the status bar offers to sign in again. The window shows the cache first; the keychain
            # (which may mean a D-Bus round trip) is read right after.
            known = self._known_session(server_url, account)
            return await self.open_account(known, label=account, first_frame=True, kind=self._kind_of(known))
        else:
            self.show_welcome(server_url or DEFAULT_SERVER_URL)
        return None

    async def after_first_frame(self, session: Session) -> None:
        """The start-up account once its window shows: its services (once the cache is painted), its tokens,
        then the demo server if it is one."""
        await self._first_frame_painted()
        await self.attach_services(panes_at_once=False)
        if not self.demo.chosen_at_start:
            await asyncio.get_running_loop().run_in_executor(None, session.load_stored_tokens)
        self.window.show_session_only_warning(not session.keychain_persistent and not self.demo.owns(session))
        if self.demo.chosen_at_start:
            await self.demo.start(session)

    # -- tasks -----------------------------------------------------------------------------------------------
    def spawn(self, name: str, coro: Coroutine[Any, Any, None]) -> None:
        """Run a UI-started coroutine with a strong reference; failures are logged, never lost."""
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)

        def finished(done: asyncio.Task[None]) -> None:
            self._tasks.discard(done)
            if not done.cancelled() and done.exception() is not None:
                log.error("%s failed", name, exc_info=done.exception())

        task.add_done_callback(finished)

    def spawn_exclusive(self, name: str, make: Callable[[], Coroutine[Any, Any, None]]) -> None:
        """Like spawn, for a change of account: it starts once the previous change has finished."""
        async def one_at_a_time() -> None:
            async with self._account_change:
                await make()

        self.spawn(name, one_at_a_time())

    # -- opening and closing ---------------------------------------------------------------------------------
    def _kind_of(self, session: Session) -> MarketplaceKind:
        return MarketplaceKind.parse(self.settings.kind_of(session.server_url, session.account))

    def _known_session(self, server_url: str, account: str) -> Session:
        """An account signed in here before, with the token grants of its kind of marketplace."""
        kind = MarketplaceKind.parse(self.settings.kind_of(server_url, account))
        return Session(server_url, account, self.credentials,
                       grants=grants_for(kind, server_url, self.credentials))

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

    async def open_account(self, session: Session, *, label: str, db_path: Path | None = None,
                           first_frame: bool = False,
                           kind: MarketplaceKind = MarketplaceKind.REFERENCE) -> Session:
        """Open the account's cache and show the main window on it, then build its services (not started
        yet) and attach them. At start-up (``first_frame``) the window paints the cache first: the services
        (the marketplace adapter and httpx, the outbox, the sync engine) are attached by
        ``after_first_frame()``."""
        from desktop.services.events import EventBus
        from desktop.services.marketplaces import capabilities_of
        from desktop.services.pending import PendingServices
        from desktop.storage.db import Database
        from desktop.ui.main_window import MainWindow

        path = db_path or self.paths.account_db(session.server_url, session.account)
        loop = asyncio.get_running_loop()
        # A full disk opens the cache read-only (what it holds is shown; writing resumes when there is room).
        db = await loop.run_in_executor(None, Database.open_or_read_only, path)
        if db.recovered_from is not None:
            log.warning("cache was damaged; moved aside to %s and rebuilding", db.recovered_from)
        pending = PendingServices(db, EventBus(), account_label=label, server_url=session.server_url,
                                  capabilities=capabilities_of(kind))
        self.pending = pending
        self._opening = (session, kind)
        window = MainWindow(pending, self.paths.config / "window.ini", runner=None, attached=False)
        window.signOutRequested.connect(self._ask_sign_out)
        window.signInAgainRequested.connect(self._sign_in_again)
        window.switchAccountRequested.connect(self._ask_switch_account)
        window.addAccountRequested.connect(lambda: self.spawn_exclusive("add-account", self._add_account))
        window.set_other_accounts(self._other_accounts(session))
        self.on_window(window)
        self.window = window
        window.show()
        if not first_frame:  # at start-up, after_first_frame() says it after the first frame instead
            window.show_session_only_warning(not session.keychain_persistent and not self.demo.owns(session))
        if self.welcome is not None:
            self.welcome.close()
            self.welcome.deleteLater()
            self.welcome = None
        if not first_frame:
            await self.attach_services()
        return session

    async def _first_frame_painted(self) -> None:
        """Until the window has painted the cache (at most FIRST_FRAME_WAIT seconds)."""
        window = self.window
        if window is None or window.painted:
            return
        painted = asyncio.get_running_loop().create_future()

        def done() -> None:
            if not painted.done():
                painted.set_result(None)

        window.firstFramePainted.connect(done)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(painted, FIRST_FRAME_WAIT)

    async def attach_services(self, *, panes_at_once: bool = True) -> None:
        """Build the open account's services on the bus its window listens to, and hand them to the window
        (``panes_at_once``: see MainWindow.attach)."""
        pending, opening = self.pending, self._opening
        if pending is None or opening is None:
            return
        session, kind = opening
        # Their modules (httpx, the adapter, the outbox, the sync engine: about 90 ms) load on a worker
        # thread, Qt-free as they are: the window just painted stays responsive meanwhile.
        await asyncio.get_running_loop().run_in_executor(None, _load_service_modules, kind)
        from desktop.services.container import build_services
        from desktop.services.marketplaces import open_marketplace

        try:
            services = await build_services(pending.db, session, account_label=pending.account_label,
                                            api=open_marketplace(kind, session), bus=pending.bus)
        except StorageError:
            if self.pending is not pending:  # the account closed meanwhile, and its cache with it
                return
            raise
        if self.pending is not pending:  # the account closed meanwhile
            await services.aclose()
            return
        self._opening = None
        self.services = services
        pending.attach(services)
        if self.window is not None:
            self.window.attach(services, panes_at_once=panes_at_once)

    async def replace_account(self, session: Session, *, label: str, kind: MarketplaceKind,
                              remember_kind: MarketplaceKind | None = None, demo: bool = False,
                              stored_tokens: bool = False) -> None:
        """The one way an account takes the place of the open one (sign-in, switch, opening a known account
        from the welcome screen, someone else signing in again): close the open account (its cache and outbox
        stay on disk) → remember the new one in the settings → open its cache and window → start its services.

        ``demo``: the embedded demo marketplace's account (signed in already): its own cache, not remembered.
        ``stored_tokens``: the session's tokens come from the keychain (read off the UI thread after the
        window shows); a session that just signed in carries its own. The caller holds ``_account_change``."""
        await self.close_account(keep_cache=True)
        if not demo:
            self._remember_account(session, remember_kind)
        await self.open_account(session, label=label, kind=kind, db_path=self.demo.db_path if demo else None)
        services, window = self.services, self.window
        assert services is not None
        if stored_tokens:
            await asyncio.get_running_loop().run_in_executor(None, session.load_stored_tokens)
            window.show_session_only_warning(not session.keychain_persistent)
        await services.start()

    def _remember_account(self, session: Session, kind: MarketplaceKind | None = None) -> None:
        """Settings name the account, server and kind (tokens are in the keychain, never here)."""
        self.settings.remember_account(session.server_url, session.account,
                                       kind.value if kind is not None else None)
        self.settings.save(self.paths.settings_file)

    async def close_account(self, *, keep_cache: bool) -> None:
        services, pending, window = self.services, self.pending, self.window
        if pending is None:
            return
        cache_dir = Path(pending.db.path).parent
        self.services = None
        self.pending = None
        self._opening = None
        self.window = None
        if window is not None:
            with contextlib.suppress(Exception):
                window.save_state()
            window.hide()
            window.shutdown()
            window.deleteLater()
        pending.close()
        if services is not None:
            await services.aclose()
        else:  # closed before its services were built: only the cache is open
            await pending.db.close()
        if not keep_cache:
            await asyncio.get_running_loop().run_in_executor(None, _remove_cache, cache_dir)
            log.info("offline copy removed")

    async def shutdown(self) -> None:
        """The end of the run: sign-in and UI tasks cancelled, the window's state kept, services closed."""
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
        if self.pending is not None:
            self.pending.close()
        if self.services is not None:
            await self.services.aclose()
        elif self.pending is not None:  # quit before the services were built (--startup-probe)
            await self.pending.db.close()

    # -- the welcome screen and its sign-in flows ------------------------------------------------------------
    def show_welcome(self, server_url: str, error: str = "") -> None:
        from desktop.ui.signin import WelcomeWindow

        welcome = WelcomeWindow(server_url, keychain_persistent=self.credentials.persistent,
                                known_accounts=self._other_accounts(None))
        welcome.signInRequested.connect(lambda url: self.spawn("sign-in", self._sign_in_from_welcome(url)))
        welcome.upworkSignInRequested.connect(
            lambda key, secret, callback, api: self.spawn(
                "upwork-sign-in", self._sign_in_to_upwork(AppKey(key, secret), callback, api)))
        welcome.progress.callbackPasted.connect(self._callback_pasted)
        welcome.accountChosen.connect(lambda url, account: self.spawn_exclusive(
            "open-account", lambda: self._open_from_welcome(url, account)))
        welcome.demoRequested.connect(lambda: self.spawn_exclusive("demo", self._open_demo_from_welcome))
        welcome.cancelRequested.connect(self._cancel_sign_in)
        welcome.openAgainRequested.connect(self._open_browser_again)
        welcome.show_choice(error)
        self.welcome = welcome
        welcome.show()

    def _new_flow(self, server_url: str, progress: Any) -> SignInFlow:
        from desktop.services.signin import SignInFlow, SignInPhase

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

    def _new_upwork_flow(self, server_url: str, key: AppKey, callback: str,
                         progress: Any) -> UpworkSignInFlow:
        from desktop.services.signin import SignInPhase
        from desktop.services.upwork_signin import UpworkSignInFlow

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
            await self.replace_account(session, label=label, kind=kind, remember_kind=kind)

    def _callback_pasted(self, url: str) -> None:
        flow = self.sign_in_flow
        if flow is not None and hasattr(flow, "submit_callback"):
            flow.submit_callback(url)

    def _cancel_sign_in(self) -> None:
        if self.sign_in_flow is not None:
            self.sign_in_flow.cancel()
        elif self._sign_in_dialog is not None:  # the dialog shows an error: "Close" just closes it
            self._sign_in_dialog.done(0)
            self._sign_in_dialog = None

    def _open_browser_again(self) -> None:
        if self.sign_in_flow is not None:
            self.sign_in_flow.open_browser_again()

    async def _open_from_welcome(self, server_url: str, account: str) -> None:
        if self.pending is None:  # not already opened by an earlier click
            await self._open_known_account(server_url, account)

    async def _open_demo_from_welcome(self) -> None:
        if self.pending is not None:  # already opened by an earlier click
            return
        # The demo marketplace keeps its port for the whole run (choosing the demo again reuses it).
        session = self.demo.session()
        await self.demo.start(session)
        await self.replace_account(session, label=self.demo.label, kind=self.demo.kind, demo=True)

    # -- signing in again (the server ended the sign-in) -----------------------------------------------------
    def _sign_in_again(self) -> None:
        """The server ended the sign-in (refresh refused): the browser flow again, in a dialog."""
        from desktop.ui.signin import SignInDialog

        if self.services is None or self.sign_in_flow is not None:
            return
        if self.demo.owns(self.services.session):
            self.spawn("demo-sign-in", self._demo_sign_in_again())
            return
        if self._kind_of(self.services.session) is MarketplaceKind.UPWORK:
            self._upwork_sign_in_again()
            return
        dialog = SignInDialog(self.services.server_url, parent=self.window)
        dialog.cancelRequested.connect(self._cancel_sign_in)
        dialog.openAgainRequested.connect(self._open_browser_again)
        self._sign_in_dialog = dialog
        dialog.open()
        self.spawn("sign-in-again", self._run_sign_in_again(dialog))

    def _upwork_sign_in_again(self) -> None:
        """Upwork ended the sign-in: the browser again with the key kept in the keychain."""
        from desktop.services.marketplaces import load_app_key
        from desktop.services.upwork_signin import loopback_target
        from desktop.ui.signin import SignInDialog

        services = self.services
        assert services is not None
        key = load_app_key(self.credentials, services.server_url)
        if key is None:  # no key here any more: the Upwork page of the welcome screen asks for it
            self.spawn_exclusive("sign-out", lambda: self.sign_out(keep_cache=True))
            return
        paste = loopback_target(key.redirect_uri) is None if key.redirect_uri else False
        dialog = SignInDialog("Upwork", parent=self.window, paste=paste)
        dialog.cancelRequested.connect(self._cancel_sign_in)
        dialog.openAgainRequested.connect(self._open_browser_again)
        dialog.progress.callbackPasted.connect(self._callback_pasted)
        self._sign_in_dialog = dialog
        flow = self._new_upwork_flow(services.server_url, key, key.redirect_uri, dialog.progress)
        dialog.open()
        self.spawn("sign-in-again", self._finish_sign_in_again(dialog, flow))

    async def _demo_sign_in_again(self) -> None:
        assert self.services is not None
        await self.demo.sign_in(self.services.session)
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
            await self.replace_account(result.session, label=result.session.account, kind=kind,
                                       remember_kind=kind)

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
                self.spawn_exclusive("switch-account", lambda: self._switch_account(server_url, account))

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

    async def _open_known_account(self, server_url: str, account: str) -> None:
        """Open an account signed in here before: from its cache at once, with its tokens from the keychain
        (without them, the window offers to sign in again)."""
        refused = refused_address(server_url)
        if refused:
            await self.close_account(keep_cache=True)
            self.show_welcome(DEFAULT_SERVER_URL, refused)
            return
        session = self._known_session(server_url, account)
        await self.replace_account(session, label=account, kind=self._kind_of(session), stored_tokens=True)

    async def _add_account(self) -> None:
        """Back to the welcome screen to sign in to another account; this one stays signed in."""
        services = self.services
        if services is None:
            return
        server_url = services.server_url
        await self.close_account(keep_cache=True)
        self.show_welcome(server_url)

    # -- signing out -----------------------------------------------------------------------------------------
    def _ask_sign_out(self) -> None:
        from desktop.ui.signin import SignOutChoice, ask_sign_out

        if self.services is None or self.window is None:
            return

        def answered(choice: SignOutChoice | None) -> None:
            if choice is not None:
                keep = choice is SignOutChoice.KEEP_CACHE
                self.spawn_exclusive("sign-out", lambda: self.sign_out(keep_cache=keep))

        ask_sign_out(self.window, self.services.session.account, self.services.sync.status.pending_outbox,
                     answered)

    async def sign_out(self, *, keep_cache: bool) -> None:
        """Revoke the sign-in at the server (best effort), forget the tokens, close the account and go back to
        the welcome screen. The cache (and its outbox) stays on disk unless ``keep_cache`` is False."""
        services = self.services
        if services is None:
            return
        session = services.session
        demo = self.demo.owns(session)
        with contextlib.suppress(Exception):
            await asyncio.wait_for(session.revoke(), REVOKE_TIMEOUT)
        session.sign_out()
        if not demo:
            self.settings.forget_account(session.server_url, session.account)
            self.settings.save(self.paths.settings_file)
        await self.close_account(keep_cache=keep_cache)
        self.show_welcome(session.server_url if not demo else self.settings.server_url or DEFAULT_SERVER_URL)
