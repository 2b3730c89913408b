"""Signing in through the system browser (RFC 8252 + PKCE), from "Sign in" to a Session in the keychain.

    flow = SignInFlow(server_url, CredentialStore(), open_browser=lambda url: webbrowser.open(url))
    session = await flow.run()          # SignInError(reason, message) when it did not finish

Steps: a loopback listener on 127.0.0.1 and an ephemeral port; the browser opened at the authorize URL with
``state`` and the PKCE challenge; the redirect awaited (``timeout``, or ``cancel()``); the code exchanged
with the verifier; ``/v1/me`` asked who signed in; the tokens stored for that account and server.

The browser is whatever ``open_browser`` does with the URL: the app passes ``services.browser``'s
``open_in_browser`` (which notices a browser that cannot start), tests pass a headless Chromium. When no
browser opens, the flow says so (phase BROWSER_FAILED: the UI shows the link to open by hand) and keeps
waiting for the redirect. This module knows nothing of Qt.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import inspect
import logging
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from desktop.api.auth import TokenSet
from desktop.api.client import MarketplaceClient, StaticTokens
from desktop.api.oauth import (
    Authorization,
    RedirectListener,
    SignInError,
    SignInFailure,
    authorize_url,
    code_grant,
    new_pkce,
    new_state,
    revoke_token,
)
from desktop.core.errors import AtelierError, AuthError, OfflineError
from desktop.core.models import Freelancer
from desktop.core.notices import Code, Notice
from desktop.credentials import CredentialStore
from desktop.services.addresses import is_loopback_host as is_loopback_host  # the rules live apart (no httpx)
from desktop.services.addresses import normalize_server_url as normalize_server_url
from desktop.services.session import Session

log = logging.getLogger("atelier.signin")

DEFAULT_TIMEOUT = 300.0  # five minutes to type a password (and maybe find it) in the browser

BrowserOpener = Callable[[str], object]
"""Opens a URL in the user's browser; a result of exactly False (or an awaitable answering False) means it
could not."""


class SignInPhase(enum.Enum):
    STARTING = "starting"
    WAITING_FOR_BROWSER = "waiting_for_browser"
    BROWSER_FAILED = "browser_failed"
    """No browser could be opened: the user opens ``authorize_url`` by hand; the flow is still waiting."""
    FINISHING = "finishing"
    DONE = "done"


class BrowserStep:
    """Sending the user to ``authorize_url``, shared by the sign-in flows: the opener is called at once (so a
    broken opener fails the attempt), its answer is awaited beside the wait for the redirect, and a browser
    that did not open moves the flow to BROWSER_FAILED without ending it."""

    phase: SignInPhase
    authorize_url: str | None
    _open_browser: BrowserOpener
    _opening: asyncio.Task[None] | None = None
    browser_failed = False
    """True once an attempt to open the browser failed (the link is on screen)."""

    def _set_phase(self, phase: SignInPhase) -> None:
        raise NotImplementedError

    def open_browser_again(self) -> None:
        if self.authorize_url is not None and self.phase in _WAITING:
            self._start_opening()

    def _start_opening(self) -> None:
        assert self.authorize_url is not None
        answer = self._open_browser(self.authorize_url)
        if self._opening is not None and not self._opening.done():
            self._opening.cancel()
        self._opening = asyncio.ensure_future(self._see_whether_it_opened(answer))

    async def _see_whether_it_opened(self, answer: object) -> None:
        if inspect.isawaitable(answer):
            try:
                answer = await answer
            except OSError as exc:
                log.warning("opening the browser failed: %s", exc)
                answer = False
        if answer is False and self.phase in _WAITING:
            log.warning("no web browser could be opened; the sign-in link is shown to open by hand")
            self.browser_failed = True
            self._set_phase(SignInPhase.BROWSER_FAILED)

    async def _stop_opening(self) -> None:
        opening, self._opening = self._opening, None
        if opening is not None and not opening.done():
            opening.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await opening


_WAITING = (SignInPhase.WAITING_FOR_BROWSER, SignInPhase.BROWSER_FAILED)


@dataclass(frozen=True, slots=True)
class SignedIn:
    session: Session
    me: Freelancer


class SignInFlow(BrowserStep):
    def __init__(
        self,
        server_url: str,
        store: CredentialStore,
        open_browser: BrowserOpener,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        on_phase: Callable[[SignInPhase], None] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.server_url = normalize_server_url(server_url)
        self._store = store
        self._open_browser = open_browser
        self._timeout = timeout
        self._on_phase = on_phase
        self._transport = transport
        self._cancelled = asyncio.Event()
        self.phase = SignInPhase.STARTING
        self.authorize_url: str | None = None
        """The page the browser was sent to (for "open it again" / "copy the link"); None before run()."""

    def cancel(self) -> None:
        """End the attempt; run() raises SignInError(CANCELLED)."""
        self._cancelled.set()

    async def run(self) -> SignedIn:
        state = new_state()
        pkce = new_pkce()
        listener = RedirectListener(state)
        try:
            redirect_uri = await listener.start()
            self.authorize_url = authorize_url(
                self.server_url, redirect_uri=redirect_uri, state=state, pkce=pkce)
            self._set_phase(SignInPhase.WAITING_FOR_BROWSER)
            log.info("opening the browser to sign in to %s", self.server_url)
            self._start_opening()
            authorization = await self._wait_for_redirect(listener)
        finally:
            await self._stop_opening()
            await listener.close()
        self._set_phase(SignInPhase.FINISHING)
        tokens = await self._exchange(authorization.code, pkce.verifier, redirect_uri)
        me = await self._who_signed_in(tokens)
        session = Session(self.server_url, me.email, self._store)
        session.adopt(tokens)
        log.info("signed in to %s (keychain: %s)", self.server_url,
                 "yes" if self._store.persistent else "no, this session only")
        self._set_phase(SignInPhase.DONE)
        return SignedIn(session, me)

    async def _wait_for_redirect(self, listener: RedirectListener) -> Authorization:
        redirect = asyncio.ensure_future(listener.result())
        cancelled = asyncio.ensure_future(self._cancelled.wait())
        try:
            done, _ = await asyncio.wait({redirect, cancelled}, timeout=self._timeout,
                                         return_when=asyncio.FIRST_COMPLETED)
        finally:
            for task in (redirect, cancelled):
                if not task.done():
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, AtelierError):
                        await task
        if redirect in done:
            return redirect.result()  # the code, or SignInError (denied, wrong state, refused)
        if cancelled in done:
            raise SignInError(SignInFailure.CANCELLED, Notice(Code.SIGN_IN_CANCELLED))
        minutes = max(1, round(self._timeout / 60))
        raise SignInError(SignInFailure.TIMED_OUT, Notice(Code.BROWSER_SILENT_MINUTES, (minutes,)))

    async def _exchange(self, code: str, verifier: str, redirect_uri: str) -> TokenSet:
        try:
            return await code_grant(self.server_url, code, verifier, redirect_uri, transport=self._transport)
        except AuthError as exc:
            raise SignInError(SignInFailure.CODE_REJECTED, exc.notice) from None
        except OfflineError as exc:
            raise SignInError(SignInFailure.UNREACHABLE, exc.notice) from None

    async def _who_signed_in(self, tokens: TokenSet) -> Freelancer:
        async with MarketplaceClient(self.server_url, StaticTokens(tokens), transport=self._transport) as api:
            try:
                return await api.me()
            except AtelierError as exc:
                # Do not leave a live grant behind that nobody holds.
                await revoke_token(self.server_url, tokens.refresh_token or tokens.access_token,
                                   transport=self._transport)
                raise SignInError(SignInFailure.NO_ACCOUNT,
                                  Notice(Code.ACCOUNT_UNREADABLE, (exc.notice,))) from None

    def _set_phase(self, phase: SignInPhase) -> None:
        self.phase = phase
        if self._on_phase is not None:
            self._on_phase(phase)
