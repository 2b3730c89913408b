"""Signing in to Upwork: the user's own API key, the browser, and the code coming back one of two ways.

Upwork issues API keys per developer ("Desktop" project type), so each freelancer brings one: the
client id and secret are asked once and kept in the keychain (services.marketplaces.save_app_key). Each
key registers its callback address. When that address is on this computer (``http://127.0.0.1:PORT/…``
or ``http://localhost:PORT/…``) Atelier listens there and continues by itself; otherwise the browser ends
on a page Atelier cannot see, and the user pastes the address it shows back into Atelier — which is how
Upwork's own desktop example (upwork/python-upwork-oauth2, example/myapp.py) works.

Authorization code grant: authorize at ``…/ab/account-security/oauth2/authorize`` with response_type=code,
client_id, redirect_uri and state; exchange at ``…/api/v3/oauth2/token`` with the client secret
(desktop.api.upwork.oauth has the details and their sources).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx

from desktop.api.auth import TokenSet
from desktop.api.client import StaticTokens
from desktop.api.oauth import Authorization, RedirectListener, SignInError, SignInFailure, new_state
from desktop.core.errors import AtelierError, AuthError, OfflineError, RequestRejected
from desktop.core.models import Freelancer
from desktop.core.notices import Code, Notice
from desktop.credentials import CredentialStore
from desktop.services.addresses import normalize_server_url
from desktop.services.marketplaces import AppKey, UpworkGrants, save_app_key
from desktop.services.session import Session
from desktop.services.signin import DEFAULT_TIMEOUT, BrowserOpener, BrowserStep, SignedIn, SignInPhase

log = logging.getLogger("atelier.signin")

DEFAULT_REDIRECT_URI = "http://127.0.0.1:5816/callback"
"""What the README asks users to register as their key's callback address (any free port would do)."""
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")


def loopback_target(redirect_uri: str) -> tuple[str, int, str] | None:
    """(host, port, path) to listen on when the callback address is on this computer, else None."""
    parts = urlsplit(redirect_uri)
    if parts.scheme != "http" or parts.hostname not in LOOPBACK_HOSTS or parts.port is None:
        return None
    host = "127.0.0.1" if parts.hostname == "localhost" else parts.hostname
    return host, parts.port, parts.path or "/"


