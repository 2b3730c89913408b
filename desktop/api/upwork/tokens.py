"""A ``TokenSource`` for Upwork: refreshes with the app key and keeps the rotated refresh token.

Upwork rotates refresh tokens on every refresh and lets the old one expire within about 24 h
(upwork/python-upwork-oauth2 issue #11), so each new pair goes to ``on_refresh`` right away for the caller
to store ("Make sure you replace the old token accordingly in your security storage",
upwork/python-upwork-oauth2 ``example/myapp.py``). Concurrent 401s cause one refresh only.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import httpx

from desktop.api.auth import TokenSet
from desktop.api.upwork import oauth
from desktop.api.upwork.endpoints import UpworkEndpoints
from desktop.core.errors import AtelierError, AuthError

log = logging.getLogger("atelier.api.upwork")


class UpworkTokens:
    REFRESH_MARGIN_SECONDS = 60.0

    def __init__(
        self,
        tokens: TokenSet,
        endpoints: UpworkEndpoints,
        key: oauth.UpworkAppKey,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        on_refresh: Callable[[TokenSet], Awaitable[None] | None] | None = None,
    ) -> None:
        self._tokens = tokens
        self._endpoints = endpoints
        self._key = key
        self._transport = transport
        self._on_refresh = on_refresh
        self._lock = asyncio.Lock()

    @property
    def tokens(self) -> TokenSet:
        return self._tokens

    def __repr__(self) -> str:
        return f"UpworkTokens({self._tokens!r})"

    async def access_token(self) -> str | None:
        if self._tokens.refresh_token and self._tokens.expires_within(self.REFRESH_MARGIN_SECONDS):
            async with self._lock:
                if self._tokens.expires_within(self.REFRESH_MARGIN_SECONDS):
                    try:
                        await self._refresh()
                    except AtelierError as exc:  # send the old token; a 401 will decide
                        log.info("proactive Upwork token refresh failed: %s", type(exc).__name__)
        return self._tokens.access_token

    async def refresh_after_unauthorized(self, rejected_token: str | None) -> bool:
        async with self._lock:
            if rejected_token != self._tokens.access_token:
                return True  # refreshed while that request was in flight
            if not self._tokens.refresh_token:
                return False
            try:
                await self._refresh()
            except AuthError:
                return False
            return True

    async def _refresh(self) -> None:
        assert self._tokens.refresh_token
        fresh = await oauth.refresh(
            self._endpoints, self._key, self._tokens.refresh_token, transport=self._transport
        )
        self._tokens = fresh
        if self._on_refresh is not None:
            result = self._on_refresh(fresh)
            if result is not None:
                await result
