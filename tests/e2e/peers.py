"""The marketplaces the end-to-end stories run against, behind one face: the reference server and the
Upwork-shaped one. Each knows how to sign the freelancer in (settings + keychain, as the sign-in screen
leaves them), what a client does on its side (read a room, reply), and how to misbehave."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any, Protocol

import httpx

from desktop.api.auth import TokenSet
from desktop.core.clock import utcnow
from desktop.credentials import CredentialStore
from desktop.sandbox.faults import FaultKind
from desktop.services.marketplaces import AppKey, MarketplaceKind, UpworkGrants, save_app_key
from desktop.services.session import Session
from desktop.settings import Settings

REFERENCE_DEMO = "demo@atelier.test"


class Peer(Protocol):
    kind: MarketplaceKind
    server: Any
    account: str
    live_within: float
    """Seconds within which a client's message shows in the open room (push: 1 s; polling: the interval)."""

    @property
    def url(self) -> str: ...

    def sign_in(self, paths: Any) -> None: ...

    def access_token(self) -> str: ...

    def room_id(self) -> str: ...

    def bodies_in(self, room_id: str) -> list[str]:
        """The room's messages on the marketplace, oldest first."""
        ...

    def client_says(self, room_id: str, body: str) -> None: ...

    def break_with(self, kind: FaultKind) -> None:
        """Make every request fail: "error" (5xx), "rate_limit" (429) or "garbage" (not JSON)."""
        ...

    def mend(self) -> None: ...

    def close(self) -> None: ...


class ReferencePeer:
    kind = MarketplaceKind.REFERENCE
    account = REFERENCE_DEMO
    live_within = 1.0

    def __init__(self, tmp: Path) -> None:
        from desktop.sandbox.harness import SandboxServer

        self.server = SandboxServer(tmp / "marketplace.sqlite3", seed=7, jobs=300, simulate=False,
                                    keepalive_interval=1.0).start()
        self._clients: dict[str, httpx.Client] = {}

    @property
    def url(self) -> str:
        return str(self.server.url)

    def sign_in(self, paths: Any) -> None:
        Settings(server_url=self.url, account=self.account).save(paths.settings_file)
        session = Session(self.url, self.account, CredentialStore())
        session.adopt(TokenSet(self.server.token_for(self.account), None, utcnow() + timedelta(hours=1)))

    def access_token(self) -> str:
        return str(self.server.token_for(self.account))

    def _http(self, email: str) -> httpx.Client:
        if email not in self._clients:
            self._clients[email] = httpx.Client(
                base_url=self.url, timeout=10,
                headers={"Authorization": f"Bearer {self.server.token_for(email)}"})
        return self._clients[email]

    def room_id(self) -> str:
        rooms = self._http("client2@atelier.test").get("/v1/rooms").json()["items"]
        return str(rooms[0]["id"])

    def bodies_in(self, room_id: str) -> list[str]:
        http = self._http(self.account)
        items: list[Any] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"limit": 500, **({"cursor": cursor} if cursor else {})}
            page = http.get(f"/v1/rooms/{room_id}/messages", params=params).json()
            items += page["items"]
            cursor = page["next_cursor"]
            if not cursor:
                return [m["body"] for m in reversed(items)]

    def client_says(self, room_id: str, body: str) -> None:
        response = self._http("client2@atelier.test").post(f"/v1/rooms/{room_id}/messages",
                                                           json={"body": body})
        response.raise_for_status()

    def break_with(self, kind: FaultKind) -> None:
        self.server.faults.add(kind, count=None, path_prefix="/v1/me")

    def mend(self) -> None:
        self.server.faults.clear()

    def close(self) -> None:
        for http in self._clients.values():
            http.close()
        self.server.stop()


class UpworkPeer:
    kind = MarketplaceKind.UPWORK
    live_within = 10.0 + 3.0  # the open room's poll interval (UPWORK_CAPABILITIES.poll), and a margin

    def __init__(self, tmp: Path) -> None:
        from desktop.sandbox.upwork.harness import UpworkSandboxServer

        self.server = UpworkSandboxServer(tmp / "upwork.sqlite3", seed=7, simulate=False).start()
        self.account = str(self.server.DEMO_EMAIL)

    @property
    def url(self) -> str:
        return str(self.server.url)

    def sign_in(self, paths: Any) -> None:
        settings = Settings()
        settings.remember_account(self.url, self.account, self.kind.value)
        settings.save(paths.settings_file)
        store = CredentialStore()
        key = AppKey(self.server.CLIENT_ID, self.server.CLIENT_SECRET)
        save_app_key(store, self.url, key)
        issued = self.server.issue_tokens()
        now = utcnow()
        session = Session(self.url, self.account, store, grants=UpworkGrants(self.url, key))
        session.adopt(TokenSet(issued["access_token"], issued["refresh_token"],
                               now + timedelta(seconds=float(issued["expires_in"])), "Bearer", now))

    def access_token(self) -> str:
        return str(self.server.issue_tokens()["access_token"])

    def room_id(self) -> str:
        for room_id in self.server.room_ids():
            if self.server.shared.simulator.client_in(room_id) is not None:
                return room_id
        raise AssertionError("no room with a client")

    def bodies_in(self, room_id: str) -> list[str]:
        return [str(s["message"]) for s in self.server.stories(room_id) if s["message"]]

    def client_says(self, room_id: str, body: str) -> None:
        self.server.add_client_reply(room_id, body)

    def break_with(self, kind: FaultKind) -> None:
        faults = self.server.faults
        if kind == "garbage":
            for _ in range(200):
                faults.garbage_next()
        else:
            faults.fail_next(count=1000, status=429 if kind == "rate_limit" else 502)

    def mend(self) -> None:
        self.server.faults.clear()

    def close(self) -> None:
        self.server.stop()


def make_peer(kind: str, tmp: Path) -> Peer:
    return ReferencePeer(tmp) if kind == "reference" else UpworkPeer(tmp)
