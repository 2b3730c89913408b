"""The signed-in session: which account on which server, and its tokens.

Tokens are kept in memory and in the OS keychain (desktop.credentials), nowhere else. A refresh (ahead of
expiry, or after a 401) is single-flight: when many requests fail together, one refresh runs and the others
reuse its result. Servers rotate refresh tokens (Upwork's old one dies within 24 h), so every refresh
stores the new pair at once, as one keychain entry: there is no moment with a new access token and an old
refresh token on disk.

How tokens are renewed and revoked depends on the marketplace (``TokenGrants``): the reference API's own
``/oauth/token``, or Upwork's token endpoint with the user's API key. The grants (httpx) are imported when a
token is first renewed, not when a session is opened: the window shows the cache before any request.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from datetime import timedelta
from typing import Protocol

from desktop.api.tokens import TokenSet
from desktop.core.clock import format_ts, parse_ts, utcnow
from desktop.core.errors import AtelierError, AuthError
from desktop.core.notices import Notice
from desktop.credentials import CredentialStore

log = logging.getLogger("atelier.session")

# Refresh a little before expiry so a request never leaves with a token about to die: 30 s, or a tenth of
# the token's lifetime when that is shorter (a server handing out 2-second tokens is not refreshed always).
EXPIRY_MARGIN = timedelta(seconds=30)


def expiry_margin(tokens: TokenSet) -> timedelta:
    lifetime = tokens.lifetime
    return EXPIRY_MARGIN if lifetime is None else min(EXPIRY_MARGIN, lifetime / 10)


def _encode(tokens: TokenSet) -> str:
    return json.dumps({
        "access_token": tokens.access_token,
        "refresh_token": tokens.refresh_token,
        "expires_at": format_ts(tokens.expires_at),
        "token_type": tokens.token_type,
        "issued_at": format_ts(tokens.issued_at) if tokens.issued_at else None,
    })


def _decode(text: str) -> TokenSet | None:
    try:
        raw = json.loads(text)
        return TokenSet(
            access_token=str(raw["access_token"]),
            refresh_token=str(raw["refresh_token"]) if raw.get("refresh_token") else None,
            expires_at=parse_ts(str(raw["expires_at"])),
            token_type=str(raw.get("token_type", "Bearer")),
            issued_at=parse_ts(str(raw["issued_at"])) if raw.get("issued_at") else None,
        )
    except (ValueError, KeyError, TypeError):
        log.warning("stored credentials are unreadable; signing in again is needed")
        return None


class TokenGrants(Protocol):
    """How one marketplace renews and revokes a sign-in."""

    async def refresh(self, refresh_token: str) -> TokenSet:
        """A new pair for this refresh token (AuthError when the marketplace refuses it)."""
        ...

    async def revoke(self, tokens: TokenSet) -> bool:
        """End the grant on the marketplace; best effort, True when it confirmed."""
        ...


class ReferenceGrants:
    """The reference API: ``POST /oauth/token`` and RFC 7009 revocation on the same server."""

    def __init__(self, server_url: str) -> None:
        self._server_url = server_url.rstrip("/")

    async def refresh(self, refresh_token: str) -> TokenSet:
        from desktop.api.auth import refresh_grant

        return await refresh_grant(self._server_url, refresh_token)

    async def revoke(self, tokens: TokenSet) -> bool:
        from desktop.api.oauth import revoke_token

        if tokens.refresh_token:  # revoking the refresh token ends its whole grant, access tokens included
            return await revoke_token(self._server_url, tokens.refresh_token, "refresh_token")
        return await revoke_token(self._server_url, tokens.access_token, "access_token")


class Session:
    """Implements the api layer's TokenSource for one account on one server."""

    def __init__(self, server_url: str, account: str, store: CredentialStore,
                 tokens: TokenSet | None = None, *, grants: TokenGrants | None = None) -> None:
        self.server_url = server_url.rstrip("/")
        self.account = account
        self._store = store
        self._tokens = tokens
        self.grants: TokenGrants = grants or ReferenceGrants(self.server_url)
        self._refreshing: asyncio.Future[bool] | None = None
        # Called with why, for the user, when the server ends the sign-in (refresh refused).
        self.on_signed_out: list[Callable[[Notice], None]] = []
        self.refresh_count = 0

    @property
    def entry(self) -> str:
        return CredentialStore.entry_name(self.server_url, self.account)

    @property
    def signed_in(self) -> bool:
        return self._tokens is not None

    @property
    def tokens(self) -> TokenSet | None:
        return self._tokens

    @property
    def keychain_persistent(self) -> bool:
        return self._store.persistent

    @classmethod
    def restore(cls, server_url: str, account: str, store: CredentialStore, *,
                grants: TokenGrants | None = None) -> Session:
        """The session as the keychain remembers it (possibly signed out)."""
        session = cls(server_url, account, store, grants=grants)
        session.load_stored_tokens()
        return session

    def load_stored_tokens(self) -> None:
        """Read this account's tokens from the keychain (blocking: may talk to the OS keychain service)."""
        stored = self._store.get(self.entry)
        self._tokens = _decode(stored) if stored else None

    async def sign_in_with_password(self, password: str) -> None:
        from desktop.api.auth import password_grant

        tokens = await password_grant(self.server_url, self.account, password)
        self.adopt(tokens)

    def adopt(self, tokens: TokenSet) -> None:
        """Use these tokens from now on and keep them in the keychain (memory only when there is none)."""
        self._tokens = tokens
        self._store.set(self.entry, _encode(tokens))

    def sign_out(self) -> None:
        """Forget the tokens here and in the keychain (``revoke()`` first tells the server)."""
        self._tokens = None
        self._store.delete(self.entry)

    async def revoke(self) -> bool:
        """Ask the server to revoke this sign-in (RFC 7009); best effort, True when it confirmed."""
        tokens = self._tokens
        if tokens is None:
            return False
        return await self.grants.revoke(tokens)

    # -- TokenSource ---------------------------------------------------------------------------------------
    async def access_token(self) -> str | None:
        tokens = self._tokens
        if tokens is None:
            return None
        if tokens.refresh_token and tokens.expires_at - expiry_margin(tokens) <= utcnow():
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
            fresh = await self.grants.refresh(tokens.refresh_token)
        except AuthError as exc:
            # The refresh token expired or was revoked: the stored pair is useless now. The cache and the
            # outbox stay; signing in again picks up where this left off.
            log.warning("token refresh refused; signed out")
            self.sign_out()
            for listener in list(self.on_signed_out):
                listener(exc.notice)
            return False
        except AtelierError:
            raise
        if fresh.refresh_token is None:  # a server that does not rotate keeps the old one valid
            fresh = TokenSet(fresh.access_token, tokens.refresh_token, fresh.expires_at, fresh.token_type,
                             fresh.issued_at)
        self.adopt(fresh)
        self.refresh_count += 1
        log.info("access token refreshed")
        return True
