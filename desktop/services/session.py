"""The signed-in session: which account on which server, and its tokens.

Tokens are kept in memory and in the OS keychain (desktop.credentials), nowhere else. A refresh after a
401 is single-flight: when many requests fail together, one refresh runs and the others reuse its result.
"""

from __future__ import annotations

import asyncio
import json
import logging
from datetime import datetime, timedelta

from desktop.api.auth import TokenSet, password_grant, refresh_grant
from desktop.core.clock import format_ts, parse_ts, utcnow
from desktop.core.errors import AtelierError, AuthError
from desktop.credentials import CredentialStore

log = logging.getLogger("atelier.session")

# Refresh a little before expiry so a request never leaves with a token about to die.
EXPIRY_MARGIN = timedelta(seconds=30)


def _encode(tokens: TokenSet) -> str:
    return json.dumps({
        "access_token": tokens.access_token,
        "refresh_token": tokens.refresh_token,
        "expires_at": format_ts(tokens.expires_at),
        "token_type": tokens.token_type,
    })


def _decode(text: str) -> TokenSet | None:
    try:
        raw = json.loads(text)
        return TokenSet(
            access_token=str(raw["access_token"]),
            refresh_token=str(raw["refresh_token"]) if raw.get("refresh_token") else None,
            expires_at=parse_ts(str(raw["expires_at"])),
            token_type=str(raw.get("token_type", "Bearer")),
        )
    except (ValueError, KeyError, TypeError):
        log.warning("stored credentials are unreadable; signing in again is needed")
        return None


class Session:
    """Implements the api layer's TokenSource for one account on one server."""

    def __init__(self, server_url: str, account: str, store: CredentialStore,
                 tokens: TokenSet | None = None) -> None:
        self.server_url = server_url.rstrip("/")
        self.account = account
        self._store = store
        self._tokens = tokens
        self._refreshing: asyncio.Future[bool] | None = None
        self.on_signed_out: list[object] = []

    @property
    def entry(self) -> str:
        return CredentialStore.entry_name(self.server_url, self.account)

    @property
    def signed_in(self) -> bool:
        return self._tokens is not None

    @property
    def keychain_persistent(self) -> bool:
        return self._store.persistent

    @classmethod
    def restore(cls, server_url: str, account: str, store: CredentialStore) -> Session:
        """The session as the keychain remembers it (possibly signed out)."""
        session = cls(server_url, account, store)
        stored = store.get(session.entry)
        session._tokens = _decode(stored) if stored else None
        return session

    async def sign_in_with_password(self, password: str) -> None:
        tokens = await password_grant(self.server_url, self.account, password)
        self._adopt(tokens)

    def _adopt(self, tokens: TokenSet) -> None:
        self._tokens = tokens
        self._store.set(self.entry, _encode(tokens))

    def sign_out(self) -> None:
        self._tokens = None
        self._store.delete(self.entry)

    # -- TokenSource ---------------------------------------------------------------------------------------
    async def access_token(self) -> str | None:
        tokens = self._tokens
        if tokens is None:
            return None
        if tokens.refresh_token and tokens.expires_at - EXPIRY_MARGIN <= utcnow():
            await self._refresh_once(tokens.access_token)
            tokens = self._tokens
        return tokens.access_token if tokens else None

    async def refresh_after_unauthorized(self, rejected_token: str | None) -> bool:
        current = self._tokens
        if current is None:
            return False
        if rejected_token is not None and rejected_token != current.access_token:
            return True  # someone refreshed while that request was in flight
        return await self._refresh_once(current.access_token)

    async def _refresh_once(self, stale_access_token: str) -> bool:
        if self._refreshing is not None:
            return await asyncio.shield(self._refreshing)
        loop = asyncio.get_running_loop()
        self._refreshing = loop.create_future()
        try:
            ok = await self._do_refresh(stale_access_token)
            self._refreshing.set_result(ok)
            return ok
        except BaseException as exc:
            self._refreshing.set_exception(exc)
            raise
        finally:
            waiter = self._refreshing
            self._refreshing = None
            if waiter.done() and not waiter.cancelled():
                waiter.exception()  # mark retrieved; each caller already got it

    async def _do_refresh(self, stale_access_token: str) -> bool:
        tokens = self._tokens
        if tokens is None or tokens.refresh_token is None:
            return False
        if tokens.access_token != stale_access_token:
            return True
        try:
            fresh = await refresh_grant(self.server_url, tokens.refresh_token)
        except AuthError:
            log.warning("token refresh refused; signed out")
            self.sign_out()
            return False
        except AtelierError:
            raise
        self._adopt(fresh)
        log.info("access token refreshed")
        return True

    def expires_at(self) -> datetime | None:
        return self._tokens.expires_at if self._tokens else None