class UpworkSignInFlow(BrowserStep):
    """One sign-in attempt. ``needs_paste`` says whether the UI must ask for the callback address."""

    def __init__(
        self,
        server_url: str,
        key: AppKey,
        redirect_uri: str,
        store: CredentialStore,
        open_browser: BrowserOpener,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        on_phase: Callable[[SignInPhase], None] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        from desktop.api.upwork.endpoints import UpworkEndpoints

        if not key.client_id.strip() or not key.client_secret.strip():
            raise SignInError(SignInFailure.REFUSED, Notice(Code.UPWORK_KEY_FIRST))
        self.server_url = normalize_server_url(server_url)
        self.endpoints = UpworkEndpoints.for_server(self.server_url)
        self.redirect_uri = redirect_uri.strip() or key.redirect_uri or DEFAULT_REDIRECT_URI
        self.key = AppKey(key.client_id.strip(), key.client_secret.strip(), self.redirect_uri)
        self._store = store
        self._open_browser = open_browser
        self._timeout = timeout
        self._on_phase = on_phase
        self._transport = transport
        self._cancelled = asyncio.Event()
        self._pasted: asyncio.Queue[str] = asyncio.Queue()
        self._state = new_state()
        self.phase = SignInPhase.STARTING
        self.authorize_url: str | None = None
        self.needs_paste = loopback_target(self.redirect_uri) is None
        self.paste_error: Notice | None = None

    def cancel(self) -> None:
        self._cancelled.set()

    def submit_callback(self, url: str) -> None:
        """The address the browser ended on, pasted by the user (only when ``needs_paste``)."""
        self._pasted.put_nowait(url.strip())

    async def run(self) -> SignedIn:
        from desktop.api.upwork import oauth

        key = oauth.UpworkAppKey(self.key.client_id, self.key.client_secret)
        target = loopback_target(self.redirect_uri)
        listener = RedirectListener(self._state, host=target[0], port=target[1], path=target[2]) \
            if target is not None else None
        try:
            if listener is not None:
                await listener.start()
            self.authorize_url = oauth.authorization_url(self.endpoints, key, self.redirect_uri, self._state)
            self._set_phase(SignInPhase.WAITING_FOR_BROWSER)
            log.info("opening the browser to sign in to Upwork at %s", self.endpoints.authorize)
            self._start_opening()
            code = await self._wait_for_code(listener)
        finally:
            await self._stop_opening()
            if listener is not None:
                await listener.close()
        self._set_phase(SignInPhase.FINISHING)
        tokens = await self._exchange(code)
        me = await self._who_signed_in(tokens)
        session = Session(self.server_url, me.email or me.id, self._store,
                          grants=UpworkGrants(self.server_url, self.key))
        session.adopt(tokens)
        save_app_key(self._store, self.server_url, self.key)
        self._set_phase(SignInPhase.DONE)
        return SignedIn(session, me)

    async def _wait_for_code(self, listener: RedirectListener | None) -> str:
        from desktop.api.upwork import oauth

        cancelled = asyncio.ensure_future(self._cancelled.wait())
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._timeout
        try:
            while True:
                redirect = asyncio.ensure_future(listener.result()) if listener is not None else None
                pasted = asyncio.ensure_future(self._pasted.get())
                waiters: set[asyncio.Future[Any]] = {cancelled, pasted}
                if redirect is not None:
                    waiters.add(redirect)
                try:
                    done, _ = await asyncio.wait(waiters, timeout=max(0.0, deadline - loop.time()),
                                                 return_when=asyncio.FIRST_COMPLETED)
                finally:
                    for task in (redirect, pasted):
                        if task is not None and not task.done():
                            task.cancel()
                            with contextlib.suppress(asyncio.CancelledError, AtelierError):
                                await task
                if redirect is not None and redirect in done:
                    authorization = redirect.result()
                    assert isinstance(authorization, Authorization)
                    return authorization.code
                if pasted in done:
                    try:
                        return str(oauth.code_from_callback(str(pasted.result()), self._state))
                    except AtelierError as exc:  # a wrong or partial address: say so and keep waiting
                        self.paste_error = exc.notice
                        self._set_phase(SignInPhase.WAITING_FOR_BROWSER)
                        continue
                if cancelled in done:
                    raise SignInError(SignInFailure.CANCELLED, Notice(Code.SIGN_IN_CANCELLED))
                raise SignInError(SignInFailure.TIMED_OUT, Notice(Code.UPWORK_BROWSER_SILENT))
        finally:
            if not cancelled.done():
                cancelled.cancel()

    async def _exchange(self, code: str) -> TokenSet:
        from desktop.api.upwork import oauth

        key = oauth.UpworkAppKey(self.key.client_id, self.key.client_secret)
        try:
            return await oauth.exchange_code(self.endpoints, key, code, self.redirect_uri,
                                             transport=self._transport)
        except (AuthError, RequestRejected) as exc:
            raise SignInError(SignInFailure.CODE_REJECTED, exc.notice) from None
        except OfflineError as exc:
            raise SignInError(SignInFailure.UNREACHABLE, exc.notice) from None

    async def _who_signed_in(self, tokens: TokenSet) -> Freelancer:
        from desktop.api.upwork import UpworkMarketplace

        api = UpworkMarketplace(self.endpoints, StaticTokens(tokens), transport=self._transport)
        try:
            return await api.me()
        except AtelierError as exc:
            raise SignInError(SignInFailure.NO_ACCOUNT,
                              Notice(Code.UPWORK_ACCOUNT_UNREADABLE, (exc.notice,))) from None
        finally:
            await api.aclose()

    def _set_phase(self, phase: SignInPhase) -> None:
        self.phase = phase
        if self._on_phase is not None:
            self._on_phase(phase)
