"""Which adapter an account uses, and what else a marketplace needs to open one (Upwork: the user's API key).

An account is one marketplace adapter plus one cache file. Its kind is chosen once, when it is signed in,
and remembered with it (settings.KnownAccount.kind); from then on everything above this module branches on
the adapter's ``Capabilities``, never on the kind.
"""

from __future__ import annotations

import enum
import json
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from desktop.core.capabilities import Capabilities
from desktop.core.errors import AuthError
from desktop.core.notices import Code, Notice
from desktop.credentials import CredentialStore
from desktop.services.session import ReferenceGrants, Session, TokenGrants

if TYPE_CHECKING:  # the adapters import httpx: only when an account's marketplace is opened
    from desktop.api.port import Marketplace
    from desktop.api.tokens import TokenSet

log = logging.getLogger("atelier.services")

UPWORK_API = "https://api.upwork.com"
"""The address an account on the real Upwork is kept under (a local Upwork-shaped server has its own)."""


class MarketplaceKind(enum.StrEnum):
    REFERENCE = "reference"
    """Atelier's own API (resources/openapi.json): the reference server, or any marketplace speaking it."""
    UPWORK = "upwork"
    """Upwork's GraphQL API, or a local server shaped like it (desktop.sandbox.upwork)."""

    @classmethod
    def parse(cls, text: str) -> MarketplaceKind:
        try:
            return cls(text)
        except ValueError:
            return cls.REFERENCE


@dataclass(frozen=True, slots=True, repr=False)
class AppKey:
    """A developer's API key (Upwork issues them per developer: each user brings their own)."""

    client_id: str
    client_secret: str
    redirect_uri: str = field(default="", compare=False)
    """The callback address registered with the key (remembered so "Sign in again" needs no typing)."""

    def __repr__(self) -> str:
        return f"AppKey(client_id={self.client_id!r}, client_secret=<hidden>)"


def _key_entry(server_url: str) -> str:
    return f"app-key {server_url.rstrip('/')}"


def load_app_key(store: CredentialStore, server_url: str) -> AppKey | None:
    """The API key kept in the keychain for this marketplace (asked once, kept across sign-outs)."""
    stored = store.get(_key_entry(server_url))
    if not stored:
        return None
    try:
        raw = json.loads(stored)
        return AppKey(str(raw["client_id"]), str(raw["client_secret"]), str(raw.get("redirect_uri", "")))
    except (ValueError, KeyError, TypeError):
        log.warning("the stored API key is unreadable; it will be asked for again")
        return None


def save_app_key(store: CredentialStore, server_url: str, key: AppKey) -> None:
    store.set(_key_entry(server_url), json.dumps(
        {"client_id": key.client_id, "client_secret": key.client_secret, "redirect_uri": key.redirect_uri}))


def forget_app_key(store: CredentialStore, server_url: str) -> None:
    store.delete(_key_entry(server_url))


class UpworkGrants:
    """Upwork's token endpoint with the user's API key; Upwork has no revocation endpoint."""

    def __init__(self, server_url: str, key: AppKey | None) -> None:
        self._server_url = server_url  # the adapter's package (httpx) is imported at the first refresh
        self._key = key

    async def refresh(self, refresh_token: str) -> TokenSet:
        from desktop.api.upwork import oauth
        from desktop.api.upwork.endpoints import UpworkEndpoints

        if self._key is None:
            raise AuthError(Notice(Code.UPWORK_KEY_MISSING))
        key = oauth.UpworkAppKey(self._key.client_id, self._key.client_secret)
        return await oauth.refresh(UpworkEndpoints.for_server(self._server_url), key, refresh_token)

    async def revoke(self, tokens: TokenSet) -> bool:
        return False  # signing out forgets the tokens here; Upwork's API offers no way to end them early


def grants_for(kind: MarketplaceKind, server_url: str, store: CredentialStore) -> TokenGrants:
    if kind is MarketplaceKind.UPWORK:
        return UpworkGrants(server_url, load_app_key(store, server_url))
    return ReferenceGrants(server_url)


def open_marketplace(kind: MarketplaceKind, session: Session) -> Marketplace:
    """The adapter for this account (no network: it connects on first use)."""
    if kind is MarketplaceKind.UPWORK:
        from desktop.api.upwork import UpworkMarketplace
        from desktop.api.upwork.endpoints import UpworkEndpoints

        return UpworkMarketplace(UpworkEndpoints.for_server(session.server_url), session)
    from desktop.api.client import MarketplaceClient

    return MarketplaceClient(session.server_url, session)


def capabilities_of(kind: MarketplaceKind) -> Capabilities:
    """What a kind of marketplace can do, before any adapter exists (the sign-in screen says it, the window's
    first frame is drawn with it)."""
    from desktop.api.capabilities import REFERENCE_CAPABILITIES, UPWORK_CAPABILITIES

    return UPWORK_CAPABILITIES if kind is MarketplaceKind.UPWORK else REFERENCE_CAPABILITIES
